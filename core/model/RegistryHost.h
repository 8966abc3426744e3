#pragma once

// Registry hosts as clients write them in image references and in the `ns`
// query parameter: a DNS name or IPv4 address, or an IPv6 address in brackets,
// with an optional port. Normalization lower-cases the host and keeps the port.
//
// The normalized form is a lookup key (the `ns` value is never dialled), so
// spellings of one host must normalize to one string and anything that is not
// plainly a registry host is refused rather than guessed at:
// - DNS labels are [a-z0-9-] (after lower-casing), 1..63 characters, not
//   starting or ending with '-'; no empty labels, so no trailing '.'.
// - A name whose last label is all digits must be a dotted-quad IPv4 address
//   (four decimal octets 0..255 without leading zeros): "1.2.3" and
//   "999.1.1.1" are neither a usable name nor an address.
// - IPv6 only in brackets, hex digits and ':' only (no zone "%eth0", no
//   embedded IPv4), and valid as an address; it is lower-cased, not rewritten.
// - The port is decimal digits, 1..65535; leading zeros are dropped.

#include "core/model/Result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace nsgate::model {

inline constexpr std::size_t kMaxHostLength = 255;

// Normalizes an already-decoded host[:port]. Rejects user info, paths, schemes,
// queries, spaces, empty labels, bad ports and values over 255 characters.
// Errors have code "host.invalid" and read `<field> "<host>": <problem>`.
Result<std::string> normalizeRegistryHost(std::string_view host, std::string_view field = "host");

// Percent-decodes a query-string value ('+' is a space, as in forms, and so
// rejected later); fails on malformed escapes (code "encoding.invalid").
Result<std::string> percentDecode(std::string_view text);

// The `ns` query value as sent (e.g. "127.0.0.1%3A5001"): decode, then normalize.
// Errors have code "ns.invalid" and name the raw value (and the decoded one
// when decoding changed it).
Result<std::string> normalizeNs(std::string_view rawQueryValue);

} // namespace nsgate::model
