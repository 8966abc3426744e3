#include "core/proxy/RegistryService.h"

#include "core/model/NamespaceResolver.h"
#include "core/proxy/BlobStreamer.h"
#include "core/proxy/BlobTransfer.h"
#include "core/proxy/BufferedFetch.h"
#include "core/proxy/CacheIndex.h"
#include "core/proxy/ContentStore.h"
#include "core/proxy/DigestHasher.h"
#include "core/proxy/UpstreamClient.h"

#include <boost/json.hpp>

#include <chrono>

namespace nsgate::proxy {

using model::CacheResult;
using model::Decision;
using model::ObjectKind;

namespace {

// What containerd sends; used when a client sends no Accept so that upstreams
// neither refuse OCI indexes nor convert manifests.
constexpr std::string_view kManifestAccept =
    "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.docker.distribution.manifest.v2+json, */*";

std::string ociError(std::string_view code, std::string_view message)
{
    boost::json::object error{{"code", code}, {"message", message}, {"detail", nullptr}};
    return boost::json::serialize(boost::json::object{{"errors", boost::json::array{std::move(error)}}});
}

std::string percentEncode(std::string_view text)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '.' || c == '-' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 0xf];
        }
    }
    return out;
}

} // namespace

struct RegistryService::Call
{
    HttpRequest request;
    std::shared_ptr<Responder> responder;
    std::shared_ptr<const model::MirrorConfig> config;
    model::Resolution route;
    const model::NamespaceEntry* entry = nullptr;
    model::Event event;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::function<void(model::Event)> emit;
    bool done = false;
    // The Content-Length of the upstream answer that confirmed access (HEAD).
    std::optional<std::string> confirmedLength;
    // Set when an upstream could not be asked (connect, TLS, auth, 5xx): then
    // "not confirmed" is an upstream failure, not a 404.
    std::optional<std::string> confirmFailure;
    bool confirmTimeout = false;

    bool head() const { return request.method == "HEAD"; }

    void finishEvent(int status, std::uint64_t bytes)
    {
        if (done)
            return;
        done = true;
        event.status = status;
        event.bytes = static_cast<std::int64_t>(bytes);
        event.durationMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (emit)
            emit(std::move(event));
    }

    HeaderList baseHeaders() const
    {
        HeaderList h;
        h.emplace_back("docker-distribution-api-version", "registry/2.0");
        if (entry)
            h.emplace_back("oci-namespace", entry->name);
        return h;
    }

    void answer(HttpResponse response)
    {
        for (auto& h : baseHeaders())
            response.set(h.first, h.second);
        const int status = response.status;
        const auto bytes = head() ? 0 : response.body.size();
        responder->respond(std::move(response));
        finishEvent(status, bytes);
    }

    void fail(int status, std::string_view code, std::string message, Decision decision)
    {
        event.decision = decision;
        event.cache = CacheResult::None;
        if (!message.empty())
            event.detail = message;
        HttpResponse r;
        r.status = status;
        r.set("content-type", "application/json");
        r.body = ociError(code, message);
        answer(std::move(r));
    }

    // 502 for upstream errors, 504 for timeouts.
    void upstreamFailed(const std::string& why, bool timeout)
    {
        fail(timeout ? 504 : 502, "UNAVAILABLE", why, Decision::Failed);
    }

    const model::Upstream& upstream(std::size_t i) const { return entry->upstreams[i]; }
};

RegistryService::RegistryService(RegistryDeps deps) : m_deps(std::move(deps)) {}
RegistryService::~RegistryService() = default;

