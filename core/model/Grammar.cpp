#include "core/model/Grammar.h"

#include "core/model/Message.h"

#include <cstdint>

// Hand-written scanners instead of std::regex: these run for every request the
// proxy serves, std::regex is slow and recursive (stack use grows with input),
// and a scanner can say where and why a value is wrong.

namespace nsgate::model {

namespace {

constexpr bool isLowerAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

constexpr bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

constexpr bool isWordChar(char c)
{
    return isLowerAlnum(c) || isUpper(c) || c == '_';
}

constexpr bool isLowerHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

std::string position(std::size_t index)
{
    return std::to_string(index + 1);
}

Error invalid(std::string code, std::string_view field, std::string_view value, Message problem)
{
    return makeError(std::move(code),
                     NSGATE_TEXT("nsgate::model", "%1 %2: %3").with(field, quoteForMessage(value), std::move(problem)));
}

// --- repository -------------------------------------------------------------

enum class RepositoryFault
{
    None,
    Empty,
    TooLong,
    BadChar,
    EmptyComponent,
    BadComponentStart,
    BadComponentEnd,
    BadSeparator,
};

struct RepositoryScan
{
    RepositoryFault fault = RepositoryFault::None;
    std::size_t at = 0;
};

// One pass over the name; the state is what the previous character was, which
// is all the grammar needs ("__" is the only separator longer than one
// character that is not a run of dashes).
RepositoryScan scanRepository(std::string_view name)
{
    if (name.empty())
        return {RepositoryFault::Empty, 0};
    if (name.size() > kMaxRepositoryLength)
        return {RepositoryFault::TooLong, kMaxRepositoryLength};

    enum class Prev : std::uint8_t
    {
        ComponentStart,
        Alnum,
        Dot,
        Underscore,
        TwoUnderscores,
        Dash
    };
    Prev prev = Prev::ComponentStart;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (isLowerAlnum(c)) {
            prev = Prev::Alnum;
            continue;
        }
        switch (c) {
        case '/':
            if (prev == Prev::ComponentStart)
                return {RepositoryFault::EmptyComponent, i};
            if (prev != Prev::Alnum)
                return {RepositoryFault::BadComponentEnd, i - 1};
            prev = Prev::ComponentStart;
            break;
        case '.':
            if (prev == Prev::ComponentStart)
                return {RepositoryFault::BadComponentStart, i};
            if (prev != Prev::Alnum)
                return {RepositoryFault::BadSeparator, i};
            prev = Prev::Dot;
            break;
        case '_':
            if (prev == Prev::ComponentStart)
                return {RepositoryFault::BadComponentStart, i};
            if (prev == Prev::Alnum)
                prev = Prev::Underscore;
            else if (prev == Prev::Underscore)
                prev = Prev::TwoUnderscores;
            else
                return {RepositoryFault::BadSeparator, i};
            break;
        case '-':
            if (prev == Prev::ComponentStart)
                return {RepositoryFault::BadComponentStart, i};
            if (prev != Prev::Alnum && prev != Prev::Dash)
                return {RepositoryFault::BadSeparator, i};
            prev = Prev::Dash;
            break;
        default:
            return {RepositoryFault::BadChar, i};
        }
    }
    if (prev == Prev::ComponentStart)
        return {RepositoryFault::EmptyComponent, name.size()};
    if (prev != Prev::Alnum)
        return {RepositoryFault::BadComponentEnd, name.size() - 1};
    return {};
}

Message repositoryProblem(std::string_view name, RepositoryScan scan)
{
    // Upper case is the most common mistake and the grammar's other faults
    // may come first in the string ("My_App"), so it is named first.
    if (scan.fault != RepositoryFault::Empty && scan.fault != RepositoryFault::TooLong) {
        for (std::size_t i = 0; i < name.size(); ++i) {
            if (isUpper(name[i]))
                return NSGATE_TEXT("nsgate::model", "must be lower-case (found %1 at position %2)")
                    .with(quoteCharForMessage(name[i]), position(i));
        }
    }
    const std::string at = position(scan.at);
    switch (scan.fault) {
    case RepositoryFault::None:
        break;
    case RepositoryFault::Empty:
        return NSGATE_TEXT("nsgate::model", "must not be empty");
    case RepositoryFault::TooLong:
        return NSGATE_TEXT("nsgate::model", "must be at most %1 characters (has %2)")
            .with(kMaxRepositoryLength, name.size());
    case RepositoryFault::BadChar:
        return NSGATE_TEXT("nsgate::model",
                           "character %1 at position %2 is not allowed (only a-z, 0-9, '.', '_', '-' and '/')")
            .with(quoteCharForMessage(name[scan.at]), at);
    case RepositoryFault::EmptyComponent:
        return NSGATE_TEXT("nsgate::model", "empty path component at position %1 (no leading, trailing or double '/')")
            .with(at);
    case RepositoryFault::BadComponentStart:
        return NSGATE_TEXT("nsgate::model",
                           "path component must start with a letter or digit (found %1 at position %2)")
            .with(quoteCharForMessage(name[scan.at]), at);
    case RepositoryFault::BadComponentEnd:
        return NSGATE_TEXT("nsgate::model",
                           "path component must end with a letter or digit (found %1 at position %2)")
            .with(quoteCharForMessage(name[scan.at]), at);
    case RepositoryFault::BadSeparator:
        return NSGATE_TEXT("nsgate::model",
                           "invalid separator at position %1 (between letters and digits use one '.', one or two "
                           "'_', or '-'s)")
            .with(at);
    }
    return {};
}

// --- tag --------------------------------------------------------------------

struct TagScan
{
    bool ok = true;
    std::size_t at = 0;
};

TagScan scanTag(std::string_view tag)
{
    if (tag.empty() || tag.size() > kMaxTagLength || !isWordChar(tag[0]))
        return {false, 0};
    for (std::size_t i = 1; i < tag.size(); ++i) {
        const char c = tag[i];
        if (!isWordChar(c) && c != '.' && c != '-')
            return {false, i};
    }
    return {};
}

Message tagProblem(std::string_view tag, TagScan scan)
{
    if (tag.empty())
        return NSGATE_TEXT("nsgate::model", "must not be empty");
    if (tag.size() > kMaxTagLength)
        return NSGATE_TEXT("nsgate::model", "must be at most %1 characters (has %2)").with(kMaxTagLength, tag.size());
    if (scan.at == 0)
        return NSGATE_TEXT("nsgate::model", "must start with a letter, digit or '_' (found %1)")
            .with(quoteCharForMessage(tag[0]));
    return NSGATE_TEXT("nsgate::model",
                       "character %1 at position %2 is not allowed (only A-Z, a-z, 0-9, '_', '.' and '-')")
        .with(quoteCharForMessage(tag[scan.at]), position(scan.at));
}

// --- digest -----------------------------------------------------------------

struct DigestAlgorithm
{
    std::string_view name;
    std::size_t hexLength;
};

constexpr DigestAlgorithm kDigestAlgorithms[] = {{"sha256", 64}, {"sha512", 128}};

const DigestAlgorithm* findAlgorithm(std::string_view name)
{
    for (const auto& algorithm : kDigestAlgorithms) {
        if (algorithm.name == name)
            return &algorithm;
    }
    return nullptr;
}

Message digestProblem(std::string_view digest)
{
    if (digest.empty())
        return NSGATE_TEXT("nsgate::model", "must not be empty");
    const auto colon = digest.find(':');
    if (colon == std::string_view::npos)
        return NSGATE_TEXT("nsgate::model",
                           "must be <algorithm>:<hex> (sha256:<64 hex digits> or sha512:<128 hex digits>)");
    const auto* algorithm = findAlgorithm(digest.substr(0, colon));
    if (!algorithm)
        return NSGATE_TEXT("nsgate::model", "unsupported algorithm %1 (sha256 or sha512)")
            .with(quoteForMessage(digest.substr(0, colon)));
    const auto hex = digest.substr(colon + 1);
    for (std::size_t i = 0; i < hex.size(); ++i) {
        if (!isLowerHex(hex[i]))
            return NSGATE_TEXT("nsgate::model", "character %1 at position %2 is not a lower-case hex digit")
                .with(quoteCharForMessage(hex[i]), position(colon + 1 + i));
    }
    return NSGATE_TEXT("nsgate::model", "%1 needs %2 hex digits (has %3)")
        .with(algorithm->name, algorithm->hexLength, hex.size());
}

} // namespace

