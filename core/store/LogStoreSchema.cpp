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

constexpr std::array kMigrations{
    Migration{1, "log store: proxies, events, gaps, aggregates", kSchemaV1},
    Migration{2, "log store: hourly and per-proxy minute rollups", kSchemaV2},
};

} // namespace

const std::string_view kInsertLogEventSql =
    "INSERT INTO events(proxy_id, seq, time_ms, method, object, requested_ns, served_ns, ns, upstream, repository, "
    "reference, digest, media_type, cache, mismatch, decision, status, bytes, duration_ms, client, user_agent, detail) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22) "
    "ON CONFLICT(proxy_id, seq) DO NOTHING";

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

std::span<const Migration> logStoreMigrations()
{
    return kMigrations;
}

} // namespace nsgate::store
