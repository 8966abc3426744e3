// The config in force and its revision history: If-Match, every validation
// error at once, durable storage before the swap, snapshots that outlive a PUT,
// and exactly one winner among concurrent PUTs.

#include "core/model/ConfigCodec.h"
#include "core/proxy/ConfigRepository.h"
#include "core/store/Database.h"

#include <boost/json.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace nsgate;
using namespace nsgate::proxy;
namespace fs = std::filesystem;
namespace json = boost::json;
using Kind = ConfigPutOutcome::Kind;

namespace {

constexpr std::int64_t kT0 = 1'800'000'000'000;   // 2027-01-15T08:00:00Z

json::object upstream(const std::string& url, std::optional<std::string> credential = std::nullopt)
{
    json::object u{{"url", url}};
    if (credential)
        u["credential"] = *credential;
    return u;
}

// A config document with one entry per name (upstream https://<name>).
std::string document(std::optional<std::int64_t> revision, std::vector<std::string> names,
                     std::optional<std::string> credential = std::nullopt)
{
    json::array namespaces;
    for (const auto& name : names)
        namespaces.emplace_back(
            json::object{{"namespace", name}, {"upstreams", json::array{upstream("https://" + name, credential)}}});
    json::object doc{{"schemaVersion", 1}, {"namespaces", std::move(namespaces)}};
    if (revision)
        doc["revision"] = *revision;
    return json::serialize(doc);
}

ConfigPut putOf(std::string body, std::optional<std::string> ifMatch, std::string actor = {}, bool dryRun = false)
{
    return ConfigPut{std::move(body), std::move(ifMatch), std::move(actor), dryRun};
}

QStringList pointersOf(const model::Issues& issues)
{
    QStringList out;
    for (const auto& issue : issues)
        out << QString::fromStdString(issue.pointer);
    return out;
}

QString describe(const ConfigPutOutcome& outcome)
{
    QString out = QString::number(outcome.status) + " " + QString::fromStdString(outcome.detail);
    for (const auto& issue : outcome.errors)
        out += QString::fromStdString("; " + issue.pointer + ": " + issue.message);
    return out;
}

} // namespace

class TestConfigRepository : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_counter = 0;
    std::atomic<std::int64_t> m_now{kT0};
    std::set<std::string> m_credentials{"dockerhub"};

    fs::path freshDir() { return fs::path(m_tmp.path().toStdString()) / ("d" + std::to_string(++m_counter)); }

    std::unique_ptr<ConfigRepository> open(const fs::path& dir, bool checkCredentials = true)
    {
        ConfigRepository::Options options;
        options.clock = [this] { return m_now.load(); };
        if (checkCredentials)
            options.knownCredentials = [this] { return m_credentials; };
        auto repository = ConfigRepository::open(dir, std::move(options));
        if (!repository.ok())
            qWarning("%s", repository.error().message.c_str());
        return repository.ok() ? std::move(*repository) : nullptr;
    }

