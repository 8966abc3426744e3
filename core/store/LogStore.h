#pragma once

// The console's (and `nsgatectl log follow`'s) local copy of every proxy's
// events: proxies by instanceId, events keyed (proxy, seq), one cursor per
// proxy, the ranges a proxy had already pruned (gaps), and per-minute
// aggregates per (proxy, namespace) that the dashboard reads instead of
// scanning events.
//
// Exactly once: ingest() inserts a batch, folds the newly inserted rows into
// the aggregates and advances the proxy's cursor in ONE transaction. A crash
// before COMMIT leaves none of it; after COMMIT all of it. A follower that
// restarts from cursor() therefore neither loses nor double-counts an event,
// and a replayed batch is recognised by (proxy, seq) and changes nothing.
//
// "Namespace" here is the namespace that served the request, or the one the
// client asked for when none did (unmapped, rejected): the dashboard wants to
// see which registries the 404 noise is for. Requests without either count
// under "".
//
// One LogStore is one SQLite connection: use it from one thread. Readers in
// other threads open their own LogStore on the same file (WAL: they do not
// block the writer).

#include "core/model/Event.h"
#include "core/model/Result.h"
#include "core/store/Database.h"
#include "core/store/Statement.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nsgate::store {

struct LogStoreOptions
{
    OpenOptions database;
    // Milliseconds since the Unix epoch; for gap timestamps and retention
    // cut-offs. Injected so tests control time. Defaults to the system clock.
    std::function<std::int64_t()> nowMs;
};

struct ProxyRecord
{
    std::string instanceId;
    std::string name;
    std::string url;
    std::int64_t cursor = 0;   // highest seq accounted for (stored or recorded as gap)
};

struct GapRecord
{
    std::string instanceId;
    std::int64_t from = 0;   // first missing seq
    std::int64_t to = 0;     // last missing seq
    std::int64_t recordedAtMs = 0;

    friend bool operator==(const GapRecord&, const GapRecord&) = default;
};

struct IngestReport
{
    std::size_t inserted = 0;
    std::size_t duplicates = 0;   // already stored: a replay
    std::int64_t cursor = 0;      // the cursor after the batch
};

// Dashboard counters; the same fields per minute, per namespace and in total.
struct Counters
{
    std::int64_t requests = 0;
    std::int64_t hits = 0;
    std::int64_t misses = 0;
    std::int64_t mismatchMissing = 0;
    std::int64_t mismatchUnmapped = 0;
    std::int64_t mismatchConflict = 0;
    std::int64_t rejected = 0;
    std::int64_t denied = 0;
    std::int64_t failed = 0;
    std::int64_t bytesServed = 0;    // body bytes sent to clients
    std::int64_t bytesFetched = 0;   // body bytes of cache misses (fetched upstream)

    Counters& operator+=(const Counters& other);
    friend bool operator==(const Counters&, const Counters&) = default;
};

// The aggregate contribution of one event (exposed so tests and callers count
// exactly the way the store does).
Counters countersOf(const model::Event& event);
// The aggregate namespace key of one event (see the header comment).
std::string_view namespaceKey(const model::Event& event);

struct MinutePoint
{
    std::int64_t minuteStartMs = 0;
    Counters counters;
};

struct NamespaceCounters
{
    std::string ns;
    Counters counters;
};

// Filters for the audit view and exports; every set field must match.
struct EventFilter
{
    std::optional<std::int64_t> sinceMs;   // time >= since
    std::optional<std::int64_t> untilMs;   // time < until
    std::optional<std::string> instanceId;
    std::optional<std::string> ns;         // the namespace key (see above)
    std::optional<std::string> repository;
    std::optional<std::string> reference;
    std::optional<std::string> digest;
    std::optional<std::string> upstream;
    std::optional<std::string> client;
    std::optional<std::string> userAgent;
    std::optional<model::CacheResult> cache;
    std::optional<model::Mismatch> mismatch;
    std::optional<model::Decision> decision;
    bool newestFirst = true;
    std::size_t limit = 0;   // 0: no limit
    // Keyset paging: only rows after this one in the chosen order (pass the
    // last row of the previous page). Cheap at any depth, unlike OFFSET.
    struct Key
    {
        std::int64_t timeMs = 0;
        std::int64_t rowId = 0;
    };
    std::optional<Key> after;
};

