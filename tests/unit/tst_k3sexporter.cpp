// k3s / rke2 registries.yaml: golden files, the structure read back with
// yaml-cpp, warnings, and option errors.

#include "ExportGolden.h"
#include "core/export/K3sExporter.h"

#include <QTest>
#include <yaml-cpp/yaml.h>

using namespace nsgate;
using namespace nsgate::exporters;
using nsgate::testing::anyContains;
using nsgate::testing::compareWithGolden;
using nsgate::testing::sampleConfig;

namespace {

K3sOptions opts(std::string proxyUrl, bool includeDefault = false, std::string caPath = {},
                bool skipVerify = false)
{
    K3sOptions options;
    options.proxyUrl = std::move(proxyUrl);
    options.includeDefault = includeDefault;
    options.caPath = std::move(caPath);
    options.skipVerify = skipVerify;
    return options;
}

const char* const kDigestOnlyWarning = "\"quay.io\" is digest-only";

} // namespace

class TestK3sExporter : public QObject
{
    Q_OBJECT

private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("proxyUrl");
        QTest::addColumn<bool>("includeDefault");
        QTest::addColumn<QString>("caPath");
        QTest::addColumn<bool>("skipVerify");
        QTest::newRow("plain") << QStringLiteral("http://nsgate.lan:5000") << false << QString() << false;
        QTest::newRow("default-tls") << QStringLiteral("https://nsgate.example:5443") << true
                                     << QStringLiteral("/etc/rancher/k3s/nsgate-ca.crt") << true;
        QTest::newRow("ca-only") << QStringLiteral("https://nsgate.example") << false
                                 << QStringLiteral("/etc/rancher/k3s/nsgate-ca.crt") << false;
    }

    void golden()
    {
        QFETCH(QString, proxyUrl);
        QFETCH(bool, includeDefault);
        QFETCH(QString, caPath);
        QFETCH(bool, skipVerify);
        const auto result = exportK3s(
            sampleConfig(), opts(proxyUrl.toStdString(), includeDefault, caPath.toStdString(), skipVerify));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        const QString diff = compareWithGolden(*result, std::string("k3s/") + QTest::currentDataTag());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(result->warnings.size(), std::size_t{1});
        QVERIFY(anyContains(result->warnings, kDigestOnlyWarning));
    }

    void structureReadsBackWithYaml()
    {
        const auto result =
            exportK3s(sampleConfig(), opts("https://NSGATE.example:5443/", true, "/ca dir/ca.crt", true));
        QVERIFY(result.ok());
        QCOMPARE(result->files.size(), std::size_t{1});
        QCOMPARE(result->files[0].relativePath, std::string("registries.yaml"));
        const YAML::Node root = YAML::Load(result->files[0].content);
        const auto mirrors = root["mirrors"];
        QVERIFY(mirrors.IsMap());
        const std::vector<std::string> expected{
            "docker.io", "index.docker.io", "registry-1.docker.io", "ghcr.io",
            "quay.io",   "127.0.0.1:5001",  "[::1]:5002",           "*"};
        QCOMPARE(mirrors.size(), expected.size());
        std::size_t i = 0;
        for (const auto& item : mirrors) {
            QCOMPARE(item.first.as<std::string>(), expected[i++]);
            const auto endpoint = item.second["endpoint"];
            QVERIFY(endpoint.IsSequence() && endpoint.size() == 1);
            QCOMPARE(endpoint[0].as<std::string>(), std::string("https://nsgate.example:5443"));
        }
        const auto tls = root["configs"]["nsgate.example:5443"]["tls"];
        QVERIFY(tls.IsMap());
        QCOMPARE(tls["ca_file"].as<std::string>(), std::string("/ca dir/ca.crt"));
        QCOMPARE(tls["insecure_skip_verify"].as<bool>(), true);
    }

    void noConfigsWithoutTlsOptions()
    {
        const auto result = exportK3s(sampleConfig(), opts("https://nsgate.example"));
        QVERIFY(result.ok());
        const YAML::Node root = YAML::Load(result->files[0].content);
        QVERIFY(!root["configs"]);
    }

    void emptyConfig()
    {
        const auto result = exportK3s(model::MirrorConfig{}, opts("http://nsgate.lan:5000"));
        QVERIFY(result.ok());
        QCOMPARE(result->warnings.size(), std::size_t{1});
        QVERIFY(YAML::Load(result->files[0].content)["mirrors"].IsMap());

        const auto catchAll = exportK3s(model::MirrorConfig{}, opts("http://nsgate.lan:5000", true));
        QVERIFY(catchAll.ok());
        QVERIFY(catchAll->warnings.empty());
        QVERIFY(YAML::Load(catchAll->files[0].content)["mirrors"]["*"]);
    }

    void tlsOptionsOnPlainHttpWarn()
    {
        const auto result = exportK3s(sampleConfig(), opts("http://nsgate.lan:5000", false, "/ca.crt", true));
        QVERIFY(result.ok());
        QCOMPARE(result->warnings.size(), std::size_t{3});
        QVERIFY(anyContains(result->warnings, "caPath has no effect"));
        QVERIFY(anyContains(result->warnings, "skipVerify has no effect"));
    }

    void errors()
    {
        const auto url = exportK3s(sampleConfig(), opts("nsgate.lan:5000"));
        QVERIFY(!url.ok());
        QCOMPARE(url.error().code, std::string("url.invalid"));
        QVERIFY(url.error().message.starts_with("proxyUrl \"nsgate.lan:5000\""));

        const auto ca = exportK3s(sampleConfig(), opts("https://nsgate.example", false, "a\tb"));
        QVERIFY(!ca.ok());
        QCOMPARE(ca.error().code, std::string("export.option"));

        auto config = sampleConfig();
        config.namespaces[0].name = "Docker.io";
        const auto name = exportK3s(config, opts("https://nsgate.example"));
        QVERIFY(!name.ok());
        QCOMPARE(name.error().code, std::string("export.config"));
    }
};

QTEST_GUILESS_MAIN(TestK3sExporter)
#include "tst_k3sexporter.moc"
