#include "core/proxy/ProxyServer.h"

#include "core/model/Event.h"
#include "core/proxy/AdminApi.h"
#include "core/proxy/AdminToken.h"
#include "core/proxy/CacheAdmin.h"
#include "core/proxy/CacheIndex.h"
#include "core/proxy/ConfigRepository.h"
#include "core/proxy/ContentStore.h"
#include "core/proxy/CredentialStore.h"
#include "core/proxy/EventLog.h"
#include "core/proxy/EventStream.h"
#include "core/proxy/HttpServer.h"
#include "core/proxy/InstanceIdentity.h"
#include "core/proxy/IoRuntime.h"
#include "core/proxy/RegistryService.h"
#include "core/proxy/StatsSource.h"
#include "core/proxy/UpstreamClient.h"
#include "core/proxy/WorkerPool.h"

#include <boost/json.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sys/stat.h>
#include <thread>

namespace nsgate::proxy {

namespace {

// How long cut requests get to finish after the grace period closed them.
constexpr std::chrono::seconds kCloseGrace{2};

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Counters since start, kept from the events as they are emitted.
class LiveStats final : public StatsSource
{
public:
    LiveStats(EventLog& log, CacheIndex& index) : m_log(log), m_index(index) {}

    void add(const model::Event& e)
    {
        std::lock_guard lock(m_mutex);
        count(m_all, e);
        if (e.servedNs)
            count(m_byNamespace[*e.servedNs], e);
    }

    Result<ProxyStats> stats() override
    {
        ProxyStats s;
        auto totals = m_log.totals();
        if (!totals)
            return totals.error();
        const auto convert = [](const EventCounts& c) {
            return TrafficCounters{c.requests, c.hits, c.misses, c.mismatches(), c.bytes, c.missBytes};
        };
        s.total = convert(totals->all);
        const auto cache = m_index.totals();
        s.cache = CacheUsage{static_cast<std::int64_t>(cache.entries), static_cast<std::int64_t>(cache.bytes)};
        s.eventsDropped = static_cast<std::int64_t>(m_log.counters().dropped);
        std::lock_guard lock(m_mutex);
        s.sinceStart = m_all;
        std::map<std::string, NamespaceStats> names;
        for (const auto& [ns, c] : totals->byNamespace) {
            names[ns].name = ns;
            names[ns].total = convert(c);
        }
        for (const auto& [ns, c] : m_byNamespace) {
            names[ns].name = ns;
            names[ns].sinceStart = c;
        }
        for (const auto& [ns, c] : m_index.totalsByNamespace()) {
            names[ns].name = ns;
            names[ns].cache = CacheUsage{static_cast<std::int64_t>(c.entries), static_cast<std::int64_t>(c.bytes)};
        }
        for (auto& [ns, n] : names)
            s.namespaces.push_back(std::move(n));
        return s;
    }

private:
    static void count(TrafficCounters& c, const model::Event& e)
    {
        ++c.requests;
        if (e.cache == model::CacheResult::Hit)
            ++c.hits;
        if (e.cache == model::CacheResult::Miss) {
            ++c.misses;
            c.bytesFetched += e.bytes;
        }
        if (e.mismatch != model::Mismatch::None)
            ++c.mismatches;
        c.bytesServed += e.bytes;
    }

    EventLog& m_log;
    CacheIndex& m_index;
    std::mutex m_mutex;
    TrafficCounters m_all;
    std::map<std::string, TrafficCounters> m_byNamespace;
};

class IndexCacheAdmin final : public CacheAdmin
{
public:
    explicit IndexCacheAdmin(CacheIndex& index) : m_index(index) {}

    Result<std::vector<CacheEntry>> list(const CacheFilter& f, std::size_t limit) override
    {
        std::vector<CacheEntry> out;
        for (auto& t : m_index.listTags(f.ns.value_or(""), f.repository.value_or(""), static_cast<int>(limit))) {
            if (f.tag && t.tag != *f.tag)
                continue;
            out.push_back(CacheEntry{t.ns, t.repository, t.tag, t.digest, t.mediaType,
                                     static_cast<std::int64_t>(t.size), t.upstream, t.fetchedAtMs,
                                     t.lastServedAtMs});
        }
        return out;
    }

