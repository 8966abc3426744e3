#include "core/model/RegistryHost.h"

#include "core/model/Grammar.h"
#include "core/model/Message.h"

#include <arpa/inet.h>
#include <array>
#include <cstdint>
#include <netinet/in.h>

namespace nsgate::model {

namespace {

// Longest IPv6 text without embedded IPv4: eight groups of four hex digits.
constexpr std::size_t kMaxIpv6TextLength = 39;
constexpr std::size_t kMaxLabelLength = 63;

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

constexpr bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

constexpr char toLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

int hexValue(char c)
{
    if (isDigit(c))
        return c - '0';
    return toLower(c) - 'a' + 10;
}

std::string position(std::size_t index)
{
    return std::to_string(index + 1);
}

void appendLower(std::string& out, std::string_view text)
{
    for (const char c : text)
        out += toLower(c);
}

bool allDigits(std::string_view text)
{
    for (const char c : text) {
        if (!isDigit(c))
            return false;
    }
    return !text.empty();
}

// Octets as written in a URL or reference: decimal 0..255, no leading zeros
// (inet_aton would read "010" as octal 8).
bool isDottedQuad(std::string_view name)
{
    int octets = 0;
    std::size_t start = 0;
    while (true) {
        const auto dot = name.find('.', start);
        const auto octet =
            name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (!allDigits(octet) || octet.size() > 3 || (octet.size() > 1 && octet[0] == '0'))
            return false;
        int value = 0;
        for (const char c : octet)
            value = value * 10 + (c - '0');
        if (value > 255)
            return false;
        ++octets;
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    return octets == 4;
}

// `offset` is where `name` starts in the whole value, so positions in messages
// point into what the user wrote.
Message checkHostName(std::string_view name, std::size_t offset)
{
    if (name.empty())
        return NSGATE_TEXT("nsgate::model", "host name before the port is empty");
    std::size_t start = 0;
    std::string_view lastLabel;
    while (true) {
        const auto dot = name.find('.', start);
        const auto end = dot == std::string_view::npos ? name.size() : dot;
        const auto label = name.substr(start, end - start);
        if (label.empty())
            return NSGATE_TEXT("nsgate::model", "empty label at position %1 (no leading, trailing or double '.')")
                .with(position(offset + start));
        if (label.size() > kMaxLabelLength)
            return NSGATE_TEXT("nsgate::model", "label %1 is longer than %2 characters (has %3)")
                .with(quoteForMessage(label), kMaxLabelLength, label.size());
        for (std::size_t i = 0; i < label.size(); ++i) {
            const char c = toLower(label[i]);
            if (!((c >= 'a' && c <= 'z') || isDigit(c) || c == '-'))
                return NSGATE_TEXT("nsgate::model",
                                   "character %1 at position %2 is not allowed in a host name "
                                   "(only a-z, 0-9, '-' and '.')")
                    .with(quoteCharForMessage(label[i]), position(offset + start + i));
        }
        if (label.front() == '-' || label.back() == '-')
            return NSGATE_TEXT("nsgate::model", "label %1 must not start or end with '-'").with(quoteForMessage(label));
        lastLabel = label;
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    if (allDigits(lastLabel) && !isDottedQuad(name))
        return NSGATE_TEXT("nsgate::model",
                           "%1 is not a valid IPv4 address (four decimal numbers 0-255 without leading zeros)")
            .with(quoteForMessage(name));
    return {};
}

Message checkIpv6(std::string_view address)
{
    if (address.empty())
        return NSGATE_TEXT("nsgate::model", "empty IPv6 address in brackets");
    for (const char c : address) {
        if (c == '%')
            return NSGATE_TEXT("nsgate::model", "IPv6 zone identifiers ('%') are not allowed");
        if (c == '.')
            return NSGATE_TEXT("nsgate::model", "IPv6 addresses with an embedded IPv4 address are not allowed");
        if (!isHexDigit(c) && c != ':')
            return NSGATE_TEXT("nsgate::model", "character %1 is not allowed in an IPv6 address (only hex digits and ':')")
                .with(quoteCharForMessage(c));
    }
    if (address.size() <= kMaxIpv6TextLength) {
        std::array<char, kMaxIpv6TextLength + 1> text{};
        address.copy(text.data(), address.size());
        in6_addr parsed{};
        if (inet_pton(AF_INET6, text.data(), &parsed) == 1)
            return {};
    }
    return NSGATE_TEXT("nsgate::model", "%1 is not a valid IPv6 address").with(quoteForMessage(address));
}

// Appends the port without leading zeros.
Message checkPort(std::string_view port, std::string& canonical)
{
    if (port.empty())
        return NSGATE_TEXT("nsgate::model", "port after ':' is empty");
    if (!allDigits(port))
        return NSGATE_TEXT("nsgate::model", "port %1 must be decimal digits").with(quoteForMessage(port));
    std::size_t first = 0;
    while (first + 1 < port.size() && port[first] == '0')
        ++first;
    const auto digits = port.substr(first);
    std::uint32_t value = 0;
    if (digits.size() <= 5) {
        for (const char c : digits)
            value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (digits.size() > 5 || value == 0 || value > 65535)
        return NSGATE_TEXT("nsgate::model", "port %1 is out of range (1-65535)").with(quoteForMessage(port));
    canonical = digits;
    return {};
}

// The whole normalization; returns the problem, or an empty message with `out`
// set to the normalized host.
Message normalizeHost(std::string_view host, std::string& out)
{
    if (host.empty())
        return NSGATE_TEXT("nsgate::model", "must not be empty");
    if (host.size() > kMaxHostLength)
        return NSGATE_TEXT("nsgate::model", "must be at most %1 characters (has %2)").with(kMaxHostLength, host.size());
    if (host.find("://") != std::string_view::npos)
        return NSGATE_TEXT("nsgate::model", "must be a registry host, not a URL (no scheme such as \"https://\")");
    // The structural characters first: each names a URL part that a registry
    // host cannot carry, which says more than "bad character".
    struct Forbidden
    {
        char c;
        Message problem;
    };
    const Forbidden forbiddenParts[] = {
        {'@', NSGATE_TEXT("nsgate::model", "must not contain user info (%1 at position %2)")},
        {'/', NSGATE_TEXT("nsgate::model", "must not contain a path (%1 at position %2)")},
        {'?', NSGATE_TEXT("nsgate::model", "must not contain a query (%1 at position %2)")},
        {'#', NSGATE_TEXT("nsgate::model", "must not contain a fragment (%1 at position %2)")}};
    for (const auto& forbidden : forbiddenParts) {
        const auto at = host.find(forbidden.c);
        if (at != std::string_view::npos)
            return Message(forbidden.problem).with(quoteCharForMessage(forbidden.c), position(at));
    }
    for (std::size_t i = 0; i < host.size(); ++i) {
        const auto byte = static_cast<unsigned char>(host[i]);
        if (byte <= 0x20 || byte >= 0x7f)
            return NSGATE_TEXT("nsgate::model",
                               "character %1 at position %2 is not allowed (no spaces, control or non-ASCII "
                               "characters; write international names in punycode)")
                .with(quoteCharForMessage(host[i]), position(i));
    }

    std::string_view port;
    bool hasPort = false;
    std::string result;
    if (host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos)
            return NSGATE_TEXT("nsgate::model", "IPv6 address has no closing ']'");
        const auto address = host.substr(1, close - 1);
        if (auto problem = checkIpv6(address); !problem.empty())
            return problem;
        const auto rest = host.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':')
                return NSGATE_TEXT("nsgate::model", "unexpected %1 at position %2 after the IPv6 address (expected ':port')")
                    .with(quoteCharForMessage(rest.front()), position(close + 1));
            hasPort = true;
            port = rest.substr(1);
        }
        result += '[';
        appendLower(result, address);
        result += ']';
    } else {
        const auto colon = host.find(':');
        const auto name = host.substr(0, colon);
        if (colon != std::string_view::npos) {
            if (host.find(':', colon + 1) != std::string_view::npos)
                return NSGATE_TEXT("nsgate::model", "IPv6 addresses must be in brackets (\"[2001:db8::1]:5000\")");
            hasPort = true;
            port = host.substr(colon + 1);
        }
        if (auto problem = checkHostName(name, 0); !problem.empty())
            return problem;
        appendLower(result, name);
    }
    if (hasPort) {
        std::string canonicalPort;
        if (auto problem = checkPort(port, canonicalPort); !problem.empty())
            return problem;
        result += ':';
        result += canonicalPort;
    }
    out = std::move(result);
    return {};
}

// Returns the problem, or an empty message with `out` set.
Message decode(std::string_view text, std::string& out)
{
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            result += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size() || !isHexDigit(text[i + 1]) || !isHexDigit(text[i + 2]))
                return NSGATE_TEXT("nsgate::model", "malformed percent escape at position %1 (expected %XX)").with(position(i));
            result += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
            i += 2;
        } else {
            result += c;
        }
    }
    out = std::move(result);
    return {};
}

} // namespace

