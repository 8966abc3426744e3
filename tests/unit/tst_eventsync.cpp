// Server-sent events as EventSync reads them: messages split at blank lines
// (LF or CRLF), partial messages kept for the next read, comments and other
// event types skipped, multi-line data joined.

#include "core/client/EventSync.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using nsgate::client::backoffDelayMs;
using nsgate::client::EventSync;
using nsgate::client::parseSse;

class TestEventSync : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QList<qint64>>("ids");
        QTest::addColumn<QByteArray>("lastData");
        QTest::addColumn<QByteArray>("rest");

        QTest::newRow("one") << QByteArray("id: 7\nevent: request\ndata: {\"seq\":7}\n\n") << QList<qint64>{7}
                             << QByteArray("{\"seq\":7}") << QByteArray();
        QTest::newRow("crlf") << QByteArray("id: 8\r\nevent: request\r\ndata: x\r\n\r\n") << QList<qint64>{8}
                              << QByteArray("x") << QByteArray();
        QTest::newRow("partial kept") << QByteArray("id: 1\nevent: request\ndata: a\n\nid: 2\nevent: req")
                                      << QList<qint64>{1} << QByteArray("a") << QByteArray("id: 2\nevent: req");
        QTest::newRow("keepalive comment") << QByteArray(": keepalive\n\nid: 3\nevent: request\ndata: b\n\n")
                                           << QList<qint64>{3} << QByteArray("b") << QByteArray();
        QTest::newRow("other event type skipped") << QByteArray("id: 4\nevent: other\ndata: c\n\n") << QList<qint64>{}
                                                  << QByteArray() << QByteArray();
        QTest::newRow("no id skipped") << QByteArray("event: request\ndata: c\n\n") << QList<qint64>{} << QByteArray()
                                       << QByteArray();
        QTest::newRow("multi-line data") << QByteArray("id: 5\nevent: request\ndata: l1\ndata: l2\n\n")
                                         << QList<qint64>{5} << QByteArray("l1\nl2") << QByteArray();
        QTest::newRow("no space after colon") << QByteArray("id:6\nevent:request\ndata:d\n\n") << QList<qint64>{6}
                                              << QByteArray("d") << QByteArray();
    }

    void parse()
    {
        QFETCH(QByteArray, input);
        QFETCH(QList<qint64>, ids);
        QFETCH(QByteArray, lastData);
        QFETCH(QByteArray, rest);
        QList<qint64> seen;
        QByteArray data;
        parseSse(input, [&](std::int64_t id, const QByteArray& d) {
            seen << id;
            data = d;
        });
        QCOMPARE(seen, ids);
        QCOMPARE(data, lastData);
        QCOMPARE(input, rest);
    }

    void byteByByteGivesTheSameMessages()
    {
        const QByteArray all("id: 1\nevent: request\ndata: a\n\n: keepalive\n\nid: 2\r\nevent: request\r\ndata: b\r\n\r\n");
        QByteArray buffer;
        QList<qint64> seen;
        for (char c : all) {
            buffer += c;
            parseSse(buffer, [&](std::int64_t id, const QByteArray&) { seen << id; });
        }
        QCOMPARE(seen, (QList<qint64>{1, 2}));
        QVERIFY(buffer.isEmpty());
    }

    void backoffDoublesUpToTheCapWithJitter()
    {
        const EventSync::Backoff b{100, 1000, 0.5};
        // Middle of the jitter range: the plain exponential curve, capped.
        QCOMPARE(backoffDelayMs(b, 0, 0.5), 100);
        QCOMPARE(backoffDelayMs(b, 1, 0.5), 200);
        QCOMPARE(backoffDelayMs(b, 3, 0.5), 800);
        QCOMPARE(backoffDelayMs(b, 4, 0.5), 1000);
        QCOMPARE(backoffDelayMs(b, 400, 0.5), 1000);
        // The jitter spreads each delay over ±50 %.
        QCOMPARE(backoffDelayMs(b, 2, 0.0), 200);
        QCOMPARE(backoffDelayMs(b, 2, 1.0), 600);
        QCOMPARE(backoffDelayMs(b, 9, 1.0), 1500);
        // Without jitter every console would wait the same.
        QCOMPARE(backoffDelayMs(EventSync::Backoff{100, 1000, 0.0}, 2, 0.9), 400);
    }

    void retriesAnUnreachableProxyAgainAndAgain()
    {
        // A port nothing listens on: bind one, note it, close it.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        nsgate::client::ConnectionOptions options;
        options.adminUrl = QUrl(QString("http://127.0.0.1:%1").arg(port));
        options.token = "t";
        nsgate::client::AdminClient client(options);
        EventSync sync(&client, 0);
        sync.setBackoff({5, 20, 0.5});
        QSignalSpy errors(&sync, &EventSync::errorOccurred);
        QSignalSpy states(&sync, &EventSync::stateChanged);
        sync.start();
        QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 4, 10000);
        QVERIFY(states.contains(QVariantList{QVariant::fromValue(EventSync::State::Waiting)}));
        QCOMPARE(sync.state() == EventSync::State::Waiting || sync.state() == EventSync::State::CatchingUp, true);
        sync.stop();
        const auto count = errors.count();
        QTest::qWait(100); // stopped: no timer may fire any more
        QCOMPARE(errors.count(), count);
        QCOMPARE(sync.state(), EventSync::State::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestEventSync)
#include "tst_eventsync.moc"
