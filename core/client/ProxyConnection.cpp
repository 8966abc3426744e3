#include "core/client/ProxyConnection.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace nsgate::client {

namespace {

bool sameInfo(const ProxyInfo& a, const ProxyInfo& b)
{
    return a.product == b.product && a.version == b.version && a.instanceId == b.instanceId
           && a.registryUrl == b.registryUrl && a.startedAt == b.startedAt && a.apiVersion == b.apiVersion
           && a.configRevision == b.configRevision;
}

ConnectionOptions optionsFor(const ProxyProfile& profile, const QByteArray& token)
{
    ConnectionOptions options;
    options.adminUrl = profile.adminUrl;
    options.token = token;
    options.caFile = profile.caFile;
    options.insecureSkipVerify = profile.insecureSkipVerify;
    return options;
}

bool isAuthFailure(const ApiError& error)
{
    return error.kind == ApiError::Kind::Http && (error.httpStatus == 401 || error.httpStatus == 403);
}

} // namespace

ProxyConnection::ProxyConnection(ProxyProfile profile, QByteArray token, QObject* parent)
    : QObject(parent), m_profile(std::move(profile)), m_token(std::move(token))
{
    m_client = new AdminClient(optionsFor(m_profile, m_token), this);
    m_retry.setSingleShot(true);
    m_poll.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ProxyConnection::refresh);
    connect(&m_poll, &QTimer::timeout, this, &ProxyConnection::refresh);
}

int ProxyConnection::backoffDelay(int failures, const Backoff& backoff, double random)
{
    const int doublings = std::clamp(failures - 1, 0, 30);
    const double base = std::min<double>(backoff.maxMs, backoff.initialMs * std::pow(2.0, doublings));
    const double cut = std::clamp(backoff.jitter, 0.0, 1.0) * std::clamp(random, 0.0, 1.0);
    return std::max(1, static_cast<int>(std::lround(base * (1.0 - cut))));
}

void ProxyConnection::setProfile(ProxyProfile profile)
{
    const bool reconnect = profile.adminUrl != m_profile.adminUrl || profile.caFile != m_profile.caFile
                           || profile.insecureSkipVerify != m_profile.insecureSkipVerify;
    m_profile = std::move(profile);
    emit profileChanged();
    if (!reconnect)
        return;
    // Another address may be another proxy: what the old one said no longer applies.
    if (m_info) {
        m_info.reset();
        emit infoChanged();
    }
    rebuildClient();
    restart();
}

void ProxyConnection::setToken(QByteArray token)
{
    m_token = std::move(token);
    rebuildClient();
    restart();
}

void ProxyConnection::rebuildClient()
{
    AdminClient* old = std::exchange(m_client, new AdminClient(optionsFor(m_profile, m_token), this));
    ++m_generation;
    m_inFlight = false;
    emit clientChanged(m_client);
    // Requests already sent through the old client finish within its timeout.
    QTimer::singleShot(old->options().timeoutMs + 1000, old, &QObject::deleteLater);
}

void ProxyConnection::restart()
{
    m_failures = 0;
    m_retry.stop();
    m_poll.stop();
    setState(State::Connecting, QString());
    refresh();
}

void ProxyConnection::refresh()
{
    if (m_inFlight)
        return;
    m_retry.stop();
    m_poll.stop();
    if (m_token.isEmpty()) {
        // Nothing to try until setToken(): no retry either.
        setState(State::Failed, tr("no admin token"));
        return;
    }
    if (m_state == State::Disconnected)
        setState(State::Connecting, QString());
    m_inFlight = true;
    const quint64 generation = m_generation;
    emit attemptStarted();
    m_client->info(this, [this, generation](ApiResult<ProxyInfo> result) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        onInfo(std::move(result));
    });
}

void ProxyConnection::close()
{
    ++m_generation;
    m_inFlight = false;
    m_failures = 0;
    m_retry.stop();
    m_poll.stop();
    setState(State::Disconnected, QString());
}

void ProxyConnection::onInfo(ApiResult<ProxyInfo> result)
{
    if (!result) {
        const ApiError& error = result.error();
        m_lastApiError = error;
        ++m_failures;
        setState(State::Failed, error.message());
        if (isAuthFailure(error))
            return;
        const double random =
            m_backoff.random ? m_backoff.random() : QRandomGenerator::global()->generateDouble();
        const int delay = backoffDelay(m_failures, m_backoff, random);
        m_retry.start(delay);
        emit retryScheduled(delay);
        return;
    }
    m_failures = 0;
    m_lastApiError.reset();
    const bool changed = !m_info || !sameInfo(*m_info, *result);
    m_info = std::move(result).value();
    setState(State::Connected, QString());
    if (changed)
        emit infoChanged();
    if (m_pollMs > 0)
        m_poll.start(m_pollMs);
}

void ProxyConnection::setState(State state, QString error)
{
    if (state == m_state && error == m_lastError)
        return;
    m_state = state;
    m_lastError = std::move(error);
    emit stateChanged();
}

} // namespace nsgate::client
