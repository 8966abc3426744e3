#pragma once

// containers-registries.conf (v2) for podman, skopeo, buildah and CRI-O. These
// clients never send `ns`, so each registry gets the proxy as a mirror in the
// path-prefix form nsgate understands: `location = "<proxy>/<namespace>"` makes
// the client ask for /v2/<namespace>/<repository>/...
//
// The mirror location is parsed as an image reference by containers/image, and
// nsgate recognizes a path-prefix namespace only when it contains a '.' or ':'.
// Namespaces that cannot satisfy both (host:port, IPv6, single-label names such
// as "localhost") are left out with a warning rather than written broken.
// Aliases get their own [[registry]], mirrored under their own spelling, which
// nsgate maps back to the namespace.

#include "core/export/ExportTypes.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <string>

namespace nsgate::exporters {

struct RegistriesConfOptions
{
    std::string proxyHostPort; // host[:port] of the proxy as the nodes reach it, no scheme
    bool insecure = false;     // plain HTTP or an untrusted certificate
};

// One file, "registries.conf". Errors: code "export.option" for the options,
// "export.config" for namespaces that are not registry hosts.
Result<ExportResult> exportRegistriesConf(const model::MirrorConfig& config,
                                          const RegistriesConfOptions& options);

} // namespace nsgate::exporters
