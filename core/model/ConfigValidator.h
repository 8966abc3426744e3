#pragma once

// The rules of a config document beyond its shape: hosts, uniqueness, URLs,
// globs, ranges and cross-references. Returns every problem, each located by a
// JSON pointer, with a message that names the offending value. The proxy runs
// the same function on PUT as the console does on every edit.

#include "core/model/Issue.h"
#include "core/model/Message.h"
#include "core/model/MirrorConfig.h"

#include <set>
#include <string>

namespace nsgate::model {

inline constexpr std::int64_t kMaxTagTtlSeconds = 365LL * 24 * 3600;
inline constexpr std::size_t kMaxCredentialNameLength = 64;

struct ValidationContext
{
    // When set, every upstream credential must name one of these (the proxy
    // knows its stored credentials; an offline validation does not).
    const std::set<std::string>* knownCredentials = nullptr;
};

Issues validateConfig(const MirrorConfig& config, const ValidationContext& context = {});

// An upstream URL: http:// or https://, a registry host, an optional port and
// an optional path prefix (the registry API root); no user info, query or
// fragment. Empty when valid, else the reason ("must start with http:// or
// https://"), to follow `upstream URL "<url>" `.
Message upstreamUrlText(std::string_view url);

// Credential names: [A-Za-z0-9._-], 1..64 characters.
bool isValidCredentialName(std::string_view name);

} // namespace nsgate::model
