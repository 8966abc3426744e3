// Config validation: every rule, every error located and naming its value,
// and all errors of a document reported together.

#include "core/model/ConfigCodec.h"
#include "core/model/ConfigValidator.h"

#include <QTest>

using namespace nsgate::model;

namespace {

NamespaceEntry entry(std::string name, std::string url)
{
    NamespaceEntry e;
    e.name = std::move(name);
    e.upstreams.push_back(Upstream{std::move(url), {}, {}, true, false, {}});
    return e;
}

MirrorConfig valid()
{
    MirrorConfig c;
    c.revision = 3;
    c.namespaces.push_back(entry("docker.io", "https://registry-1.docker.io"));
    c.namespaces[0].aliases = {"index.docker.io"};
    c.namespaces[0].policy.allow = {"library/**", "team-*/app"};
    c.namespaces.push_back(entry("127.0.0.1:5001", "http://127.0.0.1:5001/api/root"));
    c.namespaces.push_back(entry("[::1]:5002", "http://[::1]:5002"));
    c.defaultNamespace = "docker.io";
    return c;
}

} // namespace

Q_DECLARE_METATYPE(MirrorConfig)

class TestConfigValidator : public QObject
{
    Q_OBJECT

private slots:
    void validConfigHasNoIssues()
    {
        const auto issues = validateConfig(valid());
        for (const auto& i : issues)
            qWarning("%s: %s", i.pointer.c_str(), i.message.c_str());
        QVERIFY(issues.empty());
    }

    void emptyConfigIsValid() { QVERIFY(validateConfig(MirrorConfig{}).empty()); }

    void rules_data()
    {
        QTest::addColumn<MirrorConfig>("config");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("messagePart");

        auto c = valid();
        c.namespaces[0].name = "Docker.IO";
        c.defaultNamespace.reset();
        QTest::newRow("namespace not normalized") << c << "/namespaces/0/namespace" << "\"docker.io\"";
        c = valid();
        c.namespaces[0].name = "https://docker.io";
        c.defaultNamespace.reset();
        QTest::newRow("namespace with scheme") << c << "/namespaces/0/namespace" << "https://docker.io";
        c = valid();
        c.namespaces[1].name = "";
        QTest::newRow("namespace empty") << c << "/namespaces/1/namespace" << "empty";
        c = valid();
        c.namespaces[0].aliases.push_back("user@host.io");
        QTest::newRow("alias with user info") << c << "/namespaces/0/aliases/1" << "user@host.io";
        c = valid();
        c.namespaces[1].aliases.push_back("index.docker.io");
        QTest::newRow("alias used twice") << c << "/namespaces/1/aliases/0" << "/namespaces/0/aliases/0";
        c = valid();
        c.namespaces[2].name = "docker.io";
        QTest::newRow("namespace used twice") << c << "/namespaces/2/namespace" << "already used";
        c = valid();
        c.namespaces[0].upstreams.clear();
        QTest::newRow("no upstream") << c << "/namespaces/0/upstreams" << "at least one";
        c = valid();
        c.namespaces[0].upstreams[0].url = "ftp://x.io";
        QTest::newRow("url scheme") << c << "/namespaces/0/upstreams/0/url" << "ftp://x.io";
        c = valid();
        c.namespaces[0].upstreams[0].url = "https://user:pw@x.io";
        QTest::newRow("url user info") << c << "/namespaces/0/upstreams/0/url" << "user info";
        c = valid();
        c.namespaces[0].upstreams[0].url = "https://x.io/v2?x=1";
        QTest::newRow("url query") << c << "/namespaces/0/upstreams/0/url" << "query";
        c = valid();
        c.namespaces[0].upstreams[0].url = "https://";
        QTest::newRow("url without host") << c << "/namespaces/0/upstreams/0/url" << "no host";
        c = valid();
        c.namespaces[0].upstreams[0].url = "https://x.io:99999";
        QTest::newRow("url bad port") << c << "/namespaces/0/upstreams/0/url" << "99999";
        c = valid();
        c.namespaces[0].upstreams[0].url = "https://x.io/a b";
        QTest::newRow("url path with space") << c << "/namespaces/0/upstreams/0/url" << "path";
        c = valid();
        c.namespaces[0].upstreams[0].credential = "bad name!";
        QTest::newRow("credential name") << c << "/namespaces/0/upstreams/0/credential" << "bad name!";
        c = valid();
        c.namespaces[0].upstreams[0].caPem = "not a cert";
        QTest::newRow("ca pem") << c << "/namespaces/0/upstreams/0/caPem" << "PEM";
        c = valid();
        c.namespaces[0].upstreams[0].repositoryPrefix = "dockerhub";
        QTest::newRow("prefix without slash") << c << "/namespaces/0/upstreams/0/repositoryPrefix" << "\"dockerhub\"";
        c = valid();
        c.namespaces[0].upstreams[0].repositoryPrefix = "Docker/";
        QTest::newRow("prefix upper-case") << c << "/namespaces/0/upstreams/0/repositoryPrefix" << "Docker/";
        c = valid();
        c.namespaces[0].policy.allow.push_back("Library/*");
        QTest::newRow("allow glob") << c << "/namespaces/0/policy/allow/2" << "Library/*";
        c = valid();
        c.namespaces[0].policy.deny.push_back("a//b");
        QTest::newRow("deny glob") << c << "/namespaces/0/policy/deny/0" << "a//b";
        c = valid();
        c.namespaces[0].policy.tagTtlSeconds = -1;
        QTest::newRow("negative ttl") << c << "/namespaces/0/policy/tagTtlSeconds" << "-1";
        c = valid();
        c.namespaces[0].policy.tagTtlSeconds = kMaxTagTtlSeconds + 1;
        QTest::newRow("huge ttl") << c << "/namespaces/0/policy/tagTtlSeconds" << "between 0";
        c = valid();
        c.defaultNamespace = "quay.io";
        QTest::newRow("default unknown") << c << "/defaultNamespace" << "quay.io";
        c = valid();
        c.revision = -4;
        QTest::newRow("negative revision") << c << "/revision" << "-4";
        c = valid();
        c.schemaVersion = 3;
        QTest::newRow("schema version") << c << "/schemaVersion" << "3";
    }

