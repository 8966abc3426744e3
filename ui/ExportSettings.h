#pragma once

// The options of one export as `nsgatectl export <format>` takes them, and
// the one function that runs the matching core exporter: the Export page and
// its tests share it, so the page cannot drift from the command line.

#include "core/export/ContainerdExporter.h"
#include "core/export/ExportTypes.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <string>

namespace nsgate::ui {

struct ExportSettings
{
    enum class Format
    {
        Containerd,
        RegistriesConf,
        K3s,
        Docker
    };

    Format format = Format::Containerd;
    std::string proxyUrl; // http(s)://host[:port][/path]
    exporters::ContainerdVersion containerdVersion = exporters::ContainerdVersion::V1_7;
    exporters::Fallback fallback = exporters::Fallback::Origin;
    bool includeDefault = false; // containerd _default, k3s "*"
    std::string caPath;          // containerd, k3s
    bool skipVerify = false;     // containerd, k3s; registries.conf: insecure
};

// Runs the exporter `settings` name. registries.conf takes host[:port] and an
// "insecure" flag: they come from the proxy URL, with insecure set for a
// plain-HTTP proxy or when skipVerify is on (nsgatectl's --insecure means either).
Result<exporters::ExportResult> runExport(const model::MirrorConfig& config, const ExportSettings& settings);

} // namespace nsgate::ui
