#pragma once

// One cold blob on its way from upstream into the cache, shared by every
// client that asked for it meanwhile (fetch once). Bytes go to a temporary
// file as they arrive; readers stream from that file behind the writer, but
// the last byte is released only after the digest and size were verified, so
// no client ever completes a transfer of unverified content. A mismatch
// discards the file and fails every reader.
//
// The upstream thread only receives and writes. Hashing runs on a worker
// behind it, reading what was written back from the page cache: one thread
// doing both capped a cold pull at the speed of receive + write + SHA-256.

#include "core/proxy/ContentStore.h"
#include "core/proxy/DigestHasher.h"
#include "core/proxy/UpstreamClient.h"
#include "core/proxy/WorkerPool.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <vector>

namespace nsgate::proxy {

class CacheIndex;

// One way to ask an upstream for the blob.
struct BlobSource
{
    UpstreamTarget target;
    UpstreamRequest request;
    std::string url;              // for events and messages (no credentials)
    std::optional<std::string> expectNamespace; // forwardNs: the OCI-Namespace we require
};

class BlobTransfer : public std::enable_shared_from_this<BlobTransfer>
{
public:
    enum class State { Connecting, Streaming, Verified, Failed };

    struct Snapshot
    {
        State state = State::Connecting;
        std::uint64_t written = 0;
        std::optional<std::uint64_t> total;
        int fd = -1;
        int upstreamStatus = 0;  // of the last attempt
        bool timeout = false;
        bool conflict = false;
        std::string upstream;    // the source that is (or was) streaming
        std::string error;
        // Bytes readers may send: everything once verified, else all but the last.
        std::uint64_t releasable() const;
    };

    struct Context
    {
        ContentStore& store;
        CacheIndex& index;
        UpstreamClient& client;
        WorkerPool& workers;    // hashing, verification and the cache commit
        std::function<std::int64_t()> nowMs;
    };

    // Grants (ns, repository) access to the blob once verified.
    BlobTransfer(Context context, std::string digest, std::string ns, std::string repository,
                 std::vector<BlobSource> sources, std::function<void()> onDone);

    void start();
    Snapshot snapshot() const;
    // Calls `callback` once, at the next change (immediately if `seenVersion` is stale).
    void waitForChange(std::uint64_t seenVersion, std::function<void()> callback);
    std::uint64_t version() const;

private:
    class Attempt;
    friend class Attempt;

    void startAttempt();
    void onResponse(std::size_t attempt, int status, const HeaderList& headers);
    bool onData(std::size_t attempt, std::span<const char> chunk);
    void onComplete(std::size_t attempt, Status<> outcome);
    void scheduleHash(std::unique_lock<std::mutex>& lock);
    void hashWritten();
    void verifyAndCommit(std::unique_lock<std::mutex>& lock);
    void changed(std::unique_lock<std::mutex>& lock);
    void fail(std::unique_lock<std::mutex>& lock, std::string why);

    Context m_context;
    const std::string m_digest;
    const std::string m_ns;
    const std::string m_repository;
    std::vector<BlobSource> m_sources;
    std::function<void()> m_onDone;

    mutable std::mutex m_mutex;
    std::size_t m_attempt = 0;
    Snapshot m_snapshot;
    bool m_acceptBody = false;
    std::unique_ptr<TempBlob> m_temp;
    std::unique_ptr<DigestHasher> m_hasher;  // used by the hashing task only
    std::uint64_t m_hashed = 0;              // bytes of the file hashed so far
    bool m_hashScheduled = false;            // a hashing task is queued or running
    bool m_upstreamDone = false;             // the streamed answer ended well
    std::vector<char> m_hashBuffer;
    std::uint64_t m_version = 0;
    std::vector<std::function<void()>> m_waiters;
    static constexpr std::uint64_t kNotifyBytes = 1 << 20;
    static constexpr std::chrono::milliseconds kNotifyInterval{5};
    std::uint64_t m_notifiedBytes = 0;
    std::chrono::steady_clock::time_point m_notifiedAt{};
};

} // namespace nsgate::proxy
