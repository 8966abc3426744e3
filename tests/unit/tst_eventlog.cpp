#include "core/proxy/EventLog.h"
#include "core/store/Database.h"
#include "core/store/Statement.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace nsgate;
using namespace nsgate::proxy;
using namespace std::chrono_literals;

namespace {

QString describe(const Error& error)
{
    return QString::fromStdString(error.code + ": " + error.message + " [" + error.detail + "]");
}

constexpr std::int64_t kT0 = 1795813200123; // 2026-11-27T21:00:00.123Z

// A wall clock the test moves by hand; copies share the time.
struct ManualClock
{
    std::shared_ptr<std::atomic<std::int64_t>> ms = std::make_shared<std::atomic<std::int64_t>>(kT0);

    std::function<std::chrono::system_clock::time_point()> function() const
    {
        return [ms = ms] {
            return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms->load()));
        };
    }
    void set(std::int64_t value) const { ms->store(value); }
};

model::Event makeEvent(std::int64_t i, std::int64_t timeMs = kT0)
{
    model::Event e;
    e.timeMs = timeMs;
    e.method = i % 5 == 0 ? "HEAD" : "GET";
    e.object = i % 3 == 0 ? model::ObjectKind::Blob : model::ObjectKind::Manifest;
    e.requestedNs = i % 7 == 0 ? std::nullopt : std::optional<std::string>(i % 2 ? "docker.io" : "ghcr.io");
    e.servedNs = i % 11 == 0 ? std::nullopt : e.requestedNs;
    e.upstream = e.servedNs ? std::optional<std::string>("https://" + *e.servedNs) : std::nullopt;
    e.repository = "library/alpine";
    e.reference = std::to_string(i);
    e.digest = "sha256:" + std::string(64, 'a');
    e.mediaType = "application/vnd.oci.image.index.v1+json";
    e.cache = i % 4 == 0 ? model::CacheResult::Miss : model::CacheResult::Hit;
    e.mismatch = e.requestedNs ? (e.servedNs ? model::Mismatch::None : model::Mismatch::Unmapped)
                               : model::Mismatch::Missing;
    e.decision = e.servedNs ? model::Decision::Served : model::Decision::Rejected;
    e.status = e.servedNs ? 200 : 404;
    e.bytes = i;
    e.durationMs = 0.25 * static_cast<double>(i % 13);
    e.client = "127.0.0.1";
    e.userAgent = "containerd/1.6.20~ds1";
    return e;
}

std::vector<std::int64_t> seqsOf(const std::vector<model::Event>& events)
{
    std::vector<std::int64_t> out;
    for (const auto& e : events)
        out.push_back(e.seq);
    return out;
}

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to)
{
    std::vector<std::int64_t> out;
    for (std::int64_t s = from; s <= to; ++s)
        out.push_back(s);
    return out;
}

} // namespace

#define LOG_OK(expr)                                                                                         \
    do {                                                                                                     \
        const auto& checkedResult_ = (expr);                                                                 \
        QVERIFY2(checkedResult_.ok(),                                                                        \
                 checkedResult_.ok() ? "" : qPrintable(describe(checkedResult_.error())));                   \
    } while (false)

