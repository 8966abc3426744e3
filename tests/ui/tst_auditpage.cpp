// The Audit tab on a local log store holding a known set of events: every
// filter lists exactly the events an independent scan of that set selects,
// newest first, paged in by the view as it scrolls; wrong input names the
// field and runs no query; details show the selected event; "who served"
// equals a count done here; exports are byte-identical to `nsgatectl log
// export` with the same filter, and a cancelled or failed export writes
// nothing. Both models run under QAbstractItemModelTester.

#include "core/client/EventExportJob.h"
#include "core/client/LogIngest.h"
#include "core/model/EventExport.h"
#include "core/store/LogStore.h"
#include "ui/AuditModel.h"
#include "ui/AuditPage.h"
#include "ui/DigestServersModel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>
#include <memory>
#include <sstream>

using namespace nsgate;
using Outcome = client::EventExportJob::Outcome;

namespace {

constexpr qint64 kT0 = 1'795'800'000'000;   // the first event; one every 5 s after it
constexpr int kEvents = 1200;
const char* const kNamespaces[] = {"docker.io", "ghcr.io", "quay.io", "unmapped.example"};
const char* const kRepositories[] = {"library/alpine", "org/app", "org/db"};

std::string digestOf(int i)
{
    return "sha256:" + std::string(64, "0123456789abcdef"[i % 5]);
}

struct Row
{
    std::string instanceId;
    model::Event event;
};

// Pull-shaped events with every filterable field varying on its own period.
std::vector<Row> makeEvents()
{
    std::vector<Row> rows;
    for (int i = 0; i < kEvents; ++i) {
        Row r;
        r.instanceId = i % 3 == 0 ? "i2" : "i1";
        model::Event& e = r.event;
        e.seq = i + 1;   // per proxy strictly increasing is all the store needs
        e.timeMs = kT0 + qint64(i) * 5000;
        e.method = i % 6 == 0 ? "HEAD" : "GET";
        e.object = i % 5 == 0 ? model::ObjectKind::Manifest : model::ObjectKind::Blob;
        e.requestedNs = kNamespaces[i % 4];
        e.repository = kRepositories[i % 3];
        e.reference = e.object == model::ObjectKind::Manifest ? "3.20" : digestOf(i);
        e.client = "10.0.0." + std::to_string(i % 7);
        e.userAgent = i % 2 ? "containerd/1.6.20~ds1" : "skopeo/1.9.3";
        if (i % 4 == 3) {
            e.mismatch = model::Mismatch::Unmapped;
            e.decision = model::Decision::Rejected;
            e.status = 404;
            e.detail = "namespace unmapped.example is not mapped";
        } else {
            e.servedNs = e.requestedNs;
            e.digest = digestOf(i);
            e.cache = i % 10 == 0 ? model::CacheResult::Miss : model::CacheResult::Hit;
            if (e.cache == model::CacheResult::Miss)
                e.upstream = i % 20 == 0 ? "https://up-a.example" : "https://up-b.example,with,commas";
            e.decision = i % 11 == 0 ? model::Decision::Failed : model::Decision::Served;
            e.status = e.decision == model::Decision::Failed ? 502 : 200;
            e.bytes = 1000 + i;
            e.mediaType = "application/vnd.oci.image.layer.v1.tar";
        }
        if (i % 8 == 1)
            e.mismatch = model::Mismatch::Missing;
        e.durationMs = 0.25 * i;
        rows.push_back(std::move(r));
    }
    return rows;
}

QString readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QStringLiteral("<missing>");
}

} // namespace

class TestAuditPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_storePath;
    std::vector<Row> m_rows;
    std::unique_ptr<client::LogIngest> m_ingest;
    std::unique_ptr<ui::AuditPage> m_page;

    template<class T>
    T* child(const char* name)
    {
        auto* w = m_page->findChild<T*>(name);
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

    // Reads every remaining page and waits for the last.
    void loadAll()
    {
        auto* m = m_page->model();
        QTRY_VERIFY_WITH_TIMEOUT(!m->isLoading(), 10000);
        while (m->canFetchMore({})) {
            m->fetchMore({});
            QTRY_VERIFY_WITH_TIMEOUT(!m->isLoading(), 10000);
        }
        QVERIFY2(m->lastError().isEmpty(), qPrintable(m->lastError()));
        QVERIFY(m->isComplete());
    }

    // The (instanceId, seq) of the listed rows, in order.
    QList<QPair<QString, qint64>> listed() const
    {
        QList<QPair<QString, qint64>> out;
        for (int r = 0; r < m_page->model()->rowCount(); ++r) {
            const auto& s = m_page->model()->eventAt(r);
            out.append({QString::fromStdString(s.instanceId), s.event.seq});
        }
        return out;
    }

    QList<QPair<QString, qint64>> expected(const std::function<bool(const Row&)>& keep) const
    {
        QList<QPair<QString, qint64>> out;
        for (auto it = m_rows.rbegin(); it != m_rows.rend(); ++it)   // newest first
            if (keep(*it))
                out.append({QString::fromStdString(it->instanceId), it->event.seq});
        return out;
    }

    void resetInputs()
    {
        child<QComboBox>("auditRange")->setCurrentIndex(ui::AuditPage::AllTime);
        for (const char* name : {"auditProxy", "auditCache", "auditMismatch", "auditDecision"})
            child<QComboBox>(name)->setCurrentIndex(0);
        for (const char* name : {"auditNamespace", "auditRepository", "auditReference", "auditDigest",
                                 "auditUpstream", "auditClient", "auditUserAgent"})
            child<QLineEdit>(name)->clear();
    }

    void search()
    {
        QTest::mouseClick(child<QPushButton>("auditSearch"), Qt::LeftButton);
    }

    Outcome exportVia(model::EventExportFormat format, const QString& path, qint64* rows = nullptr,
                      std::function<void(client::EventExportJob*)> onStart = {})
    {
        m_page->setChooseSaveFileFn([path](QWidget*, const QString&, const QString&, const QString&,
                                           std::function<void(QString)> done) { done(path); });
        QSignalSpy finished(m_page.get(), &ui::AuditPage::exportFinished);
        QMetaObject::Connection starting;
        if (onStart)
            starting = connect(m_page.get(), &ui::AuditPage::exportStarting, this, onStart);
        QTest::mouseClick(child<QPushButton>(format == model::EventExportFormat::Csv ? "auditExportCsv"
                                                                                       : "auditExportJson"),
                          Qt::LeftButton);
        disconnect(starting);
        if (!finished.wait(20000))
            qFatal("export did not finish");
        if (rows)
            *rows = finished.front().at(1).toLongLong();
        return finished.front().at(0).value<Outcome>();
    }

    QByteArray nsgatectlExport(const QStringList& extra)
    {
        QProcess ctl;
        ctl.start(QString::fromUtf8(NSGATECTL_BINARY),
                  QStringList{"log", "export", "--store", m_storePath} + extra);
        if (!ctl.waitForFinished(30000) || ctl.exitCode() != 0)
            qFatal("nsgatectl log export failed: %s", ctl.readAllStandardError().constData());
        return ctl.readAllStandardOutput();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_storePath = m_dir.filePath("events.db");
        m_rows = makeEvents();
        auto s = store::LogStore::open(m_storePath.toStdString());
        QVERIFY2(s, s ? "" : s.error().message.c_str());
        QVERIFY(s->upsertProxy("i1", "alpha", "http://127.0.0.1:1"));
        QVERIFY(s->upsertProxy("i2", "beta", "http://127.0.0.1:2"));
        for (const char* id : {"i1", "i2"}) {
            std::vector<model::Event> mine;
            for (const auto& r : m_rows)
                if (r.instanceId == id)
                    mine.push_back(r.event);
            auto report = s->ingest(id, mine);
            QVERIFY2(report, report ? "" : report.error().message.c_str());
            QCOMPARE(report->inserted, mine.size());
        }
    }

    void init()
    {
        m_ingest = std::make_unique<client::LogIngest>(m_storePath);
        m_page = std::make_unique<ui::AuditPage>();
        m_page->setClock([] { return kT0 + qint64(kEvents) * 5000 + 500; });
        m_page->model()->setPageSize(100);
        m_page->setIngest(m_ingest.get());
        m_page->resize(1200, 800);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        // Showing the page runs the default query (last 24 hours: everything here).
        QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowCount() > 0, 10000);
        resetInputs();
    }

    void cleanup()
    {
        m_page.reset();
        m_ingest.reset();
    }

    void modelsPassTheTester()
    {
        QAbstractItemModelTester auditTester(m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester serversTester(m_page->digestServers(),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        search();
        loadAll();
        QCOMPARE(m_page->model()->rowCount(), kEvents);
        m_page->showWhoServed(QString::fromStdString(digestOf(0)));
        QTRY_VERIFY(m_page->digestServers()->rowCount() > 0);
        m_page->showWhoServed(QString::fromStdString(digestOf(1)));
        QTRY_VERIFY(m_page->digestServers()->rowCount() > 0);
    }

    void aNewQueryDiscardsTheAnswerOfAnOlderOne()
    {
        // A reader that holds every request until the test answers it, and
        // keeps the Reader contract: no answer once the context is gone.
        struct Held
        {
            store::EventFilter filter;
            QPointer<QObject> context;
            std::function<void(ui::AuditModel::Page)> done;
        };
        std::vector<Held> held;
        ui::AuditModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(2);
        model.setReader([&](const store::EventFilter& f, QObject* context, std::function<void(ui::AuditModel::Page)> done) {
            held.push_back({f, context, std::move(done)});
        });
        const auto answer = [&](std::size_t i, std::vector<int> rows) {
            ui::AuditModel::Page page;
            for (int r : rows) {
                store::StoredEvent e;
                e.instanceId = "i1";
                e.rowId = r;
                e.event = m_rows.at(std::size_t(r)).event;
                page.rows.push_back(e);
            }
            if (held.at(i).context)
                held.at(i).done(std::move(page));
        };

        store::EventFilter first;
        first.repository = "org/app";
        model.setFilter(first);
        QCOMPARE(held.size(), 1u);
        QVERIFY(model.isLoading());
        store::EventFilter second;
        second.repository = "org/db";
        model.setFilter(second);
        QCOMPARE(held.size(), 2u);
        QCOMPARE(held.back().filter.repository, std::optional<std::string>("org/db"));
        // The first query's answer arrives late: it must not land in the second's list.
        answer(0, {1, 4});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.isLoading());
        answer(1, {2, 5});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.eventAt(0).event.seq, m_rows.at(2).event.seq);
        QVERIFY(!model.isLoading());
        // The next page continues after the last row, once.
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(held.size(), 3u);
        QVERIFY(held.back().filter.after.has_value());
        QCOMPARE(held.back().filter.after->rowId, 5);
        answer(2, {8});
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.isComplete());
        QVERIFY(!model.canFetchMore({}));
    }

    void theViewPagesInAsItScrolls()
    {
        search();
        auto* model = m_page->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 100, 10000);
        QVERIFY(!model->isComplete());
        // Nothing but scrolling the view to its end asks for the next pages.
        auto* bar = m_page->view()->verticalScrollBar();
        for (int guard = 0; guard < 100 && !model->isComplete(); ++guard) {
            const int before = model->rowCount();
            bar->setValue(bar->maximum());
            QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > before || model->isComplete(), 10000);
        }
        QVERIFY(model->isComplete());
        const auto rows = listed();
        QCOMPARE(rows.size(), kEvents);
        const QSet<QPair<QString, qint64>> distinct(rows.begin(), rows.end());
        QCOMPARE(distinct.size(), kEvents);   // no page twice
        QCOMPARE(rows, expected([](const Row&) { return true; }));                          // newest first
        QVERIFY(child<QLabel>("auditStatus")->text().contains(QLocale().toString(kEvents)));
    }

    void filtersSelectExactlyTheMatchingEvents_data()
    {
        QTest::addColumn<QString>("widget");
        QTest::addColumn<QString>("value");
        QTest::addColumn<std::function<bool(const Row&)>>("keep");
        using F = std::function<bool(const Row&)>;
        QTest::newRow("namespace") << "auditNamespace" << "GHCR.io"
                                   << F([](const Row& r) { return r.event.servedNs == "ghcr.io"; });
        QTest::newRow("unmapped namespace by the name asked for")
            << "auditNamespace" << "unmapped.example"
            << F([](const Row& r) { return r.event.requestedNs == "unmapped.example"; });
        QTest::newRow("repository") << "auditRepository" << "org/app"
                                    << F([](const Row& r) { return r.event.repository == "org/app"; });
        QTest::newRow("reference tag") << "auditReference" << "3.20"
                                       << F([](const Row& r) { return r.event.reference == "3.20"; });
        QTest::newRow("digest") << "auditDigest" << QString::fromStdString(digestOf(2))
                                << F([](const Row& r) { return r.event.digest == digestOf(2); });
        QTest::newRow("upstream") << "auditUpstream" << "https://up-a.example"
                                  << F([](const Row& r) { return r.event.upstream == "https://up-a.example"; });
        QTest::newRow("client") << "auditClient" << "10.0.0.3"
                                << F([](const Row& r) { return r.event.client == "10.0.0.3"; });
        QTest::newRow("user agent") << "auditUserAgent" << "skopeo/1.9.3"
                                    << F([](const Row& r) { return r.event.userAgent == "skopeo/1.9.3"; });
        QTest::newRow("proxy") << "auditProxy" << "beta" << F([](const Row& r) { return r.instanceId == "i2"; });
        QTest::newRow("cache") << "auditCache" << "miss"
                               << F([](const Row& r) { return r.event.cache == model::CacheResult::Miss; });
        QTest::newRow("mismatch") << "auditMismatch" << "missing"
                                  << F([](const Row& r) { return r.event.mismatch == model::Mismatch::Missing; });
        QTest::newRow("decision") << "auditDecision" << "failed"
                                  << F([](const Row& r) { return r.event.decision == model::Decision::Failed; });
        QTest::newRow("last hour") << "auditRange" << "Last hour" << F([](const Row& r) {
            return r.event.timeMs >= kT0 + qint64(kEvents) * 5000 + 500 - 3600 * 1000;
        });
    }

    void filtersSelectExactlyTheMatchingEvents()
    {
        QFETCH(QString, widget);
        QFETCH(QString, value);
        QFETCH(std::function<bool(const Row&)>, keep);
        if (auto* combo = m_page->findChild<QComboBox*>(widget)) {
            const int index = combo->findText(value);
            QVERIFY2(index >= 0, qPrintable(value));
            combo->setCurrentIndex(index);
        } else {
            child<QLineEdit>(qPrintable(widget))->setText(value);
        }
        search();
        loadAll();
        const auto want = expected(keep);
        QVERIFY(!want.isEmpty());
        QVERIFY(want.size() < kEvents);
        QCOMPARE(listed(), want);
    }

    void filtersCombine()
    {
        child<QLineEdit>("auditNamespace")->setText("docker.io");
        child<QLineEdit>("auditRepository")->setText("library/alpine");
        child<QComboBox>("auditCache")->setCurrentIndex(child<QComboBox>("auditCache")->findText("hit"));
        child<QComboBox>("auditRange")->setCurrentIndex(ui::AuditPage::Custom);
        child<QDateTimeEdit>("auditSince")->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 + 500 * 5000));
        child<QDateTimeEdit>("auditUntil")->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 + 900 * 5000));
        search();
        loadAll();
        const auto want = expected([](const Row& r) {
            return r.event.servedNs == "docker.io" && r.event.repository == "library/alpine" &&
                   r.event.cache == model::CacheResult::Hit && r.event.timeMs >= kT0 + 500 * 5000 &&
                   r.event.timeMs < kT0 + 900 * 5000;
        });
        QVERIFY(!want.isEmpty());
        QCOMPARE(listed(), want);
    }

    void wrongInputNamesTheFieldAndRunsNothing_data()
    {
        QTest::addColumn<QString>("widget");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("digest") << "auditDigest" << "sha256:xyz" << "Digest";
        QTest::newRow("repository") << "auditRepository" << "Library/Alpine" << "Repository";
        QTest::newRow("namespace") << "auditNamespace" << "https://docker.io" << "Namespace";
        QTest::newRow("reference") << "auditReference" << "bad tag!" << "Reference";
    }

    void wrongInputNamesTheFieldAndRunsNothing()
    {
        QFETCH(QString, widget);
        QFETCH(QString, value);
        QFETCH(QString, field);
        search();
        loadAll();
        const auto before = listed();
        child<QLineEdit>(qPrintable(widget))->setText(value);
        QSignalSpy reset(m_page->model(), &QAbstractItemModel::modelReset);
        search();
        auto* error = child<QLabel>("auditFilterError");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(field), qPrintable(error->text()));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(listed(), before);
        // Fixing the field clears the message.
        child<QLineEdit>(qPrintable(widget))->clear();
        search();
        QVERIFY(!error->isVisible());
    }

    void customRangeMustEndAfterItStarts()
    {
        child<QComboBox>("auditRange")->setCurrentIndex(ui::AuditPage::Custom);
        child<QDateTimeEdit>("auditSince")->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 + 700 * 5000));
        child<QDateTimeEdit>("auditUntil")->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 + 500 * 5000));
        search();
        QVERIFY(child<QLabel>("auditFilterError")->text().startsWith("Time"));
    }

    void detailsShowTheSelectedEvent()
    {
        child<QLineEdit>("auditUpstream")->setText("https://up-a.example");
        search();
        loadAll();
        QVERIFY(m_page->model()->rowCount() > 0);
        m_page->view()->selectRow(0);
        const auto& shown = m_page->model()->eventAt(0);
        const auto& e = shown.event;
        const QString details = m_page->detailsText();
        for (const QString& part :
             {QString::fromStdString(model::formatTime(e.timeMs)), QString::number(e.seq),
              QString::fromStdString(*e.digest), QString::fromStdString(*e.upstream),
              QString::fromStdString(e.client), QString::fromStdString(e.userAgent),
              QString::fromStdString(*e.mediaType), shown.instanceId == "i1" ? QString("alpha (i1)") : QString("beta (i2)")})
            QVERIFY2(details.contains(part), qPrintable(part + " not in\n" + details));
        QCOMPARE(child<QLineEdit>("auditWhoDigest")->text(), QString::fromStdString(*e.digest));
    }

    void whoServedEqualsAnIndependentCount()
    {
        const std::string digest = digestOf(0);
        struct Seen
        {
            std::int64_t count = 0, first = 0, last = 0;
        };
        std::map<std::string, Seen> want;   // "" = the cache
        for (const auto& r : m_rows) {
            if (r.event.digest != digest || r.event.decision != model::Decision::Served)
                continue;
            Seen& s = want[r.event.upstream.value_or("")];
            s.first = s.count == 0 ? r.event.timeMs : std::min(s.first, r.event.timeMs);
            s.last = std::max(s.last, r.event.timeMs);
            ++s.count;
        }
        QVERIFY(want.size() >= 2);
        child<QLineEdit>("auditWhoDigest")->setText(QString::fromStdString(digest));
        QSignalSpy shown(m_page.get(), &ui::AuditPage::digestServersShown);
        QTest::mouseClick(child<QPushButton>("auditWhoServed"), Qt::LeftButton);
        QVERIFY(shown.wait(10000));
        auto* servers = m_page->digestServers();
        QCOMPARE(std::size_t(servers->rowCount()), want.size());
        for (int r = 0; r < servers->rowCount(); ++r) {
            const auto& s = servers->serverAt(r);
            const auto it = want.find(s.upstream.value_or(""));
            QVERIFY(it != want.end());
            QCOMPARE(s.count, it->second.count);
            QCOMPARE(s.firstMs, it->second.first);
            QCOMPARE(s.lastMs, it->second.last);
        }
        QCOMPARE(servers->data(servers->index(0, ui::DigestServersModel::Upstream)).toString().isEmpty(), false);

        // A malformed digest is refused with the field named, and lists nothing.
        child<QLineEdit>("auditWhoDigest")->setText("sha256:nope");
        QTest::mouseClick(child<QPushButton>("auditWhoServed"), Qt::LeftButton);
        QCOMPARE(servers->rowCount(), 0);
        QVERIFY(child<QLabel>("auditWhoStatus")->text().contains("Digest"));
    }

    void exportEqualsNsgatectl_data()
    {
        QTest::addColumn<bool>("csv");
        QTest::newRow("csv") << true;
        QTest::newRow("json") << false;
    }

    void exportEqualsNsgatectl()
    {
        QFETCH(bool, csv);
        child<QLineEdit>("auditNamespace")->setText("docker.io");
        child<QLineEdit>("auditRepository")->setText("org/app");
        search();
        loadAll();
        const QString path = m_dir.filePath(csv ? "out.csv" : "out.jsonl");
        qint64 rows = 0;
        QCOMPARE(exportVia(csv ? model::EventExportFormat::Csv : model::EventExportFormat::JsonLines, path, &rows),
                 Outcome::Written);
        QCOMPARE(rows, qint64(m_page->model()->rowCount()));
        const QByteArray theirs = nsgatectlExport({"--format", csv ? "csv" : "json", "--namespace", "docker.io",
                                                   "--repository", "org/app"});
        QFile ours(path);
        QVERIFY(ours.open(QIODevice::ReadOnly));
        QCOMPARE(ours.readAll(), theirs);
        QVERIFY(child<QLabel>("auditStatus")->text().contains(path));
        QVERIFY(!child<QWidget>("auditExportProgress")->isVisible());
    }

    void cancelledExportWritesNothing()
    {
        const QString path = m_dir.filePath("keep.csv");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("an older export\n");
        }
        search();
        loadAll();
        // Cancel from the job's first progress report: deterministic, the
        // export is then mid-way (the first row is written, the rest is not).
        const Outcome outcome = exportVia(model::EventExportFormat::Csv, path, nullptr, [](client::EventExportJob* job) {
            QObject::connect(job, &client::EventExportJob::progress, job, [job](qint64, int permille) {
                if (permille < 1000)
                    job->cancel();
            }, Qt::DirectConnection);
        });
        QCOMPARE(outcome, Outcome::Cancelled);
        QCOMPARE(readFile(path), QString("an older export\n"));
        QVERIFY(child<QLabel>("auditStatus")->text().contains("cancelled"));
        QVERIFY(child<QPushButton>("auditExportCsv")->isEnabled());
    }

    void failedExportSaysWhyAndCreatesNothing()
    {
        search();
        loadAll();
        const QString path = m_dir.filePath("no/such/dir/out.csv");
        QCOMPARE(exportVia(model::EventExportFormat::Csv, path), Outcome::Failed);
        QVERIFY(!QFile::exists(path));
        QVERIFY2(child<QLabel>("auditStatus")->text().contains(path),
                 qPrintable(child<QLabel>("auditStatus")->text()));
    }
};

QTEST_MAIN(TestAuditPage)
#include "tst_auditpage.moc"
