#include "core/proxy/TokenCache.h"

#include <boost/json.hpp>

#include <algorithm>
#include <utility>

namespace nsgate::proxy {

namespace {

constexpr std::chrono::seconds kDefaultLifetime{60};

// The token ends up in an HTTP header line; anything outside visible ASCII
// could split or forge headers.
bool isHeaderSafe(std::string_view token)
{
    return std::all_of(token.begin(), token.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

std::optional<std::string_view> stringField(const boost::json::object& object, std::string_view name)
{
    const auto* value = object.if_contains(name);
    if (!value || !value->is_string() || value->get_string().empty())
        return std::nullopt;
    const auto& s = value->get_string();
    return std::string_view(s.data(), s.size());
}

std::chrono::seconds lifetime(const boost::json::object& object)
{
    const auto* value = object.if_contains("expires_in");
    if (!value)
        return kDefaultLifetime;
    double seconds = 0;
    if (value->is_int64())
        seconds = static_cast<double>(value->get_int64());
    else if (value->is_uint64())
        seconds = static_cast<double>(value->get_uint64());
    else if (value->is_double())
        seconds = value->get_double();
    // Zero, negative or absurd lifetimes are not meaningful; fall back to the
    // spec's default rather than caching forever or never.
    if (!(seconds >= 1) || seconds > 366.0 * 24 * 3600)
        return kDefaultLifetime;
    return std::chrono::seconds(static_cast<long long>(seconds));
}

} // namespace

Result<IssuedToken> parseTokenResponse(std::string_view json)
{
    boost::system::error_code ec;
    const boost::json::value value = boost::json::parse(json, ec);
    if (ec)
        return makeError("upstream.auth", "token response is not JSON", ec.message());
    if (!value.is_object())
        return makeError("upstream.auth", "token response is not a JSON object");
    const auto& object = value.get_object();

    auto token = stringField(object, "token");
    if (!token)
        token = stringField(object, "access_token");
    if (!token)
        return makeError("upstream.auth", "token response has neither \"token\" nor \"access_token\"");
    if (!isHeaderSafe(*token))
        return makeError("upstream.auth",
                         "token response holds a token with characters not allowed in a header");
    return IssuedToken{std::string(*token), lifetime(object)};
}

TokenCache::TokenCache(Now now) : m_now(now ? std::move(now) : Now([] { return Clock::now(); })) {}

std::optional<std::string> TokenCache::find(const TokenKey& key) const
{
    const auto now = m_now();
    const std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(key);
    if (it == m_entries.end() || it->second.expires <= now)
        return std::nullopt;
    return it->second.token;
}

void TokenCache::store(const TokenKey& key, std::string token, std::chrono::seconds expiresIn)
{
    const auto margin = std::min(kExpiryMargin, expiresIn / 10);
    const auto now = m_now();
    const std::lock_guard lock(m_mutex);
    pruneLocked(now);
    if (m_entries.size() >= kMaxEntries && !m_entries.contains(key)) {
        // Evict the entry closest to expiry: it has the least value left.
        const auto victim =
            std::min_element(m_entries.begin(), m_entries.end(), [](const auto& a, const auto& b) {
                return a.second.expires < b.second.expires;
            });
        m_entries.erase(victim);
    }
    m_entries.insert_or_assign(key, Entry{std::move(token), now + expiresIn - margin});
}

void TokenCache::erase(const TokenKey& key, std::string_view onlyIfToken)
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(key);
    if (it != m_entries.end() && (onlyIfToken.empty() || it->second.token == onlyIfToken))
        m_entries.erase(it);
}

void TokenCache::clear()
{
    const std::lock_guard lock(m_mutex);
    m_entries.clear();
}

std::size_t TokenCache::size() const
{
    const auto now = m_now();
    const std::lock_guard lock(m_mutex);
    return static_cast<std::size_t>(std::count_if(m_entries.begin(), m_entries.end(),
                                                  [now](const auto& e) { return e.second.expires > now; }));
}

void TokenCache::pruneLocked(Clock::time_point now)
{
    std::erase_if(m_entries, [now](const auto& e) { return e.second.expires <= now; });
}

} // namespace nsgate::proxy
