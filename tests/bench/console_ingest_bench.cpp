// The console under event load, measured and printed, never asserted:
//
//   stall  a real LivePage (offscreen, shown) bound to a real LogIngest on a
//          temporary store, fed synthetic events at RATE events/s for SECONDS
//          through LogIngest::ingest in 100 ms batches (as EventSync delivers
//          them; the batches are built on the GUI thread too, as EventSync
//          parses there). A 5 ms timer on the GUI thread records how late it
//          fires: the longest and the 99th percentile are how long the window
//          could not react. Target: max GUI stall < 50 ms.
//   rss    opens a store holding N events (filled first by a child process, so
//          the filling leaves no trace in this process's figures; or an
//          existing store given by path), lets the Live page read every chart
//          range and every top-list window, then prints VmHWM and VmRSS from
//          /proc/self/status. Target: console RSS < 200 MB with 10 M events.
//   fill   N events into PATH through LogStore::ingest in big batches: two
//          proxies, the last week of pull-shaped traffic (used by rss).
//
//          With MAXEVENTS > 0 retention (keep at most that many events) runs
//          on the worker meanwhile, as it does in the console.
//
// usage: console_ingest_bench stall [seconds=20] [rate=20000] [dir=$TMPDIR|-] [maxevents=0]
//        console_ingest_bench rss [events=1000000 | store.db] [dir=$TMPDIR]
//        console_ingest_bench fill N PATH

#include "core/client/LogIngest.h"
#include "core/store/LogStore.h"
#include "ui/LivePage.h"
#include "ui/LiveTailModel.h"
#include "ui/TopListModels.h"

#include <QApplication>
#include <QDir>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace nsgate;

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

// Pull-shaped: a few namespaces (one unmapped), mostly blob hits, 50 k
// digests, 250 clients, a few requests without ns.
model::Event makeEvent(std::int64_t seq, std::int64_t timeMs)
{
    static const char* const kNs[] = {"docker.io", "ghcr.io", "quay.io", "registry.k8s.io", "gcr.io"};
    static const char* const kRepos[] = {"library/alpine", "library/busybox", "org/app", "org/db", "infra/proxy",
                                         "team/api", "team/web", "mirror/debian"};
    const auto i = static_cast<std::uint64_t>(seq);
    model::Event e;
    e.seq = seq;
    e.timeMs = timeMs;
    e.method = i % 9 == 0 ? "HEAD" : "GET";
    e.object = i % 5 == 0 ? model::ObjectKind::Manifest : model::ObjectKind::Blob;
    e.requestedNs = kNs[i % 5];
    e.client = "10.0.0." + std::to_string(i % 250);
    if (i % 23 == 0) {
        e.requestedNs = "unmapped" + std::to_string(i % 7) + ".example";
        e.mismatch = model::Mismatch::Unmapped;
        e.decision = model::Decision::Rejected;
        e.status = 404;
    } else if (i % 97 == 0) {
        e.requestedNs.reset();
        e.mismatch = model::Mismatch::Missing;
        e.decision = model::Decision::Rejected;
        e.status = 404;
    } else {
        e.servedNs = e.requestedNs;
        e.cache = i % 10 == 0 ? model::CacheResult::Miss : model::CacheResult::Hit;
        e.status = 200;
        e.bytes = static_cast<std::int64_t>(1000 + i % 100000);
        char digest[80];
        const auto k = splitmix64(i) % 50000;
        std::snprintf(digest, sizeof digest, "sha256:%016llx%016llx%016llx%016llx",
                      static_cast<unsigned long long>(splitmix64(4 * k)),
                      static_cast<unsigned long long>(splitmix64(4 * k + 1)),
                      static_cast<unsigned long long>(splitmix64(4 * k + 2)),
                      static_cast<unsigned long long>(splitmix64(4 * k + 3)));
        e.digest = digest;
        e.mediaType = e.object == model::ObjectKind::Manifest ? "application/vnd.oci.image.index.v1+json"
                                                              : "application/vnd.oci.image.layer.v1.tar+gzip";
        if (e.cache == model::CacheResult::Miss)
            e.upstream = "https://" + *e.servedNs;
    }
    e.repository = kRepos[splitmix64(i * 31) % 8];
    e.reference = e.object == model::ObjectKind::Manifest ? "1.0" : "";
    e.durationMs = 0.1 * static_cast<double>(i % 50);
    e.userAgent = "containerd/1.6.20~ds1";
    return e;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto k = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1));
    return v[k];
}

