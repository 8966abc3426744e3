#include "core/store/LogStoreSchema.h"

#include <array>

namespace nsgate::store {

namespace {

// events: a rowid table (id) so rows append at the end of the main b-tree and
// the audit view can page by (time_ms, id) through any time-ordered index;
// (proxy_id, seq) is the identity that makes a replay a no-op. Enumerations
// keep their contract strings, as in the proxy's own log, so ad-hoc SQL reads
// naturally. `ns` duplicates served_ns/requested_ns as the one namespace key
// the filters, indexes and aggregates share.
//
// Indexes are exactly the audit filters that must answer in milliseconds on
// 10 M rows (time window, namespace, repository, digest); every further index
// costs each insert. Filters on other columns ride on the time index.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE proxies(
  id          INTEGER PRIMARY KEY,
  instance_id TEXT NOT NULL UNIQUE CHECK(instance_id <> ''),
  name        TEXT NOT NULL DEFAULT '',
  url         TEXT NOT NULL DEFAULT '',
  cursor      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE events(
  id           INTEGER PRIMARY KEY,
  proxy_id     INTEGER NOT NULL,   -- proxies.id; no REFERENCES: a per-row check on the hot path
  seq          INTEGER NOT NULL CHECK(seq > 0),
  time_ms      INTEGER NOT NULL CHECK(time_ms >= 0),
  method       TEXT NOT NULL,
  object       TEXT NOT NULL,
  requested_ns TEXT,
  served_ns    TEXT,
  ns           TEXT NOT NULL,
  upstream     TEXT,
  repository   TEXT NOT NULL,
  reference    TEXT NOT NULL,
  digest       TEXT,
  media_type   TEXT,
  cache        TEXT NOT NULL,
  mismatch     TEXT NOT NULL,
  decision     TEXT NOT NULL,
  status       INTEGER NOT NULL,
  bytes        INTEGER NOT NULL,
  duration_ms  REAL NOT NULL,
  client       TEXT NOT NULL,
  user_agent   TEXT NOT NULL,
  detail       TEXT,
  UNIQUE(proxy_id, seq)
);
CREATE INDEX events_time ON events(time_ms);
CREATE INDEX events_ns_time ON events(ns, time_ms);
CREATE INDEX events_repository_time ON events(repository, time_ms);
CREATE INDEX events_digest ON events(digest) WHERE digest IS NOT NULL;
CREATE TABLE gaps(
  proxy_id       INTEGER NOT NULL REFERENCES proxies(id),
  from_seq       INTEGER NOT NULL,
  to_seq         INTEGER NOT NULL,
  recorded_at_ms INTEGER NOT NULL,
  PRIMARY KEY(proxy_id, from_seq, to_seq)
) WITHOUT ROWID;
-- minute = time_ms / 60000. Keyed minute first: every dashboard read is a
-- minute range, fleet-wide or for one proxy.
CREATE TABLE aggregates(
  minute            INTEGER NOT NULL,
  proxy_id          INTEGER NOT NULL REFERENCES proxies(id),
  namespace         TEXT NOT NULL,
  requests          INTEGER NOT NULL,
  hits              INTEGER NOT NULL,
  misses            INTEGER NOT NULL,
  mismatch_missing  INTEGER NOT NULL,
  mismatch_unmapped INTEGER NOT NULL,
  mismatch_conflict INTEGER NOT NULL,
  rejected          INTEGER NOT NULL,
  denied            INTEGER NOT NULL,
  failed            INTEGER NOT NULL,
  bytes_served      INTEGER NOT NULL,
  bytes_fetched     INTEGER NOT NULL,
  PRIMARY KEY(minute, proxy_id, namespace)
) WITHOUT ROWID;
-- event_rows: the number of rows in events, kept in the same transactions that
-- insert and delete them (retention by count must not COUNT(*) 10 M rows).
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES('event_rows', 0);
)sql";

// Rollups of the minute aggregates, kept by the same ingest transaction, so a
// week's dashboard reads at most 168 hourly rows (plus edge minutes) per
// (proxy, namespace) and a week's per-minute chart reads one row per (minute,
// proxy) instead of one per (minute, proxy, namespace). Backfilled from the
// minute aggregates of a store created before them.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE aggregates_hourly(
  hour              INTEGER NOT NULL,   -- time_ms / 3600000
  proxy_id          INTEGER NOT NULL REFERENCES proxies(id),
  namespace         TEXT NOT NULL,
  requests          INTEGER NOT NULL,
  hits              INTEGER NOT NULL,
  misses            INTEGER NOT NULL,
  mismatch_missing  INTEGER NOT NULL,
  mismatch_unmapped INTEGER NOT NULL,
  mismatch_conflict INTEGER NOT NULL,
  rejected          INTEGER NOT NULL,
  denied            INTEGER NOT NULL,
  failed            INTEGER NOT NULL,
  bytes_served      INTEGER NOT NULL,
  bytes_fetched     INTEGER NOT NULL,
  PRIMARY KEY(hour, proxy_id, namespace)
) WITHOUT ROWID;
CREATE TABLE aggregates_minute_proxy(
  minute            INTEGER NOT NULL,
  proxy_id          INTEGER NOT NULL REFERENCES proxies(id),
  requests          INTEGER NOT NULL,
  hits              INTEGER NOT NULL,
  misses            INTEGER NOT NULL,
  mismatch_missing  INTEGER NOT NULL,
  mismatch_unmapped INTEGER NOT NULL,
  mismatch_conflict INTEGER NOT NULL,
  rejected          INTEGER NOT NULL,
  denied            INTEGER NOT NULL,
  failed            INTEGER NOT NULL,
  bytes_served      INTEGER NOT NULL,
  bytes_fetched     INTEGER NOT NULL,
  PRIMARY KEY(minute, proxy_id)
) WITHOUT ROWID;
INSERT INTO aggregates_hourly
  SELECT minute / 60, proxy_id, namespace, sum(requests), sum(hits), sum(misses), sum(mismatch_missing),
         sum(mismatch_unmapped), sum(mismatch_conflict), sum(rejected), sum(denied), sum(failed), sum(bytes_served),
         sum(bytes_fetched)
  FROM aggregates GROUP BY minute / 60, proxy_id, namespace;