    Result<std::int64_t> forgetTags(const CacheFilter& f) override
    {
        return m_index.purgeTags(f.ns.value_or(""), f.repository.value_or(""), f.tag.value_or(""));
    }

private:
    CacheIndex& m_index;
};

} // namespace

std::filesystem::path defaultDataDir()
{
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state)
        return std::filesystem::path(state) / "nsgate";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".local/state/nsgate";
}

struct ProxyServer::Impl
{
    ProxyOptions options;
    std::optional<AdminToken> token;
    std::string instanceId;
    std::unique_ptr<CredentialStore> credentials;
    std::unique_ptr<ConfigRepository> config;
    std::unique_ptr<EventLog> events;
    std::unique_ptr<ContentStore> store;
    std::unique_ptr<CacheIndex> index;
    // Declared between the index and the client: destroyed after the client
    // (which posts to it) and before the store and index (which it writes).
    std::unique_ptr<WorkerPool> workers;
    std::unique_ptr<UpstreamClient> client;
    std::unique_ptr<LiveStats> stats;
    std::unique_ptr<IndexCacheAdmin> cacheAdmin;
    std::unique_ptr<AdminApi> admin;
    std::shared_ptr<RegistryService> registry;
    std::unique_ptr<IoRuntime> runtime;
    std::unique_ptr<HttpServer> registryServer;
    std::unique_ptr<HttpServer> adminServer;

    std::mutex streamsMutex;
    // Owns the open event streams: between events nothing else holds them.
    std::vector<std::shared_ptr<EventStream>> streams;

    std::mutex tickMutex;
    std::condition_variable tickWake;
    bool stopping = false;
    std::atomic<bool> stopRequested{false};
    std::thread ticker;
    std::thread graceTimer;

    void handleAdmin(HttpRequest request, std::shared_ptr<Responder> responder)
    {
        if (AdminApi::isEventStream(request)) {
            auto opened = admin->openEventStream(request);
            if (auto* refused = std::get_if<HttpResponse>(&opened))
                return responder->respond(std::move(*refused));
            auto stream = std::make_shared<EventStream>(responder, *events, std::get<EventStreamStart>(opened).after);
            {
                std::lock_guard lock(streamsMutex);
                std::erase_if(streams, [](const std::shared_ptr<EventStream>& s) { return s->closed(); });
                streams.push_back(stream);
            }
            return stream->start();
        }
        responder->respond(admin->handle(request));
    }

    // Keepalives for event streams and cache upkeep, off the serving threads.
    void tick()
    {
        auto lastKeepalive = std::chrono::steady_clock::now();
        std::unique_lock lock(tickMutex);
        while (!stopping) {
            tickWake.wait_for(lock, std::chrono::seconds(1));
            if (stopping)
                break;
            lock.unlock();
            index->flushTouches();
            if (options.cacheMaxBytes > 0)
                for (const auto& digest : index->evictTo(options.cacheMaxBytes))
                    store->remove(digest);
            if (std::chrono::steady_clock::now() - lastKeepalive >= options.keepaliveInterval) {
                lastKeepalive = std::chrono::steady_clock::now();
                for (auto& s : liveStreams())
                    s->keepalive();
            }
            lock.lock();
        }
    }

    std::vector<std::shared_ptr<EventStream>> liveStreams()
    {
        std::lock_guard lock(streamsMutex);
        std::erase_if(streams, [](const std::shared_ptr<EventStream>& s) { return s->closed(); });
        return streams;
    }
};

ProxyServer::ProxyServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

ProxyServer::~ProxyServer()
{
    if (!m_impl)
        return;
    {
        std::lock_guard lock(m_impl->tickMutex);
        m_impl->stopping = true;
    }
    m_impl->tickWake.notify_all();
    if (m_impl->ticker.joinable())
        m_impl->ticker.join();
    if (m_impl->graceTimer.joinable())
        m_impl->graceTimer.join();
    m_impl->registryServer.reset();
    m_impl->adminServer.reset();
    if (m_impl->runtime)
        m_impl->runtime->stop();
    m_impl->client.reset();
    m_impl->workers.reset();
    if (m_impl->events)
        (void)m_impl->events->flush();
}

