#pragma once

// Registry hosts as clients write them in image references and in the `ns`
// query parameter: a DNS name or IPv4 address, or an IPv6 address in brackets,
// with an optional port. Normalization lower-cases the host and keeps the port.

#include "core/model/Result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace nsgate::model {

inline constexpr std::size_t kMaxHostLength = 255;

// Normalizes an already-decoded host[:port]. Rejects user info, paths, schemes,
// queries, spaces, empty labels, bad ports and values over 255 characters.
Result<std::string> normalizeRegistryHost(std::string_view host);

// Percent-decodes a query-string value ('+' is a space, as in forms, and so
// rejected later); fails on malformed escapes.
Result<std::string> percentDecode(std::string_view text);

// The `ns` query value as sent (e.g. "127.0.0.1%3A5001"): decode, then normalize.
Result<std::string> normalizeNs(std::string_view rawQueryValue);

} // namespace nsgate::model
