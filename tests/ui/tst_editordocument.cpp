// EditorDocument and its commands: every edit applies, undoes and redoes;
// typing merges into one step; clean state follows the stack; validation runs
// after each change; a rebase replays the applied edits onto another base.

#include "ui/EditCommands.h"
#include "ui/EditorDocument.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>
#include <functional>

using namespace nsgate;
using namespace nsgate::ui;

namespace {

model::Upstream upstream(std::string url)
{
    model::Upstream u;
    u.url = std::move(url);
    return u;
}

model::MirrorConfig sampleConfig()
{
    model::MirrorConfig config;
    config.revision = 5;
    model::NamespaceEntry docker;
    docker.name = "docker.io";
    docker.aliases = {"index.docker.io"};
    docker.upstreams = {upstream("https://registry-1.docker.io"), upstream("https://mirror.gcr.io")};
    model::NamespaceEntry ghcr;
    ghcr.name = "ghcr.io";
    ghcr.upstreams = {upstream("https://ghcr.io")};
    config.namespaces = {docker, ghcr};
    config.defaultNamespace = "docker.io";
    return config;
}

model::NamespaceEntry& entry(model::MirrorConfig& config, const std::string& name)
{
    for (auto& e : config.namespaces) {
        if (e.name == name)
            return e;
    }
    qFatal("no namespace %s", name.c_str());
}

} // namespace

class TestEditorDocument : public QObject
{
    Q_OBJECT

private slots:
    void loadStartsClean();
    void eachCommandAppliesUndoesAndRedoes();
    void undoTextIsHuman();
    void typingMergesIntoOneStep();
    void typingBackLeavesNoStep();
    void mergeNeedsSameFieldAndTarget();
    void sealEndsTypingRun();
    void refusedEditChangesNothing();
    void cleanStateFollowsStack();
    void renameFollowsDefaultAndIsAnnounced();
    void validationAfterEveryChange();
    void knownCredentialsAreChecked();
    void issuePointersAreParsed();
    void commandsApplyToAnotherBase();
    void rebaseReplaysEditsAndReportsFailures();
    void rebaseAfterPushReplaysOnlyNewEdits();
    void rebaseRevertsUndonePushedEdits();
    void markPushedKeepsHistory();
};

void TestEditorDocument::loadStartsClean()
{
    EditorDocument document;
    QSignalSpy changed(&document, &EditorDocument::changed);
    document.undoStack()->push(new QUndoCommand(QStringLiteral("junk")));
    document.load(sampleConfig());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(document.base(), sampleConfig());
    QCOMPARE(document.current(), sampleConfig());
    QCOMPARE(document.undoStack()->count(), 0);
    QVERIFY(!document.isModified());
    QVERIFY(document.issues().empty());
}

