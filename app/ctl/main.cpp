// nsgatectl: the command-line twin of the console. Only dispatch lives here;
// each sub-command is its own file.

#include "app/ctl/CommandLine.h"
#include "app/ctl/Commands.h"

#include <iostream>
#include <string_view>

namespace {

constexpr std::string_view kUsage = R"(Usage: nsgatectl COMMAND [OPTIONS]

Commands:
  validate CONFIG.json                  check a config document, listing every problem
  export containerd|registries-conf|k3s|docker ...
                                        write client configuration that pulls through a proxy
  import containerd DIR --out FILE      turn an existing certs.d tree into a draft config

Run `nsgatectl COMMAND --help` for a command's options.
Exit status: 0 success, 1 invalid input, 2 usage error.
)";

} // namespace

int main(int argc, char** argv)
{
    using namespace nsgate::ctl;
    const Args all(argv + 1, argv + argc);
    if (all.empty()) {
        std::cerr << kUsage;
        return kExitUsage;
    }
    const std::string_view command = all.front();
    const Args rest(all.begin() + 1, all.end());
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (command == "--version") {
        std::cout << "nsgatectl " NSGATE_VERSION "\n";
        return kExitOk;
    }
    if (command == "validate")
        return runValidate(rest);
    if (command == "export")
        return runExport(rest);
    if (command == "import")
        return runImport(rest);
    std::cerr << "nsgatectl: unknown command \"" << command << "\"\n" << kUsage;
    return kExitUsage;
}
