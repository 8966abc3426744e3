#pragma once

// Docker Engine `daemon.json`: `{"registry-mirrors": ["<proxyUrl>"]}`. Docker
// mirrors only Docker Hub, sends no `ns` and wants the mirror at a host root, so
// only docker.io (by name or alias) can be exported; every other namespace is
// named in the warnings. Because Docker's requests carry no `ns`, the proxy
// serves them only through `defaultNamespace`; a config that would refuse them
// gets a warning too.

#include "core/export/ExportTypes.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <string>

namespace nsgate::exporters {

struct DockerOptions
{
    std::string proxyUrl; // http(s)://host[:port], no path
};

// One file, "daemon.json" (a fragment to merge into an existing daemon.json).
// Errors: "url.invalid" / "export.option" for the proxy URL (a path is refused),
// "export.config" when the config has no docker.io namespace.
Result<ExportResult> exportDocker(const model::MirrorConfig& config, const DockerOptions& options);

} // namespace nsgate::exporters
