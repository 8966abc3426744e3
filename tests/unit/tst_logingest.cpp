// LogIngest against a real nsgate: the store ends up with exactly the proxy's
// events (by seq), ingest runs on the worker thread, the GUI hears back in
// batches, a restart resumes from the store's cursor without duplicates, and
// pause/resume reach the sync. Retention runs on the worker in steps that
// batches queued meanwhile get between, and deletes by the injected clock.

#include "core/client/LogIngest.h"
#include "core/client/ProxyConnection.h"
#include "core/store/LogStore.h"

#include "core/store/Database.h"
#include "tests/ui/TestProxy.h"

#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <optional>

using nsgate::client::AdminClient;
using nsgate::client::EventSync;
using nsgate::client::IngestSummary;
using nsgate::client::LogIngest;
using nsgate::client::ProxyConnection;
using nsgate::client::ProxyProfile;

namespace {

ProxyProfile profileFor(const nsgate::test::TestProxy& proxy)
{
    ProxyProfile p;
    p.id = "p1";
    p.name = "test";
    p.adminUrl = proxy.adminUrl();
    p.registryUrl = proxy.registryUrl();
    return p;
}

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

QList<nsgate::model::Event> eventsAt(std::int64_t firstSeq, int n, std::int64_t timeMs)
{
    QList<nsgate::model::Event> out;
    for (int i = 0; i < n; ++i) {
        nsgate::model::Event e;
        e.seq = firstSeq + i;
        e.timeMs = timeMs + i;
        e.method = "GET";
        e.servedNs = "docker.io";
        e.repository = "library/alpine";
        e.reference = "3.20";
        e.status = 200;
        out << e;
    }
    return out;
}

} // namespace

class TestLogIngest : public QObject
{
    Q_OBJECT

private:
    nsgate::test::TestProxy m_proxy;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;

