// hosts.toml files come from nodes being imported: parsing must never crash or
// throw, a refusal must say why, and whatever maps must be a valid namespace
// entry. An input starting with "# dir=<name>\n" is read as found in <name>/
// (the line is a TOML comment), so directory names get fuzzed too.

#include "core/export/ContainerdImporter.h"
#include "core/model/ConfigValidator.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string_view directory = "docker.io";
    constexpr std::string_view kDirPrefix = "# dir=";
    if (text.starts_with(kDirPrefix)) {
        const auto end = text.find('\n');
        directory =
            text.substr(kDirPrefix.size(), end == std::string_view::npos ? end : end - kDirPrefix.size());
    }

    nsgate::model::Issues unmapped;
    auto entry = nsgate::exporters::parseHostsToml(text, directory, unmapped);
    for (const auto& issue : unmapped) {
        if (issue.message.empty() || !issue.pointer.starts_with(directory))
            std::abort();
    }
    if (!entry) {
        if (entry.error().message.empty() || entry.error().code.empty())
            std::abort();
        return 0;
    }
    auto ns = nsgate::exporters::namespaceFromDirectoryName(directory);
    if (!ns || *ns != entry->name || entry->upstreams.empty())
        std::abort();
    nsgate::model::MirrorConfig config;
    config.namespaces.push_back(*entry);
    if (!nsgate::model::validateConfig(config).empty())
        std::abort();
    return 0;
}
