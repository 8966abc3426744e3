#pragma once

// The registry listener's handler: the OCI pull API for every mapped
// namespace. It routes with model::resolveNamespace (closed world), applies
// the trust policy, serves from the cache or fetches once from the
// namespace's upstreams, verifies every digest, and appends one event per
// routed request.

#include "core/model/Event.h"
#include "core/model/MirrorConfig.h"
#include "core/proxy/HttpServer.h"
#include "core/proxy/ManifestCache.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace nsgate::proxy {

class BlobTransfer;
class CacheIndex;
class WorkerPool;
class ContentStore;
class UpstreamClient;
struct BufferedAnswer;

inline constexpr std::size_t kMaxManifestBytes = 4 * 1024 * 1024;

struct RegistryDeps
{
    std::function<std::shared_ptr<const model::MirrorConfig>()> config;
    // Username and password of a stored credential, or nullopt.
    std::function<std::optional<std::pair<std::string, std::string>>(const std::string& name)> credential;
    std::function<void(model::Event)> emit;
    std::function<std::int64_t()> nowMs;
    ContentStore* store = nullptr;
    CacheIndex* index = nullptr;
    UpstreamClient* client = nullptr;
    WorkerPool* workers = nullptr;
};

class RegistryService : public std::enable_shared_from_this<RegistryService>
{
public:
    explicit RegistryService(RegistryDeps deps);
    ~RegistryService();

    void handle(HttpRequest request, std::shared_ptr<Responder> responder);

    struct Call; // one request in flight

private:
    void route(std::shared_ptr<Call> call);
    void manifestByTag(std::shared_ptr<Call> call);
    void manifestByDigest(std::shared_ptr<Call> call);
    void blob(std::shared_ptr<Call> call);
    void tagList(std::shared_ptr<Call> call);
    void referrers(std::shared_ptr<Call> call);

    void fetchManifest(std::shared_ptr<Call> call, std::string reference, std::size_t upstreamIndex,
                       std::function<void(std::shared_ptr<Call>, BufferedAnswer, std::size_t)> done);
    void confirmAccess(std::shared_ptr<Call> call, std::string digest, std::size_t upstreamIndex,
                       std::function<void(std::shared_ptr<Call>, bool confirmed, std::string why)> done);
    void serveCachedManifest(std::shared_ptr<Call> call, const std::string& digest, const std::string& mediaType,
                             std::string upstream, bool stale, std::string detail);
    void serveCachedBlob(std::shared_ptr<Call> call);
    void storeManifest(std::shared_ptr<Call> call, const BufferedAnswer& answer, std::size_t upstreamIndex,
                       std::string& digest, std::string& mediaType, std::string& error);

    RegistryDeps m_deps;
    std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<BlobTransfer>> m_transfers;
    ManifestCache m_manifests{32u << 20};
};

} // namespace nsgate::proxy
