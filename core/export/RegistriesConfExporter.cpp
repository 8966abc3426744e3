#include "core/export/RegistriesConfExporter.h"

#include "core/export/NamespaceHosts.h"
#include "core/model/Grammar.h"
#include "core/model/RegistryHost.h"

#include <exception>
#include <sstream>
#include <toml++/toml.h>

namespace nsgate::exporters {

namespace {

Result<std::string> checkProxyHostPort(std::string_view value)
{
    if (value.find("://") != std::string_view::npos)
        return makeError("export.option", "proxyHostPort " + model::quoteForMessage(value) +
                                              ": must be host[:port] without a scheme");
    auto host = model::normalizeRegistryHost(value, "proxyHostPort");
    if (!host)
        return makeError("export.option", host.error().message);
    return std::move(host.value());
}

// Empty when `host` can be a path-prefix namespace; otherwise why not.
std::string pathPrefixProblem(std::string_view host)
{
    if (host.find_first_of(":[]") != std::string_view::npos)
        return "mirror locations are image references, which allow no ':' or brackets after the proxy host";
    if (host.find('.') == std::string_view::npos || !model::isValidRepository(host))
        return "the proxy recognizes a path-prefix namespace only when it contains a '.'";
    return {};
}

Result<ExportResult> exportUnchecked(const model::MirrorConfig& config, const RegistriesConfOptions& options)
{
    auto proxy = checkProxyHostPort(options.proxyHostPort);
    if (!proxy)
        return proxy.error();
    auto hosts = namespaceHosts(config);
    if (!hosts)
        return hosts.error();

    ExportResult result;
    toml::array registries;
    for (const auto& host : *hosts) {
        if (const auto problem = pathPrefixProblem(host.host); !problem.empty()) {
            result.warnings.push_back((host.isAlias ? "alias " : "namespace ") +
                                      model::quoteForMessage(host.host) + " not exported: " + problem);
            continue;
        }
        toml::table mirror;
        mirror.insert_or_assign("location", *proxy + "/" + host.host);
        if (options.insecure)
            mirror.insert_or_assign("insecure", true);
        // The proxy refuses tags here, so only pulls by digest may use it.
        if (host.entry->policy.tags == model::TagMode::DigestOnly)
            mirror.insert_or_assign("pull-from-mirror", "digest-only");

        toml::table registry;
        registry.insert_or_assign("prefix", host.host);
        registry.insert_or_assign("location", host.host);
        registry.insert_or_assign("mirror", toml::array{std::move(mirror)});
        registries.push_back(std::move(registry));
    }
    if (registries.empty())
        result.warnings.emplace_back("no namespace could be exported: registries.conf has no [[registry]]");

    toml::table root;
    if (!registries.empty())
        root.insert_or_assign("registry", std::move(registries));
    std::ostringstream out;
    out << toml::toml_formatter{root, toml::format_flags::none} << '\n';
    result.files.push_back(ExportedFile{"registries.conf", out.str()});
    return result;
}

} // namespace

Result<ExportResult> exportRegistriesConf(const model::MirrorConfig& config,
                                          const RegistriesConfOptions& options)
{
    try {
        return exportUnchecked(config, options);
    } catch (const std::exception& e) {
        return makeError("export.internal", "registries.conf export failed", e.what());
    }
}

} // namespace nsgate::exporters
