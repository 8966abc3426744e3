// Server-sent events as EventSync reads them: messages split at blank lines
// (LF or CRLF), partial messages kept for the next read, comments and other
// event types skipped, multi-line data joined.

#include "core/client/EventSync.h"

#include <QTest>

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
};

QTEST_GUILESS_MAIN(TestEventSync)
#include "tst_eventsync.moc"