void TestEditorDocument::eachCommandAppliesUndoesAndRedoes()
{
    struct Case
    {
        const char* name;
        std::function<std::unique_ptr<EditCommand>()> make;
        std::function<void(model::MirrorConfig&)> expect; // base -> expected after the edit
    };
    model::NamespaceEntry quay;
    quay.name = "quay.io";
    quay.upstreams = {upstream("https://quay.io")};
    const std::vector<Case> cases = {
        {"add namespace", [&] { return edit::addNamespace(quay, 1); },
         [&](auto& c) {
             c.namespaces.insert(c.namespaces.begin() + 1, quay);
         }},
        {"remove namespace", [] { return edit::removeNamespace("docker.io"); },
         [](auto& c) {
             c.namespaces.erase(c.namespaces.begin());
             c.defaultNamespace.reset();
         }},
        {"rename namespace", [] { return edit::renameNamespace("ghcr.io", "ghcr.example.com"); },
         [](auto& c) {
             entry(c, "ghcr.io").name = "ghcr.example.com";
         }},
        {"aliases",
         [] {
             return edit::setAliases("docker.io", {"a.io", "b.io"});
         },
         [](auto& c) {
             entry(c, "docker.io").aliases = {"a.io", "b.io"};
         }},
        {"default", [] { return edit::setDefaultNamespace("ghcr.io"); },
         [](auto& c) {
             c.defaultNamespace = "ghcr.io";
         }},
        {"clear default", [] { return edit::setDefaultNamespace(std::nullopt); },
         [](auto& c) {
             c.defaultNamespace.reset();
         }},
        {"add upstream", [] { return edit::addUpstream("ghcr.io", upstream("https://m.example"), 0); },
         [](auto& c) {
             auto& u = entry(c, "ghcr.io").upstreams;
             u.insert(u.begin(), upstream("https://m.example"));
         }},
        {"remove upstream", [] { return edit::removeUpstream("docker.io", 0); },
         [](auto& c) {
             auto& u = entry(c, "docker.io").upstreams;
             u.erase(u.begin());
         }},
        {"move upstream", [] { return edit::moveUpstream("docker.io", 1, 0); },
         [](auto& c) {
             auto& u = entry(c, "docker.io").upstreams;
             std::swap(u[0], u[1]);
         }},
        {"url", [] { return edit::setUpstreamUrl("docker.io", 1, "https://other.example"); },
         [](auto& c) {
             entry(c, "docker.io").upstreams[1].url = "https://other.example";
         }},
        {"credential", [] { return edit::setUpstreamCredential("docker.io", 0, "hub"); },
         [](auto& c) {
             entry(c, "docker.io").upstreams[0].credential = "hub";
         }},
        {"ca", [] { return edit::setUpstreamCaPem("ghcr.io", 0, "-----BEGIN CERTIFICATE-----"); },
         [](auto& c) {
             entry(c, "ghcr.io").upstreams[0].caPem = "-----BEGIN CERTIFICATE-----";
         }},
        {"tls", [] { return edit::setUpstreamTlsVerify("ghcr.io", 0, false); },
         [](auto& c) {
             entry(c, "ghcr.io").upstreams[0].tlsVerify = false;
         }},
        {"forward ns", [] { return edit::setUpstreamForwardNs("ghcr.io", 0, true); },
         [](auto& c) {
             entry(c, "ghcr.io").upstreams[0].forwardNs = true;
         }},
        {"prefix", [] { return edit::setUpstreamRepositoryPrefix("ghcr.io", 0, "proxy/"); },
         [](auto& c) {
             entry(c, "ghcr.io").upstreams[0].repositoryPrefix = "proxy/";
         }},
        {"allow", [] { return edit::setAllow("ghcr.io", {"org/**"}); },
         [](auto& c) {
             entry(c, "ghcr.io").policy.allow = {"org/**"};
         }},
        {"deny", [] { return edit::setDeny("ghcr.io", {"org/secret"}); },
         [](auto& c) {
             entry(c, "ghcr.io").policy.deny = {"org/secret"};
         }},
        {"tags", [] { return edit::setTagMode("ghcr.io", model::TagMode::DigestOnly); },
         [](auto& c) {
             entry(c, "ghcr.io").policy.tags = model::TagMode::DigestOnly;
         }},
        {"ttl", [] { return edit::setTagTtl("ghcr.io", 60); },
         [](auto& c) {
             entry(c, "ghcr.io").policy.tagTtlSeconds = 60;
         }},
        {"serve stale", [] { return edit::setServeStale("ghcr.io", false); },
         [](auto& c) {
             entry(c, "ghcr.io").policy.serveStale = false;
         }},
        {"missing ns", [] { return edit::setOnMissingNs("docker.io", model::MissingNsMode::Serve); },
         [](auto& c) {
             entry(c, "docker.io").policy.onMissingNs = model::MissingNsMode::Serve;
         }},
    };
    for (const auto& c : cases) {
        EditorDocument document;
        document.load(sampleConfig());
        model::MirrorConfig expected = sampleConfig();
        c.expect(expected);
        QString why;
        QVERIFY2(document.push(c.make(), &why), qPrintable(QStringLiteral("%1: %2").arg(c.name, why)));
        QVERIFY2(document.current() == expected, c.name);
        QVERIFY2(document.undoStack()->count() == 1, c.name);
        QVERIFY2(document.isModified(), c.name);
        document.undoStack()->undo();
        QVERIFY2(document.current() == sampleConfig(), c.name);
        QVERIFY2(!document.isModified(), c.name);
        document.undoStack()->redo();
        QVERIFY2(document.current() == expected, c.name);
        QVERIFY2(document.issues().empty(), c.name);
    }
}

