// LogStore's read side: the audit query and the dashboard aggregates.

#include "core/store/LogStore.h"

#include "core/store/LogStoreSchema.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <type_traits>
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

// The hours (time_ms / 3600000) that may hold events matching `f`: the stored
// events' first and last hour, narrowed by the filter's window and paging key.
struct HourRange
{
    std::int64_t first = 0;
    std::int64_t last = 0;   // inclusive
};

Result<std::optional<HourRange>> storedHours(Database& db, const EventFilter& f)
{
    auto s = db.prepare("SELECT (SELECT min(time_ms) FROM events), (SELECT max(time_ms) FROM events)");
    if (!s)
        return s.error();
    auto row = s->step();
    if (!row)
        return row.error();
    if (!*row || s->isNull(0))
        return std::optional<HourRange>();
    std::int64_t first = s->columnInt64(0), last = s->columnInt64(1);
    if (f.sinceMs)
        first = std::max(first, *f.sinceMs);
    if (f.untilMs)
        last = std::min(last, *f.untilMs - 1);
    if (f.after) {
        if (f.newestFirst)
            last = std::min(last, f.after->timeMs);
        else
            first = std::max(first, f.after->timeMs);
    }
    if (first > last)
        return std::optional<HourRange>();
    return std::optional<HourRange>(HourRange{first / 3600000, last / 3600000});
}

} // namespace

Result<std::optional<std::int64_t>> LogStore::findString(std::string_view text)
{
    auto s = m_db.prepare("SELECT id FROM strings WHERE text = ?1");
    if (!s)
        return s.error();
    auto row = s->bindAll(text).step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(s->columnInt64(0));
}

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
        auto proxy = integerOrZero("SELECT id FROM proxies WHERE instance_id = ?1", *f.instanceId);
        if (!proxy)
            return proxy.error();
        if (*proxy == 0)
            return {};   // never seen: no events
        // An expression, not an id range: the planner must not walk the
        // proxy's whole id range (and sort it by time) for one page.
        q.add("(e.id >> 44) = ?");
        q.values.emplace_back(*proxy);
    }
    // Text filters compare interned ids; a text never stored matches nothing.
    const std::pair<std::string_view, const std::optional<std::string>*> textFilters[] = {
        {"e.ns_id", &f.ns},         {"e.repository_id", &f.repository}, {"e.reference_id", &f.reference},
        {"e.digest_id", &f.digest}, {"e.upstream_id", &f.upstream},     {"e.client_id", &f.client},
        {"e.user_agent_id", &f.userAgent}};
    for (const auto& [column, value] : textFilters) {
        if (!*value)
            continue;
        auto id = findString(**value);
        if (!id)
            return id.error();
        if (!*id)
            return {};
        q.add(std::string(column) + " = ?");
        q.values.emplace_back(**id);
    }
    // The digest index is keyed (hour, digest, time): a digest filter runs
    // once per hour, newest (or oldest) first, until the page is full.
    std::optional<HourRange> hours;
    int hourIndex = 0;   // its parameter
    if (f.digest) {
        auto range = storedHours(m_db, f);
        if (!range)
            return range.error();
        if (!*range)
            return {};
        hours = **range;
        q.add("e.time_ms / 3600000 = ?");
        q.values.emplace_back(std::int64_t{0});   // bound per hour below
        hourIndex = static_cast<int>(q.values.size());
    }
    const auto equalCode = [&](std::string_view column, std::optional<int> code) {
        if (!code)
            return;
        q.add(std::string(column) + " = ?");
        q.values.emplace_back(std::int64_t{*code});
    };
    equalCode("e.cache", f.cache ? std::optional<int>(static_cast<int>(*f.cache)) : std::nullopt);
    equalCode("e.mismatch", f.mismatch ? std::optional<int>(static_cast<int>(*f.mismatch)) : std::nullopt);
    equalCode("e.decision", f.decision ? std::optional<int>(static_cast<int>(*f.decision)) : std::nullopt);
    const char* const cmp = f.newestFirst ? "<" : ">";
    if (f.after) {
        q.add(std::string("(e.time_ms ") + cmp + " ? OR (e.time_ms = ? AND e.id " + cmp + " ?))");
        q.values.emplace_back(f.after->timeMs);
        q.values.emplace_back(f.after->timeMs);
        q.values.emplace_back(f.after->rowId);
    }
    std::string sql = "SELECT " + std::string(kLogEventColumns) + " FROM events e" + q.where +
                      (f.newestFirst ? " ORDER BY e.time_ms DESC, e.id DESC" : " ORDER BY e.time_ms, e.id");
    if (f.limit > 0)
        sql += " LIMIT ?";
    auto s = m_db.prepare(sql);
    if (!s)
        return s.error();
    q.bindTo(*s);
    const int limitIndex = static_cast<int>(q.values.size()) + 1;
    std::size_t delivered = 0;
    std::int64_t hour = hours ? (f.newestFirst ? hours->last : hours->first) : 0;
    const auto bindRound = [&] {
        if (hours)
            s->bind(hourIndex, hour);
        if (f.limit > 0)
            s->bind(limitIndex, static_cast<std::int64_t>(f.limit - delivered));
    };
    bindRound();

    StoredEvent out;
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row) {
            if (!hours || (f.limit > 0 && delivered >= f.limit))
                return {};
            hour += f.newestFirst ? -1 : 1;
            if (hour < hours->first || hour > hours->last)
                return {};
            s->reset();   // keeps no bindings: bind them all again
            q.bindTo(*s);
            bindRound();
            continue;
        }
        ++delivered;
        out.rowId = s->columnInt64(0);
        out.instanceId = std::string(s->columnText(1));
        model::Event& e = out.event;
        e.seq = s->columnInt64(2);
        e.timeMs = s->columnInt64(3);
        e.method = std::string(s->columnText(4));
        model::Message problem;
        // Enumerations are stored as their model values (see LogStoreSchema.cpp).
        const auto decode = [&](int column, std::string_view name, auto& field, std::int64_t count) {
            const std::int64_t code = s->columnInt64(column);
            if (code >= 0 && code < count && !s->isNull(column))
                field = static_cast<std::remove_reference_t<decltype(field)>>(code);
            else if (problem.empty())
                problem = NSGATE_TEXT("nsgate::store", "stored event %1: %2 code %3 is not a known value")
                              .with(e.seq, name, code);
        };
        decode(5, "object", e.object, 4);
        e.requestedNs = optionalText(*s, 6);
        e.servedNs = optionalText(*s, 7);
        e.upstream = optionalText(*s, 8);
        e.repository = std::string(s->columnText(9));
        e.reference = std::string(s->columnText(10));
        e.digest = optionalText(*s, 11);
        e.mediaType = optionalText(*s, 12);
        decode(13, "cache", e.cache, 3);
        decode(14, "mismatch", e.mismatch, 4);
        decode(15, "decision", e.decision, 4);
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