bool isValidRepository(std::string_view name)
{
    return scanRepository(name).fault == RepositoryFault::None;
}

bool isValidTag(std::string_view tag)
{
    return scanTag(tag).ok;
}

bool isValidDigest(std::string_view digest)
{
    const auto colon = digest.find(':');
    if (colon == std::string_view::npos)
        return false;
    const auto* algorithm = findAlgorithm(digest.substr(0, colon));
    if (!algorithm)
        return false;
    const auto hex = digest.substr(colon + 1);
    if (hex.size() != algorithm->hexLength)
        return false;
    for (const char c : hex) {
        if (!isLowerHex(c))
            return false;
    }
    return true;
}

Status<> checkRepository(std::string_view name, std::string_view field)
{
    const auto scan = scanRepository(name);
    if (scan.fault == RepositoryFault::None)
        return {};
    return invalid("repository.invalid", field, name, repositoryProblem(name, scan));
}

Status<> checkTag(std::string_view tag, std::string_view field)
{
    const auto scan = scanTag(tag);
    if (scan.ok)
        return {};
    return invalid("tag.invalid", field, tag, tagProblem(tag, scan));
}

Status<> checkDigest(std::string_view digest, std::string_view field)
{
    if (isValidDigest(digest))
        return {};
    return invalid("digest.invalid", field, digest, digestProblem(digest));
}

std::string quoteForMessage(std::string_view value)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const auto shown = value.substr(0, kMaxQuotedLength);
    std::string out;
    out.reserve(shown.size() + 2);
    out += '"';
    for (const char c : shown) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte >= 0x7f) {
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0f];
        } else {
            out += c;
        }
    }
    out += '"';
    if (value.size() > shown.size())
        out += "... (" + std::to_string(value.size()) + " bytes)";
    return out;
}

std::string quoteCharForMessage(char c)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f || c == '\'' || c == '\\')
        return {'\'', '\\', 'x', kHex[byte >> 4], kHex[byte & 0x0f], '\''};
    return {'\'', c, '\''};
}

} // namespace nsgate::model
