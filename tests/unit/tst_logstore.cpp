// The local log store: exactly-once ingest (replays, failures mid-batch),
// gaps, aggregates checked against counts made independently from the rows,
// audit queries with keyset paging, and retention.

#include "core/store/LogStore.h"
#include "core/store/LogStoreSchema.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <utility>
#include <string>
#include <vector>

using namespace nsgate;
using namespace nsgate::store;

namespace {

QString describe(const Error& error)
{
    return QString::fromStdString(error.code + ": " + error.message + " [" + error.detail + "]");
}

constexpr std::int64_t kT0 = 1'795'813'200'000;   // a whole minute

// Deterministic events: several namespaces (one unmapped, one without ns),
// every cache result, mismatch kind and decision, spread over minutes.
model::Event makeEvent(std::int64_t seq, std::int64_t timeMs)
{
    static const char* const kNs[] = {"docker.io", "ghcr.io", "quay.io"};
    model::Event e;
    e.seq = seq;
    e.timeMs = timeMs;
    e.method = seq % 7 == 0 ? "HEAD" : "GET";
    e.object = seq % 3 == 0 ? model::ObjectKind::Manifest : model::ObjectKind::Blob;
    const auto kind = static_cast<int>(seq % 11);
    if (kind == 0) {   // unmapped: asked for, nobody served
        e.requestedNs = "registry.k8s.io";
        e.mismatch = model::Mismatch::Unmapped;
        e.decision = model::Decision::Rejected;
        e.status = 404;
    } else if (kind == 1) {   // no ns at all
        e.mismatch = model::Mismatch::Missing;
        e.decision = model::Decision::Rejected;
        e.status = 400;
    } else {
        e.requestedNs = kNs[seq % 3];
        e.servedNs = e.requestedNs;
        e.mismatch = kind == 2 ? model::Mismatch::Conflict : model::Mismatch::None;
        e.decision = kind == 3 ? model::Decision::Denied : kind == 4 ? model::Decision::Failed : model::Decision::Served;
        e.cache = e.decision != model::Decision::Served ? model::CacheResult::None
                  : seq % 4 == 0                        ? model::CacheResult::Miss
                                                        : model::CacheResult::Hit;
        e.status = e.decision == model::Decision::Served ? 200 : 403;
        e.bytes = e.decision == model::Decision::Served ? 1000 + seq : 0;
        e.digest = "sha256:" + std::string(60, 'a') + std::to_string(1000 + seq % 50);
        if (e.cache == model::CacheResult::Miss)
            e.upstream = "https://" + *e.servedNs;
    }
    e.repository = seq % 2 ? "library/alpine" : "library/busybox";
    e.reference = e.object == model::ObjectKind::Manifest ? "3.20" : "";
    e.durationMs = 0.5;
    e.client = "10.0.0." + std::to_string(seq % 5);
    e.userAgent = "containerd/1.6.20";
    return e;
}

std::vector<model::Event> makeEvents(std::int64_t first, std::int64_t last, std::int64_t stepMs = 7000)
{
    std::vector<model::Event> out;
    for (std::int64_t seq = first; seq <= last; ++seq)
        out.push_back(makeEvent(seq, kT0 + (seq - 1) * stepMs));
    return out;
}

EventFilter oldestFirst()
{
    EventFilter filter;
    filter.newestFirst = false;
    return filter;
}

std::vector<StoredEvent> everything(LogStore& store, EventFilter filter = {})
{
    std::vector<StoredEvent> rows;
    auto done = store.queryEvents(filter, [&](const StoredEvent& e) {
        rows.push_back(e);
        return true;
    });
    if (!done)
        qWarning("%s", qPrintable(describe(done.error())));
    return rows;
}

} // namespace

#define STORE_OK(expr)                                                                                         \
    do {                                                                                                       \
        const auto& okResult_ = (expr);                                                                     \
        QVERIFY2(okResult_.ok(), okResult_.ok() ? "" : qPrintable(describe(okResult_.error())));      \
    } while (false)

