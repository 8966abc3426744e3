#pragma once

// Recently served manifests in memory, by digest. Manifests are small and
// asked for on every pull (a tag resolution is a manifest GET), so serving
// them without a stat, an open and a read per request is where the registry
// path's time goes. Bounded by total bytes; least recently used goes first.
// Everything in it is verified content (it is filled only from the store or
// from bytes whose digest was checked).

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace nsgate::proxy {

struct CachedManifest
{
    std::shared_ptr<const std::string> bytes;
    std::string mediaType;
};

class ManifestCache
{
public:
    explicit ManifestCache(std::size_t capacityBytes) : m_capacity(capacityBytes) {}

    std::optional<CachedManifest> get(const std::string& digest);
    void put(const std::string& digest, CachedManifest manifest);
    void remove(const std::string& digest);

private:
    struct Entry
    {
        std::string digest;
        CachedManifest manifest;
    };
    std::mutex m_mutex;
    std::size_t m_capacity;
    std::size_t m_size = 0;
    std::list<Entry> m_lru; // front: most recently used
    std::unordered_map<std::string, std::list<Entry>::iterator> m_index;
};

} // namespace nsgate::proxy
