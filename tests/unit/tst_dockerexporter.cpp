// Docker daemon.json: only Docker Hub is exportable; everything else is named
// in the warnings, and what Docker cannot use is an error.

#include "ExportGolden.h"
#include "core/export/DockerExporter.h"

#include <QTest>
#include <boost/json.hpp>

using namespace nsgate;
using namespace nsgate::exporters;
using nsgate::testing::anyContains;
using nsgate::testing::compareWithGolden;
using nsgate::testing::sampleConfig;

namespace {

model::MirrorConfig hubServingDefault()
{
    auto config = sampleConfig();
    config.defaultNamespace = "docker.io";
    config.namespaces[0].policy.onMissingNs = model::MissingNsMode::Serve;
    return config;
}

} // namespace

class TestDockerExporter : public QObject
{
    Q_OBJECT

private slots:
    void golden()
    {
        const auto result = exportDocker(hubServingDefault(), DockerOptions{"https://NSGATE.example:5443/"});
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        const QString diff = compareWithGolden(*result, "docker/hub");
        QVERIFY2(diff.isEmpty(), qPrintable(diff));

        const auto root = boost::json::parse(result->files[0].content).as_object();
        QCOMPARE(root.size(), std::size_t{1});
        const auto& mirrors = root.at("registry-mirrors").as_array();
        QCOMPARE(mirrors.size(), std::size_t{1});
        QCOMPARE(std::string(mirrors[0].as_string().c_str()), std::string("https://nsgate.example:5443"));

        // Aliases of docker.io are the same registry; the rest is named.
        const std::vector<std::string> expected{
            "namespace \"ghcr.io\" not exportable: Docker mirrors only Docker Hub",
            "namespace \"quay.io\" not exportable: Docker mirrors only Docker Hub",
            "namespace \"127.0.0.1:5001\" not exportable: Docker mirrors only Docker Hub",
            "namespace \"[::1]:5002\" not exportable: Docker mirrors only Docker Hub",
        };
        QCOMPARE(testing::toQStringList(result->warnings), testing::toQStringList(expected));
    }

    void hubFoundThroughAlias()
    {
        model::MirrorConfig config;
        auto hub = testing::entry("registry-1.docker.io", {"https://registry-1.docker.io"});
        hub.aliases = {"docker.io"};
        hub.policy.onMissingNs = model::MissingNsMode::Serve;
        config.namespaces.push_back(hub);
        config.defaultNamespace = "docker.io";
        const auto result = exportDocker(config, DockerOptions{"http://nsgate.lan:5000"});
        QVERIFY(result.ok());
        QVERIFY(result->warnings.empty());
        QCOMPARE(result->files[0].content,
                 std::string("{\"registry-mirrors\":[\"http://nsgate.lan:5000\"]}\n"));
    }

    void warnsWhenDockerPullsWouldBeRefused()
    {
        auto config = sampleConfig(); // no defaultNamespace
        const auto noDefault = exportDocker(config, DockerOptions{"http://nsgate.lan:5000"});
        QVERIFY(noDefault.ok());
        QVERIFY(anyContains(noDefault->warnings, "Docker sends no ns"));

        config.defaultNamespace = "docker.io"; // but onMissingNs stays "reject"
        const auto rejecting = exportDocker(config, DockerOptions{"http://nsgate.lan:5000"});
        QVERIFY(rejecting.ok());
        QVERIFY(anyContains(rejecting->warnings, "Docker sends no ns"));

        auto digestOnly = hubServingDefault();
        digestOnly.namespaces[0].policy.tags = model::TagMode::DigestOnly;
        const auto digest = exportDocker(digestOnly, DockerOptions{"http://nsgate.lan:5000"});
        QVERIFY(digest.ok());
        QVERIFY(!anyContains(digest->warnings, "Docker sends no ns"));
        QVERIFY(anyContains(digest->warnings, "\"docker.io\" is digest-only"));
    }

    void errors()
    {
        model::MirrorConfig noHub;
        noHub.namespaces.push_back(testing::entry("ghcr.io", {"https://ghcr.io"}));
        const auto missing = exportDocker(noHub, DockerOptions{"http://nsgate.lan:5000"});
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, std::string("export.config"));
        QVERIFY(missing.error().message.find("docker.io") != std::string::npos);

        const auto path = exportDocker(sampleConfig(), DockerOptions{"https://gate.example/nsgate"});
        QVERIFY(!path.ok());
        QCOMPARE(path.error().code, std::string("export.option"));
        QVERIFY(path.error().message.starts_with("proxyUrl \"https://gate.example/nsgate\""));

        const auto url = exportDocker(sampleConfig(), DockerOptions{"registry-mirror"});
        QVERIFY(!url.ok());
        QCOMPARE(url.error().code, std::string("url.invalid"));
        QVERIFY(url.error().message.starts_with("proxyUrl \"registry-mirror\""));
    }
};

QTEST_GUILESS_MAIN(TestDockerExporter)
#include "tst_dockerexporter.moc"
