// The registry listener's routing of outside input: request target (path and
// query), the `ns` parameter and the Host header go through the same code as
// in nsgate (splitTarget, queryParam, resolveNamespace, applyPolicy). Input is
// "TARGET\nHOST" (missing parts are empty). Nothing may crash, and every
// refusal must carry a status, an OCI code and a message.

#include "core/model/NamespaceResolver.h"
#include "core/proxy/HttpMessage.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const nsgate::model::MirrorConfig& config()
{
    static const nsgate::model::MirrorConfig c = [] {
        using namespace nsgate::model;
        MirrorConfig m;
        NamespaceEntry docker;
        docker.name = "docker.io";
        docker.aliases = {"index.docker.io"};
        docker.upstreams = {Upstream{"https://registry-1.docker.io", {}, {}, true, false, {}}};
        docker.policy.allow = {"library/**"};
        docker.policy.deny = {"library/bad*"};
        NamespaceEntry local;
        local.name = "127.0.0.1:5001";
        local.upstreams = {Upstream{"http://127.0.0.1:5001", {}, {}, true, false, {}}};
        local.policy.tags = TagMode::DigestOnly;
        m.namespaces = {docker, local};
        m.defaultNamespace = "docker.io";
        m.namespaces[0].policy.onMissingNs = MissingNsMode::Serve;
        return m;
    }();
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    nsgate::proxy::HttpRequest request;
    request.target = std::string(input.substr(0, newline));
    nsgate::proxy::splitTarget(request.target, request.path, request.query);
    request.headers.emplace_back("host", newline == std::string_view::npos ? "" : std::string(input.substr(newline + 1)));

    nsgate::model::RegistryRequest rr{request.path, std::nullopt, request.header("Host").value_or("")};
    if (auto ns = request.queryParam("ns"))
        rr.ns = *ns;
    const auto r = nsgate::model::resolveNamespace(rr, config());
    if (r.route == nsgate::model::Route::Reject) {
        if (r.status < 400 || r.errorCode.empty() || r.message.empty())
            std::abort();
        return 0;
    }
    if (r.route == nsgate::model::Route::Namespace) {
        if (!r.entry)
            std::abort();
        const auto decision = nsgate::model::applyPolicy(*r.entry, r);
        if (!decision.allowed && (decision.status < 400 || decision.message.empty()))
            std::abort();
    }
    return 0;
}
