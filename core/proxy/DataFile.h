#pragma once

// Small files nsgate keeps in its data directory (admin token, instance id,
// credentials). Each is written so that a crash leaves either the old or the
// whole new content, and secrets are created with their final mode so they are
// never readable by others, not even for a moment.

#include "core/model/Result.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace nsgate::proxy {

// Creates `dir` and missing parents; a directory created here gets mode 0700.
// An existing directory is left as it is.
Status<> ensureDataDirectory(const std::filesystem::path& dir);

// The whole content of a regular file of at most `maxBytes` bytes.
// Error codes: "file.missing", "file.io", "file.too-large".
Result<std::string> readSmallFile(const std::filesystem::path& path, std::size_t maxBytes);

// Temporary sibling with `mode`, write, fsync, rename over `path`, fsync the
// directory: durable before it returns.
Status<> writeFileAtomically(const std::filesystem::path& path, std::string_view content, mode_t mode);

// The same, but never replaces an existing file (the temporary file is linked
// into place, which fails when `path` exists). true: created; false: `path`
// already existed and was left alone, so two processes starting at once agree
// on one content.
Result<bool> createFileOnce(const std::filesystem::path& path, std::string_view content, mode_t mode);

// Permission bits of `path` (following symlinks).
Result<mode_t> fileMode(const std::filesystem::path& path);

// Cryptographically secure random bytes (OpenSSL's DRBG, seeded by the kernel).
Result<std::string> secureRandomBytes(std::size_t count);

// RFC 4648 section 5 alphabet, no padding.
std::string base64UrlEncode(std::string_view bytes);

// Leading and trailing spaces, tabs, CR and LF removed.
std::string_view trimWhitespace(std::string_view text);

} // namespace nsgate::proxy
