#include "app/ctl/CommandLine.h"
#include "app/ctl/Commands.h"
#include "app/ctl/ConfigFile.h"
#include "app/ctl/Translate.h"

#include <iostream>

namespace nsgate::ctl {

int runValidate(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl validate CONFIG.json",
        translate("nsgatectl",
                  "Checks a config document: its shape, every value and the rules between them.\n"
                  "Prints every problem as `POINTER: message` (exit 1), or a summary (exit 0)."),
        {"CONFIG.json"},
        {},
    };
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;
    const std::string& file = parsed->positionals()[0];
    auto config = loadValidConfig(file);
    if (!config)
        return kExitInvalidInput;
    const int count = static_cast<int>(config->namespaces.size());
    std::cout << withArgs(translate("nsgatectl", "%1: valid, %n namespace(s)", nullptr, count), file) << "\n";
    return kExitOk;
}

} // namespace nsgate::ctl