    // N requests for an unmapped namespace: one 404 event each.
    void generate(int n)
    {
        int finished = 0;
        for (int i = 0; i < n; ++i) {
            QUrl url = m_proxy.registryUrl();
            url.setPath(QString("/v2/x/manifests/%1").arg(i));
            url.setQuery("ns=unmapped.example");
            auto* reply = m_network.head(QNetworkRequest(url));
            connect(reply, &QNetworkReply::finished, this, [reply, &finished] {
                ++finished;
                reply->deleteLater();
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, n, 10000);
    }

    QList<qint64> proxySeqs()
    {
        nsgate::client::ConnectionOptions options;
        options.adminUrl = m_proxy.adminUrl();
        options.token = m_proxy.token();
        AdminClient admin(options);
        std::optional<QList<qint64>> seqs;
        admin.events(0, 10000, this, [&](nsgate::client::ApiResult<nsgate::client::EventPage> page) {
            QList<qint64> out;
            if (page)
                for (const auto& e : page->events)
                    out << e.seq;
            seqs = out;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(seqs.has_value(), 10000); }();
        return seqs.value_or(QList<qint64>{});
    }

    QList<qint64> storedSeqs(LogIngest& ingest)
    {
        std::optional<QList<qint64>> seqs;
        ingest.read<QList<qint64>>(
            this,
            [](nsgate::store::LogStore* s) {
                QList<qint64> out;
                if (!s)
                    return out;
                nsgate::store::EventFilter filter;
                filter.newestFirst = false;
                (void)s->queryEvents(filter, [&](const nsgate::store::StoredEvent& e) {
                    out << e.event.seq;
                    return true;
                });
                std::sort(out.begin(), out.end());
                return out;
            },
            [&](QList<qint64> out) { seqs = out; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(seqs.has_value(), 10000); }();
        return seqs.value_or(QList<qint64>{});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString why = m_proxy.start();
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void storeHoldsExactlyTheProxysEventsIngestedOffTheGuiThread()
    {
        const QString path = m_dir.filePath("events.db");
        std::atomic<QThread*> ingestThread{nullptr};
        std::atomic<int> hookCalls{0};
        {
            LogIngest ingest(path);
            ingest.setIngestHook([&](const QString&, qsizetype) {
                ingestThread = QThread::currentThread();
                ++hookCalls;
            });
            QSignalSpy ingested(&ingest, &LogIngest::ingested);
            ProxyConnection connection(profileFor(m_proxy), m_proxy.token());
            ingest.follow(&connection);
            connection.refresh();
            QTRY_COMPARE_WITH_TIMEOUT(ingest.syncState(&connection), EventSync::State::Streaming, 10000);
            QVERIFY(!ingest.instanceIdOf(&connection).isEmpty());
            QCOMPARE(ingest.instanceIdOf(&connection), connection.info()->instanceId);

            generate(25);
            // The proxy appends an event after answering: wait for all of them.
            QList<qint64> expected;
            QTRY_VERIFY_WITH_TIMEOUT((expected = proxySeqs()).size() >= 25, 10000);
            int inserted = 0;
            auto countInserted = [&] {
                inserted = 0;
                for (const auto& args : ingested)
                    inserted += args.at(0).value<IngestSummary>().inserted;
                return inserted;
            };
            QTRY_COMPARE_WITH_TIMEOUT(countInserted(), int(expected.size()), 10000);
            QCOMPARE(storedSeqs(ingest), expected);

            // Ingest ran on the worker, never on this (the GUI) thread.
            QVERIFY(hookCalls > 0);
            QCOMPARE(ingestThread.load(), ingest.workerThread());
            QVERIFY(ingestThread.load() != QThread::currentThread());
            // The summaries carry the events and the cursor.
            const auto last = ingested.last().at(0).value<IngestSummary>();
            QCOMPARE(last.cursors.value(ingest.instanceIdOf(&connection)), expected.last());
            QVERIFY(!last.events.isEmpty());
            QVERIFY(ingested.size() <= hookCalls);
        }

        // A new LogIngest on the same store resumes after its cursor: nothing twice.
        generate(5);
        LogIngest again(path);
        QSignalSpy ingested(&again, &LogIngest::ingested);
        ProxyConnection connection(profileFor(m_proxy), m_proxy.token());
        again.follow(&connection);
        connection.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(again.syncState(&connection), EventSync::State::Streaming, 10000);
        QList<qint64> expected;
        QTRY_VERIFY_WITH_TIMEOUT((expected = proxySeqs()).size() >= 30, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(storedSeqs(again), expected, 10000);
        int inserted = 0;
        for (const auto& args : ingested)
            inserted += args.at(0).value<IngestSummary>().inserted;
        QCOMPARE(inserted, 5);
    }

    void pauseAndResumeReachTheSync()
    {
        LogIngest ingest(m_dir.filePath("pause.db"));
        ProxyConnection connection(profileFor(m_proxy), m_proxy.token());
        ingest.follow(&connection);
        connection.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(ingest.syncState(&connection), EventSync::State::Streaming, 10000);
        ingest.pause(&connection);
        QVERIFY(ingest.isPaused(&connection));
        QTRY_COMPARE(ingest.syncState(&connection), EventSync::State::Paused);
        ingest.resume(&connection);
        QTRY_COMPARE_WITH_TIMEOUT(ingest.syncState(&connection), EventSync::State::Streaming, 10000);
        ingest.unfollow(&connection);
        QVERIFY(ingest.followed().isEmpty());
    }

    void retentionPrunesOnTheWorkerBetweenBatches()
    {
        // The store's clock: fixed, moved by the test (read on the worker).
        const qint64 t0 = 1800000000000;
        auto clock = std::make_shared<std::atomic<qint64>>(t0);
        nsgate::store::LogStoreOptions options;
        options.nowMs = [clock] { return clock->load(); };
        LogIngest ingest(m_dir.filePath("retention.db"), options);
        // 1000 events 40 days old, 100 an hour old.
        for (int b = 0; b < 10; ++b)
            ingest.ingest("i1", eventsAt(1 + b * 100, 100, t0 - 40 * kDayMs + b * 100));
        ingest.ingest("i1", eventsAt(1001, 100, t0 - 3600000));
        QTRY_COMPARE(storedSeqs(ingest).size(), 1100);

        // What the worker did, in order.
        QMutex mutex;
        QStringList done;
        auto note = [&](const QString& what) {
            QMutexLocker lock(&mutex);
            done << what;
        };
        ingest.setIngestHook([&](const QString&, qsizetype) { note("ingest"); });
        ingest.setRetentionHook([&](const nsgate::store::RetentionReport& step) {
            note(QString("step %1").arg(step.eventsDeleted));
        });
        ingest.setRetentionBatchRows(100);
        QSignalSpy passes(&ingest, &LogIngest::retentionDone);
        QVERIFY(!ingest.lastRetention());

        // Hold the worker so the policy and three batches queue up behind each other.
        QSemaphore gate;
        ingest.read<int>(this, [&gate](nsgate::store::LogStore*) { gate.acquire(); return 0; }, [](int) {});
        nsgate::store::RetentionPolicy policy;
        policy.maxAgeMs = 30 * kDayMs;
        ingest.setRetention(policy);
        for (int b = 0; b < 3; ++b)
            ingest.ingest("i1", eventsAt(1101 + b * 10, 10, t0 + b * 10));
        gate.release();
        QTRY_COMPARE(passes.size(), 1);

        const auto pass = passes.first().first().value<nsgate::store::RetentionReport>();
        QCOMPARE(pass.eventsDeleted, 1000);
        QVERIFY(pass.done);
        QCOMPARE(ingest.lastRetention()->eventsDeleted, 1000);
        QList<qint64> expected;
        for (qint64 seq = 1001; seq <= 1130; ++seq)
            expected << seq;
        QCOMPARE(storedSeqs(ingest), expected);
        {
            QMutexLocker lock(&mutex);
            // The first step ran as the policy arrived; the batches queued
            // meanwhile went before the second step, not after the pass.
            QVERIFY(done.size() >= 3 + 10);
            QCOMPARE(done.at(0), QString("step 100"));
            QCOMPARE(done.mid(1, 3), QStringList({"ingest", "ingest", "ingest"}));
            QCOMPARE(done.at(4), QString("step 100"));
            QCOMPARE(done.filter("step 100").size(), 10);
            done.clear();
        }

        // Thirty days later the hour-old events are past the limit too; the
        // ones stored since are not (a pass on demand).
        clock->store(t0 + 30 * kDayMs);
        ingest.ingest("i1", eventsAt(1131, 5, t0 + 30 * kDayMs));
        ingest.pruneNow();
        QTRY_COMPARE(passes.size(), 2);
        QCOMPARE(passes.last().first().value<nsgate::store::RetentionReport>().eventsDeleted, 100);
        expected = {};
        for (qint64 seq = 1101; seq <= 1135; ++seq)
            expected << seq;
        QCOMPARE(storedSeqs(ingest), expected);

        // The interval starts passes by itself.
        clock->store(t0 + 31 * kDayMs);
        ingest.setRetentionInterval(20);
        QTRY_VERIFY(passes.size() >= 3 && storedSeqs(ingest) == QList<qint64>({1131, 1132, 1133, 1134, 1135}));
        // The hooks refer to this frame's locals, which go before `ingest`
        // does: take them back (both calls wait for the worker) while the
        // 20 ms timer keeps running steps.
        ingest.setRetentionHook({});
        ingest.setIngestHook({});
    }

    void aBatchThatCannotBeStoredIsFetchedAgain()
    {
        // A store that refuses inserts while `block` has a row, set and
        // cleared from a second connection (another process could do the
        // same): the refused batch must arrive once the store works again,
        // and nothing after it may be stored before it.
        const QString path = m_dir.filePath("refusing.db");
        LogIngest ingest(path);
        QSignalSpy errors(&ingest, &LogIngest::syncError);
        ProxyConnection connection(profileFor(m_proxy), m_proxy.token());
        ingest.follow(&connection);
        connection.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(ingest.syncState(&connection), EventSync::State::Streaming, 10000);
        // The proxy is shared with the other tests: count from what it holds now.
        const qsizetype base = proxySeqs().size();
        generate(5);
        QList<qint64> expected;
        QTRY_VERIFY_WITH_TIMEOUT((expected = proxySeqs()).size() >= base + 5, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(storedSeqs(ingest), expected, 10000);
        const qsizetype stored = expected.size();

        auto other = nsgate::store::Database::open(path.toStdString());
        QVERIFY(other);
        QVERIFY(other->exec("CREATE TABLE block(x); INSERT INTO block VALUES(1);"
                            "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN EXISTS(SELECT 1 FROM block) "
                            "BEGIN SELECT RAISE(ABORT, 'injected: the disk is full'); END;"));
        generate(7);
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 10000);
        QVERIFY(errors.first().at(1).toString().contains("injected"));
        // While refused, more traffic: none of it may be stored over the hole.
        generate(3);
        QTRY_VERIFY_WITH_TIMEOUT((expected = proxySeqs()).size() >= stored + 10, 10000);
        QCOMPARE(storedSeqs(ingest).size(), stored);

        QVERIFY(other->exec("DELETE FROM block"));
        generate(2);
        QTRY_VERIFY_WITH_TIMEOUT((expected = proxySeqs()).size() >= stored + 12, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(storedSeqs(ingest), expected, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(ingest.syncState(&connection), EventSync::State::Streaming, 10000);
    }

    void summariesCarryOnlyTheNewestEvents()
    {
        LogIngest ingest(m_dir.filePath("cap.db"));
        QSignalSpy ingested(&ingest, &LogIngest::ingested);
        // Two batches larger than a summary holds, queued behind each other.
        QSemaphore gate;
        ingest.read<int>(this, [&gate](nsgate::store::LogStore*) { gate.acquire(); return 0; }, [](int) {});
        ingest.ingest("i1", eventsAt(1, 6000, 1800000000000));
        ingest.ingest("i1", eventsAt(6001, 6000, 1800000006000));
        gate.release();
        int inserted = 0, carried = 0, leftOut = 0;
        auto count = [&] {
            inserted = carried = leftOut = 0;
            for (const auto& args : ingested) {
                const auto summary = args.at(0).value<IngestSummary>();
                if (summary.events.size() > IngestSummary::kMaxEvents)
                    return -1;
                inserted += summary.inserted;
                carried += int(summary.events.size());
                leftOut += summary.eventsLeftOut;
            }
            return inserted;
        };
        QTRY_COMPARE(count(), 12000);
        QCOMPARE(carried + leftOut, 12000);
        QVERIFY(leftOut >= 2000);
        // What was carried is the newest, in order.
        const auto last = ingested.last().at(0).value<IngestSummary>();
        QCOMPARE(last.events.last().event.seq, 12000);
        for (qsizetype i = 1; i < last.events.size(); ++i)
            QCOMPARE(last.events[i].event.seq, last.events[i - 1].event.seq + 1);
    }

    void storeThatCannotOpenIsReported()
    {
        LogIngest ingest(m_dir.filePath("no/such/dir/events.db"));
        QSignalSpy failed(&ingest, &LogIngest::storeFailed);
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(!ingest.storeError().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLogIngest)
#include "tst_logingest.moc"
