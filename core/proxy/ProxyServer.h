#pragma once

// The nsgate daemon as a library: everything app/nsgate's main() wires from
// its flags. run() blocks until SIGTERM/SIGINT (or stop()), then shuts down
// gracefully: stop accepting, let transfers finish up to a bound, flush events.

#include "core/model/Result.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace nsgate::proxy {

struct ProxyOptions
{
    std::string listen = "127.0.0.1:5000";
    std::string adminListen = "127.0.0.1:5050";
    std::filesystem::path dataDir;
    std::optional<std::filesystem::path> adminTokenFile;
    std::optional<std::string> tlsCert, tlsKey;
    std::optional<std::string> adminTlsCert, adminTlsKey;
    std::uint64_t cacheMaxBytes = 0;          // 0: unbounded
    std::int64_t eventsMax = 1'000'000;
    std::int64_t eventsMaxAgeSeconds = 30LL * 24 * 3600;
    unsigned threads = 2;
    std::chrono::milliseconds upstreamConnectTimeout{10'000};
    std::chrono::milliseconds upstreamNoProgressTimeout{30'000};
    std::chrono::milliseconds shutdownGrace{10'000};
    std::chrono::milliseconds keepaliveInterval{15'000};
    bool logRequests = true;
    std::string version;
};

// The default data directory: $XDG_STATE_HOME/nsgate or ~/.local/state/nsgate.
std::filesystem::path defaultDataDir();

class ProxyServer
{
public:
    ~ProxyServer();
    static Result<std::unique_ptr<ProxyServer>> start(ProxyOptions options);

    // The JSON "listening" line (without newline).
    std::string listeningLine() const;
    // Blocks until a stop signal or stop(); returns the exit code.
    int run();
    void stop();

    struct Impl;

private:
    explicit ProxyServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace nsgate::proxy
