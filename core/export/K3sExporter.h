#pragma once

// k3s / rke2 `registries.yaml`: every namespace and alias mirrored through the
// proxy (k3s's embedded containerd sends `ns`), optionally the quoted "*"
// catch-all, and the proxy's TLS settings under `configs`.
//
// registries.yaml has no per-endpoint capabilities, so a digest-only namespace
// cannot keep tag lookups away from the proxy: it is written like any other and
// reported in the warnings (the proxy refuses the tag, k3s falls back to the
// registry itself). Every string scalar is double-quoted so that no YAML 1.1
// reader takes a host or path for a number or boolean.

#include "core/export/ExportTypes.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <string>

namespace nsgate::exporters {

struct K3sOptions
{
    std::string proxyUrl;        // http(s)://host[:port][/path]
    bool includeDefault = false; // add mirrors."*"
    std::string caPath;          // the proxy's CA as a path on the nodes
    bool skipVerify = false;
};

// One file, "registries.yaml". Errors: code "url.invalid" / "export.option" for
// the options, "export.config" for namespaces that are not registry hosts.
Result<ExportResult> exportK3s(const model::MirrorConfig& config, const K3sOptions& options);

} // namespace nsgate::exporters