namespace {

UpstreamTarget targetFor(const model::Upstream& u,
                         const std::function<std::optional<std::pair<std::string, std::string>>(const std::string&)>&
                             credential)
{
    UpstreamTarget t;
    t.baseUrl = u.url;
    while (!t.baseUrl.empty() && t.baseUrl.back() == '/')
        t.baseUrl.pop_back();
    if (u.credential && credential)
        t.basicCredential = credential(*u.credential);
    t.caPem = u.caPem;
    t.tlsVerify = u.tlsVerify;
    return t;
}

// "/v2/<prefix><repository>/<kind>/<reference>[?ns=…]" for one upstream.
UpstreamRequest requestFor(const model::NamespaceEntry& entry, const model::Upstream& u, const std::string& method,
                           const std::string& repository, std::string_view kind, const std::string& reference,
                           std::string extraQuery = {})
{
    UpstreamRequest r;
    r.method = method;
    const std::string name = u.repositoryPrefix.value_or("") + repository;
    r.pathAndQuery = "/v2/" + name + "/" + std::string(kind) + (reference.empty() ? "" : "/" + reference);
    std::string query = std::move(extraQuery);
    if (u.forwardNs)
        query += (query.empty() ? "" : "&") + std::string("ns=") + percentEncode(entry.name);
    if (!query.empty())
        r.pathAndQuery += "?" + query;
    r.scope = "repository:" + name + ":pull";
    return r;
}

std::string acceptOf(const HttpRequest& request)
{
    std::string accept;
    for (const auto& [k, v] : request.headers)
        if (k == "accept")
            accept += (accept.empty() ? "" : ", ") + v;
    return accept.empty() ? std::string(kManifestAccept) : accept;
}

// The forwardNs rule: an ns-aware upstream must answer for our namespace.
bool namespaceConflict(const model::NamespaceEntry& entry, const model::Upstream& u, const BufferedAnswer& a)
{
    if (!u.forwardNs)
        return false;
    auto ns = a.header("oci-namespace");
    return ns && *ns != entry.name;
}

std::string describe(const BufferedAnswer& a, const std::string& url)
{
    // The detail is libcurl's reason ("SSL certificate problem: …"); it never carries secrets.
    if (a.error)
        return a.error->message + (a.error->detail.empty() ? "" : ": " + a.error->detail);
    return "upstream " + url + " answered " + std::to_string(a.status);
}

} // namespace

void RegistryService::handle(HttpRequest request, std::shared_ptr<Responder> responder)
{
    if (request.path == "/v2/" || request.path == "/v2") {
        HttpResponse r;
        r.set("content-type", "application/json");
        r.set("docker-distribution-api-version", "registry/2.0");
        r.body = "{}";
        return responder->respond(std::move(r));
    }
    auto call = std::make_shared<Call>();
    call->request = std::move(request);
    call->responder = std::move(responder);
    call->emit = m_deps.emit;
    if (call->request.method != "GET" && call->request.method != "HEAD") {
        HttpResponse r;
        r.status = 405;
        r.set("allow", "GET, HEAD");
        r.set("content-type", "application/json");
        r.body = ociError("UNSUPPORTED", "this proxy serves pulls only; " + call->request.method + " is not supported");
        call->done = true; // pushes never reach routing: no event
        return call->responder->respond(std::move(r));
    }
    route(std::move(call));
}

