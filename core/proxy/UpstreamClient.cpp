#include "core/proxy/UpstreamClient.h"

#include "core/proxy/AuthChallenge.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nsgate::proxy {

FetchObserver::~FetchObserver() = default;

namespace {

// A 401 or 3xx body is read to its end so the connection can be reused, but
// only up to this much: past it the connection is dropped instead.
constexpr std::size_t kMaxDiscardedBody = 64 * 1024;
constexpr std::size_t kMaxTokenBody = 1024 * 1024;
constexpr std::size_t kMaxResponseHeaderBytes = 256 * 1024;

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

std::string base64(std::string_view in)
{
    std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
    const int n =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
    out.resize(static_cast<std::size_t>(std::max(n, 0)));
    return out;
}

std::string basicAuthorization(const std::pair<std::string, std::string>& credential)
{
    return "Basic " + base64(credential.first + ':' + credential.second);
}

// The token cache's view of a credential: who, and a SHA-256 of the password
// (the password itself need not be copied into every key). A changed password
// is a different identity, so tokens the old one earned are never reused.
std::string credentialIdentity(const std::optional<std::pair<std::string, std::string>>& credential)
{
    if (!credential)
        return {};
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(credential->second.data(), credential->second.size(), digest.data(), &length, EVP_sha256(),
                   nullptr) != 1)
        length = 0; // then only the user tells credentials apart; tokens still expire
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = credential->first;
    out += ' ';
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 0x0f]);
    }
    return out;
}

std::string percentEncode(std::string_view s)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(hex[u >> 4]);
            out.push_back(hex[u & 0x0f]);
        }
    }
    return out;
}

// Client headers that must not travel upstream: credentials meant for nsgate,
// hop-by-hop headers, and Accept-Encoding (digests are over the stored bytes,
// so a compressed answer would not verify).
bool isDroppedRequestHeader(std::string_view lowerName)
{
    static constexpr std::array<std::string_view, 14> dropped{
        "authorization", "proxy-authorization", "cookie", "host",           "connection",
        "keep-alive",    "proxy-connection",    "te",     "trailer",        "transfer-encoding",
        "upgrade",       "content-length",      "expect", "accept-encoding"};
    return std::find(dropped.begin(), dropped.end(), lowerName) != dropped.end();
}