INSERT INTO aggregates_minute_proxy
  SELECT minute, proxy_id, sum(requests), sum(hits), sum(misses), sum(mismatch_missing), sum(mismatch_unmapped),
         sum(mismatch_conflict), sum(rejected), sum(denied), sum(failed), sum(bytes_served), sum(bytes_fetched)
  FROM aggregates GROUP BY minute, proxy_id;
)sql";

// Schema 3: the events table reshaped for ingest speed at tens of millions
// of rows, and rollups for the top lists.
//
// - The rowid IS the identity: id = proxy_id << 44 | seq. A replay conflicts
//   on the primary key itself, so the separate UNIQUE(proxy_id, seq) b-tree
//   (one more index write per event) is gone; each proxy's rows still append
//   at the end of its own id range. proxy_id and seq remain readable as
//   virtual columns. Ids are also the audit view's tie-breaker within a
//   millisecond (time_ms, id): unique and stable.
// - Strings are interned: every repeating text column holds an id into
//   `strings`, so rows and index entries are a few bytes of integers instead
//   of 70-byte digests and 40-byte user agents; string id 1 is ''. `detail`
//   (free text, mostly null) stays inline.
// - Enumerations are small integers, the model's enum values (pinned by
//   static_asserts in LogStore.cpp): object 0 manifest 1 blob 2 tags
//   3 referrers; cache 0 hit 1 miss 2 none; mismatch 0 none 1 missing
//   2 unmapped 3 conflict; decision 0 served 1 rejected 2 denied 3 failed.
// - The digest index is keyed by hour first: (time_ms / 3600000, digest_id,
//   time_ms). Digests are random, so an index keyed by digest takes every
//   insert on a different page: at 10 M rows a batch of 4096 dirtied ~4000
//   pages (16 MB of WAL per batch). Hour first, a batch's inserts land in the
//   current hour's few hundred pages. A lookup pays one seek per stored hour
//   (LogStore walks them newest first and stops at a full page).
// - repository_minutes/_hours and mismatch_minutes/_hours count what the top
//   lists count, kept by the ingest transaction like the aggregates, so a
//   day's top list reads ~1 440 small rows instead of a day of events.
//
// The conversion runs once on open of an older store (minutes per 10 M
// events); a new store runs it on an empty table.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE strings(
  id   INTEGER PRIMARY KEY,
  text TEXT NOT NULL UNIQUE
);
INSERT INTO strings(id, text) VALUES(1, '');
INSERT OR IGNORE INTO strings(text)
  SELECT v FROM (SELECT method AS v FROM events UNION SELECT requested_ns FROM events UNION SELECT served_ns FROM events
                 UNION SELECT ns FROM events UNION SELECT upstream FROM events UNION SELECT repository FROM events
                 UNION SELECT reference FROM events UNION SELECT digest FROM events
                 UNION SELECT media_type FROM events UNION SELECT client FROM events
                 UNION SELECT user_agent FROM events)
  WHERE v IS NOT NULL;
