#include "ui/ExportSettings.h"

#include "core/export/DockerExporter.h"
#include "core/export/HttpUrl.h"
#include "core/export/K3sExporter.h"
#include "core/export/RegistriesConfExporter.h"

#include <QCoreApplication>

namespace nsgate::ui {

using Format = ExportSettings::Format;

Result<exporters::ExportResult> runExport(const model::MirrorConfig& config, const ExportSettings& s)
{
    switch (s.format) {
    case Format::Containerd: {
        exporters::ContainerdOptions options;
        options.proxyUrl = s.proxyUrl;
        options.version = s.containerdVersion;
        options.fallback = s.fallback;
        options.includeDefault = s.includeDefault;
        options.caPath = s.caPath;
        options.skipVerify = s.skipVerify;
        return exporters::exportContainerd(config, options);
    }
    case Format::RegistriesConf: {
        auto url = exporters::parseHttpUrl(s.proxyUrl, "proxyUrl");
        if (!url)
            return url.error();
        // The mirror location is <host:port>/<namespace>; a path in front of
        // it would be read as part of the namespace by the proxy.
        if (!url->path.empty())
            return makeError(
                "export.option",
                QCoreApplication::translate("nsgate::ui::ExportPage",
                                            "registries.conf needs the proxy at the root of its host: "
                                            "proxyUrl \"%1\" has the path \"%2\"")
                    .arg(QString::fromStdString(s.proxyUrl), QString::fromStdString(url->path))
                    .toStdString());
        exporters::RegistriesConfOptions options;
        options.proxyHostPort = url->hostPort;
        options.insecure = url->scheme == "http" || s.skipVerify;
        return exporters::exportRegistriesConf(config, options);
    }
    case Format::K3s: {
        exporters::K3sOptions options;
        options.proxyUrl = s.proxyUrl;
        options.includeDefault = s.includeDefault;
        options.caPath = s.caPath;
        options.skipVerify = s.skipVerify;
        return exporters::exportK3s(config, options);
    }
    case Format::Docker:
        return exporters::exportDocker(config, exporters::DockerOptions{s.proxyUrl});
    }
    return makeError("export.internal", "unknown export format");
}

} // namespace nsgate::ui
