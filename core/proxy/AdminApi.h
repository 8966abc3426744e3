#pragma once

// The admin REST API (/admin/v1/*) as a function from request to response.
// The HTTP server reads a request (at most kMaxAdminBodyBytes of body), asks
// isEventStream(): for the event stream it calls openEventStream() and serves
// the SSE itself; for everything else it sends what handle() returns.
//
// Thread-safe: handle() may run on any number of threads at once.

#include "core/model/Event.h"
#include "core/proxy/HttpMessage.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace nsgate::proxy {

class AdminToken;
class CacheAdmin;
class ConfigRepository;
class CredentialStore;
class EventQuery;
class StatsSource;

inline constexpr std::size_t kMaxAdminBodyBytes = 4 * 1024 * 1024;
inline constexpr int kAdminApiVersion = 1;

struct AdminApiOptions
{
    std::string version;         // nsgate's version, for /info
    std::string instanceId;      // InstanceIdentity::instanceId()
    std::string registryUrl;     // "http://127.0.0.1:5000", as printed in the listening line
    std::int64_t startedAtMs = 0;   // Unix milliseconds, UTC
};

// Not owned; each must outlive the AdminApi. The optional ones may be null
// until the proxy provides them: their endpoints then answer 503.
struct AdminApiServices
{
    const AdminToken* token = nullptr;            // required
    ConfigRepository* config = nullptr;          // required
    CredentialStore* credentials = nullptr;      // required
    EventQuery* events = nullptr;
    StatsSource* stats = nullptr;
    CacheAdmin* cache = nullptr;
};

// Where an accepted event stream starts: every event with seq > after, then live ones.
struct EventStreamStart
{
    std::int64_t after = 0;
};

class AdminApi
{
public:
    AdminApi(AdminApiOptions options, AdminApiServices services);

    // Every /admin/v1/* endpoint except the event stream; any other path is 404.
    // HEAD is answered like GET, body included: the server must send the
    // headers only (keeping Content-Length as for GET).
    HttpResponse handle(const HttpRequest& request) const;

    // True for /admin/v1/events/stream (any method): hand the request to
    // openEventStream() instead of handle().
    static bool isEventStream(const HttpRequest& request);

    // Checks method (GET), auth and `after` / `Last-Event-ID` (the header wins
    // when both are given, as a reconnecting EventSource sends it). Either where
    // to start streaming, or the response to send instead (401, 405, 400).
    std::variant<EventStreamStart, HttpResponse> openEventStream(const HttpRequest& request) const;

    // The Authorization header carries the admin token.
    bool isAuthorized(const HttpRequest& request) const;

    // One SSE message for an event: "id: <seq>\nevent: request\ndata: <json>\n\n".
    static std::string formatStreamEvent(const model::Event& event);
    // Sent every 15 s on an idle stream.
    static constexpr std::string_view kStreamKeepalive = ": keepalive\n\n";
    // Headers for the stream's 200 response (Content-Type: text/event-stream, no caching).
    static HeaderList streamHeaders();

private:
    AdminApiOptions m_options;
    AdminApiServices m_services;
};

// A problem+json response (RFC 9457): type "about:blank", the status's title,
// `detail`, and `errors` (always present, possibly empty).
HttpResponse problemResponse(int status, std::string detail);

} // namespace nsgate::proxy
