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

Result<Statement> prepareAggregateQuery(Database& db, std::string_view select, std::string_view tail,
                                        std::int64_t sinceMs, std::int64_t untilMs,
                                        const std::optional<std::string>& instanceId)
{
    const std::string sql = std::string("SELECT ") + std::string(select) +
                            " FROM aggregates a WHERE a.minute >= ?1 AND a.minute < ?2 AND (?3 IS NULL OR "
                            "a.proxy_id = (SELECT id FROM proxies WHERE instance_id = ?3)) " +
                            std::string(tail);
    auto s = db.prepare(sql);
    if (!s)
        return s.error();
    const auto [first, last] = minuteRange(sinceMs, untilMs);
    s->bind(1, first).bind(2, last).bind(3, instanceId);
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
    auto s = prepareAggregateQuery(m_db, kCounterSums, "", sinceMs, untilMs, instanceId);
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
    auto s = prepareAggregateQuery(m_db, std::string("a.namespace, ") + kCounterSums,
                                   "GROUP BY a.namespace ORDER BY sum(requests) DESC, a.namespace", sinceMs, untilMs,
                                   instanceId);
    if (!s)
        return s.error();
    std::vector<NamespaceCounters> out;
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return out;
        out.push_back({std::string(s->columnText(0)), readCounters(*s, 1)});
    }
}

Result<std::vector<MinutePoint>> LogStore::series(std::int64_t sinceMs, std::int64_t untilMs,
                                                  const std::optional<std::string>& instanceId)
{
    auto s = prepareAggregateQuery(m_db, std::string("a.minute, ") + kCounterSums,
                                   "GROUP BY a.minute ORDER BY a.minute", sinceMs, untilMs, instanceId);
    if (!s)
        return s.error();
    std::vector<MinutePoint> out;
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return out;
        out.push_back({s->columnInt64(0) * 60000, readCounters(*s, 1)});
    }
}

} // namespace nsgate::store
