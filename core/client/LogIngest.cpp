#include "core/client/LogIngest.h"

#include "core/client/ProxyConnection.h"
#include "core/store/LogStore.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <optional>
#include <utility>
#include <span>

namespace nsgate::client {

namespace {
constexpr int kNotifyIntervalMs = 100;
constexpr int kRetentionIntervalMs = 60 * 1000;
// Stored events that start a retention pass before the interval is over: at
// 20 k events/s a minute brings 1.2 M, and maxEvents should not lag that far.
constexpr std::int64_t kRetentionGrowth = 100 * 1000;

bool hasLimits(const store::RetentionPolicy& p)
{
    return p.maxAgeMs || p.maxEvents || p.aggregateMaxAgeMs;
}
} // namespace

// Lives on the worker thread; every member function runs there.
class LogIngest::Worker : public QObject
{
public:
    explicit Worker(LogIngest* owner) : m_owner(owner)
    {
        m_flush.setSingleShot(true);
        QObject::connect(&m_flush, &QTimer::timeout, this, [this] { flush(); });
        m_retentionTimer.setInterval(kRetentionIntervalMs);
        QObject::connect(&m_retentionTimer, &QTimer::timeout, this, [this] { startPass(); });
    }

    void open(const QString& path, store::LogStoreOptions options)
    {
        auto store = store::LogStore::open(path.toStdString(), std::move(options));
        if (!store) {
            const QString why = QString::fromStdString(store.error().message);
            QMetaObject::invokeMethod(m_owner, [owner = m_owner, why] {
                owner->m_storeError = why;
                emit owner->storeFailed(why);
            }, Qt::QueuedConnection);
            return;
        }
        m_store.emplace(std::move(*store));
    }

    void shutdown()
    {
        m_flush.stop();
        m_retentionTimer.stop();
        m_store.reset();
    }

    void setRetention(const store::RetentionPolicy& policy)
    {
        m_policy = policy;
        if (!hasLimits(policy)) {
            m_retentionTimer.stop();
            return;
        }
        m_retentionTimer.start();
        startPass();
    }

    void startPass()
    {
        if (!m_store || !hasLimits(m_policy) || m_pruning)
            return;
        m_pruning = true;
        m_pass = {};
        m_storedSincePass = 0;
        step();
    }

    void step()
    {
        if (!m_store || !hasLimits(m_policy)) {
            m_pruning = false;
            return;
        }
        auto report = m_store->pruneStep(m_policy, m_batchRows);
        if (!report) {
            m_pruning = false;
            const QString why = QString::fromStdString(report.error().message);
            QMetaObject::invokeMethod(m_owner, [owner = m_owner, why] { emit owner->retentionFailed(why); },
                                      Qt::QueuedConnection);
            return;
        }
        m_pass.eventsDeleted += report->eventsDeleted;
        m_pass.aggregatesDeleted += report->aggregatesDeleted;
        if (m_retentionHook)
            m_retentionHook(*report);
        if (!report->done) {
            // Posted, not looped: the batches queued meanwhile go first.
            QMetaObject::invokeMethod(this, [this] { step(); }, Qt::QueuedConnection);
            return;
        }
        m_pruning = false;
        m_pass.done = true;
        QMetaObject::invokeMethod(m_owner, [owner = m_owner, pass = m_pass] {
            owner->m_lastRetention = pass;
            emit owner->retentionDone(pass);
        }, Qt::QueuedConnection);
    }

    // A batch that could not be stored leaves a hole the sync has already
    // moved past. Every later batch and gap of that proxy is dropped until the
    // GUI side restarts its sync from the store's cursor (resync()); storing
    // them would advance the cursor over the hole and lose it for good.
    void failed(const QString& instanceId, const QString& why)
    {
        m_pending.errors << why;
        if (m_broken.contains(instanceId))
            return;
        m_broken.insert(instanceId);
        QMetaObject::invokeMethod(m_owner, [owner = m_owner, instanceId, why] { owner->batchFailed(instanceId, why); },
                                  Qt::QueuedConnection);
    }

    void resync(const QString& instanceId) { m_broken.remove(instanceId); }

