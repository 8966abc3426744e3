#include "app/ctl/CommandLine.h"

#include "app/ctl/Translate.h"

#include <algorithm>
#include <iostream>

namespace nsgate::ctl {

std::string ParsedArgs::value(std::string_view option, std::string fallback) const
{
    auto it = m_values.find(std::string(option));
    return it == m_values.end() ? fallback : it->second;
}

void printHelp(const CommandSpec& spec)
{
    std::cout << withArgs(translate("nsgatectl", "Usage: %1"), spec.usage) << "\n\n" << spec.summary << "\n";
    if (!spec.options.empty()) {
        std::cout << "\n" << translate("nsgatectl", "Options:") << "\n";
        for (const auto& o : spec.options) {
            std::string left = "  " + o.name + (o.valueName.empty() ? "" : " " + o.valueName);
            if (left.size() < 28)
                left.resize(28, ' ');
            else
                left += "\n" + std::string(28, ' ');
            std::cout << left << o.help;
            if (!o.choices.empty()) {
                std::cout << " (";
                for (std::size_t i = 0; i < o.choices.size(); ++i)
                    std::cout << (i ? ", " : "") << o.choices[i];
                std::cout << ")";
            }
            std::cout << "\n";
        }
    }
    std::cout << "  --help                    " << translate("nsgatectl", "show this help") << "\n";
}

namespace {

std::nullopt_t usageError(const CommandSpec& spec, const std::string& reason)
{
    std::cerr << "nsgatectl: " << reason << "\n"
              << withArgs(translate("nsgatectl", "Usage: %1"), spec.usage) << "\n"
              << translate("nsgatectl", "Try --help for more.") << "\n";
    return std::nullopt;
}

} // namespace

std::optional<ParsedArgs> parseArgs(const CommandSpec& spec, const std::vector<std::string>& args)
{
    ParsedArgs parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            printHelp(spec);
            parsed.helpRequested = true;
            return parsed;
        }
        if (arg.size() > 1 && arg[0] == '-') {
            std::string name = arg;
            std::optional<std::string> inlineValue;
            if (const auto eq = arg.find('='); eq != std::string::npos) {
                name = arg.substr(0, eq);
                inlineValue = arg.substr(eq + 1);
            }
            auto it = std::find_if(spec.options.begin(), spec.options.end(),
                                   [&](const OptionSpec& o) { return o.name == name; });
            if (it == spec.options.end())
                return usageError(spec, withArgs(translate("nsgatectl", "unknown option %1"), name));
            if (parsed.m_values.contains(name))
                return usageError(spec, withArgs(translate("nsgatectl", "option %1 given twice"), name));
            std::string value;
            if (!it->valueName.empty()) {
                if (inlineValue) {
                    value = *inlineValue;
                } else {
                    if (i + 1 >= args.size())
                        return usageError(spec, withArgs(translate("nsgatectl", "option %1 needs a value %2"),
                                                         name, it->valueName));
                    value = args[++i];
                }
                if (value.empty())
                    return usageError(
                        spec, withArgs(translate("nsgatectl", "option %1 needs a non-empty value"), name));
                if (!it->choices.empty() &&
                    std::find(it->choices.begin(), it->choices.end(), value) == it->choices.end()) {
                    std::string allowed;
                    for (const auto& c : it->choices)
                        allowed += (allowed.empty() ? "" : ", ") + c;
                    return usageError(
                        spec,
                        withArgs(translate("nsgatectl", "option %1 does not accept \"%2\" (one of: %3)"),
                                 name, value, allowed));
                }
            } else if (inlineValue) {
                return usageError(spec, withArgs(translate("nsgatectl", "option %1 takes no value"), name));
            }
            parsed.m_values[name] = value;
            continue;
        }
        parsed.m_positionals.push_back(arg);
    }
    if (parsed.m_positionals.size() < spec.positionals.size())
        return usageError(spec, withArgs(translate("nsgatectl", "missing %1"),
                                         spec.positionals[parsed.m_positionals.size()]));
    if (parsed.m_positionals.size() > spec.positionals.size())
        return usageError(spec, withArgs(translate("nsgatectl", "unexpected argument \"%1\""),
                                         parsed.m_positionals[spec.positionals.size()]));
    for (const auto& o : spec.options)
        if (o.required && !parsed.has(o.name))
            return usageError(spec, withArgs(translate("nsgatectl", "missing required option %1"), o.name));
    return parsed;
}

} // namespace nsgate::ctl
