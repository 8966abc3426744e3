#include "core/proxy/AuthChallenge.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string_view>

namespace nsgate::proxy {

namespace {

bool isTokenChar(char c)
{
    static constexpr std::string_view punctuation = "!#$%&'*+-.^_`|~"; // RFC 9110 tchar
    return std::isalnum(static_cast<unsigned char>(c)) ||
           (c != '\0' && punctuation.find(c) != std::string_view::npos);
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

class Reader
{
public:
    explicit Reader(std::string_view text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    std::size_t pos() const { return m_pos; }
    void seek(std::size_t pos) { m_pos = pos; }
    void advance() { ++m_pos; }

    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }

    void skipSpaceAndCommas()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ','))
            ++m_pos;
    }

    std::string_view token()
    {
        const auto start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.substr(start, m_pos - start);
    }

    // After the opening quote; backslash escapes any character (RFC 7230 quoted-pair).
    std::optional<std::string> quoted()
    {
        std::string out;
        while (!atEnd()) {
            const char c = peek();
            ++m_pos;
            if (c == '"')
                return out;
            if (c == '\\') {
                if (atEnd())
                    return std::nullopt;
                out.push_back(peek());
                ++m_pos;
                continue;
            }
            out.push_back(c);
        }
        return std::nullopt; // unterminated
    }

    // token68 ("Negotiate abc=="): consumed and ignored.
    void skipToComma()
    {
        while (!atEnd() && peek() != ',')
            ++m_pos;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace

std::optional<std::string_view> AuthChallenge::param(std::string_view name) const
{
    const std::string key = lower(name);
    for (const auto& [k, v] : params)
        if (k == key)
            return std::string_view(v);
    return std::nullopt;
}

std::vector<AuthChallenge> parseAuthChallenges(std::string_view headerValue)
{
    std::vector<AuthChallenge> out;
    Reader r(headerValue);
    for (;;) {
        r.skipSpaceAndCommas();
        if (r.atEnd())
            return out;
        const auto scheme = r.token();
        if (scheme.empty())
            return out; // not a challenge; stop rather than guess
        AuthChallenge challenge;
        challenge.scheme = lower(scheme);

        // Parameters until a bare token (the next scheme) or the end.
        for (;;) {
            r.skipSpaceAndCommas();
            if (r.atEnd())
                break;
            const auto start = r.pos();
            const auto name = r.token();
            r.skipSpace();
            if (name.empty()) {
                r.skipToComma();
                continue;
            }
            if (r.peek() != '=') {
                r.seek(start); // the next challenge's scheme
                break;
            }
            r.advance();
            if (r.peek() == '=' || r.atEnd() || r.peek() == ',') {
                r.skipToComma(); // token68 padding, not a parameter
                continue;
            }
            r.skipSpace();
            std::string value;
            if (r.peek() == '"') {
                r.advance();
                auto q = r.quoted();
                if (!q) {
                    out.push_back(std::move(challenge));
                    return out;
                }
                value = std::move(*q);
            } else {
                value = std::string(r.token());
            }
            challenge.params.emplace_back(lower(name), std::move(value));
        }
        out.push_back(std::move(challenge));
    }
}

} // namespace nsgate::proxy