    void ingest(const QString& instanceId, const QList<model::Event>& events)
    {
        if (!m_store || events.isEmpty() || m_broken.contains(instanceId))
            return;
        const std::span<const model::Event> batch(events.constData(), static_cast<std::size_t>(events.size()));
        auto report = m_store->ingest(instanceId.toStdString(), batch);
        if (!report) {
            failed(instanceId, QString::fromStdString(report.error().message));
        } else {
            m_pending.inserted += static_cast<int>(report->inserted);
            m_storedSincePass += static_cast<std::int64_t>(report->inserted);
            m_pending.cursors.insert(instanceId, report->cursor);
            const qsizetype keep = std::min<qsizetype>(events.size(), IngestSummary::kMaxEvents);
            const qsizetype overflow = m_pending.events.size() + keep - IngestSummary::kMaxEvents;
            if (overflow > 0)
                m_pending.events.remove(0, overflow);
            m_pending.eventsLeftOut += int(events.size() - keep + std::max<qsizetype>(0, overflow));
            m_pending.events.reserve(m_pending.events.size() + keep);
            for (qsizetype i = events.size() - keep; i < events.size(); ++i)
                m_pending.events.append({instanceId, events[i]});
        }
        if (m_hook)
            m_hook(instanceId, events.size());
        schedule();
        if (m_storedSincePass >= kRetentionGrowth)
            startPass();
    }

    void recordGap(const QString& instanceId, qint64 from, qint64 to)
    {
        if (!m_store || m_broken.contains(instanceId))
            return;
        const std::string id = instanceId.toStdString();
        if (auto status = m_store->recordGap(id, from, to); !status) {
            failed(instanceId, QString::fromStdString(status.error().message));
        } else if (auto cursor = m_store->cursor(id)) {
            m_pending.cursors.insert(instanceId, *cursor);
        }
        schedule();
    }

    // At most one notification per interval: the first batch after a quiet
    // spell goes out at once, later ones wait for the interval to end. A
    // worker that is never idle would starve its own timer (posted batches
    // go before timers), so a batch that finds the interval over sends at
    // once.
    void schedule()
    {
        const qint64 since = m_lastNotify.isValid() ? m_lastNotify.elapsed() : kNotifyIntervalMs;
        if (since >= kNotifyIntervalMs) {
            m_flush.stop();
            flush();
            return;
        }
        if (!m_flush.isActive())
            m_flush.start(static_cast<int>(kNotifyIntervalMs - since));
    }

    void flush()
    {
        m_lastNotify.start();
        IngestSummary summary = std::exchange(m_pending, IngestSummary{});
        QMetaObject::invokeMethod(m_owner, [owner = m_owner, summary = std::move(summary)]() mutable {
            owner->deliver(std::move(summary));
        }, Qt::QueuedConnection);
    }

    LogIngest* m_owner;
    std::optional<store::LogStore> m_store;
    IngestSummary m_pending;
    QTimer m_flush{this};
    QElapsedTimer m_lastNotify;
    std::function<void(const QString&, qsizetype)> m_hook;
    store::RetentionPolicy m_policy;
    QTimer m_retentionTimer{this};
    std::int64_t m_batchRows = 5000;
    bool m_pruning = false;
    store::RetentionReport m_pass;
    std::int64_t m_storedSincePass = 0;
    std::function<void(const store::RetentionReport&)> m_retentionHook;
    QSet<QString> m_broken;   // instanceIds whose batches are dropped until resync()
};

LogIngest::LogIngest(const QString& storePath, QObject* parent)
    : LogIngest(storePath, store::LogStoreOptions{}, parent)
{
}

LogIngest::LogIngest(const QString& storePath, store::LogStoreOptions options, QObject* parent)
    : QObject(parent), m_path(storePath)
{
    qRegisterMetaType<IngestSummary>();
    qRegisterMetaType<store::RetentionReport>();
    qRegisterMetaType<ProxyConnection*>();
    m_thread = new QThread(this);
    m_thread->setObjectName("logIngestThread");
    m_worker = new Worker(this);
    m_worker->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, [w = m_worker, storePath, options = std::move(options)]() mutable {
        w->open(storePath, std::move(options));
    }, Qt::QueuedConnection);
}

LogIngest::~LogIngest()
{
    for (auto& f : m_followers)
        stopSync(f);
    m_followers.clear();
    // Batches already queued are stored before the connection closes.
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

void LogIngest::ingest(const QString& instanceId, const QList<model::Event>& events)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, instanceId, events] { w->ingest(instanceId, events); },
                              Qt::QueuedConnection);
}

