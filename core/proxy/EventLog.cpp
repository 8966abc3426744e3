#include "core/proxy/EventLog.h"

#include "core/proxy/EventTable.h"
#include "core/store/Database.h"
#include "core/store/Migrations.h"
#include "core/store/Statement.h"
#include "core/store/Transaction.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <iterator>
#include <utility>

namespace nsgate::proxy {

namespace {

using Clock = std::chrono::steady_clock;

// Rows removed per retention transaction: large enough to keep up with any
// ingest rate, small enough that a big prune (a lowered limit, a clock jump)
// never holds up the next batch of inserts for long.
constexpr std::int64_t kPruneChunk = 50000;

// Idle reader connections kept for page() and totals(); more are opened on
// demand when admin requests overlap, and closed when returned beyond this.
constexpr std::size_t kIdleReaders = 4;

constexpr std::string_view kSetLastSeqSql = "UPDATE meta SET value = ?1 WHERE key = 'last_seq'";
constexpr std::string_view kLastSeqSql = "SELECT value FROM meta WHERE key = 'last_seq'";
constexpr std::string_view kBoundsSql =
    "SELECT (SELECT value FROM meta WHERE key = 'last_seq'), (SELECT min(seq) FROM events), "
    "(SELECT max(seq) FROM events)";

// Adds (or, with negated counts, subtracts) one namespace's counts.
constexpr std::string_view kUpsertTotalsSql =
    "INSERT INTO totals(namespace, requests, hits, misses, cache_none, mismatch_none, mismatch_missing, "
    "mismatch_unmapped, mismatch_conflict, served, rejected, denied, failed, bytes, miss_bytes) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
    "ON CONFLICT(namespace) DO UPDATE SET requests = requests + excluded.requests, "
    "hits = hits + excluded.hits, misses = misses + excluded.misses, "
    "cache_none = cache_none + excluded.cache_none, mismatch_none = mismatch_none + excluded.mismatch_none, "
    "mismatch_missing = mismatch_missing + excluded.mismatch_missing, "
    "mismatch_unmapped = mismatch_unmapped + excluded.mismatch_unmapped, "
    "mismatch_conflict = mismatch_conflict + excluded.mismatch_conflict, served = served + excluded.served, "
    "rejected = rejected + excluded.rejected, denied = denied + excluded.denied, "
    "failed = failed + excluded.failed, bytes = bytes + excluded.bytes, "
    "miss_bytes = miss_bytes + excluded.miss_bytes";
constexpr std::string_view kDeleteEmptyTotalsSql = "DELETE FROM totals WHERE requests <= 0";
constexpr std::string_view kTotalsSql =
    "SELECT namespace, requests, hits, misses, cache_none, mismatch_none, mismatch_missing, "
    "mismatch_unmapped, mismatch_conflict, served, rejected, denied, failed, bytes, miss_bytes FROM totals";
// The same counts computed from rows, for the range retention is about to drop.
constexpr std::string_view kRangeTotalsSql =
    "SELECT COALESCE(served_ns, ''), count(*), "
    "sum(cache = 'hit'), sum(cache = 'miss'), sum(cache = 'none'), "
    "sum(mismatch = 'none'), sum(mismatch = 'missing'), sum(mismatch = 'unmapped'), "
    "sum(mismatch = 'conflict'), sum(decision = 'served'), sum(decision = 'rejected'), "
    "sum(decision = 'denied'), sum(decision = 'failed'), sum(bytes), "
    "sum(CASE WHEN cache = 'miss' THEN bytes ELSE 0 END) "
    "FROM events WHERE seq BETWEEN ?1 AND ?2 GROUP BY 1";
// Rows are scanned in seq order from the front, so this reads only the rows
// retention will drop, plus one.
constexpr std::string_view kFirstYoungSql =
    "SELECT seq FROM events WHERE seq BETWEEN ?1 AND ?2 AND time_ms >= ?3 ORDER BY seq LIMIT 1";
constexpr std::string_view kDeleteRangeSql = "DELETE FROM events WHERE seq BETWEEN ?1 AND ?2";

std::string pageSql()
{
    return "SELECT " + std::string(kEventColumns) + " FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2";
}

// Failures that will not go away by writing the same rows again.
bool isPermanent(const Error& error)
{
    return error.code == "store.constraint" || error.code == "store.toobig" || error.code == "store.misuse" ||
           error.code == "store.usage";
}

Error withContext(Error error, std::string_view context)
{
    error.message = std::string(context) + ": " + error.message;
    return error;
}

// Rewinds a statement when leaving a scope, so a read never keeps its WAL
// snapshot (and with it the checkpointer) pinned after the call.
class ResetOnExit
{
public:
    explicit ResetOnExit(store::Statement& statement) : m_statement(statement) {}
    ~ResetOnExit() { m_statement.reset(); }
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;

private:
    store::Statement& m_statement;
};

void bindCounts(store::Statement& s, std::string_view key, const EventCounts& c, std::int64_t sign)
{
    s.bind(1, key)
        .bind(2, sign * c.requests)
        .bind(3, sign * c.hits)
        .bind(4, sign * c.misses)
        .bind(5, sign * c.cacheNone)
        .bind(6, sign * c.mismatchNone)
        .bind(7, sign * c.mismatchMissing)
        .bind(8, sign * c.mismatchUnmapped)
        .bind(9, sign * c.mismatchConflict)
        .bind(10, sign * c.served)
        .bind(11, sign * c.rejected)
        .bind(12, sign * c.denied)
        .bind(13, sign * c.failed)
        .bind(14, sign * c.bytes)
        .bind(15, sign * c.missBytes);
}

// Columns 1..14 of kTotalsSql and kRangeTotalsSql.
EventCounts readCounts(const store::Statement& s)
{
    const auto at = [&](int index) {
        return s.columnInt64(index);
    };
    EventCounts c;
    c.requests = s.columnInt64(1);
    c.hits = at(2);
    c.misses = at(3);
    c.cacheNone = at(4);
    c.mismatchNone = at(5);
    c.mismatchMissing = at(6);
    c.mismatchUnmapped = at(7);
    c.mismatchConflict = at(8);
    c.served = at(9);
    c.rejected = at(10);
    c.denied = at(11);
    c.failed = at(12);
    c.bytes = s.columnInt64(13);
    c.missBytes = s.columnInt64(14);
    return c;
}

} // namespace

// --- Counts ------------------------------------------------------------------

void EventCounts::add(const model::Event& e)
{
    ++requests;
    switch (e.cache) {
    case model::CacheResult::Hit:
        ++hits;
        break;
    case model::CacheResult::Miss:
        ++misses;
        missBytes += e.bytes;
        break;
    case model::CacheResult::None:
        ++cacheNone;
        break;
    }
    switch (e.mismatch) {
    case model::Mismatch::None:
        ++mismatchNone;
        break;
    case model::Mismatch::Missing:
        ++mismatchMissing;
        break;
    case model::Mismatch::Unmapped:
        ++mismatchUnmapped;
        break;
    case model::Mismatch::Conflict:
        ++mismatchConflict;
        break;
    }
    switch (e.decision) {
    case model::Decision::Served:
        ++served;
        break;
    case model::Decision::Rejected:
        ++rejected;
        break;
    case model::Decision::Denied:
        ++denied;
        break;
    case model::Decision::Failed:
        ++failed;
        break;
    }
    bytes += e.bytes;
}

EventCounts& EventCounts::operator+=(const EventCounts& o)
{
    requests += o.requests;
    hits += o.hits;
    misses += o.misses;
    cacheNone += o.cacheNone;
    mismatchNone += o.mismatchNone;
    mismatchMissing += o.mismatchMissing;
    mismatchUnmapped += o.mismatchUnmapped;
    mismatchConflict += o.mismatchConflict;
    served += o.served;
    rejected += o.rejected;
    denied += o.denied;
    failed += o.failed;
    bytes += o.bytes;
    missBytes += o.missBytes;
    return *this;
}

// --- Subscriptions -------------------------------------------------------------

struct EventLog::Subscription::Subscriber
{
    // Held by the writer while it calls the listener, so reset() can wait for a
    // call in progress.
    std::mutex callMutex;
    bool active = true;
    Listener listener;
};

// Shared by the log and its subscriptions, so either may go first.
struct EventLog::Subscription::Hub
{
    std::mutex mutex;
    std::vector<std::shared_ptr<Subscriber>> subscribers;
    // Set once before the log is handed out, read-only afterwards.
    std::thread::id writerThread;
};

EventLog::Subscription::Subscription(std::shared_ptr<Hub> hub, std::shared_ptr<Subscriber> subscriber)
    : m_hub(std::move(hub)), m_subscriber(std::move(subscriber))
{}

EventLog::Subscription::Subscription(Subscription&& other) noexcept
    : m_hub(std::move(other.m_hub)), m_subscriber(std::move(other.m_subscriber))
{}

EventLog::Subscription& EventLog::Subscription::operator=(Subscription&& other) noexcept
{
    if (this != &other) {
        reset();
        m_hub = std::move(other.m_hub);
        m_subscriber = std::move(other.m_subscriber);
    }
    return *this;
}

EventLog::Subscription::~Subscription()
{
    reset();
}

void EventLog::Subscription::reset()
{
    if (!m_hub)
        return;
    const auto hub = std::move(m_hub);
    const auto subscriber = std::move(m_subscriber);
    {
        std::lock_guard lock(hub->mutex);
        auto& list = hub->subscribers;
        list.erase(std::remove(list.begin(), list.end(), subscriber), list.end());
    }
    if (std::this_thread::get_id() == hub->writerThread) {
        // Called from a listener: the writer is this thread, so no listener runs
        // concurrently, and the call mutex may be held further up this stack.
        subscriber->active = false;
    } else {
        std::lock_guard lock(subscriber->callMutex);
        subscriber->active = false;
    }
}

EventLog::Subscription EventLog::subscribe(Listener listener)
{
    auto subscriber = std::make_shared<Subscription::Subscriber>();
    subscriber->listener = std::move(listener);
    {
        std::lock_guard lock(m_hub->mutex);
        m_hub->subscribers.push_back(subscriber);
    }
    return Subscription(m_hub, std::move(subscriber));
}

// --- Connections -----------------------------------------------------------------

struct EventLog::Writer
{
    store::Database db;
    store::Statement insert;
    store::Statement setLastSeq;
    store::Statement upsertTotals;
    store::Statement deleteEmptyTotals;
    store::Statement rangeTotals;
    store::Statement firstYoung;
    store::Statement deleteRange;

