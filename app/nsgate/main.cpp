// nsgate: flags -> ProxyOptions -> run. Everything else lives in core/proxy.

#include "core/proxy/ProxyServer.h"

#include <charconv>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kHelp = R"(Usage: nsgate [OPTIONS]

A namespace-aware pull-through cache for OCI registries. Clients name the
registry they mean with ?ns=<host> (containerd) or a path prefix
(/v2/<host>/...); nsgate serves every mapped namespace from its upstreams,
caches verified content and never dials a namespace nobody mapped.

Options:
  --listen ADDR              registry listener (default 127.0.0.1:5000; port 0 picks one)
  --admin-listen ADDR        admin API listener (default 127.0.0.1:5050; port 0 picks one)
  --data-dir DIR             config, revisions, cache and events
                             (default $XDG_STATE_HOME/nsgate or ~/.local/state/nsgate)
  --admin-token-file FILE    admin bearer token (default: DATA_DIR/admin-token, created once)
  --tls-cert FILE --tls-key FILE
                             serve the registry listener over TLS
  --admin-tls-cert FILE --admin-tls-key FILE
                             serve the admin listener over TLS
  --cache-max-bytes N        bound the cache; least recently served content goes first
                             (suffixes K, M, G, T; default unbounded)
  --events-max N             keep at most N events (default 1000000)
  --events-max-age SECONDS   drop older events (default 2592000, 30 days)
  --threads N                serving threads (default 2)
  --upstream-connect-timeout SECONDS   (default 10)
  --upstream-timeout SECONDS no-progress timeout for upstream transfers (default 30)
  --shutdown-grace SECONDS   how long transfers may finish after SIGTERM (default 10)
  --quiet                    no per-request log lines
  --help, --version

On start nsgate prints one JSON line to stdout:
  {"event":"listening","registry":"http://...","admin":"http://...","tokenFile":"..."}
)";

bool parseUnsigned(std::string_view text, std::uint64_t& out)
{
    std::uint64_t scale = 1;
    if (!text.empty()) {
        switch (text.back()) {
        case 'K': case 'k': scale = 1ULL << 10; break;
        case 'M': case 'm': scale = 1ULL << 20; break;
        case 'G': case 'g': scale = 1ULL << 30; break;
        case 'T': case 't': scale = 1ULL << 40; break;
        default: break;
        }
        if (scale != 1)
            text.remove_suffix(1);
    }
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc() || p != text.data() + text.size() || text.empty())
        return false;
    if (out > UINT64_MAX / scale)
        return false;
    out *= scale;
    return true;
}

int usage(const std::string& why)
{
    std::cerr << "nsgate: " << why << "\nTry nsgate --help.\n";
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    using nsgate::proxy::ProxyOptions;
    ProxyOptions options;
    options.version = NSGATE_VERSION;
    const std::map<std::string_view, int> valued{
        {"--listen", 0}, {"--admin-listen", 0}, {"--data-dir", 0}, {"--admin-token-file", 0}, {"--tls-cert", 0},
        {"--tls-key", 0}, {"--admin-tls-cert", 0}, {"--admin-tls-key", 0}, {"--cache-max-bytes", 1},
        {"--events-max", 1}, {"--events-max-age", 1}, {"--threads", 1}, {"--upstream-connect-timeout", 1},
        {"--upstream-timeout", 1}, {"--shutdown-grace", 1}};
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << kHelp;
            return 0;
        }
        if (arg == "--version") {
            std::cout << "nsgate " NSGATE_VERSION "\n";
            return 0;
        }
        if (arg == "--quiet") {
            options.logRequests = false;
            continue;
        }
        std::string value;
        std::string name(arg);
        if (const auto eq = arg.find('='); eq != std::string_view::npos) {
            name = std::string(arg.substr(0, eq));
            value = std::string(arg.substr(eq + 1));
        }
        auto it = valued.find(name);
        if (it == valued.end())
            return usage("unknown option " + name);
        if (value.empty()) {
            if (i + 1 >= argc)
                return usage("option " + name + " needs a value");
            value = argv[++i];
        }
        std::uint64_t n = 0;
        if (it->second == 1 && !parseUnsigned(value, n))
            return usage("option " + name + ": \"" + value + "\" is not a non-negative number");
        using namespace std::chrono;
        if (name == "--listen") options.listen = value;
        else if (name == "--admin-listen") options.adminListen = value;
        else if (name == "--data-dir") options.dataDir = value;
        else if (name == "--admin-token-file") options.adminTokenFile = value;
        else if (name == "--tls-cert") options.tlsCert = value;
        else if (name == "--tls-key") options.tlsKey = value;
        else if (name == "--admin-tls-cert") options.adminTlsCert = value;
        else if (name == "--admin-tls-key") options.adminTlsKey = value;
        else if (name == "--cache-max-bytes") options.cacheMaxBytes = n;
        else if (name == "--events-max") options.eventsMax = static_cast<std::int64_t>(n);
        else if (name == "--events-max-age") options.eventsMaxAgeSeconds = static_cast<std::int64_t>(n);
        else if (name == "--threads") options.threads = static_cast<unsigned>(n == 0 ? 1 : n);
        else if (name == "--upstream-connect-timeout") options.upstreamConnectTimeout = seconds(n);
        else if (name == "--upstream-timeout") options.upstreamNoProgressTimeout = seconds(n);
        else if (name == "--shutdown-grace") options.shutdownGrace = seconds(n);
    }
    if (options.tlsCert.has_value() != options.tlsKey.has_value())
        return usage("--tls-cert and --tls-key go together");
    if (options.adminTlsCert.has_value() != options.adminTlsKey.has_value())
        return usage("--admin-tls-cert and --admin-tls-key go together");

    auto server = nsgate::proxy::ProxyServer::start(std::move(options));
    if (!server) {
        std::cerr << "nsgate: " << server.error().message << "\n";
        return 1;
    }
    // Scripts wait for this line instead of sleeping.
    std::cout << (*server)->listeningLine() << std::endl;
    return (*server)->run();
}
