#include "app/ctl/CommandLine.h"
#include "app/ctl/Commands.h"
#include "app/ctl/ConfigFile.h"
#include "app/ctl/Translate.h"

#include "core/export/AtomicFile.h"
#include "core/export/ContainerdExporter.h"
#include "core/export/DockerExporter.h"
#include "core/export/K3sExporter.h"
#include "core/export/RegistriesConfExporter.h"

#include <functional>
#include <iostream>

namespace nsgate::ctl {

namespace {

using exporters::ExportResult;

// Functions, not constants: the help texts are translated once the catalogue is loaded.
OptionSpec configOption()
{
    return {"--config", "CONFIG.json", translate("nsgatectl", "config document to export"), {}, true};
}

OptionSpec forceOption()
{
    return {"--force", "", translate("nsgatectl", "overwrite existing files"), {}, false};
}

OptionSpec proxyUrlOption()
{
    return {"--proxy",
            "URL",
            translate("nsgatectl", "the proxy's registry URL as nodes reach it, e.g. http://mirror.lan:5000"),
            {},
            true};
}

void printWarnings(const ExportResult& result)
{
    for (const auto& w : result.warnings)
        std::cerr << withArgs(translate("nsgatectl", "warning: %1\n"), coreMessage(w));
}

int exportFailed(const Error& error)
{
    std::cerr << "nsgatectl: " << coreMessage(error) << (error.detail.empty() ? "" : " (" + error.detail + ")")
              << "\n";
    return kExitInvalidInput;
}

// Writes every file of a tree export under `dir`. Nothing is written when any
// target exists and --force was not given, so a refused export changes nothing.
int writeTree(const std::filesystem::path& dir, const ExportResult& result, bool force)
{
    if (!force) {
        bool clash = false;
        for (const auto& file : result.files) {
            std::error_code ec;
            if (std::filesystem::exists(dir / file.relativePath, ec)) {
                std::cerr << withArgs(
                    translate("nsgatectl", "nsgatectl: \"%1\" already exists (use --force to overwrite)\n"),
                    (dir / file.relativePath).string());
                clash = true;
            }
        }
        if (clash)
            return kExitInvalidInput;
    }
    for (const auto& file : result.files) {
        const auto path = dir / file.relativePath;
        if (auto written = exporters::writeFileAtomically(path, file.content, exporters::Overwrite::Allow); !written)
            return exportFailed(written.error());
        std::cout << path.string() << "\n";
    }
    return kExitOk;
}

int writeSingle(const std::filesystem::path& out, const ExportResult& result, bool force)
{
    if (result.files.size() != 1)
        return exportFailed(
            makeError("export.internal", translate("nsgatectl", "expected exactly one file from the exporter")));
    const auto mode = force ? exporters::Overwrite::Allow : exporters::Overwrite::Refuse;
    if (auto written = exporters::writeFileAtomically(out, result.files.front().content, mode); !written)
        return exportFailed(written.error());
    std::cout << out.string() << "\n";
    return kExitOk;
}

// Shared frame of every export: parse, load the config, export, write.
int runFormat(const CommandSpec& spec, const Args& args, bool tree,
              const std::function<Result<ExportResult>(const model::MirrorConfig&, const ParsedArgs&)>& exportFn)
{
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;
    auto config = loadValidConfig(parsed->value("--config"));
    if (!config)
        return kExitInvalidInput;
    auto result = exportFn(*config, *parsed);
    if (!result)
        return exportFailed(result.error());
    printWarnings(*result);
    const std::filesystem::path out = parsed->value("--out");
    const bool force = parsed->has("--force");
    return tree ? writeTree(out, *result, force) : writeSingle(out, *result, force);
}

int exportContainerd(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl export containerd --config CONFIG.json --proxy URL --out DIR [--containerd "
        "1.6|1.7|2.0|2.1]\n"
        "          [--fallback origin|upstream|none] [--default] [--ca PATH] [--skip-verify] [--force]",
        translate(
            "nsgatectl",
            "Writes a certs.d tree for containerd: DIR/<namespace>/hosts.toml for every namespace and alias\n"
            "(and DIR/_default/hosts.toml with --default), each sending pulls to the proxy with ns.\n"
            "Point containerd's registry config_path (or ctr --hosts-dir) at DIR."),
        {},
        {configOption(),
         proxyUrlOption(),
         {"--out", "DIR", translate("nsgatectl", "directory to write the tree into"), {}, true},
         {"--containerd",
          "VERSION",
          translate("nsgatectl", "containerd version the files are for (default 1.7)"),
          {"1.6", "1.7", "2.0", "2.1"}},
         {"--fallback",
          "MODE",
          translate("nsgatectl", "where a pull goes when the proxy fails (default origin)"),
          {"origin", "upstream", "none"}},
         {"--default", "",
          translate("nsgatectl",
                    "also write _default/hosts.toml: every other registry through the proxy too")},
         {"--ca", "PATH", translate("nsgatectl", "CA certificate of the proxy, as a path on the nodes")},
         {"--skip-verify", "", translate("nsgatectl", "do not verify the proxy's TLS certificate")},
         forceOption()},
    };
    return runFormat(spec, args, true, [](const model::MirrorConfig& config, const ParsedArgs& a) {
        exporters::ContainerdOptions options;
        options.proxyUrl = a.value("--proxy");
        options.version = *exporters::containerdVersionFromString(a.value("--containerd", "1.7"));
        options.fallback = *exporters::fallbackFromString(a.value("--fallback", "origin"));
        options.includeDefault = a.has("--default");
        options.caPath = a.value("--ca");
        options.skipVerify = a.has("--skip-verify");
        return exporters::exportContainerd(config, options);
    });
}

int exportRegistriesConf(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl export registries-conf --config CONFIG.json --proxy HOST[:PORT] --out FILE [--insecure] "
        "[--force]",
        translate("nsgatectl", "Writes a containers-registries.conf (v2) for podman, skopeo and CRI-O: every "
                               "namespace gets the\n"
                               "proxy as a path-prefix mirror (HOST:PORT/<namespace>), which the proxy maps "
                               "back to the namespace."),
        {},
        {configOption(),
         {"--proxy",
          "HOST[:PORT]",
          translate("nsgatectl", "the proxy's registry address as nodes reach it"),
          {},
          true},
         {"--out", "FILE", translate("nsgatectl", "file to write"), {}, true},
         {"--insecure", "",
          translate("nsgatectl", "the proxy speaks plain HTTP or has an untrusted certificate")},
         forceOption()},
    };
    return runFormat(spec, args, false, [](const model::MirrorConfig& config, const ParsedArgs& a) {
        exporters::RegistriesConfOptions options;
        options.proxyHostPort = a.value("--proxy");
        options.insecure = a.has("--insecure");
        return exporters::exportRegistriesConf(config, options);
    });
}

int exportK3s(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl export k3s --config CONFIG.json --proxy URL --out FILE [--default] [--ca PATH] "
        "[--skip-verify] "
        "[--force]",
        translate("nsgatectl", "Writes a k3s / rke2 registries.yaml: every namespace mirrored through the "
                               "proxy (k3s sends ns),\n"
                               "and with --default the \"*\" catch-all."),
        {},
        {configOption(),
         proxyUrlOption(),
         {"--out", "FILE", translate("nsgatectl", "file to write"), {}, true},
         {"--default", "",
          translate("nsgatectl", "add the \"*\" mirror: every other registry through the proxy too")},
         {"--ca", "PATH", translate("nsgatectl", "CA certificate of the proxy, as a path on the nodes")},
         {"--skip-verify", "", translate("nsgatectl", "do not verify the proxy's TLS certificate")},
         forceOption()},
    };
    return runFormat(spec, args, false, [](const model::MirrorConfig& config, const ParsedArgs& a) {
        exporters::K3sOptions options;
        options.proxyUrl = a.value("--proxy");
        options.includeDefault = a.has("--default");
        options.caPath = a.value("--ca");
        options.skipVerify = a.has("--skip-verify");
        return exporters::exportK3s(config, options);
    });
}