// Dashboard "top" lists, counted from the events in a time window.
struct RepositoryCount
{
    std::string ns;   // the namespace key
    std::string repository;
    std::int64_t requests = 0;
    std::int64_t hits = 0;
    std::int64_t misses = 0;
};

// Where mismatches come from: for Missing and Conflict the client address that
// sent the request, for Unmapped the namespace the client asked for.
struct MismatchSource
{
    model::Mismatch kind = model::Mismatch::None;
    std::string source;
    std::int64_t count = 0;
    std::int64_t lastMs = 0;
};

// One upstream that served a digest; nullopt upstream: served from the cache.
struct DigestServer
{
    std::optional<std::string> upstream;
    std::int64_t firstMs = 0;
    std::int64_t lastMs = 0;
    std::int64_t count = 0;
};

struct StoredEvent
{
    // Store-local and unique (proxy id << 44 | seq); the paging key together
    // with time. Stable while the row is stored.
    std::int64_t rowId = 0;
    std::string instanceId;
    model::Event event;
};

// Return false to stop early (e.g. an export was cancelled).
using EventSink = std::function<bool(const StoredEvent&)>;

struct RetentionPolicy
{
    std::optional<std::int64_t> maxAgeMs;            // events older than now - maxAge go
    std::optional<std::int64_t> maxEvents;           // the oldest beyond this many go
    std::optional<std::int64_t> aggregateMaxAgeMs;   // aggregates have their own, longer, age
};

struct RetentionReport
{
    std::int64_t eventsDeleted = 0;
    std::int64_t aggregatesDeleted = 0;
    bool done = true;   // false: more to delete; call pruneStep() again
};

class LogStore
{
public:
    static Result<LogStore> open(std::string_view path, LogStoreOptions options = {});

    LogStore(LogStore&&) noexcept = default;
    LogStore& operator=(LogStore&&) noexcept = default;
    LogStore(const LogStore&) = delete;
    LogStore& operator=(const LogStore&) = delete;
    ~LogStore() = default;

    // Registers a proxy or updates its display name and URL; keeps its cursor.
    Status<> upsertProxy(std::string_view instanceId, std::string_view name, std::string_view url);
    Result<std::vector<ProxyRecord>> proxies();

    // The highest seq already accounted for; 0 for a proxy never seen. Resume
    // the proxy's event sync with `after` = this value.
    Result<std::int64_t> cursor(std::string_view instanceId);

    // Stores a batch in one transaction (see the header comment). Events the
    // store already holds are skipped; on any failure nothing of the batch is
    // kept and the cursor is unchanged. An unknown instanceId is registered.
    Result<IngestReport> ingest(std::string_view instanceId, std::span<const model::Event> events);

    // Records that the proxy had pruned seqs from..to before we fetched them,
    // and moves the cursor past them in the same transaction (none of them can
    // ever arrive). Recording the same gap again changes nothing.
    Status<> recordGap(std::string_view instanceId, std::int64_t from, std::int64_t to);
    Result<std::vector<GapRecord>> gaps(std::optional<std::string> instanceId = std::nullopt);

    // Streams matching events to `sink`, in time order (then by rowId: proxy,
    // then seq).
    Status<> queryEvents(const EventFilter& filter, const EventSink& sink);
    Result<std::int64_t> eventCount();