private slots:
    void firstStartIsRevisionOne()
    {
        auto repo = open(freshDir());
        QVERIFY(repo);
        QCOMPARE(repo->currentRevision(), std::int64_t(1));
        QVERIFY(repo->current()->namespaces.empty());
        QVERIFY(!repo->current()->defaultNamespace);
        const auto snapshot = repo->snapshot();
        QCOMPARE(*snapshot.document, model::encodeConfig(*snapshot.config));
        auto history = repo->revisions(50);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), std::size_t(1));
        QCOMPARE(history->front().revision, std::int64_t(1));
        QCOMPARE(history->front().timeMs, kT0);
        QCOMPARE(history->front().actor, std::string("nsgate"));
    }

    void putNeedsIfMatch()
    {
        auto repo = open(freshDir());
        auto none = repo->put(putOf(document(std::nullopt, {"docker.io"}), std::nullopt));
        QCOMPARE(none.kind, Kind::PreconditionRequired);
        QCOMPARE(none.status, 428);
        QCOMPARE(none.currentRevision, std::int64_t(1));
        auto blank = repo->put(putOf(document(std::nullopt, {"docker.io"}), "  "));
        QCOMPARE(blank.status, 428);
        auto wildcard = repo->put(putOf(document(std::nullopt, {"docker.io"}), "*"));
        QCOMPARE(wildcard.status, 428);
        QVERIFY(wildcard.detail.find("If-Match: \"1\"") != std::string::npos);
        QCOMPARE(repo->currentRevision(), std::int64_t(1));
    }

    void ifMatchForms_data()
    {
        QTest::addColumn<QString>("ifMatch");
        QTest::addColumn<int>("status");
        QTest::newRow("quoted") << "\"1\"" << 200;
        QTest::newRow("bare number") << "1" << 200;
        QTest::newRow("list") << "\"5\", \"1\"" << 200;
        QTest::newRow("padded") << "  \"1\" " << 200;
        QTest::newRow("stale") << "\"0\"" << 412;
        QTest::newRow("future") << "\"2\"" << 412;
        QTest::newRow("weak") << "W/\"1\"" << 412;
        QTest::newRow("leading zero") << "\"01\"" << 412;
        QTest::newRow("garbage") << "abc" << 412;
    }

    void ifMatchForms()
    {
        QFETCH(QString, ifMatch);
        QFETCH(int, status);
        auto repo = open(freshDir());
        auto outcome = repo->put(putOf(document(std::nullopt, {"docker.io"}), ifMatch.toStdString()));
        QVERIFY2(outcome.status == status, qPrintable(describe(outcome)));
        if (status == 412) {
            QCOMPARE(outcome.kind, Kind::PreconditionFailed);
            QCOMPARE(outcome.currentRevision, std::int64_t(1));
            QCOMPARE(repo->currentRevision(), std::int64_t(1));
        } else {
            QCOMPARE(repo->currentRevision(), std::int64_t(2));
        }
    }

    void putStoresANewRevision()
    {
        auto repo = open(freshDir());
        m_now = kT0 + 1234;
        auto outcome = repo->put(putOf(document(1, {"docker.io", "ghcr.io"}, "dockerhub"), "\"1\"", "  alice  "));
        QVERIFY2(outcome.kind == Kind::Stored, qPrintable(describe(outcome)));
        QCOMPARE(outcome.status, 200);
        QCOMPARE(outcome.currentRevision, std::int64_t(2));
        QVERIFY(outcome.config);
        QCOMPARE(outcome.config->revision, std::int64_t(2));
        QCOMPARE(outcome.document, model::encodeConfig(*outcome.config));
        QCOMPARE(outcome.changes, (std::vector<std::string>{"+docker.io", "+ghcr.io"}));
        QCOMPARE(repo->current(), outcome.config);
        QCOMPARE(*repo->snapshot().document, outcome.document);
        // Defaults are filled in: the stored document carries every field.
        QVERIFY(outcome.document.find("\"tagTtlSeconds\": 300") != std::string::npos);

        auto history = repo->revisions(50);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), std::size_t(2));
        QCOMPARE(history->at(0), (ConfigRevision{2, kT0 + 1234, "alice", "+docker.io, +ghcr.io"}));
        QCOMPARE(history->at(1).revision, std::int64_t(1));

        auto limited = repo->revisions(1);
        QVERIFY(limited.ok());
        QCOMPARE(limited->size(), std::size_t(1));
        QCOMPARE(limited->front().revision, std::int64_t(2));
    }

    void bodyWithoutRevisionIsAccepted()
    {
        auto repo = open(freshDir());
        auto outcome = repo->put(putOf(document(std::nullopt, {"docker.io"}), "\"1\""));
        QVERIFY2(outcome.kind == Kind::Stored, qPrintable(describe(outcome)));
        QCOMPARE(outcome.config->revision, std::int64_t(2));
    }

    void oldSnapshotOutlivesPut()
    {
        auto repo = open(freshDir());
        const auto before = repo->current();
        QVERIFY(repo->put(putOf(document(1, {"docker.io"}), "\"1\"")).kind == Kind::Stored);
        QCOMPARE(before->revision, std::int64_t(1));
        QVERIFY(before->namespaces.empty());
        QCOMPARE(repo->current()->namespaces.size(), std::size_t(1));
    }

    void revisionMustMatchIfMatch()
    {
        auto repo = open(freshDir());
        QVERIFY(repo->put(putOf(document(1, {"docker.io"}), "\"1\"")).kind == Kind::Stored);
        auto outcome = repo->put(putOf(document(1, {"quay.io"}), "\"2\""));
        QCOMPARE(outcome.kind, Kind::Invalid);
        QCOMPARE(outcome.status, 422);
        QCOMPARE(pointersOf(outcome.errors), QStringList{"/revision"});
        QCOMPARE(repo->currentRevision(), std::int64_t(2));
    }

    void everyErrorIsReported()
    {
        auto repo = open(freshDir());
        // Shape errors (decoding) together with a revision mismatch.
        json::object shape{{"schemaVersion", 1},
                           {"revision", 9},
                           {"namespaces", json::array{json::object{{"namespace", "docker.io"},
                                                                   {"upstreams", json::array{upstream("https://x")}},
                                                                   {"polcy", json::object{}},
                                                                   {"aliases", "nope"}}}}};
        auto decoding = repo->put(putOf(json::serialize(shape), "\"1\""));
        QCOMPARE(decoding.status, 422);
        QCOMPARE(pointersOf(decoding.errors),
                 (QStringList{"/revision", "/namespaces/0/polcy", "/namespaces/0/aliases"}));

        // Rule errors (validation), including an unknown credential.
        json::object rules{
            {"schemaVersion", 1},
            {"defaultNamespace", "nowhere.io"},
            {"namespaces",
             json::array{
                 json::object{{"namespace", "Docker.IO"}, {"upstreams", json::array{upstream("ftp://x")}}},
                 json::object{{"namespace", "ghcr.io"},
                              {"upstreams", json::array{upstream("https://ghcr.io", std::string("missing"))}}},
                 json::object{{"namespace", "quay.io"}, {"upstreams", json::array{}}},
             }}};
        auto validation = repo->put(putOf(json::serialize(rules), "\"1\""));
        QVERIFY2(validation.status == 422, qPrintable(describe(validation)));
        const QStringList pointers = pointersOf(validation.errors);
        QVERIFY2(pointers.contains("/namespaces/0/namespace"), qPrintable(describe(validation)));
        QVERIFY2(pointers.contains("/namespaces/0/upstreams/0/url"), qPrintable(describe(validation)));
        QVERIFY2(pointers.contains("/namespaces/1/upstreams/0/credential"), qPrintable(describe(validation)));
        QVERIFY2(pointers.contains("/namespaces/2/upstreams"), qPrintable(describe(validation)));
        QVERIFY2(pointers.contains("/defaultNamespace"), qPrintable(describe(validation)));
        QCOMPARE(repo->currentRevision(), std::int64_t(1));
        QCOMPARE(repo->revisions(50)->size(), std::size_t(1));
    }

    void knownCredentialIsAccepted()
    {
        auto repo = open(freshDir());
        m_credentials = {"dockerhub", "ghcr"};
        auto outcome = repo->put(putOf(document(1, {"ghcr.io"}, "ghcr"), "\"1\""));
        m_credentials = {"dockerhub"};
        QVERIFY2(outcome.kind == Kind::Stored, qPrintable(describe(outcome)));
    }

    void credentialsUncheckedWithoutProvider()
    {
        auto repo = open(freshDir(), false);
        auto outcome = repo->put(putOf(document(1, {"ghcr.io"}, "anything"), "\"1\""));
        QVERIFY2(outcome.kind == Kind::Stored, qPrintable(describe(outcome)));
    }

    void malformedBody()
    {
        auto repo = open(freshDir());
        auto outcome = repo->put(putOf("{\"schemaVersion\":", "\"1\""));
        QCOMPARE(outcome.kind, Kind::Malformed);
        QCOMPARE(outcome.status, 400);
        QCOMPARE(pointersOf(outcome.errors), QStringList{""});
        auto notObject = repo->put(putOf("[1]", "\"1\""));
        QCOMPARE(notObject.status, 422);
    }

    void dryRunChangesNothing()
    {
        auto repo = open(freshDir());
        std::vector<std::int64_t> heard;
        repo->subscribe([&](const auto& config) { heard.push_back(config->revision); });
        auto valid = repo->put(putOf(document(1, {"docker.io"}), "\"1\"", "bob", true));
        QCOMPARE(valid.kind, Kind::Valid);
        QCOMPARE(valid.status, 200);
        QCOMPARE(valid.changes, std::vector<std::string>{"+docker.io"});
        QCOMPARE(valid.currentRevision, std::int64_t(1));
        QVERIFY(!valid.config);
        QCOMPARE(repo->currentRevision(), std::int64_t(1));
        QCOMPARE(repo->revisions(50)->size(), std::size_t(1));
        QVERIFY(heard.empty());

        // If-Match is optional in a dry run, but checked when given.
        auto withoutIfMatch = repo->put(putOf(document(std::nullopt, {"docker.io"}), std::nullopt, {}, true));
        QCOMPARE(withoutIfMatch.kind, Kind::Valid);
        auto stale = repo->put(putOf(document(std::nullopt, {"docker.io"}), "\"7\"", {}, true));
        QCOMPARE(stale.kind, Kind::PreconditionFailed);
        auto invalid = repo->put(putOf(document(std::nullopt, {"-bad-"}), std::nullopt, {}, true));
        QCOMPARE(invalid.kind, Kind::Invalid);
        auto identical = repo->put(putOf(document(std::nullopt, {}), std::nullopt, {}, true));
        QCOMPARE(identical.kind, Kind::Valid);
        QVERIFY(identical.changes.empty());
    }

    void listenersHearStoredRevisions()
    {
        auto repo = open(freshDir());
        std::vector<std::int64_t> heard;
        repo->subscribe([&](const auto& config) { heard.push_back(config->revision); });
        QVERIFY(repo->put(putOf(document(1, {"docker.io"}), "\"1\"")).kind == Kind::Stored);
        QVERIFY(repo->put(putOf(document(1, {"docker.io"}), "\"1\"")).kind == Kind::PreconditionFailed);
        QVERIFY(repo->put(putOf(document(2, {"-"}), "\"2\"")).kind == Kind::Invalid);
        QVERIFY(repo->put(putOf(document(2, {}), "\"2\"")).kind == Kind::Stored);
        QCOMPARE(heard, (std::vector<std::int64_t>{2, 3}));
    }

    void unchangedDocumentStillMakesARevision()
    {
        auto repo = open(freshDir());
        auto outcome = repo->put(putOf(document(1, {}), "\"1\""));
        QCOMPARE(outcome.kind, Kind::Stored);
        QCOMPARE(outcome.currentRevision, std::int64_t(2));
        QCOMPARE(repo->revisions(1)->front().summary, std::string("no changes"));
    }

    void persistsAcrossReopen()
    {
        const fs::path dir = freshDir();
        std::string stored;
        {
            auto repo = open(dir);
            QVERIFY(repo->put(putOf(document(1, {"docker.io"}), "\"1\"", "alice")).kind == Kind::Stored);
            auto second = repo->put(putOf(document(2, {"docker.io", "quay.io"}), "\"2\"", "bob"));
            QVERIFY(second.kind == Kind::Stored);
            stored = second.document;
        }
        auto repo = open(dir);
        QVERIFY(repo);
        QCOMPARE(repo->currentRevision(), std::int64_t(3));
        QCOMPARE(*repo->snapshot().document, stored);
        QCOMPARE(repo->current()->namespaces.size(), std::size_t(2));
        auto history = repo->revisions(10);
        QCOMPARE(history->size(), std::size_t(3));
        QCOMPARE(history->at(0).actor, std::string("bob"));
        QCOMPARE(history->at(1).actor, std::string("alice"));
        QCOMPARE(history->at(0).summary, std::string("+quay.io"));

        auto first = repo->revisionDocument(1);
        QVERIFY(first.ok() && first->has_value());
        auto decoded = model::decodeConfig(**first);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->revision, std::int64_t(1));
        QVERIFY(decoded->namespaces.empty());
        auto current = repo->revisionDocument(3);
        QVERIFY(current.ok() && current->has_value());
        QCOMPARE(**current, stored);
        auto missing = repo->revisionDocument(4);
        QVERIFY(missing.ok() && !missing->has_value());
    }

    void damagedHistoryIsAnError()
    {
        const fs::path dir = freshDir();
        QVERIFY(open(dir));
        {
            auto db = store::Database::open((dir / "config.db").string());
            QVERIFY(db.ok());
            QVERIFY(db->exec("UPDATE revisions SET document = '{\"revision\": 1, \"bogus\": true}'").ok());
        }
        ConfigRepository::Options options;
        auto reopened = ConfigRepository::open(dir, std::move(options));
        QVERIFY(!reopened.ok());
        QVERIFY2(reopened.error().message.find("/bogus") != std::string::npos, reopened.error().message.c_str());
    }

    void concurrentPutsHaveOneWinner()
    {
        auto repo = open(freshDir());
        for (std::int64_t round = 1; round <= 5; ++round) {
            constexpr int kThreads = 6;
            std::vector<ConfigPutOutcome> outcomes(kThreads);
            std::vector<std::thread> threads;
            std::atomic<int> ready{0};
            for (int t = 0; t < kThreads; ++t)
                threads.emplace_back([&, t] {
                    ++ready;
                    while (ready.load() < kThreads)
                        std::this_thread::yield();
                    outcomes[static_cast<std::size_t>(t)] = repo->put(
                        putOf(document(round, {"ns" + std::to_string(t) + ".example"}), etagFor(round)));
                });
            for (auto& thread : threads)
                thread.join();
            int stored = 0;
            int conflicts = 0;
            for (const auto& outcome : outcomes) {
                stored += outcome.kind == Kind::Stored;
                if (outcome.kind == Kind::PreconditionFailed) {
                    ++conflicts;
                    QCOMPARE(outcome.currentRevision, round + 1);
                }
            }
            QCOMPARE(stored, 1);
            QCOMPARE(conflicts, kThreads - 1);
            QCOMPARE(repo->currentRevision(), round + 1);
        }
        QCOMPARE(repo->revisions(100)->size(), std::size_t(6));
    }

    void readersDuringPuts()
    {
        auto repo = open(freshDir());
        std::atomic<bool> done{false};
        std::atomic<int> inconsistent{0};
        std::thread reader([&] {
            while (!done) {
                const auto snapshot = repo->snapshot();
                if (snapshot.document->find("\"revision\": " + std::to_string(snapshot.config->revision))
                    == std::string::npos)
                    ++inconsistent;
            }
        });
        for (std::int64_t r = 1; r <= 20; ++r)
            QVERIFY(repo->put(putOf(document(r, {"n" + std::to_string(r) + ".io"}), etagFor(r))).kind
                    == Kind::Stored);
        done = true;
        reader.join();
        QCOMPARE(inconsistent.load(), 0);
    }

    void withConfigLockedSeesCurrent()
    {
        auto repo = open(freshDir());
        QVERIFY(repo->put(putOf(document(1, {"docker.io"}), "\"1\"")).kind == Kind::Stored);
        std::int64_t seen = 0;
        repo->withConfigLocked([&](const model::MirrorConfig& config) { seen = config.revision; });
        QCOMPARE(seen, std::int64_t(2));
    }

    void actorIsSanitized_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("alice@laptop") << QByteArray("alice@laptop");
        QTest::newRow("trimmed") << QByteArray("  bob \t") << QByteArray("bob");
        QTest::newRow("utf-8 kept") << QByteArray("J\xc3\xbcrgen") << QByteArray("J\xc3\xbcrgen");
        QTest::newRow("control") << QByteArray("a\nb\x1b") << QByteArray("a\xef\xbf\xbd" "b\xef\xbf\xbd");
        QTest::newRow("invalid utf-8") << QByteArray("a\xff" "b") << QByteArray("a\xef\xbf\xbd" "b");
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QByteArray("\xef\xbf\xbd\xef\xbf\xbd");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QByteArray("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
        QTest::newRow("truncated") << QByteArray("x\xe2\x82") << QByteArray("x\xef\xbf\xbd\xef\xbf\xbd");
    }

    void actorIsSanitized()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, expected);
        QCOMPARE(QByteArray::fromStdString(sanitizeActor(raw.toStdString())), expected);
    }

    void actorIsCutOnACharacterBoundary()
    {
        std::string raw(199, 'a');
        raw += "\xc3\xbc\xc3\xbc";
        const std::string cut = sanitizeActor(raw);
        QCOMPARE(cut, std::string(199, 'a'));
        QCOMPARE(sanitizeActor(std::string(500, 'b')).size(), kMaxActorLength);
    }

    void etags()
    {
        QCOMPARE(etagFor(7), std::string("\"7\""));
        QCOMPARE(etagFor(12345), std::string("\"12345\""));
    }
};

QTEST_GUILESS_MAIN(TestConfigRepository)
#include "tst_configrepository.moc"
