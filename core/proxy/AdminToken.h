#pragma once

// The bearer token of the admin API. It is read from --admin-token-file, or
// created once in DATA_DIR/admin-token (mode 0600, 32 random bytes, base64url
// without padding) and reused on every later start. The token itself never
// leaves this class: there is no accessor, so it cannot end up in a log line
// or a response by accident; callers ask matches() instead.

#include "core/model/Result.h"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsgate::proxy {

class AdminToken
{
public:
    static constexpr std::size_t kRandomBytes = 32;
    // A token file larger than this is not a token.
    static constexpr std::size_t kMaxFileBytes = 4096;

    // With `tokenFile`: its content with surrounding whitespace removed. It must
    // be non-empty visible ASCII (it travels in an HTTP header), and the file
    // must not be writable by group or others (anyone who can write it can
    // take over the admin API). A file readable by group or others is used,
    // with a warning in warnings().
    // Without: DATA_DIR/admin-token, created on first start (and `dataDir` with
    // it, mode 0700). If it exists with a looser mode it is tightened to 0600.
    static Result<AdminToken> loadOrCreate(const std::filesystem::path& dataDir,
                                           const std::optional<std::filesystem::path>& tokenFile = std::nullopt);

    // For tests and embedding: a token held in memory only (path() is empty).
    static AdminToken fromSecret(std::string_view secret);

    // True when `authorizationHeader` is `Bearer <token>` with this token. The
    // scheme is case-insensitive; the comparison takes the same time whatever
    // the presented token is (both sides are hashed to fixed-size digests which
    // are compared with CRYPTO_memcmp), so neither content nor length leaks.
    bool matches(std::string_view authorizationHeader) const;
    // The same for a header that may be absent (then false), as HttpRequest::header() returns it.
    bool matchesHeader(std::optional<std::string_view> authorizationHeader) const;

    // The file the token came from, for the "listening" line.
    const std::filesystem::path& path() const { return m_path; }

    // Things the operator should know about, e.g. a token file readable by others.
    const std::vector<std::string>& warnings() const { return m_warnings; }

private:
    AdminToken() = default;

    std::array<unsigned char, 32> m_digest{};   // SHA-256 of the token
    std::filesystem::path m_path;
    std::vector<std::string> m_warnings;
};

// The credentials part of a `Bearer <credentials>` header value, or nullopt
// when the header is not a bearer authorization.
std::optional<std::string_view> bearerCredentials(std::string_view authorizationHeader);

} // namespace nsgate::proxy