void RegistryService::route(std::shared_ptr<Call> call)
{
    call->config = m_deps.config();
    const auto& req = call->request;
    model::RegistryRequest rr{req.path, std::nullopt, req.header("host").value_or("")};
    if (auto ns = req.queryParam("ns"))
        rr.ns = *ns;
    call->route = model::resolveNamespace(rr, *call->config);
    const auto& route = call->route;

    auto& e = call->event;
    e.timeMs = m_deps.nowMs();
    e.method = req.method;
    e.object = route.object;
    e.requestedNs = route.requestedNs;
    e.repository = route.repository;
    e.reference = route.reference;
    e.mismatch = route.mismatch;
    e.client = req.remoteAddress;
    e.userAgent = std::string(req.header("user-agent").value_or(""));
    if (route.byDigest)
        e.digest = route.reference;

    if (route.route == model::Route::Reject)
        return call->fail(route.status, route.errorCode, route.message, Decision::Rejected);

    if (route.route == model::Route::CacheOnly) {
        // No namespace: only content cached for this repository under exactly one namespace.
        const auto owners = m_deps.index->namespacesWithAccess(route.repository, route.reference);
        const model::NamespaceEntry* owner = owners.size() == 1 ? call->config->find(owners.front()) : nullptr;
        if (!owner)
            return call->fail(404, route.object == ObjectKind::Blob ? "BLOB_UNKNOWN" : "MANIFEST_UNKNOWN",
                              owners.empty() ? "no namespace given (ns) and nothing cached for this repository"
                                             : "no namespace given (ns) and the content is cached under several",
                              Decision::Rejected);
        call->entry = owner;
        e.servedNs = owner->name;
        if (route.object == ObjectKind::Blob)
            return serveCachedBlob(call);
        auto blob = m_deps.index->blob(route.reference);
        if (!blob)
            return call->fail(404, "MANIFEST_UNKNOWN", "not cached", Decision::Rejected);
        return serveCachedManifest(call, route.reference, blob->mediaType, {}, false, "cached from " + blob->upstream);
    }

    call->entry = route.entry;
    e.servedNs = route.entry->name;
    const auto decision = model::applyPolicy(*route.entry, route);
    if (!decision.allowed)
        return call->fail(decision.status, decision.errorCode, decision.message, Decision::Denied);

    switch (route.object) {
    case ObjectKind::Manifest:
        return route.byDigest ? manifestByDigest(call) : manifestByTag(call);
    case ObjectKind::Blob:
        return blob(call);
    case ObjectKind::Tags:
        return tagList(call);
    case ObjectKind::Referrers:
        return referrers(call);
    }
}

void RegistryService::serveCachedManifest(std::shared_ptr<Call> call, const std::string& digest,
                                          const std::string& mediaType, std::string upstream, bool stale,
                                          std::string detail)
{
    auto memo = m_manifests.get(digest);
    if (!memo) {
        auto bytes = m_deps.store->read(digest, kMaxManifestBytes);
        if (!bytes)
            return call->fail(500, "UNKNOWN", "cache read failed: " + bytes.error().message, Decision::Failed);
        memo = CachedManifest{std::make_shared<const std::string>(std::move(bytes).value()), mediaType};
        m_manifests.put(digest, *memo);
    }
    m_deps.index->touch(digest, m_deps.nowMs());
    auto& e = call->event;
    e.cache = CacheResult::Hit;
    e.decision = Decision::Served;
    e.digest = digest;
    e.mediaType = mediaType;
    if (!upstream.empty())
        e.upstream = upstream;
    if (!detail.empty())
        e.detail = stale ? "stale: " + detail : detail;
    HttpResponse r;
    r.set("content-type", mediaType.empty() ? "application/octet-stream" : mediaType);
    r.set("docker-content-digest", digest);
    r.body = *memo->bytes;
    call->answer(std::move(r));
}

void RegistryService::fetchManifest(std::shared_ptr<Call> call, std::string reference, std::size_t i,
                                    std::function<void(std::shared_ptr<Call>, BufferedAnswer, std::size_t)> done)
{
    const auto& u = call->upstream(i);
    auto request = requestFor(*call->entry, u, "GET", call->route.repository, "manifests", reference);
    request.headers.emplace_back("accept", acceptOf(call->request));
    fetchBuffered(*m_deps.client, targetFor(u, m_deps.credential), std::move(request), kMaxManifestBytes,
                  [call, i, done = std::move(done)](BufferedAnswer a) mutable { done(call, std::move(a), i); });
}

