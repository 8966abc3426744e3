// Reading certs.d trees back: round trips of exported trees, a hand-written
// tree with everything that cannot be mapped, and single hosts.toml files.

#include "ExportGolden.h"
#include "core/export/ContainerdExporter.h"
#include "core/export/ContainerdImporter.h"
#include "core/export/HttpUrl.h"
#include "core/model/ConfigValidator.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <set>

using namespace nsgate;
using namespace nsgate::exporters;
using nsgate::testing::sampleConfig;

Q_DECLARE_METATYPE(nsgate::exporters::ContainerdVersion)
Q_DECLARE_METATYPE(nsgate::exporters::Fallback)

namespace {

constexpr const char* kProxy = "http://nsgate.lan:5000";

std::string describe(const ImportResult& result)
{
    std::string out;
    for (const auto& ns : result.draft.namespaces) {
        out += ns.name + " [" + std::string(model::toString(ns.policy.tags)) + "]:";
        for (const auto& u : ns.upstreams)
            out += " " + u.url + (u.tlsVerify ? "" : " (no verify)") + (u.caPem ? " (ca)" : "");
        out += "\n";
    }
    for (const auto& issue : result.unmapped)
        out += "unmapped " + issue.pointer + ": " + issue.message + "\n";
    return out;
}

std::vector<std::string> upstreamUrls(const model::NamespaceEntry& entry)
{
    std::vector<std::string> urls;
    for (const auto& u : entry.upstreams)
        urls.push_back(u.url);
    return urls;
}

std::vector<std::string> pointers(const model::Issues& issues)
{
    std::vector<std::string> out;
    for (const auto& issue : issues)
        out.push_back(issue.pointer);
    return out;
}

const model::Issue* issueAt(const model::Issues& issues, const std::string& pointer)
{
    const auto it =
        std::find_if(issues.begin(), issues.end(), [&](const auto& i) { return i.pointer == pointer; });
    return it == issues.end() ? nullptr : &*it;
}

bool writeTree(const QTemporaryDir& dir, const ExportResult& result)
{
    for (const auto& file : result.files)
        testing::writeText(std::filesystem::path(dir.path().toStdString()) / file.relativePath, file.content);
    return true;
}

} // namespace

class TestContainerdImporter : public QObject
{
    Q_OBJECT

private slots:
    void exportedTreeRoundTrips_data()
    {
        QTest::addColumn<ContainerdVersion>("version");
        QTest::addColumn<Fallback>("fallback");
        QTest::addColumn<bool>("includeDefault");
        QTest::addColumn<QString>("proxyUrl");
        for (auto version : {ContainerdVersion::V1_6, ContainerdVersion::V2_1}) {
            for (auto fallback : {Fallback::Origin, Fallback::Upstream, Fallback::None}) {
                for (bool withDefault : {false, true}) {
                    const std::string tag = std::string(toString(version)) + "-" +
                                            std::string(toString(fallback)) + (withDefault ? "-default" : "");
                    QTest::newRow(tag.c_str())
                        << version << fallback << withDefault << QString::fromLatin1(kProxy);
                }
            }
        }
        QTest::newRow("tls-path-none") << ContainerdVersion::V2_1 << Fallback::None << true
                                       << QStringLiteral("https://gate.example/nsgate/v2");
    }

    void exportedTreeRoundTrips()
    {
        QFETCH(ContainerdVersion, version);
        QFETCH(Fallback, fallback);
        QFETCH(bool, includeDefault);
        QFETCH(QString, proxyUrl);

        const auto config = sampleConfig();
        ContainerdOptions options;
        options.proxyUrl = proxyUrl.toStdString();
        options.version = version;
        options.fallback = fallback;
        options.includeDefault = includeDefault;
        if (proxyUrl.startsWith(QLatin1String("https"))) {
            options.caPath = "/etc/nsgate/ca.crt";
            options.skipVerify = true;
        }
        const auto exported = exportContainerd(config, options);
        QVERIFY(exported.ok());
        QTemporaryDir dir;
        QVERIFY(dir.isValid() && writeTree(dir, *exported));

        const auto imported = importContainerdTree(dir.path().toStdString());
        QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().message.c_str());
        const std::string text = describe(*imported);

