// containerd hosts.toml trees: golden files for every version and fallback
// combination that changes the output, the structure read back with toml++,
// and every option or config problem reported as an error naming it.

#include "ExportGolden.h"
#include "core/export/ContainerdExporter.h"

#include <QTest>
#include <algorithm>
#include <toml++/toml.h>

using namespace nsgate;
using namespace nsgate::exporters;
using nsgate::testing::anyContains;
using nsgate::testing::compareWithGolden;
using nsgate::testing::entry;
using nsgate::testing::sampleConfig;

Q_DECLARE_METATYPE(nsgate::exporters::ContainerdVersion)
Q_DECLARE_METATYPE(nsgate::exporters::Fallback)

namespace {

constexpr const char* kProxy = "http://nsgate.lan:5000";

ContainerdOptions opts(std::string proxyUrl, ContainerdVersion version = ContainerdVersion::V1_7,
                       Fallback fallback = Fallback::Origin, bool includeDefault = false,
                       std::string caPath = {}, bool skipVerify = false)
{
    ContainerdOptions options;
    options.proxyUrl = std::move(proxyUrl);
    options.version = version;
    options.fallback = fallback;
    options.includeDefault = includeDefault;
    options.caPath = std::move(caPath);
    options.skipVerify = skipVerify;
    return options;
}

model::MirrorConfig singleConfig()
{
    model::MirrorConfig config;
    config.namespaces.push_back(entry("ghcr.io", {"https://ghcr.io"}));
    return config;
}

const ExportedFile* findFile(const ExportResult& result, const std::string& path)
{
    const auto it = std::find_if(result.files.begin(), result.files.end(),
                                 [&](const ExportedFile& f) { return f.relativePath == path; });
    return it == result.files.end() ? nullptr : &*it;
}

toml::table parseFile(const ExportResult& result, const std::string& path)
{
    const auto* file = findFile(result, path);
    if (!file)
        qFatal("no file %s", path.c_str());
    try {
        return toml::parse(file->content);
    } catch (const toml::parse_error& e) {
        qFatal("%s is not TOML: %s", path.c_str(), std::string(e.description()).c_str());
    }
}

} // namespace

class TestContainerdExporter : public QObject
{
    Q_OBJECT

private slots:
    void versionAndFallbackNames()
    {
        for (auto v : {ContainerdVersion::V1_6, ContainerdVersion::V1_7, ContainerdVersion::V2_0,
                       ContainerdVersion::V2_1})
            QCOMPARE(containerdVersionFromString(toString(v)), std::optional(v));
        QCOMPARE(containerdVersionFromString("1.6"), std::optional(ContainerdVersion::V1_6));
        QCOMPARE(containerdVersionFromString("2.1"), std::optional(ContainerdVersion::V2_1));
        QVERIFY(!containerdVersionFromString("1.5"));
        QVERIFY(!containerdVersionFromString("2.1.0"));
        QVERIFY(!containerdVersionFromString(""));
        for (auto f : {Fallback::Origin, Fallback::Upstream, Fallback::None})
            QCOMPARE(fallbackFromString(toString(f)), std::optional(f));
        QCOMPARE(fallbackFromString("none"), std::optional(Fallback::None));
        QVERIFY(!fallbackFromString("Origin"));
        QVERIFY(!fallbackFromString(""));
    }

