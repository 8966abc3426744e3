#pragma once

// The on-disk shape of the local log store (LogStore): migrations and the two
// hot-path statements. Kept apart so the benchmark can insert the very same
// rows through the raw sqlite3 API as its anchor.

#include "core/store/Migrations.h"

#include <span>
#include <string_view>

namespace nsgate::store {

std::span<const Migration> logStoreMigrations();

// INSERT of one event: ?1 proxy id, ?2 seq, ?3 time_ms, ?4 method, ?5 object,
// ?6 requested_ns, ?7 served_ns, ?8 ns (the namespace key), ?9 upstream,
// ?10 repository, ?11 reference, ?12 digest, ?13 media_type, ?14 cache,
// ?15 mismatch, ?16 decision, ?17 status, ?18 bytes, ?19 duration_ms,
// ?20 client, ?21 user_agent, ?22 detail. A row already stored under
// (proxy, seq) is skipped (changes() == 0); any other constraint still fails.
extern const std::string_view kInsertLogEventSql;

// Adds one batch's counts to an aggregate row: ?1 minute, ?2 proxy id,
// ?3 namespace, then requests, hits, misses, mismatch missing/unmapped/conflict,
// rejected, denied, failed, bytes served, bytes fetched.
extern const std::string_view kUpsertAggregateSql;

// The same counts added to the hourly rollup (?1 hour, ?2 proxy id, ?3
// namespace, then the counters as above) and to the per-proxy minute rollup
// (?1 minute, ?2 proxy id, then the counters).
extern const std::string_view kUpsertHourlySql;
extern const std::string_view kUpsertMinuteProxySql;

// The SELECT list that LogStore::queryEvents decodes, in this order.
inline constexpr std::string_view kLogEventColumns =
    "e.id, p.instance_id, e.seq, e.time_ms, e.method, e.object, e.requested_ns, e.served_ns, e.upstream, "
    "e.repository, e.reference, e.digest, e.media_type, e.cache, e.mismatch, e.decision, e.status, e.bytes, "
    "e.duration_ms, e.client, e.user_agent, e.detail";

} // namespace nsgate::store
