// nsgatectl: the command-line twin of the console. Only dispatch lives here;
// each sub-command is its own file.

#include "app/ctl/CommandLine.h"
#include "app/ctl/Commands.h"
#include "app/ctl/Translate.h"

#include <QCoreApplication>

#include <clocale>
#include <iostream>
#include <string_view>

namespace nsgate::ctl {
namespace {

std::string usage()
{
    return translate("nsgatectl", R"(Usage: nsgatectl COMMAND [OPTIONS]

Commands:
  validate CONFIG.json                  check a config document, listing every problem
  export containerd|registries-conf|k3s|docker ...
                                        write client configuration that pulls through a proxy
  import containerd DIR --out FILE      turn an existing certs.d tree into a draft config
  config get|put|revisions              read and replace a proxy's config (admin API)
  events [--after N] [--follow]         a proxy's request events
  probe REFERENCE --registry URL        does a mirror honour ns? (the way containerd asks)
  log follow --store FILE [--admin URL --token-file FILE]...
                                        collect proxies' events into a local log store until stopped
  log export --store FILE --format csv|json [--since T] [--until T] [--namespace NS]
                                        the stored events as CSV or JSON Lines

Commands that talk to a proxy take --admin URL and --token-file FILE, or read
NSGATE_ADMIN_URL and NSGATE_ADMIN_TOKEN_FILE.

Run `nsgatectl COMMAND --help` for a command's options.
Exit status: 0 success, 1 invalid input, 2 usage error.
)");
}

} // namespace
} // namespace nsgate::ctl

int main(int argc, char** argv)
{
    using namespace nsgate::ctl;
    // Every command has the application: messages are translated through it,
    // and the remote commands run its event loop.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("nsgatectl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NSGATE_VERSION));
    // Qt took the locale from the environment; numbers in what nsgatectl
    // writes for programs stay in the C notation.
    std::setlocale(LC_NUMERIC, "C");
    installTranslators(app);

    const Args all(argv + 1, argv + argc);
    if (all.empty()) {
        std::cerr << usage();
        return kExitUsage;
    }
    const std::string_view command = all.front();
    const Args rest(all.begin() + 1, all.end());
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << usage();
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
    if (command == "config")
        return runConfig(rest);
    if (command == "events")
        return runEvents(rest);
    if (command == "probe")
        return runProbe(rest);
    if (command == "log")
        return runLog(rest);
    std::cerr << withArgs(translate("nsgatectl", "nsgatectl: unknown command \"%1\"\n"), std::string(command))
              << usage();
    return kExitUsage;
}
