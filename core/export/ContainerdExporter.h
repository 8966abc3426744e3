#pragma once

// containerd registry host configuration: a certs.d-style tree with one
// `<host>/hosts.toml` per namespace and alias (optionally `_default/hosts.toml`),
// each sending pulls to the proxy, which learns the registry from `ns`.
//
// Choices the format leaves open:
// - Directory names are the host exactly as in image references, `host:port`
//   included. containerd looks up `host_port_` first and then `host:port`; the
//   literal form is what docker's certs.d uses too (containerd 2.x reads
//   /etc/docker/certs.d by default), and it is the only form that works for an
//   IPv6 host without a port; `host_port_` only matters on file systems that
//   refuse ':' in names. The importer reads both.
// - An alias directory is identical to its namespace's directory: the same proxy
//   and the same `server` (the namespace's origin or first upstream), because an
//   alias is another spelling of the same registry.
// - The proxy is the only `[host]` table, so file order among hosts never matters.
// - A path in the proxy URL is taken as the API root containerd should use
//   verbatim (`override_path = true`), e.g. https://lb.example/nsgate/v2.
// - When `server` is the proxy itself (fallback none), the top level repeats the
//   proxy's TLS, path and timeout settings, since they apply to `server`.

#include "core/export/ExportTypes.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <optional>
#include <string>
#include <string_view>

namespace nsgate::exporters {

// Versions whose hosts.toml understanding differs: `_default` needs 1.6.17,
// `dial_timeout` needs 2.1. 1.7 and 2.0 write the same files.
enum class ContainerdVersion
{
    V1_6,
    V1_7,
    V2_0,
    V2_1
};

std::string_view toString(ContainerdVersion version); // "1.6", "1.7", "2.0", "2.1"
std::optional<ContainerdVersion> containerdVersionFromString(std::string_view text);

// Where a pull goes when the proxy fails or answers 404: containerd's `server`.
enum class Fallback
{
    Origin,   // the registry itself (https://<namespace>; Docker Hub at registry-1.docker.io)
    Upstream, // the namespace's first upstream
    None,     // the proxy again: failures stay failures instead of silently bypassing the proxy
};

std::string_view toString(Fallback fallback); // "origin", "upstream", "none"
std::optional<Fallback> fallbackFromString(std::string_view text);

struct ContainerdOptions
{
    std::string proxyUrl; // http(s)://host[:port][/path], as the nodes reach the proxy
    ContainerdVersion version = ContainerdVersion::V1_7;
    Fallback fallback = Fallback::Origin;
    bool includeDefault = false; // also write _default/hosts.toml for every other registry
    std::string caPath;          // the proxy's CA as a path on the nodes (may be relative to hosts.toml)
    bool skipVerify = false;
};

// Files are `<host>/hosts.toml` and `_default/hosts.toml`, sorted by path.
// Errors: code "url.invalid" or "export.option" for options, "export.config"
// for namespaces that cannot be written (see NamespaceHosts.h).
Result<ExportResult> exportContainerd(const model::MirrorConfig& config, const ContainerdOptions& options);

} // namespace nsgate::exporters
