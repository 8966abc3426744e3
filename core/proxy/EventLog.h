#pragma once

// The proxy's own event log: one Event per routed registry request, kept in a
// SQLite file (WAL, synchronous=NORMAL) and served to the admin API as pages,
// a live stream and totals.
//
// The serving path only calls append(), which moves the event into an
// in-memory queue under a mutex and returns: it never touches the database,
// never waits for the writer and never allocates (the queue is reserved up
// front and strings are moved, not copied). One writer thread drains the queue
// at least every flushInterval (sooner once a batch is full), numbers the
// events, inserts them with a persistent prepared statement in one transaction
// per batch, hands each committed batch to subscribers and applies retention.
//
// Sequence numbers. `seq` is assigned by the writer at insert time, in append
// order, from the highest seq ever assigned (kept in the file, so it survives
// restarts and pruning everything). That makes the stored numbering gapless:
// the only missing seqs a client can ever see are those removed by retention,
// which always removes a prefix and is reported as a `gap`. The other choice,
// numbering in append(), would leave holes nobody can explain whenever an event
// is dropped, or force the queue to be unbounded (or to block) so nothing is.
// Under overload (queue full) an event is therefore dropped before it has a
// seq and counted in Counters::dropped, which /stats reports.
//
// Threads. append(), flush(), applyRetention(), page(), totals(), lastSeq(),
// counters() and subscribe() may be called from any thread. page() and
// totals() read through their own connections (WAL readers do not block the
// writer and the writer does not block them). Subscriber callbacks run on the
// writer thread; see subscribe().

#include "core/model/Event.h"
#include "core/model/Result.h"
#include "core/proxy/EventQuery.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace nsgate::proxy {

struct EventLogOptions
{
    // Retention: keep at most this many events (0 = no limit) ...
    std::int64_t maxEvents = 0;
    // ... and none older than this by their `time` (0 = no limit). Pruning
    // always removes a prefix of the log, so an old event behind a newer one
    // (requests finish out of order) leaves with the first event after it.
    std::int64_t maxAgeSeconds = 0;
    // The writer commits at least this often while events are waiting.
    std::chrono::milliseconds flushInterval{50};
    // Events per transaction; a full batch wakes the writer before flushInterval.
    std::size_t batchSize = 4096;
    // Events waiting for the writer before append() starts dropping. The queue
    // reserves this many slots up front (address space; pages become resident
    // only as a burst fills them), so append() never reallocates under the
    // lock. At 456 bytes per slot plus the event's strings the default bounds
    // the queue to about 90 MB and rides out half a second of disk stall at
    // 250k requests/s.
    std::size_t queueBound = 131072;
    // How long the writer waits for another connection's write lock (a backup,
    // an operator's sqlite3 shell) before giving the batch up for this round;
    // it stays queued and is retried after flushInterval.
    std::chrono::milliseconds busyTimeout{5000};
    // How often the writer looks for events past maxAgeSeconds (the count
    // limit is checked after every batch; it costs no query).
    std::chrono::milliseconds pruneInterval{1000};
    // Wall clock for the age limit and for events appended without a time.
    // Called from append()'s caller and from the writer, so it must be
    // thread-safe. Empty means std::chrono::system_clock::now. Waiting
    // (flushInterval, pruneInterval) always uses the steady clock.
    std::function<std::chrono::system_clock::time_point()> clock;
};

// Counts over retained events, the same for every totals key.
struct EventCounts
{
    std::int64_t requests = 0;
    std::int64_t hits = 0;
    std::int64_t misses = 0;
    std::int64_t cacheNone = 0;
    std::int64_t mismatchNone = 0;
    std::int64_t mismatchMissing = 0;
    std::int64_t mismatchUnmapped = 0;
    std::int64_t mismatchConflict = 0;
    std::int64_t served = 0;
    std::int64_t rejected = 0;
    std::int64_t denied = 0;
    std::int64_t failed = 0;
    // Body bytes sent to clients.
    std::int64_t bytes = 0;
    // Body bytes of cache misses, i.e. of content fetched from upstream for the
    // request (the proxy's own counters know the exact upstream traffic).
    std::int64_t missBytes = 0;

    void add(const model::Event& event);
    EventCounts& operator+=(const EventCounts& other);
    std::int64_t mismatches() const { return mismatchMissing + mismatchUnmapped + mismatchConflict; }

    friend bool operator==(const EventCounts&, const EventCounts&) = default;
};

struct EventTotals
{
    EventCounts all;
    // Keyed by the namespace that answered; "" collects requests no namespace
    // answered (unmapped or missing ns). Not by the requested ns: that is
    // whatever a client sends, and must not grow the table.
    std::map<std::string, EventCounts, std::less<>> byNamespace;

    friend bool operator==(const EventTotals&, const EventTotals&) = default;
};

class EventLog final : public EventQuery
{
public:
    using Options = EventLogOptions;
    // The admin API's ceiling for `limit` on GET /admin/v1/events.
    static constexpr std::size_t kMaxPageLimit = 10000;
    // Called with each committed batch, in seq order, each event exactly once.
    using Listener = std::function<void(std::span<const model::Event> batch)>;

    struct Counters
    {
        std::uint64_t appended = 0; // accepted by append()
        std::uint64_t dropped = 0;  // refused by append() (queue full) or lost to a write error
        std::uint64_t written = 0;  // committed to the file
        std::uint64_t pruned = 0;   // removed by retention since open
        std::uint64_t writeErrors = 0;
    };

