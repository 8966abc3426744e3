#pragma once

// One proxy as the console sees it: its profile, an AdminClient built from
// the profile and the admin token, and whether the proxy answers. refresh()
// asks for /admin/v1/info; while that fails the connection retries with
// exponential back-off and jitter (so a fleet of consoles does not hammer a
// proxy that comes back), except after 401/403: the same token will not start
// working, so it waits for setToken(). Requests never overlap.
//
// The AdminClient is rebuilt when the token or the admin URL / TLS settings
// change (its options are fixed at construction): clientChanged() announces
// the new one. Callers should ask client() each time rather than keep the
// pointer; the old client stays alive for its request timeout so answers
// already on their way are still delivered.

#include "core/client/AdminClient.h"
#include "core/client/ProfileStore.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace nsgate::client {

class ProxyConnection : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected, Failed };
    Q_ENUM(State)

    struct Backoff
    {
        int initialMs = 1000;
        int maxMs = 30000;
        double jitter = 0.5;                 // a delay is cut by up to this fraction
        std::function<double()> random;     // uniform in [0, 1); empty = QRandomGenerator
    };

    ProxyConnection(ProxyProfile profile, QByteArray token, QObject* parent = nullptr);

    AdminClient* client() const { return m_client; }
    const ProxyProfile& profile() const { return m_profile; }
    // Rebuilds the client (and reconnects) only when the admin URL, CA file
    // or TLS verification changed; a new name or registry URL just updates.
    void setProfile(ProxyProfile profile);
    // Rebuilds the client with the new token and reconnects.
    void setToken(QByteArray token);
    bool hasToken() const { return !m_token.isEmpty(); }

    State state() const { return m_state; }
    // ApiError::message() of the last failure; empty once connected.
    QString lastError() const { return m_lastError; }
    std::optional<ApiError> lastApiError() const { return m_lastApiError; }
    // The last info the proxy gave (kept while a later refresh fails; check state()).
    std::optional<ProxyInfo> info() const { return m_info; }

    // Asks for info now (cancelling a scheduled retry); no-op while a request is out.
    void refresh();
    // Stops retrying and polling; state Disconnected.
    void close();

    void setBackoff(Backoff backoff) { m_backoff = std::move(backoff); }
    // While connected, refresh every `ms` (0, the default, = only on request).
    void setPollInterval(int ms) { m_pollMs = ms; }
    // Milliseconds until the scheduled retry, -1 when none is scheduled.
    int retryDelayMs() const { return m_retry.isActive() ? m_retry.remainingTime() : -1; }

    // The wait before retry number `failures` (1 = after the first failure):
    // initialMs doubling per failure up to maxMs, then cut by jitter * random.
    static int backoffDelay(int failures, const Backoff& backoff, double random);

signals:
    // The state or lastError() changed.
    void stateChanged();
    void infoChanged();
    void profileChanged();
    void clientChanged(nsgate::client::AdminClient* client);
    // Each info request, retries included (tests and "retrying…" displays).
    void attemptStarted();
    void retryScheduled(int delayMs);

private:
    void rebuildClient();
    void restart();
    void onInfo(ApiResult<ProxyInfo> result);
    void setState(State state, QString error);

    ProxyProfile m_profile;
    QByteArray m_token;
    AdminClient* m_client = nullptr;
    State m_state = State::Disconnected;
    QString m_lastError;
    std::optional<ApiError> m_lastApiError;
    std::optional<ProxyInfo> m_info;
    Backoff m_backoff;
    int m_pollMs = 0;
    int m_failures = 0;
    bool m_inFlight = false;
    quint64 m_generation = 0;   // answers from an older client or run are ignored
    QTimer m_retry;
    QTimer m_poll;
};

} // namespace nsgate::client
