#include "core/export/HttpUrl.h"

#include "core/model/Grammar.h"
#include "core/model/Message.h"
#include "core/model/RegistryHost.h"

#include <algorithm>
#include <cctype>

namespace nsgate::exporters {

namespace {

Error urlError(std::string_view field, std::string_view text, model::Message problem)
{
    return makeError("url.invalid",
                     NSGATE_TEXT("nsgate::export", "%1 %2: must be http:// or https:// with a host, "
                                                   "optional port and optional path (%3)")
                         .with(field, model::quoteForMessage(text), std::move(problem)));
}

bool isHex(char c)
{
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// RFC 3986 pchar minus ':' and '@' is enough for an API root; percent escapes
// must be complete so that no client decodes them differently.
model::Message pathProblem(std::string_view path)
{
    for (std::size_t i = 0; i < path.size(); ++i) {
        const char c = path[i];
        if (c == '%') {
            if (i + 2 >= path.size() || !isHex(path[i + 1]) || !isHex(path[i + 2]))
                return NSGATE_TEXT("nsgate::export", "incomplete percent escape in the path");
            i += 2;
            continue;
        }
        const bool plain = std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                           std::string_view("-._~!$&'()*+,;=/").find(c) != std::string_view::npos;
        if (!plain)
            return NSGATE_TEXT("nsgate::export", "unexpected character in the path");
    }
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view segment = path.substr(start, end - start);
        if (segment.empty())
            return NSGATE_TEXT("nsgate::export", "empty path segment");
        if (segment == "." || segment == "..")
            return NSGATE_TEXT("nsgate::export", "'.' or '..' path segment");
        start = end + 1;
    }
    return {};
}

} // namespace

std::string HttpUrl::text() const
{
    return scheme + "://" + hostPort + path;
}

Result<HttpUrl> parseHttpUrl(std::string_view text, std::string_view field)
{
    if (text.empty())
        return urlError(field, text, NSGATE_TEXT("nsgate::export", "empty"));
    const std::size_t schemeEnd = text.find("://");
    if (schemeEnd == std::string_view::npos)
        return urlError(field, text, NSGATE_TEXT("nsgate::export", "no scheme"));
    std::string scheme(text.substr(0, schemeEnd));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    if (scheme != "http" && scheme != "https")
        return urlError(field, text, NSGATE_TEXT("nsgate::export", "scheme is not http or https"));

    const std::string_view rest = text.substr(schemeEnd + 3);
    if (rest.find_first_of("?#") != std::string_view::npos)
        return urlError(field, text, NSGATE_TEXT("nsgate::export", "queries and fragments are not allowed"));
    if (rest.find('@') != std::string_view::npos)
        return urlError(field, text, NSGATE_TEXT("nsgate::export", "user info is not allowed"));

    const std::size_t slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    // "https://mirror/" and "https://mirror" are the same API root.
    while (!path.empty() && path.back() == '/')
        path.remove_suffix(1);

    if (authority.empty())
        return urlError(field, text, NSGATE_TEXT("nsgate::export", "no host"));
    auto host = model::normalizeRegistryHost(authority, "host");
    if (!host)
        return urlError(field, text, errorText(host.error()));
    if (auto problem = pathProblem(path); !problem.empty())
        return urlError(field, text, std::move(problem));

    return HttpUrl{std::move(scheme), std::move(host.value()), std::string(path)};
}

std::string originUrl(std::string_view registryHost)
{
    if (registryHost == "docker.io")
        return "https://registry-1.docker.io";
    return "https://" + std::string(registryHost);
}

} // namespace nsgate::exporters