#define LOG_TAKE(var, expr)                                                                                  \
    auto var##Result_ = (expr);                                                                              \
    QVERIFY2(var##Result_.ok(), var##Result_.ok() ? "" : qPrintable(describe(var##Result_.error())));        \
    auto var = std::move(*var##Result_)

class TestEventLog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    std::string path() const { return m_dir->filePath(QStringLiteral("events.db")).toStdString(); }

    // Rows in the file as another process would see them.
    std::int64_t rowsOnDisk() const
    {
        auto db = store::Database::open(path());
        if (!db)
            return -1;
        auto statement = db->prepare("SELECT count(*) FROM events");
        if (!statement)
            return -1;
        auto row = statement->step();
        return row && *row ? statement->columnInt64(0) : -1;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void newLogIsEmpty()
    {
        LOG_TAKE(log, EventLog::open(path()));
        QCOMPARE(log->lastSeq(), 0);
        LOG_TAKE(page, log->page(0, 100));
        QVERIFY(page.events.empty());
        QCOMPARE(page.lastSeq, 0);
        QCOMPARE(page.oldestSeq, 0);
        QVERIFY(!page.gap);
    }

    void invalidOptionsAreRefused_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("negative maxEvents") << 0;
        QTest::newRow("negative maxAgeSeconds") << 1;
        QTest::newRow("zero flushInterval") << 2;
        QTest::newRow("zero batchSize") << 3;
        QTest::newRow("zero queueBound") << 4;
        QTest::newRow("zero pruneInterval") << 5;
        QTest::newRow("negative busyTimeout") << 6;
    }

    void invalidOptionsAreRefused()
    {
        QFETCH(int, which);
        EventLogOptions options;
        switch (which) {
        case 0:
            options.maxEvents = -1;
            break;
        case 1:
            options.maxAgeSeconds = -1;
            break;
        case 2:
            options.flushInterval = 0ms;
            break;
        case 3:
            options.batchSize = 0;
            break;
        case 4:
            options.queueBound = 0;
            break;
        case 5:
            options.pruneInterval = 0ms;
            break;
        case 6:
            options.busyTimeout = -1ms;
            break;
        }
        auto log = EventLog::open(path(), options);
        QVERIFY(!log.ok());
        QCOMPARE(QString::fromStdString(log.error().code), QStringLiteral("eventlog.options.invalid"));
        QVERIFY(!QFile::exists(QString::fromStdString(path())));
    }

    void notADatabaseIsAnError()
    {
        QFile file(QString::fromStdString(path()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        auto log = EventLog::open(path());
        QVERIFY(!log.ok());
        QVERIFY2(log.error().message.find("events.db") != std::string::npos, log.error().message.c_str());
    }

    void seqFollowsAppendOrder()
    {
        LOG_TAKE(log, EventLog::open(path()));
        for (int i = 0; i < 10; ++i)
            QVERIFY(log->append(makeEvent(i)));
        LOG_OK(log->flush());
        QCOMPARE(log->lastSeq(), 10);
        LOG_TAKE(page, log->page(0, 100));
        QCOMPARE(seqsOf(page.events), range(1, 10));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(page.events[static_cast<std::size_t>(i)].reference, std::to_string(i));
        QCOMPARE(page.lastSeq, 10);
        QCOMPARE(page.oldestSeq, 1);
        QVERIFY(!page.gap);
    }

    // Every field, including absent optionals, odd text and extreme numbers,
    // comes back exactly as appended.
    void roundTripIsExact()
    {
        std::vector<model::Event> events;
        events.push_back(makeEvent(1));
        model::Event sparse; // all optionals absent, empty strings
        sparse.timeMs = 1;
        events.push_back(sparse);
        model::Event odd = makeEvent(2);
        odd.method = "GET";
        odd.object = model::ObjectKind::Referrers;
        odd.repository = "a/b-c__d";
        odd.reference = "3.20"; // stays text, not the number 3.2
        odd.requestedNs = "";
        odd.servedNs = "";
        odd.digest = std::nullopt;
        odd.detail =
            std::string("stale: upstream 503 \"quoted\" \xc3\xa9\xe2\x9c\x93 and a NUL:") + '\0' + "after";
        odd.userAgent = std::string("ua\0with nul", 11);
        odd.client = "::1";
        odd.cache = model::CacheResult::None;
        odd.mismatch = model::Mismatch::Conflict;
        odd.decision = model::Decision::Failed;
        odd.status = 502;
        odd.bytes = INT64_MAX;
        odd.durationMs = 0.1 + 0.2; // not a short decimal
        odd.timeMs = -86400000;     // before the epoch
        events.push_back(odd);
        model::Event denied = makeEvent(3);
        denied.object = model::ObjectKind::Tags;
        denied.decision = model::Decision::Denied;
        denied.durationMs = 1e300;
        denied.bytes = -1;
        denied.status = -7;
        events.push_back(denied);

        LOG_TAKE(log, EventLog::open(path()));
        for (const auto& e : events)
            QVERIFY(log->append(e));
        LOG_OK(log->flush());
        LOG_TAKE(page, log->page(0, 100));
        QCOMPARE(page.events.size(), events.size());
        for (std::size_t i = 0; i < events.size(); ++i) {
            events[i].seq = static_cast<std::int64_t>(i) + 1;
            QVERIFY2(page.events[i] == events[i],
                     qPrintable(QString::fromStdString(model::encodeEvent(page.events[i]) +
                                                       " != " + model::encodeEvent(events[i]))));
        }
    }

    void missingTimeTakesTheClock()
    {
        ManualClock clock;
        clock.set(kT0 + 4242);
        EventLogOptions options;
        options.clock = clock.function();
        LOG_TAKE(log, EventLog::open(path(), options));
        model::Event e = makeEvent(1, 0);
        e.durationMs = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(log->append(e));
        LOG_OK(log->flush());
        LOG_TAKE(page, log->page(0, 10));
        QCOMPARE(page.events.size(), std::size_t{1});
        QCOMPARE(page.events[0].timeMs, kT0 + 4242);
        QCOMPARE(page.events[0].durationMs, 0.0);
    }

    void pagesByAfterAndLimit()
    {
        LOG_TAKE(log, EventLog::open(path()));
        for (int i = 0; i < 25; ++i)
            QVERIFY(log->append(makeEvent(i)));
        LOG_OK(log->flush());

        LOG_TAKE(first, log->page(0, 10));
        QCOMPARE(seqsOf(first.events), range(1, 10));
        QCOMPARE(first.lastSeq, 25); // the log's newest, not the page's
        QCOMPARE(first.oldestSeq, 1);
        LOG_TAKE(second, log->page(10, 10));
        QCOMPARE(seqsOf(second.events), range(11, 20));
        LOG_TAKE(third, log->page(20, 10));
        QCOMPARE(seqsOf(third.events), range(21, 25));
        LOG_TAKE(end, log->page(25, 10));
        QVERIFY(end.events.empty());
        QCOMPARE(end.lastSeq, 25);
        QVERIFY(!end.gap);
        LOG_TAKE(beyond, log->page(1000, 10));
        QVERIFY(beyond.events.empty());
        QVERIFY(!beyond.gap);
        LOG_TAKE(negative, log->page(-5, 3));
        QCOMPARE(seqsOf(negative.events), range(1, 3));
        QVERIFY(!negative.gap);
        LOG_TAKE(boundsOnly, log->page(0, 0));
        QVERIFY(boundsOnly.events.empty());
        QCOMPARE(boundsOnly.lastSeq, 25);
        QCOMPARE(boundsOnly.oldestSeq, 1);
    }

    void limitIsCapped()
    {
        LOG_TAKE(log, EventLog::open(path()));
        const auto total = static_cast<std::int64_t>(EventLog::kMaxPageLimit) + 5;
        for (std::int64_t i = 0; i < total; ++i)
            QVERIFY(log->append(makeEvent(i)));
        LOG_OK(log->flush());
        LOG_TAKE(page, log->page(0, 1000000));
        QCOMPARE(page.events.size(), EventLog::kMaxPageLimit);
        QCOMPARE(page.events.back().seq, static_cast<std::int64_t>(EventLog::kMaxPageLimit));
        QCOMPARE(page.lastSeq, total);
    }

    void seqSurvivesReopen()
    {
        {
            LOG_TAKE(log, EventLog::open(path()));
            for (int i = 0; i < 5; ++i)
                QVERIFY(log->append(makeEvent(i)));
            // No flush: closing writes what is queued.
        }
        LOG_TAKE(log, EventLog::open(path()));
        QCOMPARE(log->lastSeq(), 5);
        for (int i = 0; i < 3; ++i)
            QVERIFY(log->append(makeEvent(i)));
        LOG_OK(log->flush());
        LOG_TAKE(page, log->page(0, 100));
        QCOMPARE(seqsOf(page.events), range(1, 8));
    }

    void closingWritesQueuedEvents()
    {
        EventLogOptions options;
        options.flushInterval = 1h; // only the destructor can write them
        {
            LOG_TAKE(log, EventLog::open(path(), options));
            for (int i = 0; i < 1000; ++i)
                QVERIFY(log->append(makeEvent(i)));
        }
        QCOMPARE(rowsOnDisk(), 1000);
    }

    void flushIsDurable()
    {
        EventLogOptions options;
        options.flushInterval = 1h; // so flush() itself must get the writer going
        LOG_TAKE(log, EventLog::open(path(), options));
        for (int i = 0; i < 3000; ++i)
            QVERIFY(log->append(makeEvent(i)));
        LOG_OK(log->flush());
        // Another connection (another process, for all SQLite knows) sees them all.
        QCOMPARE(rowsOnDisk(), 3000);
        LOG_OK(log->flush()); // nothing new: returns at once
        const auto counters = log->counters();
        QCOMPARE(counters.appended, 3000u);
        QCOMPARE(counters.written, 3000u);
        QCOMPARE(counters.dropped, 0u);
        QCOMPARE(counters.writeErrors, 0u);
    }

    void gapAfterRetentionByCount()
    {
        EventLogOptions options;
        options.maxEvents = 10;
        LOG_TAKE(log, EventLog::open(path(), options));
        for (int i = 0; i < 25; ++i)
            QVERIFY(log->append(makeEvent(i)));
        LOG_OK(log->flush());
        LOG_OK(log->applyRetention());

        LOG_TAKE(page, log->page(0, 100));
        QCOMPARE(seqsOf(page.events), range(16, 25));
        QCOMPARE(page.lastSeq, 25);
        QCOMPARE(page.oldestSeq, 16);
        QVERIFY(page.gap);
        QCOMPARE(*page.gap, (EventGap{1, 15}));
        LOG_TAKE(partly, log->page(5, 100));
        QCOMPARE(*partly.gap, (EventGap{6, 15}));
        LOG_TAKE(caughtUp, log->page(15, 100));
        QVERIFY(!caughtUp.gap);
        QCOMPARE(seqsOf(caughtUp.events), range(16, 25));
        QCOMPARE(log->counters().pruned, 15u);
        QCOMPARE(rowsOnDisk(), 10);
    }

    // The writer applies the count limit by itself, without being asked.
    void retentionRunsByItself()
    {
        EventLogOptions options;
        options.maxEvents = 100;
        options.flushInterval = 5ms;
        LOG_TAKE(log, EventLog::open(path(), options));
        for (int i = 0; i < 1000; ++i)
            QVERIFY(log->append(makeEvent(i)));
        LOG_OK(log->flush());
        QTRY_COMPARE(rowsOnDisk(), 100);
        LOG_TAKE(page, log->page(0, 1000));
        QCOMPARE(seqsOf(page.events), range(901, 1000));
    }

    void gapAfterRetentionByAge()
    {
        ManualClock clock;
        EventLogOptions options;
        options.maxAgeSeconds = 60;
        options.clock = clock.function();
        LOG_TAKE(log, EventLog::open(path(), options));
        for (int i = 0; i < 5; ++i)
            QVERIFY(log->append(makeEvent(i, kT0)));
        for (int i = 5; i < 8; ++i)
            QVERIFY(log->append(makeEvent(i, kT0 + 30000)));
        LOG_OK(log->flush());

        LOG_OK(log->applyRetention()); // nothing is old yet
        LOG_TAKE(before, log->page(0, 100));
        QCOMPARE(seqsOf(before.events), range(1, 8));

        clock.set(kT0 + 61000);
        LOG_OK(log->applyRetention());
        LOG_TAKE(page, log->page(0, 100));
        QCOMPARE(seqsOf(page.events), range(6, 8));
        QCOMPARE(page.oldestSeq, 6);
        QCOMPARE(*page.gap, (EventGap{1, 5}));

        clock.set(kT0 + 91000);
        LOG_OK(log->applyRetention());
        LOG_TAKE(empty, log->page(0, 100));
        QVERIFY(empty.events.empty());
        QCOMPARE(empty.lastSeq, 8);
        QCOMPARE(empty.oldestSeq, 0);
        QCOMPARE(*empty.gap, (EventGap{1, 8}));
        LOG_TAKE(partly, log->page(6, 100));
        QCOMPARE(*partly.gap, (EventGap{7, 8}));
        LOG_TAKE(current, log->page(8, 100));
        QVERIFY(!current.gap);
    }

    // Retention removes a prefix only: an old event behind a young one stays
    // until the young one goes, so seqs never get holes in the middle.
    void ageRetentionRemovesAPrefixOnly()
    {
        ManualClock clock;
        EventLogOptions options;
        options.maxAgeSeconds = 60;
        options.clock = clock.function();
        LOG_TAKE(log, EventLog::open(path(), options));
        QVERIFY(log->append(makeEvent(0, kT0)));
        QVERIFY(log->append(makeEvent(1, kT0 + 50000)));
        QVERIFY(log->append(makeEvent(2, kT0)));
        LOG_OK(log->flush());
        clock.set(kT0 + 70000);
        LOG_OK(log->applyRetention());
        LOG_TAKE(page, log->page(0, 100));
        QCOMPARE(seqsOf(page.events), range(2, 3));
    }

    void ageRetentionRunsByItself()
    {
        ManualClock clock;
        EventLogOptions options;
        options.maxAgeSeconds = 1;
        options.flushInterval = 5ms;
        options.pruneInterval = 5ms;
        options.clock = clock.function();
        LOG_TAKE(log, EventLog::open(path(), options));
        for (int i = 0; i < 50; ++i)
            QVERIFY(log->append(makeEvent(i, kT0)));
        LOG_OK(log->flush());
        clock.set(kT0 + 5000);
        QTRY_COMPARE(rowsOnDisk(), 0);
        QCOMPARE(log->lastSeq(), 50);
    }

    void seqIsNeverReusedAfterPruningEverything()
    {
        ManualClock clock;
        EventLogOptions options;
        options.maxAgeSeconds = 60;
        options.clock = clock.function();
        {
            LOG_TAKE(log, EventLog::open(path(), options));
            for (int i = 0; i < 5; ++i)
                QVERIFY(log->append(makeEvent(i, kT0)));
            LOG_OK(log->flush());
            clock.set(kT0 + 120000);
            LOG_OK(log->applyRetention());
            QCOMPARE(rowsOnDisk(), 0);
        }
        LOG_TAKE(log, EventLog::open(path(), options));
        QCOMPARE(log->lastSeq(), 5);
        LOG_TAKE(empty, log->page(0, 100));
        QCOMPARE(empty.lastSeq, 5);
        QCOMPARE(*empty.gap, (EventGap{1, 5}));
        QVERIFY(log->append(makeEvent(9, kT0 + 120000)));
        LOG_OK(log->flush());
        LOG_TAKE(page, log->page(0, 100));
        QCOMPARE(seqsOf(page.events), std::vector<std::int64_t>{6});
        QCOMPARE(*page.gap, (EventGap{1, 5}));
    }

    void subscribersSeeEveryCommittedEventOnceInOrder()
    {
        EventLogOptions options;
        options.batchSize = 256; // many batches
        options.queueBound = 1 << 20;
        LOG_TAKE(log, EventLog::open(path(), options));

        std::mutex mutex;
        std::vector<std::int64_t> seen;
        bool invisible = false; // a delivered event a page could not return
        int pageChecks = 0;
        auto subscription = log->subscribe([&](std::span<const model::Event> batch) {
            std::lock_guard lock(mutex);
            for (const auto& e : batch)
                seen.push_back(e.seq);
            if (pageChecks < 5) {
                ++pageChecks;
                auto page = log->page(batch.back().seq - 1, 1);
                invisible = invisible || !page || page->events.size() != 1 ||
                            page->events[0].seq != batch.back().seq || log->lastSeq() < batch.back().seq;
            }
        });
        QVERIFY(subscription.isActive());

        constexpr int kThreads = 4;
        constexpr int kPerThread = 5000;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&log, t] {
                for (int i = 0; i < kPerThread; ++i)
                    log->append(makeEvent(t * kPerThread + i));
            });
        }
        for (auto& thread : threads)
            thread.join();
        LOG_OK(log->flush()); // listeners have run for everything flushed

        std::lock_guard lock(mutex);
        QCOMPARE(seen, range(1, kThreads * kPerThread));
        QVERIFY(!invisible);
        QCOMPARE(pageChecks, 5);
    }

    void resetSubscriptionStopsDelivery()
    {
        LOG_TAKE(log, EventLog::open(path()));
        std::atomic<int> calls{0};
        auto subscription = log->subscribe([&](std::span<const model::Event>) { ++calls; });
        QVERIFY(log->append(makeEvent(1)));
        LOG_OK(log->flush());
        QCOMPARE(calls.load(), 1);
        subscription.reset();
        QVERIFY(!subscription.isActive());
        QVERIFY(log->append(makeEvent(2)));
        LOG_OK(log->flush());
        QCOMPARE(calls.load(), 1);
    }

    void listenerMayEndItsOwnSubscription()
    {
        LOG_TAKE(log, EventLog::open(path()));
        std::atomic<int> calls{0};
        EventLog::Subscription subscription;
        subscription = log->subscribe([&](std::span<const model::Event>) {
            ++calls;
            subscription.reset(); // must neither deadlock nor be called again
        });
        for (int round = 0; round < 3; ++round) {
            QVERIFY(log->append(makeEvent(round)));
            LOG_OK(log->flush());
        }
        QCOMPARE(calls.load(), 1);
        // flush() from a listener would wait for itself; it is refused instead.
        Status<> nested;
        auto flusher = log->subscribe([&](std::span<const model::Event>) { nested = log->flush(); });
        QVERIFY(log->append(makeEvent(9)));
        LOG_OK(log->flush());
        QVERIFY(!nested.ok());
        QCOMPARE(QString::fromStdString(nested.error().code), QStringLiteral("eventlog.usage"));
    }

    void subscriptionMayOutliveTheLog()
    {
        EventLog::Subscription subscription;
        {
            LOG_TAKE(log, EventLog::open(path()));
            subscription = log->subscribe([](std::span<const model::Event>) {});
        }
        subscription.reset();
        QVERIFY(!subscription.isActive());
    }

    void concurrentAppendsLoseNothing()
    {
        EventLogOptions options;
        options.queueBound = 1 << 20; // room for all: this test is about races, not overload
        LOG_TAKE(log, EventLog::open(path(), options));

        constexpr std::int64_t kThreads = 8;
        constexpr std::int64_t kPerThread = 20000;
        std::vector<std::thread> threads;
        for (std::int64_t t = 0; t < kThreads; ++t) {
            threads.emplace_back([&log, t] {
                for (std::int64_t i = 0; i < kPerThread; ++i) {
                    model::Event e = makeEvent(i);
                    e.bytes = t * kPerThread + i; // identifies the event
                    log->append(std::move(e));
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        LOG_OK(log->flush());
        QCOMPARE(log->counters().dropped, 0u);
        QCOMPARE(log->lastSeq(), kThreads * kPerThread);

        std::vector<std::int64_t> nextOfThread(kThreads, 0);
        std::int64_t expectedSeq = 1;
        std::int64_t after = 0;
        for (;;) {
            LOG_TAKE(page, log->page(after, EventLog::kMaxPageLimit));
            if (page.events.empty())
                break;
            for (const auto& e : page.events) {
                QCOMPARE(e.seq, expectedSeq++);
                const auto t = e.bytes / kPerThread;
                // Each thread's events are stored in the order it appended them,
                // and none twice.
                QCOMPARE(e.bytes % kPerThread, nextOfThread[static_cast<std::size_t>(t)]++);
            }
            after = page.events.back().seq;
        }
        QCOMPARE(expectedSeq - 1, kThreads * kPerThread);
        for (auto next : nextOfThread)
            QCOMPARE(next, kPerThread);
    }

    // append() only queues: with the writer held inside a listener, appends
    // still return at once, nothing of them reaches the file, and a full queue
    // drops (and counts) instead of waiting. Dropped events get no seq, so the
    // log has no holes.
    void appendOnlyQueues()
    {
        EventLogOptions options;
        options.queueBound = 64;
        LOG_TAKE(log, EventLog::open(path(), options));

        std::promise<void> entered;
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        std::atomic<bool> first{true};
        auto blocker = log->subscribe([&](std::span<const model::Event>) {
            if (first.exchange(false)) {
                entered.set_value();
                released.wait();
            }
        });
        // A failed check returns early; the writer must still be let go, or
        // the subscription's destructor would wait for it forever.
        std::atomic<bool> releasedOnce{false};
        const auto letGo = [&] {
            if (!releasedOnce.exchange(true))
                release.set_value();
        };
        struct Guard
        {
            std::function<void()> fn;
            ~Guard() { fn(); }
        } guard{letGo};
        QVERIFY(log->append(makeEvent(0))); // the writer takes it within flushInterval
        entered.get_future().wait();

        int accepted = 0;
        for (int i = 1; i <= 100; ++i)
            accepted += log->append(makeEvent(i)) ? 1 : 0;
        QCOMPARE(accepted, 64);
        QCOMPARE(log->counters().dropped, 36u);
        QCOMPARE(log->lastSeq(), 1);
        QCOMPARE(rowsOnDisk(), 1);

        letGo();
        LOG_OK(log->flush());
        LOG_TAKE(page, log->page(0, 1000));
        QCOMPARE(seqsOf(page.events), range(1, 65));
        QCOMPARE(page.events.back().reference, std::to_string(64));
        QVERIFY(!page.gap);
    }

    // Another connection holding the write lock makes writes fail for a while:
    // flush() says so, readers go on, nothing is lost or renumbered, and the
    // writer catches up once the lock is gone.
    void writesAreRetriedAfterAFailure()
    {
        EventLogOptions options;
        options.busyTimeout = 20ms;
        options.flushInterval = 10ms;
        LOG_TAKE(log, EventLog::open(path(), options));
        LOG_TAKE(other, store::Database::open(path()));
        LOG_OK(other.exec("BEGIN IMMEDIATE"));

        for (int i = 0; i < 10; ++i)
            QVERIFY(log->append(makeEvent(i)));
        const auto failed = log->flush();
        QVERIFY(!failed.ok());
        QCOMPARE(QString::fromStdString(failed.error().code), QStringLiteral("store.busy"));
        QVERIFY(log->lastError().has_value());
        QVERIFY(log->counters().writeErrors >= 1);
        LOG_TAKE(during, log->page(0, 100));
        QVERIFY(during.events.empty());
        QCOMPARE(during.lastSeq, 0);
        for (int i = 10; i < 15; ++i)
            QVERIFY(log->append(makeEvent(i)));

        LOG_OK(other.exec("ROLLBACK"));
        // A retry that started before the lock went away may still report busy.
        QTRY_VERIFY(log->flush().ok());
        LOG_TAKE(page, log->page(0, 100));
        QCOMPARE(seqsOf(page.events), range(1, 15));
        for (int i = 0; i < 15; ++i)
            QCOMPARE(page.events[static_cast<std::size_t>(i)].reference, std::to_string(i));
        QCOMPARE(log->counters().dropped, 0u);
        QCOMPARE(log->counters().written, 15u);
    }

    void totalsCountRetainedEvents()
    {
        EventLogOptions options;
        options.maxEvents = 300;
        options.batchSize = 64;
        LOG_TAKE(log, EventLog::open(path(), options));
        std::vector<model::Event> events;
        for (int i = 0; i < 1000; ++i) {
            events.push_back(makeEvent(i));
            QVERIFY(log->append(events.back()));
        }
        LOG_OK(log->flush());
        LOG_OK(log->applyRetention());

        EventTotals expected;
        for (std::size_t i = 700; i < events.size(); ++i) {
            const auto& e = events[i];
            expected.all.add(e);
            expected.byNamespace[e.servedNs.value_or("")].add(e);
        }
        LOG_TAKE(totals, log->totals());
        QCOMPARE(totals.all.requests, 300);
        QCOMPARE(totals.byNamespace.size(), std::size_t{3}); // docker.io, ghcr.io, none
        QVERIFY(totals.byNamespace.count("") == 1);
        QVERIFY(totals == expected);
        QCOMPARE(totals.all.mismatches(), expected.all.mismatchMissing + expected.all.mismatchUnmapped);
        QVERIFY(totals.all.missBytes > 0);
    }

    void totalsSurviveReopenAndEmptyOut()
    {
        ManualClock clock;
        EventLogOptions options;
        options.maxAgeSeconds = 60;
        options.clock = clock.function();
        {
            LOG_TAKE(log, EventLog::open(path(), options));
            for (int i = 0; i < 20; ++i)
                QVERIFY(log->append(makeEvent(i)));
        }
        LOG_TAKE(log, EventLog::open(path(), options));
        LOG_TAKE(totals, log->totals());
        QCOMPARE(totals.all.requests, 20);
        clock.set(kT0 + 61000);
        LOG_OK(log->applyRetention());
        LOG_TAKE(none, log->totals());
        QVERIFY(none == EventTotals{});
    }
};

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
