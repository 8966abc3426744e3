#pragma once

// Writes a file so that readers see either the old content or the whole new
// content, never a torn file: write a temporary sibling, fsync, rename, fsync
// the directory.

#include "core/model/Result.h"

#include <filesystem>
#include <string_view>

namespace nsgate::exporters {

enum class Overwrite { Refuse, Allow };

Status<> writeFileAtomically(const std::filesystem::path& path, std::string_view content,
                             Overwrite overwrite = Overwrite::Refuse);

} // namespace nsgate::exporters