    // Ends its subscription when destroyed or reset(). Once reset() returns on a
    // thread other than the writer's, the listener is not running and will not
    // be called again, so it may capture objects that die right after. It may
    // also be reset from inside its own listener. It may outlive the log.
    class Subscription
    {
    public:
        Subscription() = default;
        Subscription(Subscription&& other) noexcept;
        Subscription& operator=(Subscription&& other) noexcept;
        Subscription(const Subscription&) = delete;
        Subscription& operator=(const Subscription&) = delete;
        ~Subscription();

        void reset();
        bool isActive() const { return m_hub != nullptr; }

    private:
        friend class EventLog;
        struct Hub;
        struct Subscriber;
        Subscription(std::shared_ptr<Hub> hub, std::shared_ptr<Subscriber> subscriber);

        std::shared_ptr<Hub> m_hub;
        std::shared_ptr<Subscriber> m_subscriber;
    };

    // Opens (creating and migrating) the log at `path` and starts the writer.
    // The directory must exist.
    static Result<std::unique_ptr<EventLog>> open(std::string_view path, Options options = {});

    EventLog(const EventLog&) = delete;
    EventLog& operator=(const EventLog&) = delete;
    // Writes what is still queued, then stops the writer.
    ~EventLog();

    // Queues `event` for the writer; its seq is assigned there. A timeMs of 0
    // means "now" by the clock; a NaN durationMs (which SQLite cannot store) is
    // recorded as 0. Returns false, and counts a drop, when the queue is full.
    bool append(model::Event event);

    // Waits until everything appended before the call is committed. Fails if a
    // write failed meanwhile (the events stay queued and are retried) or when
    // called from a listener (the writer would wait for itself).
    Status<> flush();

    // Makes the writer apply retention now, as of the clock's current time, and
    // waits for it. Retention also runs by itself; this is for operators
    // changing limits and for tests.
    Status<> applyRetention();

    // Events with seq > after (negative `after` counts as 0), ascending, at most
    // min(limit, kMaxPageLimit) of them (0 returns only the bounds). lastSeq is
    // the newest seq of the log, not of the page: the highest ever assigned,
    // even when retention already removed that event. oldestSeq is 0 when no
    // event is retained. `gap` is {after + 1, oldestSeq - 1} (up to lastSeq
    // when nothing is retained) when seqs after `after` were pruned. All of it
    // comes from one snapshot, and a committed event is visible here before any
    // listener hears of it.
    Result<EventPage> page(std::int64_t after, std::size_t limit) override;

    // Counts over all retained events, from totals the writer keeps up to date
    // in the same transactions as the rows: costs a few rows per namespace.
    Result<EventTotals> totals() const;

    // Highest seq committed; events up to it are readable through page().
    std::int64_t lastSeq() const { return m_lastSeq.load(std::memory_order_acquire); }

    Counters counters() const;
    // The latest write or retention failure, if any happened since open.
    std::optional<Error> lastError() const;

    // Registers `listener` for committed batches: every event with a seq above
    // the lastSeq() read after subscribe() returns is delivered (one committed
    // just before may be delivered too). A listener hears of a batch before
    // flush() returns for it. It runs on the writer thread while the writer
    // waits for it, so it must be quick (copy what it needs and post it to its
    // own executor) and must not throw (a throw is swallowed); it must not call
    // flush() or applyRetention(). A stream that also needs history subscribes
    // first, reads lastSeq(), pages up to it, and skips live events it already
    // sent.
    [[nodiscard]] Subscription subscribe(Listener listener);

private:
    struct Writer;
    struct Reader;
    enum class WriteOutcome
    {
        Committed,
        Retry,
        Discarded
    };

    EventLog(Options options, std::unique_ptr<Writer> writer, std::string path);
    void run();
    WriteOutcome writeChunk(std::span<model::Event> chunk);
    Status<> pruneStep(bool everything, bool& more);
    void deliver(std::span<const model::Event> batch);
    std::int64_t nowMs() const;
    bool onWriterThread() const;

    Result<std::unique_ptr<Reader>> acquireReader() const;
    void releaseReader(std::unique_ptr<Reader> reader) const;

    const Options m_options;
    const std::string m_path;

    // Writer-thread state (the connection and its statements, the seq counter).
    std::unique_ptr<Writer> m_writer;

    // Guards the queue and the counters below; held only for O(1) work.
    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // writer waits: work, flush, retention, stop
    std::condition_variable m_done; // flush()/applyRetention() wait: progress or failure
    std::vector<model::Event> m_queue;
    std::size_t m_inFlight = 0; // taken by the writer, not yet committed
    bool m_stopping = false;
    bool m_flushRequested = false;
    std::uint64_t m_retentionRequested = 0;
    std::uint64_t m_retentionDone = 0;
    std::uint64_t m_retentionFailures = 0;
    // Accepted events that are committed or were lost: what flush() waits for.
    std::uint64_t m_settled = 0;
    Counters m_counters;
    std::optional<Error> m_lastError;

    std::atomic<std::int64_t> m_lastSeq{0};

    std::shared_ptr<Subscription::Hub> m_hub;

    mutable std::mutex m_readersMutex;
    mutable std::vector<std::unique_ptr<Reader>> m_idleReaders;

    std::thread m_thread;
};

} // namespace nsgate::proxy
