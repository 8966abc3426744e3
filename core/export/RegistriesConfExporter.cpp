#include "core/export/RegistriesConfExporter.h"

#include "core/export/NamespaceHosts.h"
#include "core/model/Grammar.h"
#include "core/model/Message.h"
#include "core/model/RegistryHost.h"

#include <exception>
#include <sstream>
#include <toml++/toml.h>

namespace nsgate::exporters {

namespace {

Result<std::string> checkProxyHostPort(std::string_view value)
{
    if (value.find("://") != std::string_view::npos)
        return makeError("export.option",
                         NSGATE_TEXT("nsgate::export", "%1 %2: must be host[:port] without a scheme")
                             .with("proxyHostPort", model::quoteForMessage(value)));
    auto host = model::normalizeRegistryHost(value, "proxyHostPort");
    if (!host)
        return makeError("export.option", errorText(host.error()));
    return std::move(host.value());
}

// Empty when `host` can be a path-prefix namespace; otherwise why not.
model::Message pathPrefixProblem(std::string_view host)
{
    if (host.find_first_of(":[]") != std::string_view::npos)
        return NSGATE_TEXT(
            "nsgate::export",
            "mirror locations are image references, which allow no ':' or brackets after the proxy host");
    if (host.find('.') == std::string_view::npos || !model::isValidRepository(host))
        return NSGATE_TEXT("nsgate::export",
                           "the proxy recognizes a path-prefix namespace only when it contains a '.'");
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
        if (auto problem = pathPrefixProblem(host.host); !problem.empty()) {
            auto warning = host.isAlias ? NSGATE_TEXT("nsgate::export", "alias %1 not exported: %2")
                                        : NSGATE_TEXT("nsgate::export", "namespace %1 not exported: %2");
            result.warnings.push_back(
                std::move(warning).with(model::quoteForMessage(host.host), std::move(problem)));
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
        result.warnings.push_back(
            NSGATE_TEXT("nsgate::export", "no namespace could be exported: %1 has no %2")
                .with("registries.conf", "[[registry]]"));

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
        return makeError("export.internal",
                         NSGATE_TEXT("nsgate::export", "%1 export failed").with("registries.conf"), e.what());
    }
}

} // namespace nsgate::exporters