    void golden_data()
    {
        QTest::addColumn<bool>("single");
        QTest::addColumn<QString>("proxyUrl");
        QTest::addColumn<ContainerdVersion>("version");
        QTest::addColumn<Fallback>("fallback");
        QTest::addColumn<bool>("includeDefault");
        QTest::addColumn<QString>("caPath");
        QTest::addColumn<bool>("skipVerify");
        QTest::addColumn<QStringList>("warnings"); // one substring per expected warning

        const QString proxy = QString::fromLatin1(kProxy);
        const QString tlsProxy = QStringLiteral("https://nsgate.example:5443");
        const QString ca = QStringLiteral("/etc/containerd/certs.d/nsgate-ca.crt");
        const QStringList none;
        const QStringList digestOnlyNone{QStringLiteral("\"quay.io\" is digest-only and fallback is none")};

        QTest::newRow("v1.7-origin") << false << proxy << ContainerdVersion::V1_7 << Fallback::Origin << false
                                     << QString() << false << none;
        QTest::newRow("v1.7-upstream") << false << proxy << ContainerdVersion::V1_7 << Fallback::Upstream
                                       << false << QString() << false << none;
        QTest::newRow("v1.7-none") << false << proxy << ContainerdVersion::V1_7 << Fallback::None << false
                                   << QString() << false << digestOnlyNone;
        QTest::newRow("v2.1-origin") << false << proxy << ContainerdVersion::V2_1 << Fallback::Origin << false
                                     << QString() << false << none;
        QTest::newRow("v2.1-upstream") << false << proxy << ContainerdVersion::V2_1 << Fallback::Upstream
                                       << false << QString() << false << none;
        QTest::newRow("v2.1-none") << false << proxy << ContainerdVersion::V2_1 << Fallback::None << false
                                   << QString() << false << digestOnlyNone;
        QTest::newRow("default-origin") << true << proxy << ContainerdVersion::V1_7 << Fallback::Origin
                                        << true << QString() << false << none;
        QTest::newRow("default-upstream")
            << true << proxy << ContainerdVersion::V1_7 << Fallback::Upstream << true << QString() << false
            << QStringList{QStringLiteral("_default has no upstream of its own")};
        QTest::newRow("default-none") << true << proxy << ContainerdVersion::V1_7 << Fallback::None << true
                                      << QString() << false << none;
        QTest::newRow("default-v1.6") << true << proxy << ContainerdVersion::V1_6 << Fallback::Origin << true
                                      << QString() << false << QStringList{QStringLiteral("1.6.17")};
        QTest::newRow("tls-origin") << true << tlsProxy << ContainerdVersion::V1_7 << Fallback::Origin
                                    << false << ca << true << none;
        QTest::newRow("tls-none-v2.1")
            << true << tlsProxy << ContainerdVersion::V2_1 << Fallback::None << true << ca << false << none;
        QTest::newRow("path-origin") << true << QStringLiteral("https://gate.example/nsgate/v2")
                                     << ContainerdVersion::V1_7 << Fallback::Origin << false << QString()
                                     << false << none;
        QTest::newRow("path-none") << true << QStringLiteral("https://gate.example/nsgate/v2")
                                   << ContainerdVersion::V1_7 << Fallback::None << false << QString() << false
                                   << none;
        QTest::newRow("path-without-v2") << true << QStringLiteral("https://gate.example/mirror/")
                                         << ContainerdVersion::V1_7 << Fallback::Origin << false << QString()
                                         << false << QStringList{QStringLiteral("does not end in /v2")};
    }

    void golden()
    {
        QFETCH(bool, single);
        QFETCH(QString, proxyUrl);
        QFETCH(ContainerdVersion, version);
        QFETCH(Fallback, fallback);
        QFETCH(bool, includeDefault);
        QFETCH(QString, caPath);
        QFETCH(bool, skipVerify);
        QFETCH(QStringList, warnings);

        ContainerdOptions options;
        options.proxyUrl = proxyUrl.toStdString();
        options.version = version;
        options.fallback = fallback;
        options.includeDefault = includeDefault;
        options.caPath = caPath.toStdString();
        options.skipVerify = skipVerify;
        const auto result = exportContainerd(single ? singleConfig() : sampleConfig(), options);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());