bool isSafeHeaderText(std::string_view s)
{
    return std::none_of(s.begin(), s.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

struct CurlFree
{
    void operator()(char* p) const { curl_free(p); }
};

struct ParsedUrl
{
    std::string full;   // as libcurl normalised it; resolved when it was relative
    std::string scheme; // lower-case
    std::string host;   // lower-case; IPv6 in brackets
    std::string port;   // always present (default port filled in)
    std::string path;
    std::optional<std::string> query;
    bool hasUserInfo = false;

    std::string origin() const { return scheme + "://" + host + ':' + port; }

    // For messages: never user info; the query only where it cannot carry a
    // signature (CDN redirect targets put theirs there).
    std::string display(bool withQuery) const
    {
        std::string out = scheme + "://" + host;
        if (!((scheme == "http" && port == "80") || (scheme == "https" && port == "443")))
            out += ':' + port;
        out += path;
        if (withQuery && query)
            out += '?' + *query;
        return out;
    }
};

std::optional<std::string> urlPart(CURLU* u, CURLUPart part, unsigned flags = 0)
{
    char* raw = nullptr;
    if (curl_url_get(u, part, &raw, flags) != CURLUE_OK || !raw)
        return std::nullopt;
    std::unique_ptr<char, CurlFree> owned(raw);
    return std::string(raw);
}

std::optional<ParsedUrl> parseUrl(const std::string& url, const std::string* relativeTo = nullptr)
{
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), &curl_url_cleanup);
    if (!u)
        return std::nullopt;
    // Setting a relative URL onto an absolute one resolves it (RFC 3986).
    if (relativeTo && curl_url_set(u.get(), CURLUPART_URL, relativeTo->c_str(), 0) != CURLUE_OK)
        return std::nullopt;
    if (curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
        return std::nullopt;
    ParsedUrl out;
    auto full = urlPart(u.get(), CURLUPART_URL);
    auto scheme = urlPart(u.get(), CURLUPART_SCHEME);
    auto host = urlPart(u.get(), CURLUPART_HOST);
    auto port = urlPart(u.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
    auto path = urlPart(u.get(), CURLUPART_PATH);
    if (!full || !scheme || !host || !port || !path)
        return std::nullopt;
    out.full = std::move(*full);
    out.scheme = lower(*scheme);
    out.host = lower(*host);
    out.port = std::move(*port);
    out.path = std::move(*path);
    out.query = urlPart(u.get(), CURLUPART_QUERY);
    out.hasUserInfo =
        urlPart(u.get(), CURLUPART_USER).has_value() || urlPart(u.get(), CURLUPART_PASSWORD).has_value();
    if (out.scheme != "http" && out.scheme != "https")
        return std::nullopt;
    return out;
}

Error transportError(CURLcode code, std::string_view what, const char* errbuf)
{
    std::string detail = errbuf && *errbuf ? std::string(errbuf) : std::string(curl_easy_strerror(code));
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return makeError("upstream.connect", "cannot connect for " + std::string(what), std::move(detail));
    case CURLE_OPERATION_TIMEDOUT:
        return makeError("upstream.timeout", "timed out on " + std::string(what), std::move(detail));
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_USE_SSL_FAILED:
        return makeError("upstream.tls", "TLS failed for " + std::string(what), std::move(detail));
    default:
        return makeError("upstream.transfer", "transfer failed for " + std::string(what), std::move(detail));
    }
}

Error cancelledError(std::string_view what)
{
    return makeError("upstream.cancelled", "cancelled " + std::string(what));
}

std::string noProxyList(const std::string& extra)
{
    // libcurl reads no_proxy before NO_PROXY; so do we.
    const char* env = std::getenv("no_proxy");
    if (!env || !*env)
        env = std::getenv("NO_PROXY");
    if (!env || !*env)
        return extra;
    if (extra.empty())
        return env;
    return std::string(env) + ',' + extra;
}

std::once_flag g_curlInit;

} // namespace

namespace detail {

struct Job
{
    enum class Kind
    {
        Fetch,
        Token
    };

    explicit Job(Kind k) : kind(k) {}

    Kind kind;
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    std::array<char, CURL_ERROR_SIZE> errbuf{};
};

struct Fetch : Job
{
    Fetch() : Job(Kind::Fetch) {}

    std::uint64_t id = 0;
    UpstreamTarget target;
    UpstreamRequest request;
    std::shared_ptr<FetchObserver> observer;
    std::shared_ptr<std::atomic<bool>> cancelFlag;
    UpstreamEngine* engine = nullptr;

    std::string baseOrigin;
    std::string url;     // the current hop
    std::string display; // the current hop, fit for messages
    std::string what;    // "GET <display>"
    int hops = 0;
    TokenKey tokenKey;

    enum class AuthSource
    {
        None,
        Basic,
        CachedToken,
        FreshToken
    };
    std::optional<std::string> authorization; // sent only to baseOrigin
    AuthSource authSource = AuthSource::None;
    bool tokenRequested = false; // one fresh token per fetch: "retry once"
    bool basicTried = false;
    bool waitingForToken = false;

    // The current attempt's response.
    enum class Then
    {
        Deliver,
        Authenticate,
        Redirect
    };
    bool atBase = false;
    int status = 0;
    HeaderList responseHeaders;
    std::size_t headerBytes = 0;
    bool headersDone = false;
    Then then = Then::Deliver;
    std::optional<AuthChallenge> bearer; // when authenticating with a token
    std::string location;
    std::size_t discarded = 0;
    bool observerPaused = false;
    bool curlPaused = false;
    std::optional<Error> failure; // the observer threw
};

struct TokenFetch : Job
{
    TokenFetch() : Job(Kind::Token) {}

