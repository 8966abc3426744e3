// Upstream credentials: strict decoding of PUT bodies, storage with mode 0600,
// persistence, write-only passwords and refusal to remove a referenced one.

#include "core/proxy/CredentialStore.h"

#include <QTemporaryDir>
#include <QFile>
#include <QTest>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <vector>

using namespace nsgate;
using namespace nsgate::proxy;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& path)
{
    // QFile rather than istreambuf_iterator: GCC 12 at -O2 reports a
    // potential null dereference inside libstdc++ for the latter.
    QFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

mode_t modeOf(const fs::path& path)
{
    struct stat st
    {
    };
    ::stat(path.c_str(), &st);
    return st.st_mode & 07777;
}

model::MirrorConfig configUsing(const std::string& credential)
{
    model::MirrorConfig config;
    for (const char* name : {"docker.io", "ghcr.io"}) {
        model::NamespaceEntry entry;
        entry.name = name;
        entry.upstreams.push_back({std::string("https://") + name, std::nullopt, {}, true, false, {}});
        entry.upstreams.push_back({"https://mirror.example", credential, {}, true, false, {}});
        config.namespaces.push_back(entry);
    }
    return config;
}

QString issuesText(const model::Issues& issues)
{
    QString out;
    for (const auto& issue : issues)
        out += QString::fromStdString(issue.pointer + ": " + issue.message + "; ");
    return out;
}

} // namespace

class TestCredentialStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_counter = 0;

    fs::path freshDir() { return fs::path(m_tmp.path().toStdString()) / ("d" + std::to_string(++m_counter)); }

    static std::unique_ptr<CredentialStore> openStore(const fs::path& dir)
    {
        auto store = CredentialStore::open(dir);
        if (!store.ok())
            qWarning("%s", store.error().message.c_str());
        return store.ok() ? std::move(*store) : nullptr;
    }

