#pragma once

// Namespace resolution of the proxy, as a pure function: from the `ns` query
// value, the Host header, the request path and a config, decide which
// namespace entry answers, for which repository and reference, and which kind
// of mismatch the request shows. The proxy only calls this; it never decides
// routing on its own, so the closed-world rule ("ns is a lookup key, never a
// dial target") is tested here.

#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <optional>
#include <string>
#include <string_view>

namespace nsgate::model {

enum class ObjectKind { Manifest, Blob, Tags, Referrers };
enum class Mismatch { None, Missing, Unmapped, Conflict };

std::string_view toString(ObjectKind kind);   // "manifest", "blob", "tags", "referrers"
std::string_view toString(Mismatch mismatch); // "none", "missing", "unmapped", "conflict"

// `/v2/<name>/manifests/<reference>` and friends, before any namespace is
// taken off `name`. Nothing is validated except the shape.
struct RegistryPath
{
    std::string name;
    ObjectKind object = ObjectKind::Manifest;
    std::string reference;   // tag or digest; empty for tags/list
};

// Fails for paths that are not an object path of the pull API (including
// "/v2/" itself, which the proxy answers without routing).
Result<RegistryPath> parseRegistryPath(std::string_view path);

struct RegistryRequest
{
    std::string_view path;              // without the query string
    std::optional<std::string_view> ns; // raw (still percent-encoded) value of the `ns` query parameter
    std::string_view host;              // the Host header as received
};

enum class Route {
    Namespace, // `entry` answers
    CacheOnly, // no namespace: serve this digest only from content cached for the
               // repository under exactly one namespace (the proxy's cache decides)
    Reject,    // answer `status` with the OCI error `errorCode`
};

struct Resolution
{
    Route route = Route::Reject;
    const NamespaceEntry* entry = nullptr;
    std::optional<std::string> requestedNs; // normalized ns, or the path-prefix namespace
    std::string repository;
    std::string reference;
    ObjectKind object = ObjectKind::Manifest;
    bool byDigest = false;
    Mismatch mismatch = Mismatch::None;

    int status = 0;          // for Route::Reject
    std::string errorCode;   // OCI error code, e.g. "NAME_UNKNOWN"
    std::string message;     // names the offending value

    std::string_view servedNs() const { return entry ? std::string_view(entry->name) : std::string_view(); }
};

Resolution resolveNamespace(const RegistryRequest& request, const MirrorConfig& config);

// The trust policy of `entry` applied to a resolved request.
struct PolicyDecision
{
    bool allowed = true;
    int status = 0;
    std::string errorCode;
    std::string message;
};

PolicyDecision applyPolicy(const NamespaceEntry& entry, const Resolution& resolution);

} // namespace nsgate::model
