#pragma once

// HTTP requests and complete responses as plain values, so handlers and their
// tests never see Boost.Beast (which stays inside HttpServer.cpp: one Beast
// translation unit costs ~14 s and ~0.5 GB to compile).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nsgate::proxy {

// Header names are stored lower-case; values as received.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest
{
    std::string method;      // "GET"
    std::string target;      // as received: "/v2/a/manifests/1?ns=docker.io"
    std::string path;        // target before '?', still percent-encoded
    std::string query;       // target after '?', still percent-encoded; empty when none
    HeaderList headers;
    std::string body;
    std::string remoteAddress; // "127.0.0.1"

    // First value of a header (name compared case-insensitively).
    std::optional<std::string_view> header(std::string_view name) const;
    // Raw (still percent-encoded) value of the first `name=` query parameter.
    std::optional<std::string_view> queryParam(std::string_view name) const;
};

struct HttpResponse
{
    int status = 200;
    HeaderList headers;   // Content-Length is set by the server from `body`
    std::string body;

    HttpResponse& set(std::string name, std::string value);
    std::optional<std::string_view> header(std::string_view name) const;
};

// Splits a request target into path and query.
void splitTarget(std::string_view target, std::string& path, std::string& query);

} // namespace nsgate::proxy
