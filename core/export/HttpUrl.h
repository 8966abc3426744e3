#pragma once

// The URLs the writers put into client configuration (the proxy, upstreams,
// containerd `server` and `[host]` keys): http(s)://host[:port][/path]. The host
// follows the registry host grammar of core/model/RegistryHost.h, so what the
// clients dial is exactly what nsgate would accept as a namespace spelling.

#include "core/model/Result.h"

#include <string>
#include <string_view>

namespace nsgate::exporters {

struct HttpUrl
{
    std::string scheme;   // "http" or "https"
    std::string hostPort; // normalized: lower-case host, port without leading zeros, IPv6 in brackets
    std::string path;     // "" or "/a/b": no trailing slash, no empty, "." or ".." segments

    // scheme://hostPort[path], the canonical spelling written into files.
    std::string text() const;

    friend bool operator==(const HttpUrl&, const HttpUrl&) = default;
};

// Parses and normalizes `text`. `field` names the option or key in the error
// message (code "url.invalid"); user info, queries and fragments are refused
// because no client configuration format carries them meaningfully.
Result<HttpUrl> parseHttpUrl(std::string_view text, std::string_view field);

// Where a registry host is actually served: https://<host>, except Docker Hub,
// whose API lives at registry-1.docker.io (containerd and docker do the same).
std::string originUrl(std::string_view registryHost);

} // namespace nsgate::exporters
