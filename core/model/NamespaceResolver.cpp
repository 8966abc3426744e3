#include "core/model/NamespaceResolver.h"

#include "core/model/Grammar.h"
#include "core/model/Message.h"
#include "core/model/RegistryHost.h"
#include "core/model/RepositoryGlob.h"

namespace nsgate::model {

std::string_view toString(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Manifest: return "manifest";
    case ObjectKind::Blob: return "blob";
    case ObjectKind::Tags: return "tags";
    case ObjectKind::Referrers: return "referrers";
    }
    return "manifest";
}

std::string_view toString(Mismatch mismatch)
{
    switch (mismatch) {
    case Mismatch::None: return "none";
    case Mismatch::Missing: return "missing";
    case Mismatch::Unmapped: return "unmapped";
    case Mismatch::Conflict: return "conflict";
    }
    return "none";
}

namespace {

// The message goes into the OCI error body that a registry client (docker,
// containerd) shows as it is: it stays English, like the codes beside it.
Resolution reject(Resolution r, int status, std::string code, std::string message)
{
    r.route = Route::Reject;
    r.entry = nullptr;
    r.status = status;
    r.errorCode = std::move(code);
    r.message = std::move(message);
    return r;
}

// The namespace named by the first component of `name`, when that component
// looks like a registry host ('.' or ':') and is mapped: the path-prefix form
// of skopeo and registries.conf mirrors.
const NamespaceEntry* pathPrefixEntry(std::string_view name, const MirrorConfig& config, std::string& prefixHost,
                                      std::string_view& rest)
{
    const auto slash = name.find('/');
    if (slash == std::string_view::npos)
        return nullptr;
    const std::string_view first = name.substr(0, slash);
    if (first.find_first_of(".:") == std::string_view::npos)
        return nullptr;
    auto host = normalizeRegistryHost(first);
    if (!host)
        return nullptr;
    const NamespaceEntry* entry = config.find(*host);
    if (entry) {
        prefixHost = std::move(*host);
        rest = name.substr(slash + 1);
    }
    return entry;
}

} // namespace

Result<RegistryPath> parseRegistryPath(std::string_view path)
{
    const auto invalid = [&] {
        return makeError("path.invalid", NSGATE_TEXT("nsgate::model", "path %1 is not a registry object path")
                                             .with(quoteForMessage(path.substr(0, 256))));
    };
    if (!path.starts_with("/v2/"))
        return invalid();
    const std::string_view body = path.substr(4);

    // The reference never contains '/', so the object kind is read from the end;
    // repository names may themselves contain "manifests" or "blobs".
    if (body.ends_with("/tags/list")) {
        const auto name = body.substr(0, body.size() - 10);
        if (name.empty())
            return invalid();
        return RegistryPath{std::string(name), ObjectKind::Tags, {}};
    }
    const auto lastSlash = body.rfind('/');
    if (lastSlash == std::string_view::npos || lastSlash == 0)
        return invalid();
    const std::string_view reference = body.substr(lastSlash + 1);
    const std::string_view head = body.substr(0, lastSlash);
    const auto kindSlash = head.rfind('/');
    if (kindSlash == std::string_view::npos || kindSlash == 0 || reference.empty())
        return invalid();
    const std::string_view kind = head.substr(kindSlash + 1);
    const std::string_view name = head.substr(0, kindSlash);
    ObjectKind object;
    if (kind == "manifests")
        object = ObjectKind::Manifest;
    else if (kind == "blobs")
        object = ObjectKind::Blob;
    else if (kind == "referrers")
        object = ObjectKind::Referrers;
    else
        return invalid();
    return RegistryPath{std::string(name), object, std::string(reference)};
}