void RegistryService::storeManifest(std::shared_ptr<Call> call, const BufferedAnswer& a, std::size_t i,
                                    std::string& digest, std::string& mediaType, std::string& error)
{
    const auto& u = call->upstream(i);
    digest = DigestHasher::sha256Of(a.body);
    if (auto claimed = a.header("docker-content-digest"); claimed && *claimed != digest &&
                                                          !claimed->starts_with("sha512:")) {
        error = "digest mismatch from " + u.url + ": it claimed " + std::string(*claimed) + ", bytes hash to " + digest;
        return;
    }
    if (call->route.byDigest && call->route.reference != digest) {
        error = "digest mismatch from " + u.url + ": asked for " + call->route.reference + ", bytes hash to " + digest;
        return;
    }
    mediaType = std::string(a.header("content-type").value_or("application/octet-stream"));
    m_manifests.put(digest, CachedManifest{std::make_shared<const std::string>(a.body), mediaType});
    if (auto stored = m_deps.store->put(digest, a.body); !stored) {
        error = stored.error().message;
        return;
    }
    const auto now = m_deps.nowMs();
    (void)m_deps.index->putBlob(CachedBlob{digest, a.body.size(), mediaType, u.url, now});
    (void)m_deps.index->grantAccess(call->entry->name, call->route.repository, digest);
}

void RegistryService::manifestByTag(std::shared_ptr<Call> call)
{
    const auto& entry = *call->entry;
    const auto& tag = call->route.reference;
    const auto now = m_deps.nowMs();
    auto cached = m_deps.index->tag(entry.name, call->route.repository, tag);
    if (cached && !m_manifests.get(cached->digest) && !m_deps.store->size(cached->digest))
        cached.reset();
    if (cached && now - cached->fetchedAtMs < entry.policy.tagTtlSeconds * 1000)
        return serveCachedManifest(call, cached->digest, cached->mediaType, {}, false,
                                   "tag cached from " + cached->upstream);

    // "primary": only the first upstream may say what a tag means.
    const std::size_t candidates = entry.policy.tags == model::TagMode::Primary ? 1 : entry.upstreams.size();
    auto self = shared_from_this();
    struct State
    {
        std::string lastFailure;
        bool timeout = false;
        bool anyRetryable = false;
    };
    auto state = std::make_shared<State>();
    // The retry loop holds itself only weakly: a strong self-reference needs a
    // reset to break the cycle, and resetting a std::function destroys the
    // lambda (and its captures) while it may still be running, on this thread
    // or on the upstream worker. The caller of each step keeps it alive.
    auto attempt = std::make_shared<std::function<void(std::size_t)>>();
    *attempt = [self, call, cached, candidates, state, weak = std::weak_ptr(attempt)](std::size_t i) {
        if (i >= candidates) {
            if (state->anyRetryable && cached && call->entry->policy.serveStale)
                return self->serveCachedManifest(call, cached->digest, cached->mediaType, {}, true,
                                                 state->lastFailure);
            if (state->anyRetryable)
                return call->upstreamFailed(state->lastFailure, state->timeout);
            return call->fail(404, "MANIFEST_UNKNOWN",
                              "tag \"" + call->route.reference + "\" not found in " + call->entry->name,
                              Decision::Served);
        }
        auto get = [self, call, cached, state, weak, i] {
        self->fetchManifest(call, call->route.reference, i,
                            [self, cached, state, attempt = weak.lock()](std::shared_ptr<Call> c, BufferedAnswer a,
                                                                         std::size_t at) {
                                const auto& u = c->upstream(at);
                                if (namespaceConflict(*c->entry, u, a)) {
                                    c->event.mismatch = model::Mismatch::Conflict;
                                    return c->fail(404, "NAME_UNKNOWN",
                                                   "upstream " + u.url + " answered for another namespace",
                                                   Decision::Rejected);
                                }
                                if (a.status == 200 && !a.error) {
                                    std::string digest, mediaType, error;
                                    self->storeManifest(c, a, at, digest, mediaType, error);
                                    if (!error.empty()) {
                                        c->event.upstream = u.url;
                                        return c->fail(502, "UNAVAILABLE", error, Decision::Failed);
                                    }
                                    const auto now2 = self->m_deps.nowMs();
                                    (void)self->m_deps.index->putTag(CachedTag{c->entry->name, c->route.repository,
                                                                               c->route.reference, digest, mediaType,
                                                                               a.body.size(), u.url, now2, now2});
                                    const bool same = cached && cached->digest == digest;
                                    auto& e = c->event;
                                    e.upstream = u.url;
                                    e.digest = digest;
                                    e.mediaType = mediaType;
                                    e.cache = same ? CacheResult::Hit : CacheResult::Miss;
                                    e.decision = Decision::Served;
                                    if (same)
                                        e.detail = "revalidated at " + u.url;
                                    HttpResponse r;
                                    r.set("content-type", mediaType);
                                    r.set("docker-content-digest", digest);
                                    r.body = std::move(a.body);
                                    return c->answer(std::move(r));
                                }
                                if (a.retryable()) {
                                    state->anyRetryable = true;
                                    state->timeout = a.error && a.error->code == "upstream.timeout";
                                    state->lastFailure = describe(a, u.url);
                                }
                                (*attempt)(at + 1);
                            });
        };
        if (!cached)
            return get();
        // A HEAD that confirms the cached digest spares the upstream a manifest
        // GET (registries such as Docker Hub count GETs against a rate limit).
        const auto& u = call->upstream(i);
        auto head = requestFor(*call->entry, u, "HEAD", call->route.repository, "manifests", call->route.reference);
        head.headers.emplace_back("accept", acceptOf(call->request));
        fetchBuffered(*self->m_deps.client, targetFor(u, self->m_deps.credential), std::move(head), 0,
                      [self, call, cached, state, i, get, attempt = weak.lock()](BufferedAnswer a) {
                          const auto& up = call->upstream(i);
                          const bool confirmed = a.status == 200 && !a.error && !namespaceConflict(*call->entry, up, a) &&
                                                 a.header("docker-content-digest") == std::string_view(cached->digest);
                          if (confirmed) {
                              auto refreshed = *cached;
                              refreshed.fetchedAtMs = self->m_deps.nowMs();
                              refreshed.upstream = up.url;
                              (void)self->m_deps.index->putTag(refreshed);
                              return self->serveCachedManifest(call, cached->digest, cached->mediaType, up.url, false,
                                                               "revalidated at " + up.url);
                          }
                          if (a.status == 200 && !a.error)
                              return get(); // the tag moved (or no digest was sent): fetch it
                          if (a.retryable()) {
                              state->anyRetryable = true;
                              state->timeout = a.error && a.error->code == "upstream.timeout";
                              state->lastFailure = describe(a, up.url);
                          }
                          (*attempt)(i + 1);
                      });
    };
    (*attempt)(0);
}

