#pragma once

// Loading a config document from a file for the sub-commands that take
// --config: decode and validate, printing every problem as `POINTER: message`.

#include "core/model/Issue.h"
#include "core/model/MirrorConfig.h"

#include <filesystem>
#include <optional>
#include <string>

namespace nsgate::ctl {

// Reads and decodes `path`; prints problems to stderr and returns nullopt when
// the file cannot be read, is not a config document or does not validate.
std::optional<model::MirrorConfig> loadValidConfig(const std::filesystem::path& path);

// Prints `POINTER: message` lines to stderr, prefixed with `file` when given.
void printIssues(const model::Issues& issues);

// Reads a whole file; on failure prints why and returns nullopt.
std::optional<std::string> readTextFile(const std::filesystem::path& path);

} // namespace nsgate::ctl
