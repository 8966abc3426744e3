#include "core/model/ConfigValidator.h"

#include "core/model/Grammar.h"
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
        issues.push_back({pointer, normalized.error().message});
        return;
    }
    if (*normalized != host)
        issues.push_back({pointer, std::string(field) + " " + quoteForMessage(host) + " must be written as " +
                                       quoteForMessage(*normalized)});
}

void checkGlobs(Issues& issues, const std::vector<std::string>& globs, const std::string& pointer)
{
    for (std::size_t i = 0; i < globs.size(); ++i) {
        auto glob = RepositoryGlob::compile(globs[i]);
        if (!glob)
            issues.push_back({pointer + "/" + std::to_string(i), glob.error().message});
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

std::string upstreamUrlProblem(std::string_view url)
{
    std::string_view rest;
    if (url.starts_with("https://"))
        rest = url.substr(8);
    else if (url.starts_with("http://"))
        rest = url.substr(7);
    else
        return "must start with http:// or https://";
    if (url.find_first_of("?#") != std::string_view::npos)
        return "must not contain a query or fragment";
    const auto slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    if (authority.find('@') != std::string_view::npos)
        return "must not contain user info (store credentials separately)";
    if (authority.empty())
        return "has no host";
    auto host = normalizeRegistryHost(authority, "host");
    if (!host)
        return host.error().message;
    if (slash != std::string_view::npos) {
        const std::string_view path = rest.substr(slash);
        if (path.find("//") != std::string_view::npos)
            return "has an empty segment in its path " + quoteForMessage(path);
        for (char c : path) {
            const auto u = static_cast<unsigned char>(c);
            if (u <= 0x20 || u >= 0x7f || c == '\\')
                return "has a character that is not allowed in its path " + quoteForMessage(path);
        }
    }
    return {};
}

Issues validateConfig(const MirrorConfig& config, const ValidationContext& context)
{
    Issues issues;
    if (config.schemaVersion != MirrorConfig::kSchemaVersion)
        issues.push_back({"/schemaVersion", "schema version " + std::to_string(config.schemaVersion) +
                                                " is not supported (expected 1)"});
    if (config.revision < 0)
        issues.push_back({"/revision", "revision " + std::to_string(config.revision) + " must not be negative"});

    // Every spelling of every registry, to report the second use of a name.
    std::map<std::string, std::string, std::less<>> owners;
    const auto claim = [&](const std::string& host, const std::string& pointer) {
        if (host.empty())
            return;
        auto [it, inserted] = owners.emplace(host, pointer);
        if (!inserted)
            issues.push_back({pointer, quoteForMessage(host) + " is already used by " + it->second});
    };

    for (std::size_t i = 0; i < config.namespaces.size(); ++i) {
        const auto& entry = config.namespaces[i];
        const std::string base = "/namespaces/" + std::to_string(i);

        if (entry.name.empty())
            issues.push_back({base + "/namespace", "must not be empty"});
        else
            checkHost(issues, entry.name, base + "/namespace", "namespace");
        claim(entry.name, base + "/namespace");

        for (std::size_t a = 0; a < entry.aliases.size(); ++a) {
            const std::string ptr = base + "/aliases/" + std::to_string(a);
            if (entry.aliases[a].empty())
                issues.push_back({ptr, "must not be empty"});
            else
                checkHost(issues, entry.aliases[a], ptr, "alias");
            claim(entry.aliases[a], ptr);
        }

        if (entry.upstreams.empty())
            issues.push_back({base + "/upstreams", "namespace " + quoteForMessage(entry.name) + " needs at least one upstream"});
        for (std::size_t u = 0; u < entry.upstreams.size(); ++u) {
            const auto& up = entry.upstreams[u];
            const std::string ptr = base + "/upstreams/" + std::to_string(u);
            if (auto problem = upstreamUrlProblem(up.url); !problem.empty())
                issues.push_back({ptr + "/url", "upstream URL " + quoteForMessage(up.url) + " " + problem});
            if (up.credential) {
                if (!isValidCredentialName(*up.credential))
                    issues.push_back({ptr + "/credential",
                                      "credential name " + quoteForMessage(*up.credential) +
                                          " must be 1 to 64 characters of letters, digits, '.', '_' or '-'"});
                else if (context.knownCredentials && !context.knownCredentials->contains(*up.credential))
                    issues.push_back({ptr + "/credential", "credential " + quoteForMessage(*up.credential) +
                                                               " is not stored on this proxy"});
            }
            if (up.caPem && up.caPem->find("-----BEGIN CERTIFICATE-----") == std::string::npos)
                issues.push_back({ptr + "/caPem", "must hold at least one PEM certificate "
                                                  "(\"-----BEGIN CERTIFICATE-----\")"});
            if (up.repositoryPrefix) {
                const std::string& prefix = *up.repositoryPrefix;
                const bool shaped = prefix.size() > 1 && prefix.back() == '/' &&
                                    isValidRepository(std::string_view(prefix).substr(0, prefix.size() - 1));
                if (!shaped)
                    issues.push_back({ptr + "/repositoryPrefix",
                                      "repository prefix " + quoteForMessage(prefix) +
                                          " must be one or more repository path segments followed by '/'"});
            }
        }

        const auto& policy = entry.policy;
        checkGlobs(issues, policy.allow, base + "/policy/allow");
        checkGlobs(issues, policy.deny, base + "/policy/deny");
        if (policy.tagTtlSeconds < 0 || policy.tagTtlSeconds > kMaxTagTtlSeconds)
            issues.push_back({base + "/policy/tagTtlSeconds",
                              "tag TTL " + std::to_string(policy.tagTtlSeconds) + " must be between 0 and " +
                                  std::to_string(kMaxTagTtlSeconds) + " seconds"});
    }

    if (config.defaultNamespace) {
        if (config.indexOf(*config.defaultNamespace) < 0)
            issues.push_back({"/defaultNamespace", "default namespace " + quoteForMessage(*config.defaultNamespace) +
                                                       " is not one of the configured namespaces"});
    }
    return issues;
}

} // namespace nsgate::model
