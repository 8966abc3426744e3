// containers-registries.conf v2: golden files, the structure read back with
// toml++, namespaces that cannot be path prefixes, and option errors.

#include "ExportGolden.h"
#include "core/export/RegistriesConfExporter.h"

#include <QTest>
#include <toml++/toml.h>

using namespace nsgate;
using namespace nsgate::exporters;
using nsgate::testing::anyContains;
using nsgate::testing::compareWithGolden;
using nsgate::testing::sampleConfig;

namespace {

RegistriesConfOptions opts(std::string proxy, bool insecure = false)
{
    RegistriesConfOptions options;
    options.proxyHostPort = std::move(proxy);
    options.insecure = insecure;
    return options;
}

} // namespace

class TestRegistriesConfExporter : public QObject
{
    Q_OBJECT

private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("proxy");
        QTest::addColumn<bool>("insecure");
        QTest::newRow("secure") << QStringLiteral("nsgate.example") << false;
        QTest::newRow("insecure") << QStringLiteral("nsgate.lan:5000") << true;
    }

    void golden()
    {
        QFETCH(QString, proxy);
        QFETCH(bool, insecure);
        const auto result = exportRegistriesConf(sampleConfig(), opts(proxy.toStdString(), insecure));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        const QString diff =
            compareWithGolden(*result, std::string("registries-conf/") + QTest::currentDataTag());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));

        // host:port and IPv6 namespaces cannot be path prefixes.
        QCOMPARE(result->warnings.size(), std::size_t{2});
        QVERIFY(anyContains(result->warnings, "namespace \"127.0.0.1:5001\" not exported"));
        QVERIFY(anyContains(result->warnings, "namespace \"[::1]:5002\" not exported"));
    }

    void structureReadsBackWithToml()
    {
        const auto result = exportRegistriesConf(sampleConfig(), opts("NSGATE.lan:05000", true));
        QVERIFY(result.ok());
        QCOMPARE(result->files.size(), std::size_t{1});
        QCOMPARE(result->files[0].relativePath, std::string("registries.conf"));
        const auto root = toml::parse(result->files[0].content);
        const auto* registries = root["registry"].as_array();
        QVERIFY(registries);
        QVERIFY(registries->is_array_of_tables());
        const std::vector<std::string> expected{"docker.io", "index.docker.io", "registry-1.docker.io",
                                                "ghcr.io", "quay.io"};
        QCOMPARE(registries->size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            // node_view chains stay null-safe when a level is missing.
            const auto registry = root["registry"][i];
            QCOMPARE(registry["prefix"].value<std::string>(), std::optional(expected[i]));
            QCOMPARE(registry["location"].value<std::string>(), std::optional(expected[i]));
            const auto* mirrors = registry["mirror"].as_array();
            QVERIFY(mirrors && mirrors->size() == 1);
            const auto mirror = registry["mirror"][0];
            QCOMPARE(mirror["location"].value<std::string>(),
                     std::optional("nsgate.lan:5000/" + expected[i]));
            QCOMPARE(mirror["insecure"].value<bool>(), std::optional(true));
            const bool digestOnly = expected[i] == "quay.io";
            QCOMPARE(mirror["pull-from-mirror"].value<std::string>(),
                     digestOnly ? std::optional<std::string>("digest-only") : std::nullopt);
        }
    }

    void singleLabelNamespacesAreLeftOut()
    {
        model::MirrorConfig config;
        config.namespaces.push_back(testing::entry("localhost", {"http://localhost:5000"}));
        const auto result = exportRegistriesConf(config, opts("nsgate.lan:5000"));
        QVERIFY(result.ok());
        QCOMPARE(result->warnings.size(), std::size_t{2});
        QVERIFY(anyContains(result->warnings, "\"localhost\" not exported"));
        QVERIFY(anyContains(result->warnings, "no namespace could be exported"));
        QVERIFY(!toml::parse(result->files[0].content).contains("registry"));
    }

    void badOptions_data()
    {
        QTest::addColumn<QString>("proxy");
        QTest::newRow("empty") << QString();
        QTest::newRow("scheme") << QStringLiteral("http://nsgate.lan:5000");
        QTest::newRow("path") << QStringLiteral("nsgate.lan:5000/prefix");
        QTest::newRow("bad port") << QStringLiteral("nsgate.lan:0");
        QTest::newRow("space") << QStringLiteral("nsgate lan");
    }

    void badOptions()
    {
        QFETCH(QString, proxy);
        const auto result = exportRegistriesConf(sampleConfig(), opts(proxy.toStdString()));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, std::string("export.option"));
        QVERIFY2(result.error().message.starts_with("proxyHostPort \"" + proxy.toStdString() + "\""),
                 result.error().message.c_str());
    }

    void badNamespace()
    {
        auto config = sampleConfig();
        config.namespaces[1].aliases.push_back("../x");
        const auto result = exportRegistriesConf(config, opts("nsgate.lan:5000"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, std::string("export.config"));
        QVERIFY(result.error().message.starts_with("/namespaces/1/aliases/0"));
    }
};

QTEST_GUILESS_MAIN(TestRegistriesConfExporter)
#include "tst_registriesconfexporter.moc"