        // Every spelling the config mapped comes back as a namespace.
        std::set<std::string> expectedNames;
        for (const auto& entry : config.namespaces) {
            expectedNames.insert(entry.name);
            expectedNames.insert(entry.aliases.begin(), entry.aliases.end());
        }
        std::set<std::string> names;
        for (const auto& entry : imported->draft.namespaces)
            names.insert(entry.name);
        QVERIFY2(names == expectedNames, text.c_str());
        QVERIFY2(model::validateConfig(imported->draft).empty(), text.c_str());

        const std::string proxy = parseHttpUrl(options.proxyUrl, "proxyUrl")->text();
        for (const auto& entry : imported->draft.namespaces) {
            const auto urls = upstreamUrls(entry);
            QCOMPARE(urls.size(), std::size_t{1});
            QVERIFY2(urls.front().find("nsgate") == std::string::npos &&
                         urls.front().find("gate.example") == std::string::npos,
                     text.c_str());
            const auto* original = config.find(entry.name);
            QVERIFY(original);
            // Origin: the server written for the namespace (aliases share it);
            // none: the tree only knows the proxy, so the directory's own origin.
            const std::string expectedUpstream = fallback == Fallback::Upstream
                                                     ? original->upstreams.front().url
                                                 : fallback == Fallback::Origin ? originUrl(original->name)
                                                                                : originUrl(entry.name);
            QCOMPARE(urls.front(), expectedUpstream);
            QVERIFY(entry.policy.tags == original->policy.tags);
        }