namespace {

// [since, until) split by resolution for the top lists: the partial minutes
// at either edge from the events (exact to the millisecond), whole minutes up
// to the first and from the last whole hour from the minute rollups, whole
// hours from the hourly ones. Bound as ?1..?10 in that order: events
// [?1, ?2) and [?3, ?4), minutes [?5, ?6) and [?7, ?8), hours [?9, ?10).
struct TopWindow
{
    std::int64_t values[10] = {};

    TopWindow(std::int64_t sinceMs, std::int64_t untilMs)
    {
        sinceMs = std::max<std::int64_t>(0, sinceMs);
        untilMs = std::max(sinceMs, untilMs);
        const std::int64_t firstMinute = (sinceMs + 59999) / 60000;   // first whole minute
        const std::int64_t lastMinute = untilMs / 60000;               // exclusive
        if (firstMinute >= lastMinute) {
            set({sinceMs, untilMs, 0, 0, 0, 0, 0, 0, 0, 0});
            return;
        }
        const std::int64_t firstHour = (firstMinute + 59) / 60, lastHour = lastMinute / 60;
        if (firstHour >= lastHour) {
            set({sinceMs, firstMinute * 60000, lastMinute * 60000, untilMs, firstMinute, lastMinute, 0, 0, 0, 0});
            return;
        }
        set({sinceMs, firstMinute * 60000, lastMinute * 60000, untilMs, firstMinute, firstHour * 60, lastHour * 60,
             lastMinute, firstHour, lastHour});
    }
    void set(std::initializer_list<std::int64_t> all) { std::copy(all.begin(), all.end(), values); }
    void bindTo(Statement& s) const
    {
        for (int i = 0; i < 10; ++i)
            s.bind(i + 1, values[i]);
    }
};

std::int64_t sqlLimit(std::size_t limit)
{
    return limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit);
}

} // namespace

