// LogStore's read side: the audit query and the dashboard aggregates.

#include "core/store/LogStore.h"

#include "core/store/LogStoreSchema.h"

#include <string>
#include <variant>
#include <vector>

namespace nsgate::store {

namespace {

std::optional<std::string> optionalText(const Statement& row, int index)
{
    if (row.isNull(index))
        return std::nullopt;
    return std::string(row.columnText(index));
}

// Values bound in order of appearance; text is owned here so the filter
// object may be a temporary.
struct SqlBuilder
{
    std::string where;
    std::vector<std::variant<std::int64_t, std::string>> values;

    void add(std::string_view condition)
    {
        where += where.empty() ? " WHERE " : " AND ";
        where += condition;
    }
    void equal(std::string_view column, const std::optional<std::string>& value)
    {
        if (!value)
            return;
        add(std::string(column) + " = ?");
        values.emplace_back(*value);
    }
    template<class Enum>
    void equalEnum(std::string_view column, const std::optional<Enum>& value)
    {
        if (value)
            equal(column, std::string(model::toString(*value)));
    }
    void bindTo(Statement& s) const
    {
        int index = 0;
        for (const auto& v : values) {
            if (const auto* i = std::get_if<std::int64_t>(&v))
                s.bind(++index, *i);
            else
                s.bind(++index, std::get<std::string>(v));
        }
    }
};

const char* const kCounterSums =
    "sum(requests), sum(hits), sum(misses), sum(mismatch_missing), sum(mismatch_unmapped), sum(mismatch_conflict), "
    "sum(rejected), sum(denied), sum(failed), sum(bytes_served), sum(bytes_fetched)";

Counters readCounters(const Statement& s, int first)
{
    Counters c;
    c.requests = s.columnInt64(first + 0);
    c.hits = s.columnInt64(first + 1);
    c.misses = s.columnInt64(first + 2);
    c.mismatchMissing = s.columnInt64(first + 3);
    c.mismatchUnmapped = s.columnInt64(first + 4);
    c.mismatchConflict = s.columnInt64(first + 5);
    c.rejected = s.columnInt64(first + 6);
    c.denied = s.columnInt64(first + 7);
    c.failed = s.columnInt64(first + 8);
    c.bytesServed = s.columnInt64(first + 9);
    c.bytesFetched = s.columnInt64(first + 10);
    return c;
}

// Whole minutes overlapping [since, until): the aggregates' resolution.
std::pair<std::int64_t, std::int64_t> minuteRange(std::int64_t sinceMs, std::int64_t untilMs)
{
    const std::int64_t first = sinceMs <= 0 ? 0 : sinceMs / 60000;
    const std::int64_t last = untilMs <= 0 ? 0 : (untilMs + 59999) / 60000;   // exclusive
    return {first, last};
}

// Sums over [since, until) from the rollups: whole hours from the hourly
// table, the minutes at either edge from the minute aggregates. The inner
// select yields (namespace, counters...) rows; `select` and `tail` work on them.
Result<Statement> prepareTotalsQuery(Database& db, std::string_view select, std::string_view tail,
                                     std::int64_t sinceMs, std::int64_t untilMs,
                                     const std::optional<std::string>& instanceId)
{
    static constexpr std::string_view kColumns =
        "namespace, requests, hits, misses, mismatch_missing, mismatch_unmapped, mismatch_conflict, rejected, denied, "
        "failed, bytes_served, bytes_fetched";
    static constexpr std::string_view kProxy = " AND (?7 IS NULL OR proxy_id = (SELECT id FROM proxies WHERE "
                                               "instance_id = ?7))";
    const std::string sql =
        std::string("SELECT ") + std::string(select) + " FROM (SELECT " + std::string(kColumns) +
        " FROM aggregates WHERE minute >= ?1 AND minute < ?2" + std::string(kProxy) + " UNION ALL SELECT " +
        std::string(kColumns) + " FROM aggregates_hourly WHERE hour >= ?3 AND hour < ?4" + std::string(kProxy) +
        " UNION ALL SELECT " + std::string(kColumns) + " FROM aggregates WHERE minute >= ?5 AND minute < ?6" +
        std::string(kProxy) + ") a " + std::string(tail);
    auto s = db.prepare(sql);
    if (!s)
        return s.error();
    const auto [first, last] = minuteRange(sinceMs, untilMs);
    const std::int64_t firstHour = (first + 59) / 60;   // first whole hour in range
    const std::int64_t lastHour = last / 60;            // exclusive
    if (firstHour < lastHour)
        s->bind(1, first).bind(2, firstHour * 60).bind(3, firstHour).bind(4, lastHour).bind(5, lastHour * 60).bind(6, last);
    else
        s->bind(1, first).bind(2, last).bind(3, 0).bind(4, 0).bind(5, 0).bind(6, 0);
    s->bind(7, instanceId);
    return s;
}

} // namespace

Status<> LogStore::queryEvents(const EventFilter& f, const EventSink& sink)
{
    SqlBuilder q;
    if (f.sinceMs) {
        q.add("e.time_ms >= ?");
        q.values.emplace_back(*f.sinceMs);
    }
    if (f.untilMs) {
        q.add("e.time_ms < ?");
        q.values.emplace_back(*f.untilMs);
    }
    if (f.instanceId) {
        // Unary + keeps the planner off the (proxy_id, seq) index: walking it
        // would mean sorting all of a proxy's rows by time for one page.
        q.add("+e.proxy_id = (SELECT id FROM proxies WHERE instance_id = ?)");
        q.values.emplace_back(*f.instanceId);
    }
    q.equal("e.ns", f.ns);
    q.equal("e.repository", f.repository);
    q.equal("e.reference", f.reference);
    q.equal("e.digest", f.digest);
    q.equal("e.upstream", f.upstream);
    q.equal("e.client", f.client);
    q.equal("e.user_agent", f.userAgent);
    q.equalEnum("e.cache", f.cache);
    q.equalEnum("e.mismatch", f.mismatch);
    q.equalEnum("e.decision", f.decision);
    const char* const cmp = f.newestFirst ? "<" : ">";
    if (f.after) {
        q.add(std::string("(e.time_ms ") + cmp + " ? OR (e.time_ms = ? AND e.id " + cmp + " ?))");
        q.values.emplace_back(f.after->timeMs);
        q.values.emplace_back(f.after->timeMs);
        q.values.emplace_back(f.after->rowId);
    }
    std::string sql = "SELECT " + std::string(kLogEventColumns) + " FROM events e JOIN proxies p ON p.id = e.proxy_id" +
                      q.where + (f.newestFirst ? " ORDER BY e.time_ms DESC, e.id DESC" : " ORDER BY e.time_ms, e.id");
    if (f.limit > 0)
        sql += " LIMIT " + std::to_string(f.limit);
    auto s = m_db.prepare(sql);
    if (!s)
        return s.error();
    q.bindTo(*s);

    StoredEvent out;
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        out.rowId = s->columnInt64(0);
        out.instanceId = std::string(s->columnText(1));
        model::Event& e = out.event;
        e.seq = s->columnInt64(2);
        e.timeMs = s->columnInt64(3);
        e.method = std::string(s->columnText(4));
        std::string problem;
        const auto decode = [&](int column, std::string_view name, auto& field, auto parse) {
            const std::string_view text = s->columnText(column);
            if (auto parsed = parse(text))
                field = *parsed;
            else if (problem.empty())
                problem = "stored event " + std::to_string(e.seq) + ": " + std::string(name) + " \"" +
                          std::string(text.substr(0, 32)) + "\" is not a known value";
        };
        decode(5, "object", e.object, model::objectKindFromString);
        e.requestedNs = optionalText(*s, 6);
        e.servedNs = optionalText(*s, 7);
        e.upstream = optionalText(*s, 8);
        e.repository = std::string(s->columnText(9));
        e.reference = std::string(s->columnText(10));
        e.digest = optionalText(*s, 11);
        e.mediaType = optionalText(*s, 12);
        decode(13, "cache", e.cache, model::cacheResultFromString);
        decode(14, "mismatch", e.mismatch, model::mismatchFromString);
        decode(15, "decision", e.decision, model::decisionFromString);
        e.status = static_cast<int>(s->columnInt64(16));
        e.bytes = s->columnInt64(17);
        e.durationMs = s->columnDouble(18);
        e.client = std::string(s->columnText(19));
        e.userAgent = std::string(s->columnText(20));
        e.detail = optionalText(*s, 21);
        if (!problem.empty())
            return makeError("logstore.corrupt", problem);
        if (!sink(out))
            return {};
    }
}

