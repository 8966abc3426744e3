#pragma once

// The on-disk shape of the local log store (LogStore): migrations, the
// hot-path statements and the constants of the event id. Kept apart so tests
// and the benchmark can reach the schema through the raw sqlite3 API.

#include "core/store/Migrations.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace nsgate::store {

std::span<const Migration> logStoreMigrations();

// INSERT of one event (schema 3): ?1 id (proxy id << 44 | seq), ?2 time_ms,
// ?3 method id, ?4 object, ?5 requested_ns id, ?6 served_ns id, ?7 ns id (the
// namespace key), ?8 upstream id, ?9 repository id, ?10 reference id,
// ?11 digest id, ?12 media_type id, ?13 cache, ?14 mismatch, ?15 decision,
// ?16 status, ?17 bytes, ?18 duration_ms, ?19 client id, ?20 user_agent id,
// ?21 detail. Ids are strings.id; enumerations their model values. A row
// already stored under the id is skipped (changes() == 0); any other
// constraint still fails.
extern const std::string_view kInsertLogEventSql;

// Bits of the event id below the proxy id: seqs must be in 1 .. 2^44 - 1
// (17.6 trillion) and proxy ids below 2^19.
inline constexpr int kEventSeqBits = 44;
inline constexpr std::int64_t kMaxEventSeq = (std::int64_t{1} << kEventSeqBits) - 1;
inline constexpr std::int64_t kMaxProxyId = (std::int64_t{1} << (63 - kEventSeqBits)) - 1;
// strings.id of '' (inserted first by migration 3).
inline constexpr std::int64_t kEmptyStringId = 1;

// Adds one batch's counts to an aggregate row: ?1 minute, ?2 proxy id,
// ?3 namespace, then requests, hits, misses, mismatch missing/unmapped/conflict,
// rejected, denied, failed, bytes served, bytes fetched.
extern const std::string_view kUpsertAggregateSql;

// The same counts added to the hourly rollup (?1 hour, ?2 proxy id, ?3
// namespace, then the counters as above) and to the per-proxy minute rollup
// (?1 minute, ?2 proxy id, then the counters).
extern const std::string_view kUpsertHourlySql;
extern const std::string_view kUpsertMinuteProxySql;

// Top-list rollups, per minute and per hour: ?1 minute or hour, ?2 ns id,
// ?3 repository id, ?4 requests, ?5 hits, ?6 misses; and ?1 minute or hour,
// ?2 mismatch kind, ?3 source id, ?4 count, ?5 last time.
extern const std::string_view kUpsertRepositoryMinuteSql;
extern const std::string_view kUpsertRepositoryHourSql;
extern const std::string_view kUpsertMismatchMinuteSql;
extern const std::string_view kUpsertMismatchHourSql;

// The SELECT list that LogStore::queryEvents decodes, in this order, from
// `events e`. Strings are looked up per output row (scalar subqueries on
// strings.id), so a page of 100 costs 100 x 10 primary-key probes and the
// planner keeps `events` as the only table to choose an index for.
#define NSGATE_STRING_OF(column) "(SELECT text FROM strings WHERE id = e." column ")"
inline constexpr std::string_view kLogEventColumns =
    "e.id, (SELECT instance_id FROM proxies WHERE id = e.id >> 44), e.seq, e.time_ms, " NSGATE_STRING_OF("method_id")
    ", e.object, " NSGATE_STRING_OF("requested_ns_id") ", " NSGATE_STRING_OF("served_ns_id") ", "
    NSGATE_STRING_OF("upstream_id") ", " NSGATE_STRING_OF("repository_id") ", " NSGATE_STRING_OF("reference_id")
    ", " NSGATE_STRING_OF("digest_id") ", " NSGATE_STRING_OF("media_type_id") ", e.cache, e.mismatch, e.decision, "
    "e.status, e.bytes, e.duration_ms, " NSGATE_STRING_OF("client_id") ", " NSGATE_STRING_OF("user_agent_id")
    ", e.detail";
#undef NSGATE_STRING_OF

} // namespace nsgate::store
