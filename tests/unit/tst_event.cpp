// The event record: the contract's example decodes, encoding round-trips, and
// times are RFC 3339 in UTC with milliseconds.

#include "core/model/Event.h"

#include <QTest>

using namespace nsgate::model;

class TestEvent : public QObject
{
    Q_OBJECT

private slots:
    void contractExampleDecodes()
    {
        const std::string text =
            "{\"seq\":1042,\"time\":\"2026-11-27T21:00:00.123Z\",\"method\":\"GET\",\"object\":\"manifest\","
            "\"requestedNs\":\"docker.io\",\"servedNs\":\"docker.io\",\"upstream\":\"https://registry-1.docker.io\","
            "\"repository\":\"library/alpine\",\"reference\":\"3.20\",\"digest\":\"sha256:abc\","
            "\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"cache\":\"hit\",\"mismatch\":\"none\","
            "\"decision\":\"served\",\"status\":200,\"bytes\":1601,\"durationMs\":0.8,\"client\":\"127.0.0.1\","
            "\"userAgent\":\"containerd/1.6.20~ds1\",\"detail\":null,\"futureField\":1}";
        auto e = decodeEvent(text);
        QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
        QCOMPARE(e->seq, std::int64_t(1042));
        QCOMPARE(formatTime(e->timeMs), std::string("2026-11-27T21:00:00.123Z"));
        QVERIFY(e->cache == CacheResult::Hit);
        QVERIFY(e->object == ObjectKind::Manifest);
        QCOMPARE(e->status, 200);
        QCOMPARE(e->durationMs, 0.8);
        QVERIFY(!e->detail);
        auto again = decodeEvent(encodeEvent(*e));
        QVERIFY(again.ok());
        QVERIFY(*again == *e);
    }

    void enumsAndTypesAreChecked_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("cache") << QByteArray("{\"cache\":\"warm\"}") << "cache";
        QTest::newRow("mismatch") << QByteArray("{\"mismatch\":1}") << "mismatch";
        QTest::newRow("seq") << QByteArray("{\"seq\":\"1\"}") << "seq";
        QTest::newRow("time") << QByteArray("{\"time\":\"yesterday\"}") << "time";
        QTest::newRow("detail") << QByteArray("{\"detail\":[]}") << "detail";
    }

    void enumsAndTypesAreChecked()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        auto e = decodeEvent(json.toStdString());
        QVERIFY(!e.ok());
        QVERIFY2(QString::fromStdString(e.error().message).contains("\"" + field + "\""),
                 e.error().message.c_str());
    }

    void times_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << qint64(0);
        QTest::newRow("millis") << "2026-11-27T21:00:00.123Z" << qint64(1795813200123);
        QTest::newRow("nanos truncated") << "2026-11-27T21:00:00.123999999Z" << qint64(1795813200123);
        QTest::newRow("offset") << "2026-11-27T22:30:00.000+01:30" << qint64(1795813200000);
        QTest::newRow("leap day") << "2028-02-29T00:00:00Z" << qint64(1835395200000);
    }

    void times()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        auto t = parseTime(text.toStdString());
        QVERIFY(t.ok());
        QCOMPARE(*t, std::int64_t(ms));
    }

    void badTimes()
    {
        for (const char* t : {"", "2026-11-27", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                              "2026-11-27T21:00:00", "2026-11-27T21:00:00.Z", "2026-11-27T21:00:00Zjunk",
                              "2026-11-27T24:00:00Z"})
            QVERIFY2(!parseTime(t).ok(), t);
    }

    void formatIsUtcWithMillis()
    {
        QCOMPARE(formatTime(0), std::string("1970-01-01T00:00:00.000Z"));
        QCOMPARE(formatTime(1795813200123), std::string("2026-11-27T21:00:00.123Z"));
    }
};

QTEST_GUILESS_MAIN(TestEvent)
#include "tst_event.moc"
