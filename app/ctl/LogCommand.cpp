// nsgatectl log follow|export: the headless collector over the console's own
// sync (EventSync) and local log store (LogStore).

#include "app/ctl/AdminConnection.h"
#include "app/ctl/CommandLine.h"
#include "app/ctl/Commands.h"
#include "app/ctl/LogExport.h"
#include "app/ctl/Translate.h"

#include "core/client/EventSync.h"
#include "core/store/LogStore.h"

#include <QCoreApplication>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <iostream>
#include <memory>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

namespace nsgate::ctl {

namespace {

constexpr int kRetryMs = 2000;

std::string text(const QString& s)
{
    return s.toStdString();
}

// Follows one proxy into the store: asks /info for the instanceId, resumes
// EventSync from the store's cursor, ingests every batch in one transaction.
// Any store failure drops the sync and starts over from the committed cursor,
// so what the store holds is always exactly what it acknowledged.
class ProxyFollower
{
public:
    ProxyFollower(client::ConnectionOptions options, store::LogStore& store)
        : m_client(std::move(options)), m_store(store), m_url(text(m_client.options().adminUrl.toString()))
    {
    }

    void start()
    {
        m_client.info(&m_context, [this](client::ApiResult<client::ProxyInfo> info) {
            if (!info) {
                std::cerr << withArgs(translate("nsgatectl", "nsgatectl: %1: %2; retrying\n"), m_url,
                                      info.error().message());
                return retryLater();
            }
            m_instanceId = text(info->instanceId);
            if (auto added = m_store.upsertProxy(m_instanceId, m_client.options().adminUrl.host().toStdString(), m_url);
                !added)
                return storeFailed(added.error());
            auto cursor = m_store.cursor(m_instanceId);
            if (!cursor)
                return storeFailed(cursor.error());
            std::cerr << withArgs(translate("nsgatectl", "following %1 (instance %2) after seq %3\n"), m_url,
                                  m_instanceId, *cursor);
            startSync(*cursor);
        });
    }

private:
    void startSync(std::int64_t after)
    {
        m_sync = std::make_unique<client::EventSync>(&m_client, after);
        auto* sync = m_sync.get();
        QObject::connect(sync, &client::EventSync::eventsReceived, &m_context,
                         [this, sync](const QList<model::Event>& events) { ingest(sync, events); });
        QObject::connect(sync, &client::EventSync::gapDetected, &m_context, [this, sync](qint64 from, qint64 to) {
            if (!sameInstance(sync))
                return;
            std::cerr << withArgs(translate("nsgatectl", "gap: %1 had already pruned events %2..%3\n"), m_url,
                                  from, to);
            if (auto recorded = m_store.recordGap(m_instanceId, from, to); !recorded)
                storeFailed(recorded.error());
        });
        QObject::connect(sync, &client::EventSync::errorOccurred, &m_context, [this](const QString& why) {
            std::cerr << "nsgatectl: " << m_url << ": " << text(why) << "\n";
        });
        sync->start();
    }

    // A different instance behind the same URL (the proxy was replaced) must
    // not have its seqs filed under the old instanceId.
    bool sameInstance(client::EventSync* sync)
    {
        if (sync != m_sync.get())
            return false;   // a batch of a sync already being torn down
        if (sync->instanceId().isEmpty() || text(sync->instanceId()) == m_instanceId)
            return true;
        std::cerr << withArgs(
            translate("nsgatectl", "nsgatectl: %1 is now instance %2, not %3; starting over\n"), m_url,
            sync->instanceId(), m_instanceId);
        restart();
        return false;
    }

    void ingest(client::EventSync* sync, const QList<model::Event>& events)
    {
        if (!sameInstance(sync))
            return;
        auto report = m_store.ingest(m_instanceId, std::span<const model::Event>(events.constData(),
                                                                                static_cast<std::size_t>(events.size())));
        if (!report)
            storeFailed(report.error());
    }

    void storeFailed(const Error& error)
    {
        std::cerr << withArgs(
            translate("nsgatectl", "nsgatectl: log store: %1; resuming from the last committed event\n"),
            coreMessage(error) + (error.detail.empty() ? "" : " (" + error.detail + ")"));
        restart();
    }

    void restart()
    {
        if (m_sync) {
            // Torn down from inside its own signal: delete it later.
            m_sync->stop();
            m_sync.release()->deleteLater();
        }
        retryLater();
    }

    void retryLater()
    {
        QTimer::singleShot(kRetryMs, &m_context, [this] { start(); });
    }