Result<std::unique_ptr<ProxyServer>> ProxyServer::start(ProxyOptions options)
{
    auto impl = std::make_unique<Impl>();
    impl->options = std::move(options);
    auto& o = impl->options;
    if (o.dataDir.empty())
        o.dataDir = defaultDataDir();
    std::error_code ec;
    std::filesystem::create_directories(o.dataDir, ec);
    if (ec)
        return makeError("datadir", "cannot create data directory \"" + o.dataDir.string() + "\": " + ec.message());
    ::chmod(o.dataDir.c_str(), 0700);

    auto token = AdminToken::loadOrCreate(o.dataDir, o.adminTokenFile);
    if (!token)
        return token.error();
    for (const auto& w : token->warnings())
        std::cerr << "nsgate: warning: " << w << "\n";
    impl->token.emplace(std::move(token).value());
    auto identity = InstanceIdentity::loadOrCreate(o.dataDir);
    if (!identity)
        return identity.error();
    impl->instanceId = identity->instanceId();

    auto credentials = CredentialStore::open(o.dataDir);
    if (!credentials)
        return credentials.error();
    impl->credentials = std::move(credentials).value();
    auto* creds = impl->credentials.get();
    auto config = ConfigRepository::open(o.dataDir, {nowMs, [creds] { return creds->names(); }});
    if (!config)
        return config.error();
    impl->config = std::move(config).value();

    EventLogOptions eventOptions;
    eventOptions.maxEvents = o.eventsMax;
    eventOptions.maxAgeSeconds = o.eventsMaxAgeSeconds;
    auto events = EventLog::open((o.dataDir / "events.db").string(), eventOptions);
    if (!events)
        return events.error();
    impl->events = std::move(events).value();

    auto store = ContentStore::open(o.dataDir / "cache");
    if (!store)
        return store.error();
    impl->store = std::move(store).value();
    auto index = CacheIndex::open(o.dataDir / "cache" / "index.db");
    if (!index)
        return index.error();
    impl->index = std::move(index).value();

    UpstreamClientOptions clientOptions;
    clientOptions.connectTimeout = o.upstreamConnectTimeout;
    clientOptions.noProgressTimeout = o.upstreamNoProgressTimeout;
    clientOptions.userAgent = "nsgate/" + o.version;
    impl->workers = std::make_unique<WorkerPool>(2);
    impl->client = std::make_unique<UpstreamClient>(clientOptions);
    impl->stats = std::make_unique<LiveStats>(*impl->events, *impl->index);
    impl->cacheAdmin = std::make_unique<IndexCacheAdmin>(*impl->index);

    auto* raw = impl.get();
    RegistryDeps deps;
    deps.config = [raw] { return raw->config->current(); };
    deps.credential = [raw](const std::string& name) -> std::optional<std::pair<std::string, std::string>> {
        auto c = raw->credentials->get(name);
        if (!c)
            return std::nullopt;
        return std::make_pair(c->username, c->password.value_or(""));
    };
    deps.emit = [raw](model::Event e) {
        raw->stats->add(e);
        raw->events->append(std::move(e));
    };
    deps.nowMs = nowMs;
    deps.store = impl->store.get();
    deps.index = impl->index.get();
    deps.client = impl->client.get();
    deps.workers = impl->workers.get();
    impl->registry = std::make_shared<RegistryService>(std::move(deps));

    impl->runtime = std::make_unique<IoRuntime>(o.threads);
    RequestLogger logger;
    if (o.logRequests)
        logger = [](const RequestLogEntry& e) {
            // One line per request; targets carry no secrets (tokens travel in headers).
            std::cerr << model::formatTime(nowMs()) << " " << e.remoteAddress << " " << e.method << " " << e.path
                      << " " << e.status << " " << e.bytes << " " << e.durationMs << "ms\n";
        };
    std::optional<TlsFiles> tls, adminTls;
    if (o.tlsCert && o.tlsKey)
        tls = TlsFiles{*o.tlsCert, *o.tlsKey};
    if (o.adminTlsCert && o.adminTlsKey)
        adminTls = TlsFiles{*o.adminTlsCert, *o.adminTlsKey};

    ServerLimits registryLimits;
    registryLimits.refusal = [](int status, std::string_view why) {
        HttpResponse r;
        r.set("content-type", "application/json");
        r.body = boost::json::serialize(boost::json::object{
            {"errors", boost::json::array{boost::json::object{
                           {"code", status == 413 ? "UNSUPPORTED" : "UNKNOWN"}, {"message", why}, {"detail", nullptr}}}}});
        return r;
    };
    auto registryServer = HttpServer::listen(
        *impl->runtime, o.listen, registryLimits, tls,
        [raw](HttpRequest r, std::shared_ptr<Responder> resp) { raw->registry->handle(std::move(r), std::move(resp)); },
        logger);
    if (!registryServer)
        return registryServer.error();
    impl->registryServer = std::move(registryServer).value();

    AdminApiOptions adminOptions{o.version, impl->instanceId, impl->registryServer->url(), nowMs()};
    impl->admin = std::make_unique<AdminApi>(
        adminOptions, AdminApiServices{&*impl->token, impl->config.get(), impl->credentials.get(), impl->events.get(),
                                       impl->stats.get(), impl->cacheAdmin.get()});
    ServerLimits adminLimits;
    adminLimits.maxBodyBytes = kMaxAdminBodyBytes;
    adminLimits.refusal = [](int status, std::string_view why) { return problemResponse(status, std::string(why)); };
    auto adminServer = HttpServer::listen(
        *impl->runtime, o.adminListen, adminLimits, adminTls,
        [raw](HttpRequest r, std::shared_ptr<Responder> resp) { raw->handleAdmin(std::move(r), std::move(resp)); },
        logger);
    if (!adminServer)
        return adminServer.error();
    impl->adminServer = std::move(adminServer).value();

    impl->ticker = std::thread([raw] { raw->tick(); });
    return std::unique_ptr<ProxyServer>(new ProxyServer(std::move(impl)));
}

