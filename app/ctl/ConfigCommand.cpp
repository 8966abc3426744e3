#include "app/ctl/AdminConnection.h"
#include "app/ctl/CommandLine.h"
#include "app/ctl/Commands.h"
#include "app/ctl/ConfigFile.h"
#include "app/ctl/Translate.h"

#include "core/export/AtomicFile.h"
#include "core/model/ConfigCodec.h"

#include <iostream>

namespace nsgate::ctl {

namespace {

std::vector<OptionSpec> withAdmin(std::vector<OptionSpec> own)
{
    auto all = adminOptions();
    all.insert(all.end(), own.begin(), own.end());
    return all;
}

int configGet(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl config get [--out FILE] [--force] [--admin URL] [--token-file FILE]",
        translate("nsgatectl",
                  "Prints the proxy's config document, with its revision, or writes it to FILE.\n"
                  "Edit it and send it back with `nsgatectl config put FILE`."),
        {},
        withAdmin({{"--out", "FILE", translate("nsgatectl", "write the document here instead of stdout")},
                   {"--force", "", translate("nsgatectl", "overwrite an existing FILE")}}),
    };
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;
    auto connection = adminConnection(*parsed);
    if (!connection)
        return kExitUsage;
    client::AdminClient admin(*connection);
    return runUntilDone([&](std::function<void(int)> finish) {
        admin.getConfig(&admin, [&, finish](client::ApiResult<client::ConfigDocument> doc) {
            if (!doc) {
                printApiError(doc.error());
                return finish(kExitInvalidInput);
            }
            model::MirrorConfig config = doc->config;
            config.revision = doc->revision;
            const std::string text = model::encodeConfig(config);
            if (!parsed->has("--out")) {
                std::cout << text;
                return finish(kExitOk);
            }
            const auto mode = parsed->has("--force") ? exporters::Overwrite::Allow : exporters::Overwrite::Refuse;
            if (auto written = exporters::writeFileAtomically(parsed->value("--out"), text, mode); !written) {
                std::cerr << "nsgatectl: " << coreMessage(written.error()) << "\n";
                return finish(kExitInvalidInput);
            }
            std::cerr << withArgs(translate("nsgatectl", "%1: revision %2\n"), parsed->value("--out"),
                                  config.revision);
            finish(kExitOk);
        });
    });
}

int configPut(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl config put FILE [--dry-run] [--actor TEXT] [--admin URL] [--token-file FILE]",
        translate(
            "nsgatectl",
            "Replaces the proxy's config with FILE. The revision inside FILE is sent as If-Match, so a\n"
            "change someone else pushed meanwhile is never overwritten (the proxy answers 412). Prints the\n"
            "new revision; with --dry-run, the changes it would make."),
        {"FILE"},
        withAdmin(
            {{"--dry-run", "", translate("nsgatectl", "validate and list the changes; store nothing")},
             {"--actor", "TEXT",
              translate("nsgatectl", "who is pushing, for the revision history (default: nsgatectl)")}}),
    };
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;
    const std::string file = parsed->positionals()[0];
    auto text = readTextFile(file);
    if (!text)
        return kExitInvalidInput;
    auto decoded = model::decodeConfig(*text);
    if (!decoded) {
        printIssues(decoded.error());
        return kExitInvalidInput;
    }
    if (decoded->revision <= 0) {
        std::cerr << withArgs(
            translate("nsgatectl",
                      "nsgatectl: %1 carries no revision; start from `nsgatectl config get` so the proxy can "
                      "tell whether it changed meanwhile\n"),
            file);
        return kExitInvalidInput;
    }
    auto connection = adminConnection(*parsed);
    if (!connection)
        return kExitUsage;
    client::AdminClient admin(*connection);
    const bool dryRun = parsed->has("--dry-run");
    const QString actor = QString::fromStdString(parsed->value("--actor", "nsgatectl"));
    return runUntilDone([&](std::function<void(int)> finish) {
        admin.putConfig(QByteArray::fromStdString(*text), decoded->revision, dryRun, actor, &admin,
                        [&, finish](client::ApiResult<client::PutResult> result) {
                            if (!result) {
                                printApiError(result.error());
                                if (result.error().httpStatus == 412)
                                    std::cerr << withArgs(
                                        translate("nsgatectl",
                                                  "the config changed since revision %1; get it again and "
                                                  "re-apply your edits\n"),
                                        decoded->revision);
                                return finish(kExitInvalidInput);
                            }
                            if (dryRun) {
                                std::cout << translate("nsgatectl", "valid\n");
                                for (const auto& c : result->changes)
                                    std::cout << c.toStdString() << "\n";
                                return finish(kExitOk);
                            }
                            std::cout << result->revision << "\n";
                            finish(kExitOk);
                        });
    });
}

int configRevisions(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl config revisions [--limit N] [--admin URL] [--token-file FILE]",
        translate("nsgatectl",
                  "Lists the proxy's config revisions, newest first: revision, time, actor, summary."),
        {},
        withAdmin({{"--limit", "N", translate("nsgatectl", "how many (default 50)")}}),
    };
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;
    int limit = 50;
    try {
        limit = std::stoi(parsed->value("--limit", "50"));
    } catch (...) {
        limit = -1;
    }
    if (limit < 1) {
        std::cerr << withArgs(translate("nsgatectl", "nsgatectl: --limit \"%1\" is not a positive number\n"),
                              parsed->value("--limit"));
        return kExitUsage;
    }
    auto connection = adminConnection(*parsed);
    if (!connection)
        return kExitUsage;
    client::AdminClient admin(*connection);
    return runUntilDone([&](std::function<void(int)> finish) {
        admin.revisions(limit, &admin, [finish](client::ApiResult<QList<client::RevisionInfo>> list) {
            if (!list) {
                printApiError(list.error());
                return finish(kExitInvalidInput);
            }
            for (const auto& r : *list)
                std::cout << r.revision << "\t" << r.time.toStdString() << "\t"
                          << (r.actor.isEmpty() ? std::string("-") : r.actor.toStdString()) << "\t"
                          << r.summary.toStdString() << "\n";
            finish(kExitOk);
        });
    });
}

} // namespace

int runConfig(const Args& args)
{
    const std::string kUsage =
        translate("nsgatectl", "Usage: nsgatectl config get|put|revisions ...\n"
                               "  get [--out FILE]           the proxy's config document, with its revision\n"
                               "  put FILE [--dry-run]       replace it (If-Match: the revision in FILE)\n"
                               "  revisions                  the history, newest first\n"
                               "Each takes --admin URL and --token-file FILE (or NSGATE_ADMIN_URL and\n"
                               "NSGATE_ADMIN_TOKEN_FILE).\n");
    if (args.empty()) {
        std::cerr << translate("nsgatectl", "nsgatectl: config needs a sub-command\n") << kUsage;
        return kExitUsage;
    }
    const Args rest(args.begin() + 1, args.end());
    if (args.front() == "--help" || args.front() == "-h") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (args.front() == "get")
        return configGet(rest);
    if (args.front() == "put")
        return configPut(rest);
    if (args.front() == "revisions")
        return configRevisions(rest);
    std::cerr << withArgs(translate("nsgatectl", "nsgatectl: unknown config sub-command \"%1\"\n"),
                          args.front())
              << kUsage;
    return kExitUsage;
}

} // namespace nsgate::ctl
