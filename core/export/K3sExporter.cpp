#include "core/export/K3sExporter.h"

#include "core/export/HttpUrl.h"
#include "core/export/NamespaceHosts.h"
#include "core/export/OptionChecks.h"
#include "core/model/Grammar.h"
#include "core/model/Message.h"

#include <exception>
#include <yaml-cpp/yaml.h>

namespace nsgate::exporters {

namespace {

void emitMirror(YAML::Emitter& out, const std::string& registry, const HttpUrl& proxy)
{
    out << YAML::Key << YAML::DoubleQuoted << registry << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "endpoint" << YAML::Value << YAML::BeginSeq << YAML::DoubleQuoted << proxy.text()
        << YAML::EndSeq;
    out << YAML::EndMap;
}

Result<ExportResult> exportUnchecked(const model::MirrorConfig& config, const K3sOptions& options)
{
    auto prepared = prepareProxyExport(config, options.proxyUrl, options.caPath, options.skipVerify);
    if (!prepared)
        return prepared.error();
    const HttpUrl* proxy = &prepared->proxy;
    const std::vector<NamespaceHost>* hosts = &prepared->hosts;

    ExportResult result;
    result.warnings = std::move(prepared->warnings);

    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "mirrors" << YAML::Value << YAML::BeginMap;
    for (const auto& host : *hosts) {
        emitMirror(out, host.host, *proxy);
        if (!host.isAlias && host.entry->policy.tags == model::TagMode::DigestOnly)
            result.warnings.push_back(
                NSGATE_TEXT("nsgate::export",
                            "namespace %1 is digest-only, but %2 cannot keep tag lookups away "
                            "from the proxy: the proxy refuses them and k3s falls back to the "
                            "registry itself")
                    .with(model::quoteForMessage(host.host), "registries.yaml"));
    }
    if (options.includeDefault)
        emitMirror(out, "*", *proxy);
    out << YAML::EndMap;

    if (!options.caPath.empty() || options.skipVerify) {
        out << YAML::Key << "configs" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << YAML::DoubleQuoted << proxy->hostPort << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "tls" << YAML::Value << YAML::BeginMap;
        if (!options.caPath.empty())
            out << YAML::Key << "ca_file" << YAML::Value << YAML::DoubleQuoted << options.caPath;
        if (options.skipVerify)
            out << YAML::Key << "insecure_skip_verify" << YAML::Value << true;
        out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    }
    out << YAML::EndMap;

    if (!out.good())
        return makeError("export.internal",
                         NSGATE_TEXT("nsgate::export", "%1 export failed").with("registries.yaml"),
                         out.GetLastError());
    if (hosts->empty() && !options.includeDefault)
        result.warnings.push_back(
            NSGATE_TEXT("nsgate::export", "the config has no namespaces and %1 was not asked for: no mirrors")
                .with("\"*\""));
    result.files.push_back(ExportedFile{"registries.yaml", std::string(out.c_str()) + "\n"});
    return result;
}

} // namespace

Result<ExportResult> exportK3s(const model::MirrorConfig& config, const K3sOptions& options)
{
    try {
        return exportUnchecked(config, options);
    } catch (const std::exception& e) {
        return makeError("export.internal",
                         NSGATE_TEXT("nsgate::export", "%1 export failed").with("registries.yaml"), e.what());
    }
}

} // namespace nsgate::exporters