QString procStatus(const char* key)
{
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly))
        return "?";
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return QString::fromLatin1(line.mid(int(qstrlen(key)))).simplified();
    return "?";
}

// Runs the event loop until `done` or `timeoutMs`; false on timeout. Checks
// every 10 ms from a timer: a processEvents() spin would eat the core the
// ingest worker needs.
bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QElapsedTimer t;
    t.start();
    QTimer check;
    check.setInterval(10);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || t.elapsed() > timeoutMs)
            loop.quit();
    });
    check.start();
    loop.exec();
    return done();
}

// Times every event the GUI thread dispatches at the top level, so the
// longest stall can be named: receiver class, object name and event type
// (QEvent::Type: 1 Timer, 43 MetaCall (queued calls, e.g. ingested()),
// 76 LayoutRequest, 77 UpdateRequest (painting)).
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (m_depth++ > 0) {
            const bool r = QApplication::notify(receiver, event);
            --m_depth;
            return r;
        }
        QElapsedTimer t;
        t.start();
        const QString what = m_recording ? QStringLiteral("%1 \"%2\", event type %3")
                                               .arg(QLatin1String(receiver->metaObject()->className()),
                                                    receiver->objectName())
                                               .arg(int(event->type()))
                                         : QString();
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (m_recording && ms > m_slowestMs) {
            m_slowestMs = ms;
            m_slowest = what;
        }
        if (m_recording && ms >= 10) {
            auto& [count, worst] = m_slow[what];
            ++count;
            worst = std::max(worst, ms);
        }
        return r;
    }

    void setRecording(bool on) { m_recording = on; }
    double slowestMs() const { return m_slowestMs; }
    QString slowest() const { return m_slowest; }
    // Events of 10 ms or more: what -> (how often, longest).
    const std::map<QString, std::pair<int, double>>& slow() const { return m_slow; }

private:
    int m_depth = 0;
    bool m_recording = false;
    double m_slowestMs = 0;
    QString m_slowest;
    std::map<QString, std::pair<int, double>> m_slow;
};

int fill(std::int64_t count, const QString& path)
{
    auto store = store::LogStore::open(path.toStdString());
    if (!store) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), store.error().message.c_str());
        return 1;
    }
    // A week ending now, evenly spread over two proxies.
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    const std::int64_t first = now - 7 * kDayMs;
    const std::int64_t perProxy = (count + 1) / 2;
    const double step = double(7 * kDayMs) / double(std::max<std::int64_t>(1, perProxy));
    constexpr std::int64_t kBatch = 50000;
    QElapsedTimer t;
    t.start();
    std::vector<model::Event> batch;
    batch.reserve(kBatch);
    for (int proxy = 0; proxy < 2; ++proxy) {
        const std::string id = "bench-proxy-" + std::to_string(proxy + 1);
        const std::int64_t n = proxy == 0 ? perProxy : count - perProxy;
        for (std::int64_t seq = 1; seq <= n;) {
            batch.clear();
            for (; seq <= n && std::int64_t(batch.size()) < kBatch; ++seq)
                batch.push_back(makeEvent(seq, first + std::int64_t(double(seq) * step)));
            if (auto r = store->ingest(id, batch); !r) {
                std::fprintf(stderr, "ingest failed: %s\n", r.error().message.c_str());
                return 1;
            }
        }
    }
    std::printf("filled %lld events into %s in %.1f s\n", static_cast<long long>(count), qPrintable(path),
                double(t.elapsed()) / 1000.0);
    return 0;
}