void TestEditorDocument::undoTextIsHuman()
{
    EditorDocument document;
    document.load(sampleConfig());
    QVERIFY(document.push(edit::setUpstreamUrl("docker.io", 0, "https://x.example")));
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Change upstream URL of docker.io"));
    QVERIFY(document.push(edit::renameNamespace("ghcr.io", "ghcr.example.com")));
    QCOMPARE(document.undoStack()->undoText(),
             QStringLiteral("Rename namespace ghcr.io to ghcr.example.com"));
    QVERIFY(document.push(edit::moveUpstream("docker.io", 1, 0)));
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Move upstream 2 of docker.io up"));
}

void TestEditorDocument::typingMergesIntoOneStep()
{
    EditorDocument document;
    document.load(sampleConfig());
    const std::string typed = "https://r.example";
    for (std::size_t n = 1; n <= typed.size(); ++n)
        QVERIFY(document.push(edit::setUpstreamUrl("ghcr.io", 0, typed.substr(0, n))));
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(document.current().namespaces[1].upstreams[0].url, typed);
    document.undoStack()->undo();
    QCOMPARE(document.current(), sampleConfig());
    document.undoStack()->redo();
    QCOMPARE(document.current().namespaces[1].upstreams[0].url, typed);

    // Spin-box typing (TTL) merges the same way.
    for (int ttl : {6, 60, 600})
        QVERIFY(document.push(edit::setTagTtl("ghcr.io", ttl)));
    QCOMPARE(document.undoStack()->count(), 2);
    document.undoStack()->undo();
    QCOMPARE(document.current().namespaces[1].policy.tagTtlSeconds, 300);
}

void TestEditorDocument::typingBackLeavesNoStep()
{
    EditorDocument document;
    document.load(sampleConfig());
    QVERIFY(document.push(edit::setAliases("docker.io", {"index.docker.io", "x"})));
    QVERIFY(document.isModified());
    QVERIFY(document.push(edit::setAliases("docker.io", {"index.docker.io"})));
    QCOMPARE(document.undoStack()->count(), 0);
    QVERIFY(!document.isModified());
    QCOMPARE(document.current(), sampleConfig());
}

void TestEditorDocument::mergeNeedsSameFieldAndTarget()
{
    EditorDocument document;
    document.load(sampleConfig());
    QVERIFY(document.push(edit::setUpstreamUrl("docker.io", 0, "https://a.example")));
    QVERIFY(document.push(edit::setUpstreamUrl("docker.io", 1, "https://b.example"))); // other upstream
    QVERIFY(document.push(edit::setUpstreamUrl("ghcr.io", 0, "https://c.example")));   // other namespace
    QVERIFY(document.push(edit::setUpstreamRepositoryPrefix("ghcr.io", 0, "p/")));     // other field
    QVERIFY(document.push(edit::setUpstreamTlsVerify("ghcr.io", 0, false)));           // toggles never merge
    QVERIFY(document.push(edit::setUpstreamTlsVerify("ghcr.io", 0, true)));
    QCOMPARE(document.undoStack()->count(), 6);
}

void TestEditorDocument::sealEndsTypingRun()
{
    EditorDocument document;
    document.load(sampleConfig());
    QVERIFY(document.push(edit::setTagTtl("ghcr.io", 10)));
    document.sealEdits();
    QVERIFY(document.push(edit::setTagTtl("ghcr.io", 20)));
    QCOMPARE(document.undoStack()->count(), 2);
    document.undoStack()->undo();
    QCOMPARE(document.current().namespaces[1].policy.tagTtlSeconds, 10);
}

