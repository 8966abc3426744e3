#pragma once

// Checks shared by the writers' option structs. Messages name the option as it
// is spelled in the options struct ("caPath") and quote the offending value.

#include "core/export/HttpUrl.h"
#include "core/export/NamespaceHosts.h"
#include "core/model/Message.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <string>
#include <string_view>
#include <vector>

namespace nsgate::exporters {

// A file path for the nodes: any text but control characters (code "export.option").
Status<> checkPathOption(std::string_view value, std::string_view field);

// TLS options have no effect on a plain-HTTP proxy; say so instead of writing
// settings that look like protection.
void addProxyTlsWarnings(const HttpUrl& proxy, bool hasCa, bool skipVerify,
                         std::vector<model::Message>& warnings);

// What every writer that points nodes at the proxy URL starts from: the parsed
// proxy URL, the checked CA path, the config's hosts and the TLS warnings.
struct ProxyExport
{
    HttpUrl proxy;
    std::vector<NamespaceHost> hosts;
    std::vector<model::Message> warnings;
};

Result<ProxyExport> prepareProxyExport(const model::MirrorConfig& config, std::string_view proxyUrl,
                                       std::string_view caPath, bool skipVerify);

} // namespace nsgate::exporters