Result<std::string> normalizeRegistryHost(std::string_view host, std::string_view field)
{
    std::string out;
    auto problem = normalizeHost(host, out);
    if (problem.empty())
        return out;
    return makeError("host.invalid",
                     NSGATE_TEXT("nsgate::model", "%1 %2: %3").with(std::string(field), quoteForMessage(host), problem));
}

Result<std::string> percentDecode(std::string_view text)
{
    std::string out;
    auto problem = decode(text, out);
    if (problem.empty())
        return out;
    return makeError("encoding.invalid", NSGATE_TEXT("nsgate::model", "value %1: %2").with(quoteForMessage(text), problem));
}

Result<std::string> normalizeNs(std::string_view rawQueryValue)
{
    const auto fail = [&](Message problem, std::string_view decoded) -> Error {
        if (decoded != rawQueryValue)
            return makeError("ns.invalid", NSGATE_TEXT("nsgate::model", "ns %1 (decoded %2): %3")
                                               .with(quoteForMessage(rawQueryValue), quoteForMessage(decoded),
                                                     std::move(problem)));
        return makeError("ns.invalid",
                         NSGATE_TEXT("nsgate::model", "ns %1: %2").with(quoteForMessage(rawQueryValue), std::move(problem)));
    };
    // Every decoded byte takes at most three raw ones; anything longer cannot
    // be a host, and is not worth decoding.
    if (rawQueryValue.size() > 3 * kMaxHostLength)
        return fail(NSGATE_TEXT("nsgate::model", "must be at most %1 characters").with(kMaxHostLength), rawQueryValue);
    std::string decoded;
    if (auto problem = decode(rawQueryValue, decoded); !problem.empty())
        return fail(problem, rawQueryValue);
    std::string out;
    if (auto problem = normalizeHost(decoded, out); !problem.empty())
        return fail(problem, decoded);
    return out;
}

} // namespace nsgate::model