void TestEditorDocument::refusedEditChangesNothing()
{
    EditorDocument document;
    document.load(sampleConfig());
    QSignalSpy changed(&document, &EditorDocument::changed);
    QString why;
    QVERIFY(!document.push(edit::renameNamespace("docker.io", "ghcr.io"), &why));
    QVERIFY2(why.contains(QStringLiteral("already exists")), qPrintable(why));
    QVERIFY(!document.push(edit::renameNamespace("docker.io", ""), &why));
    QVERIFY(!document.push(edit::removeNamespace("nope.example"), &why));
    QVERIFY2(why.contains(QStringLiteral("no longer exists")), qPrintable(why));
    QVERIFY(!document.push(edit::addNamespace(sampleConfig().namespaces[0]), &why));
    QVERIFY(!document.push(edit::setUpstreamUrl("ghcr.io", 3, "https://x.example"), &why));
    QVERIFY(!document.push(edit::moveUpstream("ghcr.io", 0, 1), &why));
    QCOMPARE(document.undoStack()->count(), 0);
    QCOMPARE(document.current(), sampleConfig());
    QCOMPARE(changed.count(), 0);

    // An edit that changes nothing is accepted but leaves no step and no signal.
    QVERIFY(document.push(edit::setTagTtl("ghcr.io", 300)));
    QCOMPARE(document.undoStack()->count(), 0);
    QCOMPARE(changed.count(), 0);
}

void TestEditorDocument::cleanStateFollowsStack()
{
    EditorDocument document;
    document.load(sampleConfig());
    QSignalSpy clean(document.undoStack(), &QUndoStack::cleanChanged);
    QVERIFY(document.push(edit::setServeStale("docker.io", false)));
    QVERIFY(document.isModified());
    QCOMPARE(clean.count(), 1);
    QCOMPARE(clean.last().at(0).toBool(), false);
    document.undoStack()->undo();
    QVERIFY(!document.isModified());
    QCOMPARE(clean.last().at(0).toBool(), true);
}

void TestEditorDocument::renameFollowsDefaultAndIsAnnounced()
{
    EditorDocument document;
    document.load(sampleConfig());
    QSignalSpy renamed(&document, &EditorDocument::namespaceRenamed);
    QVERIFY(document.push(edit::renameNamespace("docker.io", "docker.example.com")));
    QCOMPARE(document.current().defaultNamespace, std::optional<std::string>("docker.example.com"));
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(renamed.last().at(0).toString(), QStringLiteral("docker.io"));
    QCOMPARE(renamed.last().at(1).toString(), QStringLiteral("docker.example.com"));
    // Later edits name the namespace by its new name; undo walks back through both.
    QVERIFY(document.push(edit::setTagTtl("docker.example.com", 5)));
    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(renamed.last().at(1).toString(), QStringLiteral("docker.io"));
    QCOMPARE(document.current(), sampleConfig());

    // Removing the default namespace clears the default; undo brings both back.
    QVERIFY(document.push(edit::removeNamespace("docker.io")));
    QVERIFY(!document.current().defaultNamespace);
    document.undoStack()->undo();
    QCOMPARE(document.current(), sampleConfig());
}

void TestEditorDocument::validationAfterEveryChange()
{
    EditorDocument document;
    document.load(sampleConfig());
    QSignalSpy issuesChanged(&document, &EditorDocument::issuesChanged);
    QVERIFY(document.push(edit::setUpstreamUrl("ghcr.io", 0, "ftp://ghcr.io")));
    QCOMPARE(issuesChanged.count(), 1);
    QCOMPARE(document.issues().size(), std::size_t(1));
    QCOMPARE(document.issues()[0].pointer, std::string("/namespaces/1/upstreams/0/url"));
    QCOMPARE(document.issuesOfNamespace(1), std::vector<int>{0});
    QVERIFY(document.issuesOfNamespace(0).empty());
    // Same problem while typing on: no issuesChanged.
    QVERIFY(document.push(edit::setUpstreamUrl("ghcr.io", 0, "ftp://ghcr.io/")));
    QCOMPARE(document.issues().size(), std::size_t(1));
    document.undoStack()->undo();
    QVERIFY(document.issues().empty());
    QVERIFY(document.issuesOfNamespace(1).empty());
}