    TokenKey key;
    std::string realmDisplay;
    std::string body;
    std::vector<std::uint64_t> waiters;
};

struct Command
{
    enum class Kind
    {
        Start,
        Resume,
        Cancel
    };
    Kind kind;
    std::uint64_t id = 0;
    std::unique_ptr<Fetch> fetch; // Start only
};

struct UpstreamEngine
{
    explicit UpstreamEngine(UpstreamClientOptions o)
        : options(std::move(o)), tokens(options.now), noProxy(noProxyList(options.noProxy)),
          multi(curl_multi_init())
    {
        if (multi) {
            curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, options.maxConnections);
            curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, options.maxConnectionsPerHost);
            curl_multi_setopt(multi, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
        }
    }

    // Any thread. False once the worker has stopped.
    bool post(Command command)
    {
        const std::lock_guard lock(mutex);
        if (stopped || !multi)
            return false;
        commands.push_back(std::move(command));
        curl_multi_wakeup(multi);
        return true;
    }

    void requestStop()
    {
        const std::lock_guard lock(mutex);
        stopping = true;
        if (multi && !stopped)
            curl_multi_wakeup(multi);
    }

    void run();

    // Worker only from here on.
    void handle(Command& command);
    void begin(std::unique_ptr<Fetch> fetch);
    void startAttempt(Fetch& f);
    void headersComplete(Fetch& f);
    void attemptDone(Fetch& f, CURLcode code);
    void authenticate(Fetch& f);
    void requestToken(Fetch& f, const AuthChallenge& challenge);
    void tokenDone(TokenFetch& t, CURLcode code);
    void redirect(Fetch& f);
    void resume(Fetch& f);
    void complete(Fetch& f, Status<> outcome);
    bool configure(Job& job, const UpstreamTarget& target, const std::string& url);
    void detach(Job& job);
    void shutdown();

    static std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user);
    static std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user);
    static std::size_t onTokenBody(char* data, std::size_t size, std::size_t count, void* user);

    UpstreamClientOptions options;
    TokenCache tokens;
    std::string noProxy;
    CURLM* multi = nullptr;

    std::mutex mutex;
    std::vector<Command> commands;
    bool stopping = false;
    bool stopped = false;
    std::atomic<std::uint64_t> nextId{1};

    std::unordered_map<std::uint64_t, std::unique_ptr<Fetch>> fetches;
    std::map<TokenKey, std::unique_ptr<TokenFetch>> tokenFetches;
    std::unordered_map<CURL*, Job*> jobs;
    // (base URL, credential identity) pairs that answered with a Basic challenge: later
    // requests send the credential up front and save a round trip.
    std::set<std::pair<std::string, std::string>> basicUpstreams;
};

void UpstreamEngine::run()
{
    for (;;) {
        std::vector<Command> batch;
        bool stop = false;
        {
            const std::lock_guard lock(mutex);
            batch.swap(commands);
            stop = stopping;
        }
        for (auto& command : batch)
            handle(command);
        if (stop)
            break;

        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            const auto it = jobs.find(msg->easy_handle);
            if (it == jobs.end())
                continue;
            Job* job = it->second;
            const CURLcode code = msg->data.result;
            if (job->kind == Job::Kind::Fetch)
                attemptDone(static_cast<Fetch&>(*job), code);
            else
                tokenDone(static_cast<TokenFetch&>(*job), code);
        }
        curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
    shutdown();
}

void UpstreamEngine::handle(Command& command)
{
    if (command.kind == Command::Kind::Start) {
        begin(std::move(command.fetch));
        return;
    }
    const auto it = fetches.find(command.id);
    if (it == fetches.end())
        return; // already completed
    Fetch& f = *it->second;
    if (command.kind == Command::Kind::Resume)
        resume(f);
    else
        complete(f, cancelledError(f.what));
}