void RegistryService::confirmAccess(std::shared_ptr<Call> call, std::string digest, std::size_t i,
                                    std::function<void(std::shared_ptr<Call>, bool, std::string)> done)
{
    if (i >= call->entry->upstreams.size()) {
        if (call->confirmFailure)
            return done(call, false, *call->confirmFailure);
        return done(call, false, "no upstream of " + call->entry->name + " confirmed " + digest + " for " +
                                     call->route.repository);
    }
    const auto& u = call->upstream(i);
    const bool manifest = call->route.object == ObjectKind::Manifest;
    auto request = requestFor(*call->entry, u, "HEAD", call->route.repository, manifest ? "manifests" : "blobs", digest);
    if (manifest)
        request.headers.emplace_back("accept", acceptOf(call->request));
    auto self = shared_from_this();
    fetchBuffered(*m_deps.client, targetFor(u, m_deps.credential), std::move(request), 0,
                  [self, call, digest, i, done = std::move(done)](BufferedAnswer a) mutable {
                      const auto& up = call->upstream(i);
                      if (a.status == 200 && !namespaceConflict(*call->entry, up, a)) {
                          (void)self->m_deps.index->grantAccess(call->entry->name, call->route.repository, digest);
                          call->event.upstream = up.url;
                          if (auto length = a.header("content-length"))
                              call->confirmedLength = std::string(*length);
                          return done(call, true, {});
                      }
                      if (a.status == 200) { // answered, but for another namespace
                          call->event.mismatch = model::Mismatch::Conflict;
                          call->confirmFailure = "upstream " + up.url + " answered for another namespace";
                      } else if (a.retryable() || a.status == 401 || a.status == 403) {
                          call->confirmFailure = describe(a, up.url);
                          call->confirmTimeout = a.error && a.error->code == "upstream.timeout";
                      }
                      self->confirmAccess(call, digest, i + 1, std::move(done));
                  });
}