void TestEditorDocument::knownCredentialsAreChecked()
{
    EditorDocument document;
    document.load(sampleConfig());
    QVERIFY(document.push(edit::setUpstreamCredential("docker.io", 0, "hub")));
    QVERIFY(document.issues().empty());
    QSignalSpy issuesChanged(&document, &EditorDocument::issuesChanged);
    document.setKnownCredentials(std::set<std::string>{"other"});
    QCOMPARE(issuesChanged.count(), 1);
    QCOMPARE(document.issues().size(), std::size_t(1));
    QCOMPARE(document.issues()[0].pointer, std::string("/namespaces/0/upstreams/0/credential"));
    document.setKnownCredentials(std::set<std::string>{"hub"});
    QVERIFY(document.issues().empty());
    document.setKnownCredentials(std::nullopt);
    QVERIFY(document.issues().empty());
}

void TestEditorDocument::issuePointersAreParsed()
{
    auto p = parseIssuePointer("/namespaces/3/upstreams/1/url");
    QCOMPARE(p.namespaceIndex, 3);
    QCOMPARE(p.section, QStringLiteral("upstreams"));
    QCOMPARE(p.upstreamIndex, 1);
    QCOMPARE(p.field, QStringLiteral("url"));
    p = parseIssuePointer("/namespaces/0/policy/allow/2");
    QCOMPARE(p.section, QStringLiteral("policy"));
    QCOMPARE(p.field, QStringLiteral("allow"));
    QCOMPARE(p.item, 2);
    p = parseIssuePointer("/namespaces/7/aliases/0");
    QCOMPARE(p.namespaceIndex, 7);
    QCOMPARE(p.item, 0);
    p = parseIssuePointer("/defaultNamespace");
    QCOMPARE(p.namespaceIndex, -1);
    QCOMPARE(p.section, QStringLiteral("defaultNamespace"));
    p = parseIssuePointer("/a~1b~0c");
    QCOMPARE(p.section, QStringLiteral("a/b~c"));
}

void TestEditorDocument::commandsApplyToAnotherBase()
{
    auto command = edit::setUpstreamUrl("ghcr.io", 0, "https://mine.example");
    model::MirrorConfig other = sampleConfig();
    QString why;
    QVERIFY(command->applyTo(other, &why));
    QCOMPARE(other.namespaces[1].upstreams[0].url, std::string("https://mine.example"));
    QVERIFY(command->revertFrom(other, &why));
    QCOMPARE(other, sampleConfig());

    model::MirrorConfig without = sampleConfig();
    without.namespaces.pop_back();
    const model::MirrorConfig before = without;
    QVERIFY(!command->applyTo(without, &why));
    QCOMPARE(why, QStringLiteral("namespace ghcr.io no longer exists"));
    QCOMPARE(without, before);
}