void UpstreamEngine::begin(std::unique_ptr<Fetch> owned)
{
    Fetch& f = *owned;
    fetches.emplace(f.id, std::move(owned));
    f.engine = this;
    f.what = f.request.method + ' ' + f.request.pathAndQuery;

    if (f.request.method != "GET" && f.request.method != "HEAD") {
        complete(f, makeError("upstream.invalid", "unsupported upstream method \"" + f.request.method + '"'));
        return;
    }
    if (f.request.pathAndQuery.empty() || f.request.pathAndQuery.front() != '/' ||
        !isSafeHeaderText(f.request.pathAndQuery)) {
        complete(f, makeError("upstream.invalid", "upstream path must start with '/'"));
        return;
    }
    const auto base = parseUrl(f.target.baseUrl);
    if (!base) {
        complete(f, makeError("upstream.invalid", "upstream base URL is not an http(s) URL"));
        return;
    }
    if (base->hasUserInfo) {
        complete(f, makeError("upstream.invalid", "upstream base URL " + base->display(false) +
                                                      " carries user info; use the credential instead"));
        return;
    }
    f.baseOrigin = base->origin();
    std::string baseUrl = f.target.baseUrl;
    while (!baseUrl.empty() && baseUrl.back() == '/')
        baseUrl.pop_back();
    f.url = baseUrl + f.request.pathAndQuery;

    f.tokenKey = TokenKey{baseUrl, credentialIdentity(f.target.basicCredential), f.request.scope};
    if (auto token = tokens.find(f.tokenKey)) {
        f.authorization = "Bearer " + *token;
        f.authSource = Fetch::AuthSource::CachedToken;
    } else if (f.target.basicCredential && basicUpstreams.contains({baseUrl, f.tokenKey.credential})) {
        f.authorization = basicAuthorization(*f.target.basicCredential);
        f.authSource = Fetch::AuthSource::Basic;
        f.basicTried = true;
    }
    startAttempt(f);
}

bool UpstreamEngine::configure(Job& job, const UpstreamTarget& target, const std::string& url)
{
    CURL* easy = curl_easy_init();
    if (!easy)
        return false;
    job.easy = easy;
    job.errbuf[0] = '\0';
    jobs.emplace(easy, &job);

    const auto noProgressSeconds =
        std::max<long>(1, static_cast<long>((options.noProgressTimeout.count() + 999) / 1000));
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, job.errbuf.data());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    // Redirects are followed by hand: curl would carry the Authorization
    // header we set to whichever host the Location names.
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connectTimeout.count()));
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, noProgressSeconds);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options.userAgent.c_str());
    curl_easy_setopt(easy, CURLOPT_NOPROXY, noProxy.c_str());
    curl_easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    // Larger reads than the 16 KiB default: a cold blob costs a hash update, a
    // file write and a reader wake-up per chunk.
    curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, 256L * 1024);
    // Wait for a multiplexed HTTP/2 connection rather than opening another.
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
    if (target.caPem) {
        curl_blob blob{};
        blob.data = const_cast<char*>(target.caPem->data());
        blob.len = target.caPem->size();
        blob.flags = CURL_BLOB_COPY;
        curl_easy_setopt(easy, CURLOPT_CAINFO_BLOB, &blob);
    }
    if (!target.tlsVerify) {
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    return true;
}

void UpstreamEngine::detach(Job& job)
{
    if (job.easy) {
        curl_multi_remove_handle(multi, job.easy);
        jobs.erase(job.easy);
        curl_easy_cleanup(job.easy);
        job.easy = nullptr;
    }
    if (job.headers) {
        curl_slist_free_all(job.headers);
        job.headers = nullptr;
    }
}

