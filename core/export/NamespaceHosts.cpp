#include "core/export/NamespaceHosts.h"

#include "core/model/Grammar.h"
#include "core/model/Message.h"
#include "core/model/RegistryHost.h"

#include <set>
#include <string_view>

namespace nsgate::exporters {

namespace {

Status<> checkHost(std::string_view host, const std::string& pointer)
{
    auto normalized = model::normalizeRegistryHost(host, pointer);
    if (!normalized)
        return makeError("export.config", errorText(normalized.error()));
    if (*normalized != host)
        return makeError(
            "export.config",
            NSGATE_TEXT("nsgate::export", "%1 %2: not normalized (clients would look up %3)")
                .with(pointer, model::quoteForMessage(host), model::quoteForMessage(*normalized)));
    return {};
}

} // namespace

Result<std::vector<NamespaceHost>> namespaceHosts(const model::MirrorConfig& config)
{
    std::vector<NamespaceHost> hosts;
    std::set<std::string, std::less<>> seen;
    for (std::size_t i = 0; i < config.namespaces.size(); ++i) {
        const auto& entry = config.namespaces[i];
        const std::string base = "/namespaces/" + std::to_string(i);
        auto add = [&](const std::string& host, const std::string& pointer, bool isAlias) -> Status<> {
            if (auto ok = checkHost(host, pointer); !ok)
                return ok;
            if (!seen.insert(host).second)
                return makeError(
                    "export.config",
                    NSGATE_TEXT("nsgate::export", "%1 %2: used by more than one namespace or alias")
                        .with(pointer, model::quoteForMessage(host)));
            hosts.push_back(NamespaceHost{host, &entry, i, isAlias});
            return {};
        };
        if (auto ok = add(entry.name, base + "/namespace", false); !ok)
            return ok.error();
        for (std::size_t a = 0; a < entry.aliases.size(); ++a) {
            if (auto ok = add(entry.aliases[a], base + "/aliases/" + std::to_string(a), true); !ok)
                return ok.error();
        }
    }
    return hosts;
}

} // namespace nsgate::exporters
