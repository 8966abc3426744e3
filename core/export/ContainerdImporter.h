#pragma once

// Reads a containerd certs.d tree (`<host>/hosts.toml` per registry) back into a
// draft config, so an existing node setup can become nsgate's map.
//
// How files map:
// - The directory name is the namespace; `host_port_` (checked first by
//   containerd) and `host:port` are both understood. `_default` is noted and not
//   imported: nsgate serves only mapped namespaces.
// - Upstreams, in containerd's order: each `[host]` that can pull (file order),
//   then `server` (or containerd's implicit https://<namespace>; Docker Hub at
//   registry-1.docker.io). `skip_verify = true` becomes `tlsVerify: false`; a
//   `ca` file is read into `caPem` by the tree import (the pure parser has no
//   files and notes it instead). A URL path is the API root containerd would
//   use, with the trailing /v2 dropped.
// - A host URL that appears in more than one directory (or in `_default`)
//   serves several registries, so it is taken as the proxy the tree points at,
//   not as an upstream; a tree with a single directory cannot be told apart from
//   a plain mirror. When no upstream is left, `server` or https://<namespace> is
//   used. If the pulling hosts (the proxy, when recognized) have no `resolve`
//   capability, tags are resolved elsewhere: the policy becomes digest-only.
// - Aliases cannot be told from separate registries in a tree (two directories
//   with the same `server` may be two registries behind one gateway), so every
//   directory becomes its own entry; merge aliases in the editor.
// - Everything else (client certificates, headers, unknown keys, hosts without
//   `pull`, unreadable or invalid files, directory names that are not registry
//   hosts) is listed in `unmapped`: pointer `<dir>/hosts.toml#<JSON pointer of
//   the key>` (or just the directory), message why.

#include "core/model/Issue.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <filesystem>
#include <string_view>

namespace nsgate::exporters {

struct ImportResult
{
    model::MirrorConfig draft; // revision 0, namespaces in directory-name order
    model::Issues unmapped;
};

// Errors only when `certsDir` cannot be listed (code "import.dir"); everything
// wrong inside the tree is reported in `unmapped`.
Result<ImportResult> importContainerdTree(const std::filesystem::path& certsDir);

// One hosts.toml as found in `<directoryName>/`, without touching the file
// system. Errors: code "hoststoml.directory" when `directoryName` is not a
// registry host (or is `_default`), "hoststoml.parse" when the text is not
// TOML. Never throws.
Result<model::NamespaceEntry> parseHostsToml(std::string_view tomlText, std::string_view directoryName,
                                             model::Issues& unmapped);

// The registry host a certs.d directory name stands for: "host_5000_" and
// "host:5000" both give "host:5000". Code "hoststoml.directory" otherwise.
Result<std::string> namespaceFromDirectoryName(std::string_view directoryName);

} // namespace nsgate::exporters