int exportDocker(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl export docker --config CONFIG.json --proxy URL --out FILE [--force]",
        translate(
            "nsgatectl",
            "Writes a Docker daemon.json with the proxy as registry mirror. Docker mirrors only Docker Hub:\n"
            "the config needs a docker.io namespace, and every other namespace is reported as not "
            "exportable."),
        {},
        {configOption(),
         proxyUrlOption(),
         {"--out", "FILE", translate("nsgatectl", "file to write"), {}, true},
         forceOption()},
    };
    return runFormat(spec, args, false, [](const model::MirrorConfig& config, const ParsedArgs& a) {
        return exporters::exportDocker(config, exporters::DockerOptions{a.value("--proxy")});
    });
}

} // namespace

int runExport(const Args& args)
{
    const std::string kUsage =
        translate("nsgatectl", "Usage: nsgatectl export FORMAT --config CONFIG.json --proxy ... --out ...\n"
                               "Formats:\n"
                               "  containerd        certs.d tree of hosts.toml files\n"
                               "  registries-conf   containers-registries.conf v2 (podman, skopeo, CRI-O)\n"
                               "  k3s               k3s / rke2 registries.yaml\n"
                               "  docker            Docker daemon.json (Docker Hub only)\n"
                               "Run `nsgatectl export FORMAT --help` for the options of a format.\n");
    if (args.empty()) {
        std::cerr << translate("nsgatectl", "nsgatectl: export needs a format\n") << kUsage;
        return kExitUsage;
    }
    const Args rest(args.begin() + 1, args.end());
    const std::string& format = args.front();
    if (format == "--help" || format == "-h") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (format == "containerd")
        return exportContainerd(rest);
    if (format == "registries-conf")
        return exportRegistriesConf(rest);
    if (format == "k3s")
        return exportK3s(rest);
    if (format == "docker")
        return exportDocker(rest);
    std::cerr << withArgs(translate("nsgatectl", "nsgatectl: unknown export format \"%1\"\n"), format)
              << kUsage;
    return kExitUsage;
}

} // namespace nsgate::ctl
