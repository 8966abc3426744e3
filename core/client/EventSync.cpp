#include "core/client/EventSync.h"

#include <algorithm>

#include <QNetworkReply>

#include <cmath>

namespace nsgate::client {

void parseSse(QByteArray& buffer, const std::function<void(std::int64_t, const QByteArray&)>& onEvent)
{
    for (;;) {
        // Messages end with a blank line; accept CRLF as well as LF.
        qsizetype end = buffer.indexOf("\n\n");
        qsizetype skip = 2;
        const qsizetype crlf = buffer.indexOf("\r\n\r\n");
        if (crlf >= 0 && (end < 0 || crlf < end)) {
            end = crlf;
            skip = 4;
        }
        if (end < 0)
            return;
        const QByteArray message = buffer.left(end);
        buffer.remove(0, end + skip);
        std::int64_t id = -1;
        QByteArray type = "message";
        QByteArray data;
        for (QByteArray line : message.split('\n')) {
            if (line.endsWith('\r'))
                line.chop(1);
            if (line.isEmpty() || line.startsWith(':'))
                continue;
            const auto colon = line.indexOf(':');
            const QByteArray field = colon < 0 ? line : line.left(colon);
            QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
            if (value.startsWith(' '))
                value.remove(0, 1);
            if (field == "id")
                id = value.toLongLong();
            else if (field == "event")
                type = value;
            else if (field == "data")
                data += (data.isEmpty() ? QByteArray() : QByteArray("\n")) + value;
        }
        if (type == "request" && id >= 0)
            onEvent(id, data);
    }
}

EventSync::EventSync(AdminClient* client, std::int64_t after, QObject* parent)
    : QObject(parent), m_client(client), m_lastSeq(after)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &EventSync::catchUp);
}

EventSync::~EventSync()
{
    stop();
}

void EventSync::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void EventSync::start()
{
    if (m_state != State::Stopped && m_state != State::Paused)
        return;
    m_attempt = 0;
    catchUp();
}

void EventSync::stop()
{
    ++m_generation;
    m_retry.stop();
    if (QNetworkReply* stream = m_stream.data()) {
        m_stream = nullptr;
        stream->disconnect(this);
        stream->abort();
        stream->deleteLater();
    }
    m_buffer.clear();
    setState(State::Stopped);
}

void EventSync::pause()
{
    stop();
    setState(State::Paused);
}

void EventSync::resume()
{
    if (m_state == State::Paused)
        start();
}

void EventSync::deliver(QList<model::Event> events)
{
    QList<model::Event> fresh;
    for (auto& e : events) {
        if (e.seq <= m_lastSeq)
            continue; // already delivered before a reconnect
        m_lastSeq = e.seq;
        fresh.push_back(std::move(e));
    }
    if (!fresh.isEmpty())
        emit eventsReceived(fresh);
}

void EventSync::catchUp()
{
    setState(State::CatchingUp);
    const auto generation = m_generation;
    m_client->events(m_lastSeq, m_pageSize, this, [this, generation](ApiResult<EventPage> page) {
        if (generation != m_generation)
            return;
        if (!page)
            return retryLater(page.error().message());
        m_instanceId = page->instanceId;
        if (page->gap)
            emit gapDetected(page->gap->first, page->gap->second);
        const bool more = page->events.size() >= m_pageSize;
        const bool empty = page->events.isEmpty();
        deliver(std::move(page->events));
        if (page->gap && empty && page->gap->second > m_lastSeq)
            m_lastSeq = page->gap->second; // nothing of the gap can ever arrive
        if (more)
            return catchUp();
        openStream();
    });
}

void EventSync::openStream()
{
    setState(State::Streaming);
    m_buffer.clear();
    m_stream = m_client->openEventStream(m_lastSeq);
    connect(m_stream, &QNetworkReply::readyRead, this, &EventSync::onStreamData);
    connect(m_stream, &QNetworkReply::finished, this, &EventSync::onStreamFinished);
}

void EventSync::onStreamData()
{
    if (!m_stream)
        return;
    m_buffer += m_stream->readAll();
    QList<model::Event> batch;
    QString problem;
    parseSse(m_buffer, [&](std::int64_t, const QByteArray& data) {
        auto e = model::decodeEvent(std::string_view(data.constData(), static_cast<std::size_t>(data.size())));
        if (e)
            batch.push_back(std::move(e).value());
        else
            problem = QString::fromStdString(e.error().message);
    });
    if (!batch.isEmpty())
        m_attempt = 0; // the stream works: start back-off afresh next time
    deliver(std::move(batch));
    if (!problem.isEmpty())
        emit errorOccurred(problem);
}

void EventSync::onStreamFinished()
{
    auto* reply = m_stream.data();
    m_stream = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString why = status >= 400 ? decodeProblem(status, reply->readAll()).message() : reply->errorString();
    if (why.isEmpty())
        why = tr("event stream closed");
    retryLater(why);
}

void EventSync::retryLater(const QString& why)
{
    m_lastError = why;
    emit errorOccurred(why);
    setState(State::Waiting);
    // Exponential back-off with jitter, so a fleet of consoles does not
    // reconnect in lockstep after a proxy restart.
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    m_retry.start(backoffDelayMs(m_backoff, m_attempt++, unit(m_random)));
}

int backoffDelayMs(const EventSync::Backoff& backoff, int attempt, double random01)
{
    const double base = std::min<double>(backoff.maxMs, backoff.initialMs * std::pow(2.0, std::clamp(attempt, 0, 16)));
    const double factor = 1.0 - backoff.jitter + 2.0 * backoff.jitter * std::clamp(random01, 0.0, 1.0);
    return std::max(1, static_cast<int>(base * factor));
}

} // namespace nsgate::client
