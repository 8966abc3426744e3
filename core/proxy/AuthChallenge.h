#pragma once

// WWW-Authenticate challenges (RFC 7235) as registries send them:
//   Bearer
//   realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"
//   Basic realm="Registry Realm"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nsgate::proxy {

struct AuthChallenge
{
    std::string scheme;                                      // lower-case: "bearer", "basic"
    std::vector<std::pair<std::string, std::string>> params; // names lower-case, values unquoted

    std::optional<std::string_view> param(std::string_view name) const;
};

// Every challenge in one header value; several may share a line, separated by
// commas. Malformed input yields what could be read before it, never an error:
// a challenge we cannot read is one we cannot answer, and the 401 then reaches
// the caller as is.
std::vector<AuthChallenge> parseAuthChallenges(std::string_view headerValue);

} // namespace nsgate::proxy
