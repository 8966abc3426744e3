#pragma once

// JSON codec for the config document (admin API, schemaVersion 1).
//
// Decoding is strict: unknown fields, wrong types and unknown enum values are
// reported, each with its JSON pointer, and decoding goes on so the caller
// sees every problem at once. Omitted fields take their documented defaults.
// Encoding always writes every field in one fixed order, so
// encode(decode(encode(c))) == encode(c) byte for byte.
//
// Decoding checks shape only; the rules between values (hosts, globs,
// uniqueness, references) are ConfigValidator's.

#include "core/model/Issue.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <boost/json/fwd.hpp>

#include <string>
#include <string_view>

namespace nsgate::model {

Result<MirrorConfig, Issues> decodeConfig(std::string_view json);
Result<MirrorConfig, Issues> decodeConfig(const boost::json::value& json);

boost::json::value configToJson(const MirrorConfig& config);

enum class JsonStyle { Compact, Pretty };
std::string encodeConfig(const MirrorConfig& config, JsonStyle style = JsonStyle::Pretty);

// "a string", "an array", … for messages that say what was found instead.
std::string jsonKindName(const boost::json::value& value);

// Indented rendering of any JSON value (two spaces, keys in stored order).
std::string prettyJson(const boost::json::value& json);

} // namespace nsgate::model
