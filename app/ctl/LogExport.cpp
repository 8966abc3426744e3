#include "app/ctl/LogExport.h"

#include "app/ctl/CommandLine.h"
#include "app/ctl/Translate.h"
#include "core/model/Event.h"
#include "core/model/EventExport.h"
#include "core/store/LogStore.h"

#include <chrono>
#include <charconv>
#include <iostream>
#include <optional>

namespace nsgate::ctl {

namespace {

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// RFC 3339, or a duration before now: "90s", "15m", "2h", "7d".
std::optional<std::int64_t> parseWhen(const std::string& text)
{
    if (auto parsed = model::parseTime(text))
        return *parsed;
    std::int64_t amount = 0;
    const char* end = text.data() + text.size();
    const auto [unit, ec] = std::from_chars(text.data(), end, amount);
    if (ec != std::errc() || amount < 0 || unit + 1 != end)
        return std::nullopt;
    const std::int64_t scale = *unit == 's' ? 1000 : *unit == 'm' ? 60000 : *unit == 'h' ? 3600000 : *unit == 'd' ? 86400000 : 0;
    if (scale == 0)
        return std::nullopt;
    return nowMs() - amount * scale;
}

} // namespace

int runLogExport(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl log export --store FILE --format csv|json [--since T] [--until T] [--namespace NS] ...",
        translate(
            "nsgatectl",
            "Writes the events in the local log store to stdout, oldest first.\n"
            "  csv:  a header line, then one row per event (RFC 4180 quoting, CRLF line ends; empty = null)\n"
            "  json: JSON Lines: one event record per line, as the admin API sends it, plus \"instanceId\"\n"
            "T is RFC 3339 (2026-11-27T21:00:00Z) or a time before now (90s, 15m, 2h, 7d); --since is\n"
            "inclusive, --until exclusive. The namespace of an event is the one that served it, or the\n"
            "one the client asked for when none did."),
        {},
        {
            {"--store", "FILE", translate("nsgatectl", "the local log store (SQLite)"), {}, true},
            {"--format", "FORMAT", translate("nsgatectl", "output format"), {"csv", "json"}, true},
            {"--since", "T", translate("nsgatectl", "only events at or after T")},
            {"--until", "T", translate("nsgatectl", "only events before T")},
            {"--namespace", "NS", translate("nsgatectl", "only events of this namespace")},
            {"--instance", "ID", translate("nsgatectl", "only events of this proxy (instanceId)")},
            {"--repository", "REPO", translate("nsgatectl", "only events for this repository")},
            {"--digest", "DIGEST", translate("nsgatectl", "only events for this digest")},
        },
    };
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;

    store::EventFilter filter;
    filter.newestFirst = false;
    for (const auto& [option, field] : {std::pair{"--since", &filter.sinceMs}, std::pair{"--until", &filter.untilMs}}) {
        if (!parsed->has(option))
            continue;
        const auto when = parseWhen(parsed->value(option));
        if (!when) {
            std::cerr << withArgs(
                translate("nsgatectl",
                          "nsgatectl: %1 \"%2\" is neither an RFC 3339 time nor a duration like 15m\n"),
                option, parsed->value(option));
            return kExitUsage;
        }
        *field = *when;
    }
    const auto optional = [&](const char* option) {
        return parsed->has(option) ? std::optional<std::string>(parsed->value(option)) : std::nullopt;
    };
    filter.ns = optional("--namespace");
    filter.instanceId = optional("--instance");
    filter.repository = optional("--repository");
    filter.digest = optional("--digest");

    store::LogStoreOptions options;
    options.database.create = false;   // exporting from a mistyped path is an error, not an empty file
    auto store = store::LogStore::open(parsed->value("--store"), options);
    if (!store) {
        std::cerr << "nsgatectl: " << coreMessage(store.error()) << "\n";
        return kExitInvalidInput;
    }
    const bool csv = parsed->value("--format") == "csv";
    std::ios::sync_with_stdio(false);
    if (csv)
        model::writeEventCsvHeader(std::cout);
    auto done = store->queryEvents(filter, [&](const store::StoredEvent& row) {
        if (csv)
            model::writeEventCsvRow(std::cout, row.instanceId, row.event);
        else
            model::writeEventJsonLine(std::cout, row.instanceId, row.event);
        return static_cast<bool>(std::cout);
    });
    std::cout.flush();
    if (!done) {
        std::cerr << "nsgatectl: " << coreMessage(done.error()) << "\n";
        return kExitInvalidInput;
    }
    if (!std::cout) {
        std::cerr << translate("nsgatectl", "nsgatectl: writing to stdout failed\n");
        return kExitInvalidInput;
    }
    return kExitOk;
}

} // namespace nsgate::ctl