    QObject m_context;   // callbacks die with the follower
    client::AdminClient m_client;
    store::LogStore& m_store;
    std::string m_url;
    std::string m_instanceId;
    std::unique_ptr<client::EventSync> m_sync;
};

// SIGINT/SIGTERM end the event loop between two batches: every batch is its
// own committed transaction, so there is nothing left to flush.
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

bool installStopSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

// Splits the repeatable --admin URL / --token-file FILE pairs off the other
// arguments (the strict parser takes each option once). Each --admin opens an
// endpoint; a --token-file belongs to the --admin before it.
struct Endpoint
{
    std::string admin, tokenFile;
};

std::optional<std::vector<Endpoint>> takeEndpoints(Args& args)
{
    std::vector<Endpoint> endpoints;
    Args rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i], value;
        const auto eq = name.find('=');
        if (eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        if (name != "--admin" && name != "--token-file") {
            rest.push_back(args[i]);
            continue;
        }
        if (eq == std::string::npos) {
            if (i + 1 >= args.size()) {
                std::cerr << withArgs(translate("nsgatectl", "nsgatectl: option %1 needs a value\n"), name);
                return std::nullopt;
            }
            value = args[++i];
        }
        if (name == "--admin") {
            endpoints.push_back({value, {}});
        } else if (endpoints.empty() || !endpoints.back().tokenFile.empty()) {
            std::cerr << withArgs(
                translate("nsgatectl", "nsgatectl: --token-file %1 follows no --admin URL of its own\n"),
                value);
            return std::nullopt;
        } else {
            endpoints.back().tokenFile = value;
        }
    }
    args = std::move(rest);
    return endpoints;
}

int runFollow(Args args)
{
    auto endpoints = takeEndpoints(args);
    const CommandSpec spec{
        "nsgatectl log follow --store FILE [--admin URL --token-file FILE]... [--ca FILE]",
        translate(
            "nsgatectl",
            "Collects the events of one or more proxies into the local log store FILE (created if\n"
            "missing) until SIGINT or SIGTERM, resuming each proxy after the last event the store holds.\n"
            "Every batch is stored in one transaction together with the proxy's cursor, so stopping or\n"
            "killing the collector at any moment loses no event and stores none twice. Ranges a proxy\n"
            "had already pruned are recorded as gaps. Give --admin and --token-file once per proxy;\n"
            "without --admin, NSGATE_ADMIN_URL and NSGATE_ADMIN_TOKEN_FILE name a single proxy."),
        {},
        {
            {"--store", "FILE", translate("nsgatectl", "the local log store (SQLite)"), {}, true},
            {"--admin", "URL",
             translate("nsgatectl", "a proxy's admin API (repeatable; default $NSGATE_ADMIN_URL)")},
            {"--token-file", "FILE",
             translate("nsgatectl",
                       "the admin token of the --admin before it (default $NSGATE_ADMIN_TOKEN_FILE)")},
            {"--ca", "FILE", translate("nsgatectl", "CA certificate (PEM) for https admin URLs")},
        },
    };
    if (!endpoints)
        return kExitUsage;
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;

    std::vector<client::ConnectionOptions> connections;
    if (endpoints->empty())
        endpoints->push_back({});   // from the environment
    for (const auto& endpoint : *endpoints) {
        ParsedArgs one;
        if (!endpoint.admin.empty())
            one.m_values["--admin"] = endpoint.admin;
        if (!endpoint.tokenFile.empty())
            one.m_values["--token-file"] = endpoint.tokenFile;
        if (parsed->has("--ca"))
            one.m_values["--ca"] = parsed->value("--ca");
        auto connection = adminConnection(one);
        if (!connection)
            return kExitUsage;
        connections.push_back(std::move(*connection));
    }

    auto store = store::LogStore::open(parsed->value("--store"));
    if (!store) {
        std::cerr << "nsgatectl: " << coreMessage(store.error()) << "\n";
        return kExitInvalidInput;
    }
    if (!installStopSignals()) {
        std::cerr << translate("nsgatectl", "nsgatectl: cannot install the SIGINT/SIGTERM handlers\n");
        return kExitInvalidInput;
    }
    QSocketNotifier stop(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&stop, &QSocketNotifier::activated, [] { QCoreApplication::exit(kExitOk); });

    std::vector<std::unique_ptr<ProxyFollower>> followers;
    for (auto& connection : connections)
        followers.push_back(std::make_unique<ProxyFollower>(std::move(connection), *store));
    QTimer::singleShot(0, [&] {
        for (auto& follower : followers)
            follower->start();
    });
    const int code = QCoreApplication::exec();
    followers.clear();
    std::cerr << translate("nsgatectl", "stopped\n");
    return code;
}

} // namespace

int runLog(const Args& args)
{
    const std::string kUsage =
        translate("nsgatectl", "Usage: nsgatectl log follow|export --store FILE ...\n"
                               "Run `nsgatectl log follow --help` or `nsgatectl log export --help`.\n");
    if (args.empty()) {
        std::cerr << kUsage;
        return kExitUsage;
    }
    const Args rest(args.begin() + 1, args.end());
    if (args.front() == "follow")
        return runFollow(rest);
    if (args.front() == "export")
        return runLogExport(rest);
    if (args.front() == "--help" || args.front() == "-h") {
        std::cout << kUsage;
        return kExitOk;
    }
    std::cerr << withArgs(translate("nsgatectl", "nsgatectl: unknown log command \"%1\"\n"), args.front())
              << kUsage;
    return kExitUsage;
}

} // namespace nsgate::ctl
