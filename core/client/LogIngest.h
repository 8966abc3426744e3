#pragma once

// Moves every followed proxy's events into the local log store without
// touching SQLite on the GUI thread. A worker QThread owns its own
// store::LogStore (one SQLite connection per thread, see LogStore.h); the GUI
// side queues batches and gaps to it, and each batch is ingested in one
// transaction there. The GUI hears back in batches, at most one ingested()
// per 100 ms, so a burst of 20 k events/s costs it ten signals a second.
//
// follow() runs one EventSync per ProxyConnection: once the proxy answered
// /admin/v1/info with its instanceId, the store's cursor for it is read on the
// worker (queued after every batch already sent, so it is never stale) and
// the sync resumes after it. A new AdminClient (token or URL changed) or a new
// instanceId restarts the sync from the store's cursor.
//
// Readers (the Live page's counters) use read(): the work runs on the worker
// with its store, the answer arrives on the GUI thread.
//
// Retention runs on the worker too, between batches: once a policy is set, a
// pass starts at once, then every retentionInterval (60 s) and whenever 100 k
// events were stored since the last pass. A pass is a series of
// LogStore::pruneStep()s, each queued behind the batches that arrived during
// the previous one, so a batch waits for at most one step.

#include "core/client/EventSync.h"
#include "core/model/Event.h"
#include "core/store/LogStore.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace nsgate::client {

class ProxyConnection;

struct IngestedEvent
{
    QString instanceId;
    model::Event event;
};

// What one ingested() tells the GUI: everything the worker stored since the
// previous one.
struct IngestSummary
{
    // At most this many events ride along: a tail shows no more, and a worker
    // that fell behind must not pile up (and then hand the GUI) every event
    // it stored meanwhile.
    static constexpr int kMaxEvents = 5000;

    int inserted = 0;                  // new rows (replays excluded)
    QHash<QString, qint64> cursors;    // per instanceId: the store's cursor now
    QList<IngestedEvent> events;       // the batches' newest kMaxEvents events, in arrival order
    int eventsLeftOut = 0;             // older events of the batches not in `events`
    QStringList errors;                // ingest failures (the batch was not kept)
};

class LogIngest : public QObject
{
    Q_OBJECT

public:
    // Opens the store at `storePath` on the worker thread (asynchronously;
    // see storeError()).
    explicit LogIngest(const QString& storePath, QObject* parent = nullptr);
    // The same with store options; `options.nowMs` (the retention cut-off's
    // clock) is called on the worker thread.
    LogIngest(const QString& storePath, store::LogStoreOptions options, QObject* parent = nullptr);
    ~LogIngest() override;

    QString storePath() const { return m_path; }
    // Empty while the store is fine; else why it could not be opened.
    QString storeError() const { return m_storeError; }
    QThread* workerThread() const { return m_thread; }

    // Queue work for the worker (GUI thread only).
    void ingest(const QString& instanceId, const QList<model::Event>& events);
    void recordGap(const QString& instanceId, qint64 from, qint64 to);
    // Runs `work` on the worker with its store (nullptr if it failed to open),
    // then `done` with the answer on this object's thread unless `context` died.
    template<class T>
    void read(QObject* context, std::function<T(store::LogStore*)> work, std::function<void(T)> done)
    {
        auto result = std::make_shared<T>();
        post([work = std::move(work), result](store::LogStore* s) { *result = work(s); },
             [done = std::move(done), result, ctx = QPointer<QObject>(context)] {
                 if (ctx)
                     done(std::move(*result));
             });
    }
    // Test hook: called on the worker thread after each batch was ingested.
    void setIngestHook(std::function<void(const QString& instanceId, qsizetype events)> hook);

    // Retention (see the header comment). A policy without limits prunes nothing.
    void setRetention(const store::RetentionPolicy& policy);
    store::RetentionPolicy retention() const { return m_retention; }
    void setRetentionInterval(int ms);
    // Events deleted per step at most (default 5000): the longest a batch waits.
    void setRetentionBatchRows(std::int64_t rows);
    // Starts a pass now unless one is running.
    void pruneNow();
    // The last finished pass (its totals), nullopt before the first.
    std::optional<store::RetentionReport> lastRetention() const { return m_lastRetention; }
    // Test hook: called on the worker thread after each retention step.
    void setRetentionHook(std::function<void(const store::RetentionReport& step)> hook);

    // Per-proxy sync.
    void follow(ProxyConnection* connection);
    void unfollow(ProxyConnection* connection);
    QList<ProxyConnection*> followed() const;
    void pause(ProxyConnection* connection);
    void resume(ProxyConnection* connection);
    void setAllPaused(bool paused);
    bool isPaused(ProxyConnection* connection) const;
    EventSync::State syncState(ProxyConnection* connection) const;
    QString instanceIdOf(ProxyConnection* connection) const;
    // The running EventSync (nullptr before the proxy answered); for tests.
    EventSync* syncOf(ProxyConnection* connection) const;

signals:
    void ingested(const nsgate::client::IngestSummary& summary);
    void syncStateChanged(nsgate::client::ProxyConnection* connection, nsgate::client::EventSync::State state);
    void syncError(nsgate::client::ProxyConnection* connection, const QString& message);
    void storeFailed(const QString& message);
    // A retention pass finished: what it deleted in all.
    void retentionDone(const nsgate::store::RetentionReport& pass);
    void retentionFailed(const QString& message);

private:
    struct Follower
    {
        QPointer<ProxyConnection> connection;
        QPointer<EventSync> sync;
        QString instanceId;
        EventSync::State state = EventSync::State::Stopped;
        bool paused = false;
        quint64 generation = 0;   // invalidates a cursor answer for an older start
        int failures = 0;         // store failures in a row: the back-off before syncing again
    };

    void post(std::function<void(store::LogStore*)> work, std::function<void()> done = {});
    void deliver(IngestSummary summary);
    // The worker could not store a batch or gap of `instanceId`: resync it.
    void batchFailed(const QString& instanceId, const QString& why);
    void connectionChanged(ProxyConnection* connection);
    void startSync(ProxyConnection* connection);
    void stopSync(Follower& follower);
    void setSyncState(ProxyConnection* connection, EventSync::State state);

    class Worker;
    QString m_path;
    QString m_storeError;
    store::RetentionPolicy m_retention;
    std::optional<store::RetentionReport> m_lastRetention;
    QThread* m_thread = nullptr;
    Worker* m_worker = nullptr;
    QHash<ProxyConnection*, Follower> m_followers;
};

} // namespace nsgate::client

Q_DECLARE_METATYPE(nsgate::client::IngestSummary)
Q_DECLARE_METATYPE(nsgate::store::RetentionReport)
