#include "core/proxy/AdminToken.h"

#include "core/proxy/DataFile.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <cctype>
#include <sys/stat.h>

namespace nsgate::proxy {

namespace fs = std::filesystem;

namespace {

constexpr mode_t kGroupOtherWrite = S_IWGRP | S_IWOTH;
constexpr mode_t kGroupOtherAny = S_IRWXG | S_IRWXO;

std::array<unsigned char, 32> digestOf(std::string_view text)
{
    std::array<unsigned char, 32> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
    return digest;
}

std::string octal(mode_t mode)
{
    std::string out;
    for (int shift = 9; shift >= 0; shift -= 3)
        out += static_cast<char>('0' + ((mode >> shift) & 7));
    return out;
}

// The token is sent as an HTTP header value, so only visible ASCII can work.
bool isUsableToken(std::string_view token)
{
    if (token.empty())
        return false;
    for (char c : token) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x21 || u > 0x7e)
            return false;
    }
    return true;
}

Result<AdminToken> fail(std::string message)
{
    return makeError("admin-token.invalid", std::move(message));
}

} // namespace

std::optional<std::string_view> bearerCredentials(std::string_view header)
{
    header = trimWhitespace(header);
    constexpr std::string_view kScheme = "bearer";
    if (header.size() <= kScheme.size())
        return std::nullopt;
    for (std::size_t i = 0; i < kScheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i])
            return std::nullopt;
    if (header[kScheme.size()] != ' ' && header[kScheme.size()] != '\t')
        return std::nullopt;
    const std::string_view credentials = trimWhitespace(header.substr(kScheme.size()));
    if (credentials.empty())
        return std::nullopt;
    return credentials;
}

AdminToken AdminToken::fromSecret(std::string_view secret)
{
    AdminToken token;
    token.m_digest = digestOf(secret);
    return token;
}

bool AdminToken::matches(std::string_view authorizationHeader) const
{
    const auto presented = bearerCredentials(authorizationHeader);
    // Hash even when there is nothing to compare, so a malformed header costs
    // about what a wrong token does.
    const auto digest = digestOf(presented.value_or(std::string_view()));
    const bool equal = CRYPTO_memcmp(digest.data(), m_digest.data(), m_digest.size()) == 0;
    return presented.has_value() && equal;
}

bool AdminToken::matchesHeader(std::optional<std::string_view> authorizationHeader) const
{
    return authorizationHeader ? matches(*authorizationHeader) : false;
}

Result<AdminToken> AdminToken::loadOrCreate(const fs::path& dataDir, const std::optional<fs::path>& tokenFile)
{
    AdminToken token;
    if (tokenFile) {
        const fs::path& file = *tokenFile;
        auto mode = fileMode(file);
        if (!mode)
            return fail("admin token file: " + mode.error().message);
        if (*mode & kGroupOtherWrite)
            return fail("admin token file \"" + file.string() + "\" is writable by group or others (mode "
                        + octal(*mode) + "); run: chmod 600 \"" + file.string() + "\"");
        auto content = readSmallFile(file, kMaxFileBytes);
        if (!content)
            return fail("admin token file: " + content.error().message);
        const std::string_view secret = trimWhitespace(*content);
        if (secret.empty())
            return fail("admin token file \"" + file.string() + "\" is empty");
        if (!isUsableToken(secret))
            return fail("admin token file \"" + file.string()
                        + "\" must hold one token of visible ASCII characters (no spaces or control characters)");
        if (*mode & kGroupOtherAny)
            token.m_warnings.push_back("admin token file \"" + file.string()
                                       + "\" is readable by group or others (mode " + octal(*mode)
                                       + "); consider: chmod 600 \"" + file.string() + "\"");
        token.m_digest = digestOf(secret);
        token.m_path = fs::absolute(file);
        return token;
    }

    if (auto dir = ensureDataDirectory(dataDir); !dir)
        return dir.error();
    const fs::path file = dataDir / "admin-token";
    auto random = secureRandomBytes(kRandomBytes);
    if (!random)
        return random.error();
    const std::string fresh = base64UrlEncode(*random) + "\n";
    auto created = createFileOnce(file, fresh, 0600);
    if (!created)
        return created.error();
    std::string secret;
    if (*created) {
        secret = std::string(trimWhitespace(fresh));
    } else {
        auto content = readSmallFile(file, kMaxFileBytes);
        if (!content)
            return fail("admin token: " + content.error().message);
        secret = std::string(trimWhitespace(*content));
        if (!isUsableToken(secret))
            return fail("\"" + file.string()
                        + "\" does not hold a usable token; delete it to have a new one created");
        auto mode = fileMode(file);
        if (mode && (*mode & kGroupOtherAny) && ::chmod(file.c_str(), 0600) != 0)
            token.m_warnings.push_back("cannot restrict \"" + file.string() + "\" to mode 0600");
    }
    token.m_digest = digestOf(secret);
    token.m_path = fs::absolute(file);
    return token;
}

} // namespace nsgate::proxy
