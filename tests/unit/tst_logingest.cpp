// LogIngest against a real nsgate: the store ends up with exactly the proxy's
// events (by seq), ingest runs on the worker thread, the GUI hears back in
// batches, a restart resumes from the store's cursor without duplicates, and
// pause/resume reach the sync.

#include "core/client/LogIngest.h"
#include "core/client/ProxyConnection.h"
#include "core/store/LogStore.h"

#include "tests/ui/TestProxy.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
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
