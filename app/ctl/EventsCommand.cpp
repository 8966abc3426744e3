#include "app/ctl/AdminConnection.h"
#include "app/ctl/CommandLine.h"
#include "app/ctl/Commands.h"
#include "app/ctl/Translate.h"

#include "core/client/EventSync.h"
#include "core/model/Event.h"

#include <iostream>
#include <memory>

namespace nsgate::ctl {

namespace {

void printEvent(const model::Event& e, bool json)
{
    if (json) {
        std::cout << model::encodeEvent(e) << "\n";
        return;
    }
    const auto orDash = [](const std::optional<std::string>& s) { return s ? *s : std::string("-"); };
    std::cout << e.seq << "  " << model::formatTime(e.timeMs) << "  " << e.method << " " << model::toString(e.object)
              << "  " << orDash(e.requestedNs) << " -> " << orDash(e.servedNs) << "  " << e.repository
              << (e.reference.empty() ? "" : " " + e.reference) << "  " << model::toString(e.cache) << " "
              << model::toString(e.mismatch) << " " << model::toString(e.decision) << " " << e.status << " "
              << e.bytes << "B  " << orDash(e.upstream) << (e.detail ? "  (" + *e.detail + ")" : "") << "\n";
}

} // namespace

int runEvents(const Args& args)
{
    auto options = adminOptions();
    options.push_back(
        {"--after", "N", translate("nsgatectl", "only events with a sequence number above N (default 0)")});
    options.push_back({"--follow", "", translate("nsgatectl", "keep streaming new events until stopped")});
    options.push_back({"--json", "", translate("nsgatectl", "one JSON event record per line")});
    const CommandSpec spec{
        "nsgatectl events [--after N] [--follow] [--json] [--admin URL] [--token-file FILE]",
        translate(
            "nsgatectl",
            "Prints the proxy's request events in order. Ranges the proxy already pruned are reported on\n"
            "stderr as gaps. With --follow, keeps printing live events, reconnecting as needed."),
        {},
        options,
    };
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;
    std::int64_t after = 0;
    try {
        std::size_t used = 0;
        const std::string text = parsed->value("--after", "0");
        after = std::stoll(text, &used);
        if (used != text.size() || after < 0)
            throw std::invalid_argument(text);
    } catch (...) {
        std::cerr << withArgs(translate("nsgatectl", "nsgatectl: --after \"%1\" is not a sequence number\n"),
                              parsed->value("--after"));
        return kExitUsage;
    }
    auto connection = adminConnection(*parsed);
    if (!connection)
        return kExitUsage;
    const bool json = parsed->has("--json");
    const bool follow = parsed->has("--follow");
    client::AdminClient admin(*connection);

    if (follow) {
        client::EventSync sync(&admin, after);
        QObject::connect(&sync, &client::EventSync::eventsReceived, [json](const QList<model::Event>& events) {
            for (const auto& e : events)
                printEvent(e, json);
            std::cout.flush();
        });
        QObject::connect(&sync, &client::EventSync::gapDetected, [](qint64 from, qint64 to) {
            std::cerr << withArgs(translate("nsgatectl", "gap: events %1..%2 were pruned by the proxy\n"),
                                  from, to);
        });
        QObject::connect(&sync, &client::EventSync::errorOccurred,
                         [](const QString& why) { std::cerr << "nsgatectl: " << why.toStdString() << "\n"; });
        return runUntilDone([&](std::function<void(int)>) { sync.start(); });
    }

    return runUntilDone([&](std::function<void(int)> finish) {
        auto next = std::make_shared<std::function<void(std::int64_t)>>();
        *next = [&, finish, next](std::int64_t from) {
            admin.events(from, 1000, &admin, [&, finish, next](client::ApiResult<client::EventPage> page) {
                if (!page) {
                    printApiError(page.error());
                    *next = nullptr;
                    return finish(kExitInvalidInput);
                }
                if (page->gap)
                    std::cerr << withArgs(
                        translate("nsgatectl", "gap: events %1..%2 were pruned by the proxy\n"),
                        page->gap->first, page->gap->second);
                for (const auto& e : page->events)
                    printEvent(e, json);
                if (page->events.isEmpty()) {
                    *next = nullptr;
                    return finish(kExitOk);
                }
                (*next)(page->events.back().seq);
            });
        };
        (*next)(after);
    });
}

} // namespace nsgate::ctl