CREATE TABLE events_v3(
  id              INTEGER PRIMARY KEY,   -- proxy_id << 44 | seq
  time_ms         INTEGER NOT NULL CHECK(time_ms >= 0),
  method_id       INTEGER NOT NULL,      -- strings.id, as every *_id column
  object          INTEGER NOT NULL,
  requested_ns_id INTEGER,
  served_ns_id    INTEGER,
  ns_id           INTEGER NOT NULL,      -- the namespace key
  upstream_id     INTEGER,
  repository_id   INTEGER NOT NULL,
  reference_id    INTEGER NOT NULL,
  digest_id       INTEGER,
  media_type_id   INTEGER,
  cache           INTEGER NOT NULL,
  mismatch        INTEGER NOT NULL,
  decision        INTEGER NOT NULL,
  status          INTEGER NOT NULL,
  bytes           INTEGER NOT NULL,
  duration_ms     REAL NOT NULL,
  client_id       INTEGER NOT NULL,
  user_agent_id   INTEGER NOT NULL,
  detail          TEXT,
  proxy_id        INTEGER GENERATED ALWAYS AS (id >> 44) VIRTUAL,
  seq             INTEGER GENERATED ALWAYS AS (id & 17592186044415) VIRTUAL
);
INSERT INTO events_v3(id, time_ms, method_id, object, requested_ns_id, served_ns_id, ns_id, upstream_id,
                      repository_id, reference_id, digest_id, media_type_id, cache, mismatch, decision, status, bytes,
                      duration_ms, client_id, user_agent_id, detail)
  SELECT (e.proxy_id << 44) | e.seq, e.time_ms,
         (SELECT id FROM strings WHERE text = e.method),
         CASE e.object WHEN 'manifest' THEN 0 WHEN 'blob' THEN 1 WHEN 'tags' THEN 2 WHEN 'referrers' THEN 3 END,
         (SELECT id FROM strings WHERE text = e.requested_ns), (SELECT id FROM strings WHERE text = e.served_ns),
         (SELECT id FROM strings WHERE text = e.ns), (SELECT id FROM strings WHERE text = e.upstream),
         (SELECT id FROM strings WHERE text = e.repository), (SELECT id FROM strings WHERE text = e.reference),
         (SELECT id FROM strings WHERE text = e.digest), (SELECT id FROM strings WHERE text = e.media_type),
         CASE e.cache WHEN 'hit' THEN 0 WHEN 'miss' THEN 1 WHEN 'none' THEN 2 END,
         CASE e.mismatch WHEN 'none' THEN 0 WHEN 'missing' THEN 1 WHEN 'unmapped' THEN 2 WHEN 'conflict' THEN 3 END,
         CASE e.decision WHEN 'served' THEN 0 WHEN 'rejected' THEN 1 WHEN 'denied' THEN 2 WHEN 'failed' THEN 3 END,
         e.status, e.bytes, e.duration_ms,
         (SELECT id FROM strings WHERE text = e.client), (SELECT id FROM strings WHERE text = e.user_agent), e.detail
  FROM events e ORDER BY e.proxy_id, e.seq;
DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
CREATE INDEX events_time ON events(time_ms);
CREATE INDEX events_ns_time ON events(ns_id, time_ms);
CREATE INDEX events_repository_time ON events(repository_id, time_ms);
CREATE INDEX events_hour_digest ON events(time_ms / 3600000, digest_id, time_ms) WHERE digest_id IS NOT NULL;
-- Top-list rollups: minute = time_ms / 60000, hour = time_ms / 3600000.
CREATE TABLE repository_minutes(
  minute        INTEGER NOT NULL,
  ns_id         INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  requests      INTEGER NOT NULL,
  hits          INTEGER NOT NULL,
  misses        INTEGER NOT NULL,
  PRIMARY KEY(minute, ns_id, repository_id)
) WITHOUT ROWID;
CREATE TABLE repository_hours(
  hour          INTEGER NOT NULL,
  ns_id         INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  requests      INTEGER NOT NULL,
  hits          INTEGER NOT NULL,
  misses        INTEGER NOT NULL,
  PRIMARY KEY(hour, ns_id, repository_id)
) WITHOUT ROWID;
-- source_id: the client for missing and conflict, the namespace asked for
-- (1 = '' when none) for unmapped.
CREATE TABLE mismatch_minutes(
  minute    INTEGER NOT NULL,
  kind      INTEGER NOT NULL,
  source_id INTEGER NOT NULL,
  count     INTEGER NOT NULL,
  last_ms   INTEGER NOT NULL,
  PRIMARY KEY(minute, kind, source_id)
) WITHOUT ROWID;
CREATE TABLE mismatch_hours(
  hour      INTEGER NOT NULL,
  kind      INTEGER NOT NULL,
  source_id INTEGER NOT NULL,
  count     INTEGER NOT NULL,
  last_ms   INTEGER NOT NULL,
  PRIMARY KEY(hour, kind, source_id)
) WITHOUT ROWID;
INSERT INTO repository_minutes
  SELECT time_ms / 60000, ns_id, repository_id, count(*), sum(cache = 0), sum(cache = 1)
  FROM events GROUP BY 1, 2, 3;
INSERT INTO repository_hours
  SELECT minute / 60, ns_id, repository_id, sum(requests), sum(hits), sum(misses)
  FROM repository_minutes GROUP BY 1, 2, 3;
INSERT INTO mismatch_minutes
  SELECT time_ms / 60000, mismatch, CASE mismatch WHEN 2 THEN coalesce(requested_ns_id, 1) ELSE client_id END,
         count(*), max(time_ms)
  FROM events WHERE mismatch <> 0 GROUP BY 1, 2, 3;
INSERT INTO mismatch_hours
  SELECT minute / 60, kind, source_id, sum(count), max(last_ms) FROM mismatch_minutes GROUP BY 1, 2, 3;
)sql";

constexpr std::array kMigrations{
    Migration{1, "log store: proxies, events, gaps, aggregates", kSchemaV1},
    Migration{2, "log store: hourly and per-proxy minute rollups", kSchemaV2},
    Migration{3, "log store: interned strings, (proxy, seq) as rowid, top-list rollups", kSchemaV3},
};

} // namespace

const std::string_view kInsertLogEventSql =
    "INSERT INTO events(id, time_ms, method_id, object, requested_ns_id, served_ns_id, ns_id, upstream_id, "
    "repository_id, reference_id, digest_id, media_type_id, cache, mismatch, decision, status, bytes, duration_ms, "
    "client_id, user_agent_id, detail) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21) "
    "ON CONFLICT(id) DO NOTHING";