    std::int64_t lastSeq = 0;   // highest seq committed
    std::int64_t oldestSeq = 1; // oldest retained; lastSeq + 1 when empty
    Clock::time_point nextAgeCheck{};
    bool ageBehind = false; // the last age prune stopped at kPruneChunk

    // Reused per batch so that a steady stream allocates nothing here.
    std::vector<std::pair<std::string_view, EventCounts>> batchTotals;
    std::vector<std::pair<std::string, EventCounts>> rangeCounts;
    std::vector<std::shared_ptr<Subscription::Subscriber>> listeners;
};

struct EventLog::Reader
{
    store::Database db;
    store::Statement bounds;
    store::Statement page;
    store::Statement totals;
};

namespace {

Status<> prepareInto(store::Database& db, store::Statement& out, std::string_view sql)
{
    auto statement = db.preparePersistent(sql);
    if (!statement)
        return statement.error();
    out = std::move(*statement);
    return {};
}

} // namespace

Result<std::unique_ptr<EventLog::Reader>> EventLog::acquireReader() const
{
    {
        std::lock_guard lock(m_readersMutex);
        if (!m_idleReaders.empty()) {
            auto reader = std::move(m_idleReaders.back());
            m_idleReaders.pop_back();
            return reader;
        }
    }
    store::OpenOptions options;
    options.create = false;
    auto db = store::Database::open(m_path, options);
    if (!db)
        return db.error();
    auto reader = std::make_unique<Reader>();
    reader->db = std::move(*db);
    // A reader that cannot write cannot take the write lock from the writer by mistake.
    if (auto readOnly = reader->db.exec("PRAGMA query_only = ON"); !readOnly)
        return readOnly.error();
    for (auto [statement, sql] : {std::pair{&reader->bounds, std::string_view(kBoundsSql)},
                                  std::pair{&reader->totals, std::string_view(kTotalsSql)}}) {
        if (auto prepared = prepareInto(reader->db, *statement, sql); !prepared)
            return prepared.error();
    }
    if (auto prepared = prepareInto(reader->db, reader->page, pageSql()); !prepared)
        return prepared.error();
    return reader;
}

void EventLog::releaseReader(std::unique_ptr<Reader> reader) const
{
    std::lock_guard lock(m_readersMutex);
    if (m_idleReaders.size() < kIdleReaders)
        m_idleReaders.push_back(std::move(reader));
}

// --- Open and close ----------------------------------------------------------------

Result<std::unique_ptr<EventLog>> EventLog::open(std::string_view path, Options options)
{
    const auto invalid = [](std::string message) {
        return makeError("eventlog.options.invalid", std::move(message));
    };
    if (options.maxEvents < 0)
        return invalid("maxEvents must be 0 (unlimited) or positive");
    if (options.maxAgeSeconds < 0 || options.maxAgeSeconds > std::int64_t{1} << 40)
        return invalid("maxAgeSeconds must be 0 (unlimited) or a positive number of seconds");
    if (options.flushInterval.count() <= 0)
        return invalid("flushInterval must be positive");
    if (options.pruneInterval.count() <= 0)
        return invalid("pruneInterval must be positive");
    if (options.busyTimeout.count() < 0 || options.busyTimeout.count() > INT_MAX)
        return invalid("busyTimeout must be between 0 and INT_MAX milliseconds");
    if (options.batchSize == 0)
        return invalid("batchSize must be positive");
    if (options.queueBound == 0)
        return invalid("queueBound must be positive");
    if (!options.clock)
        options.clock = [] {
            return std::chrono::system_clock::now();
        };

    const std::string context = "cannot open event log '" + std::string(path) + "'";
    store::OpenOptions openOptions;
    openOptions.wal = true;
    openOptions.synchronous = store::Synchronous::Normal;
    openOptions.busyTimeoutMs = static_cast<int>(options.busyTimeout.count());
    auto db = store::Database::open(path, openOptions);
    if (!db)
        return withContext(db.error(), context);
    if (auto migrated = store::migrate(*db, eventLogMigrations()); !migrated)
        return withContext(migrated.error(), context);

    auto writer = std::make_unique<Writer>();
    writer->db = std::move(*db);
    const std::array<std::pair<store::Statement*, std::string_view>, 7> statements{{
        {&writer->insert, kInsertEventSql},
        {&writer->setLastSeq, kSetLastSeqSql},
        {&writer->upsertTotals, kUpsertTotalsSql},
        {&writer->deleteEmptyTotals, kDeleteEmptyTotalsSql},
        {&writer->rangeTotals, kRangeTotalsSql},
        {&writer->firstYoung, kFirstYoungSql},
        {&writer->deleteRange, kDeleteRangeSql},
    }};
    for (const auto& [statement, sql] : statements) {
        if (auto prepared = prepareInto(writer->db, *statement, sql); !prepared)
            return withContext(prepared.error(), context);
    }

    {
        auto bounds = writer->db.prepare(kBoundsSql);
        if (!bounds)
            return withContext(bounds.error(), context);
        auto row = bounds->step();
        if (!row)
            return withContext(row.error(), context);
        if (!*row || bounds->isNull(0))
            return makeError("eventlog.corrupt", context + ": the meta table has no last_seq");
        // max(seq) guards against a file whose meta row fell behind its rows
        // (edited by hand): reusing a seq would be worse than skipping some.
        writer->lastSeq = std::max(bounds->columnInt64(0), bounds->columnInt64(2));
        writer->oldestSeq = bounds->isNull(1) ? writer->lastSeq + 1 : bounds->columnInt64(1);
    }

    std::unique_ptr<EventLog> log(new EventLog(std::move(options), std::move(writer), std::string(path)));
    // One reader up front: a file the readers cannot open fails here, not at the
    // first admin request.
    auto reader = log->acquireReader();
    if (!reader)
        return withContext(reader.error(), context);
    log->releaseReader(std::move(*reader));

    log->m_thread = std::thread([raw = log.get()] { raw->run(); });
    log->m_hub->writerThread = log->m_thread.get_id();
    return log;
}

EventLog::EventLog(Options options, std::unique_ptr<Writer> writer, std::string path)
    : m_options(std::move(options)), m_path(std::move(path)), m_writer(std::move(writer)),
      m_hub(std::make_shared<Subscription::Hub>())
{
    m_lastSeq.store(m_writer->lastSeq, std::memory_order_release);
    m_queue.reserve(m_options.queueBound);
}

EventLog::~EventLog()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
}