int stall(int seconds, int rate, const QString& dirPath, std::int64_t maxEvents)
{
    QTemporaryDir dir(dirPath.isEmpty() ? QDir::tempPath() + "/console_ingest_bench-XXXXXX"
                                        : dirPath + "/console_ingest_bench-XXXXXX");
    if (!dir.isValid())
        return 1;
    client::LogIngest ingest(dir.filePath("events.db"));
    ui::LivePage page;
    page.setIngest(&ingest);
    page.resize(1400, 1000);
    page.show();
    std::int64_t pruned = 0;
    int passes = 0;
    if (maxEvents > 0) {
        store::RetentionPolicy policy;
        policy.maxEvents = maxEvents;
        ingest.setRetention(policy);
        // Every pass of this bench is triggered by growth or the minute timer.
        QObject::connect(&ingest, &client::LogIngest::retentionDone, [&](const store::RetentionReport& r) {
            pruned += r.eventsDeleted;
            ++passes;
        });
    }

    std::int64_t stored = 0, summaries = 0;
    QObject::connect(&ingest, &client::LogIngest::ingested, [&](const client::IngestSummary& s) {
        stored += s.inserted;
        ++summaries;
    });
    int countersShown = 0, topsShown = 0;
    QObject::connect(&page, &ui::LivePage::countersUpdated, [&] { ++countersShown; });
    QObject::connect(&page, &ui::LivePage::topsUpdated, [&] { ++topsShown; });

    // The probe: a 5 ms timer; how late each timeout comes is how long the loop was busy.
    std::vector<double> lateness;
    QElapsedTimer clock;
    clock.start();
    qint64 lastNs = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 nowNs = clock.nsecsElapsed();
        lateness.push_back(std::max(0.0, double(nowNs - lastNs) / 1e6 - 5.0));
        lastNs = nowNs;
    });

    const int perBatch = rate / 10;
    const int batches = seconds * 10;
    std::int64_t seq = 0;
    int sent = 0;
    double buildMs = 0;
    QTimer feed;
    feed.setTimerType(Qt::PreciseTimer);
    feed.setInterval(100);
    QObject::connect(&feed, &QTimer::timeout, [&] {
        QElapsedTimer b;
        b.start();
        QList<model::Event> events;
        events.reserve(perBatch);
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < perBatch; ++i)
            events << makeEvent(++seq, now - 100 + i * 100 / perBatch);
        buildMs += double(b.nsecsElapsed()) / 1e6;
        ingest.ingest("bench-proxy-1", events);
        if (++sent == batches)
            feed.stop();
    });
    // Let the page settle before measuring.
    waitFor([&] { return countersShown > 0; }, 10000);
    auto* app = static_cast<TimingApplication*>(QCoreApplication::instance());
    app->setRecording(true);
    probe.start();
    lastNs = clock.nsecsElapsed();
    feed.start();
    QElapsedTimer wall;
    wall.start();
    waitFor([&] { return sent == batches; }, seconds * 1000 + 60000);
    const double feedS = double(wall.elapsed()) / 1000.0;
    const auto fedLateness = lateness;
    app->setRecording(false);
    const bool caughtUp = waitFor([&] { return stored == seq; }, 120000);
    const double drainS = double(wall.elapsed()) / 1000.0 - feedS;
    probe.stop();

    double worst = 0;
    for (double v : fedLateness)
        worst = std::max(worst, v);
    std::printf("fed %lld events in %d batches of %d over %.1f s (%.0f events/s offered)\n",
                static_cast<long long>(seq), batches, perBatch, feedS, double(seq) / feedS);
    std::printf("stored %lld events%s; %.1f s after the last batch; %lld ingested() signals, %d counter refreshes, "
                "%d top-list refreshes\n",
                static_cast<long long>(stored), caughtUp ? "" : " (NOT caught up)", drainS,
                static_cast<long long>(summaries), countersShown, topsShown);
    if (maxEvents > 0)
        std::printf("retention (at most %lld events): %d passes deleted %lld events\n",
                    static_cast<long long>(maxEvents), passes, static_cast<long long>(pruned));
    std::printf("building the batches on the GUI thread: %.1f ms per batch\n", buildMs / std::max(1, sent));
    std::printf("GUI event loop lateness while fed (%zu samples of a 5 ms timer): p50 %.2f ms, p99 %.2f ms\n",
                fedLateness.size(), percentile(fedLateness, 50), percentile(fedLateness, 99));
    std::printf("max GUI stall %.1f ms (target < 50 ms)\n", worst);
    std::printf("slowest single GUI event while fed: %.1f ms (%s)\n", app->slowestMs(), qPrintable(app->slowest()));
    for (const auto& [what, stat] : app->slow())
        std::printf("  events of 10 ms or more: %3d x, longest %5.1f ms: %s\n", stat.first, stat.second,
                    qPrintable(what));
    std::printf("tail rows %d; VmHWM %s, VmRSS %s\n", page.tailModel()->rowCount(), qPrintable(procStatus("VmHWM:")),
                qPrintable(procStatus("VmRSS:")));
    return 0;
}

