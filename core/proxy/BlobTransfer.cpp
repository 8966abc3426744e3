#include "core/proxy/BlobTransfer.h"

#include "core/proxy/CacheIndex.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <strings.h>
#include <unistd.h>

namespace nsgate::proxy {

std::uint64_t BlobTransfer::Snapshot::releasable() const
{
    if (state == State::Verified)
        return written;
    return written > 0 ? written - 1 : 0;
}

class BlobTransfer::Attempt final : public FetchObserver
{
public:
    Attempt(std::shared_ptr<BlobTransfer> transfer, std::size_t index) : m_transfer(std::move(transfer)), m_index(index)
    {
    }
    void onResponse(int status, const HeaderList& headers) override { m_transfer->onResponse(m_index, status, headers); }
    bool onData(std::span<const char> chunk) override { return m_transfer->onData(m_index, chunk); }
    void onComplete(Status<> outcome) override { m_transfer->onComplete(m_index, std::move(outcome)); }

private:
    std::shared_ptr<BlobTransfer> m_transfer;
    std::size_t m_index;
};

BlobTransfer::BlobTransfer(Context context, std::string digest, std::string ns, std::string repository,
                           std::vector<BlobSource> sources, std::function<void()> onDone)
    : m_context(context), m_digest(std::move(digest)), m_ns(std::move(ns)), m_repository(std::move(repository)),
      m_sources(std::move(sources)), m_onDone(std::move(onDone))
{
}

void BlobTransfer::start()
{
    auto temp = m_context.store.createTemp();
    std::unique_lock lock(m_mutex);
    if (!temp)
        return fail(lock, temp.error().message);
    m_temp = std::move(temp).value();
    m_snapshot.fd = m_temp->fd();
    lock.unlock();
    startAttempt();
}

void BlobTransfer::startAttempt()
{
    std::unique_lock lock(m_mutex);
    if (m_attempt >= m_sources.size())
        return fail(lock, m_snapshot.error.empty() ? "no upstream has it" : m_snapshot.error);
    const auto& source = m_sources[m_attempt];
    m_snapshot.upstream = source.url;
    m_hasher = DigestHasher::forDigest(m_digest);
    const std::size_t index = m_attempt;
    lock.unlock();
    m_context.client.start(source.target, source.request, std::make_shared<Attempt>(shared_from_this(), index));
}

void BlobTransfer::onResponse(std::size_t attempt, int status, const HeaderList& headers)
{
    std::unique_lock lock(m_mutex);
    if (attempt != m_attempt)
        return;
    m_snapshot.upstreamStatus = status;
    m_acceptBody = false;
    if (status != 200)
        return;
    std::optional<std::uint64_t> length;
    for (const auto& [k, v] : headers) {
        if (::strcasecmp(k.c_str(), "content-length") == 0) {
            try {
                length = std::stoull(v);
            } catch (...) {
            }
        }
        if (::strcasecmp(k.c_str(), "oci-namespace") == 0 && m_sources[attempt].expectNamespace &&
            v != *m_sources[attempt].expectNamespace) {
            m_snapshot.conflict = true;
            m_snapshot.error = "upstream " + m_sources[attempt].url + " answered for namespace \"" + v + "\"";
            return;
        }
    }
    m_acceptBody = true;
    m_snapshot.total = length;
    m_snapshot.state = State::Streaming;
    changed(lock);
}

bool BlobTransfer::onData(std::size_t attempt, std::span<const char> chunk)
{
    std::unique_lock lock(m_mutex);
    if (attempt != m_attempt || !m_acceptBody || m_snapshot.state != State::Streaming)
        return true; // bodies of refused answers are dropped
    const std::uint64_t offset = m_snapshot.written;
    lock.unlock();
    // The disk is the buffer: writing here keeps memory flat whatever the clients' speed.
    std::size_t done = 0;
    while (done < chunk.size()) {
        const ssize_t n = ::pwrite(m_snapshot.fd, chunk.data() + done, chunk.size() - done,
                                   static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            lock.lock();
            fail(lock, "cannot write to the cache: " + std::string(std::strerror(errno)));
            return true;
        }
        done += static_cast<std::size_t>(n);
    }
    lock.lock();
    m_snapshot.written += chunk.size();
    if (m_snapshot.total && m_snapshot.written > *m_snapshot.total) {
        fail(lock, "upstream " + m_snapshot.upstream + " sent more bytes than it announced");
        return true;
    }
    scheduleHash(lock);
    // Waking every reader for each socket read costs more CPU than the copy
    // itself; readers are woken per megabyte, or by the first read 5 ms after
    // the last wake-up when upstream trickles, and always at the end (a stalled
    // upstream leaves them less than a megabyte behind, never stuck).
    const auto now = std::chrono::steady_clock::now();
    if (m_snapshot.written - m_notifiedBytes >= kNotifyBytes || now - m_notifiedAt >= kNotifyInterval) {
        m_notifiedBytes = m_snapshot.written;
        m_notifiedAt = now;
        changed(lock);
    }
    return true;
}

void BlobTransfer::onComplete(std::size_t attempt, Status<> outcome)
{
    std::unique_lock lock(m_mutex);
    if (attempt != m_attempt || m_snapshot.state == State::Failed)
        return;
    const bool streamed = m_acceptBody && m_snapshot.state == State::Streaming;
    if (!streamed) {
        // Nothing of this answer was used: try the next upstream.
        if (!outcome) {
            m_snapshot.error = outcome.error().message;
            m_snapshot.timeout = outcome.error().code == "upstream.timeout";
        } else if (m_snapshot.error.empty() || !m_snapshot.conflict) {
            m_snapshot.error = "upstream " + m_sources[attempt].url + " answered " +
                               std::to_string(m_snapshot.upstreamStatus);
        }
        ++m_attempt;
        lock.unlock();
        return startAttempt();
    }
    if (!outcome)
        return fail(lock, outcome.error().message);
    m_upstreamDone = true;
    scheduleHash(lock);
}

void BlobTransfer::scheduleHash(std::unique_lock<std::mutex>& lock)
{
    (void)lock;
    if (m_hashScheduled)
        return;
    m_hashScheduled = true;
    m_context.workers.post([self = shared_from_this()] { self->hashWritten(); });
}

// Hashes what the upstream thread wrote since the last run; once upstream is
// done and everything is hashed, verifies. One task per transfer at a time
// (m_hashScheduled), so the hasher sees the bytes in order.
void BlobTransfer::hashWritten()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        if (m_snapshot.state == State::Failed) {
            m_hashScheduled = false;
            return;
        }
        const std::uint64_t from = m_hashed, to = m_snapshot.written;
        const int fd = m_snapshot.fd;
        if (from == to) {
            m_hashScheduled = false;
            if (m_upstreamDone)
                verifyAndCommit(lock);
            return;
        }
        lock.unlock();
        if (m_hashBuffer.empty())
            m_hashBuffer.resize(1 << 20);
        std::uint64_t at = from;
        while (at < to) {
            const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(to - at, m_hashBuffer.size()));
            const ssize_t n = ::pread(fd, m_hashBuffer.data(), want, static_cast<off_t>(at));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                const std::string why = n < 0 ? std::strerror(errno) : "file shorter than written";
                lock.lock();
                m_hashScheduled = false;
                return fail(lock, "cannot read back the cache file: " + why);
            }
            m_hasher->update(std::span<const char>(m_hashBuffer.data(), static_cast<std::size_t>(n)));
            at += static_cast<std::uint64_t>(n);
        }
        lock.lock();
        m_hashed = to;
    }
}

