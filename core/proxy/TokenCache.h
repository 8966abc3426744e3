#pragma once

// Registry bearer tokens, kept until shortly before they expire so that pulling
// the layers of one image asks the token realm once, not once per layer.

#include "core/model/Result.h"

#include <chrono>
#include <compare>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace nsgate::proxy {

// What a token is good for. The credential is part of the key because a token
// issued to one namespace's credential must never serve another namespace that
// reaches the same upstream anonymously or as someone else, nor outlive a
// password change: after the operator replaces a password, the next request
// must prove the new one to the realm, not reuse what the old one earned.
struct TokenKey
{
    std::string upstream;   // the target's base URL
    std::string credential; // empty when anonymous; else the user and a digest of the password
    std::string scope;      // "repository:library/alpine:pull"; empty for the /v2/ probe

    friend auto operator<=>(const TokenKey&, const TokenKey&) = default;
};

// A token endpoint's answer (distribution "token" spec / OAuth 2 style).
struct IssuedToken
{
    std::string token;
    std::chrono::seconds expiresIn{60};
};

// Accepts `token` or `access_token` (Docker Hub sends both, some realms only
// one); `expires_in` defaults to 60 s as the token spec says.
Result<IssuedToken> parseTokenResponse(std::string_view json);

class TokenCache
{
public:
    using Clock = std::chrono::steady_clock;
    using Now = std::function<Clock::time_point()>;

    // Tokens are dropped this long before they expire, bounded to a tenth of
    // their lifetime, so a request does not set out with a token that dies in
    // flight.
    static constexpr std::chrono::seconds kExpiryMargin{10};
    // Bounds memory if scopes are many (one per repository pulled).
    static constexpr std::size_t kMaxEntries = 4096;

    explicit TokenCache(Now now = {});

    std::optional<std::string> find(const TokenKey& key) const;
    void store(const TokenKey& key, std::string token, std::chrono::seconds expiresIn);
    // With `onlyIfToken`, erases only while the entry still holds that token, so
    // a fetch that saw its token refused does not drop a newer one.
    void erase(const TokenKey& key, std::string_view onlyIfToken = {});
    void clear();
    // Live (unexpired) entries.
    std::size_t size() const;

private:
    struct Entry
    {
        std::string token;
        Clock::time_point expires;
    };

    void pruneLocked(Clock::time_point now);

    Now m_now;
    mutable std::mutex m_mutex;
    std::map<TokenKey, Entry> m_entries;
};

} // namespace nsgate::proxy
