#pragma once

// A whole small upstream answer in memory (manifests, tag lists, referrers,
// HEAD checks), capped so a hostile upstream cannot grow the proxy: bodies
// over the cap fail the fetch.

#include "core/proxy/UpstreamClient.h"

#include <functional>

namespace nsgate::proxy {

struct BufferedAnswer
{
    int status = 0;   // 0 when no response arrived
    HeaderList headers;
    std::string body;
    std::optional<Error> error;

    std::optional<std::string_view> header(std::string_view name) const;
    // Connect errors, timeouts, 429 and 5xx: worth trying the next upstream.
    bool retryable() const { return error || status == 429 || status >= 500; }
};

// Starts `request` and calls `done` exactly once (on the upstream worker thread).
void fetchBuffered(UpstreamClient& client, const UpstreamTarget& target, UpstreamRequest request,
                   std::size_t maxBody, std::function<void(BufferedAnswer)> done);

} // namespace nsgate::proxy