// --- The serving path -------------------------------------------------------------

bool EventLog::append(model::Event event)
{
    if (event.timeMs == 0)
        event.timeMs = nowMs();
    if (std::isnan(event.durationMs))
        event.durationMs = 0;
    std::size_t queued;
    {
        std::lock_guard lock(m_mutex);
        if (m_queue.size() + m_inFlight >= m_options.queueBound) {
            ++m_counters.dropped;
            return false;
        }
        m_queue.push_back(std::move(event));
        ++m_counters.appended;
        queued = m_queue.size();
    }
    // Only the event that fills a batch wakes the writer; the rest wait for its
    // interval, so a busy serving path does not pay for a wake-up per request.
    if (queued == m_options.batchSize)
        m_wake.notify_one();
    return true;
}

std::int64_t EventLog::nowMs() const
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(m_options.clock().time_since_epoch())
        .count();
}

bool EventLog::onWriterThread() const
{
    return std::this_thread::get_id() == m_hub->writerThread;
}

Status<> EventLog::flush()
{
    if (onWriterThread())
        return makeError("eventlog.usage", "flush() called from an event log listener would wait for itself");
    std::unique_lock lock(m_mutex);
    const std::uint64_t target = m_counters.appended;
    const std::uint64_t failures = m_counters.writeErrors;
    if (m_settled >= target)
        return {};
    m_flushRequested = true;
    m_wake.notify_one();
    m_done.wait(lock, [&] { return m_settled >= target || m_counters.writeErrors != failures; });
    if (m_settled >= target)
        return {};
    return m_lastError.value_or(makeError("eventlog.write", "writing the event log failed"));
}

