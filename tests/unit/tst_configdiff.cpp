// Change summaries for the revision history and the dry run.

#include "core/model/ConfigDiff.h"

#include <QTest>

using namespace nsgate::model;

namespace {

NamespaceEntry entry(const char* name)
{
    NamespaceEntry e;
    e.name = name;
    e.upstreams.push_back(Upstream{std::string("https://") + name, {}, {}, true, false, {}});
    return e;
}

MirrorConfig base()
{
    MirrorConfig c;
    c.namespaces = {entry("docker.io"), entry("quay.io"), entry("ghcr.io")};
    return c;
}

} // namespace

class TestConfigDiff : public QObject
{
    Q_OBJECT

private slots:
    void identicalHasNoChanges()
    {
        QVERIFY(describeChanges(base(), base()).empty());
        QCOMPARE(summarizeChanges(base(), base()), std::string("no changes"));
    }

    void addedChangedRemoved()
    {
        auto to = base();
        to.namespaces[0].policy.tagTtlSeconds = 10;
        to.namespaces.erase(to.namespaces.begin() + 1);
        to.namespaces.push_back(entry("registry.k8s.io"));
        QCOMPARE(summarizeChanges(base(), to), std::string("~docker.io policy, +registry.k8s.io, -quay.io"));
    }

    void severalPartsOfOneNamespace()
    {
        auto to = base();
        to.namespaces[1].aliases = {"quay.example"};
        to.namespaces[1].upstreams[0].tlsVerify = false;
        to.namespaces[1].policy.deny = {"x/*"};
        QCOMPARE(summarizeChanges(base(), to), std::string("~quay.io aliases+upstreams+policy"));
    }

    void reorderAndDefault()
    {
        auto to = base();
        std::swap(to.namespaces[0], to.namespaces[2]);
        to.defaultNamespace = "docker.io";
        QCOMPARE(summarizeChanges(base(), to), std::string("order, default (none) -> docker.io"));
    }

    void additionAloneIsNoReorder()
    {
        auto to = base();
        to.namespaces.insert(to.namespaces.begin(), entry("gcr.io"));
        QCOMPARE(summarizeChanges(base(), to), std::string("+gcr.io"));
    }
};

QTEST_GUILESS_MAIN(TestConfigDiff)
#include "tst_configdiff.moc"
