#include "core/export/OptionChecks.h"

#include "core/model/Grammar.h"

#include <algorithm>

namespace nsgate::exporters {

Status<> checkPathOption(std::string_view value, std::string_view field)
{
    const bool control = std::any_of(value.begin(), value.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
    if (control)
        return makeError("export.option", NSGATE_TEXT("nsgate::export", "%1 %2: contains a control character")
                                              .with(field, model::quoteForMessage(value)));
    return {};
}

void addProxyTlsWarnings(const HttpUrl& proxy, bool hasCa, bool skipVerify,
                         std::vector<model::Message>& warnings)
{
    if (proxy.scheme != "http")
        return;
    const auto noEffect = [&](std::string_view option) {
        return NSGATE_TEXT("nsgate::export", "%1 has no effect: the proxy URL %2 is plain http")
            .with(option, model::quoteForMessage(proxy.text()));
    };
    if (hasCa)
        warnings.push_back(noEffect("caPath"));
    if (skipVerify)
        warnings.push_back(noEffect("skipVerify"));
}

Result<ProxyExport> prepareProxyExport(const model::MirrorConfig& config, std::string_view proxyUrl,
                                       std::string_view caPath, bool skipVerify)
{
    auto proxy = parseHttpUrl(proxyUrl, "proxyUrl");
    if (!proxy)
        return proxy.error();
    if (auto ok = checkPathOption(caPath, "caPath"); !ok)
        return ok.error();
    auto hosts = namespaceHosts(config);
    if (!hosts)
        return hosts.error();
    ProxyExport prepared{std::move(proxy).value(), std::move(hosts).value(), {}};
    addProxyTlsWarnings(prepared.proxy, !caPath.empty(), skipVerify, prepared.warnings);
    return prepared;
}

} // namespace nsgate::exporters
