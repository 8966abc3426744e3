// The config codec: defaults, exact round trips, and every shape error
// reported with its pointer.

#include "core/model/ConfigCodec.h"

#include <QFile>
#include <QTest>

using namespace nsgate::model;

namespace {

std::string fixture(const char* name)
{
    QFile f(QStringLiteral(NSGATE_FIXTURES "/config/") + QString::fromUtf8(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll().toStdString();
}

QStringList pointers(const Issues& issues)
{
    QStringList out;
    for (const auto& i : issues)
        out << QString::fromStdString(i.pointer);
    return out;
}

} // namespace

class TestConfigCodec : public QObject
{
    Q_OBJECT

private slots:
    void fullDocumentRoundTripsByteForByte()
    {
        const std::string text = fixture("full.json");
        auto decoded = decodeConfig(text);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->revision, std::int64_t(7));
        QCOMPARE(decoded->namespaces.size(), std::size_t(2));
        const auto& docker = decoded->namespaces[0];
        QCOMPARE(docker.aliases.size(), std::size_t(2));
        QCOMPARE(docker.upstreams[1].repositoryPrefix.value_or(""), std::string("dockerhub/"));
        QVERIFY(docker.upstreams[1].forwardNs);
        QVERIFY(!docker.upstreams[1].tlsVerify);
        QVERIFY(docker.policy.tags == TagMode::Any);
        QVERIFY(docker.policy.onMissingNs == MissingNsMode::Serve);
        QVERIFY(decoded->namespaces[1].policy.tags == TagMode::DigestOnly);
        QCOMPARE(encodeConfig(*decoded), text);
    }

    void omittedFieldsTakeTheirDefaults()
    {
        auto decoded = decodeConfig(fixture("minimal.json"));
        QVERIFY(decoded.ok());
        QCOMPARE(encodeConfig(*decoded), fixture("minimal.expanded.json"));
        const auto& e = decoded->namespaces[0];
        QVERIFY(e.policy == TrustPolicy{});
        QCOMPARE(e.upstreams[0].tlsVerify, true);
        QVERIFY(!decoded->defaultNamespace);
    }

    void compactEncodingDecodesToTheSameValue()
    {
        auto decoded = decodeConfig(fixture("full.json"));
        QVERIFY(decoded.ok());
        auto again = decodeConfig(encodeConfig(*decoded, JsonStyle::Compact));
        QVERIFY(again.ok());
        QVERIFY(*again == *decoded);
    }

    void shapeErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("expectedPointers");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("not json") << QByteArray("{\"namespaces\": [") << QStringList{""} << "not valid JSON";
        QTest::newRow("not an object") << QByteArray("[]") << QStringList{""} << "must be an object";
        QTest::newRow("unknown top-level field")
            << QByteArray("{\"schemaVersion\":1,\"namespacez\":[]}") << QStringList{"/namespacez"} << "namespacez";
        QTest::newRow("unknown nested fields, all reported")
            << QByteArray("{\"namespaces\":[{\"namespace\":\"a.io\",\"upstreams\":[{\"url\":\"https://a.io\",\"tls\":1}],\"policy\":{\"allowed\":[]}}]}")
            << QStringList{"/namespaces/0/upstreams/0/tls", "/namespaces/0/policy/allowed"} << "unknown field";
        QTest::newRow("pointer escapes ~ and /")
            << QByteArray("{\"a/b~c\":1}") << QStringList{"/a~1b~0c"} << "unknown field";
        QTest::newRow("schema version")
            << QByteArray("{\"schemaVersion\":2,\"namespaces\":[]}") << QStringList{"/schemaVersion"} << "2";
        QTest::newRow("revision not integer")
            << QByteArray("{\"revision\":1.5}") << QStringList{"/revision"} << "must be an integer";
        QTest::newRow("revision out of range")
            << QByteArray("{\"revision\":18446744073709551615}") << QStringList{"/revision"} << "out of range";
        QTest::newRow("namespace missing and upstreams missing")
            << QByteArray("{\"namespaces\":[{}]}")
            << QStringList{"/namespaces/0/namespace", "/namespaces/0/upstreams"} << "required";
        QTest::newRow("url missing") << QByteArray("{\"namespaces\":[{\"namespace\":\"a.io\",\"upstreams\":[{}]}]}")
                                     << QStringList{"/namespaces/0/upstreams/0/url"} << "required";
        QTest::newRow("wrong types everywhere")
            << QByteArray("{\"defaultNamespace\":5,\"namespaces\":[{\"namespace\":1,\"aliases\":\"x\",\"upstreams\":{},\"policy\":{\"serveStale\":\"yes\",\"tagTtlSeconds\":\"300\"}}]}")
            << QStringList{"/defaultNamespace", "/namespaces/0/namespace", "/namespaces/0/aliases",
                           "/namespaces/0/upstreams", "/namespaces/0/policy/tagTtlSeconds",
                           "/namespaces/0/policy/serveStale"}
            << "must be";
        QTest::newRow("alias item not a string")
            << QByteArray("{\"namespaces\":[{\"namespace\":\"a.io\",\"aliases\":[\"b.io\",2],\"upstreams\":[{\"url\":\"https://a.io\"}]}]}")
            << QStringList{"/namespaces/0/aliases/1"} << "must be a string";
        QTest::newRow("unknown tags mode names value")
            << QByteArray("{\"namespaces\":[{\"namespace\":\"a.io\",\"upstreams\":[{\"url\":\"https://a.io\"}],\"policy\":{\"tags\":\"latest\"}}]}")
            << QStringList{"/namespaces/0/policy/tags"} << "\"latest\" is not one of";
        QTest::newRow("unknown onMissingNs")
            << QByteArray("{\"namespaces\":[{\"namespace\":\"a.io\",\"upstreams\":[{\"url\":\"https://a.io\"}],\"policy\":{\"onMissingNs\":\"allow\"}}]}")
            << QStringList{"/namespaces/0/policy/onMissingNs"} << "\"allow\"";
        QTest::newRow("namespaces not array") << QByteArray("{\"namespaces\":{}}") << QStringList{"/namespaces"}
                                              << "must be an array";
    }

    void shapeErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, expectedPointers);
        QFETCH(QString, messagePart);
        auto decoded = decodeConfig(std::string_view(json.constData(), static_cast<std::size_t>(json.size())));
        QVERIFY(!decoded.ok());
        QCOMPARE(pointers(decoded.error()), expectedPointers);
        bool mentioned = false;
        for (const auto& issue : decoded.error())
            mentioned = mentioned || QString::fromStdString(issue.message).contains(messagePart);
        QVERIFY2(mentioned, qPrintable(QString::fromStdString(decoded.error().front().message)));
    }

    void deepNestingIsRefusedNotOverflowed()
    {
        const std::string deep = std::string(10000, '[') + std::string(10000, ']');
        auto decoded = decodeConfig(deep);
        QVERIFY(!decoded.ok());
    }
};

QTEST_GUILESS_MAIN(TestConfigCodec)
#include "tst_configcodec.moc"
