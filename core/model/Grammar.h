#pragma once

// The distribution grammars for repository names, tags and digests, as used on
// the wire (`/v2/<name>/manifests/<reference>`). Each check returns an Error
// whose message names the field and the offending value.

#include "core/model/Result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace nsgate::model {

inline constexpr std::size_t kMaxRepositoryLength = 255;
inline constexpr std::size_t kMaxTagLength = 128;

// [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*, at most 255 characters.
bool isValidRepository(std::string_view name);
// [A-Za-z0-9_][A-Za-z0-9._-]{0,127}
bool isValidTag(std::string_view tag);
// sha256:[a-f0-9]{64} or sha512:[a-f0-9]{128}
bool isValidDigest(std::string_view digest);

// Same checks, with a message for the user. `field` names what is checked
// ("repository", "/namespaces/0/policy/allow/1", ...); the message reads
// `<field> "<value>": <problem>` with 1-based character positions, and the
// codes are "repository.invalid", "tag.invalid" and "digest.invalid".
Status<> checkRepository(std::string_view name, std::string_view field = "repository");
Status<> checkTag(std::string_view tag, std::string_view field = "tag");
Status<> checkDigest(std::string_view digest, std::string_view field = "digest");

// `value` in double quotes, fit for an error message about untrusted input:
// quotes, backslashes, control and non-ASCII bytes are escaped (\", \\, \xNN)
// so a value cannot forge log lines; values over kMaxQuotedLength bytes are cut
// and followed by `... (N bytes)`.
inline constexpr std::size_t kMaxQuotedLength = 300;
std::string quoteForMessage(std::string_view value);
// One character in single quotes for a message: 'a', or '\xNN' when it is not
// printable ASCII (or is a quote or backslash).
std::string quoteCharForMessage(char c);

} // namespace nsgate::model
