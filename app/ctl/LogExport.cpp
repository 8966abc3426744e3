#include "app/ctl/LogExport.h"

#include "app/ctl/CommandLine.h"
#include "core/model/Event.h"

#include <boost/json.hpp>

#include <chrono>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <optional>

namespace nsgate::ctl {

namespace {

void csvField(std::ostream& out, std::string_view value)
{
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out << value;
        return;
    }
    out << '"';
    for (char c : value) {
        if (c == '"')
            out << '"';
        out << c;
    }
    out << '"';
}

void csvField(std::ostream& out, const std::optional<std::string>& value)
{
    if (value)
        csvField(out, std::string_view(*value));
}

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

void writeCsvHeader(std::ostream& out)
{
    out << "instanceId,seq,time,method,object,requestedNs,servedNs,upstream,repository,reference,digest,mediaType,"
           "cache,mismatch,decision,status,bytes,durationMs,client,userAgent,detail\r\n";
}

void writeCsvRow(std::ostream& out, const store::StoredEvent& row)
{
    const model::Event& e = row.event;
    csvField(out, std::string_view(row.instanceId));
    out << ',' << e.seq << ',' << model::formatTime(e.timeMs) << ',';
    csvField(out, std::string_view(e.method));
    out << ',' << model::toString(e.object) << ',';
    csvField(out, e.requestedNs);
    out << ',';
    csvField(out, e.servedNs);
    out << ',';
    csvField(out, e.upstream);
    out << ',';
    csvField(out, std::string_view(e.repository));
    out << ',';
    csvField(out, std::string_view(e.reference));
    out << ',';
    csvField(out, e.digest);
    out << ',';
    csvField(out, e.mediaType);
    out << ',' << model::toString(e.cache) << ',' << model::toString(e.mismatch) << ','
        << model::toString(e.decision) << ',' << e.status << ',' << e.bytes << ',';
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.3f", e.durationMs);
    out << duration << ',';
    csvField(out, std::string_view(e.client));
    out << ',';
    csvField(out, std::string_view(e.userAgent));
    out << ',';
    csvField(out, e.detail);
    out << "\r\n";
}

void writeJsonLine(std::ostream& out, const store::StoredEvent& row)
{
    boost::json::value json = model::eventToJson(row.event);
    json.as_object()["instanceId"] = row.instanceId;
    out << boost::json::serialize(json) << '\n';
}

int runLogExport(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl log export --store FILE --format csv|json [--since T] [--until T] [--namespace NS] ...",
        "Writes the events in the local log store to stdout, oldest first.\n"
        "  csv:  a header line, then one row per event (RFC 4180 quoting, CRLF line ends; empty = null)\n"
        "  json: JSON Lines: one event record per line, as the admin API sends it, plus \"instanceId\"\n"
        "T is RFC 3339 (2026-11-27T21:00:00Z) or a time before now (90s, 15m, 2h, 7d); --since is\n"
        "inclusive, --until exclusive. The namespace of an event is the one that served it, or the\n"
        "one the client asked for when none did.",
        {},
        {
            {"--store", "FILE", "the local log store (SQLite)", {}, true},
            {"--format", "FORMAT", "output format", {"csv", "json"}, true},
            {"--since", "T", "only events at or after T"},
            {"--until", "T", "only events before T"},
            {"--namespace", "NS", "only events of this namespace"},
            {"--instance", "ID", "only events of this proxy (instanceId)"},
            {"--repository", "REPO", "only events for this repository"},
            {"--digest", "DIGEST", "only events for this digest"},
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
            std::cerr << "nsgatectl: " << option << " \"" << parsed->value(option)
                      << "\" is neither an RFC 3339 time nor a duration like 15m\n";
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
        std::cerr << "nsgatectl: " << store.error().message << "\n";
        return kExitInvalidInput;
    }
    const bool csv = parsed->value("--format") == "csv";
    std::ios::sync_with_stdio(false);
    if (csv)
        writeCsvHeader(std::cout);
    auto done = store->queryEvents(filter, [&](const store::StoredEvent& row) {
        csv ? writeCsvRow(std::cout, row) : writeJsonLine(std::cout, row);
        return static_cast<bool>(std::cout);
    });
    std::cout.flush();
    if (!done) {
        std::cerr << "nsgatectl: " << done.error().message << "\n";
        return kExitInvalidInput;
    }
    if (!std::cout) {
        std::cerr << "nsgatectl: writing to stdout failed\n";
        return kExitInvalidInput;
    }
    return kExitOk;
}

} // namespace nsgate::ctl