void TestEditorDocument::rebaseReplaysEditsAndReportsFailures()
{
    EditorDocument document;
    document.load(sampleConfig());
    model::NamespaceEntry quay;
    quay.name = "quay.io";
    quay.upstreams = {upstream("https://quay.io")};
    QVERIFY(document.push(edit::setUpstreamUrl("docker.io", 0, "https://mine.example")));
    QVERIFY(document.push(edit::addNamespace(quay)));
    QVERIFY(document.push(edit::setTagTtl("ghcr.io", 60)));
    QVERIFY(document.push(edit::setServeStale("docker.io", false)));
    document.undoStack()->undo(); // not applied: not replayed

    // Their push: ghcr.io removed, an alias added to docker.io.
    model::MirrorConfig theirs = sampleConfig();
    theirs.revision = 6;
    theirs.namespaces.pop_back();
    theirs.namespaces[0].aliases.push_back("registry-1.docker.io");

    QSignalSpy changed(&document, &EditorDocument::changed);
    const QStringList failed = document.rebase(theirs);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed[0].startsWith(QStringLiteral("Change tag TTL of ghcr.io")), qPrintable(failed[0]));
    QVERIFY2(failed[0].contains(QStringLiteral("no longer exists")), qPrintable(failed[0]));

    QCOMPARE(document.base(), theirs);
    QCOMPARE(document.current().revision, 6);
    QCOMPARE(document.current().namespaces.size(), std::size_t(2));
    QCOMPARE(document.current().namespaces[0].upstreams[0].url, std::string("https://mine.example"));
    QCOMPARE(document.current().namespaces[0].aliases.size(), std::size_t(2));
    QCOMPARE(document.current().namespaces[1].name, std::string("quay.io"));
    QCOMPARE(document.current().namespaces[0].policy.serveStale, true);
    QCOMPARE(document.undoStack()->count(), 2);
    QVERIFY(document.isModified());
    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(document.current(), theirs);
    QVERIFY(!document.isModified());
}

void TestEditorDocument::rebaseAfterPushReplaysOnlyNewEdits()
{
    EditorDocument document;
    document.load(sampleConfig());
    QVERIFY(document.push(edit::setTagTtl("ghcr.io", 60)));
    model::MirrorConfig stored = document.current();
    stored.revision = 6;
    document.markPushed(stored);
    QVERIFY(document.push(edit::setTagTtl("docker.io", 10)));

    // A colleague changed the already pushed field again.
    model::MirrorConfig theirs = stored;
    theirs.revision = 7;
    theirs.namespaces[1].policy.tagTtlSeconds = 900;
    QVERIFY(document.rebase(theirs).isEmpty());
    QCOMPARE(document.current().namespaces[1].policy.tagTtlSeconds, 900);
    QCOMPARE(document.current().namespaces[0].policy.tagTtlSeconds, 10);
    QCOMPARE(document.undoStack()->count(), 1);
    // Undo after a rebase restores their value, not the one seen first.
    document.undoStack()->undo();
    QCOMPARE(document.current(), theirs);
}

void TestEditorDocument::rebaseRevertsUndonePushedEdits()
{
    EditorDocument document;
    document.load(sampleConfig());
    QVERIFY(document.push(edit::setTagTtl("ghcr.io", 60)));
    model::MirrorConfig stored = document.current();
    stored.revision = 6;
    document.markPushed(stored);
    document.undoStack()->undo(); // the operator wants the pushed TTL back to 300
    QVERIFY(document.isModified());

    model::MirrorConfig theirs = stored;
    theirs.revision = 7;
    theirs.namespaces[0].aliases.clear();
    QVERIFY(document.rebase(theirs).isEmpty());
    QCOMPARE(document.current().namespaces[1].policy.tagTtlSeconds, 300);
    QVERIFY(document.current().namespaces[0].aliases.empty());
    QCOMPARE(document.undoStack()->count(), 1);
    QVERIFY(document.undoStack()->undoText().contains(QStringLiteral("Change tag TTL of ghcr.io")));
    document.undoStack()->undo();
    QCOMPARE(document.current(), theirs);
}

void TestEditorDocument::markPushedKeepsHistory()
{
    EditorDocument document;
    document.load(sampleConfig());
    QVERIFY(document.push(edit::setServeStale("ghcr.io", false)));
    model::MirrorConfig stored = document.current();
    stored.revision = 6;
    document.markPushed(stored);
    QVERIFY(!document.isModified());
    QCOMPARE(document.base(), stored);
    QCOMPARE(document.current(), stored);
    QCOMPARE(document.undoStack()->count(), 1);
    document.undoStack()->undo();
    QVERIFY(document.isModified());
    QCOMPARE(document.current().namespaces[1].policy.serveStale, true);
    QCOMPARE(document.current().revision, 6);
}

QTEST_MAIN(TestEditorDocument)
#include "tst_editordocument.moc"
