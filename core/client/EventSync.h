#pragma once

// Follows one proxy's events: pages through `/admin/v1/events` until caught
// up (recording pruned ranges as gaps), then holds the SSE stream open,
// resuming by sequence number after every disconnect with exponential back-off
// and jitter. Events arrive in batches, in order, each exactly once per
// EventSync (duplicates from a resumed stream are dropped by seq).

#include "core/client/AdminClient.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <random>

namespace nsgate::client {

class EventSync : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, CatchingUp, Streaming, Waiting, Paused };
    Q_ENUM(State)

    struct Backoff
    {
        int initialMs = 500;
        int maxMs = 30000;
        double jitter = 0.5;   // ± this fraction of the delay
    };

    EventSync(AdminClient* client, std::int64_t after, QObject* parent = nullptr);
    ~EventSync() override;

    void setBackoff(Backoff backoff) { m_backoff = backoff; }
    void setPageSize(int size) { m_pageSize = size; }

    void start();
    void stop();
    void pause();
    void resume();

    State state() const { return m_state; }
    std::int64_t lastSeq() const { return m_lastSeq; }
    QString instanceId() const { return m_instanceId; }
    QString lastError() const { return m_lastError; }

signals:
    void eventsReceived(const QList<nsgate::model::Event>& events);
    void gapDetected(qint64 from, qint64 to);
    void stateChanged(nsgate::client::EventSync::State state);
    void errorOccurred(const QString& message);

private:
    void setState(State state);
    void catchUp();
    void openStream();
    void onStreamData();
    void onStreamFinished();
    void retryLater(const QString& why);
    void deliver(QList<model::Event> events);

    AdminClient* m_client;
    std::int64_t m_lastSeq;
    QString m_instanceId;
    QString m_lastError;
    State m_state = State::Stopped;
    Backoff m_backoff;
    int m_pageSize = 1000;
    int m_attempt = 0;
    QPointer<QNetworkReply> m_stream;
    QByteArray m_buffer;
    QTimer m_retry;
    std::mt19937 m_random{std::random_device{}()};
    quint64 m_generation = 0;   // invalidates callbacks of a stopped run
};

// The wait before reconnect attempt `attempt` (0 = first): initialMs doubling
// per attempt up to maxMs, then spread by ±jitter with `random01` in [0, 1].
int backoffDelayMs(const EventSync::Backoff& backoff, int attempt, double random01);

// Splits complete SSE messages off the front of `buffer`; for each `event:
// request` message calls `onEvent(id, data)`. Comments and other events are
// skipped. Exposed for tests.
void parseSse(QByteArray& buffer, const std::function<void(std::int64_t id, const QByteArray& data)>& onEvent);

} // namespace nsgate::client
