#pragma once

// A small, strict argument parser for nsgatectl's sub-commands: every option
// is declared, unknown options and missing values are usage errors (exit 2),
// and every command answers --help.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsgate::ctl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalidInput = 1;
inline constexpr int kExitUsage = 2;

struct OptionSpec
{
    std::string name;                   // "--config"
    std::string valueName = {};         // "FILE"; empty for a switch
    std::string help = {};
    std::vector<std::string> choices = {};   // allowed values, when limited
    bool required = false;
};

struct CommandSpec
{
    std::string usage;                  // "nsgatectl export containerd --config CONFIG.json ..."
    std::string summary;
    std::vector<std::string> positionals; // names, all required
    std::vector<OptionSpec> options;
};

class ParsedArgs
{
public:
    bool has(std::string_view option) const { return m_values.contains(std::string(option)); }
    std::string value(std::string_view option, std::string fallback = {}) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }

    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_positionals;
    bool helpRequested = false;
};

// Parses `args` against `spec`. On a usage error prints the reason and the
// usage to stderr and returns nullopt; on --help prints the help to stdout.
std::optional<ParsedArgs> parseArgs(const CommandSpec& spec, const std::vector<std::string>& args);

void printHelp(const CommandSpec& spec);

} // namespace nsgate::ctl