void LogIngest::recordGap(const QString& instanceId, qint64 from, qint64 to)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, instanceId, from, to] { w->recordGap(instanceId, from, to); },
                              Qt::QueuedConnection);
}

void LogIngest::setIngestHook(std::function<void(const QString&, qsizetype)> hook)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, hook = std::move(hook)] { w->m_hook = hook; },
                              Qt::BlockingQueuedConnection);
}

void LogIngest::setRetention(const store::RetentionPolicy& policy)
{
    m_retention = policy;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, policy] { w->setRetention(policy); }, Qt::QueuedConnection);
}

void LogIngest::setRetentionInterval(int ms)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ms] { w->m_retentionTimer.setInterval(std::max(1, ms)); },
                              Qt::QueuedConnection);
}

void LogIngest::setRetentionBatchRows(std::int64_t rows)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, rows] { w->m_batchRows = std::max<std::int64_t>(1, rows); },
                              Qt::QueuedConnection);
}

void LogIngest::pruneNow()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->startPass(); }, Qt::QueuedConnection);
}

void LogIngest::setRetentionHook(std::function<void(const store::RetentionReport&)> hook)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, hook = std::move(hook)] { w->m_retentionHook = hook; },
                              Qt::BlockingQueuedConnection);
}

void LogIngest::post(std::function<void(store::LogStore*)> work, std::function<void()> done)
{
    QMetaObject::invokeMethod(m_worker, [this, w = m_worker, work = std::move(work), done = std::move(done)] {
        work(w->m_store ? &*w->m_store : nullptr);
        if (done)
            QMetaObject::invokeMethod(this, done, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void LogIngest::batchFailed(const QString& instanceId, const QString& why)
{
    for (auto it = m_followers.begin(); it != m_followers.end(); ++it) {
        if (it->instanceId != instanceId || !it->connection)
            continue;
        ProxyConnection* connection = it->connection.data();
        emit syncError(connection, tr("Events could not be stored (%1); syncing again from the last stored one.")
                                       .arg(why));
        // Stop now (nothing more to drop), restart after a back-off: a
        // failure that persists (a full disk) must not become a busy loop.
        stopSync(*it);
        const int delay = backoffDelayMs(EventSync::Backoff{}, it->failures++, QRandomGenerator::global()->generateDouble());
        const quint64 generation = it->generation;
        QTimer::singleShot(delay, this, [this, connection, generation] {
            // The connection may be gone by now: only its QPointer can say.
            auto f = m_followers.find(connection);
            if (f != m_followers.end() && f->generation == generation && f->connection && f->connection->info())
                startSync(connection);
        });
    }
}

void LogIngest::deliver(IngestSummary summary)
{
    // Stored batches end a run of failures: the next one waits the shortest back-off.
    for (auto& f : m_followers)
        if (summary.cursors.contains(f.instanceId))
            f.failures = 0;
    emit ingested(summary);
}

void LogIngest::follow(ProxyConnection* connection)
{
    if (!connection || m_followers.contains(connection))
        return;
    Follower f;
    f.connection = connection;
    m_followers.insert(connection, f);
    connect(connection, &ProxyConnection::infoChanged, this, [this, connection] { connectionChanged(connection); });
    connect(connection, &ProxyConnection::stateChanged, this, [this, connection] { connectionChanged(connection); });
    connect(connection, &ProxyConnection::clientChanged, this, [this, connection] {
        // The old client goes away after its timeout; a sync must not outlive it.
        auto it = m_followers.find(connection);
        if (it == m_followers.end())
            return;
        stopSync(*it);
        it->instanceId.clear();
        connectionChanged(connection);
    });
    connect(connection, &QObject::destroyed, this, [this, connection] { unfollow(connection); });
    connectionChanged(connection);
}

void LogIngest::unfollow(ProxyConnection* connection)
{
    auto it = m_followers.find(connection);
    if (it == m_followers.end())
        return;
    stopSync(*it);
    m_followers.erase(it);
    disconnect(connection, nullptr, this, nullptr);
}

QList<ProxyConnection*> LogIngest::followed() const
{
    return m_followers.keys();
}

void LogIngest::connectionChanged(ProxyConnection* connection)
{
    auto it = m_followers.find(connection);
    if (it == m_followers.end())
        return;
    const auto info = connection->info();
    if (connection->state() != ProxyConnection::State::Connected || !info || info->instanceId.isEmpty())
        return;
    if (it->sync && it->instanceId == info->instanceId)
        return;
    startSync(connection);
}

void LogIngest::startSync(ProxyConnection* connection)
{
    auto& f = m_followers[connection];
    stopSync(f);
    const auto info = connection->info();
    f.instanceId = info->instanceId;
    const quint64 generation = ++f.generation;
    const std::string id = f.instanceId.toStdString();
    const std::string name = connection->profile().name.toStdString();
    const std::string url = connection->profile().adminUrl.toString().toStdString();
    // Queued behind every batch of the previous sync, so the cursor read
    // next sees all that was stored and none that was dropped.
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id = f.instanceId] { w->resync(id); }, Qt::QueuedConnection);
    read<std::optional<qint64>>(
        this,
        [id, name, url](store::LogStore* s) -> std::optional<qint64> {
            if (!s)
                return std::nullopt;
            (void)s->upsertProxy(id, name, url);
            auto cursor = s->cursor(id);
            return cursor ? std::optional<qint64>(*cursor) : std::nullopt;
        },
        [this, connection, generation](std::optional<qint64> cursor) {
            auto it = m_followers.find(connection);
            if (it == m_followers.end() || it->generation != generation || !cursor)
                return;
            auto* sync = new EventSync(connection->client(), *cursor, this);
            it->sync = sync;
            const QString instanceId = it->instanceId;
            connect(sync, &EventSync::eventsReceived, this,
                    [this, instanceId](const QList<model::Event>& events) { ingest(instanceId, events); });
            connect(sync, &EventSync::gapDetected, this,
                    [this, instanceId](qint64 from, qint64 to) { recordGap(instanceId, from, to); });
            connect(sync, &EventSync::stateChanged, this,
                    [this, connection](EventSync::State state) { setSyncState(connection, state); });
            connect(sync, &EventSync::errorOccurred, this,
                    [this, connection](const QString& message) { emit syncError(connection, message); });
            sync->start();
            if (it->paused)
                sync->pause();
        });
}

void LogIngest::stopSync(Follower& follower)
{
    ++follower.generation;
    if (auto* sync = follower.sync.data()) {
        disconnect(sync, nullptr, this, nullptr);
        sync->stop();
        sync->deleteLater();
    }
    follower.sync = nullptr;
    if (follower.state != EventSync::State::Stopped && follower.connection) {
        follower.state = EventSync::State::Stopped;
        emit syncStateChanged(follower.connection.data(), follower.state);
    }
}

void LogIngest::setSyncState(ProxyConnection* connection, EventSync::State state)
{
    auto it = m_followers.find(connection);
    if (it == m_followers.end() || it->state == state)
        return;
    it->state = state;
    emit syncStateChanged(connection, state);
}

void LogIngest::pause(ProxyConnection* connection)
{
    auto it = m_followers.find(connection);
    if (it == m_followers.end())
        return;
    it->paused = true;
    if (auto* sync = it->sync.data())
        sync->pause();
}

void LogIngest::resume(ProxyConnection* connection)
{
    auto it = m_followers.find(connection);
    if (it == m_followers.end())
        return;
    it->paused = false;
    if (auto* sync = it->sync.data())
        sync->resume();
}

void LogIngest::setAllPaused(bool paused)
{
    for (auto* c : m_followers.keys())
        paused ? pause(c) : resume(c);
}

bool LogIngest::isPaused(ProxyConnection* connection) const
{
    auto it = m_followers.find(connection);
    return it != m_followers.end() && it->paused;
}

EventSync::State LogIngest::syncState(ProxyConnection* connection) const
{
    auto it = m_followers.find(connection);
    return it == m_followers.end() ? EventSync::State::Stopped : it->state;
}

QString LogIngest::instanceIdOf(ProxyConnection* connection) const
{
    auto it = m_followers.find(connection);
    return it == m_followers.end() ? QString() : it->instanceId;
}

EventSync* LogIngest::syncOf(ProxyConnection* connection) const
{
    auto it = m_followers.find(connection);
    return it == m_followers.end() ? nullptr : it->sync.data();
}

} // namespace nsgate::client