        // The proxy is recognized (several directories use it) and said so;
        // _default is noted; nothing else is lost.
        std::vector<std::string> expectedPointers{""};
        if (includeDefault)
            expectedPointers.push_back("_default/hosts.toml");
        QVERIFY2(pointers(imported->unmapped) == expectedPointers, text.c_str());
        QVERIFY(imported->unmapped.front().message.find(proxy) != std::string::npos);
    }

    void handWrittenTree()
    {
        const auto root = testing::exportFixtures() / "containerd-import" / "handwritten";
        const auto imported = importContainerdTree(root);
        QVERIFY(imported.ok());
        const std::string text = describe(*imported);
        const auto& draft = imported->draft;
        QVERIFY2(model::validateConfig(draft).empty(), text.c_str());
        QCOMPARE(draft.revision, std::int64_t{0});

        std::vector<std::string> names;
        for (const auto& entry : draft.namespaces)
            names.push_back(entry.name);
        const std::vector<std::string> expectedNames{"docker.io", "gateway.example", "ghcr.io", "k8s.example",
                                                     "registry.example:5000"};
        QVERIFY2(names == expectedNames, text.c_str());

        // Hosts in file order (not key order), the proxy left out, server last.
        const auto& hub = draft.namespaces[0];
        QCOMPARE(upstreamUrls(hub),
                 (std::vector<std::string>{"https://mirror.gcr.io", "https://auth.example:8443",
                                           "https://registry-1.docker.io"}));
        QVERIFY(hub.policy.tags == model::TagMode::Primary);

        // override_path keeps an odd API root as written; a plain path is the root.
        QCOMPARE(upstreamUrls(draft.namespaces[1]),
                 (std::vector<std::string>{"https://gw.example/api", "https://gw2.example/prefix",
                                           "https://gateway.example"}));

        // No scheme means https; a pull-only mirror means tags resolve elsewhere;
        // the relative ca file is read.
        const auto& ghcr = draft.namespaces[2];
        QCOMPARE(upstreamUrls(ghcr),
                 (std::vector<std::string>{"https://ghcr-mirror.example:5000", "https://ghcr.io"}));
        QVERIFY(ghcr.policy.tags == model::TagMode::DigestOnly);
        QVERIFY(ghcr.upstreams[0].caPem);
        QCOMPARE(*ghcr.upstreams[0].caPem, testing::readText(root / "ghcr.io" / "ca.crt"));
        QVERIFY(ghcr.upstreams[0].tlsVerify);
        QVERIFY(!ghcr.upstreams[1].caPem);

        // Server and hosts are only the proxy: the registry itself; pull-only proxy: digest-only.
        QCOMPARE(upstreamUrls(draft.namespaces[3]), (std::vector<std::string>{"https://k8s.example"}));
        QVERIFY(draft.namespaces[3].policy.tags == model::TagMode::DigestOnly);

        // host_port_ wins over host:port; /v2 is dropped; top-level skip_verify applies to server.
        QCOMPARE(upstreamUrls(draft.namespaces[4]),
                 (std::vector<std::string>{"https://registry.example:5000"}));
        QVERIFY(!draft.namespaces[4].upstreams[0].tlsVerify);

        const std::vector<std::string> expectedPointers{
            "README.md",
            "certs-only.example",
            "quay.io/hosts.toml",
            "",
            "_default/hosts.toml",
            "Upper.Example",
            "bad_name",
            "registry.example:5000",
            "docker.io/hosts.toml#/host/https:~1~1push.example",
            "docker.io/hosts.toml#/host/https:~1~1auth.example:8443/client",
            "docker.io/hosts.toml#/host/https:~1~1auth.example:8443/header",
            "gateway.example/hosts.toml#/server",
            "gateway.example/hosts.toml#/host/https:~1~1gw.example~1api",
            "registry.example_5000_/hosts.toml#/mirrors",
        };
        QVERIFY2(pointers(imported->unmapped) == expectedPointers, text.c_str());
        const auto& unmapped = imported->unmapped;
        auto says = [&](const std::string& pointer, const std::string& needle) {
            const auto* issue = issueAt(unmapped, pointer);
            return issue && issue->message.find(needle) != std::string::npos;
        };
        QVERIFY(says("quay.io/hosts.toml", "not valid TOML at line 1"));
        QVERIFY(says("", "\"http://nsgate.lan:5000\" serves several registries"));
        QVERIFY(says("Upper.Example", "containerd looks up \"upper.example\""));
        QVERIFY(says("bad_name", "not allowed in a host name"));
        QVERIFY(says("registry.example:5000", "\"registry.example_5000_\""));
        QVERIFY(says("docker.io/hosts.toml#/host/https:~1~1push.example", "cannot pull"));
        QVERIFY(says("docker.io/hosts.toml#/host/https:~1~1auth.example:8443/client", "client certificates"));
        QVERIFY(says("registry.example_5000_/hosts.toml#/mirrors", "unknown key \"mirrors\""));
    }

    // One directory cannot reveal that its host is a shared proxy: the host is
    // kept as a mirror (documented), and the draft is still valid.
    void singleDirectoryKeepsItsHostAsMirror()
    {
        model::MirrorConfig config;
        config.namespaces.push_back(testing::entry("ghcr.io", {"https://ghcr.io"}));
        ContainerdOptions options;
        options.proxyUrl = kProxy;
        const auto exported = exportContainerd(config, options);
        QVERIFY(exported.ok());
        QTemporaryDir dir;
        QVERIFY(dir.isValid() && writeTree(dir, *exported));
        const auto imported = importContainerdTree(dir.path().toStdString());
        QVERIFY(imported.ok());
        QCOMPARE(imported->draft.namespaces.size(), std::size_t{1});
        QCOMPARE(upstreamUrls(imported->draft.namespaces[0]),
                 (std::vector<std::string>{kProxy, "https://ghcr.io"}));
        QVERIFY(imported->unmapped.empty());
        QVERIFY(model::validateConfig(imported->draft).empty());
    }

    void caFileProblemsAreNoted()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path root = dir.path().toStdString();
        testing::writeText(root / "a.example" / "hosts.toml",
                           "[host.\"https://m.example\"]\nca = [\"missing.crt\"]\n");
        testing::writeText(root / "b.example" / "hosts.toml", "ca = \"key.pem\"\n");
        testing::writeText(root / "b.example" / "key.pem", "-----BEGIN PRIVATE KEY-----\n");
        const auto imported = importContainerdTree(root);
        QVERIFY(imported.ok());
        const std::string text = describe(*imported);
        QVERIFY2(pointers(imported->unmapped) ==
                     (std::vector<std::string>{"a.example/hosts.toml#/host/https:~1~1m.example/ca",
                                               "b.example/hosts.toml#/ca"}),
                 text.c_str());
        QVERIFY(imported->unmapped[1].message.find("no PEM certificate") != std::string::npos);
        for (const auto& entry : imported->draft.namespaces) {
            for (const auto& upstream : entry.upstreams)
                QVERIFY(!upstream.caPem);
        }
    }

    void treeErrors()
    {
        const auto missing = importContainerdTree("/nonexistent/certs.d");
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, std::string("import.dir"));
        QVERIFY(missing.error().message.find("/nonexistent/certs.d") != std::string::npos);

        const auto file = importContainerdTree(testing::exportFixtures() / "containerd-import" /
                                               "handwritten" / "README.md");
        QVERIFY(!file.ok());
        QCOMPARE(file.error().code, std::string("import.dir"));

        QTemporaryDir empty;
        const auto nothing = importContainerdTree(empty.path().toStdString());
        QVERIFY(nothing.ok());
        QVERIFY(nothing->draft.namespaces.empty());
        QVERIFY(nothing->unmapped.empty());
    }

    void directoryNames_data()
    {
        QTest::addColumn<QString>("directory");
        QTest::addColumn<QString>("host"); // empty: refused
        QTest::newRow("name") << QStringLiteral("ghcr.io") << QStringLiteral("ghcr.io");
        QTest::newRow("host:port") << QStringLiteral("registry.example:5000")
                                   << QStringLiteral("registry.example:5000");
        QTest::newRow("host_port_") << QStringLiteral("registry.example_5000_")
                                    << QStringLiteral("registry.example:5000");
        QTest::newRow("ipv4_port_") << QStringLiteral("127.0.0.1_5001_") << QStringLiteral("127.0.0.1:5001");
        QTest::newRow("ipv6") << QStringLiteral("[::1]") << QStringLiteral("[::1]");
        QTest::newRow("ipv6:port") << QStringLiteral("[::1]:5000") << QStringLiteral("[::1]:5000");
        QTest::newRow("ipv6_port_") << QStringLiteral("[::1]_5000_") << QStringLiteral("[::1]:5000");
        QTest::newRow("_default") << QStringLiteral("_default") << QString();
        QTest::newRow("upper case") << QStringLiteral("GHCR.io") << QString();
        QTest::newRow("leading zero port") << QStringLiteral("registry.example_05000_") << QString();
        QTest::newRow("underscore") << QStringLiteral("my_registry") << QString();
        QTest::newRow("trailing underscore only") << QStringLiteral("registry_") << QString();
        QTest::newRow("dot dot") << QStringLiteral("..") << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void directoryNames()
    {
        QFETCH(QString, directory);
        QFETCH(QString, host);
        const auto ns = namespaceFromDirectoryName(directory.toStdString());
        if (host.isEmpty()) {
            QVERIFY(!ns.ok());
            QCOMPARE(ns.error().code, std::string("hoststoml.directory"));
            QVERIFY2(ns.error().message.find('"' + directory.toStdString() + '"') != std::string::npos,
                     ns.error().message.c_str());
        } else {
            QVERIFY2(ns.ok(), ns.ok() ? "" : ns.error().message.c_str());
            QCOMPARE(*ns, host.toStdString());
        }
    }

    void parseHostsToml_data()
    {
        QTest::addColumn<QString>("toml");
        QTest::addColumn<QString>("directory");
        QTest::addColumn<QStringList>("upstreams");
        QTest::addColumn<bool>("digestOnly");
        QTest::addColumn<QStringList>("unmapped"); // pointers

        QTest::newRow("empty file") << QString() << QStringLiteral("docker.io")
                                    << QStringList{QStringLiteral("https://registry-1.docker.io")} << false
                                    << QStringList();
        QTest::newRow("server only") << QStringLiteral("server = \"https://mirror.example/v2\"\n")
                                     << QStringLiteral("quay.io")
                                     << QStringList{QStringLiteral("https://mirror.example")} << false
                                     << QStringList();
        QTest::newRow("host then server")
            << QStringLiteral("server = \"https://ghcr.io\"\n[host.\"http://m.example:5000\"]\n"
                              "capabilities = [\"pull\", \"resolve\"]\nskip_verify = true\n")
            << QStringLiteral("ghcr.io")
            << QStringList{QStringLiteral("http://m.example:5000"), QStringLiteral("https://ghcr.io")}
            << false << QStringList();
        QTest::newRow("duplicate of server")
            << QStringLiteral("server = \"https://ghcr.io\"\n[host.\"https://ghcr.io/\"]\n")
            << QStringLiteral("ghcr.io") << QStringList{QStringLiteral("https://ghcr.io")} << false
            << QStringList();
        QTest::newRow("pull-only mirror")
            << QStringLiteral("[host.\"m.example\"]\ncapabilities = [\"pull\"]\n")
            << QStringLiteral("registry.example_5000_")
            << QStringList{QStringLiteral("https://m.example"),
                           QStringLiteral("https://registry.example:5000")}
            << true << QStringList();
        QTest::newRow("mixed resolve")
            << QStringLiteral("[host.\"https://a.example\"]\ncapabilities = [\"pull\"]\n"
                              "[host.\"https://b.example\"]\ncapabilities = [\"pull\", \"resolve\"]\n")
            << QStringLiteral("ghcr.io")
            << QStringList{QStringLiteral("https://a.example"), QStringLiteral("https://b.example"),
                           QStringLiteral("https://ghcr.io")}
            << false << QStringList{QStringLiteral("ghcr.io/hosts.toml#/host/https:~1~1a.example")};
        QTest::newRow("ca not read")
            << QStringLiteral("[host.\"https://a.example\"]\nca = \"/etc/ca.crt\"\n")
            << QStringLiteral("ghcr.io")
            << QStringList{QStringLiteral("https://a.example"), QStringLiteral("https://ghcr.io")} << false
            << QStringList{QStringLiteral("ghcr.io/hosts.toml#/host/https:~1~1a.example/ca")};
        QTest::newRow("push only and bad url")
            << QStringLiteral(
                   "[host.\"https://p.example\"]\ncapabilities = [\"push\"]\n"
                   "[host.\"ftp://f.example\"]\n[host.\"https://c.example\"]\ncapabilities = \"pull\"\n"
                   "[host.\"https://d.example\"]\ncapabilities = [\"pull\", \"teleport\"]\n")
            << QStringLiteral("ghcr.io")
            << QStringList{QStringLiteral("https://d.example"), QStringLiteral("https://ghcr.io")} << true
            << QStringList{QStringLiteral("ghcr.io/hosts.toml#/host/https:~1~1p.example"),
                           QStringLiteral("ghcr.io/hosts.toml#/host/ftp:~1~1f.example"),
                           QStringLiteral("ghcr.io/hosts.toml#/host/https:~1~1c.example/capabilities"),
                           QStringLiteral("ghcr.io/hosts.toml#/host/https:~1~1d.example/capabilities")};
        QTest::newRow("wrong types")
            << QStringLiteral("server = 5\nhost = 1\nskip_verify = \"yes\"\noverride_path = 1\nca = 3\n")
            << QStringLiteral("[::1]:5000") << QStringList{QStringLiteral("https://[::1]:5000")} << false
            << QStringList{QStringLiteral("[::1]:5000/hosts.toml#/server"),
                           QStringLiteral("[::1]:5000/hosts.toml#/host"),
                           QStringLiteral("[::1]:5000/hosts.toml#/ca"),
                           QStringLiteral("[::1]:5000/hosts.toml#/override_path"),
                           QStringLiteral("[::1]:5000/hosts.toml#/skip_verify")};
        QTest::newRow("server cannot pull")
            << QStringLiteral("server = \"https://s.example\"\ncapabilities = [\"push\"]\n")
            << QStringLiteral("ghcr.io") << QStringList{QStringLiteral("https://ghcr.io")} << false
            << QStringList{QStringLiteral("ghcr.io/hosts.toml#/capabilities")};
        QTest::newRow("dial_timeout and header")
            << QStringLiteral("[host.\"https://a.example\"]\ndial_timeout = \"1s\"\n"
                              "[host.\"https://a.example\".header]\nx = \"y\"\n")
            << QStringLiteral("ghcr.io")
            << QStringList{QStringLiteral("https://a.example"), QStringLiteral("https://ghcr.io")} << false
            << QStringList{QStringLiteral("ghcr.io/hosts.toml#/host/https:~1~1a.example/dial_timeout"),
                           QStringLiteral("ghcr.io/hosts.toml#/host/https:~1~1a.example/header")};
    }

    void parseHostsToml()
    {
        QFETCH(QString, toml);
        QFETCH(QString, directory);
        QFETCH(QStringList, upstreams);
        QFETCH(bool, digestOnly);
        QFETCH(QStringList, unmapped);

        model::Issues issues;
        const auto entry = exporters::parseHostsToml(toml.toStdString(), directory.toStdString(), issues);
        QVERIFY2(entry.ok(), entry.ok() ? "" : entry.error().message.c_str());
        QStringList urls;
        for (const auto& u : entry->upstreams)
            urls << QString::fromStdString(u.url);
        QCOMPARE(urls, upstreams);
        QCOMPARE(entry->policy.tags == model::TagMode::DigestOnly, digestOnly);
        QStringList found;
        for (const auto& issue : issues)
            found << QString::fromStdString(issue.pointer);
        QCOMPARE(found, unmapped);
        // Every note is a translatable message whose English is the message.
        for (const auto& issue : issues) {
            QVERIFY(!issue.message.empty());
            QCOMPARE(issue.text.english(), issue.message);
            QCOMPARE(std::string(issue.text.context()), std::string("nsgate::export"));
        }
    }

    void parseHostsTomlErrors()
    {
        model::Issues issues;
        const auto bad = exporters::parseHostsToml("server = [", "ghcr.io", issues);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, std::string("hoststoml.parse"));
        QVERIFY2(bad.error().message.starts_with("ghcr.io/hosts.toml: not valid TOML at line 1"),
                 bad.error().message.c_str());
        QCOMPARE(bad.error().text.english(), bad.error().message);

        const auto notUtf8 = exporters::parseHostsToml("server = \"\xff\"", "ghcr.io", issues);
        QVERIFY(!notUtf8.ok());
        QCOMPARE(notUtf8.error().code, std::string("hoststoml.parse"));

        const auto directory = exporters::parseHostsToml("", "_default", issues);
        QVERIFY(!directory.ok());
        QCOMPARE(directory.error().code, std::string("hoststoml.directory"));

        const auto huge = exporters::parseHostsToml(std::string(2 * 1024 * 1024, '#'), "ghcr.io", issues);
        QVERIFY(!huge.ok());
        QVERIFY(issues.empty());
    }
};

QTEST_GUILESS_MAIN(TestContainerdImporter)
#include "tst_containerdimporter.moc"
