#include "core/export/DockerExporter.h"

#include "core/export/HttpUrl.h"
#include "core/model/Grammar.h"
#include "core/model/Message.h"

#include <boost/json.hpp>
#include <exception>

namespace nsgate::exporters {

namespace {

constexpr std::string_view kDockerHub = "docker.io";

Result<ExportResult> exportUnchecked(const model::MirrorConfig& config, const DockerOptions& options)
{
    auto proxy = parseHttpUrl(options.proxyUrl, "proxyUrl");
    if (!proxy)
        return proxy.error();
    if (!proxy->path.empty())
        return makeError(
            "export.option",
            NSGATE_TEXT("nsgate::export", "%1 %2: Docker needs a mirror at a host root, without a path")
                .with("proxyUrl", model::quoteForMessage(options.proxyUrl)));
    const int hub = config.indexOf(kDockerHub);
    if (hub < 0)
        return makeError("export.config",
                         NSGATE_TEXT("nsgate::export",
                                     "the config has no %1 namespace (by name or alias): Docker "
                                     "mirrors only Docker Hub, so there is nothing to export")
                             .with(kDockerHub));

    ExportResult result;
    const auto& hubEntry = config.namespaces[static_cast<std::size_t>(hub)];
    for (const auto& entry : config.namespaces) {
        if (&entry != &hubEntry)
            result.warnings.push_back(
                NSGATE_TEXT("nsgate::export", "namespace %1 not exportable: Docker mirrors only Docker Hub")
                    .with(model::quoteForMessage(entry.name)));
    }
    const model::NamespaceEntry* defaultEntry =
        config.defaultNamespace ? config.find(*config.defaultNamespace) : nullptr;
    if (defaultEntry != &hubEntry || hubEntry.policy.onMissingNs != model::MissingNsMode::Serve)
        result.warnings.push_back(
            NSGATE_TEXT("nsgate::export",
                        "Docker sends no ns: the proxy serves its pulls only when %1 is %2 with %3 %4")
                .with("defaultNamespace", model::quoteForMessage(hubEntry.name), "onMissingNs", "\"serve\""));
    if (hubEntry.policy.tags == model::TagMode::DigestOnly)
        result.warnings.push_back(
            NSGATE_TEXT("nsgate::export",
                        "namespace %1 is digest-only: the proxy refuses Docker's tag lookups "
                        "and Docker falls back to Docker Hub for them")
                .with(model::quoteForMessage(hubEntry.name)));

    boost::json::object root;
    root["registry-mirrors"] = boost::json::array{boost::json::string(proxy->text())};
    result.files.push_back(ExportedFile{"daemon.json", boost::json::serialize(root) + "\n"});
    return result;
}

} // namespace

Result<ExportResult> exportDocker(const model::MirrorConfig& config, const DockerOptions& options)
{
    try {
        return exportUnchecked(config, options);
    } catch (const std::exception& e) {
        return makeError("export.internal",
                         NSGATE_TEXT("nsgate::export", "%1 export failed").with("daemon.json"), e.what());
    }
}

} // namespace nsgate::exporters
