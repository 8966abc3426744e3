#pragma once

// Every host spelling a config maps (each namespace, then its aliases), in
// config order: the unit the writers emit one entry or file for. Names become
// directory names and keys in client files, so they are checked here even if
// the caller validated the config: a name that is not a normalized registry
// host would be a path outside the output directory or a key no client matches.

#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <cstddef>
#include <string>
#include <vector>

namespace nsgate::exporters {

struct NamespaceHost
{
    std::string host;                             // the namespace or alias as written in image references
    const model::NamespaceEntry* entry = nullptr; // the entry it belongs to (points into the config)
    std::size_t entryIndex = 0;
    bool isAlias = false;
};

// Fails (code "export.config") on a name or alias that is not a normalized
// registry host, and on a spelling used twice.
Result<std::vector<NamespaceHost>> namespaceHosts(const model::MirrorConfig& config);

} // namespace nsgate::exporters