Resolution resolveNamespace(const RegistryRequest& request, const MirrorConfig& config)
{
    Resolution r;
    auto parsed = parseRegistryPath(request.path);
    if (!parsed)
        return reject(std::move(r), 404, "NAME_UNKNOWN", parsed.error().message);
    r.object = parsed->object;
    r.reference = parsed->reference;

    // 1. ns from the query, normalized; a value that is no registry host is refused.
    std::optional<std::string> ns;
    if (request.ns) {
        auto normalized = normalizeNs(*request.ns);
        if (!normalized)
            return reject(std::move(r), 400, "NAME_INVALID", "ns: " + normalized.error().message);
        ns = std::move(*normalized);
        // 2. Some clients name the proxy itself; that says nothing about the registry.
        if (auto host = normalizeRegistryHost(request.host); host && *host == *ns)
            ns.reset();
    }

    // 3. The path-prefix form, and its agreement with ns.
    std::string prefixHost;
    std::string_view rest;
    const NamespaceEntry* prefixEntry = pathPrefixEntry(parsed->name, config, prefixHost, rest);
    std::string_view repository = parsed->name;

    if (ns) {
        r.requestedNs = *ns;
        const NamespaceEntry* entry = config.find(*ns);
        if (!entry) // 4. Closed world: an unmapped namespace is never dialled.
        {
            r.mismatch = Mismatch::Unmapped;
            return reject(std::move(r), 404, "NAME_UNKNOWN",
                          "namespace " + quoteForMessage(*ns) + " is not mapped on this proxy");
        }
        if (prefixEntry) {
            if (prefixEntry != entry) {
                r.mismatch = Mismatch::Conflict;
                return reject(std::move(r), 404, "NAME_UNKNOWN",
                              "ns " + quoteForMessage(*ns) + " disagrees with the path prefix " + quoteForMessage(prefixHost));
            }
            repository = rest;
        }
        r.entry = entry;
        r.route = Route::Namespace;
    } else if (prefixEntry) {
        r.requestedNs = prefixHost;
        r.entry = prefixEntry;
        r.route = Route::Namespace;
        repository = rest;
    } else {
        // 5. No namespace at all.
        r.mismatch = Mismatch::Missing;
        const NamespaceEntry* fallback = config.defaultNamespace ? config.find(*config.defaultNamespace) : nullptr;
        if (fallback && fallback->policy.onMissingNs == MissingNsMode::Serve) {
            r.entry = fallback;
            r.route = Route::Namespace;
        } else {
            r.route = Route::CacheOnly;
        }
    }

    if (!isValidRepository(repository))
        return reject(std::move(r), 400, "NAME_INVALID", checkRepository(repository).error().message);
    r.repository = std::string(repository);

    switch (r.object) {
    case ObjectKind::Tags:
        break;
    case ObjectKind::Blob:
    case ObjectKind::Referrers:
        if (!isValidDigest(r.reference))
            return reject(std::move(r), 400, "DIGEST_INVALID", checkDigest(r.reference).error().message);
        r.byDigest = true;
        break;
    case ObjectKind::Manifest:
        if (r.reference.find(':') != std::string::npos) {
            if (!isValidDigest(r.reference))
                return reject(std::move(r), 400, "DIGEST_INVALID", checkDigest(r.reference).error().message);
            r.byDigest = true;
        } else if (!isValidTag(r.reference)) {
            return reject(std::move(r), 400, "MANIFEST_INVALID", checkTag(r.reference).error().message);
        }
        break;
    }

    if (r.route == Route::CacheOnly && !r.byDigest)
        return reject(std::move(r), 404, "NAME_UNKNOWN",
                      "request for " + quoteForMessage(r.repository) +
                          " names no registry (no ns) and this proxy has no default namespace that serves it");
    return r;
}

PolicyDecision applyPolicy(const NamespaceEntry& entry, const Resolution& resolution)
{
    const auto& policy = entry.policy;
    if (!policyAllows(policy.allow, policy.deny, resolution.repository))
        return {false, 403, "DENIED",
                "repository " + quoteForMessage(resolution.repository) + " is not allowed in namespace " +
                    quoteForMessage(entry.name)};
    if (policy.tags == TagMode::DigestOnly && !resolution.byDigest)
        return {false, 404, resolution.object == ObjectKind::Tags ? "NAME_UNKNOWN" : "MANIFEST_UNKNOWN",
                "namespace " + quoteForMessage(entry.name) + " serves content by digest only (policy tags: digest-only)"};
    return {};
}

} // namespace nsgate::model