void UpstreamEngine::startAttempt(Fetch& f)
{
    detach(f);
    const auto parsed = parseUrl(f.url);
    if (!parsed) {
        complete(f, makeError("upstream.invalid", "not an http(s) URL for " + f.what));
        return;
    }
    f.atBase = parsed->origin() == f.baseOrigin;
    f.display = parsed->display(f.hops == 0 || f.atBase);
    f.what = f.request.method + ' ' + f.display;
    f.status = 0;
    f.responseHeaders.clear();
    f.headerBytes = 0;
    f.headersDone = false;
    f.then = Fetch::Then::Deliver;
    f.bearer.reset();
    f.location.clear();
    f.discarded = 0;
    f.curlPaused = false;

    if (!configure(f, f.target, f.url)) {
        complete(f, makeError("upstream.transfer", "cannot create a transfer for " + f.what));
        return;
    }
    for (const auto& [name, value] : f.request.headers) {
        const std::string key = lower(name);
        if (key.empty() || isDroppedRequestHeader(key) || value.empty() || !isSafeHeaderText(name) ||
            !isSafeHeaderText(value) || name.find(':') != std::string::npos)
            continue;
        f.headers = curl_slist_append(f.headers, (name + ": " + value).c_str());
    }
    // Credentials go only to the registry's own origin, never to a CDN it
    // redirects to.
    if (f.atBase && f.authorization)
        f.headers = curl_slist_append(f.headers, ("Authorization: " + *f.authorization).c_str());
    if (f.headers)
        curl_easy_setopt(f.easy, CURLOPT_HTTPHEADER, f.headers);
    if (f.request.method == "HEAD")
        curl_easy_setopt(f.easy, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(f.easy, CURLOPT_HEADERFUNCTION, &UpstreamEngine::onHeader);
    curl_easy_setopt(f.easy, CURLOPT_HEADERDATA, static_cast<void*>(&f));
    curl_easy_setopt(f.easy, CURLOPT_WRITEFUNCTION, &UpstreamEngine::onBody);
    curl_easy_setopt(f.easy, CURLOPT_WRITEDATA, static_cast<void*>(&f));
    if (curl_multi_add_handle(multi, f.easy) != CURLM_OK)
        complete(f, makeError("upstream.transfer", "cannot start a transfer for " + f.what));
}

std::size_t UpstreamEngine::onHeader(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& f = *static_cast<Fetch*>(user);
    const std::size_t length = size * count;
    if (f.headersDone)
        return length; // trailers
    f.headerBytes += length;
    if (f.headerBytes > kMaxResponseHeaderBytes)
        return 0;
    std::string_view line(data, length);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.remove_suffix(1);

    if (line.starts_with("HTTP/")) {
        // A new response: interim 1xx responses come before the real one.
        f.responseHeaders.clear();
        const auto space = line.find(' ');
        f.status =
            space == std::string_view::npos ? 0 : std::atoi(std::string(line.substr(space + 1, 3)).c_str());
        return length;
    }
    if (line.empty()) {
        if (f.status >= 100 && f.status < 200)
            return length;
        f.headersDone = true;
        f.engine->headersComplete(f);
        return f.failure ? 0 : length;
    }
    if (line.front() == ' ' || line.front() == '\t') {
        if (!f.responseHeaders.empty()) // obsolete line folding
            f.responseHeaders.back().second += ' ' + std::string(trim(line));
        return length;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return length;
    f.responseHeaders.emplace_back(lower(trim(line.substr(0, colon))),
                                   std::string(trim(line.substr(colon + 1))));
    return length;
}

void UpstreamEngine::headersComplete(Fetch& f)
{
    if (f.status == 401 && f.atBase) {
        std::vector<AuthChallenge> challenges;
        for (const auto& [name, value] : f.responseHeaders)
            if (name == "www-authenticate")
                for (auto& c : parseAuthChallenges(value))
                    challenges.push_back(std::move(c));
        const auto bearer = std::find_if(challenges.begin(), challenges.end(), [](const AuthChallenge& c) {
            return c.scheme == "bearer" && c.param("realm") && !c.param("realm")->empty();
        });
        const bool basic = std::any_of(challenges.begin(), challenges.end(),
                                       [](const AuthChallenge& c) { return c.scheme == "basic"; });
        if (bearer != challenges.end() && !f.tokenRequested) {
            f.then = Fetch::Then::Authenticate;
            f.bearer = *bearer;
            return;
        }
        if (bearer == challenges.end() && basic && f.target.basicCredential && !f.basicTried) {
            f.then = Fetch::Then::Authenticate;
            return;
        }
    }
    const bool isRedirect =
        f.status == 301 || f.status == 302 || f.status == 303 || f.status == 307 || f.status == 308;
    if (isRedirect) {
        for (const auto& [name, value] : f.responseHeaders)
            if (name == "location")
                f.location = value;
        if (!f.location.empty()) {
            f.then = Fetch::Then::Redirect;
            return;
        }
    }
    f.then = Fetch::Then::Deliver;
    try {
        f.observer->onResponse(f.status, f.responseHeaders);
    } catch (const std::exception& e) {
        f.failure = makeError("upstream.transfer", "observer failed on " + f.what, e.what());
    } catch (...) {
        f.failure = makeError("upstream.transfer", "observer failed on " + f.what);
    }
}

std::size_t UpstreamEngine::onBody(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& f = *static_cast<Fetch*>(user);
    const std::size_t length = size * count;
    if (!f.headersDone || f.then != Fetch::Then::Deliver) {
        f.discarded += length;
        return f.discarded > kMaxDiscardedBody ? 0 : length;
    }
    if (f.cancelFlag->load() || f.failure)
        return 0;
    if (f.observerPaused) {
        // curl keeps this chunk and hands it over again after curl_easy_pause.
        f.curlPaused = true;
        return CURL_WRITEFUNC_PAUSE;
    }
    try {
        if (!f.observer->onData(std::span<const char>(data, length)))
            f.observerPaused = true;
    } catch (const std::exception& e) {
        f.failure = makeError("upstream.transfer", "observer failed on " + f.what, e.what());
        return 0;
    } catch (...) {
        f.failure = makeError("upstream.transfer", "observer failed on " + f.what);
        return 0;
    }
    return length;
}

void UpstreamEngine::resume(Fetch& f)
{
    if (!f.observerPaused)
        return;
    f.observerPaused = false;
    if (f.curlPaused && f.easy) {
        f.curlPaused = false;
        // May deliver the held chunk (and pause again) before returning.
        curl_easy_pause(f.easy, CURLPAUSE_CONT);
    }
}

void UpstreamEngine::attemptDone(Fetch& f, CURLcode code)
{
    if (f.cancelFlag->load()) {
        complete(f, cancelledError(f.what));
        return;
    }
    if (f.failure) {
        complete(f, *f.failure);
        return;
    }
    if (!f.headersDone) {
        complete(f, code == CURLE_OK ? makeError("upstream.transfer", "no response for " + f.what)
                                     : transportError(code, f.what, f.errbuf.data()));
        return;
    }
    switch (f.then) {
    case Fetch::Then::Deliver:
        if (code == CURLE_OK)
            complete(f, {});
        else
            complete(f, transportError(code, f.what, f.errbuf.data()));
        return;
    case Fetch::Then::Authenticate:
        // The 401's body was discarded, possibly cut short: irrelevant here.
        authenticate(f);
        return;
    case Fetch::Then::Redirect:
        redirect(f);
        return;
    }
}

void UpstreamEngine::authenticate(Fetch& f)
{
    detach(f);
    if (!f.bearer) {
        f.basicTried = true;
        f.authorization = basicAuthorization(*f.target.basicCredential);
        f.authSource = Fetch::AuthSource::Basic;
        basicUpstreams.emplace(f.tokenKey.upstream, f.tokenKey.credential);
        startAttempt(f);
        return;
    }
    if (f.authSource == Fetch::AuthSource::CachedToken && f.authorization)
        tokens.erase(f.tokenKey, std::string_view(*f.authorization).substr(7)); // after "Bearer "
    f.tokenRequested = true;
    const AuthChallenge challenge = *f.bearer;
    requestToken(f, challenge);
}

void UpstreamEngine::requestToken(Fetch& f, const AuthChallenge& challenge)
{
    if (const auto it = tokenFetches.find(f.tokenKey); it != tokenFetches.end()) {
        // Layers of one image are pulled in parallel: ask the realm once.
        it->second->waiters.push_back(f.id);
        f.waitingForToken = true;
        return;
    }
    const std::string realm(challenge.param("realm").value_or(""));
    const auto realmUrl = parseUrl(realm);
    if (!realmUrl || realmUrl->hasUserInfo) {
        complete(f,
                 makeError("upstream.auth", "token realm named by " + f.display + " is not an http(s) URL"));
        return;
    }
    const auto base = parseUrl(f.target.baseUrl);
    if (f.target.basicCredential && base && base->scheme == "https" && realmUrl->scheme != "https") {
        complete(f, makeError("upstream.auth", "refusing to send the credential for " + f.display +
                                                   " to the plain-HTTP token realm " +
                                                   realmUrl->display(false)));
        return;
    }

    // Signed or not, the realm URL goes out as the registry wrote it (minus any
    // fragment), with our parameters appended.
    std::string url = realmUrl->full;
    if (const auto hash = url.find('#'); hash != std::string::npos)
        url.resize(hash);
    char separator = realmUrl->query ? '&' : '?';
    const auto addParam = [&](std::string_view name, std::string_view value) {
        url += separator;
        url += name;
        url += '=';
        url += percentEncode(value);
        separator = '&';
    };
    if (const auto service = challenge.param("service"); service && !service->empty())
        addParam("service", *service);
    // The challenge knows what this request needs; the caller's scope is the
    // fallback for registries that leave it out.
    std::string_view scopes = challenge.param("scope").value_or(std::string_view(f.request.scope));
    while (!scopes.empty()) {
        const auto space = scopes.find(' ');
        const auto scope = scopes.substr(0, space);
        if (!scope.empty())
            addParam("scope", scope);
        if (space == std::string_view::npos)
            break;
        scopes.remove_prefix(space + 1);
    }

    auto owned = std::make_unique<TokenFetch>();
    TokenFetch& t = *owned;
    t.key = f.tokenKey;
    t.realmDisplay = realmUrl->display(false);
    t.waiters.push_back(f.id);
    if (!configure(t, f.target, url)) {
        complete(f, makeError("upstream.auth", "cannot create a token request to " + t.realmDisplay));
        return;
    }
    t.headers = curl_slist_append(t.headers, "Accept: application/json");
    if (f.target.basicCredential)
        t.headers = curl_slist_append(
            t.headers, ("Authorization: " + basicAuthorization(*f.target.basicCredential)).c_str());
    curl_easy_setopt(t.easy, CURLOPT_HTTPHEADER, t.headers);
    curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, &UpstreamEngine::onTokenBody);
    curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, static_cast<void*>(&t));
    if (curl_multi_add_handle(multi, t.easy) != CURLM_OK) {
        detach(t);
        complete(f, makeError("upstream.auth", "cannot start a token request to " + t.realmDisplay));
        return;
    }
    f.waitingForToken = true;
    tokenFetches.emplace(t.key, std::move(owned));
}