Status<> EventLog::applyRetention()
{
    if (onWriterThread())
        return makeError("eventlog.usage",
                         "applyRetention() called from an event log listener would wait for itself");
    std::unique_lock lock(m_mutex);
    const std::uint64_t ticket = ++m_retentionRequested;
    const std::uint64_t failures = m_retentionFailures;
    m_wake.notify_one();
    m_done.wait(lock, [&] { return m_retentionDone >= ticket; });
    if (m_retentionFailures == failures)
        return {};
    return m_lastError.value_or(makeError("eventlog.retention", "applying event log retention failed"));
}

EventLog::Counters EventLog::counters() const
{
    std::lock_guard lock(m_mutex);
    return m_counters;
}

std::optional<Error> EventLog::lastError() const
{
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

// --- The writer ---------------------------------------------------------------------

void EventLog::run()
{
    // Taken from the queue and not yet committed, oldest first. After a failed
    // write the rest stays here and is retried before anything newer.
    std::vector<model::Event> work;
    bool lastWriteFailed = false;

    // Both buffers hold up to queueBound (queued plus in flight never exceeds
    // it), so swapping them never leaves append() a buffer that must grow.
    work.reserve(m_options.queueBound);
    std::unique_lock lock(m_mutex);
    for (;;) {
        // After a failure, wait the interval out instead of retrying at once.
        m_wake.wait_for(lock, m_options.flushInterval, [&] {
            return m_stopping || m_flushRequested || m_retentionRequested != m_retentionDone ||
                   (!lastWriteFailed && m_queue.size() >= m_options.batchSize);
        });
        const bool stopping = m_stopping;
        const std::uint64_t retentionTicket = m_retentionRequested;
        const bool retentionWanted = retentionTicket != m_retentionDone;
        m_flushRequested = false;
        if (work.empty()) {
            // Swapping hands the queue the buffer just written, capacity and all.
            work.swap(m_queue);
        } else {
            work.insert(work.end(), std::make_move_iterator(m_queue.begin()),
                        std::make_move_iterator(m_queue.end()));
            m_queue.clear();
        }
        m_inFlight = work.size();
        lock.unlock();

        std::size_t done = 0;
        lastWriteFailed = false;
        while (done < work.size()) {
            const std::size_t n = std::min(m_options.batchSize, work.size() - done);
            const WriteOutcome outcome = writeChunk(std::span(work).subspan(done, n));
            if (outcome == WriteOutcome::Retry) {
                lastWriteFailed = true;
                break;
            }
            done += n;
        }
        if (lastWriteFailed && stopping) {
            // Nobody will be left to retry: count the rest as lost, honestly.
            std::lock_guard guard(m_mutex);
            const std::size_t lost = work.size() - done;
            m_counters.dropped += lost;
            m_settled += lost;
            m_inFlight = 0;
            done = work.size();
            m_done.notify_all();
        }
        if (done == work.size())
            work.clear();
        else
            work.erase(work.begin(), work.begin() + static_cast<std::ptrdiff_t>(done));

        if (!stopping) {
            Status<> retention;
            bool more = true;
            // An explicit request prunes to the end; otherwise one step per cycle
            // keeps inserts flowing while a large backlog of old rows goes.
            while (more && retention.ok()) {
                more = false;
                retention = pruneStep(retentionWanted, more);
                if (!retentionWanted)
                    break;
            }
            if (!retention.ok()) {
                std::lock_guard guard(m_mutex);
                ++m_retentionFailures;
                m_lastError = retention.error();
            }
        }

        lock.lock();
        if (retentionWanted) {
            m_retentionDone = retentionTicket;
            m_done.notify_all();
        }
        if (stopping && m_queue.empty() && work.empty()) {
            // Waiters of applyRetention() must not outlive the writer.
            m_retentionDone = m_retentionRequested;
            m_done.notify_all();
            return;
        }
    }
}

EventLog::WriteOutcome EventLog::writeChunk(std::span<model::Event> chunk)
{
    Writer& w = *m_writer;
    const auto fail = [&](const Error& error) {
        const bool permanent = isPermanent(error);
        std::lock_guard lock(m_mutex);
        ++m_counters.writeErrors;
        m_lastError = withContext(error, "writing the event log");
        if (permanent) {
            // The same rows would fail again forever and hold up everything
            // behind them; give them up and say so in the counters.
            m_counters.dropped += chunk.size();
            m_settled += chunk.size();
            m_inFlight -= chunk.size();
        }
        m_done.notify_all();
        return permanent ? WriteOutcome::Discarded : WriteOutcome::Retry;
    };

    auto transaction = store::Transaction::begin(w.db, store::TransactionMode::Immediate);
    if (!transaction)
        return fail(transaction.error());

    std::int64_t seq = w.lastSeq;
    w.batchTotals.clear();
    for (model::Event& e : chunk) {
        e.seq = ++seq;
        bindEventRow(w.insert, e);
        if (auto inserted = w.insert.execute(); !inserted)
            return fail(inserted.error());
        // A linear search: a proxy serves a handful of namespaces, and requests
        // for one come in runs.
        const std::string_view key = totalsKey(e);
        auto it = std::find_if(w.batchTotals.begin(), w.batchTotals.end(),
                               [&](const auto& entry) { return entry.first == key; });
        if (it == w.batchTotals.end())
            it = w.batchTotals.insert(w.batchTotals.end(), {key, EventCounts{}});
        it->second.add(e);
    }
    if (auto updated = w.setLastSeq.bind(1, seq).execute(); !updated)
        return fail(updated.error());
    for (const auto& [key, counts] : w.batchTotals) {
        bindCounts(w.upsertTotals, key, counts, 1);
        if (auto upserted = w.upsertTotals.execute(); !upserted)
            return fail(upserted.error());
    }
    if (auto committed = transaction->commit(); !committed)
        return fail(committed.error());

    w.lastSeq = seq;
    m_lastSeq.store(seq, std::memory_order_release);
    {
        // Committed rows no longer count against the queue bound, even while a
        // slow listener holds the writer below.
        std::lock_guard lock(m_mutex);
        m_counters.written += chunk.size();
        m_inFlight -= chunk.size();
    }
    // Listeners hear of a batch only after it is committed, and before flush()
    // returns for it.
    deliver(chunk);
    {
        std::lock_guard lock(m_mutex);
        m_settled += chunk.size();
    }
    m_done.notify_all();
    return WriteOutcome::Committed;
}

void EventLog::deliver(std::span<const model::Event> batch)
{
    auto& listeners = m_writer->listeners;
    {
        std::lock_guard lock(m_hub->mutex);
        if (m_hub->subscribers.empty())
            return;
        listeners = m_hub->subscribers;
    }
    for (const auto& subscriber : listeners) {
        std::lock_guard lock(subscriber->callMutex);
        if (!subscriber->active)
            continue;
        try {
            subscriber->listener(batch);
        } catch (...) {
            // A listener's failure is its own; the log and the other listeners go on.
        }
    }
    listeners.clear();
}

Status<> EventLog::pruneStep(bool everything, bool& more)
{
    Writer& w = *m_writer;
    more = false;
    // Never past the newest row, and at most kPruneChunk rows per transaction.
    const std::int64_t chunkEnd = std::min(w.lastSeq, w.oldestSeq + kPruneChunk - 1);
    std::int64_t upTo = w.oldestSeq - 1;
    bool countBehind = false;
    if (m_options.maxEvents > 0) {
        const std::int64_t countLimit = w.lastSeq - m_options.maxEvents;
        upTo = std::max(upTo, std::min(chunkEnd, countLimit));
        countBehind = countLimit > chunkEnd;
    }

    const auto now = Clock::now();
    if (m_options.maxAgeSeconds > 0 && (everything || w.ageBehind || now >= w.nextAgeCheck)) {
        w.nextAgeCheck = now + m_options.pruneInterval;
        w.ageBehind = false;
        const std::int64_t cutoff = nowMs() - m_options.maxAgeSeconds * 1000;
        ResetOnExit resetLater(w.firstYoung);
        auto row = w.firstYoung.bind(1, w.oldestSeq).bind(2, chunkEnd).bind(3, cutoff).step();
        if (!row)
            return withContext(row.error(), "applying event log retention");
        if (*row) {
            upTo = std::max(upTo, w.firstYoung.columnInt64(0) - 1);
        } else {
            upTo = std::max(upTo, chunkEnd);
            w.ageBehind = chunkEnd < w.lastSeq;
        }
    }
    more = countBehind || w.ageBehind;
    if (upTo < w.oldestSeq)
        return {};

    const auto failed = [](const Error& error) {
        return withContext(error, "applying event log retention");
    };
    auto transaction = store::Transaction::begin(w.db, store::TransactionMode::Immediate);
    if (!transaction)
        return failed(transaction.error());

    // Collected before any write, so the scan and the updates never interleave.
    w.rangeCounts.clear();
    {
        ResetOnExit resetLater(w.rangeTotals);
        w.rangeTotals.bind(1, w.oldestSeq).bind(2, upTo);
        for (;;) {
            auto row = w.rangeTotals.step();
            if (!row)
                return failed(row.error());
            if (!*row)
                break;
            w.rangeCounts.emplace_back(std::string(w.rangeTotals.columnText(0)), readCounts(w.rangeTotals));
        }
    }
    for (const auto& [key, counts] : w.rangeCounts) {
        bindCounts(w.upsertTotals, key, counts, -1);
        if (auto subtracted = w.upsertTotals.execute(); !subtracted)
            return failed(subtracted.error());
    }
    if (auto emptied = w.deleteEmptyTotals.execute(); !emptied)
        return failed(emptied.error());
    if (auto deleted = w.deleteRange.bind(1, w.oldestSeq).bind(2, upTo).execute(); !deleted)
        return failed(deleted.error());
    if (auto committed = transaction->commit(); !committed)
        return failed(committed.error());

    const auto pruned = static_cast<std::uint64_t>(upTo - w.oldestSeq + 1);
    w.oldestSeq = upTo + 1;
    std::lock_guard lock(m_mutex);
    m_counters.pruned += pruned;
    return {};
}

// --- Readers -----------------------------------------------------------------------

Result<EventPage> EventLog::page(std::int64_t after, std::size_t limit)
{
    after = std::max<std::int64_t>(after, 0);
    limit = std::min(limit, kMaxPageLimit);

    auto reader = acquireReader();
    if (!reader)
        return withContext(reader.error(), "reading the event log");
    Reader& r = **reader;

    EventPage page;
    Status<> status = [&]() -> Status<> {
        // Bounds and rows from one snapshot, so lastSeq, oldestSeq and the gap
        // describe exactly the rows returned.
        auto snapshot = store::Transaction::begin(r.db, store::TransactionMode::Deferred);
        if (!snapshot)
            return snapshot.error();
        {
            ResetOnExit resetLater(r.bounds);
            auto row = r.bounds.step();
            if (!row)
                return row.error();
            if (!*row || r.bounds.isNull(0))
                return makeError("eventlog.corrupt", "the meta table has no last_seq");
            page.lastSeq = std::max(r.bounds.columnInt64(0), r.bounds.columnInt64(2));
            page.oldestSeq = r.bounds.isNull(1) ? 0 : r.bounds.columnInt64(1);
        }
        if (limit > 0) {
            ResetOnExit resetLater(r.page);
            r.page.bind(1, after).bind(2, limit);
            const std::int64_t first = std::max(after, page.oldestSeq - 1);
            const auto expected = static_cast<std::size_t>(std::max<std::int64_t>(page.lastSeq - first, 0));
            page.events.reserve(std::min(expected, limit));
            for (;;) {
                auto row = r.page.step();
                if (!row)
                    return row.error();
                if (!*row)
                    break;
                auto event = readEventRow(r.page);
                if (!event)
                    return event.error();
                page.events.push_back(std::move(*event));
            }
        }
        return snapshot->commit();
    }();
    releaseReader(std::move(*reader));
    if (!status)
        return withContext(status.error(), "reading the event log");

    // Seqs have no holes but the pruned prefix, which is what pruningGap() assumes.
    page.gap = pruningGap(after, page.oldestSeq, page.lastSeq);
    return page;
}

Result<EventTotals> EventLog::totals() const
{
    auto reader = acquireReader();
    if (!reader)
        return withContext(reader.error(), "reading event totals");
    Reader& r = **reader;
    EventTotals totals;
    Status<> status = [&]() -> Status<> {
        ResetOnExit resetLater(r.totals);
        for (;;) {
            auto row = r.totals.step();
            if (!row)
                return row.error();
            if (!*row)
                return {};
            const EventCounts counts = readCounts(r.totals);
            totals.all += counts;
            totals.byNamespace.emplace(std::string(r.totals.columnText(0)), counts);
        }
    }();
    releaseReader(std::move(*reader));
    if (!status)
        return withContext(status.error(), "reading event totals");
    return totals;
}

} // namespace nsgate::proxy
