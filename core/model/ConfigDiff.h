#pragma once

// What changed between two config documents, in the words the revision history
// and the dry run use: "+ghcr.io", "-quay.io", "~docker.io policy",
// "~docker.io aliases+upstreams", "default docker.io -> (none)".

#include "core/model/MirrorConfig.h"

#include <string>
#include <vector>

namespace nsgate::model {

// One line per changed namespace (and one for the default namespace), in the
// order of `to`, then removed namespaces in the order of `from`. Namespaces are
// matched by their `namespace` value; a reorder alone is "order".
std::vector<std::string> describeChanges(const MirrorConfig& from, const MirrorConfig& to);

// The lines joined with ", "; "no changes" when there are none.
std::string summarizeChanges(const MirrorConfig& from, const MirrorConfig& to);

} // namespace nsgate::model