std::size_t UpstreamEngine::onTokenBody(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& t = *static_cast<TokenFetch*>(user);
    const std::size_t length = size * count;
    if (t.body.size() + length > kMaxTokenBody)
        return 0;
    t.body.append(data, length);
    return length;
}

void UpstreamEngine::tokenDone(TokenFetch& t, CURLcode code)
{
    long status = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    const std::string what = "token request to " + t.realmDisplay;
    std::optional<IssuedToken> issued;
    std::optional<Error> error;
    if (code != CURLE_OK) {
        error = transportError(code, what, t.errbuf.data());
    } else if (status != 200) {
        error = makeError("upstream.auth", what + " answered HTTP " + std::to_string(status));
    } else if (auto parsed = parseTokenResponse(t.body); !parsed) {
        auto e = parsed.error();
        e.message = what + ": " + e.message;
        error = std::move(e);
    } else {
        issued = std::move(*parsed);
        tokens.store(t.key, issued->token, issued->expiresIn);
    }

    detach(t);
    auto node = tokenFetches.extract(t.key);
    const std::vector<std::uint64_t> waiters = std::move(node.mapped()->waiters);
    for (const auto id : waiters) {
        const auto it = fetches.find(id);
        if (it == fetches.end())
            continue; // cancelled meanwhile
        Fetch& f = *it->second;
        f.waitingForToken = false;
        if (error) {
            complete(f, *error);
            continue;
        }
        f.authorization = "Bearer " + issued->token;
        f.authSource = Fetch::AuthSource::FreshToken;
        f.tokenRequested = true;
        startAttempt(f);
    }
}