void RegistryService::manifestByDigest(std::shared_ptr<Call> call)
{
    const std::string digest = call->route.reference;
    auto cached = m_deps.index->blob(digest);
    if (cached && m_deps.store->size(digest)) {
        if (m_deps.index->hasAccess(call->entry->name, call->route.repository, digest))
            return serveCachedManifest(call, digest, cached->mediaType, {}, false, "cached from " + cached->upstream);
        auto self = shared_from_this();
        return confirmAccess(call, digest, 0, [self, cached](std::shared_ptr<Call> c, bool ok, std::string why) {
            if (!ok && c->event.mismatch == model::Mismatch::Conflict)
                return c->fail(404, "NAME_UNKNOWN", why, Decision::Rejected);
            if (!ok && c->confirmFailure)
                return c->upstreamFailed(why, c->confirmTimeout);
            if (!ok)
                return c->fail(404, "MANIFEST_UNKNOWN", why, Decision::Served);
            self->serveCachedManifest(c, c->route.reference, cached->mediaType, {}, false,
                                      "cached from " + cached->upstream + ", confirmed upstream");
        });
    }
    auto self = shared_from_this();
    auto state = std::make_shared<std::pair<std::string, bool>>();
    // Held weakly by itself, strongly by whoever runs a step (see manifestByTag).
    auto attempt = std::make_shared<std::function<void(std::size_t)>>();
    *attempt = [self, call, state, weak = std::weak_ptr(attempt)](std::size_t i) {
        if (i >= call->entry->upstreams.size()) {
            if (!state->first.empty())
                return call->upstreamFailed(state->first, state->second);
            return call->fail(404, "MANIFEST_UNKNOWN", "manifest " + call->route.reference + " not found",
                              Decision::Served);
        }
        self->fetchManifest(call, call->route.reference, i,
                            [self, state, attempt = weak.lock()](std::shared_ptr<Call> c, BufferedAnswer a,
                                                                 std::size_t at) {
                                const auto& u = c->upstream(at);
                                if (a.status == 200 && !a.error && !namespaceConflict(*c->entry, u, a)) {
                                    std::string stored, mediaType, error;
                                    self->storeManifest(c, a, at, stored, mediaType, error);
                                    c->event.upstream = u.url;
                                    if (!error.empty())
                                        return c->fail(502, "UNAVAILABLE", error, Decision::Failed);
                                    c->event.cache = CacheResult::Miss;
                                    c->event.decision = Decision::Served;
                                    c->event.mediaType = mediaType;
                                    HttpResponse r;
                                    r.set("content-type", mediaType);
                                    r.set("docker-content-digest", stored);
                                    r.body = std::move(a.body);
                                    return c->answer(std::move(r));
                                }
                                if (a.retryable()) {
                                    state->first = describe(a, u.url);
                                    state->second = a.error && a.error->code == "upstream.timeout";
                                }
                                (*attempt)(at + 1);
                            });
    };
    (*attempt)(0);
}

void RegistryService::serveCachedBlob(std::shared_ptr<Call> call)
{
    const std::string& digest = call->route.reference;
    auto size = m_deps.store->size(digest);
    auto fd = size ? m_deps.store->openRead(digest) : Result<FileHandle>(makeError("cache.miss", "not cached"));
    if (!fd)
        return call->fail(404, "BLOB_UNKNOWN", "blob " + digest + " is not cached", Decision::Rejected);
    m_deps.index->touch(digest, m_deps.nowMs());
    auto blob = m_deps.index->blob(digest);
    auto& e = call->event;
    e.cache = CacheResult::Hit;
    e.decision = Decision::Served;
    if (blob && !e.detail)
        e.detail = "cached from " + blob->upstream;
    auto headers = call->baseHeaders();
    headers.emplace_back("content-type", "application/octet-stream");
    headers.emplace_back("docker-content-digest", digest);
    auto range = call->request.header("range");
    streamFile(call->responder, std::make_shared<FileHandle>(std::move(fd).value()), *size,
               range ? std::optional<std::string>(*range) : std::nullopt, std::move(headers),
               [call](StreamOutcome o) {
                   if (!o.complete) {
                       call->event.decision = Decision::Failed;
                       call->event.detail = "client went away";
                   }
                   call->finishEvent(o.status, o.bytes);
               });
}

