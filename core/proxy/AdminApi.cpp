#include "core/proxy/AdminApi.h"

#include "core/model/ConfigValidator.h"
#include "core/model/Grammar.h"
#include "core/model/RegistryHost.h"
#include "core/proxy/AdminToken.h"
#include "core/proxy/CacheAdmin.h"
#include "core/proxy/ConfigRepository.h"
#include "core/proxy/CredentialStore.h"
#include "core/proxy/EventQuery.h"
#include "core/proxy/StatsSource.h"

#include <boost/json.hpp>

#include <charconv>
#include <exception>
#include <limits>
#include <optional>
#include <vector>

namespace nsgate::proxy {

namespace json = boost::json;

namespace {

constexpr std::string_view kPrefix = "/admin/v1/";
constexpr std::string_view kJson = "application/json";
constexpr std::string_view kProblemJson = "application/problem+json";

constexpr std::int64_t kDefaultRevisionLimit = 50;
constexpr std::int64_t kMaxRevisionLimit = 1000;
constexpr std::int64_t kDefaultEventLimit = 1000;
constexpr std::int64_t kMaxEventLimit = 10000;
constexpr std::int64_t kDefaultCacheLimit = 1000;
constexpr std::int64_t kMaxCacheLimit = 10000;

enum class Route {
    Health,
    Info,
    Config,
    Revisions,
    Revision,
    Credentials,
    Credential,
    Events,
    EventStream,
    Stats,
    Cache,
    Unknown,
    Outside,   // not under /admin/v1/ at all
};

struct Match
{
    Route route = Route::Unknown;
    std::string argument;   // {n} or {name}, still percent-encoded
};

std::vector<std::string_view> split(std::string_view path)
{
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    for (;;) {
        const auto slash = path.find('/', start);
        segments.push_back(path.substr(start, slash - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return segments;
}

Match route(std::string_view path)
{
    if (path.substr(0, kPrefix.size()) != kPrefix)
        return {path == "/admin/v1" ? Route::Unknown : Route::Outside, {}};
    const auto s = split(path.substr(kPrefix.size()));
    for (auto segment : s)
        if (segment.empty())
            return {};
    // "" in `want` matches any one segment.
    const auto is = [&](std::initializer_list<std::string_view> want) {
        if (want.size() != s.size())
            return false;
        std::size_t i = 0;
        for (auto w : want) {
            if (!w.empty() && w != s[i])
                return false;
            ++i;
        }
        return true;
    };
    if (is({"health"}))
        return {Route::Health, {}};
    if (is({"info"}))
        return {Route::Info, {}};
    if (is({"config"}))
        return {Route::Config, {}};
    if (is({"config", "revisions"}))
        return {Route::Revisions, {}};
    if (is({"config", "revisions", ""}))
        return {Route::Revision, std::string(s[2])};
    if (is({"credentials"}))
        return {Route::Credentials, {}};
    if (is({"credentials", ""}))
        return {Route::Credential, std::string(s[1])};
    if (is({"events"}))
        return {Route::Events, {}};
    if (is({"events", "stream"}))
        return {Route::EventStream, {}};
    if (is({"stats"}))
        return {Route::Stats, {}};
    if (is({"cache"}))
        return {Route::Cache, {}};
    return {};
}

// Methods each route answers; HEAD goes with GET.
std::string_view allowedMethods(Route r)
{
    switch (r) {
    case Route::Config: return "GET, HEAD, PUT";
    case Route::Credential: return "PUT, DELETE";
    case Route::Cache: return "GET, HEAD, DELETE";
    case Route::EventStream: return "GET";
    case Route::Health:
    case Route::Info:
    case Route::Revisions:
    case Route::Revision:
    case Route::Credentials:
    case Route::Events:
    case Route::Stats: return "GET, HEAD";
    case Route::Unknown:
    case Route::Outside: break;
    }
    return "";
}

bool methodAllowed(Route r, std::string_view method)
{
    const std::string_view allowed = allowedMethods(r);
    std::size_t start = 0;
    while (start < allowed.size()) {
        auto end = allowed.find(", ", start);
        if (end == std::string_view::npos)
            end = allowed.size();
        if (allowed.substr(start, end - start) == method)
            return true;
        start = end + 2;
    }
    return false;
}

std::string_view titleFor(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}

HttpResponse withCommonHeaders(HttpResponse response, std::string_view contentType)
{
    if (!contentType.empty())
        response.set("content-type", std::string(contentType));
    // Admin answers describe secrets and live state; no cache may keep them.
    response.set("cache-control", "no-store");
    return response;
}

HttpResponse jsonResponse(int status, const json::value& body)
{
    HttpResponse response;
    response.status = status;
    response.body = json::serialize(body);
    return withCommonHeaders(std::move(response), kJson);
}

json::array issuesToJson(const model::Issues& issues)
{
    json::array errors;
    errors.reserve(issues.size());
    for (const auto& issue : issues)
        errors.emplace_back(json::object{{"pointer", issue.pointer}, {"message", issue.message}});
    return errors;
}

HttpResponse problem(int status, std::string detail, const model::Issues& issues = {}, json::object extra = {})
{
    json::object body{
        {"type", "about:blank"},
        {"title", titleFor(status)},
        {"status", status},
        {"detail", std::move(detail)},
        {"errors", issuesToJson(issues)},
    };
    for (auto& member : extra)
        body[member.key()] = std::move(member.value());
    HttpResponse response;
    response.status = status;
    response.body = json::serialize(body);
    return withCommonHeaders(std::move(response), kProblemJson);
}

HttpResponse unauthorized(const HttpRequest& request)
{
    auto response = problem(401, request.header("authorization")
                                     ? "the bearer token is not valid for this nsgate"
                                     : "this endpoint needs \"Authorization: Bearer <token>\"");
    response.set("www-authenticate", "Bearer realm=\"nsgate-admin\"");
    return response;
}

HttpResponse methodNotAllowed(Route r, std::string_view method)
{
    auto response =
        problem(405, "method " + model::quoteForMessage(method) + " is not allowed here; allowed: "
                         + std::string(allowedMethods(r)));
    response.set("allow", std::string(allowedMethods(r)));
    return response;
}

HttpResponse badParameter(std::string_view name, std::string_view raw, std::string expectation)
{
    return problem(400,
                   "query parameter \"" + std::string(name) + "\" must be " + expectation + ", not "
                       + model::quoteForMessage(raw),
                   {}, json::object{{"parameter", name}});
}

std::optional<std::int64_t> parseDecimal(std::string_view text)
{
    if (text.empty() || text.size() > 19)
        return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9')
            return std::nullopt;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// A query parameter, percent-decoded; absent and empty are the same (nullopt).
Result<std::optional<std::string>, HttpResponse> textParam(const HttpRequest& request, std::string_view name)
{
    const auto raw = request.queryParam(name);
    if (!raw || raw->empty())
        return std::optional<std::string>();
    auto decoded = model::percentDecode(*raw);
    if (!decoded)
        return badParameter(name, *raw, "correctly percent-encoded");
    return std::optional<std::string>(std::move(*decoded));
}

Result<std::int64_t, HttpResponse> integerParam(const HttpRequest& request, std::string_view name, std::int64_t min,
                                                std::int64_t max, std::int64_t fallback)
{
    auto text = textParam(request, name);
    if (!text)
        return text.error();
    if (!*text)
        return fallback;
    const auto value = parseDecimal(**text);
    if (!value || *value < min || *value > max) {
        std::string range = max == std::numeric_limits<std::int64_t>::max()
                                ? "an integer of at least " + std::to_string(min)
                                : "an integer from " + std::to_string(min) + " to " + std::to_string(max);
        return badParameter(name, **text, std::move(range));
    }
    return *value;
}

std::optional<std::string> decodedSegment(std::string_view raw)
{
    auto decoded = model::percentDecode(raw);
    if (!decoded)
        return std::nullopt;
    return std::move(*decoded);
}

json::object countersToJson(const TrafficCounters& c)
{
    return json::object{
        {"requests", c.requests},       {"hits", c.hits},
        {"misses", c.misses},           {"mismatches", c.mismatches},
        {"bytesServed", c.bytesServed}, {"bytesFetched", c.bytesFetched},
    };
}

json::object cacheUsageToJson(const CacheUsage& c)
{
    return json::object{{"entries", c.entries}, {"bytes", c.bytes}};
}

json::value optionalString(const std::optional<std::string>& s)
{
    return s ? json::value(*s) : json::value(nullptr);
}

json::object credentialToJson(const CredentialSummary& c)
{
    return json::object{{"name", c.name}, {"username", c.username}, {"hasPassword", c.hasPassword}};
}

HttpResponse unavailable(std::string_view what)
{
    return problem(503, std::string(what) + " is not available on this nsgate yet");
}

HttpResponse internalError(const Error& error)
{
    return problem(500, error.message);
}

// The filters of /admin/v1/cache, checked against their grammars.
Result<CacheFilter, HttpResponse> cacheFilter(const HttpRequest& request, bool withTag)
{
    CacheFilter filter;
    auto ns = textParam(request, "namespace");
    if (!ns)
        return ns.error();
    if (*ns) {
        auto normalized = model::normalizeRegistryHost(**ns, "namespace");
        if (!normalized)
            return badParameter("namespace", **ns, "a registry host (" + normalized.error().message + ")");
        filter.ns = std::move(*normalized);
    }
    auto repository = textParam(request, "repository");
    if (!repository)
        return repository.error();
    if (*repository) {
        if (!model::isValidRepository(**repository))
            return badParameter("repository", **repository, "a repository name");
        filter.repository = std::move(**repository);
    }
    if (withTag) {
        auto tag = textParam(request, "tag");
        if (!tag)
            return tag.error();
        if (*tag) {
            if (!model::isValidTag(**tag))
                return badParameter("tag", **tag, "a tag");
            filter.tag = std::move(**tag);
        }
    }
    return filter;
}

class Handler
{
public:
    Handler(const AdminApiOptions& options, const AdminApiServices& services, const HttpRequest& request)
        : m_options(options), m_services(services), m_request(request)
    {
    }

    HttpResponse dispatch(const Match& match)
    {
        const bool write = m_request.method == "PUT" || m_request.method == "DELETE";
        switch (match.route) {
        case Route::Health: return jsonResponse(200, json::object{{"status", "ok"}});
        case Route::Info: return info();
        case Route::Config: return write ? putConfig() : getConfig();
        case Route::Revisions: return revisions();
        case Route::Revision: return revision(match.argument);
        case Route::Credentials: return credentials();
        case Route::Credential:
            return m_request.method == "PUT" ? putCredential(match.argument) : deleteCredential(match.argument);
        case Route::Events: return events();
        case Route::Stats: return stats();
        case Route::Cache: return write ? forgetCache() : listCache();
        case Route::EventStream:
            return problem(500, "the event stream is served by the HTTP server, not by the request handler");
        case Route::Unknown:
        case Route::Outside: break;
        }
        return problem(404, "no such admin endpoint: " + model::quoteForMessage(m_request.path));
    }

private:
    HttpResponse info()
    {
        return jsonResponse(200, json::object{
                                     {"product", "nsgate"},
                                     {"version", m_options.version},
                                     {"apiVersion", kAdminApiVersion},
                                     {"instanceId", m_options.instanceId},
                                     {"registryUrl", m_options.registryUrl},
                                     {"startedAt", model::formatTime(m_options.startedAtMs)},
                                     {"configRevision", m_services.config->currentRevision()},
                                 });
    }

    HttpResponse getConfig()
    {
        const auto snapshot = m_services.config->snapshot();
        HttpResponse response;
        response.body = *snapshot.document;
        response.set("etag", etagFor(snapshot.config->revision));
        return withCommonHeaders(std::move(response), kJson);
    }

    HttpResponse putConfig()
    {
        auto dryRun = textParam(m_request, "dryRun");
        if (!dryRun)
            return dryRun.error();
        if (*dryRun && **dryRun != "true" && **dryRun != "false")
            return badParameter("dryRun", **dryRun, "\"true\" or \"false\"");
        ConfigPut put;
        put.body = m_request.body;
        if (const auto ifMatch = m_request.header("if-match"))
            put.ifMatch = std::string(*ifMatch);
        put.actor = std::string(m_request.header("x-nsgate-actor").value_or(""));
        put.dryRun = *dryRun && **dryRun == "true";

        auto outcome = m_services.config->put(put);
        using Kind = ConfigPutOutcome::Kind;
        switch (outcome.kind) {
        case Kind::Stored: {
            HttpResponse response;
            response.body = std::move(outcome.document);
            response.set("etag", etagFor(outcome.currentRevision));
            return withCommonHeaders(std::move(response), kJson);
        }
        case Kind::Valid: {
            json::array changes;
            for (auto& line : outcome.changes)
                changes.emplace_back(std::move(line));
            return jsonResponse(200, json::object{{"valid", true}, {"changes", std::move(changes)}});
        }
        case Kind::PreconditionFailed: {
            auto response = problem(412, outcome.detail, {}, json::object{{"currentRevision", outcome.currentRevision}});
            response.set("etag", etagFor(outcome.currentRevision));
            return response;
        }
        case Kind::PreconditionRequired:
            return problem(428, outcome.detail, {}, json::object{{"currentRevision", outcome.currentRevision}});
        case Kind::Invalid:
            return problem(422, outcome.detail, outcome.errors,
                           put.dryRun ? json::object{{"valid", false}} : json::object{});
        case Kind::Malformed: return problem(400, outcome.detail, outcome.errors);
        case Kind::Failed: break;
        }
        return problem(500, outcome.detail);
    }

    HttpResponse revisions()
    {
        auto limit = integerParam(m_request, "limit", 1, kMaxRevisionLimit, kDefaultRevisionLimit);
        if (!limit)
            return limit.error();
        auto list = m_services.config->revisions(static_cast<std::size_t>(*limit));
        if (!list)
            return internalError(list.error());
        json::array out;
        out.reserve(list->size());
        for (const auto& r : *list)
            out.emplace_back(json::object{
                {"revision", r.revision},
                {"time", model::formatTime(r.timeMs)},
                {"actor", r.actor},
                {"summary", r.summary},
            });
        return jsonResponse(200, out);
    }

    HttpResponse revision(const std::string& raw)
    {
        const auto segment = decodedSegment(raw);
        const auto number = segment ? parseDecimal(*segment) : std::nullopt;
        if (!number)
            return problem(404, "no config revision " + model::quoteForMessage(segment.value_or(raw))
                                    + "; revisions are positive integers");
        auto document = m_services.config->revisionDocument(*number);
        if (!document)
            return internalError(document.error());
        if (!*document)
            return problem(404, "no config revision " + std::to_string(*number));
        HttpResponse response;
        response.body = std::move(**document);
        return withCommonHeaders(std::move(response), kJson);
    }

    HttpResponse credentials()
    {
        json::array out;
        for (const auto& c : m_services.credentials->list())
            out.emplace_back(credentialToJson(c));
        return jsonResponse(200, out);
    }

    HttpResponse putCredential(const std::string& raw)
    {
        const auto name = decodedSegment(raw);
        if (!name || !model::isValidCredentialName(*name))
            return problem(400, "credential name " + model::quoteForMessage(name.value_or(raw))
                                    + " must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
        boost::system::error_code ec;
        json::parse_options parseOptions;
        parseOptions.max_depth = 8;
        const json::value body =
            json::parse(json::string_view(m_request.body.data(), m_request.body.size()), ec, {}, parseOptions);
        if (ec)
            return problem(400, "the body is not a JSON document", {{"", "is not valid JSON: " + ec.message()}});
        auto credential = decodeCredential(body);
        if (!credential)
            return problem(422, std::to_string(credential.error().size()) + " problem(s) in the credential",
                           credential.error());
        if (auto stored = m_services.credentials->set(*name, *credential); !stored)
            return internalError(stored.error());
        return jsonResponse(200, credentialToJson({*name, credential->username,
                                                   credential->password && !credential->password->empty()}));
    }

    HttpResponse deleteCredential(const std::string& raw)
    {
        const auto name = decodedSegment(raw);
        if (!name || !model::isValidCredentialName(*name))
            return problem(404, "no credential " + model::quoteForMessage(name.value_or(raw)));
        std::optional<Result<CredentialRemoval>> removal;
        m_services.config->withConfigLocked(
            [&](const model::MirrorConfig& current) { removal.emplace(m_services.credentials->remove(*name, current)); });
        if (!*removal)
            return internalError(removal->error());
        const auto& done = removal->value();
        switch (done.outcome) {
        case CredentialRemoval::Outcome::Removed: {
            HttpResponse response;
            response.status = 204;
            return withCommonHeaders(std::move(response), {});
        }
        case CredentialRemoval::Outcome::NotFound:
            return problem(404, "no credential " + model::quoteForMessage(*name));
        case CredentialRemoval::Outcome::Referenced: break;
        }
        model::Issues references;
        std::string where;
        for (const auto& pointer : done.references) {
            references.push_back({pointer, "uses credential " + model::quoteForMessage(*name)});
            where += (where.empty() ? "" : ", ") + pointer;
        }
        return problem(409, "credential " + model::quoteForMessage(*name)
                                + " is still used by the config in force at " + where
                                + "; remove those references first",
                       references);
    }

    HttpResponse events()
    {
        auto after = integerParam(m_request, "after", 0, std::numeric_limits<std::int64_t>::max(), 0);
        if (!after)
            return after.error();
        auto limit = integerParam(m_request, "limit", 1, kMaxEventLimit, kDefaultEventLimit);
        if (!limit)
            return limit.error();
        if (!m_services.events)
            return unavailable("the event log");
        auto page = m_services.events->page(*after, static_cast<std::size_t>(*limit));
        if (!page)
            return internalError(page.error());
        json::array events;
        events.reserve(page->events.size());
        for (const auto& e : page->events)
            events.emplace_back(model::eventToJson(e));
        json::object out{
            {"instanceId", m_options.instanceId},
            {"events", std::move(events)},
            {"lastSeq", page->lastSeq},
            {"oldestSeq", page->oldestSeq},
        };
        if (page->gap)
            out["gap"] = json::object{{"from", page->gap->from}, {"to", page->gap->to}};
        return jsonResponse(200, out);
    }

    HttpResponse stats()
    {
        if (!m_services.stats)
            return unavailable("statistics");
        auto s = m_services.stats->stats();
        if (!s)
            return internalError(s.error());
        json::array namespaces;
        for (const auto& n : s->namespaces)
            namespaces.emplace_back(json::object{
                {"namespace", n.name},
                {"sinceStart", countersToJson(n.sinceStart)},
                {"total", countersToJson(n.total)},
                {"cache", cacheUsageToJson(n.cache)},
            });
        return jsonResponse(200, json::object{
                                     {"instanceId", m_options.instanceId},
                                     {"startedAt", model::formatTime(m_options.startedAtMs)},
                                     {"sinceStart", countersToJson(s->sinceStart)},
                                     {"total", countersToJson(s->total)},
                                     {"cache", cacheUsageToJson(s->cache)},
                                     {"eventsDropped", s->eventsDropped},
                                     {"namespaces", std::move(namespaces)},
                                 });
    }

    HttpResponse listCache()
    {
        auto filter = cacheFilter(m_request, false);
        if (!filter)
            return filter.error();
        auto limit = integerParam(m_request, "limit", 1, kMaxCacheLimit, kDefaultCacheLimit);
        if (!limit)
            return limit.error();
        if (!m_services.cache)
            return unavailable("the cache index");
        auto entries = m_services.cache->list(*filter, static_cast<std::size_t>(*limit));
        if (!entries)
            return internalError(entries.error());
        json::array out;
        out.reserve(entries->size());
        for (const auto& e : *entries)
            out.emplace_back(json::object{
                {"namespace", e.ns},
                {"repository", e.repository},
                {"tag", optionalString(e.tag)},
                {"digest", e.digest},
                {"mediaType", optionalString(e.mediaType)},
                {"size", e.size},
                {"upstream", optionalString(e.upstream)},
                {"fetchedAt", model::formatTime(e.fetchedAtMs)},
                {"lastServedAt",
                 e.lastServedAtMs ? json::value(model::formatTime(*e.lastServedAtMs)) : json::value(nullptr)},
            });
        return jsonResponse(200, out);
    }

    HttpResponse forgetCache()
    {
        auto filter = cacheFilter(m_request, true);
        if (!filter)
            return filter.error();
        if (!m_services.cache)
            return unavailable("the cache index");
        auto forgotten = m_services.cache->forgetTags(*filter);
        if (!forgotten)
            return internalError(forgotten.error());
        return jsonResponse(200, json::object{{"forgotten", *forgotten}});
    }

    const AdminApiOptions& m_options;
    const AdminApiServices& m_services;
    const HttpRequest& m_request;
};

} // namespace

HttpResponse problemResponse(int status, std::string detail)
{
    return problem(status, std::move(detail));
}

AdminApi::AdminApi(AdminApiOptions options, AdminApiServices services)
    : m_options(std::move(options)), m_services(services)
{
}

bool AdminApi::isAuthorized(const HttpRequest& request) const
{
    return m_services.token && m_services.token->matchesHeader(request.header("authorization"));
}

bool AdminApi::isEventStream(const HttpRequest& request)
{
    return route(request.path).route == Route::EventStream;
}

HttpResponse AdminApi::handle(const HttpRequest& request) const
{
    try {
        const Match match = route(request.path);
        if (match.route == Route::Outside)
            return problem(404, "no such path: " + model::quoteForMessage(request.path));
        const std::string_view method = request.method;
        if (match.route == Route::Health && methodAllowed(Route::Health, method))
            return Handler(m_options, m_services, request).dispatch(match);
        if (match.route == Route::Health)
            return methodNotAllowed(Route::Health, method);
        // Known before anything is looked at: the server stops reading there too.
        if (request.body.size() > kMaxAdminBodyBytes)
            return problem(413, "request bodies are limited to " + std::to_string(kMaxAdminBodyBytes) + " bytes");
        // Authentication comes before 404 and 405, so that without the token
        // nothing can be learnt about which endpoints exist.
        if (!isAuthorized(request))
            return unauthorized(request);
        if (match.route == Route::Unknown)
            return problem(404, "no such admin endpoint: " + model::quoteForMessage(request.path));
        if (!methodAllowed(match.route, method))
            return methodNotAllowed(match.route, method);
        if (match.route == Route::EventStream) {
            auto stream = openEventStream(request);
            if (auto* response = std::get_if<HttpResponse>(&stream))
                return std::move(*response);
        }
        return Handler(m_options, m_services, request).dispatch(match);
    } catch (const std::exception& e) {
        return problem(500, std::string("unexpected failure: ") + e.what());
    }
}

std::variant<EventStreamStart, HttpResponse> AdminApi::openEventStream(const HttpRequest& request) const
{
    try {
        if (request.body.size() > kMaxAdminBodyBytes)
            return problem(413, "request bodies are limited to " + std::to_string(kMaxAdminBodyBytes) + " bytes");
        if (!isAuthorized(request))
            return unauthorized(request);
        if (!methodAllowed(Route::EventStream, request.method))
            return methodNotAllowed(Route::EventStream, request.method);
        if (!m_services.events)
            return unavailable("the event log");
        if (const auto lastEventId = request.header("last-event-id"); lastEventId && !lastEventId->empty()) {
            const auto after = parseDecimal(*lastEventId);
            if (!after)
                return problem(400, "header Last-Event-ID must be an event sequence number, not "
                                        + model::quoteForMessage(*lastEventId));
            return EventStreamStart{*after};
        }
        auto after = integerParam(request, "after", 0, std::numeric_limits<std::int64_t>::max(), 0);
        if (!after)
            return after.error();
        return EventStreamStart{*after};
    } catch (const std::exception& e) {
        return problem(500, std::string("unexpected failure: ") + e.what());
    }
}

std::string AdminApi::formatStreamEvent(const model::Event& event)
{
    return "id: " + std::to_string(event.seq) + "\nevent: request\ndata: " + model::encodeEvent(event) + "\n\n";
}

HeaderList AdminApi::streamHeaders()
{
    return {{"content-type", "text/event-stream"}, {"cache-control", "no-store"}, {"x-accel-buffering", "no"}};
}

} // namespace nsgate::proxy
