#include "core/store/LogStore.h"

#include "core/store/LogStoreSchema.h"
#include "core/store/Migrations.h"
#include "core/store/Transaction.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>
#include <utility>

namespace nsgate::store {

namespace {

std::int64_t systemNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Enumerations are stored as the model's values (schema 3): the on-disk codes
// are these numbers, so a reordered enum must come with a migration.
static_assert(static_cast<int>(model::ObjectKind::Manifest) == 0 && static_cast<int>(model::ObjectKind::Blob) == 1
              && static_cast<int>(model::ObjectKind::Tags) == 2 && static_cast<int>(model::ObjectKind::Referrers) == 3);
static_assert(static_cast<int>(model::CacheResult::Hit) == 0 && static_cast<int>(model::CacheResult::Miss) == 1
              && static_cast<int>(model::CacheResult::None) == 2);
static_assert(static_cast<int>(model::Mismatch::None) == 0 && static_cast<int>(model::Mismatch::Missing) == 1
              && static_cast<int>(model::Mismatch::Unmapped) == 2 && static_cast<int>(model::Mismatch::Conflict) == 3);
static_assert(static_cast<int>(model::Decision::Served) == 0 && static_cast<int>(model::Decision::Rejected) == 1
              && static_cast<int>(model::Decision::Denied) == 2 && static_cast<int>(model::Decision::Failed) == 3);

// Interned strings kept in memory per writer and kind of column. Digests
// dominate; past this many a cache starts over (each string costs one indexed
// lookup to come back).
constexpr std::size_t kMaxCachedStrings = 1 << 18;

void bindOptionalId(Statement& s, int index, const std::optional<std::int64_t>& id)
{
    if (id)
        s.bind(index, *id);
    else
        s.bind(index, nullptr);
}

// Minutes since the epoch. Event times are >= 0 (a CHECK in the schema), so
// truncating division is floor division here.
std::int64_t minuteOf(std::int64_t timeMs)
{
    return timeMs / 60000;
}

} // namespace

Counters& Counters::operator+=(const Counters& o)
{
    requests += o.requests;
    hits += o.hits;
    misses += o.misses;
    mismatchMissing += o.mismatchMissing;
    mismatchUnmapped += o.mismatchUnmapped;
    mismatchConflict += o.mismatchConflict;
    rejected += o.rejected;
    denied += o.denied;
    failed += o.failed;
    bytesServed += o.bytesServed;
    bytesFetched += o.bytesFetched;
    return *this;
}

Counters countersOf(const model::Event& e)
{
    Counters c;
    c.requests = 1;
    c.hits = e.cache == model::CacheResult::Hit ? 1 : 0;
    c.misses = e.cache == model::CacheResult::Miss ? 1 : 0;
    c.mismatchMissing = e.mismatch == model::Mismatch::Missing ? 1 : 0;
    c.mismatchUnmapped = e.mismatch == model::Mismatch::Unmapped ? 1 : 0;
    c.mismatchConflict = e.mismatch == model::Mismatch::Conflict ? 1 : 0;
    c.rejected = e.decision == model::Decision::Rejected ? 1 : 0;
    c.denied = e.decision == model::Decision::Denied ? 1 : 0;
    c.failed = e.decision == model::Decision::Failed ? 1 : 0;
    c.bytesServed = e.bytes;
    c.bytesFetched = e.cache == model::CacheResult::Miss ? e.bytes : 0;
    return c;
}

std::string_view namespaceKey(const model::Event& e)
{
    if (e.servedNs)
        return *e.servedNs;
    if (e.requestedNs)
        return *e.requestedNs;
    return {};
}

LogStore::LogStore(Database db, LogStoreOptions options) : m_db(std::move(db)), m_options(std::move(options))
{
    if (!m_options.nowMs)
        m_options.nowMs = systemNowMs;
}

Result<LogStore> LogStore::open(std::string_view path, LogStoreOptions options)
{
    auto db = Database::open(path, options.database);
    if (!db)
        return db.error();
    if (auto migrated = migrate(*db, logStoreMigrations()); !migrated)
        return migrated.error();
    // The audit indexes (digest above all) take inserts all over their
    // b-trees; SQLite's default 2 MB page cache would turn most of them into
    // reads. 64 MB holds the hot parts of a store of tens of millions of events.
    if (auto cache = db->exec("PRAGMA cache_size = -65536"); !cache)
        return cache.error();
    // Sorts for GROUP BY / ORDER BY of the read side stay off the disk.
    if (auto temp = db->exec("PRAGMA temp_store = MEMORY"); !temp)
        return temp.error();
    // Checkpoint every 64 MB of WAL instead of every 4 MB: an index page that
    // several batches dirty is then copied into the database once, not once
    // per batch, and the fsync of a checkpoint is paid 16 times less often.
    // The limit truncates the WAL back to that size after a checkpoint.
    if (auto wal = db->exec("PRAGMA wal_autocheckpoint = 16384; PRAGMA journal_size_limit = 67108864"); !wal)
        return wal.error();
    LogStore store(std::move(db).value(), std::move(options));
    if (auto prepared = store.prepareStatements(); !prepared)
        return prepared.error();
    return store;
}

Status<> LogStore::prepareStatements()
{
    // Every statement of the ingest path, prepared once. A failure leaves the
    // store unusable, and open() then discards it.
    const std::pair<Statement*, std::string_view> statements[] = {
        {&m_insertEvent, kInsertLogEventSql},
        {&m_upsertAggregate, kUpsertAggregateSql},
        {&m_upsertHourly, kUpsertHourlySql},
        {&m_upsertMinuteProxy, kUpsertMinuteProxySql},
        {&m_upsertRepositoryMinute, kUpsertRepositoryMinuteSql},
        {&m_upsertRepositoryHour, kUpsertRepositoryHourSql},
        {&m_upsertMismatchMinute, kUpsertMismatchMinuteSql},
        {&m_upsertMismatchHour, kUpsertMismatchHourSql},
        {&m_findString, "SELECT id FROM strings WHERE text = ?1"},
        {&m_insertString, "INSERT INTO strings(text) VALUES(?1)"},
        {&m_advanceCursor, "UPDATE proxies SET cursor = max(cursor, ?2) WHERE id = ?1"},
        {&m_readCursor, "SELECT cursor FROM proxies WHERE id = ?1"},
    };
    for (const auto& [statement, sql] : statements) {
        auto prepared = m_db.preparePersistent(sql);
        if (!prepared)
            return prepared.error();
        *statement = std::move(prepared).value();
    }
    return {};
}

Status<> LogStore::upsertProxy(std::string_view instanceId, std::string_view name, std::string_view url)
{
    if (instanceId.empty())
        return makeError("logstore.proxy.invalid",
                         NSGATE_TEXT("nsgate::store", "a proxy needs a non-empty %1").with("instanceId"));
    auto s = m_db.prepare("INSERT INTO proxies(instance_id, name, url) VALUES(?1, ?2, ?3) "
                          "ON CONFLICT(instance_id) DO UPDATE SET name = excluded.name, url = excluded.url");
    if (!s)
        return s.error();
    return s->bindAll(instanceId, name, url).execute();
}

Result<std::vector<ProxyRecord>> LogStore::proxies()
{
    auto s = m_db.prepare("SELECT instance_id, name, url, cursor FROM proxies ORDER BY id");
    if (!s)
        return s.error();
    return s->collect<ProxyRecord>([](const Statement& r) {
        return ProxyRecord{std::string(r.columnText(0)), std::string(r.columnText(1)), std::string(r.columnText(2)),
                           r.columnInt64(3)};
    });
}

Result<std::int64_t> LogStore::proxyId(std::string_view instanceId)
{
    if (instanceId.empty())
        return makeError("logstore.proxy.invalid",
                         NSGATE_TEXT("nsgate::store", "events need the proxy's non-empty %1").with("instanceId"));
    if (auto it = m_proxyIds.find(std::string(instanceId)); it != m_proxyIds.end())
        return it->second;
    // Registering is idempotent and harmless on its own (cursor 0), so it runs
    // outside the batch's transaction and the id can be cached right away.
    auto insert = m_db.prepare("INSERT INTO proxies(instance_id) VALUES(?1) ON CONFLICT(instance_id) DO NOTHING");
    if (!insert)
        return insert.error();
    if (auto done = insert->bindAll(instanceId).execute(); !done)
        return done.error();
    auto select = m_db.prepare("SELECT id FROM proxies WHERE instance_id = ?1");
    if (!select)
        return select.error();
    auto row = select->bindAll(instanceId).step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError("logstore.proxy.missing",
                         NSGATE_TEXT("nsgate::store", "proxy %1 vanished while registering").with(instanceId));
    const std::int64_t id = select->columnInt64(0);
    if (id > kMaxProxyId)
        return makeError("logstore.proxy.too_many",
                         NSGATE_TEXT("nsgate::store", "proxy id %1 does not fit the event id (%2 at most)")
                             .with(id, kMaxProxyId));
    m_proxyIds.emplace(std::string(instanceId), id);
    return id;
}

Result<std::int64_t> LogStore::cursor(std::string_view instanceId)
{
    return integerOrZero("SELECT cursor FROM proxies WHERE instance_id = ?1", instanceId);
}

Result<IngestReport> LogStore::ingest(std::string_view instanceId, std::span<const model::Event> events)
{
    auto proxy = proxyId(instanceId);
    if (!proxy)
        return proxy.error();
    auto transaction = Transaction::begin(m_db, TransactionMode::Immediate);
    if (!transaction)
        return transaction.error();
    auto report = ingestInTransaction(*proxy, events);
    if (!report) {
        // Statements may be mid-row; rewind them so the rollback and the next
        // batch find them clean. The Transaction rolls back on scope exit.
        m_insertEvent.reset();
        m_upsertAggregate.reset();
        m_upsertHourly.reset();
        m_upsertMinuteProxy.reset();
        m_upsertRepositoryMinute.reset();
        m_upsertRepositoryHour.reset();
        m_upsertMismatchMinute.reset();
        m_upsertMismatchHour.reset();
        m_findString.reset();
        m_insertString.reset();
        for (StringIds& ids : m_stringIds)
            ids.clear();   // ids inserted by this batch are rolled back
        m_advanceCursor.reset();
        m_readCursor.reset();
        return report.error();
    }
    if (auto committed = transaction->commit(); !committed) {
        for (StringIds& ids : m_stringIds)
            ids.clear();   // rolled back with the batch
        return committed.error();
    }
    return report;
}

Result<std::int64_t> LogStore::intern(std::size_t cache, std::string_view text)
{
    StringIds& ids = m_stringIds[cache];
    if (auto it = ids.find(text); it != ids.end())
        return it->second;
    auto row = m_findString.bindNoCopy(1, text).step();
    if (!row)
        return row.error();
    std::int64_t id = 0;
    if (*row) {
        id = m_findString.columnInt64(0);
        m_findString.reset();
    } else {
        m_findString.reset();
        if (auto inserted = m_insertString.bindNoCopy(1, text).execute(); !inserted)
            return inserted.error();
        id = m_db.lastInsertRowId();
    }
    if (ids.size() >= kMaxCachedStrings)
        ids.clear();
    ids.emplace(std::string(text), id);
    return id;
}

Result<IngestReport> LogStore::ingestInTransaction(std::int64_t proxy, std::span<const model::Event> events)
{
    IngestReport report;
    std::int64_t maxSeq = 0;
    // Everything below is folded per batch and written once per key: a batch
    // of thousands of events touches only a handful of rollup rows.
    struct Folded
    {
        std::string_view ns;
        Counters counters;
    };
    struct RepositoryCounts
    {
        std::int64_t requests = 0, hits = 0, misses = 0;
    };
    struct SourceCounts
    {
        std::int64_t count = 0, lastMs = 0;
    };
    std::map<std::pair<std::int64_t, std::int64_t>, Folded> folded;   // (minute, ns id)
    std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, RepositoryCounts> repositories;   // (minute, ns, repo)
    std::map<std::tuple<std::int64_t, int, std::int64_t>, SourceCounts> sources;   // (minute, kind, source id)
    const auto fail = [](const model::Event& e, Error error) {
        auto text = NSGATE_TEXT("nsgate::store", "event %1: %2").with(e.seq, errorText(error));
        error.message = text.english();
        error.text = std::move(text);
        return error;
    };
    // The first failure of intern(), checked once per event after all lookups.
    std::optional<Error> internError;
    enum Cache : std::size_t { Small, Repositories, References, Clients, Digests };
    // Per column, the previous event's text and id: neighbouring events mostly
    // repeat method, namespace, user agent and media type, and a compare of
    // two short strings is cheaper than hashing one.
    enum Column : std::size_t { Method, RequestedNs, ServedNs, Upstream, Repository, Reference, Digest, MediaType, Client,
                                UserAgent, ColumnCount };
    struct Memo
    {
        std::string_view text;
        std::int64_t id = 0;
    };
    std::array<Memo, ColumnCount> memo{};
    const auto idOf = [&](Column column, std::size_t cache, std::string_view text) -> std::int64_t {
        Memo& m = memo[column];
        if (m.id != 0 && m.text == text)
            return m.id;
        auto id = intern(cache, text);
        if (id) {
            m = {text, *id};
            return *id;
        }
        if (!internError)
            internError = id.error();
        return 0;
    };
    const auto optionalIdOf = [&](Column column, std::size_t cache,
                                  const std::optional<std::string>& text) -> std::optional<std::int64_t> {
        if (!text)
            return std::nullopt;
        return idOf(column, cache, *text);
    };
    for (const model::Event& e : events) {
        if (e.seq <= 0 || e.seq > kMaxEventSeq)
            return makeError("logstore.event.invalid",
                             NSGATE_TEXT("nsgate::store", "event seq %1 is outside 1..%2").with(e.seq, kMaxEventSeq));
        const std::string_view ns = namespaceKey(e);
        const std::int64_t method = idOf(Method, Small, e.method);
        const std::optional<std::int64_t> requestedNs = optionalIdOf(RequestedNs, Small, e.requestedNs);
        // Served and asked-for namespace are mostly the same text, and the
        // namespace key is one of them: one lookup for all three.
        const std::optional<std::int64_t> servedNs =
            e.servedNs && e.requestedNs && *e.servedNs == *e.requestedNs ? requestedNs
                                                                         : optionalIdOf(ServedNs, Small, e.servedNs);
        const std::int64_t nsId = e.servedNs ? *servedNs : e.requestedNs ? *requestedNs : kEmptyStringId;
        const std::optional<std::int64_t> upstream = optionalIdOf(Upstream, Small, e.upstream);
        const std::int64_t repository = idOf(Repository, Repositories, e.repository);
        const std::int64_t reference = idOf(Reference, References, e.reference);
        const std::optional<std::int64_t> digest = optionalIdOf(Digest, Digests, e.digest);
        const std::optional<std::int64_t> mediaType = optionalIdOf(MediaType, Small, e.mediaType);
        const std::int64_t client = idOf(Client, Clients, e.client);
        const std::int64_t userAgent = idOf(UserAgent, Small, e.userAgent);
        if (internError)
            return fail(e, *internError);
        Statement& s = m_insertEvent;
        s.bind(1, (proxy << kEventSeqBits) | e.seq)
            .bind(2, e.timeMs)
            .bind(3, method)
            .bind(4, static_cast<int>(e.object));
        bindOptionalId(s, 5, requestedNs);
        bindOptionalId(s, 6, servedNs);
        s.bind(7, nsId);
        bindOptionalId(s, 8, upstream);
        s.bind(9, repository).bind(10, reference);
        bindOptionalId(s, 11, digest);
        bindOptionalId(s, 12, mediaType);
        s.bind(13, static_cast<int>(e.cache))
            .bind(14, static_cast<int>(e.mismatch))
            .bind(15, static_cast<int>(e.decision))
            .bind(16, e.status)
            .bind(17, e.bytes)
            .bind(18, e.durationMs)
            .bind(19, client)
            .bind(20, userAgent);
        if (e.detail)
            s.bindNoCopy(21, *e.detail);
        else
            s.bind(21, nullptr);
        if (auto done = s.execute(); !done)
            return fail(e, done.error());
        maxSeq = std::max(maxSeq, e.seq);
        // DO NOTHING on the id leaves changes() at 0: a replayed event,
        // already counted in the aggregates when it was first stored.
        if (m_db.changes() == 0) {
            ++report.duplicates;
            continue;
        }
        ++report.inserted;
        const std::int64_t minute = minuteOf(e.timeMs);
        Folded& f = folded[{minute, nsId}];
        f.ns = ns;
        f.counters += countersOf(e);
        RepositoryCounts& r = repositories[{minute, nsId, repository}];
        ++r.requests;
        r.hits += e.cache == model::CacheResult::Hit ? 1 : 0;
        r.misses += e.cache == model::CacheResult::Miss ? 1 : 0;
        if (e.mismatch != model::Mismatch::None) {
            const std::int64_t source = e.mismatch == model::Mismatch::Unmapped ? requestedNs.value_or(kEmptyStringId)
                                                                                : client;
            SourceCounts& m = sources[{minute, static_cast<int>(e.mismatch), source}];
            ++m.count;
            m.lastMs = std::max(m.lastMs, e.timeMs);
        }
    }
    // The rollups get the same counts in the same transaction: an hour per
    // (proxy, namespace) for long windows, a minute per proxy for the chart.
    std::map<std::pair<std::int64_t, std::string_view>, Counters> hourly;
    std::map<std::int64_t, Counters> perMinute;
    for (const auto& [key, f] : folded) {
        const Counters& c = f.counters;
        auto done = m_upsertAggregate
                        .bindAll(key.first, proxy, f.ns, c.requests, c.hits, c.misses, c.mismatchMissing,
                                 c.mismatchUnmapped, c.mismatchConflict, c.rejected, c.denied, c.failed,
                                 c.bytesServed, c.bytesFetched)
                        .execute();
        if (!done)
            return done.error();
        hourly[{key.first / 60, f.ns}] += c;
        perMinute[key.first] += c;
    }
    for (const auto& [key, c] : hourly) {
        auto done = m_upsertHourly
                        .bindAll(key.first, proxy, key.second, c.requests, c.hits, c.misses, c.mismatchMissing,
                                 c.mismatchUnmapped, c.mismatchConflict, c.rejected, c.denied, c.failed,
                                 c.bytesServed, c.bytesFetched)
                        .execute();
        if (!done)
            return done.error();
    }
    for (const auto& [minute, c] : perMinute) {
        auto done = m_upsertMinuteProxy
                        .bindAll(minute, proxy, c.requests, c.hits, c.misses, c.mismatchMissing, c.mismatchUnmapped,
                                 c.mismatchConflict, c.rejected, c.denied, c.failed, c.bytesServed, c.bytesFetched)
                        .execute();
        if (!done)
            return done.error();
    }
    // Top-list rollups, per minute and per hour (fleet-wide: the top lists
    // have no proxy filter).
    std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, RepositoryCounts> repositoryHours;
    for (const auto& [key, r] : repositories) {
        const auto [minute, ns, repository] = key;
        auto done = m_upsertRepositoryMinute.bindAll(minute, ns, repository, r.requests, r.hits, r.misses).execute();
        if (!done)
            return done.error();
        RepositoryCounts& h = repositoryHours[{minute / 60, ns, repository}];
        h.requests += r.requests;
        h.hits += r.hits;
        h.misses += r.misses;
    }
    for (const auto& [key, r] : repositoryHours) {
        const auto [hour, ns, repository] = key;
        auto done = m_upsertRepositoryHour.bindAll(hour, ns, repository, r.requests, r.hits, r.misses).execute();
        if (!done)
            return done.error();
    }
    std::map<std::tuple<std::int64_t, int, std::int64_t>, SourceCounts> sourceHours;
    for (const auto& [key, m] : sources) {
        const auto [minute, kind, source] = key;
        auto done = m_upsertMismatchMinute.bindAll(minute, kind, source, m.count, m.lastMs).execute();
        if (!done)
            return done.error();
        SourceCounts& h = sourceHours[{minute / 60, kind, source}];
        h.count += m.count;
        h.lastMs = std::max(h.lastMs, m.lastMs);
    }
    for (const auto& [key, m] : sourceHours) {
        const auto [hour, kind, source] = key;
        auto done = m_upsertMismatchHour.bindAll(hour, kind, source, m.count, m.lastMs).execute();
        if (!done)
            return done.error();
    }
    if (report.inserted > 0) {
        if (auto counted = addToMeta("event_rows", static_cast<std::int64_t>(report.inserted)); !counted)
            return counted.error();
    }
    if (auto advanced = m_advanceCursor.bindAll(proxy, maxSeq).execute(); !advanced)
        return advanced.error();
    auto row = m_readCursor.bindAll(proxy).step();
    if (!row)
        return row.error();
    report.cursor = m_readCursor.columnInt64(0);
    m_readCursor.reset();
    return report;
}

Status<> LogStore::recordGap(std::string_view instanceId, std::int64_t from, std::int64_t to)
{
    if (from <= 0 || to < from)
        return makeError("logstore.gap.invalid",
                         NSGATE_TEXT("nsgate::store", "gap %1..%2 is not a range of seqs").with(from, to));
    auto proxy = proxyId(instanceId);
    if (!proxy)
        return proxy.error();
    auto transaction = Transaction::begin(m_db, TransactionMode::Immediate);
    if (!transaction)
        return transaction.error();
    auto insert = m_db.prepare("INSERT INTO gaps(proxy_id, from_seq, to_seq, recorded_at_ms) VALUES(?1, ?2, ?3, ?4) "
                               "ON CONFLICT(proxy_id, from_seq, to_seq) DO NOTHING");
    if (!insert)
        return insert.error();
    if (auto done = insert->bindAll(*proxy, from, to, m_options.nowMs()).execute(); !done)
        return done;
    if (auto advanced = m_advanceCursor.bindAll(*proxy, to).execute(); !advanced)
        return advanced;
    return transaction->commit();
}

Result<std::vector<GapRecord>> LogStore::gaps(std::optional<std::string> instanceId)
{
    auto s = m_db.prepare("SELECT p.instance_id, g.from_seq, g.to_seq, g.recorded_at_ms FROM gaps g "
                          "JOIN proxies p ON p.id = g.proxy_id WHERE ?1 IS NULL OR p.instance_id = ?1 "
                          "ORDER BY p.id, g.from_seq");
    if (!s)
        return s.error();
    s->bind(1, instanceId);
    return s->collect<GapRecord>([](const Statement& r) {
        return GapRecord{std::string(r.columnText(0)), r.columnInt64(1), r.columnInt64(2), r.columnInt64(3)};
    });
}

Result<std::int64_t> LogStore::metaValue(std::string_view key)
{
    return integerOrZero("SELECT value FROM meta WHERE key = ?1", key);
}

Result<std::int64_t> LogStore::integerOrZero(std::string_view sql, std::string_view parameter)
{
    auto s = m_db.prepare(sql);
    if (!s)
        return s.error();
    auto row = s->bindAll(parameter).step();
    if (!row)
        return row.error();
    return *row ? s->columnInt64(0) : std::int64_t{0};
}

Status<> LogStore::addToMeta(std::string_view key, std::int64_t delta)
{
    auto s = m_db.prepare("UPDATE meta SET value = value + ?2 WHERE key = ?1");
    if (!s)
        return s.error();
    return s->bindAll(key, delta).execute();
}

Result<std::int64_t> LogStore::eventCount()
{
    // Kept by ingest and retention in their transactions: COUNT(*) over
    // millions of rows would cost the dashboard a full index scan.
    return metaValue("event_rows");
}

Result<RetentionReport> LogStore::pruneStep(const RetentionPolicy& policy, std::int64_t batchRows)
{
    batchRows = std::max<std::int64_t>(1, batchRows);
    // A negative limit (an overflowed setting) would put the age cut-off in
    // the future and delete everything: refuse it instead.
    for (const auto& [name, value] : {std::pair{"maxAgeMs", policy.maxAgeMs}, std::pair{"maxEvents", policy.maxEvents},
                                      std::pair{"aggregateMaxAgeMs", policy.aggregateMaxAgeMs}})
        if (value && *value < 0)
            return makeError("logstore.retention.invalid",
                             NSGATE_TEXT("nsgate::store", "retention %1 must not be negative, got %2")
                                 .with(name, *value));
    RetentionReport report;
    auto transaction = Transaction::begin(m_db, TransactionMode::Immediate);
    if (!transaction)
        return transaction.error();
    const std::int64_t now = m_options.nowMs();
    std::int64_t budget = batchRows;

    if (policy.maxAgeMs) {
        auto s = m_db.prepare("DELETE FROM events WHERE id IN "
                              "(SELECT id FROM events WHERE time_ms < ?1 ORDER BY time_ms LIMIT ?2)");
        if (!s)
            return s.error();
        if (auto done = s->bindAll(now - *policy.maxAgeMs, budget).execute(); !done)
            return done.error();
        report.eventsDeleted += m_db.changes();
        budget -= m_db.changes();
    }
    if (policy.maxEvents && budget > 0) {
        auto rows = metaValue("event_rows");
        if (!rows)
            return rows.error();
        const std::int64_t excess = *rows - report.eventsDeleted - *policy.maxEvents;
        if (excess > 0) {
            auto s = m_db.prepare("DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY time_ms, id LIMIT ?1)");
            if (!s)
                return s.error();
            if (auto done = s->bindAll(std::min(excess, budget)).execute(); !done)
                return done.error();
            report.eventsDeleted += m_db.changes();
            budget -= m_db.changes();
        }
    }
    if (report.eventsDeleted > 0) {
        if (auto counted = addToMeta("event_rows", -report.eventsDeleted); !counted)
            return counted.error();
    }
    std::int64_t rollupsDeleted = 0;
    if (policy.aggregateMaxAgeMs) {
        // A day of minutes per step keeps even a first prune of a long history short.
        const std::int64_t cutoff = minuteOf(std::max<std::int64_t>(0, now - *policy.aggregateMaxAgeMs));
        auto s = m_db.prepare("DELETE FROM aggregates WHERE minute < ?1 "
                              "AND minute < (SELECT min(minute) FROM aggregates) + 1440");
        if (!s)
            return s.error();
        if (auto done = s->bindAll(cutoff).execute(); !done)
            return done.error();
        report.aggregatesDeleted = m_db.changes();
        // The rollups by the same cut-off; an hour goes once all its minutes
        // are older than it. Reported counts are minute aggregates only.
        auto m = m_db.prepare("DELETE FROM aggregates_minute_proxy WHERE minute < ?1 "
                              "AND minute < (SELECT min(minute) FROM aggregates_minute_proxy) + 1440");
        if (!m)
            return m.error();
        if (auto done = m->bindAll(cutoff).execute(); !done)
            return done.error();
        rollupsDeleted += m_db.changes();
        auto h = m_db.prepare("DELETE FROM aggregates_hourly WHERE hour < ?1 "
                              "AND hour < (SELECT min(hour) FROM aggregates_hourly) + 24");
        if (!h)
            return h.error();
        if (auto done = h->bindAll(cutoff / 60).execute(); !done)
            return done.error();
        rollupsDeleted += m_db.changes();
        // The top-list rollups likewise: a day of minutes (and hours) per step.
        for (const char* table : {"repository_minutes", "mismatch_minutes"}) {
            auto t = m_db.prepare(std::string("DELETE FROM ") + table + " WHERE minute < ?1 AND minute < (SELECT "
                                  "min(minute) FROM " + table + ") + 1440");
            if (!t)
                return t.error();
            if (auto done = t->bindAll(cutoff).execute(); !done)
                return done.error();
            rollupsDeleted += m_db.changes();
        }
        for (const char* table : {"repository_hours", "mismatch_hours"}) {
            auto t = m_db.prepare(std::string("DELETE FROM ") + table + " WHERE hour < ?1 AND hour < (SELECT "
                                  "min(hour) FROM " + table + ") + 24");
            if (!t)
                return t.error();
            if (auto done = t->bindAll(cutoff / 60).execute(); !done)
                return done.error();
            rollupsDeleted += m_db.changes();
        }
    }
    if (auto committed = transaction->commit(); !committed)
        return committed.error();
    // Done when this step found less to do than it was allowed to.
    report.done = budget > 0 && ((report.aggregatesDeleted == 0 && rollupsDeleted == 0) || !policy.aggregateMaxAgeMs);
    if (policy.maxEvents && report.done) {
        auto rows = metaValue("event_rows");
        if (!rows)
            return rows.error();
        report.done = *rows <= *policy.maxEvents;
    }
    return report;
}

Result<RetentionReport> LogStore::prune(const RetentionPolicy& policy, std::int64_t batchRows)
{
    RetentionReport total;
    for (;;) {
        auto step = pruneStep(policy, batchRows);
        if (!step)
            return step.error();
        total.eventsDeleted += step->eventsDeleted;
        total.aggregatesDeleted += step->aggregatesDeleted;
        if (step->done)
            return total;
    }
}

} // namespace nsgate::store
