#include "core/proxy/EventTable.h"

#include "core/store/Statement.h"

#include <array>
#include <optional>
#include <string>

namespace nsgate::proxy {

namespace {

// No secondary indexes: the proxy reads its log only by seq (the rowid) and
// prunes from the front, and every index would be paid for on each insert of
// the serving path's events. The console filters its own copy of the log.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE events(
  seq          INTEGER PRIMARY KEY,
  time_ms      INTEGER NOT NULL,
  method       TEXT NOT NULL,
  object       TEXT NOT NULL,
  requested_ns TEXT,
  served_ns    TEXT,
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
  detail       TEXT
);
-- last_seq is the highest seq ever assigned. It outlives the rows it numbered,
-- so a log pruned to nothing and reopened still never hands out a seq twice.
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES('last_seq', 0);
-- Running totals of the retained rows per totals key, kept by the writer in the
-- same transactions that insert and prune rows, so /stats reads a few rows
-- instead of scanning the log.
CREATE TABLE totals(
  namespace         TEXT PRIMARY KEY,
  requests          INTEGER NOT NULL,
  hits              INTEGER NOT NULL,
  misses            INTEGER NOT NULL,
  cache_none        INTEGER NOT NULL,
  mismatch_none     INTEGER NOT NULL,
  mismatch_missing  INTEGER NOT NULL,
  mismatch_unmapped INTEGER NOT NULL,
  mismatch_conflict INTEGER NOT NULL,
  served            INTEGER NOT NULL,
  rejected          INTEGER NOT NULL,
  denied            INTEGER NOT NULL,
  failed            INTEGER NOT NULL,
  bytes             INTEGER NOT NULL,
  miss_bytes        INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

constexpr std::array kMigrations{
    store::Migration{1, "event log: events, meta and totals", kSchemaV1},
};

void bindText(store::Statement& s, int index, const std::optional<std::string>& value)
{
    if (value)
        s.bindNoCopy(index, *value);
    else
        s.bind(index, nullptr);
}

std::optional<std::string> optionalText(const store::Statement& row, int index)
{
    if (row.isNull(index))
        return std::nullopt;
    return std::string(row.columnText(index));
}

} // namespace

const std::string_view kInsertEventSql =
    "INSERT INTO events(seq, time_ms, method, object, requested_ns, served_ns, upstream, repository, "
    "reference, digest, media_type, cache, mismatch, decision, status, bytes, duration_ms, client, "
    "user_agent, detail) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";

std::span<const store::Migration> eventLogMigrations()
{
    return kMigrations;
}

void bindEventRow(store::Statement& s, const model::Event& e)
{
    // The enum strings are literals with static storage, so they need no copy either.
    s.bind(1, e.seq).bind(2, e.timeMs).bindNoCopy(3, e.method).bindNoCopy(4, model::toString(e.object));
    bindText(s, 5, e.requestedNs);
    bindText(s, 6, e.servedNs);
    bindText(s, 7, e.upstream);
    s.bindNoCopy(8, e.repository).bindNoCopy(9, e.reference);
    bindText(s, 10, e.digest);
    bindText(s, 11, e.mediaType);
    s.bindNoCopy(12, model::toString(e.cache))
        .bindNoCopy(13, model::toString(e.mismatch))
        .bindNoCopy(14, model::toString(e.decision))
        .bind(15, e.status)
        .bind(16, e.bytes)
        .bind(17, e.durationMs)
        .bindNoCopy(18, e.client)
        .bindNoCopy(19, e.userAgent);
    bindText(s, 20, e.detail);
}

Result<model::Event> readEventRow(const store::Statement& row, int first)
{
    model::Event e;
    e.seq = row.columnInt64(first + 0);
    std::string problem;
    const auto enumColumn = [&](int offset, std::string_view column, auto& out, auto parse) {
        const std::string_view text = row.columnText(first + offset);
        if (auto parsed = parse(text))
            out = *parsed;
        else if (problem.empty())
            problem = "event " + std::to_string(e.seq) + ": column " + std::string(column) +
                      " holds unknown value \"" + std::string(text.substr(0, 64)) + "\"";
    };
    e.timeMs = row.columnInt64(first + 1);
    e.method = std::string(row.columnText(first + 2));
    enumColumn(3, "object", e.object, model::objectKindFromString);
    e.requestedNs = optionalText(row, first + 4);
    e.servedNs = optionalText(row, first + 5);
    e.upstream = optionalText(row, first + 6);
    e.repository = std::string(row.columnText(first + 7));
    e.reference = std::string(row.columnText(first + 8));
    e.digest = optionalText(row, first + 9);
    e.mediaType = optionalText(row, first + 10);
    enumColumn(11, "cache", e.cache, model::cacheResultFromString);
    enumColumn(12, "mismatch", e.mismatch, model::mismatchFromString);
    enumColumn(13, "decision", e.decision, model::decisionFromString);
    e.status = static_cast<int>(row.columnInt64(first + 14));
    e.bytes = row.columnInt64(first + 15);
    e.durationMs = row.columnDouble(first + 16);
    e.client = std::string(row.columnText(first + 17));
    e.userAgent = std::string(row.columnText(first + 18));
    e.detail = optionalText(row, first + 19);
    if (!problem.empty())
        return makeError("eventlog.corrupt", problem);
    return e;
}

std::string_view totalsKey(const model::Event& e)
{
    return e.servedNs ? std::string_view(*e.servedNs) : std::string_view();
}

} // namespace nsgate::proxy
