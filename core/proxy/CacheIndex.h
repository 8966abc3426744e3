#pragma once

// What the cache holds, in SQLite (WAL): verified blobs and manifests by
// digest, which (namespace, repository) pairs may be served each digest
// without asking upstream, and tag resolutions per (namespace, repository,
// tag) — never shared across namespaces. The files themselves are the
// ContentStore's; a row is written only after its file was renamed into place.

#include "core/model/Result.h"
#include "core/store/Database.h"
#include "core/store/Statement.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace nsgate::proxy {

struct CachedBlob
{
    std::string digest;
    std::uint64_t size = 0;
    std::string mediaType;
    std::string upstream;
    std::int64_t fetchedAtMs = 0;
};

struct CachedTag
{
    std::string ns;
    std::string repository;
    std::string tag;
    std::string digest;
    std::string mediaType;
    std::uint64_t size = 0;
    std::string upstream;
    std::int64_t fetchedAtMs = 0;     // when upstream last confirmed it
    std::int64_t lastServedAtMs = 0;
};

struct CacheTotals
{
    std::uint64_t entries = 0;
    std::uint64_t bytes = 0;
};

class CacheIndex
{
public:
    static Result<std::unique_ptr<CacheIndex>> open(const std::filesystem::path& file);

    std::optional<CachedBlob> blob(const std::string& digest);
    Status<> putBlob(const CachedBlob& blob);
    void removeBlob(const std::string& digest);

    bool hasAccess(const std::string& ns, const std::string& repository, const std::string& digest);
    Status<> grantAccess(const std::string& ns, const std::string& repository, const std::string& digest);
    // The namespaces under which `repository` was granted `digest`.
    std::vector<std::string> namespacesWithAccess(const std::string& repository, const std::string& digest);

    std::optional<CachedTag> tag(const std::string& ns, const std::string& repository, const std::string& tag);
    Status<> putTag(const CachedTag& tag);
    std::vector<CachedTag> listTags(const std::string& ns, const std::string& repository, int limit);
    // Forgets tag resolutions; empty filters match everything. Returns the count.
    std::int64_t purgeTags(const std::string& ns, const std::string& repository, const std::string& tag);

    // Least recently served first; last-served times are kept in memory and
    // written in batches (a write per cache hit would dominate the hot path).
    void touch(const std::string& digest, std::int64_t nowMs);
    void flushTouches();
    // Digests to evict so that the blobs' total fits `maxBytes`; rows removed.
    std::vector<std::string> evictTo(std::uint64_t maxBytes);
    CacheTotals totals();
    // Per namespace: the content it was granted (fetched for it or confirmed
    // for it). A blob shared by two namespaces counts in both.
    std::map<std::string, CacheTotals> totalsByNamespace();

private:
    explicit CacheIndex(store::Database db) : m_db(std::move(db)) {}
    Result<store::Statement*> statement(std::string_view sql);

    std::mutex m_mutex;
    store::Database m_db;
    std::unordered_map<std::string, std::unique_ptr<store::Statement>> m_statements;
    std::unordered_map<std::string, std::int64_t> m_touched;
};

} // namespace nsgate::proxy
