#include "core/export/DockerExporter.h"

#include "core/export/HttpUrl.h"
#include "core/model/Grammar.h"

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
        return makeError("export.option", "proxyUrl " + model::quoteForMessage(options.proxyUrl) +
                                              ": Docker needs a mirror at a host root, without a path");
    const int hub = config.indexOf(kDockerHub);
    if (hub < 0)
        return makeError("export.config", "the config has no docker.io namespace (by name or alias): Docker "
                                          "mirrors only Docker Hub, so there is nothing to export");

    ExportResult result;
    const auto& hubEntry = config.namespaces[static_cast<std::size_t>(hub)];
    for (const auto& entry : config.namespaces) {
        if (&entry != &hubEntry)
            result.warnings.push_back("namespace " + model::quoteForMessage(entry.name) +
                                      " not exportable: Docker mirrors only Docker Hub");
    }
    const model::NamespaceEntry* defaultEntry =
        config.defaultNamespace ? config.find(*config.defaultNamespace) : nullptr;
    if (defaultEntry != &hubEntry || hubEntry.policy.onMissingNs != model::MissingNsMode::Serve)
        result.warnings.push_back(
            "Docker sends no ns: the proxy serves its pulls only when defaultNamespace is " +
            model::quoteForMessage(hubEntry.name) + " with onMissingNs \"serve\"");
    if (hubEntry.policy.tags == model::TagMode::DigestOnly)
        result.warnings.push_back(
            "namespace " + model::quoteForMessage(hubEntry.name) +
            " is digest-only: the proxy refuses Docker's tag lookups and Docker falls back "
            "to Docker Hub for them");

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
        return makeError("export.internal", "daemon.json export failed", e.what());
    }
}

} // namespace nsgate::exporters
