#include "app/ctl/CommandLine.h"
#include "app/ctl/Commands.h"
#include "app/ctl/ConfigFile.h"
#include "app/ctl/Translate.h"

#include "core/export/AtomicFile.h"
#include "core/export/ContainerdImporter.h"
#include "core/model/ConfigCodec.h"
#include "core/model/ConfigValidator.h"

#include <iostream>

namespace nsgate::ctl {

namespace {

int importContainerd(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl import containerd DIR --out CONFIG.json [--force]",
        translate(
            "nsgatectl",
            "Reads a containerd certs.d tree (DIR/<registry>/hosts.toml) into a draft config document.\n"
            "What cannot be expressed as a namespace map is listed as `PATH: reason` on stderr."),
        {"DIR"},
        {{"--out", "CONFIG.json", translate("nsgatectl", "file to write the draft to"), {}, true},
         {"--force", "", translate("nsgatectl", "overwrite an existing file")}},
    };
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;

    auto imported = exporters::importContainerdTree(parsed->positionals()[0]);
    if (!imported) {
        std::cerr << "nsgatectl: " << coreMessage(imported.error()) << "\n";
        return kExitInvalidInput;
    }
    if (!imported->unmapped.empty()) {
        std::cerr << translate("nsgatectl", "not mapped:\n");
        printIssues(imported->unmapped);
    }
    // A draft that does not validate is still written: it is a starting point
    // to edit, and the problems are listed so nothing is lost silently.
    if (auto issues = model::validateConfig(imported->draft); !issues.empty()) {
        std::cerr << translate("nsgatectl", "the draft needs editing before it validates:\n");
        printIssues(issues);
    }
    const auto mode = parsed->has("--force") ? exporters::Overwrite::Allow : exporters::Overwrite::Refuse;
    const std::string out = parsed->value("--out");
    if (auto written = exporters::writeFileAtomically(out, model::encodeConfig(imported->draft), mode); !written) {
        std::cerr << "nsgatectl: " << coreMessage(written.error()) << "\n";
        return kExitInvalidInput;
    }
    const int count = static_cast<int>(imported->draft.namespaces.size());
    std::cout << withArgs(translate("nsgatectl", "%1: %n namespace(s) imported\n", nullptr, count), out);
    return kExitOk;
}

} // namespace

int runImport(const Args& args)
{
    const std::string kUsage = withArgs(translate("nsgatectl", "Usage: %1"),
                                        "nsgatectl import containerd DIR --out CONFIG.json [--force]") +
                               "\n";
    if (args.empty()) {
        std::cerr << translate("nsgatectl", "nsgatectl: import needs a format\n") << kUsage;
        return kExitUsage;
    }
    if (args.front() == "--help" || args.front() == "-h") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (args.front() == "containerd")
        return importContainerd(Args(args.begin() + 1, args.end()));
    std::cerr << withArgs(translate("nsgatectl", "nsgatectl: unknown import format \"%1\"\n"), args.front())
              << kUsage;
    return kExitUsage;
}

} // namespace nsgate::ctl
