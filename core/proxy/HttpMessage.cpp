#include "core/proxy/HttpMessage.h"

#include <algorithm>
#include <cctype>

namespace nsgate::proxy {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::optional<std::string_view> find(const HeaderList& headers, std::string_view name)
{
    for (const auto& [k, v] : headers)
        if (equalsIgnoreCase(k, name))
            return std::string_view(v);
    return std::nullopt;
}

} // namespace

std::optional<std::string_view> HttpRequest::header(std::string_view name) const
{
    return find(headers, name);
}

std::optional<std::string_view> HttpRequest::queryParam(std::string_view name) const
{
    std::string_view rest = query;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) == name)
            return eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        if (amp == std::string_view::npos)
            break;
        rest.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

HttpResponse& HttpResponse::set(std::string name, std::string value)
{
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (auto& [k, v] : headers)
        if (k == name) {
            v = std::move(value);
            return *this;
        }
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
}

std::optional<std::string_view> HttpResponse::header(std::string_view name) const
{
    return find(headers, name);
}

void splitTarget(std::string_view target, std::string& path, std::string& query)
{
    const auto q = target.find('?');
    path.assign(target.substr(0, q));
    query.assign(q == std::string_view::npos ? std::string_view() : target.substr(q + 1));
}

} // namespace nsgate::proxy
