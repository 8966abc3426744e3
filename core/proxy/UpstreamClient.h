#pragma once

// The proxy's side towards upstream registries: streaming GET/HEAD with
// registry token auth, manual redirects (blob CDNs never see the registry's
// credentials), timeouts and back-pressure. One worker thread drives every
// transfer through a libcurl multi handle, so thousands of slow transfers cost
// no threads, and connections (and HTTP/2 sessions) are shared between them.

#include "core/model/Result.h"
#include "core/proxy/HttpMessage.h"
#include "core/proxy/TokenCache.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <utility>

namespace nsgate::proxy {

// Where a namespace's upstream lives and how to talk to it.
struct UpstreamTarget
{
    std::string baseUrl; // "http://127.0.0.1:5001" or "https://host/prefix"; no user info
    std::optional<std::pair<std::string, std::string>> basicCredential; // user, password
    std::optional<std::string> caPem; // extra trust anchors, PEM; added to the system's
    bool tlsVerify = true;            // false: no peer or host name verification
};

struct UpstreamRequest
{
    std::string method = "GET"; // GET or HEAD
    std::string pathAndQuery;   // "/v2/library/alpine/manifests/3.20?ns=docker.io", relative to baseUrl
    // e.g. Accept, Range. Dropped: Authorization, Cookie, Accept-Encoding and
    // hop-by-hop headers.
    HeaderList headers;
    // "repository:library/alpine:pull": keys the token cache (with the base URL
    // and the credential's user); asked of the realm when a challenge names none.
    std::string scope;
};

// Receives one fetch's outcome on the client's worker thread. Callbacks must
// not block: a slow observer stalls every transfer of its client.
class FetchObserver
{
public:
    virtual ~FetchObserver();

    // The final response, after auth retries and redirects (their 401 and 3xx
    // responses never reach the observer). At most once, before any onData.
    // Without it, onComplete carries an error.
    virtual void onResponse(int status, const HeaderList& headers) = 0;

    // A piece of the body, valid during the call only; it counts as consumed
    // whatever the return value. Returning false asks for no more data until
    // FetchHandle::resume(); libcurl then holds the rest (at most one more
    // network read) and the no-progress timeout stops counting.
    virtual bool onData(std::span<const char> chunk) = 0;

    // Exactly once, last. An error means the body (if any) is incomplete; its
    // message names the URL without credentials, tokens or the query of a
    // redirect target (CDN signatures). Codes: upstream.invalid,
    // upstream.connect, upstream.timeout, upstream.tls, upstream.redirect,
    // upstream.auth, upstream.transfer, upstream.cancelled.
    virtual void onComplete(Status<> outcome) = 0;
};

namespace detail {
struct UpstreamEngine;
} // namespace detail

// Controls one fetch from any thread. Dropping the handle does not cancel the
// fetch: a cache fill may outlive the client that asked for it.
class FetchHandle
{
public:
    FetchHandle(std::weak_ptr<detail::UpstreamEngine> engine, std::uint64_t id,
                std::shared_ptr<std::atomic<bool>> cancelled);

    // Lifts the pause an onData returning false asked for. Call it after that
    // return (a resume() that arrives before the pause is a no-op).
    void resume();
    // Once cancel() returns no new onData call begins (one already running on
    // the worker may finish); onComplete(upstream.cancelled) follows unless the
    // fetch had already completed.
    void cancel();

    bool cancelled() const { return m_cancelled->load(); }

private:
    std::weak_ptr<detail::UpstreamEngine> m_engine;
    std::uint64_t m_id;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
};

struct UpstreamClientOptions
{
    std::chrono::milliseconds connectTimeout{std::chrono::seconds(10)}; // DNS + TCP + TLS
    // A transfer that moves no bytes for this long fails (whole seconds; paused
    // transfers are exempt).
    std::chrono::milliseconds noProgressTimeout{std::chrono::seconds(30)};
    long maxConnections = 64; // in total; further transfers queue inside libcurl
    // Per host; past it, transfers share an HTTP/2 connection or wait for one.
    long maxConnectionsPerHost = 16;
    int maxRedirects = 5;
    std::string userAgent = "nsgate";
    // Added to the NO_PROXY environment variable (which libcurl would otherwise
    // stop reading once its own option is set): the loopback interface is
    // never reached through a proxy.
    std::string noProxy = "127.0.0.1,localhost,::1";
    TokenCache::Now now; // token expiry clock; steady_clock by default
};

class UpstreamClient
{
public:
    using Options = UpstreamClientOptions;

    explicit UpstreamClient(Options options = {});
    // Cancels what is still running (onComplete(upstream.cancelled)) and joins
    // the worker. Must not be called from an observer callback.
    ~UpstreamClient();

    UpstreamClient(const UpstreamClient&) = delete;
    UpstreamClient& operator=(const UpstreamClient&) = delete;

    // Never blocks on the network; every observer call comes from the worker.
    std::shared_ptr<FetchHandle> start(const UpstreamTarget& target, UpstreamRequest request,
                                       std::shared_ptr<FetchObserver> observer);

    // Shared by all fetches of this client; thread-safe.
    TokenCache& tokens();

private:
    std::shared_ptr<detail::UpstreamEngine> m_engine;
    std::thread m_worker;
};

} // namespace nsgate::proxy