void RegistryService::blob(std::shared_ptr<Call> call)
{
    const std::string digest = call->route.reference;
    const auto& entry = *call->entry;
    if (m_deps.index->blob(digest) && m_deps.store->size(digest)) {
        if (m_deps.index->hasAccess(entry.name, call->route.repository, digest))
            return serveCachedBlob(call);
        auto self = shared_from_this();
        return confirmAccess(call, digest, 0, [self](std::shared_ptr<Call> c, bool ok, std::string why) {
            if (!ok && c->event.mismatch == model::Mismatch::Conflict)
                return c->fail(404, "NAME_UNKNOWN", why, Decision::Rejected);
            if (!ok && c->confirmFailure)
                return c->upstreamFailed(why, c->confirmTimeout);
            if (!ok)
                return c->fail(404, "BLOB_UNKNOWN", why, Decision::Served);
            c->event.detail = "confirmed upstream";
            self->serveCachedBlob(c);
        });
    }
    if (call->head()) {
        // A HEAD needs no bytes: ask upstream, relay the size, fetch nothing.
        auto self = shared_from_this();
        return confirmAccess(call, digest, 0, [](std::shared_ptr<Call> c, bool ok, std::string why) {
            if (!ok && c->event.mismatch == model::Mismatch::Conflict)
                return c->fail(404, "NAME_UNKNOWN", why, Decision::Rejected);
            if (!ok && c->confirmFailure)
                return c->upstreamFailed(why, c->confirmTimeout);
            if (!ok)
                return c->fail(404, "BLOB_UNKNOWN", why, Decision::Served);
            c->event.cache = CacheResult::None;
            c->event.decision = Decision::Served;
            HttpResponse r;
            r.set("content-type", "application/octet-stream");
            r.set("docker-content-digest", c->route.reference);
            // The blob's size as upstream announced it; without it the empty
            // body would claim Content-Length: 0.
            if (c->confirmedLength)
                r.set("content-length", *c->confirmedLength);
            c->answer(std::move(r));
        });
    }

    // Fetch once per (namespace, repository, digest): a transfer fetched for
    // one repository never unlocks another's content.
    const std::string key = entry.name + "\n" + call->route.repository + "\n" + digest;
    std::shared_ptr<BlobTransfer> transfer;
    bool starter = false;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_transfers.find(key);
        if (it != m_transfers.end()) {
            transfer = it->second;
        } else {
            std::vector<BlobSource> sources;
            for (const auto& u : entry.upstreams) {
                auto request = requestFor(entry, u, "GET", call->route.repository, "blobs", digest);
                std::optional<std::string> expect;
                if (u.forwardNs)
                    expect = entry.name;
                sources.push_back(BlobSource{targetFor(u, m_deps.credential), std::move(request), u.url, expect});
            }
            std::weak_ptr<RegistryService> weak = shared_from_this();
            transfer = std::make_shared<BlobTransfer>(
                BlobTransfer::Context{*m_deps.store, *m_deps.index, *m_deps.client, *m_deps.workers, m_deps.nowMs}, digest, entry.name,
                call->route.repository, std::move(sources), [weak, key] {
                    if (auto self = weak.lock()) {
                        std::lock_guard l(self->m_mutex);
                        self->m_transfers.erase(key);
                    }
                });
            m_transfers.emplace(key, transfer);
            starter = true;
        }
    }
    if (starter)
        transfer->start();

    auto headers = call->baseHeaders();
    headers.emplace_back("content-type", "application/octet-stream");
    headers.emplace_back("docker-content-digest", digest);
    auto range = call->request.header("range");
    streamTransfer(call->responder, transfer, range ? std::optional<std::string>(*range) : std::nullopt,
                   std::move(headers), [call, transfer](StreamOutcome o) {
                       const auto s = transfer->snapshot();
                       auto& e = call->event;
                       e.upstream = s.upstream;
                       if (o.status == 0) { // nothing was sent: answer with an error
                           if (s.conflict) {
                               e.mismatch = model::Mismatch::Conflict;
                               return call->fail(404, "NAME_UNKNOWN", s.error, Decision::Rejected);
                           }
                           if (s.upstreamStatus == 404 && s.error.find("answered 404") != std::string::npos)
                               return call->fail(404, "BLOB_UNKNOWN", "blob " + call->route.reference + " not found",
                                                 Decision::Served);
                           return call->upstreamFailed(s.error, s.timeout);
                       }
                       e.cache = CacheResult::Miss;
                       e.decision = o.complete ? Decision::Served : Decision::Failed;
                       if (!o.complete)
                           e.detail = o.error.empty() ? "client went away" : o.error;
                       call->finishEvent(o.status, o.bytes);
                   });
}

