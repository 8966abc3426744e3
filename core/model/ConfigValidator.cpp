#include "core/model/ConfigValidator.h"

#include "core/model/Grammar.h"
#include "core/model/Message.h"
#include "core/model/RegistryHost.h"
#include "core/model/RepositoryGlob.h"

#include <map>

namespace nsgate::model {

namespace {

// A host field must be a registry host written in its normalized form, so
// lookups of normalized `ns` values find it.
void checkHost(Issues& issues, std::string_view host, const std::string& pointer, std::string_view field)
{
    auto normalized = normalizeRegistryHost(host, field);
    if (!normalized) {
        issues.push_back(makeIssue(pointer, errorText(normalized.error())));
        return;
    }
    if (*normalized != host)
        issues.push_back(makeIssue(pointer, NSGATE_TEXT("nsgate::model", "%1 %2 must be written as %3")
                                                .with(field, quoteForMessage(host), quoteForMessage(*normalized))));
}

void checkGlobs(Issues& issues, const std::vector<std::string>& globs, const std::string& pointer)
{
    for (std::size_t i = 0; i < globs.size(); ++i) {
        auto glob = RepositoryGlob::compile(globs[i]);
        if (!glob)
            issues.push_back(makeIssue(pointer + "/" + std::to_string(i), errorText(glob.error())));
    }
}

} // namespace

bool isValidCredentialName(std::string_view name)
{
    if (name.empty() || name.size() > kMaxCredentialNameLength)
        return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

Message upstreamUrlText(std::string_view url)
{
    std::string_view rest;
    if (url.starts_with("https://"))
        rest = url.substr(8);
    else if (url.starts_with("http://"))
        rest = url.substr(7);
    else
        return NSGATE_TEXT("nsgate::model", "must start with http:// or https://");
    if (url.find_first_of("?#") != std::string_view::npos)
        return NSGATE_TEXT("nsgate::model", "must not contain a query or fragment");
    const auto slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    if (authority.find('@') != std::string_view::npos)
        return NSGATE_TEXT("nsgate::model", "must not contain user info (store credentials separately)");
    if (authority.empty())
        return NSGATE_TEXT("nsgate::model", "has no host");
    auto host = normalizeRegistryHost(authority, "host");
    if (!host)
        return errorText(host.error());
    if (slash != std::string_view::npos) {
        const std::string_view path = rest.substr(slash);
        if (path.find("//") != std::string_view::npos)
            return NSGATE_TEXT("nsgate::model", "has an empty segment in its path %1").with(quoteForMessage(path));
        for (char c : path) {
            const auto u = static_cast<unsigned char>(c);
            if (u <= 0x20 || u >= 0x7f || c == '\\')
                return NSGATE_TEXT("nsgate::model", "has a character that is not allowed in its path %1")
                    .with(quoteForMessage(path));
        }
    }
    return {};
}

Issues validateConfig(const MirrorConfig& config, const ValidationContext& context)
{
    Issues issues;
    if (config.schemaVersion != MirrorConfig::kSchemaVersion)
        issues.push_back(makeIssue("/schemaVersion",
                                   NSGATE_TEXT("nsgate::model", "schema version %1 is not supported (expected %2)")
                                       .with(config.schemaVersion, MirrorConfig::kSchemaVersion)));
    if (config.revision < 0)
        issues.push_back(makeIssue("/revision", NSGATE_TEXT("nsgate::model", "revision %1 must not be negative")
                                                    .with(config.revision)));

    // Every spelling of every registry, to report the second use of a name.
    std::map<std::string, std::string, std::less<>> owners;
    const auto claim = [&](const std::string& host, const std::string& pointer) {
        if (host.empty())
            return;
        auto [it, inserted] = owners.emplace(host, pointer);
        if (!inserted)
            issues.push_back(makeIssue(pointer, NSGATE_TEXT("nsgate::model", "%1 is already used by %2")
                                                    .with(quoteForMessage(host), it->second)));
    };

    for (std::size_t i = 0; i < config.namespaces.size(); ++i) {
        const auto& entry = config.namespaces[i];
        const std::string base = "/namespaces/" + std::to_string(i);

        if (entry.name.empty())
            issues.push_back(makeIssue(base + "/namespace", NSGATE_TEXT("nsgate::model", "must not be empty")));
        else
            checkHost(issues, entry.name, base + "/namespace", "namespace");
        claim(entry.name, base + "/namespace");

        for (std::size_t a = 0; a < entry.aliases.size(); ++a) {
            const std::string ptr = base + "/aliases/" + std::to_string(a);
            if (entry.aliases[a].empty())
                issues.push_back(makeIssue(ptr, NSGATE_TEXT("nsgate::model", "must not be empty")));
            else
                checkHost(issues, entry.aliases[a], ptr, "alias");
            claim(entry.aliases[a], ptr);
        }

        if (entry.upstreams.empty())
            issues.push_back(makeIssue(base + "/upstreams",
                                       NSGATE_TEXT("nsgate::model", "namespace %1 needs at least one upstream")
                                           .with(quoteForMessage(entry.name))));
        for (std::size_t u = 0; u < entry.upstreams.size(); ++u) {
            const auto& up = entry.upstreams[u];
            const std::string ptr = base + "/upstreams/" + std::to_string(u);
            if (auto problem = upstreamUrlText(up.url); !problem.empty())
                issues.push_back(makeIssue(ptr + "/url", NSGATE_TEXT("nsgate::model", "upstream URL %1 %2")
                                                             .with(quoteForMessage(up.url), std::move(problem))));
            if (up.credential) {
                if (!isValidCredentialName(*up.credential))
                    issues.push_back(makeIssue(ptr + "/credential",
                                               NSGATE_TEXT("nsgate::model",
                                                           "credential name %1 must be 1 to %2 characters of "
                                                           "letters, digits, '.', '_' or '-'")
                                                   .with(quoteForMessage(*up.credential), kMaxCredentialNameLength)));
                else if (context.knownCredentials && !context.knownCredentials->contains(*up.credential))
                    issues.push_back(makeIssue(ptr + "/credential",
                                               NSGATE_TEXT("nsgate::model", "credential %1 is not stored on this proxy")
                                                   .with(quoteForMessage(*up.credential))));
            }
            if (up.caPem && up.caPem->find("-----BEGIN CERTIFICATE-----") == std::string::npos)
                issues.push_back(makeIssue(ptr + "/caPem",
                                           NSGATE_TEXT("nsgate::model", "must hold at least one PEM certificate "
                                                                        "(\"-----BEGIN CERTIFICATE-----\")")));
            if (up.repositoryPrefix) {
                const std::string& prefix = *up.repositoryPrefix;
                const bool shaped = prefix.size() > 1 && prefix.back() == '/' &&
                                    isValidRepository(std::string_view(prefix).substr(0, prefix.size() - 1));
                if (!shaped)
                    issues.push_back(makeIssue(ptr + "/repositoryPrefix",
                                               NSGATE_TEXT("nsgate::model", "repository prefix %1 must be one or more "
                                                                            "repository path segments followed by '/'")
                                                   .with(quoteForMessage(prefix))));
            }
        }

        const auto& policy = entry.policy;
        checkGlobs(issues, policy.allow, base + "/policy/allow");
        checkGlobs(issues, policy.deny, base + "/policy/deny");
        if (policy.tagTtlSeconds < 0 || policy.tagTtlSeconds > kMaxTagTtlSeconds)
            issues.push_back(makeIssue(base + "/policy/tagTtlSeconds",
                                       NSGATE_TEXT("nsgate::model", "tag TTL %1 must be between 0 and %2 seconds")
                                           .with(policy.tagTtlSeconds, kMaxTagTtlSeconds)));
    }

    if (config.defaultNamespace) {
        if (config.indexOf(*config.defaultNamespace) < 0)
            issues.push_back(makeIssue("/defaultNamespace",
                                       NSGATE_TEXT("nsgate::model",
                                                   "default namespace %1 is not one of the configured namespaces")
                                           .with(quoteForMessage(*config.defaultNamespace))));
    }
    return issues;
}

} // namespace nsgate::model