void UpstreamEngine::redirect(Fetch& f)
{
    detach(f);
    if (f.hops >= options.maxRedirects) {
        complete(f, makeError("upstream.redirect", "more than " + std::to_string(options.maxRedirects) +
                                                       " redirects for " + f.what));
        return;
    }
    const auto target = parseUrl(f.location, &f.url);
    if (!target) {
        complete(f, makeError("upstream.redirect", "unusable redirect location from " + f.what));
        return;
    }
    f.url = target->full;
    ++f.hops;
    startAttempt(f);
}

void UpstreamEngine::complete(Fetch& f, Status<> outcome)
{
    detach(f);
    if (f.waitingForToken) {
        for (auto& [key, t] : tokenFetches)
            std::erase(t->waiters, f.id);
    }
    // Out of the table before the observer runs, so whatever it starts or
    // cancels from inside onComplete sees a consistent state.
    auto node = fetches.extract(f.id);
    const auto observer = std::move(node.mapped()->observer);
    try {
        observer->onComplete(std::move(outcome));
    } catch (...) {
        // Nothing left to tell it.
    }
}

void UpstreamEngine::shutdown()
{
    std::vector<Command> leftovers;
    {
        const std::lock_guard lock(mutex);
        stopped = true;
        leftovers.swap(commands);
    }
    for (auto& command : leftovers) {
        if (command.kind != Command::Kind::Start)
            continue;
        // Registered without starting, so the loop below tells its observer.
        Fetch& f = *command.fetch;
        f.engine = this;
        f.what = f.request.method + ' ' + f.request.pathAndQuery;
        fetches.emplace(f.id, std::move(command.fetch));
    }
    while (!fetches.empty()) {
        Fetch& f = *fetches.begin()->second;
        complete(f, cancelledError(f.what));
    }
    for (auto& [key, t] : tokenFetches)
        detach(*t);
    tokenFetches.clear();
    curl_multi_cleanup(multi);
    multi = nullptr;
}

} // namespace detail