int rss(const QString& what, const QString& dirPath)
{
    QTemporaryDir dir(dirPath.isEmpty() ? QDir::tempPath() + "/console_ingest_bench-XXXXXX"
                                        : dirPath + "/console_ingest_bench-XXXXXX");
    QString path = what;
    bool isNumber = false;
    const qlonglong n = what.toLongLong(&isNumber);
    if (isNumber) {
        if (!dir.isValid())
            return 1;
        path = dir.filePath("events.db");
        // A child fills the store, so this process's high-water mark is the console's alone.
        const int status = QProcess::execute(QCoreApplication::applicationFilePath(),
                                             {"fill", QString::number(n), path});
        if (status != 0)
            return 1;
    } else if (!QFileInfo::exists(path)) {
        std::fprintf(stderr, "no store at %s\n", qPrintable(path));
        return 1;
    }
    std::printf("before opening the store: VmHWM %s, VmRSS %s\n", qPrintable(procStatus("VmHWM:")),
                qPrintable(procStatus("VmRSS:")));

    client::LogIngest ingest(path);
    ui::LivePage page;
    page.setTopsInterval(0);
    page.setIngest(&ingest);
    page.resize(1400, 1000);
    page.show();
    std::int64_t events = -1;
    ingest.read<std::int64_t>(&page, [](store::LogStore* s) -> std::int64_t {
        if (!s)
            return -2;
        auto c = s->eventCount();
        return c ? *c : -2;
    }, [&](std::int64_t c) { events = c; });
    waitFor([&] { return events != -1; }, 60000);
    std::printf("store %s: %lld events, %.0f MB on disk\n", qPrintable(path), static_cast<long long>(events),
                double(QFileInfo(path).size()) / 1e6);

    // Every chart range and every top-list window, one read each, timed.
    int countersShown = 0, topsShown = 0;
    QObject::connect(&page, &ui::LivePage::countersUpdated, [&] { ++countersShown; });
    QObject::connect(&page, &ui::LivePage::topsUpdated, [&] { ++topsShown; });
    const char* const ranges[] = {"hour", "day", "week"};
    const qint64 buckets[] = {60000, 300000, 3600000};
    for (int r = 0; r < ui::LiveChart::RangeCount; ++r) {
        QElapsedTimer t;
        t.start();
        const int before = countersShown;
        page.setChartRange(ui::LivePage::ChartRange(r));
        page.refreshCounters();
        waitFor([&] { return countersShown > before && page.chartBucketMs() == buckets[r]; }, 600000);
        std::printf("chart %-4s: %zu buckets of %lld min, counters + chart read in %lld ms\n", ranges[r],
                    page.chartPoints().size(), static_cast<long long>(page.chartBucketMs() / 60000),
                    static_cast<long long>(t.elapsed()));
    }
    const char* const windows[] = {"5 min", "1 h", "24 h"};
    for (int w = 0; w < ui::LivePage::WindowCount; ++w) {
        QElapsedTimer t;
        t.start();
        const int before = topsShown;
        page.setTopWindow(ui::LivePage::Window(w));
        page.refreshCounters();
        waitFor([&] { return topsShown > before; }, 600000);
        std::printf("tops %-5s: %d namespaces, %d repositories, %d mismatch sources, read in %lld ms\n", windows[w],
                    page.topNamespaces()->rowCount(), page.topRepositories()->rowCount(),
                    page.topMismatchSources()->rowCount(), static_cast<long long>(t.elapsed()));
    }
    std::printf("requests in the last 24 h: %lld\n",
                static_cast<long long>(page.counters(ui::LivePage::OneDay).requests));
    std::printf("console VmHWM %s, VmRSS %s (target < 200 MB with 10 M events)\n", qPrintable(procStatus("VmHWM:")),
                qPrintable(procStatus("VmRSS:")));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "fill" && argc > 3) {
        QCoreApplication app(argc, argv);
        return fill(std::atoll(argv[2]), QString::fromLocal8Bit(argv[3]));
    }
    if (mode != "stall" && mode != "rss") {
        std::fprintf(stderr,
                     "usage: console_ingest_bench stall [seconds=20] [rate=20000] [dir] [maxevents=0]\n"
                     "       console_ingest_bench rss [events=1000000 | store.db] [dir]\n"
                     "       console_ingest_bench fill N PATH\n");
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    if (mode == "stall")
        return stall(argc > 2 ? std::atoi(argv[2]) : 20, argc > 3 ? std::atoi(argv[3]) : 20000,
                     argc > 4 && std::string(argv[4]) != "-" ? QString::fromLocal8Bit(argv[4]) : QString(), argc > 5 ? std::atoll(argv[5]) : 0);
    return rss(argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString("1000000"),
               argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString());
}