    // Dashboard reads from the aggregates, [sinceMs, untilMs) rounded to whole
    // minutes; nullopt instanceId means fleet-wide.
    Result<Counters> totals(std::int64_t sinceMs, std::int64_t untilMs,
                            const std::optional<std::string>& instanceId = std::nullopt);
    Result<std::vector<NamespaceCounters>> totalsByNamespace(std::int64_t sinceMs, std::int64_t untilMs,
                                                             const std::optional<std::string>& instanceId = std::nullopt);
    // One point per minute that has data, ascending.
    Result<std::vector<MinutePoint>> series(std::int64_t sinceMs, std::int64_t untilMs,
                                            const std::optional<std::string>& instanceId = std::nullopt);

    // Top lists over [sinceMs, untilMs), most requests first (ties by name).
    // Whole hours and minutes come from rollups kept by ingest (pruned by
    // aggregateMaxAgeMs, like the aggregates, so they outlive their events),
    // the partial minutes at either edge from the events: exact to the
    // millisecond while the events are stored.
    Result<std::vector<RepositoryCount>> topRepositories(std::int64_t sinceMs, std::int64_t untilMs, std::size_t limit);
    Result<std::vector<MismatchSource>> topMismatchSources(std::int64_t sinceMs, std::int64_t untilMs,
                                                           std::size_t limit);
    // Every upstream that served `digest` (and the cache), with the first and
    // last time and how often, most frequent first; over all stored events.
    Result<std::vector<DigestServer>> whoServedDigest(std::string_view digest);

    // One bounded retention step in its own short transaction, so an ingest
    // waiting for the write lock gets it after at most `batchRows` deletions.
    // Aggregates are pruned only by their own age, never with the events.
    Result<RetentionReport> pruneStep(const RetentionPolicy& policy, std::int64_t batchRows = 5000);
    // pruneStep() until done (for nsgatectl and tests; the console interleaves steps).
    Result<RetentionReport> prune(const RetentionPolicy& policy, std::int64_t batchRows = 5000);

    Database& database() { return m_db; }

private:
    LogStore(Database db, LogStoreOptions options);
    Status<> prepareStatements();
    Result<std::int64_t> proxyId(std::string_view instanceId);
    // The strings.id of `text`, inserting it when new (inside the ingest
    // transaction). Cached in m_stringIds[cache]; the caches are dropped when
    // a batch fails, since the rollback takes the new ids with it.
    Result<std::int64_t> intern(std::size_t cache, std::string_view text);
    // The strings.id of `text` if stored (read side; no insert, no cache).
    Result<std::optional<std::int64_t>> findString(std::string_view text);
    Result<IngestReport> ingestInTransaction(std::int64_t proxy, std::span<const model::Event> events);
    Result<std::int64_t> metaValue(std::string_view key);
    // The integer of the first row `sql` (one text parameter) yields, 0 when none.
    Result<std::int64_t> integerOrZero(std::string_view sql, std::string_view parameter);
    Status<> addToMeta(std::string_view key, std::int64_t delta);

    Database m_db;
    LogStoreOptions m_options;
    Statement m_insertEvent;
    Statement m_upsertAggregate;
    Statement m_upsertHourly;
    Statement m_upsertMinuteProxy;
    Statement m_upsertRepositoryMinute;
    Statement m_upsertRepositoryHour;
    Statement m_upsertMismatchMinute;
    Statement m_upsertMismatchHour;
    Statement m_findString;
    Statement m_insertString;
    Statement m_advanceCursor;
    Statement m_readCursor;
    std::unordered_map<std::string, std::int64_t> m_proxyIds;
    // Heterogeneous lookup: the hot path probes with string_views of the
    // events' own strings, allocating only for a string seen the first time.
    struct StringHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    // One cache per kind of column: the few namespaces, methods and user
    // agents stay in a small, cache-hot table instead of sharing buckets with
    // tens of thousands of digests.
    using StringIds = std::unordered_map<std::string, std::int64_t, StringHash, std::equal_to<>>;
    std::array<StringIds, 5> m_stringIds;
};

} // namespace nsgate::store