const std::string_view kUpsertAggregateSql =
    "INSERT INTO aggregates(minute, proxy_id, namespace, requests, hits, misses, mismatch_missing, mismatch_unmapped, "
    "mismatch_conflict, rejected, denied, failed, bytes_served, bytes_fetched) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "ON CONFLICT(minute, proxy_id, namespace) DO UPDATE SET "
    "requests = requests + excluded.requests, hits = hits + excluded.hits, misses = misses + excluded.misses, "
    "mismatch_missing = mismatch_missing + excluded.mismatch_missing, "
    "mismatch_unmapped = mismatch_unmapped + excluded.mismatch_unmapped, "
    "mismatch_conflict = mismatch_conflict + excluded.mismatch_conflict, "
    "rejected = rejected + excluded.rejected, denied = denied + excluded.denied, failed = failed + excluded.failed, "
    "bytes_served = bytes_served + excluded.bytes_served, bytes_fetched = bytes_fetched + excluded.bytes_fetched";

#define NSGATE_ROLLUP_SET                                                                                          \
    "requests = requests + excluded.requests, hits = hits + excluded.hits, misses = misses + excluded.misses, "       \
    "mismatch_missing = mismatch_missing + excluded.mismatch_missing, "                                               \
    "mismatch_unmapped = mismatch_unmapped + excluded.mismatch_unmapped, "                                            \
    "mismatch_conflict = mismatch_conflict + excluded.mismatch_conflict, "                                            \
    "rejected = rejected + excluded.rejected, denied = denied + excluded.denied, failed = failed + excluded.failed, " \
    "bytes_served = bytes_served + excluded.bytes_served, bytes_fetched = bytes_fetched + excluded.bytes_fetched"

const std::string_view kUpsertHourlySql =
    "INSERT INTO aggregates_hourly(hour, proxy_id, namespace, requests, hits, misses, mismatch_missing, "
    "mismatch_unmapped, mismatch_conflict, rejected, denied, failed, bytes_served, bytes_fetched) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "ON CONFLICT(hour, proxy_id, namespace) DO UPDATE SET " NSGATE_ROLLUP_SET;

const std::string_view kUpsertMinuteProxySql =
    "INSERT INTO aggregates_minute_proxy(minute, proxy_id, requests, hits, misses, mismatch_missing, "
    "mismatch_unmapped, mismatch_conflict, rejected, denied, failed, bytes_served, bytes_fetched) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
    "ON CONFLICT(minute, proxy_id) DO UPDATE SET " NSGATE_ROLLUP_SET;

#undef NSGATE_ROLLUP_SET

const std::string_view kUpsertRepositoryMinuteSql =
    "INSERT INTO repository_minutes(minute, ns_id, repository_id, requests, hits, misses) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(minute, ns_id, repository_id) DO UPDATE SET "
    "requests = requests + excluded.requests, hits = hits + excluded.hits, misses = misses + excluded.misses";

const std::string_view kUpsertRepositoryHourSql =
    "INSERT INTO repository_hours(hour, ns_id, repository_id, requests, hits, misses) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(hour, ns_id, repository_id) DO UPDATE SET "
    "requests = requests + excluded.requests, hits = hits + excluded.hits, misses = misses + excluded.misses";

const std::string_view kUpsertMismatchMinuteSql =
    "INSERT INTO mismatch_minutes(minute, kind, source_id, count, last_ms) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(minute, kind, source_id) DO UPDATE SET count = count + excluded.count, "
    "last_ms = max(last_ms, excluded.last_ms)";

const std::string_view kUpsertMismatchHourSql =
    "INSERT INTO mismatch_hours(hour, kind, source_id, count, last_ms) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(hour, kind, source_id) DO UPDATE SET count = count + excluded.count, "
    "last_ms = max(last_ms, excluded.last_ms)";

std::span<const Migration> logStoreMigrations()
{
    return kMigrations;
}

} // namespace nsgate::store