void RegistryService::tagList(std::shared_ptr<Call> call)
{
    const auto& u = call->upstream(0);
    std::string query;
    for (const char* p : {"n", "last"})
        if (auto v = call->request.queryParam(p))
            query += (query.empty() ? "" : "&") + std::string(p) + "=" + std::string(*v);
    auto request = requestFor(*call->entry, u, "GET", call->route.repository, "tags/list", "", query);
    fetchBuffered(*m_deps.client, targetFor(u, m_deps.credential), std::move(request), kMaxManifestBytes,
                  [call, url = u.url, prefix = u.repositoryPrefix.value_or("")](BufferedAnswer a) {
                      call->event.upstream = url;
                      if (a.error || a.status >= 500 || a.status == 429)
                          return call->upstreamFailed(describe(a, url), a.error && a.error->code == "upstream.timeout");
                      HttpResponse r;
                      r.status = a.status;
                      r.set("content-type", "application/json");
                      std::string body = std::move(a.body);
                      if (a.status == 200 && !prefix.empty()) {
                          // Clients asked for their own name, not the upstream's prefixed one.
                          boost::system::error_code ec;
                          auto json = boost::json::parse(body, ec);
                          if (!ec && json.is_object()) {
                              json.as_object()["name"] = call->route.repository;
                              body = boost::json::serialize(json);
                          }
                      }
                      if (auto link = a.header("link"))
                          r.set("link", std::string(*link));
                      r.body = std::move(body);
                      call->event.cache = CacheResult::None;
                      call->event.decision = a.status == 200 ? Decision::Served : Decision::Served;
                      call->answer(std::move(r));
                  });
}

void RegistryService::referrers(std::shared_ptr<Call> call)
{
    const auto& u = call->upstream(0);
    auto request = requestFor(*call->entry, u, "GET", call->route.repository, "referrers", call->route.reference);
    fetchBuffered(*m_deps.client, targetFor(u, m_deps.credential), std::move(request), kMaxManifestBytes,
                  [call, url = u.url](BufferedAnswer a) {
                      call->event.upstream = url;
                      if (a.error || a.status >= 500 || a.status == 429)
                          return call->upstreamFailed(describe(a, url), a.error && a.error->code == "upstream.timeout");
                      HttpResponse r;
                      r.status = a.status;
                      r.set("content-type", std::string(a.header("content-type").value_or("application/json")));
                      r.body = std::move(a.body);
                      call->event.cache = CacheResult::None;
                      call->event.decision = Decision::Served;
                      call->answer(std::move(r));
                  });
}

} // namespace nsgate::proxy