Result<Counters> LogStore::totals(std::int64_t sinceMs, std::int64_t untilMs,
                                  const std::optional<std::string>& instanceId)
{
    auto s = prepareTotalsQuery(m_db, kCounterSums, "", sinceMs, untilMs, instanceId);
    if (!s)
        return s.error();
    auto row = s->step();
    if (!row)
        return row.error();
    return *row ? readCounters(*s, 0) : Counters{};
}

Result<std::vector<NamespaceCounters>> LogStore::totalsByNamespace(std::int64_t sinceMs, std::int64_t untilMs,
                                                                   const std::optional<std::string>& instanceId)
{
    auto s = prepareTotalsQuery(m_db, std::string("a.namespace, ") + kCounterSums,
                                "GROUP BY a.namespace ORDER BY sum(requests) DESC, a.namespace", sinceMs, untilMs,
                                instanceId);
    if (!s)
        return s.error();
    return s->collect<NamespaceCounters>(
        [](const Statement& r) { return NamespaceCounters{std::string(r.columnText(0)), readCounters(r, 1)}; });
}

Result<std::vector<MinutePoint>> LogStore::series(std::int64_t sinceMs, std::int64_t untilMs,
                                                  const std::optional<std::string>& instanceId)
{
    // One row per (minute, proxy): the per-proxy minute rollup.
    auto s = m_db.prepare(std::string("SELECT a.minute, ") + kCounterSums +
                          " FROM aggregates_minute_proxy a WHERE a.minute >= ?1 AND a.minute < ?2 AND (?3 IS NULL OR "
                          "a.proxy_id = (SELECT id FROM proxies WHERE instance_id = ?3)) "
                          "GROUP BY a.minute ORDER BY a.minute");
    if (!s)
        return s.error();
    const auto [first, last] = minuteRange(sinceMs, untilMs);
    s->bind(1, first).bind(2, last).bind(3, instanceId);
    return s->collect<MinutePoint>(
        [](const Statement& r) { return MinutePoint{r.columnInt64(0) * 60000, readCounters(r, 1)}; });
}