FetchHandle::FetchHandle(std::weak_ptr<detail::UpstreamEngine> engine, std::uint64_t id,
                         std::shared_ptr<std::atomic<bool>> cancelled)
    : m_engine(std::move(engine)), m_id(id), m_cancelled(std::move(cancelled))
{}

void FetchHandle::resume()
{
    if (const auto engine = m_engine.lock())
        engine->post({detail::Command::Kind::Resume, m_id, nullptr});
}

void FetchHandle::cancel()
{
    m_cancelled->store(true);
    if (const auto engine = m_engine.lock())
        engine->post({detail::Command::Kind::Cancel, m_id, nullptr});
}

UpstreamClient::UpstreamClient(Options options)
{
    std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_engine = std::make_shared<detail::UpstreamEngine>(std::move(options));
    if (m_engine->multi)
        m_worker = std::thread([engine = m_engine.get()] { engine->run(); });
}

UpstreamClient::~UpstreamClient()
{
    m_engine->requestStop();
    if (m_worker.joinable())
        m_worker.join();
}

std::shared_ptr<FetchHandle> UpstreamClient::start(const UpstreamTarget& target, UpstreamRequest request,
                                                   std::shared_ptr<FetchObserver> observer)
{
    auto fetch = std::make_unique<detail::Fetch>();
    fetch->id = m_engine->nextId.fetch_add(1);
    fetch->target = target;
    fetch->request = std::move(request);
    fetch->observer = std::move(observer);
    fetch->cancelFlag = std::make_shared<std::atomic<bool>>(false);
    auto handle = std::make_shared<FetchHandle>(m_engine, fetch->id, fetch->cancelFlag);
    const auto what = fetch->request.method + ' ' + fetch->request.pathAndQuery;
    auto orphan = fetch->observer;
    if (!m_engine->post({detail::Command::Kind::Start, fetch->id, std::move(fetch)}))
        orphan->onComplete(
            makeError("upstream.cancelled", "the upstream client has stopped; cancelled " + what));
    return handle;
}

TokenCache& UpstreamClient::tokens()
{
    return m_engine->tokens;
}

} // namespace nsgate::proxy