private slots:
    void startsEmptyWithoutWriting()
    {
        const fs::path dir = freshDir();
        auto store = openStore(dir);
        QVERIFY(store);
        QVERIFY(store->list().empty());
        QVERIFY(!fs::exists(dir / "credentials.json"));
        QVERIFY(!store->get("dockerhub"));
    }

    void setListGet()
    {
        const fs::path dir = freshDir();
        auto store = openStore(dir);
        QVERIFY(store);
        QVERIFY(store->set("dockerhub", {"alice", "pa55word"}).ok());
        QVERIFY(store->set("a.b_c-1", {"bob", std::nullopt}).ok());
        QVERIFY(store->set("empty", {"carol", ""}).ok());
        const auto list = store->list();
        QCOMPARE(list.size(), std::size_t(3));
        // Sorted by name; hasPassword only for a non-empty password.
        QCOMPARE(list[0], (CredentialSummary{"a.b_c-1", "bob", false}));
        QCOMPARE(list[1], (CredentialSummary{"dockerhub", "alice", true}));
        QCOMPARE(list[2], (CredentialSummary{"empty", "carol", false}));
        QCOMPARE(store->get("dockerhub"), std::optional<Credential>(Credential{"alice", "pa55word"}));
        QCOMPARE(store->summary("dockerhub"), std::optional<CredentialSummary>({"dockerhub", "alice", true}));
        QVERIFY(!store->summary("nope"));
        QCOMPARE(store->names(), (std::set<std::string>{"a.b_c-1", "dockerhub", "empty"}));
    }

    void fileIsPrivateAndPersistent()
    {
        const fs::path dir = freshDir();
        {
            auto store = openStore(dir);
            QVERIFY(store->set("dockerhub", {"alice", "pa55word"}).ok());
            QVERIFY(store->set("dockerhub", {"alice2", "n3w"}).ok());
        }
        const fs::path file = dir / "credentials.json";
        QCOMPARE(modeOf(file), mode_t(0600));
        // The old secret is gone from disk, not just from memory.
        QVERIFY(readAll(file).find("pa55word") == std::string::npos);
        auto reopened = openStore(dir);
        QVERIFY(reopened);
        QCOMPARE(reopened->get("dockerhub"), std::optional<Credential>(Credential{"alice2", "n3w"}));
        QCOMPARE(reopened->path(), file);
        // No temporary files stay behind.
        int entries = 0;
        for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
            ++entries;
        QCOMPARE(entries, 1);
    }

    void loosenedFileIsTightened()
    {
        const fs::path dir = freshDir();
        QVERIFY(openStore(dir)->set("x", {"u", "p"}).ok());
        ::chmod((dir / "credentials.json").c_str(), 0644);
        QVERIFY(openStore(dir));
        QCOMPARE(modeOf(dir / "credentials.json"), mode_t(0600));
    }

    void damagedFileIsAnError()
    {
        const fs::path dir = freshDir();
        fs::create_directories(dir);
        {
            std::ofstream out(dir / "credentials.json");
            out << "{\"version\":1,\"credentials\":[{\"name\":\"bad name\",\"username\":\"u\"}]}";
        }
        auto store = CredentialStore::open(dir);
        QVERIFY(!store.ok());
        QVERIFY(store.error().message.find("entry 0") != std::string::npos);
        {
            std::ofstream out(dir / "credentials.json", std::ios::trunc);
            out << "not json";
        }
        QVERIFY(!CredentialStore::open(dir).ok());
    }

    void invalidNameIsRefused()
    {
        auto store = openStore(freshDir());
        QVERIFY(!store->set("", {"u", "p"}).ok());
        QVERIFY(!store->set("a/b", {"u", "p"}).ok());
        QVERIFY(!store->set(std::string(65, 'a'), {"u", "p"}).ok());
        QVERIFY(store->set(std::string(64, 'a'), {"u", "p"}).ok());
    }

    void removeRefusedWhileReferenced()
    {
        const fs::path dir = freshDir();
        auto store = openStore(dir);
        QVERIFY(store->set("mirror", {"u", "p"}).ok());

        auto referenced = store->remove("mirror", configUsing("mirror"));
        QVERIFY(referenced.ok());
        QCOMPARE(referenced->outcome, CredentialRemoval::Outcome::Referenced);
        QCOMPARE(referenced->references, (std::vector<std::string>{"/namespaces/0/upstreams/1/credential",
                                                                   "/namespaces/1/upstreams/1/credential"}));
        QVERIFY(store->get("mirror"));

        auto missing = store->remove("other", configUsing("mirror"));
        QVERIFY(missing.ok());
        QCOMPARE(missing->outcome, CredentialRemoval::Outcome::NotFound);

        auto removed = store->remove("mirror", configUsing("something-else"));
        QVERIFY(removed.ok());
        QCOMPARE(removed->outcome, CredentialRemoval::Outcome::Removed);
        QVERIFY(!store->get("mirror"));
        QVERIFY(!openStore(dir)->get("mirror"));
    }

    void listenersHearChanges()
    {
        auto store = openStore(freshDir());
        std::vector<std::string> heard;
        store->subscribe([&](const std::string& name) { heard.push_back(name); });
        QVERIFY(store->set("a", {"u", "p"}).ok());
        QVERIFY(store->remove("a", model::MirrorConfig{}).ok());
        QVERIFY(store->remove("a", model::MirrorConfig{}).ok());   // not found: nothing changed
        QCOMPARE(heard, (std::vector<std::string>{"a", "a"}));
    }

    void concurrentSetsAllLand()
    {
        const fs::path dir = freshDir();
        auto store = openStore(dir);
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 10; ++i)
                    if (!store->set("c" + std::to_string(t) + "-" + std::to_string(i), {"u", "p"}).ok())
                        ++failures;
            });
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(openStore(dir)->list().size(), std::size_t(40));
    }

    void decodesPutBodies()
    {
        auto full = decodeCredential(std::string_view("{\"username\":\"alice\",\"password\":\"p@ss w0rd\"}"));
        QVERIFY(full.ok());
        QCOMPARE(*full, (Credential{"alice", "p@ss w0rd"}));
        auto noPassword = decodeCredential(std::string_view("{\"username\":\"alice\"}"));
        QVERIFY(noPassword.ok());
        QVERIFY(!noPassword->password);
        auto nullPassword = decodeCredential(std::string_view("{\"username\":\"alice\",\"password\":null}"));
        QVERIFY(nullPassword.ok());
        QVERIFY(!nullPassword->password);
        auto unicode = decodeCredential(std::string_view("{\"username\":\"j\\u00fcrgen\",\"password\":\"\\u00e4\"}"));
        QVERIFY(unicode.ok());
        QCOMPARE(unicode->username, std::string("j\xc3\xbcrgen"));
    }

    void rejectsBadBodies_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QStringList>("pointers");
        QTest::newRow("not JSON") << "{" << QStringList{""};
        QTest::newRow("array") << "[]" << QStringList{""};
        QTest::newRow("empty object") << "{}" << QStringList{"/username"};
        QTest::newRow("unknown fields")
            << "{\"username\":\"u\",\"pasword\":\"x\",\"a/b\":1}" << QStringList{"/pasword", "/a~1b"};
        QTest::newRow("wrong types") << "{\"username\":1,\"password\":true}" << QStringList{"/username", "/password"};
        QTest::newRow("empty username") << "{\"username\":\"\"}" << QStringList{"/username"};
        QTest::newRow("colon in username") << "{\"username\":\"a:b\"}" << QStringList{"/username"};
        QTest::newRow("control characters")
            << "{\"username\":\"a\\nb\",\"password\":\"x\\u0000y\"}" << QStringList{"/username", "/password"};
        QTest::newRow("everything at once")
            << "{\"user\":\"u\",\"password\":[]}" << QStringList{"/user", "/username", "/password"};
    }

    void rejectsBadBodies()
    {
        QFETCH(QString, body);
        QFETCH(QStringList, pointers);
        auto decoded = decodeCredential(std::string_view(body.toStdString()));
        QVERIFY(!decoded.ok());
        QStringList got;
        for (const auto& issue : decoded.error())
            got << QString::fromStdString(issue.pointer);
        QVERIFY2(got == pointers, qPrintable(issuesText(decoded.error())));
    }

    void passwordNeverQuoted()
    {
        const std::string secret = "hunter2-secret";
        auto decoded = decodeCredential(
            std::string_view("{\"username\":\"u\",\"password\":\"hunter2-secret" + std::string(9000, 'x') + "\"}"));
        QVERIFY(!decoded.ok());
        for (const auto& issue : decoded.error())
            QVERIFY(issue.message.find(secret) == std::string::npos);
        auto control = decodeCredential(std::string_view("{\"username\":\"u\",\"password\":\"hunter2-secret\\t\"}"));
        QVERIFY(!control.ok());
        QVERIFY(control.error().front().message.find(secret) == std::string::npos);
        QVERIFY(control.error().front().message.find("byte 15") != std::string::npos);
    }

    void referencesHelper()
    {
        QCOMPARE(credentialReferences(configUsing("m"), "m").size(), std::size_t(2));
        QVERIFY(credentialReferences(configUsing("m"), "n").empty());
        QVERIFY(credentialReferences(model::MirrorConfig{}, "m").empty());
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