    void rules()
    {
        QFETCH(MirrorConfig, config);
        QFETCH(QString, pointer);
        QFETCH(QString, messagePart);
        const auto issues = validateConfig(config);
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(issues[0].pointer), pointer);
        QVERIFY2(QString::fromStdString(issues[0].message).contains(messagePart),
                 issues[0].message.c_str());
    }

    void defaultNamespaceMayBeAnAlias()
    {
        auto c = valid();
        c.defaultNamespace = "index.docker.io";
        QVERIFY(validateConfig(c).empty());
    }

    void everyErrorIsReportedAtOnce()
    {
        auto c = valid();
        c.namespaces[0].upstreams[0].url = "nope";
        c.namespaces[1].name = "UPPER.io";
        c.namespaces[2].policy.deny = {"***"};
        c.defaultNamespace = "missing.io";
        const auto issues = validateConfig(c);
        QCOMPARE(issues.size(), std::size_t(4));
        QCOMPARE(issues[0].pointer, std::string("/namespaces/0/upstreams/0/url"));
        QCOMPARE(issues[1].pointer, std::string("/namespaces/1/namespace"));
        QCOMPARE(issues[2].pointer, std::string("/namespaces/2/policy/deny/0"));
        QCOMPARE(issues[3].pointer, std::string("/defaultNamespace"));
    }

    void knownCredentialsAreChecked()
    {
        auto c = valid();
        c.namespaces[0].upstreams[0].credential = "dockerhub";
        const std::set<std::string> stored{"other"};
        ValidationContext ctx;
        ctx.knownCredentials = &stored;
        const auto issues = validateConfig(c, ctx);
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].pointer, std::string("/namespaces/0/upstreams/0/credential"));
        QVERIFY(validateConfig(c).empty()); // offline: names are not checked against a store
    }

    // Every issue carries its message as a pattern with arguments, so a front
    // end can translate it; a problem found by another check (the host of an
    // upstream URL) stays a nested pattern rather than English text.
    void issuesCarryTranslatableText()
    {
        auto c = valid();
        c.namespaces[0].upstreams[0].url = "https://quay.io:0";
        c.namespaces[1].name = "UPPER.io";
        c.namespaces[2].policy.deny = {"***"};
        c.defaultNamespace = "missing.io";
        const auto issues = validateConfig(c);
        QCOMPARE(issues.size(), std::size_t(4));
        for (const auto& issue : issues) {
            QVERIFY2(!issue.text.empty() && !issue.text.isValue(), issue.message.c_str());
            QCOMPARE(issue.text.english(), issue.message);
        }
        const Message& url = issues[0].text;
        QCOMPARE(std::string(url.context()), std::string("nsgate::model"));
        QCOMPARE(std::string(url.pattern()), std::string("upstream URL %1 %2"));
        QCOMPARE(url.args().size(), std::size_t(2));
        QCOMPARE(url.args()[0].valueText(), std::string("\"https://quay.io:0\""));
        const Message& host = url.args()[1];
        QCOMPARE(std::string(host.pattern()), std::string("%1 %2: %3"));
        QCOMPARE(std::string(host.args()[2].pattern()), std::string("port %1 is out of range (1-65535)"));
        QCOMPARE(std::string(issues[2].text.pattern()), std::string("glob %1: %2"));
    }
};

QTEST_GUILESS_MAIN(TestConfigValidator)
#include "tst_configvalidator.moc"