void BlobTransfer::verifyAndCommit(std::unique_lock<std::mutex>& lock)
{
    const std::string actual = m_hasher->finish();
    if (actual != m_digest)
        return fail(lock, "digest mismatch from " + m_snapshot.upstream + ": got " + actual);
    if (m_snapshot.total && m_snapshot.written != *m_snapshot.total)
        return fail(lock, "upstream " + m_snapshot.upstream + " sent fewer bytes than it announced");
    // The bytes are verified: readers may finish now, without waiting for the
    // fsyncs below (they read the temporary file, whose descriptor stays open).
    m_snapshot.total = m_snapshot.written;
    m_snapshot.state = State::Verified;
    changed(lock);
    auto onDone = std::move(m_onDone);
    const std::string upstream = m_snapshot.upstream;
    const std::uint64_t size = m_snapshot.written;
    lock.unlock();
    // Only this task touches m_temp once the transfer completed. The file
    // becomes cache content (fsync, rename) before the index names it; if that
    // fails the clients still got verified bytes and the cache just lacks them.
    m_hashBuffer = {};
    if (m_context.store.commit(*m_temp, m_digest)) {
        (void)m_context.index.putBlob(CachedBlob{m_digest, size, "", upstream, m_context.nowMs()});
        (void)m_context.index.grantAccess(m_ns, m_repository, m_digest);
    }
    if (onDone)
        onDone();
}

void BlobTransfer::fail(std::unique_lock<std::mutex>& lock, std::string why)
{
    m_snapshot.state = State::Failed;
    m_snapshot.error = std::move(why);
    // Unlink the bytes now but keep the descriptor open until the transfer is
    // gone: readers may still be inside sendfile() on it, and a closed number
    // could be reused by an unrelated file.
    if (m_temp) {
        std::error_code ec;
        std::filesystem::remove(m_temp->path(), ec);
    }
    changed(lock);
    auto onDone = std::move(m_onDone);
    lock.unlock();
    if (onDone)
        onDone();
    lock.lock();
}

void BlobTransfer::changed(std::unique_lock<std::mutex>& lock)
{
    ++m_version;
    auto waiters = std::move(m_waiters);
    m_waiters.clear();
    lock.unlock();
    for (auto& w : waiters)
        w();
    lock.lock();
}

BlobTransfer::Snapshot BlobTransfer::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_snapshot;
}

std::uint64_t BlobTransfer::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

void BlobTransfer::waitForChange(std::uint64_t seenVersion, std::function<void()> callback)
{
    std::unique_lock lock(m_mutex);
    if (m_version != seenVersion || m_snapshot.state == State::Failed || m_snapshot.state == State::Verified) {
        lock.unlock();
        callback();
        return;
    }
    m_waiters.push_back(std::move(callback));
}

} // namespace nsgate::proxy