#define STORE_TAKE(var, expr)                                                                                  \
    auto var##Result_ = (expr);                                                                                \
    QVERIFY2(var##Result_.ok(), var##Result_.ok() ? "" : qPrintable(describe(var##Result_.error())));          \
    auto var = std::move(*var##Result_)

// The top lists of [from, to) against counts made from `rows`.
void checkTopLists(LogStore& store, const std::vector<StoredEvent>& rows, std::int64_t from, std::int64_t to)
{
    std::map<std::pair<std::string, std::string>, RepositoryCount> repos;
    std::map<std::pair<int, std::string>, MismatchSource> sources;
    for (const auto& r : rows) {
        const auto& e = r.event;
        if (e.timeMs < from || e.timeMs >= to)
            continue;
        auto& c = repos[{std::string(namespaceKey(e)), e.repository}];
        ++c.requests;
        c.hits += e.cache == model::CacheResult::Hit;
        c.misses += e.cache == model::CacheResult::Miss;
        if (e.mismatch != model::Mismatch::None) {
            const std::string source = e.mismatch == model::Mismatch::Unmapped ? e.requestedNs.value_or("") : e.client;
            auto& m = sources[{static_cast<int>(e.mismatch), source}];
            ++m.count;
            m.lastMs = std::max(m.lastMs, e.timeMs);
        }
    }
    STORE_TAKE(top, store.topRepositories(from, to, 0));
    QCOMPARE(top.size(), repos.size());
    for (std::size_t i = 0; i < top.size(); ++i) {
        const auto it = repos.find({top[i].ns, top[i].repository});
        QVERIFY(it != repos.end());
        QCOMPARE(top[i].requests, it->second.requests);
        QCOMPARE(top[i].hits, it->second.hits);
        QCOMPARE(top[i].misses, it->second.misses);
        if (i > 0)
            QVERIFY(std::tuple(-top[i - 1].requests, top[i - 1].ns, top[i - 1].repository) <
                    std::tuple(-top[i].requests, top[i].ns, top[i].repository));
    }
    STORE_TAKE(mismatches, store.topMismatchSources(from, to, 0));
    QCOMPARE(mismatches.size(), sources.size());
    for (std::size_t i = 0; i < mismatches.size(); ++i) {
        const auto& m = mismatches[i];
        const auto it = sources.find({static_cast<int>(m.kind), m.source});
        QVERIFY(it != sources.end());
        QCOMPARE(m.count, it->second.count);
        QCOMPARE(m.lastMs, it->second.lastMs);
        if (i > 0)
            QVERIFY(mismatches[i - 1].count >= m.count);
    }
}

// whoServedDigest(digest) against counts made from `rows`.
void checkDigestServers(LogStore& store, const std::vector<StoredEvent>& rows, const std::string& digest)
{
    std::map<std::optional<std::string>, DigestServer> servers;
    for (const auto& r : rows) {
        const auto& e = r.event;
        if (e.digest != digest || e.decision != model::Decision::Served)
            continue;
        auto& d = servers[e.upstream];
        d.firstMs = d.count == 0 ? e.timeMs : std::min(d.firstMs, e.timeMs);
        d.lastMs = std::max(d.lastMs, e.timeMs);
        ++d.count;
    }
    STORE_TAKE(served, store.whoServedDigest(digest));
    QCOMPARE(served.size(), servers.size());
    QVERIFY(!served.empty());
    for (const auto& d : served) {
        const auto& want = servers[d.upstream];
        QCOMPARE(d.count, want.count);
        QCOMPARE(d.firstMs, want.firstMs);
        QCOMPARE(d.lastMs, want.lastMs);
    }
}

class TestLogStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::int64_t m_now = kT0;

    std::string nextPath() { return m_dir.filePath(QStringLiteral("log%1.db").arg(++m_n)).toStdString(); }
    Result<LogStore> openStore(const std::string& path, int busyTimeoutMs = 5000)
    {
        LogStoreOptions options;
        options.nowMs = [this] { return m_now; };
        options.database.busyTimeoutMs = busyTimeoutMs;
        return LogStore::open(path, options);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void ingestStoresEventsAndAdvancesCursor()
    {
        const auto path = nextPath();
        {
            STORE_TAKE(store, openStore(path));
            STORE_TAKE(cursor0, store.cursor("proxy-a"));
            QCOMPARE(cursor0, 0);
            const auto batch = makeEvents(1, 100);
            STORE_TAKE(report, store.ingest("proxy-a", batch));
            QCOMPARE(report.inserted, 100u);
            QCOMPARE(report.duplicates, 0u);
            QCOMPARE(report.cursor, 100);
            const auto rows = everything(store, oldestFirst());
            QCOMPARE(rows.size(), 100u);
            for (std::size_t i = 0; i < rows.size(); ++i) {
                QCOMPARE(rows[i].instanceId, std::string("proxy-a"));
                QVERIFY(rows[i].event == batch[i]);   // every field round-trips
            }
        }
        // Reopened (WAL, migrations already applied): the cursor is durable.
        STORE_TAKE(store, openStore(path));
        STORE_TAKE(cursor, store.cursor("proxy-a"));
        QCOMPARE(cursor, 100);
        STORE_TAKE(count, store.eventCount());
        QCOMPARE(count, 100);
    }

    void replayIsIdempotent()
    {
        STORE_TAKE(store, openStore(nextPath()));
        STORE_OK(store.ingest("p", makeEvents(1, 50)));
        STORE_TAKE(before, store.totals(0, kT0 * 2));
        // The same batch again, and one overlapping it: only 51..60 are new.
        STORE_TAKE(again, store.ingest("p", makeEvents(1, 50)));
        QCOMPARE(again.inserted, 0u);
        QCOMPARE(again.duplicates, 50u);
        STORE_TAKE(afterReplay, store.totals(0, kT0 * 2));
        QVERIFY(afterReplay == before);
        STORE_TAKE(overlap, store.ingest("p", makeEvents(41, 60)));
        QCOMPARE(overlap.inserted, 10u);
        QCOMPARE(overlap.duplicates, 10u);
        QCOMPARE(overlap.cursor, 60);
        QCOMPARE(everything(store).size(), 60u);
        STORE_TAKE(total, store.totals(0, kT0 * 2));
        QCOMPARE(total.requests, 60);
        // The same seqs from another proxy are other events.
        STORE_OK(store.ingest("q", makeEvents(1, 5)));
        QCOMPARE(everything(store).size(), 65u);
    }

    void failedBatchLeavesNothing_data()
    {
        QTest::addColumn<QString>("trigger");
        // Fault injection at each step of the transaction: an invalid row (a
        // CHECK constraint), a failing insert mid-batch, a failing aggregate
        // upsert, and a failing cursor update (the very last write).
        QTest::newRow("invalid row") << QString();
        QTest::newRow("insert mid-batch") << QStringLiteral(
            "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.events WHEN NEW.seq = 58 "
            "BEGIN SELECT RAISE(ABORT, 'injected'); END");
        QTest::newRow("aggregate upsert") << QStringLiteral(
            "CREATE TEMP TRIGGER boom BEFORE UPDATE ON main.aggregates BEGIN SELECT RAISE(ABORT, 'injected'); END");
        QTest::newRow("hourly rollup upsert") << QStringLiteral(
            "CREATE TEMP TRIGGER boom BEFORE UPDATE ON main.aggregates_hourly BEGIN SELECT RAISE(ABORT, 'injected'); END");
        QTest::newRow("minute rollup upsert") << QStringLiteral(
            "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.aggregates_minute_proxy "
            "BEGIN SELECT RAISE(ABORT, 'injected'); END");
        QTest::newRow("new string") << QStringLiteral(
            "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.strings WHEN NEW.text = '10.0.0.9x' "
            "BEGIN SELECT RAISE(ABORT, 'injected'); END");
        QTest::newRow("repository rollup upsert") << QStringLiteral(
            "CREATE TEMP TRIGGER boom BEFORE UPDATE ON main.repository_minutes BEGIN SELECT RAISE(ABORT, 'injected'); END");
        QTest::newRow("repository hour rollup upsert") << QStringLiteral(
            "CREATE TEMP TRIGGER boom BEFORE UPDATE ON main.repository_hours BEGIN SELECT RAISE(ABORT, 'injected'); END");
        QTest::newRow("mismatch rollup insert") << QStringLiteral(
            "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.mismatch_minutes BEGIN SELECT RAISE(ABORT, 'injected'); END");
        QTest::newRow("mismatch hour rollup upsert") << QStringLiteral(
            "CREATE TEMP TRIGGER boom BEFORE UPDATE ON main.mismatch_hours BEGIN SELECT RAISE(ABORT, 'injected'); END");
        QTest::newRow("seq out of range") << QStringLiteral("seq");
        QTest::newRow("cursor update") << QStringLiteral(
            "CREATE TEMP TRIGGER boom BEFORE UPDATE OF cursor ON main.proxies "
            "BEGIN SELECT RAISE(ABORT, 'injected'); END");
    }

    void failedBatchLeavesNothing()
    {
        QFETCH(QString, trigger);
        STORE_TAKE(store, openStore(nextPath()));
        STORE_OK(store.ingest("p", makeEvents(1, 50)));
        STORE_TAKE(totalsBefore, store.totals(0, kT0 * 2));
        STORE_TAKE(seriesBefore, store.series(0, kT0 * 2));
        STORE_TAKE(topBefore, store.topRepositories(0, kT0 * 2, 0));
        STORE_TAKE(sourcesBefore, store.topMismatchSources(0, kT0 * 2, 0));
        auto batch = makeEvents(51, 60);
        batch[8].client = "10.0.0.9x";   // a string the store has not seen yet
        if (trigger.isEmpty())
            batch[6].seq = -1;   // after six good rows of the same batch
        else if (trigger == "seq")
            batch[6].seq = kMaxEventSeq + 1;
        else
            STORE_OK(store.database().exec(trigger.toStdString()));
        auto failed = store.ingest("p", batch);
        QVERIFY(!failed.ok());
        QVERIFY(!store.database().inTransaction());
        STORE_TAKE(cursor, store.cursor("p"));
        QCOMPARE(cursor, 50);
        QCOMPARE(everything(store).size(), 50u);
        STORE_TAKE(count, store.eventCount());
        QCOMPARE(count, 50);
        STORE_TAKE(totalsAfter, store.totals(0, kT0 * 2));
        QVERIFY(totalsAfter == totalsBefore);
        STORE_TAKE(seriesAfter, store.series(0, kT0 * 2));
        QCOMPARE(seriesAfter.size(), seriesBefore.size());
        STORE_TAKE(topAfter, store.topRepositories(0, kT0 * 2, 0));
        QCOMPARE(topAfter.size(), topBefore.size());
        for (std::size_t i = 0; i < topAfter.size(); ++i)
            QCOMPARE(topAfter[i].requests, topBefore[i].requests);
        STORE_TAKE(sourcesAfter, store.topMismatchSources(0, kT0 * 2, 0));
        QCOMPARE(sourcesAfter.size(), sourcesBefore.size());
        STORE_TAKE(unknownString, store.database().prepare("SELECT count(*) FROM strings WHERE text = '10.0.0.9x'"));
        STORE_TAKE(unknownRow, unknownString.step());
        QVERIFY(unknownRow);
        QCOMPARE(unknownString.columnInt64(0), 0);
        // The store is usable right after: the fixed batch goes in whole, and
        // the string rolled back with the failed batch is interned afresh.
        STORE_OK(store.database().exec("DROP TRIGGER IF EXISTS temp.boom"));
        batch = makeEvents(51, 60);
        batch[8].client = "10.0.0.9x";
        STORE_TAKE(retry, store.ingest("p", batch));
        QCOMPARE(retry.inserted, 10u);
        QCOMPARE(retry.cursor, 60);
        EventFilter byClient;
        byClient.client = "10.0.0.9x";
        const auto found = everything(store, byClient);
        QCOMPARE(found.size(), 1u);
        QVERIFY(found[0].event == batch[8]);
    }

    void lockedDatabaseFailsCleanly()
    {
        const auto path = nextPath();
        STORE_TAKE(store, openStore(path, 50));
        STORE_OK(store.ingest("p", makeEvents(1, 10)));
        // Another writer holds the lock: the batch fails up front (store.busy)
        // and can simply be retried; nothing half-written in between.
        STORE_TAKE(other, Database::open(path));
        STORE_OK(other.exec("BEGIN IMMEDIATE"));
        auto busy = store.ingest("p", makeEvents(11, 20));
        QVERIFY(!busy.ok());
        QCOMPARE(busy.error().code, std::string("store.busy"));
        STORE_OK(other.exec("ROLLBACK"));
        STORE_TAKE(cursor, store.cursor("p"));
        QCOMPARE(cursor, 10);
        STORE_TAKE(retry, store.ingest("p", makeEvents(11, 20)));
        QCOMPARE(retry.cursor, 20);
    }

    void crashBeforeCommitLosesTheWholeBatch()
    {
        const auto path = nextPath();
        {
            STORE_TAKE(store, openStore(path));
            STORE_OK(store.ingest("p", makeEvents(1, 10)));
            // A batch written but never committed (the process "dies" with the
            // connection open): SQLite rolls it back.
            STORE_OK(store.database().exec("BEGIN IMMEDIATE"));
            STORE_OK(store.database().exec(
                "INSERT INTO events(id, time_ms, method_id, object, ns_id, repository_id, reference_id, cache, "
                "mismatch, decision, status, bytes, duration_ms, client_id, user_agent_id) "
                "VALUES((1 << 44) | 11, 0, 1, 1, 1, 1, 1, 0, 0, 0, 200, 1, 0, 1, 1)"));
            STORE_OK(store.database().exec("UPDATE proxies SET cursor = 11"));
        }
        STORE_TAKE(store, openStore(path));
        STORE_TAKE(cursor, store.cursor("p"));
        QCOMPARE(cursor, 10);
        QCOMPARE(everything(store).size(), 10u);
    }

    void gapsAreRecordedAndMoveTheCursor()
    {
        STORE_TAKE(store, openStore(nextPath()));
        STORE_OK(store.ingest("p", makeEvents(1, 10)));
        m_now = kT0 + 123;
        STORE_OK(store.recordGap("p", 11, 40));
        STORE_OK(store.recordGap("p", 11, 40));   // reported again after a restart
        STORE_TAKE(cursor, store.cursor("p"));
        QCOMPARE(cursor, 40);
        STORE_TAKE(gaps, store.gaps());
        QCOMPARE(gaps.size(), 1u);
        QVERIFY((gaps[0] == GapRecord{"p", 11, 40, kT0 + 123}));
        STORE_OK(store.ingest("p", makeEvents(41, 45)));
        STORE_TAKE(after, store.cursor("p"));
        QCOMPARE(after, 45);
        // A gap behind the cursor never moves it back.
        STORE_OK(store.recordGap("p", 2, 3));
        STORE_TAKE(still, store.cursor("p"));
        QCOMPARE(still, 45);
        QVERIFY(!store.recordGap("p", 5, 4).ok());
        QVERIFY(!store.recordGap("p", 0, 4).ok());
        STORE_TAKE(onlyQ, store.gaps(std::string("q")));
        QVERIFY(onlyQ.empty());
    }

    // Totals read whole hours from the hourly rollup and the edge minutes from
    // the minute aggregates; the chart reads the per-proxy minute rollup. Both
    // must equal counts made from the rows over the same whole minutes, for
    // windows inside one hour, across hour boundaries and over everything.
    void rollupsEqualIndependentCounts()
    {
        STORE_TAKE(store, openStore(nextPath()));
        for (const char* proxy : {"a", "b"}) {
            for (std::int64_t next = 1; next <= 1500; next += 250) {
                STORE_OK(store.ingest(proxy, makeEvents(next, next + 249, 23000)));   // ~9.6 h in all
                STORE_OK(store.ingest(proxy, makeEvents(next, next + 99, 23000)));    // a replay: no change
            }
        }
        const auto rows = everything(store);
        QCOMPARE(rows.size(), 3000u);
        std::mt19937 random(7);
        const std::int64_t span = 1500 * 23000;
        for (int round = 0; round < 60; ++round) {
            std::int64_t from = kT0 - 3600000 + std::uniform_int_distribution<std::int64_t>(0, span + 3600000)(random);
            std::int64_t to = from + std::uniform_int_distribution<std::int64_t>(0, span)(random);
            if (round == 0) {
                from = 0;
                to = kT0 * 2;
            }
            const std::int64_t firstMinute = from / 60000, lastMinute = (to + 59999) / 60000;
            Counters window, windowA;
            std::map<std::string, Counters> byNsA;
            std::map<std::int64_t, Counters> byMinute;
            for (const auto& r : rows) {
                const std::int64_t minute = r.event.timeMs / 60000;
                if (minute < firstMinute || minute >= lastMinute)
                    continue;
                const Counters c = countersOf(r.event);
                window += c;
                byMinute[minute * 60000] += c;
                if (r.instanceId == "a") {
                    windowA += c;
                    byNsA[std::string(namespaceKey(r.event))] += c;
                }
            }
            STORE_TAKE(total, store.totals(from, to));
            QVERIFY2(total == window, std::to_string(round).c_str());
            STORE_TAKE(totalA, store.totals(from, to, std::string("a")));
            QVERIFY2(totalA == windowA, std::to_string(round).c_str());
            STORE_TAKE(perNs, store.totalsByNamespace(from, to, std::string("a")));
            QCOMPARE(perNs.size(), byNsA.size());
            for (const auto& n : perNs)
                QVERIFY2(n.counters == byNsA[n.ns], n.ns.c_str());
            STORE_TAKE(points, store.series(from, to));
            QCOMPARE(points.size(), byMinute.size());
            for (const auto& p : points)
                QVERIFY(p.counters == byMinute[p.minuteStartMs]);
        }
    }

    // Stores made by older versions (schema 1: no rollups; schema 2: the
    // aggregate rollups; both with text columns and UNIQUE(proxy_id, seq)) are
    // converted on open: every event reads back the same, cursors and counts
    // are kept, the top-list rollups are built from the events, and ingest
    // goes on where it was (a replay is still a replay).
    void upgradeFromOlderSchemas_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("schema 1") << 1;
        QTest::newRow("schema 2") << 2;
    }

    void upgradeFromOlderSchemas()
    {
        QFETCH(int, version);
        const auto path = nextPath();
        auto a = makeEvents(1, 900, 17000);
        const auto b = makeEvents(1, 400, 31000);
        a[5].detail = "upstream said 500";
        a[6].detail = "";
        {
            STORE_TAKE(db, Database::open(path));
            STORE_OK(migrate(db, logStoreMigrations().first(1)));
            STORE_OK(db.exec("INSERT INTO proxies(id, instance_id, name, url, cursor) "
                             "VALUES(1, 'a', 'A', 'https://a', 900), (2, 'b', '', '', 420)"));
            // The schema 1 INSERT, as the store used to run it.
            STORE_TAKE(insert, db.prepare(
                "INSERT INTO events(proxy_id, seq, time_ms, method, object, requested_ns, served_ns, ns, upstream, "
                "repository, reference, digest, media_type, cache, mismatch, decision, status, bytes, duration_ms, "
                "client, user_agent, detail) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                "?16, ?17, ?18, ?19, ?20, ?21, ?22)"));
            STORE_OK(db.exec("BEGIN"));
            for (const auto& [proxy, events] : {std::pair{1, &std::as_const(a)}, std::pair{2, &b}}) {
                for (const auto& e : *events) {
                    STORE_OK(insert
                                 .bindAll(proxy, e.seq, e.timeMs, e.method, model::toString(e.object), e.requestedNs,
                                          e.servedNs, namespaceKey(e), e.upstream, e.repository, e.reference, e.digest,
                                          e.mediaType, model::toString(e.cache), model::toString(e.mismatch),
                                          model::toString(e.decision), e.status, e.bytes, e.durationMs, e.client,
                                          e.userAgent, e.detail)
                                 .execute());
                }
            }
            STORE_OK(db.exec(
                "INSERT INTO aggregates SELECT time_ms / 60000, proxy_id, ns, count(*), sum(cache = 'hit'), "
                "sum(cache = 'miss'), sum(mismatch = 'missing'), sum(mismatch = 'unmapped'), sum(mismatch = 'conflict'), "
                "sum(decision = 'rejected'), sum(decision = 'denied'), sum(decision = 'failed'), sum(bytes), "
                "sum(CASE WHEN cache = 'miss' THEN bytes ELSE 0 END) FROM events GROUP BY 1, 2, 3; "
                "UPDATE meta SET value = 1300 WHERE key = 'event_rows'; COMMIT"));
            if (version == 2)
                STORE_OK(migrate(db, logStoreMigrations().first(2)));
            STORE_TAKE(at, schemaVersion(db));
            QCOMPARE(at, version);
        }
        STORE_TAKE(store, openStore(path));
        STORE_TAKE(now, schemaVersion(store.database()));
        QCOMPARE(now, static_cast<int>(logStoreMigrations().back().version));

        // Every event reads back as written, in (time, proxy, seq) order.
        std::vector<std::pair<std::string, model::Event>> expected;
        for (const auto& e : a)
            expected.emplace_back("a", e);
        for (const auto& e : b)
            expected.emplace_back("b", e);
        std::stable_sort(expected.begin(), expected.end(), [](const auto& x, const auto& y) {
            return std::tie(x.second.timeMs, x.first, x.second.seq) < std::tie(y.second.timeMs, y.first, y.second.seq);
        });
        const auto rows = everything(store, oldestFirst());
        QCOMPARE(rows.size(), expected.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].instanceId, expected[i].first);
            QVERIFY2(rows[i].event == expected[i].second, std::to_string(i).c_str());
        }
        STORE_TAKE(cursorA, store.cursor("a"));
        QCOMPARE(cursorA, 900);
        STORE_TAKE(cursorB, store.cursor("b"));
        QCOMPARE(cursorB, 420);
        STORE_TAKE(count, store.eventCount());
        QCOMPARE(count, 1300);

        Counters all;
        std::map<std::int64_t, Counters> byMinute;
        for (const auto& r : rows) {
            all += countersOf(r.event);
            byMinute[r.event.timeMs / 60000 * 60000] += countersOf(r.event);
        }
        STORE_TAKE(total, store.totals(0, kT0 * 2));
        QVERIFY(total == all);
        STORE_TAKE(hours, store.totals(kT0 + 3600000, kT0 + 3 * 3600000, std::string("a")));
        QVERIFY(hours.requests > 0);
        STORE_TAKE(points, store.series(0, kT0 * 2));
        QCOMPARE(points.size(), byMinute.size());
        for (const auto& p : points)
            QVERIFY(p.counters == byMinute[p.minuteStartMs]);
        checkTopLists(store, rows, kT0 + 1234567, kT0 + 4 * 3600000 + 89);
        if (QTest::currentTestFailed())
            return;
        checkTopLists(store, rows, 0, kT0 * 2);
        if (QTest::currentTestFailed())
            return;
        checkDigestServers(store, rows, *a[7].digest);
        if (QTest::currentTestFailed())
            return;

        // Ingest goes on: a replay is recognised, new events are added.
        STORE_TAKE(more, store.ingest("a", makeEvents(1, 950, 17000)));
        QCOMPARE(more.inserted, 50u);
        QCOMPARE(more.duplicates, 900u);
        QCOMPARE(more.cursor, 950);
        STORE_TAKE(count2, store.eventCount());
        QCOMPARE(count2, 1350);
        checkTopLists(store, everything(store), 0, kT0 * 2);
    }

    // Top lists and "who served this digest", against counts made from the rows.
    void topListsAndDigestServers()
    {
        STORE_TAKE(store, openStore(nextPath()));
        STORE_OK(store.ingest("a", makeEvents(1, 600)));
        STORE_OK(store.ingest("b", makeEvents(1, 300, 11000)));
        const auto rows = everything(store);
        const std::int64_t from = kT0 + 5 * 60000, to = kT0 + 40 * 60000;
        std::map<std::pair<std::string, std::string>, RepositoryCount> repos;
        std::map<std::pair<int, std::string>, MismatchSource> sources;
        std::map<std::optional<std::string>, DigestServer> servers;
        const std::string digest = "sha256:" + std::string(60, 'a') + std::to_string(1000 + 8);
        for (const auto& r : rows) {
            const auto& e = r.event;
            if (e.digest == digest && e.decision == model::Decision::Served) {
                auto& d = servers[e.upstream];
                d.upstream = e.upstream;
                d.firstMs = d.count == 0 ? e.timeMs : std::min(d.firstMs, e.timeMs);
                d.lastMs = std::max(d.lastMs, e.timeMs);
                ++d.count;
            }
            if (e.timeMs < from || e.timeMs >= to)
                continue;
            auto& c = repos[{std::string(namespaceKey(e)), e.repository}];
            c.ns = namespaceKey(e);
            c.repository = e.repository;
            ++c.requests;
            c.hits += e.cache == model::CacheResult::Hit;
            c.misses += e.cache == model::CacheResult::Miss;
            if (e.mismatch != model::Mismatch::None) {
                const std::string source = e.mismatch == model::Mismatch::Unmapped ? e.requestedNs.value_or("") : e.client;
                auto& m = sources[{static_cast<int>(e.mismatch), source}];
                m.kind = e.mismatch;
                m.source = source;
                ++m.count;
                m.lastMs = std::max(m.lastMs, e.timeMs);
            }
        }
        STORE_TAKE(top, store.topRepositories(from, to, 0));
        QCOMPARE(top.size(), repos.size());
        for (std::size_t i = 0; i < top.size(); ++i) {
            const auto& want = repos[{top[i].ns, top[i].repository}];
            QCOMPARE(top[i].requests, want.requests);
            QCOMPARE(top[i].hits, want.hits);
            QCOMPARE(top[i].misses, want.misses);
            if (i > 0)
                QVERIFY(top[i - 1].requests >= top[i].requests);
        }
        STORE_TAKE(top2, store.topRepositories(from, to, 2));
        QCOMPARE(top2.size(), 2u);
        QCOMPARE(top2[0].repository, top[0].repository);

        STORE_TAKE(mismatches, store.topMismatchSources(from, to, 0));
        QCOMPARE(mismatches.size(), sources.size());
        bool sawUnmapped = false, sawMissing = false, sawConflict = false;
        for (std::size_t i = 0; i < mismatches.size(); ++i) {
            const auto& m = mismatches[i];
            const auto& want = sources[{static_cast<int>(m.kind), m.source}];
            QCOMPARE(m.count, want.count);
            QCOMPARE(m.lastMs, want.lastMs);
            sawUnmapped |= m.kind == model::Mismatch::Unmapped && m.source == "registry.k8s.io";
            sawMissing |= m.kind == model::Mismatch::Missing;
            sawConflict |= m.kind == model::Mismatch::Conflict;
            if (i > 0)
                QVERIFY(mismatches[i - 1].count >= m.count);
        }
        QVERIFY(sawUnmapped && sawMissing && sawConflict);
        STORE_TAKE(oneSource, store.topMismatchSources(from, to, 1));
        QCOMPARE(oneSource.size(), 1u);

        STORE_TAKE(served, store.whoServedDigest(digest));
        QCOMPARE(served.size(), servers.size());
        QVERIFY(servers.size() >= 2);   // the cache and at least one upstream
        for (const auto& d : served) {
            const auto& want = servers[d.upstream];
            QCOMPARE(d.count, want.count);
            QCOMPARE(d.firstMs, want.firstMs);
            QCOMPARE(d.lastMs, want.lastMs);
        }
        STORE_TAKE(none, store.whoServedDigest("sha256:unknown"));
        QVERIFY(none.empty());
    }

    void aggregatesEqualIndependentCounts()
    {
        STORE_TAKE(store, openStore(nextPath()));
        // Two proxies, random batch sizes, replays in between.
        std::mt19937 random(42);
        for (const char* proxy : {"a", "b"}) {
            std::int64_t next = 1;
            while (next <= 2000) {
                const std::int64_t last = std::min<std::int64_t>(2000, next + std::uniform_int_distribution<>(1, 300)(random));
                STORE_OK(store.ingest(proxy, makeEvents(next, last, 1300)));
                if (last % 2)
                    STORE_OK(store.ingest(proxy, makeEvents(std::max<std::int64_t>(1, next - 20), last, 1300)));
                next = last + 1;
            }
        }
        // Independent counts: from the stored rows themselves.
        const auto rows = everything(store);
        QCOMPARE(rows.size(), 4000u);
        std::map<std::string, Counters> byNs;
        std::map<std::int64_t, Counters> byMinute;
        Counters all, onlyA, window;
        const std::int64_t from = kT0 + 10 * 60000, to = kT0 + 20 * 60000;
        for (const auto& r : rows) {
            const Counters c = countersOf(r.event);
            all += c;
            byNs[std::string(namespaceKey(r.event))] += c;
            byMinute[r.event.timeMs / 60000 * 60000] += c;
            if (r.instanceId == "a")
                onlyA += c;
            if (r.event.timeMs >= from && r.event.timeMs < to)
                window += c;
        }
        QVERIFY(all.hits > 0 && all.misses > 0 && all.mismatchUnmapped > 0 && all.mismatchMissing > 0);
        QVERIFY(all.mismatchConflict > 0 && all.denied > 0 && all.failed > 0 && all.bytesFetched > 0);
        STORE_TAKE(total, store.totals(0, kT0 * 2));
        QVERIFY(total == all);
        STORE_TAKE(totalA, store.totals(0, kT0 * 2, std::string("a")));
        QVERIFY(totalA == onlyA);
        STORE_TAKE(win, store.totals(from, to));   // whole minutes: exact
        QVERIFY(win == window);
        STORE_TAKE(perNs, store.totalsByNamespace(0, kT0 * 2));
        QCOMPARE(perNs.size(), byNs.size());
        for (const auto& n : perNs)
            QVERIFY2(n.counters == byNs[n.ns], n.ns.c_str());
        QVERIFY(byNs.contains("registry.k8s.io") && byNs.contains(""));
        STORE_TAKE(points, store.series(0, kT0 * 2));
        QCOMPARE(points.size(), byMinute.size());
        for (const auto& p : points)
            QVERIFY(p.counters == byMinute[p.minuteStartMs]);
    }

    void queryFiltersAndKeysetPaging()
    {
        STORE_TAKE(store, openStore(nextPath()));
        STORE_OK(store.ingest("p", makeEvents(1, 500)));
        const auto all = everything(store);
        QCOMPARE(all.size(), 500u);
        for (std::size_t i = 1; i < all.size(); ++i)   // newest first by default
            QVERIFY(all[i - 1].event.timeMs >= all[i].event.timeMs);

        EventFilter filter;
        filter.ns = "ghcr.io";
        filter.sinceMs = kT0 + 100 * 7000;
        filter.untilMs = kT0 + 300 * 7000;
        filter.cache = model::CacheResult::Hit;
        const auto some = everything(store, filter);
        std::size_t expected = 0;
        for (const auto& r : all)
            expected += namespaceKey(r.event) == "ghcr.io" && r.event.timeMs >= *filter.sinceMs &&
                        r.event.timeMs < *filter.untilMs && r.event.cache == model::CacheResult::Hit;
        QVERIFY(expected > 0);
        QCOMPARE(some.size(), expected);

        EventFilter byDigest;
        byDigest.digest = all.front().event.digest.value_or(all[1].event.digest.value_or(""));
        QVERIFY(!everything(store, byDigest).empty());

        // Pages of 37, each continuing after the last row of the previous one.
        std::set<std::int64_t> seen;
        EventFilter page;
        page.limit = 37;
        for (;;) {
            const auto rows = everything(store, page);
            for (const auto& r : rows)
                QVERIFY(seen.insert(r.event.seq).second);
            if (rows.size() < page.limit)
                break;
            page.after = EventFilter::Key{rows.back().event.timeMs, rows.back().rowId};
        }
        QCOMPARE(seen.size(), 500u);
        // A sink may stop early.
        int taken = 0;
        STORE_OK(store.queryEvents({}, [&](const StoredEvent&) { return ++taken < 3; }));
        QCOMPARE(taken, 3);
    }

    // The top lists read whole hours and minutes from their rollups and the
    // edge milliseconds from the events: they must equal counts made from the
    // rows, for windows at any millisecond, inside a minute, across hours.
    void topListRollupsEqualIndependentCounts()
    {
        STORE_TAKE(store, openStore(nextPath()));
        for (const char* proxy : {"a", "b"}) {
            for (std::int64_t next = 1; next <= 1500; next += 250) {
                STORE_OK(store.ingest(proxy, makeEvents(next, next + 249, 23000)));   // ~9.6 h in all
                STORE_OK(store.ingest(proxy, makeEvents(next, next + 99, 23000)));    // a replay: no change
            }
        }
        const auto rows = everything(store);
        QCOMPARE(rows.size(), 3000u);
        std::mt19937 random(11);
        const std::int64_t span = 1500 * 23000;
        for (int round = 0; round < 60; ++round) {
            std::int64_t from = kT0 - 3600000 + std::uniform_int_distribution<std::int64_t>(0, span + 3600000)(random);
            std::int64_t to = from + std::uniform_int_distribution<std::int64_t>(0, round % 3 ? span : 90000)(random);
            if (round == 0) {
                from = 0;
                to = kT0 * 2;
            } else if (round == 1) {   // whole hours exactly
                from = kT0 + 3600000;
                to = kT0 + 5 * 3600000;
            }
            checkTopLists(store, rows, from, to);
            if (QTest::currentTestFailed()) {
                qWarning("round %d: [%lld, %lld)", round, static_cast<long long>(from), static_cast<long long>(to));
                return;
            }
        }
        STORE_TAKE(top3, store.topRepositories(0, kT0 * 2, 3));
        QCOMPARE(top3.size(), 3u);
    }

    // Keyset paging over rows that share milliseconds across proxies: the
    // rowId breaks ties, so pages neither skip nor repeat a row either way.
    void keysetPagingWithEqualTimesAcrossProxies()
    {
        STORE_TAKE(store, openStore(nextPath()));
        STORE_OK(store.ingest("p", makeEvents(1, 200, 1000)));
        STORE_OK(store.ingest("q", makeEvents(1, 200, 1000)));   // the very same times
        STORE_OK(store.ingest("p", makeEvents(201, 260, 0)));    // 60 more in one millisecond
        for (const bool newestFirst : {true, false}) {
            std::set<std::pair<std::string, std::int64_t>> seen;
            std::vector<StoredEvent> all;
            EventFilter page;
            page.newestFirst = newestFirst;
            page.limit = 7;
            for (;;) {
                const auto rows = everything(store, page);
                for (const auto& r : rows) {
                    QVERIFY(seen.insert({r.instanceId, r.event.seq}).second);
                    all.push_back(r);
                }
                if (rows.size() < page.limit)
                    break;
                page.after = EventFilter::Key{rows.back().event.timeMs, rows.back().rowId};
            }
            QCOMPARE(seen.size(), 460u);
            for (std::size_t i = 1; i < all.size(); ++i) {
                const auto previous = std::pair{all[i - 1].event.timeMs, all[i - 1].rowId};
                const auto current = std::pair{all[i].event.timeMs, all[i].rowId};
                QVERIFY(newestFirst ? previous > current : previous < current);
            }
        }
    }

    // The digest filter walks the (hour, digest, time) index hour by hour:
    // pages across many hours, with a window and paging, newest and oldest
    // first, must list exactly the rows a full scan finds.
    void digestFilterAcrossHours()
    {
        STORE_TAKE(store, openStore(nextPath()));
        STORE_OK(store.ingest("a", makeEvents(1, 2000, 29000)));   // ~16 h
        STORE_OK(store.ingest("b", makeEvents(1, 700, 61000)));    // ~12 h
        const auto all = everything(store);
        const std::string digest = "sha256:" + std::string(60, 'a') + std::to_string(1000 + 17);
        for (const bool newestFirst : {true, false}) {
            for (const bool windowed : {false, true}) {
                EventFilter filter;
                filter.digest = digest;
                filter.newestFirst = newestFirst;
                if (windowed) {
                    filter.sinceMs = kT0 + 2 * 3600000 + 777;
                    filter.untilMs = kT0 + 11 * 3600000 + 5;
                }
                std::vector<std::int64_t> want;   // row ids in the expected order
                for (const auto& r : all) {
                    if (r.event.digest == digest && (!filter.sinceMs || r.event.timeMs >= *filter.sinceMs) &&
                        (!filter.untilMs || r.event.timeMs < *filter.untilMs))
                        want.push_back(r.rowId);
                }
                if (!newestFirst)
                    std::reverse(want.begin(), want.end());
                QVERIFY(want.size() > 20);
                const auto unpaged = everything(store, filter);
                std::vector<std::int64_t> got;
                for (const auto& r : unpaged)
                    got.push_back(r.rowId);
                QCOMPARE(got, want);
                got.clear();
                filter.limit = 6;
                for (;;) {
                    const auto rows = everything(store, filter);
                    for (const auto& r : rows)
                        got.push_back(r.rowId);
                    if (rows.size() < filter.limit)
                        break;
                    filter.after = EventFilter::Key{rows.back().event.timeMs, rows.back().rowId};
                }
                QCOMPARE(got, want);
            }
        }
        checkDigestServers(store, all, digest);
    }

    void seqsOutsideTheIdRangeAreRejected()
    {
        STORE_TAKE(store, openStore(nextPath()));
        auto batch = makeEvents(1, 3);
        batch[2].seq = kMaxEventSeq;   // the largest that fits
        STORE_TAKE(ok, store.ingest("p", batch));
        QCOMPARE(ok.cursor, kMaxEventSeq);
        const auto rows = everything(store, oldestFirst());
        QCOMPARE(rows.back().event.seq, kMaxEventSeq);
        batch = makeEvents(4, 5);
        batch[1].seq = kMaxEventSeq + 1;
        auto failed = store.ingest("q", batch);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, std::string("logstore.event.invalid"));
        QCOMPARE(everything(store).size(), 3u);
    }

    void retentionByAgeAndCountInBoundedSteps()
    {
        STORE_TAKE(store, openStore(nextPath()));
        STORE_OK(store.ingest("p", makeEvents(1, 1000, 60000)));   // one per minute
        STORE_TAKE(aggregatesBefore, store.totals(0, kT0 * 2));
        m_now = kT0 + 1000 * 60000;

        // A negative limit (an overflowed setting) is refused, not taken as a
        // cut-off in the future that deletes everything.
        RetentionPolicy negative;
        negative.maxAgeMs = -1;
        const auto refused = store.pruneStep(negative, 100);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, std::string("logstore.retention.invalid"));
        STORE_TAKE(untouched, store.eventCount());
        QCOMPARE(untouched, 1000);

        RetentionPolicy byAge;
        byAge.maxAgeMs = 600 * 60000;   // keep the last 600 minutes: seqs 401..1000
        STORE_TAKE(step, store.pruneStep(byAge, 100));
        QCOMPARE(step.eventsDeleted, 100);
        QVERIFY(!step.done);
        STORE_TAKE(rest, store.prune(byAge, 100));
        QCOMPARE(rest.eventsDeleted, 300);
        STORE_TAKE(count, store.eventCount());
        QCOMPARE(count, 600);
        const auto rows = everything(store, oldestFirst());
        QCOMPARE(rows.front().event.seq, 401);
        // Aggregates outlive their events.
        STORE_TAKE(aggregatesAfter, store.totals(0, kT0 * 2));
        QVERIFY(aggregatesAfter == aggregatesBefore);

        RetentionPolicy bySize;
        bySize.maxEvents = 250;
        STORE_TAKE(sized, store.prune(bySize, 64));
        QCOMPARE(sized.eventsDeleted, 350);
        STORE_TAKE(count2, store.eventCount());
        QCOMPARE(count2, 250);
        QCOMPARE(everything(store, oldestFirst()).front().event.seq, 751);
        STORE_TAKE(cursor, store.cursor("p"));
        QCOMPARE(cursor, 1000);   // retention never rewinds the cursor

        RetentionPolicy aggregates;
        aggregates.aggregateMaxAgeMs = 100 * 60000;
        STORE_TAKE(aggPruned, store.prune(aggregates));
        QCOMPARE(aggPruned.aggregatesDeleted, 900);
        STORE_TAKE(points, store.series(0, kT0 * 2));
        QCOMPARE(points.size(), 100u);
        STORE_TAKE(count3, store.eventCount());
        QCOMPARE(count3, 250);
        // The top-list rollups go by the same cut-off: minutes older than it,
        // hours once all their minutes are.
        const std::int64_t cutoffMinute = (m_now - 100 * 60000) / 60000;
        for (const char* table : {"repository_minutes", "mismatch_minutes"}) {
            STORE_TAKE(oldest, store.database().prepare(std::string("SELECT min(minute) FROM ") + table));
            STORE_TAKE(row, oldest.step());
            QVERIFY(row);
            QVERIFY2(oldest.columnInt64(0) >= cutoffMinute, table);
        }
        for (const char* table : {"repository_hours", "mismatch_hours"}) {
            STORE_TAKE(oldest, store.database().prepare(std::string("SELECT min(hour) FROM ") + table));
            STORE_TAKE(row, oldest.step());
            QVERIFY(row);
            QVERIFY2(oldest.columnInt64(0) >= cutoffMinute / 60, table);
        }
        // A window that starts before the cut-off counts what is left.
        STORE_TAKE(top, store.topRepositories(0, kT0 * 2, 0));
        std::int64_t requests = 0;
        for (const auto& r : top)
            requests += r.requests;
        QVERIFY(requests >= 100 && requests < 160);
    }
};

QTEST_GUILESS_MAIN(TestLogStore)
#include "tst_logstore.moc"
