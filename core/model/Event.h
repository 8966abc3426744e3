#pragma once

// The event record: one per registry request that reached routing. nsgate
// writes them, the console and nsgatectl read them; `(instanceId, seq)`
// identifies one everywhere.

#include "core/model/NamespaceResolver.h"
#include "core/model/Result.h"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace nsgate::model {

enum class CacheResult { Hit, Miss, None };
enum class Decision { Served, Rejected, Denied, Failed };

std::string_view toString(CacheResult cache);
std::string_view toString(Decision decision);
std::optional<CacheResult> cacheResultFromString(std::string_view text);
std::optional<Decision> decisionFromString(std::string_view text);
std::optional<ObjectKind> objectKindFromString(std::string_view text);
std::optional<Mismatch> mismatchFromString(std::string_view text);

struct Event
{
    std::int64_t seq = 0;
    std::int64_t timeMs = 0;   // milliseconds since the Unix epoch, UTC
    std::string method;
    ObjectKind object = ObjectKind::Manifest;
    std::optional<std::string> requestedNs;
    std::optional<std::string> servedNs;
    std::optional<std::string> upstream;
    std::string repository;
    std::string reference;
    std::optional<std::string> digest;
    std::optional<std::string> mediaType;
    CacheResult cache = CacheResult::None;
    Mismatch mismatch = Mismatch::None;
    Decision decision = Decision::Served;
    int status = 0;
    std::int64_t bytes = 0;
    double durationMs = 0;
    std::string client;
    std::string userAgent;
    std::optional<std::string> detail;

    friend bool operator==(const Event&, const Event&) = default;
};

// RFC 3339 in UTC with milliseconds: "2026-11-27T21:00:00.123Z".
std::string formatTime(std::int64_t unixMs);
// Accepts RFC 3339 with 'Z' or a numeric offset and 0..9 fraction digits.
Result<std::int64_t> parseTime(std::string_view text);

boost::json::value eventToJson(const Event& event);
std::string encodeEvent(const Event& event);
// Unknown fields are ignored (newer proxies may add some); wrong types and
// unknown enum values are errors naming the field.
Result<Event> decodeEvent(const boost::json::value& json);
Result<Event> decodeEvent(std::string_view json);

} // namespace nsgate::model
