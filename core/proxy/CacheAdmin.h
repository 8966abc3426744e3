#pragma once

// What the admin API needs from the cache index for GET and DELETE
// /admin/v1/cache. The proxy's cache implements it.

#include "core/model/Result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nsgate::proxy {

// Filters; an absent one matches everything. Values are already decoded and
// normalized (namespace) or checked against their grammar (repository, tag).
struct CacheFilter
{
    std::optional<std::string> ns;
    std::optional<std::string> repository;
    std::optional<std::string> tag;

    friend bool operator==(const CacheFilter&, const CacheFilter&) = default;
};

// One cached manifest, with the tag that resolves to it (if any).
struct CacheEntry
{
    std::string ns;
    std::string repository;
    std::optional<std::string> tag;
    std::string digest;
    std::optional<std::string> mediaType;
    std::int64_t size = 0;
    std::optional<std::string> upstream;
    std::int64_t fetchedAtMs = 0;                  // Unix milliseconds, UTC
    std::optional<std::int64_t> lastServedAtMs;    // never served yet: none

    friend bool operator==(const CacheEntry&, const CacheEntry&) = default;
};

// Called from any thread the admin API runs on.
class CacheAdmin
{
public:
    virtual ~CacheAdmin() = default;
    // Ordered by namespace, repository, tag; at most `limit`.
    virtual Result<std::vector<CacheEntry>> list(const CacheFilter& filter, std::size_t limit) = 0;
    // Forgets the matching tag resolutions (blobs and manifests stay, content
    // addressed, until garbage collection). Returns how many were forgotten.
    virtual Result<std::int64_t> forgetTags(const CacheFilter& filter) = 0;
};

} // namespace nsgate::proxy