        const QString diff = compareWithGolden(*result, std::string("containerd/") + QTest::currentDataTag());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));

        QCOMPARE(result->warnings.size(), static_cast<std::size_t>(warnings.size()));
        for (const auto& expected : warnings)
            QVERIFY2(anyContains(result->warnings, expected.toStdString()), qPrintable(expected));
    }

    // 1.6 and 2.0 understand the same keys as 1.7 for everything written here;
    // only _default on 1.6 earns a warning.
    void versionsWithoutNewKeysWriteTheSameFiles()
    {
        for (auto fallback : {Fallback::Origin, Fallback::Upstream, Fallback::None}) {
            for (bool withDefault : {false, true}) {
                auto options = opts(kProxy, ContainerdVersion::V1_7, fallback, withDefault);
                const auto reference = exportContainerd(sampleConfig(), options);
                QVERIFY(reference.ok());
                for (auto version : {ContainerdVersion::V1_6, ContainerdVersion::V2_0}) {
                    options.version = version;
                    const auto other = exportContainerd(sampleConfig(), options);
                    QVERIFY(other.ok());
                    QVERIFY(other->files == reference->files);
                    QCOMPARE(anyContains(other->warnings, "1.6.17"),
                             withDefault && version == ContainerdVersion::V1_6);
                }
            }
        }
    }

    void structureReadsBackWithToml()
    {
        const auto options = opts("https://NSGATE.example:05443/", ContainerdVersion::V2_1, Fallback::Origin,
                                  true, "ca.crt", true);
        const auto result = exportContainerd(sampleConfig(), options);
        QVERIFY(result.ok());
        const std::string proxy = "https://nsgate.example:5443";

        std::vector<std::string> paths;
        for (const auto& file : result->files)
            paths.push_back(file.relativePath);
        const std::vector<std::string> expected{
            "127.0.0.1:5001/hosts.toml", "[::1]:5002/hosts.toml",
            "_default/hosts.toml",       "docker.io/hosts.toml",
            "ghcr.io/hosts.toml",        "index.docker.io/hosts.toml",
            "quay.io/hosts.toml",        "registry-1.docker.io/hosts.toml"};
        QCOMPARE(paths, expected);

        for (const auto& path : paths) {
            const auto root = parseFile(*result, path);
            const auto* hosts = root["host"].as_table();
            QVERIFY2(hosts, path.c_str());
            QCOMPARE(hosts->size(), std::size_t{1});
            const auto* proxyTable = (*hosts)[proxy].as_table();
            QVERIFY2(proxyTable, path.c_str());
            QCOMPARE((*proxyTable)["ca"].value<std::string>(), std::optional<std::string>("ca.crt"));
            QCOMPARE((*proxyTable)["skip_verify"].value<bool>(), std::optional(true));
            QCOMPARE((*proxyTable)["dial_timeout"].value<std::string>(), std::optional<std::string>("5s"));
            QVERIFY(!(*proxyTable).contains("override_path"));
            const auto* caps = (*proxyTable)["capabilities"].as_array();
            QVERIFY(caps);
            const std::size_t expectedCaps = path == "quay.io/hosts.toml" ? 1 : 2;
            QCOMPARE(caps->size(), expectedCaps);
            QCOMPARE((*caps)[0].value<std::string>(), std::optional<std::string>("pull"));
        }
        auto server = [&](const std::string& path) {
            return parseFile(*result, path)["server"].value<std::string>();
        };
        QCOMPARE(server("docker.io/hosts.toml"), std::optional<std::string>("https://registry-1.docker.io"));
        QCOMPARE(server("index.docker.io/hosts.toml"),
                 std::optional<std::string>("https://registry-1.docker.io"));
        QCOMPARE(server("ghcr.io/hosts.toml"), std::optional<std::string>("https://ghcr.io"));
        QCOMPARE(server("[::1]:5002/hosts.toml"), std::optional<std::string>("https://[::1]:5002"));
        QCOMPARE(server("127.0.0.1:5001/hosts.toml"), std::optional<std::string>("https://127.0.0.1:5001"));
        QVERIFY(!server("_default/hosts.toml"));
        // Origin fallback: nothing about the proxy leaks to the top level.
        QVERIFY(!parseFile(*result, "ghcr.io/hosts.toml").contains("ca"));
    }

    void fallbackNoneConfiguresServerLikeTheProxy()
    {
        const auto options = opts("https://gate.example/nsgate/v2", ContainerdVersion::V2_1, Fallback::None,
                                  true, "/ca.pem", true);
        const auto result = exportContainerd(singleConfig(), options);
        QVERIFY(result.ok());
        for (const std::string path : {"ghcr.io/hosts.toml", "_default/hosts.toml"}) {
            const auto root = parseFile(*result, path);
            QCOMPARE(root["server"].value<std::string>(),
                     std::optional<std::string>("https://gate.example/nsgate/v2"));
            QCOMPARE(root["override_path"].value<bool>(), std::optional(true));
            QCOMPARE(root["ca"].value<std::string>(), std::optional<std::string>("/ca.pem"));
            QCOMPARE(root["skip_verify"].value<bool>(), std::optional(true));
            QCOMPARE(root["dial_timeout"].value<std::string>(), std::optional<std::string>("5s"));
            QCOMPARE(root["host"]["https://gate.example/nsgate/v2"]["override_path"].value<bool>(),
                     std::optional(true));
        }
    }

    void fallbackUpstreamUsesTheFirstUpstream()
    {
        auto config = sampleConfig();
        config.namespaces[1].upstreams.insert(config.namespaces[1].upstreams.begin(),
                                              testing::upstream("https://harbor.example/"));
        config.namespaces[1].upstreams.front().repositoryPrefix = "ghcr/";
        const auto result =
            exportContainerd(config, opts(kProxy, ContainerdVersion::V1_7, Fallback::Upstream));
        QVERIFY(result.ok());
        QCOMPARE(parseFile(*result, "ghcr.io/hosts.toml")["server"].value<std::string>(),
                 std::optional<std::string>("https://harbor.example"));
        QCOMPARE(parseFile(*result, "registry-1.docker.io/hosts.toml")["server"].value<std::string>(),
                 std::optional<std::string>("https://registry-1.docker.io"));
        QCOMPARE(result->warnings.size(), std::size_t{1});
        QVERIFY(anyContains(result->warnings, "repositoryPrefix \"ghcr/\""));
    }

    void aliasDirectoriesMatchTheirNamespace()
    {
        for (auto fallback : {Fallback::Origin, Fallback::Upstream, Fallback::None}) {
            const auto result =
                exportContainerd(sampleConfig(), opts(kProxy, ContainerdVersion::V1_7, fallback));
            QVERIFY(result.ok());
            const auto* hub = findFile(*result, "docker.io/hosts.toml");
            QVERIFY(hub);
            QCOMPARE(findFile(*result, "index.docker.io/hosts.toml")->content, hub->content);
            QCOMPARE(findFile(*result, "registry-1.docker.io/hosts.toml")->content, hub->content);
        }
    }

    void outputIsDeterministicAndSorted()
    {
        const auto options = opts(kProxy, ContainerdVersion::V2_1, Fallback::Origin, true);
        const auto first = exportContainerd(sampleConfig(), options);
        const auto second = exportContainerd(sampleConfig(), options);
        QVERIFY(first.ok() && second.ok());
        QVERIFY(first->files == second->files);
        QVERIFY(std::is_sorted(first->files.begin(), first->files.end(),
                               [](const auto& a, const auto& b) { return a.relativePath < b.relativePath; }));
    }

    void emptyConfigWarns()
    {
        const auto nothing = exportContainerd(model::MirrorConfig{}, opts(kProxy));
        QVERIFY(nothing.ok());
        QVERIFY(nothing->files.empty());
        QCOMPARE(nothing->warnings.size(), std::size_t{1});

        const auto onlyDefault = exportContainerd(
            model::MirrorConfig{}, opts(kProxy, ContainerdVersion::V1_7, Fallback::Origin, true));
        QVERIFY(onlyDefault.ok());
        QCOMPARE(onlyDefault->files.size(), std::size_t{1});
        QVERIFY(onlyDefault->warnings.empty());
    }

    void tlsOptionsOnPlainHttpWarn()
    {
        const auto result = exportContainerd(
            singleConfig(), opts(kProxy, ContainerdVersion::V1_7, Fallback::Origin, false, "/ca.crt", true));
        QVERIFY(result.ok());
        QCOMPARE(result->warnings.size(), std::size_t{2});
        QVERIFY(anyContains(result->warnings, "caPath has no effect"));
        QVERIFY(anyContains(result->warnings, "skipVerify has no effect"));
    }

    // Warnings are translatable: the pattern keeps option names and quoted
    // input out as values, and the English is the sentence nsgatectl has
    // always printed.
    void warningsAreMessages()
    {
        const auto result =
            exportContainerd(singleConfig(), opts("http://nsgate.lan:5000/mirror", ContainerdVersion::V1_7,
                                                  Fallback::Origin, false, "/ca.crt"));
        QVERIFY(result.ok());
        QCOMPARE(testing::toQStringList(result->warnings),
                 QStringList(
                     {QStringLiteral("caPath has no effect: the proxy URL \"http://nsgate.lan:5000/mirror\" "
                                     "is plain http"),
                      QStringLiteral("proxyUrl path \"/mirror\" does not end in /v2: containerd uses it "
                                     "verbatim as the API root (override_path), so requests go to "
                                     "/mirror/<repository>/manifests/...")}));
        const auto& warning = result->warnings.front();
        QCOMPARE(std::string(warning.context()), std::string("nsgate::export"));
        QCOMPARE(std::string(warning.pattern()),
                 std::string("%1 has no effect: the proxy URL %2 is plain http"));
        QCOMPARE(warning.args().size(), std::size_t{2});
        QVERIFY(warning.args().front().isValue());
        QCOMPARE(warning.args().front().valueText(), std::string("caPath"));
    }

    // An error keeps its nested problem translatable ("(scheme is not http or
    // https)") and its English unchanged.
    void errorsCarryTheirText()
    {
        const auto result = exportContainerd(sampleConfig(), opts("ftp://nsgate.lan"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().message,
                 std::string(
                     "proxyUrl \"ftp://nsgate.lan\": must be http:// or https:// with a host, optional port "
                     "and optional path (scheme is not http or https)"));
        const auto& text = result.error().text;
        QCOMPARE(text.english(), result.error().message);
        QCOMPARE(std::string(text.context()), std::string("nsgate::export"));
        QCOMPARE(text.args().size(), std::size_t{3});
        QCOMPARE(std::string(text.args().back().pattern()), std::string("scheme is not http or https"));
    }

    void badProxyUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("empty") << QString();
        QTest::newRow("no scheme") << QStringLiteral("nsgate.lan:5000");
        QTest::newRow("ftp") << QStringLiteral("ftp://nsgate.lan");
        QTest::newRow("no host") << QStringLiteral("http://");
        QTest::newRow("no host, path") << QStringLiteral("https:///v2");
        QTest::newRow("user info") << QStringLiteral("http://user:pw@nsgate.lan");
        QTest::newRow("query") << QStringLiteral("http://nsgate.lan/?ns=docker.io");
        QTest::newRow("fragment") << QStringLiteral("http://nsgate.lan#x");
        QTest::newRow("empty segment") << QStringLiteral("http://nsgate.lan/a//b");
        QTest::newRow("dot segment") << QStringLiteral("http://nsgate.lan/a/../b");
        QTest::newRow("bad escape") << QStringLiteral("http://nsgate.lan/a%2");
        QTest::newRow("space") << QStringLiteral("http://nsgate.lan/a b");
        QTest::newRow("underscore host") << QStringLiteral("http://nsgate_lan:5000");
        QTest::newRow("port too big") << QStringLiteral("http://nsgate.lan:65536");
        QTest::newRow("empty port") << QStringLiteral("http://nsgate.lan:");
        QTest::newRow("ipv6 unbracketed") << QStringLiteral("http://::1:5000");
    }

    void badProxyUrl()
    {
        QFETCH(QString, url);
        const auto result = exportContainerd(sampleConfig(), opts(url.toStdString()));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, std::string("url.invalid"));
        QVERIFY2(result.error().message.starts_with("proxyUrl \"" + url.toStdString() + "\""),
                 result.error().message.c_str());
    }

    void proxyUrlIsNormalized()
    {
        const auto result = exportContainerd(singleConfig(), opts("HTTP://[::1]:05000//"));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QVERIFY(parseFile(*result, "ghcr.io/hosts.toml")["host"].as_table()->contains("http://[::1]:5000"));
    }

    void badCaPath()
    {
        const auto result = exportContainerd(
            sampleConfig(), opts(kProxy, ContainerdVersion::V1_7, Fallback::Origin, false, "/a\nb"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, std::string("export.option"));
        QVERIFY(result.error().message.starts_with("caPath "));
    }

    void configErrors_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("pointer");
        QTest::newRow("path traversal")
            << QStringLiteral("../etc") << QString() << QStringLiteral("/namespaces/5/namespace");
        QTest::newRow("slash") << QStringLiteral("a.example/b") << QString()
                               << QStringLiteral("/namespaces/5/namespace");
        QTest::newRow("_default") << QStringLiteral("_default") << QString()
                                  << QStringLiteral("/namespaces/5/namespace");
        QTest::newRow("not normalized")
            << QStringLiteral("Registry.Example") << QString() << QStringLiteral("/namespaces/5/namespace");
        QTest::newRow("duplicate name")
            << QStringLiteral("ghcr.io") << QString() << QStringLiteral("/namespaces/5/namespace");
        QTest::newRow("alias of another entry")
            << QStringLiteral("new.example") << QStringLiteral("index.docker.io")
            << QStringLiteral("/namespaces/5/aliases/0");
        QTest::newRow("bad alias") << QStringLiteral("new.example") << QStringLiteral("..")
                                   << QStringLiteral("/namespaces/5/aliases/0");
    }

    void configErrors()
    {
        QFETCH(QString, name);
        QFETCH(QString, alias);
        QFETCH(QString, pointer);
        auto config = sampleConfig();
        auto extra = entry(name.toStdString(), {"https://upstream.example"});
        if (!alias.isEmpty())
            extra.aliases.push_back(alias.toStdString());
        config.namespaces.push_back(extra);
        const auto result = exportContainerd(config, opts(kProxy));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, std::string("export.config"));
        QVERIFY2(result.error().message.starts_with(pointer.toStdString()), result.error().message.c_str());
    }

    void upstreamFallbackNeedsAnUpstream()
    {
        auto config = singleConfig();
        config.namespaces.front().upstreams.clear();
        QVERIFY(exportContainerd(config, opts(kProxy)).ok());
        const auto result =
            exportContainerd(config, opts(kProxy, ContainerdVersion::V1_7, Fallback::Upstream));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, std::string("export.config"));
        QVERIFY(result.error().message.find("\"ghcr.io\"") != std::string::npos);

        config.namespaces.front().upstreams.push_back(testing::upstream("ghcr.io"));
        const auto bad = exportContainerd(config, opts(kProxy, ContainerdVersion::V1_7, Fallback::Upstream));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.starts_with("/namespaces/0/upstreams/0/url"),
                 bad.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestContainerdExporter)
#include "tst_containerdexporter.moc"