std::string ProxyServer::listeningLine() const
{
    return boost::json::serialize(boost::json::object{
        {"event", "listening"},
        {"registry", m_impl->registryServer->url()},
        {"admin", m_impl->adminServer->url()},
        {"tokenFile", m_impl->token->path().string()},
    });
}

void ProxyServer::stop()
{
    auto* impl = m_impl.get();
    if (impl->stopRequested.exchange(true))
        return;
    impl->registryServer->stopAccepting();
    impl->adminServer->stopAccepting();
    // Event streams never end by themselves: end them, and let them go now.
    // A closed stream still held here keeps its connection alive until the
    // ticker's next sweep, which would hold up the exit by up to a second.
    std::vector<std::shared_ptr<EventStream>> streams;
    {
        std::lock_guard lock(impl->streamsMutex);
        streams.swap(impl->streams);
    }
    for (auto& s : streams)
        s->close();
    streams.clear();
    impl->runtime->drain();
    // Transfers in flight get a bounded time to finish. Then their
    // connections are closed, so that each cut request still completes (and
    // leaves its event) before the loop stops; the loop gets a moment for that.
    impl->graceTimer = std::thread([impl, grace = impl->options.shutdownGrace] {
        std::unique_lock lock(impl->tickMutex);
        if (impl->tickWake.wait_for(lock, grace, [impl] { return impl->stopping; }))
            return;
        lock.unlock();
        impl->registryServer->closeAll();
        impl->adminServer->closeAll();
        lock.lock();
        if (!impl->tickWake.wait_for(lock, kCloseGrace, [impl] { return impl->stopping; }))
            impl->runtime->stop();
    });
}

int ProxyServer::run()
{
    m_impl->runtime->onStopSignal([this](int) { stop(); });
    m_impl->runtime->run();
    {
        std::lock_guard lock(m_impl->tickMutex);
        m_impl->stopping = true;
    }
    m_impl->tickWake.notify_all();
    if (auto flushed = m_impl->events->flush(); !flushed) {
        std::cerr << "nsgate: events not flushed: " << flushed.error().message << "\n";
        return 1;
    }
    return 0;
}

} // namespace nsgate::proxy
