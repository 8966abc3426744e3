#include "core/export/ContainerdExporter.h"

#include "core/export/HttpUrl.h"
#include "core/export/NamespaceHosts.h"
#include "core/export/OptionChecks.h"
#include "core/model/Grammar.h"
#include "core/model/Message.h"

#include <algorithm>
#include <exception>
#include <sstream>
#include <toml++/toml.h>

namespace nsgate::exporters {

namespace {

constexpr std::string_view kDefaultDirectory = "_default";
// Long enough for a loaded proxy across a LAN, short enough that a dead proxy
// does not stall every pull before the fallback is tried.
constexpr std::string_view kDialTimeout = "5s";

// The keys that describe how to reach the proxy; used in its [host] table and,
// when `server` is the proxy too, at the top level (which configures `server`).
void addProxySettings(toml::table& table, const HttpUrl& proxy, const ContainerdOptions& options)
{
    if (!options.caPath.empty())
        table.insert_or_assign("ca", options.caPath);
    if (options.skipVerify)
        table.insert_or_assign("skip_verify", true);
    // Without it containerd appends /v2 to a URL path; with an empty path it is
    // the default anyway, so it is only written when it changes something.
    if (!proxy.path.empty())
        table.insert_or_assign("override_path", true);
    if (options.version == ContainerdVersion::V2_1)
        table.insert_or_assign("dial_timeout", kDialTimeout);
}

struct HostsFile
{
    std::optional<std::string> server;
    bool serverIsProxy = false;
    bool digestOnly = false;
};

std::string renderHostsToml(const HostsFile& file, const HttpUrl& proxy, const ContainerdOptions& options)
{
    toml::table root;
    if (file.server) {
        root.insert_or_assign("server", *file.server);
        if (file.serverIsProxy)
            addProxySettings(root, proxy, options);
    }
    toml::table host;
    addProxySettings(host, proxy, options);
    // Digest-only namespaces: the proxy refuses tags, so containerd must resolve
    // them at `server` and fetch only content by digest through the proxy.
    host.insert_or_assign("capabilities",
                          file.digestOnly ? toml::array{"pull"} : toml::array{"pull", "resolve"});
    // Always present: containerd 1.6 rejects a file with `server` alone and then
    // silently pulls from Docker Hub.
    toml::table hosts;
    hosts.insert_or_assign(proxy.text(), std::move(host));
    root.insert_or_assign("host", std::move(hosts));

    std::ostringstream out;
    out << toml::toml_formatter{root, toml::format_flags::none} << '\n';
    return out.str();
}

Result<HostsFile> namespaceFile(const NamespaceHost& host, const HttpUrl& proxy,
                                const ContainerdOptions& options, std::vector<model::Message>& warnings)
{
    const auto& entry = *host.entry;
    HostsFile file;
    file.digestOnly = entry.policy.tags == model::TagMode::DigestOnly;
    switch (options.fallback) {
    case Fallback::Origin:
        file.server = originUrl(entry.name);
        break;
    case Fallback::Upstream: {
        const std::string pointer = "/namespaces/" + std::to_string(host.entryIndex) + "/upstreams/0";
        if (entry.upstreams.empty())
            return makeError(
                "export.config",
                NSGATE_TEXT("nsgate::export", "namespace %1 has no upstream to fall back to (fallback %2)")
                    .with(model::quoteForMessage(entry.name), "upstream"));
        const auto& upstream = entry.upstreams.front();
        auto url = parseHttpUrl(upstream.url, pointer + "/url");
        if (!url)
            return url.error();
        file.server = url->text();
        if (upstream.repositoryPrefix && !host.isAlias)
            warnings.push_back(
                NSGATE_TEXT("nsgate::export",
                            "namespace %1: fallback upstream %2 has %3 %4, which containerd does "
                            "not add when it falls back to it directly")
                    .with(model::quoteForMessage(entry.name), model::quoteForMessage(file.server.value()),
                          "repositoryPrefix", model::quoteForMessage(*upstream.repositoryPrefix)));
        break;
    }
    case Fallback::None:
        file.server = proxy.text();
        file.serverIsProxy = true;
        if (file.digestOnly && !host.isAlias)
            warnings.push_back(
                NSGATE_TEXT("nsgate::export",
                            "namespace %1 is digest-only and fallback is %2: containerd resolves its "
                            "tags at %3, which is the proxy, and the proxy refuses tags")
                    .with(model::quoteForMessage(entry.name), "none", "server"));
        break;
    }
    return file;
}

HostsFile defaultFile(const HttpUrl& proxy, const ContainerdOptions& options,
                      std::vector<model::Message>& warnings)
{
    HostsFile file;
    switch (options.fallback) {
    case Fallback::Origin:
        // No `server`: containerd falls back to https://<host> of each reference.
        break;
    case Fallback::Upstream:
        warnings.push_back(
            NSGATE_TEXT("nsgate::export",
                        "%1 has no upstream of its own: it falls back to each registry's origin")
                .with(kDefaultDirectory));
        break;
    case Fallback::None:
        file.server = proxy.text();
        file.serverIsProxy = true;
        break;
    }
    if (options.version == ContainerdVersion::V1_6)
        warnings.push_back(NSGATE_TEXT("nsgate::export",
                                       "%1 needs containerd 1.6.17 or later; earlier 1.6 releases ignore it")
                               .with(std::string(kDefaultDirectory) + "/hosts.toml"));
    return file;
}

Result<ExportResult> exportContainerdUnchecked(const model::MirrorConfig& config,
                                               const ContainerdOptions& options)
{
    auto prepared = prepareProxyExport(config, options.proxyUrl, options.caPath, options.skipVerify);
    if (!prepared)
        return prepared.error();
    const HttpUrl* proxy = &prepared->proxy;
    const std::vector<NamespaceHost>* hosts = &prepared->hosts;

    ExportResult result;
    result.warnings = std::move(prepared->warnings);
    if (!proxy->path.empty() && !proxy->path.ends_with("/v2"))
        result.warnings.push_back(
            NSGATE_TEXT("nsgate::export",
                        "%1 path %2 does not end in /v2: containerd uses it verbatim as the "
                        "API root (%3), so requests go to %4/<repository>/manifests/...")
                .with("proxyUrl", model::quoteForMessage(proxy->path), "override_path", proxy->path));

    for (const auto& host : *hosts) {
        auto file = namespaceFile(host, *proxy, options, result.warnings);
        if (!file)
            return file.error();
        result.files.push_back(
            ExportedFile{host.host + "/hosts.toml", renderHostsToml(*file, *proxy, options)});
    }
    if (options.includeDefault) {
        const auto file = defaultFile(*proxy, options, result.warnings);
        result.files.push_back(ExportedFile{std::string(kDefaultDirectory) + "/hosts.toml",
                                            renderHostsToml(file, *proxy, options)});
    }
    if (result.files.empty())
        result.warnings.push_back(
            NSGATE_TEXT("nsgate::export", "the config has no namespaces and %1 was not asked for: no files")
                .with(kDefaultDirectory));

    std::sort(result.files.begin(), result.files.end(),
              [](const ExportedFile& a, const ExportedFile& b) { return a.relativePath < b.relativePath; });
    return result;
}

} // namespace

std::string_view toString(ContainerdVersion version)
{
    switch (version) {
    case ContainerdVersion::V1_6:
        return "1.6";
    case ContainerdVersion::V1_7:
        return "1.7";
    case ContainerdVersion::V2_0:
        return "2.0";
    case ContainerdVersion::V2_1:
        return "2.1";
    }
    return "1.7";
}

std::optional<ContainerdVersion> containerdVersionFromString(std::string_view text)
{
    for (auto v : {ContainerdVersion::V1_6, ContainerdVersion::V1_7, ContainerdVersion::V2_0,
                   ContainerdVersion::V2_1}) {
        if (toString(v) == text)
            return v;
    }
    return std::nullopt;
}

std::string_view toString(Fallback fallback)
{
    switch (fallback) {
    case Fallback::Origin:
        return "origin";
    case Fallback::Upstream:
        return "upstream";
    case Fallback::None:
        return "none";
    }
    return "origin";
}

std::optional<Fallback> fallbackFromString(std::string_view text)
{
    for (auto f : {Fallback::Origin, Fallback::Upstream, Fallback::None}) {
        if (toString(f) == text)
            return f;
    }
    return std::nullopt;
}

Result<ExportResult> exportContainerd(const model::MirrorConfig& config, const ContainerdOptions& options)
{
    try {
        return exportContainerdUnchecked(config, options);
    } catch (const std::exception& e) {
        return makeError("export.internal",
                         NSGATE_TEXT("nsgate::export", "%1 export failed").with("containerd"), e.what());
    }
}

} // namespace nsgate::exporters
