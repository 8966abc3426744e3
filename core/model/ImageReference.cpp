#include "core/model/ImageReference.h"

#include "core/model/Grammar.h"
#include "core/model/Message.h"
#include "core/model/RegistryHost.h"

namespace nsgate::model {

namespace {

constexpr std::string_view kDefaultDomain = "docker.io";
constexpr std::string_view kLegacyDefaultDomain = "index.docker.io";
constexpr std::string_view kOfficialPrefix = "library/";
constexpr std::string_view kLocalhost = "localhost";
constexpr std::string_view kDefaultTag = "latest";

// name ':' tag '@' sha512:<128 hex>: nothing longer can be valid, so longer
// input is refused before any scanning.
constexpr std::size_t kMaxReferenceLength = kMaxReferenceNameLength + 1 + kMaxTagLength + 1 + 7 + 128;

bool isIdentifier(std::string_view text)
{
    if (text.size() != 64)
        return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

bool hasUpper(std::string_view text)
{
    for (const char c : text) {
        if (c >= 'A' && c <= 'Z')
            return true;
    }
    return false;
}

// What docker reads as a registry host in front of the first '/'.
bool looksLikeDomain(std::string_view component)
{
    return component == kLocalhost || component.find_first_of(".:") != std::string_view::npos ||
           hasUpper(component);
}

} // namespace

std::string ImageReference::name() const
{
    std::string out;
    out.reserve(domain.size() + 1 + path.size());
    out += domain;
    out += '/';
    out += path;
    return out;
}

std::string ImageReference::toString() const
{
    std::string out = name();
    if (!tag.empty()) {
        out += ':';
        out += tag;
    }
    if (!digest.empty()) {
        out += '@';
        out += digest;
    }
    return out;
}

std::string ImageReference::familiar() const
{
    std::string out;
    if (domain != kDefaultDomain) {
        out = name();
    } else {
        std::string_view shortPath = path;
        if (shortPath.starts_with(kOfficialPrefix)) {
            const auto rest = shortPath.substr(kOfficialPrefix.size());
            if (rest.find('/') == std::string_view::npos && !isIdentifier(rest))
                shortPath = rest;
        }
        const auto slash = shortPath.find('/');
        if (slash != std::string_view::npos && looksLikeDomain(shortPath.substr(0, slash)))
            out = name();
        else
            out = std::string(shortPath);
    }
    if (!tag.empty()) {
        out += ':';
        out += tag;
    }
    if (!digest.empty()) {
        out += '@';
        out += digest;
    }
    return out;
}

Result<ImageReference> parseNormalizedReference(std::string_view text)
{
    const auto fail = [&](Message problem) {
        return makeError("reference.invalid", NSGATE_TEXT("nsgate::model", "reference %1: %2")
                                                  .with(quoteForMessage(text), std::move(problem)));
    };

    if (text.empty())
        return fail(NSGATE_TEXT("nsgate::model", "must not be empty"));
    if (text.size() > kMaxReferenceLength)
        return fail(
            NSGATE_TEXT("nsgate::model", "is longer than any valid reference (%1 characters)").with(text.size()));
    if (isIdentifier(text))
        return fail(
            NSGATE_TEXT("nsgate::model", "a bare 64-character hex string is an image ID, not a repository name"));

    // The digest is everything after the first '@' (no other part may hold
    // one); the tag follows the last ':' after the last '/', so a port in the
    // domain is never read as a tag.
    std::string_view rest = text;
    std::string_view digest;
    bool hasDigest = false;
    if (const auto at = rest.find('@'); at != std::string_view::npos) {
        digest = rest.substr(at + 1);
        rest = rest.substr(0, at);
        hasDigest = true;
    }
    std::string_view tag;
    bool hasTag = false;
    if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
        const auto slash = rest.rfind('/');
        if (slash == std::string_view::npos || colon > slash) {
            tag = rest.substr(colon + 1);
            rest = rest.substr(0, colon);
            hasTag = true;
        }
    }
    const std::string_view name = rest;
    if (name.empty())
        return fail(NSGATE_TEXT("nsgate::model", "has no repository name"));

    ImageReference ref;
    std::string_view path = name;
    ref.domain = std::string(kDefaultDomain);
    if (const auto slash = name.find('/'); slash != std::string_view::npos) {
        const auto first = name.substr(0, slash);
        if (looksLikeDomain(first)) {
            path = name.substr(slash + 1);
            if (first == kLegacyDefaultDomain) {
                ref.domain = std::string(kDefaultDomain);
            } else {
                if (const auto host = normalizeRegistryHost(first, "domain"); !host)
                    return fail(errorText(host.error()));
                ref.domain = std::string(first);
            }
        }
    }
    // Checked as written, before "library/" is added, so the message shows
    // what the user typed.
    if (const auto status = checkRepository(path, "repository"); !status)
        return fail(errorText(status.error()));
    if (ref.domain == kDefaultDomain && path.find('/') == std::string_view::npos)
        ref.path = std::string(kOfficialPrefix) + std::string(path);
    else
        ref.path = std::string(path);
    if (const auto length = ref.domain.size() + 1 + ref.path.size(); length > kMaxReferenceNameLength)
        return fail(NSGATE_TEXT("nsgate::model", "name %1 must be at most %2 characters (has %3)")
                        .with(quoteForMessage(ref.name()), kMaxReferenceNameLength, length));

    if (hasTag) {
        if (const auto status = checkTag(tag, "tag"); !status)
            return fail(errorText(status.error()));
        ref.tag = std::string(tag);
    }
    if (hasDigest) {
        if (const auto status = checkDigest(digest, "digest"); !status)
            return fail(errorText(status.error()));
        ref.digest = std::string(digest);
    }
    return ref;
}

Result<ImageReference> parsePullReference(std::string_view text)
{
    auto ref = parseNormalizedReference(text);
    if (ref.ok() && ref->tag.empty() && ref->digest.empty())
        ref->tag = std::string(kDefaultTag);
    return ref;
}

} // namespace nsgate::model