Result<std::vector<RepositoryCount>> LogStore::topRepositories(std::int64_t sinceMs, std::int64_t untilMs,
                                                               std::size_t limit)
{
    // Grouped by ids (integer keys), names joined onto the grouped rows only.
    static constexpr std::string_view kEvents =
        "SELECT ns_id, repository_id, 1 AS requests, cache = 0 AS hits, cache = 1 AS misses FROM events ";
    auto s = m_db.prepare(
        std::string("SELECT n.text, r.text, g.requests, g.hits, g.misses FROM (SELECT ns_id, repository_id, "
                    "sum(requests) AS requests, sum(hits) AS hits, sum(misses) AS misses FROM (") +
        std::string(kEvents) + "WHERE time_ms >= ?1 AND time_ms < ?2 UNION ALL " + std::string(kEvents) +
        "WHERE time_ms >= ?3 AND time_ms < ?4 "
        "UNION ALL SELECT ns_id, repository_id, requests, hits, misses FROM repository_minutes "
        "WHERE minute >= ?5 AND minute < ?6 "
        "UNION ALL SELECT ns_id, repository_id, requests, hits, misses FROM repository_minutes "
        "WHERE minute >= ?7 AND minute < ?8 "
        "UNION ALL SELECT ns_id, repository_id, requests, hits, misses FROM repository_hours "
        "WHERE hour >= ?9 AND hour < ?10) GROUP BY ns_id, repository_id) g "
        "JOIN strings n ON n.id = g.ns_id JOIN strings r ON r.id = g.repository_id "
        "ORDER BY g.requests DESC, n.text, r.text LIMIT ?11");
    if (!s)
        return s.error();
    TopWindow(sinceMs, untilMs).bindTo(*s);
    s->bind(11, sqlLimit(limit));
    return s->collect<RepositoryCount>([](const Statement& r) {
        return RepositoryCount{std::string(r.columnText(0)), std::string(r.columnText(1)), r.columnInt64(2),
                               r.columnInt64(3), r.columnInt64(4)};
    });
}

Result<std::vector<MismatchSource>> LogStore::topMismatchSources(std::int64_t sinceMs, std::int64_t untilMs,
                                                                 std::size_t limit)
{
    // The source as the rollups key it: the namespace asked for (1 = '' when
    // none) for unmapped, else the client.
    static constexpr std::string_view kEvents =
        "SELECT mismatch AS kind, CASE mismatch WHEN 2 THEN coalesce(requested_ns_id, 1) ELSE client_id END AS "
        "source_id, 1 AS count, time_ms AS last_ms FROM events WHERE mismatch <> 0 AND ";
    auto s = m_db.prepare(
        std::string("SELECT g.kind, t.text, g.count, g.last_ms FROM (SELECT kind, source_id, sum(count) AS count, "
                    "max(last_ms) AS last_ms FROM (") +
        std::string(kEvents) + "time_ms >= ?1 AND time_ms < ?2 UNION ALL " + std::string(kEvents) +
        "time_ms >= ?3 AND time_ms < ?4 "
        "UNION ALL SELECT kind, source_id, count, last_ms FROM mismatch_minutes WHERE minute >= ?5 AND minute < ?6 "
        "UNION ALL SELECT kind, source_id, count, last_ms FROM mismatch_minutes WHERE minute >= ?7 AND minute < ?8 "
        "UNION ALL SELECT kind, source_id, count, last_ms FROM mismatch_hours WHERE hour >= ?9 AND hour < ?10) "
        "GROUP BY kind, source_id) g JOIN strings t ON t.id = g.source_id "
        "ORDER BY g.count DESC, g.kind, t.text LIMIT ?11");
    if (!s)
        return s.error();
    TopWindow(sinceMs, untilMs).bindTo(*s);
    s->bind(11, sqlLimit(limit));
    std::vector<MismatchSource> out;
    for (;;) {
        auto row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            return out;
        const std::int64_t kind = s->columnInt64(0);
        if (kind <= 0 || kind > 3)
            return makeError("logstore.corrupt",
                             NSGATE_TEXT("nsgate::store", "stored mismatch code %1 is not a known value").with(kind));
        out.push_back({static_cast<model::Mismatch>(kind), std::string(s->columnText(1)), s->columnInt64(2),
                       s->columnInt64(3)});
    }
}

Result<std::vector<DigestServer>> LogStore::whoServedDigest(std::string_view digest)
{
    auto id = findString(digest);
    if (!id)
        return id.error();
    if (!*id)
        return std::vector<DigestServer>{};
    EventFilter all;
    auto hours = storedHours(m_db, all);
    if (!hours)
        return hours.error();
    if (!*hours)
        return std::vector<DigestServer>{};
    // One seek per stored hour into the (hour, digest, time) index.
    auto s = m_db.prepare("WITH RECURSIVE hours(hour) AS (SELECT ?2 UNION ALL SELECT hour + 1 FROM hours WHERE hour < ?3) "
                          "SELECT (SELECT text FROM strings WHERE id = g.upstream_id), g.first, g.last, g.count FROM "
                          "(SELECT e.upstream_id, min(e.time_ms) AS first, max(e.time_ms) AS last, count(*) AS count "
                          "FROM hours h CROSS JOIN events e WHERE e.time_ms / 3600000 = h.hour AND e.digest_id = ?1 "
                          "AND e.decision = 0 GROUP BY e.upstream_id) g ORDER BY g.count DESC, 1");
    if (!s)
        return s.error();
    s->bindAll(**id, (*hours)->first, (*hours)->last);
    return s->collect<DigestServer>([](const Statement& r) {
        return DigestServer{optionalText(r, 0), r.columnInt64(1), r.columnInt64(2), r.columnInt64(3)};
    });
}

} // namespace nsgate::store