Result<std::vector<RepositoryCount>> LogStore::topRepositories(std::int64_t sinceMs, std::int64_t untilMs,
                                                               std::size_t limit)
{
    auto s = m_db.prepare("SELECT ns, repository, count(*), sum(cache = 'hit'), sum(cache = 'miss') FROM events "
                          "WHERE time_ms >= ?1 AND time_ms < ?2 GROUP BY ns, repository "
                          "ORDER BY count(*) DESC, ns, repository LIMIT ?3");
    if (!s)
        return s.error();
    s->bind(1, sinceMs).bind(2, untilMs).bind(3, limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));
    return s->collect<RepositoryCount>([](const Statement& r) {
        return RepositoryCount{std::string(r.columnText(0)), std::string(r.columnText(1)), r.columnInt64(2),
                               r.columnInt64(3), r.columnInt64(4)};
    });
}

Result<std::vector<MismatchSource>> LogStore::topMismatchSources(std::int64_t sinceMs, std::int64_t untilMs,
                                                                 std::size_t limit)
{
    auto s = m_db.prepare("SELECT mismatch, CASE mismatch WHEN 'unmapped' THEN coalesce(requested_ns, '') ELSE client "
                          "END AS source, count(*), max(time_ms) FROM events "
                          "WHERE time_ms >= ?1 AND time_ms < ?2 AND mismatch <> 'none' GROUP BY mismatch, source "
                          "ORDER BY count(*) DESC, mismatch, source LIMIT ?3");
    if (!s)
        return s.error();
    s->bind(1, sinceMs).bind(2, untilMs).bind(3, limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));
    std::vector<MismatchSource> out;
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return out;
        const auto kind = model::mismatchFromString(s->columnText(0));
        if (!kind)
            return makeError("logstore.corrupt",
                             "stored mismatch \"" + std::string(s->columnText(0).substr(0, 32)) + "\" is not a known value");
        out.push_back({*kind, std::string(s->columnText(1)), s->columnInt64(2), s->columnInt64(3)});
    }
}

Result<std::vector<DigestServer>> LogStore::whoServedDigest(std::string_view digest)
{
    auto s = m_db.prepare("SELECT upstream, min(time_ms), max(time_ms), count(*) FROM events WHERE digest = ?1 "
                          "AND decision = 'served' GROUP BY upstream ORDER BY count(*) DESC, upstream");
    if (!s)
        return s.error();
    s->bindAll(digest);
    return s->collect<DigestServer>([](const Statement& r) {
        return DigestServer{optionalText(r, 0), r.columnInt64(1), r.columnInt64(2), r.columnInt64(3)};
    });
}

} // namespace nsgate::store
