#include "core/client/LogIngest.h"

#include "core/client/ProxyConnection.h"
#include "core/store/LogStore.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <optional>
#include <utility>
#include <span>

namespace nsgate::client {

namespace {
constexpr int kNotifyIntervalMs = 100;
}

// Lives on the worker thread; every member function runs there.
class LogIngest::Worker : public QObject
{
public:
    explicit Worker(LogIngest* owner) : m_owner(owner)
    {
        m_flush.setSingleShot(true);
        QObject::connect(&m_flush, &QTimer::timeout, this, [this] { flush(); });
    }

    void open(const QString& path)
    {
        auto store = store::LogStore::open(path.toStdString());
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
        m_store.reset();
    }

    void ingest(const QString& instanceId, const QList<model::Event>& events)
    {
        if (!m_store || events.isEmpty())
            return;
        const std::span<const model::Event> batch(events.constData(), static_cast<std::size_t>(events.size()));
        auto report = m_store->ingest(instanceId.toStdString(), batch);
        if (!report) {
            m_pending.errors << QString::fromStdString(report.error().message);
        } else {
            m_pending.inserted += static_cast<int>(report->inserted);
            m_pending.cursors.insert(instanceId, report->cursor);
            m_pending.events.reserve(m_pending.events.size() + events.size());
            for (const auto& e : events)
                m_pending.events.append({instanceId, e});
        }
        if (m_hook)
            m_hook(instanceId, events.size());
        schedule();
    }

    void recordGap(const QString& instanceId, qint64 from, qint64 to)
    {
        if (!m_store)
            return;
        const std::string id = instanceId.toStdString();
        if (auto status = m_store->recordGap(id, from, to); !status) {
            m_pending.errors << QString::fromStdString(status.error().message);
        } else if (auto cursor = m_store->cursor(id)) {
            m_pending.cursors.insert(instanceId, *cursor);
        }
        schedule();
    }

    // At most one notification per interval: the first batch after a quiet
    // spell goes out at once, later ones wait for the interval to end.
    void schedule()
    {
        if (m_flush.isActive())
            return;
        const qint64 since = m_lastNotify.isValid() ? m_lastNotify.elapsed() : kNotifyIntervalMs;
        m_flush.start(static_cast<int>(std::max<qint64>(0, kNotifyIntervalMs - since)));
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
};

LogIngest::LogIngest(const QString& storePath, QObject* parent) : QObject(parent), m_path(storePath)
{
    qRegisterMetaType<IngestSummary>();
    qRegisterMetaType<ProxyConnection*>();
    m_thread = new QThread(this);
    m_thread->setObjectName("logIngestThread");
    m_worker = new Worker(this);
    m_worker->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, [w = m_worker, storePath] { w->open(storePath); }, Qt::QueuedConnection);
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

void LogIngest::post(std::function<void(store::LogStore*)> work, std::function<void()> done)
{
    QMetaObject::invokeMethod(m_worker, [this, w = m_worker, work = std::move(work), done = std::move(done)] {
        work(w->m_store ? &*w->m_store : nullptr);
        if (done)
            QMetaObject::invokeMethod(this, done, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void LogIngest::deliver(IngestSummary summary)
{
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
