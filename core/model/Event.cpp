#include "core/model/Event.h"

#include "core/model/Message.h"

#include <boost/json.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>

namespace nsgate::model {
namespace json = boost::json;

std::string_view toString(CacheResult cache)
{
    switch (cache) {
    case CacheResult::Hit: return "hit";
    case CacheResult::Miss: return "miss";
    case CacheResult::None: return "none";
    }
    return "none";
}

std::string_view toString(Decision decision)
{
    switch (decision) {
    case Decision::Served: return "served";
    case Decision::Rejected: return "rejected";
    case Decision::Denied: return "denied";
    case Decision::Failed: return "failed";
    }
    return "served";
}

std::optional<CacheResult> cacheResultFromString(std::string_view t)
{
    for (auto v : {CacheResult::Hit, CacheResult::Miss, CacheResult::None})
        if (toString(v) == t)
            return v;
    return std::nullopt;
}

std::optional<Decision> decisionFromString(std::string_view t)
{
    for (auto v : {Decision::Served, Decision::Rejected, Decision::Denied, Decision::Failed})
        if (toString(v) == t)
            return v;
    return std::nullopt;
}

std::optional<ObjectKind> objectKindFromString(std::string_view t)
{
    for (auto v : {ObjectKind::Manifest, ObjectKind::Blob, ObjectKind::Tags, ObjectKind::Referrers})
        if (toString(v) == t)
            return v;
    return std::nullopt;
}

std::optional<Mismatch> mismatchFromString(std::string_view t)
{
    for (auto v : {Mismatch::None, Mismatch::Missing, Mismatch::Unmapped, Mismatch::Conflict})
        if (toString(v) == t)
            return v;
    return std::nullopt;
}

std::string formatTime(std::int64_t unixMs)
{
    using namespace std::chrono;
    const sys_time<milliseconds> tp{milliseconds{unixMs}};
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const hh_mm_ss<milliseconds> t{tp - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), int(t.hours().count()), int(t.minutes().count()),
                  int(t.seconds().count()), int(t.subseconds().count()));
    return buf;
}

Result<std::int64_t> parseTime(std::string_view text)
{
    const auto bad = [&] {
        return makeError("time.invalid",
                         NSGATE_TEXT("nsgate::model", "time \"%1\" is not RFC 3339 (e.g. 2026-11-27T21:00:00.123Z)")
                             .with(text.substr(0, 64)));
    };
    std::size_t pos = 0;
    const auto number = [&](std::size_t digits, int& out) {
        if (pos + digits > text.size())
            return false;
        auto [p, ec] = std::from_chars(text.data() + pos, text.data() + pos + digits, out);
        if (ec != std::errc() || p != text.data() + pos + digits)
            return false;
        pos += digits;
        return true;
    };
    const auto expect = [&](std::string_view chars) {
        if (pos < text.size() && chars.find(text[pos]) != std::string_view::npos) {
            ++pos;
            return true;
        }
        return false;
    };
    int y, mo, d, h, mi, s;
    if (!number(4, y) || !expect("-") || !number(2, mo) || !expect("-") || !number(2, d) || !expect("Tt ") ||
        !number(2, h) || !expect(":") || !number(2, mi) || !expect(":") || !number(2, s))
        return bad();
    using namespace std::chrono;
    const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60)
        return bad();
    std::int64_t ms = 0;
    if (expect(".")) {
        int digits = 0;
        std::int64_t scale = 100;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3) {
                ms += (text[pos] - '0') * scale;
                scale /= 10;
            }
            ++digits;
            ++pos;
        }
        if (digits == 0 || digits > 9)
            return bad();
    }
    std::int64_t offsetMinutes = 0;
    if (expect("Zz")) {
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const bool minus = text[pos] == '-';
        ++pos;
        int oh, om;
        if (!number(2, oh) || !expect(":") || !number(2, om) || oh > 23 || om > 59)
            return bad();
        offsetMinutes = (minus ? -1 : 1) * (oh * 60 + om);
    } else {
        return bad();
    }
    if (pos != text.size())
        return bad();
    const auto dayMs = duration_cast<milliseconds>(sys_days{ymd}.time_since_epoch()).count();
    return dayMs + ((h * 60 + mi - offsetMinutes) * 60 + std::min(s, 59)) * 1000 + ms;
}

namespace {

json::value optional(const std::optional<std::string>& s)
{
    return s ? json::value(*s) : json::value(nullptr);
}

} // namespace

