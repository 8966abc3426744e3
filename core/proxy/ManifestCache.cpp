#include "core/proxy/ManifestCache.h"

namespace nsgate::proxy {

std::optional<CachedManifest> ManifestCache::get(const std::string& digest)
{
    std::lock_guard lock(m_mutex);
    auto it = m_index.find(digest);
    if (it == m_index.end())
        return std::nullopt;
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    return it->second->manifest;
}

void ManifestCache::put(const std::string& digest, CachedManifest manifest)
{
    if (!manifest.bytes || manifest.bytes->size() > m_capacity)
        return;
    std::lock_guard lock(m_mutex);
    if (auto it = m_index.find(digest); it != m_index.end()) {
        m_lru.splice(m_lru.begin(), m_lru, it->second);
        return;
    }
    m_size += manifest.bytes->size();
    m_lru.push_front(Entry{digest, std::move(manifest)});
    m_index.emplace(digest, m_lru.begin());
    while (m_size > m_capacity && !m_lru.empty()) {
        m_size -= m_lru.back().manifest.bytes->size();
        m_index.erase(m_lru.back().digest);
        m_lru.pop_back();
    }
}

void ManifestCache::remove(const std::string& digest)
{
    std::lock_guard lock(m_mutex);
    auto it = m_index.find(digest);
    if (it == m_index.end())
        return;
    m_size -= it->second->manifest.bytes->size();
    m_lru.erase(it->second);
    m_index.erase(it);
}

} // namespace nsgate::proxy