json::value eventToJson(const Event& e)
{
    return json::object{
        {"seq", e.seq},
        {"time", formatTime(e.timeMs)},
        {"method", e.method},
        {"object", toString(e.object)},
        {"requestedNs", optional(e.requestedNs)},
        {"servedNs", optional(e.servedNs)},
        {"upstream", optional(e.upstream)},
        {"repository", e.repository},
        {"reference", e.reference},
        {"digest", optional(e.digest)},
        {"mediaType", optional(e.mediaType)},
        {"cache", toString(e.cache)},
        {"mismatch", toString(e.mismatch)},
        {"decision", toString(e.decision)},
        {"status", e.status},
        {"bytes", e.bytes},
        {"durationMs", e.durationMs},
        {"client", e.client},
        {"userAgent", e.userAgent},
        {"detail", optional(e.detail)},
    };
}

std::string encodeEvent(const Event& event)
{
    return json::serialize(eventToJson(event));
}

Result<Event> decodeEvent(const json::value& v)
{
    const auto* o = v.if_object();
    if (!o)
        return makeError("event.invalid", NSGATE_TEXT("nsgate::model", "event must be a JSON object"));
    Event e;
    Message problem;
    const auto fail = [&](std::string_view field, Message why) {
        if (problem.empty())
            problem = NSGATE_TEXT("nsgate::model", "event field \"%1\" %2").with(field, std::move(why));
    };
    const auto str = [&](std::string_view k, std::string& out) {
        if (const auto* f = o->if_contains(k)) {
            if (const auto* s = f->if_string())
                out.assign(s->data(), s->size());
            else
                fail(k, NSGATE_TEXT("nsgate::model", "must be a string"));
        }
    };
    const auto optStr = [&](std::string_view k, std::optional<std::string>& out) {
        if (const auto* f = o->if_contains(k)) {
            if (const auto* s = f->if_string())
                out = std::string(s->data(), s->size());
            else if (!f->is_null())
                fail(k, NSGATE_TEXT("nsgate::model", "must be a string or null"));
        }
    };
    const auto integer = [&](std::string_view k, std::int64_t& out) {
        if (const auto* f = o->if_contains(k)) {
            if (const auto* i = f->if_int64())
                out = *i;
            else
                fail(k, NSGATE_TEXT("nsgate::model", "must be an integer"));
        }
    };
    const auto enumField = [&](std::string_view k, auto& out, auto parse) {
        if (const auto* f = o->if_contains(k)) {
            const auto* s = f->if_string();
            auto parsed = s ? parse(std::string_view(s->data(), s->size())) : std::nullopt;
            if (parsed)
                out = *parsed;
            else
                fail(k, NSGATE_TEXT("nsgate::model", "has an unknown value %1").with(json::serialize(*f)));
        }
    };
    integer("seq", e.seq);
    std::string time;
    str("time", time);
    if (!time.empty()) {
        if (auto t = parseTime(time))
            e.timeMs = *t;
        else
            fail("time", errorText(t.error()));
    }
    str("method", e.method);
    enumField("object", e.object, objectKindFromString);
    optStr("requestedNs", e.requestedNs);
    optStr("servedNs", e.servedNs);
    optStr("upstream", e.upstream);
    str("repository", e.repository);
    str("reference", e.reference);
    optStr("digest", e.digest);
    optStr("mediaType", e.mediaType);
    enumField("cache", e.cache, cacheResultFromString);
    enumField("mismatch", e.mismatch, mismatchFromString);
    enumField("decision", e.decision, decisionFromString);
    std::int64_t status = 0;
    integer("status", status);
    e.status = static_cast<int>(status);
    integer("bytes", e.bytes);
    if (const auto* f = o->if_contains("durationMs")) {
        if (f->is_number())
            e.durationMs = f->to_number<double>();
        else
            fail("durationMs", NSGATE_TEXT("nsgate::model", "must be a number"));
    }
    str("client", e.client);
    str("userAgent", e.userAgent);
    optStr("detail", e.detail);
    if (!problem.empty())
        return makeError("event.invalid", std::move(problem));
    return e;
}

Result<Event> decodeEvent(std::string_view text)
{
    boost::system::error_code ec;
    json::value v = json::parse(json::string_view(text.data(), text.size()), ec);
    if (ec)
        return makeError("event.invalid",
                         NSGATE_TEXT("nsgate::model", "event is not valid JSON: %1").with(ec.message()));
    return decodeEvent(v);
}

} // namespace nsgate::model
