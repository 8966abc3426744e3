#pragma once

// One `GET /admin/v1/events/stream` client: the backlog after the requested
// sequence number first (paged from the event log), then live events as the
// log commits them, each exactly once and in order, with a keepalive comment
// when asked. A client that falls far behind is switched back to paging, so
// memory stays bounded however slow it reads.

#include "core/proxy/EventLog.h"
#include "core/proxy/HttpServer.h"

#include <deque>
#include <memory>
#include <mutex>

namespace nsgate::proxy {

class EventStream : public std::enable_shared_from_this<EventStream>
{
public:
    static constexpr std::size_t kPageSize = 500;
    static constexpr std::size_t kMaxPending = 10000;

    EventStream(std::shared_ptr<Responder> responder, EventLog& log, std::int64_t after);

    void start();
    void keepalive();
    void close();
    bool closed() const;

private:
    void pump();
    void send(std::string text);

    std::shared_ptr<Responder> m_responder;
    EventLog& m_log;
    EventLog::Subscription m_subscription;

    mutable std::mutex m_mutex;
    std::int64_t m_sentSeq;
    bool m_paging = true;      // reading history from the log, not the live queue
    bool m_writing = false;
    bool m_closed = false;
    bool m_keepaliveDue = false;
    std::deque<model::Event> m_pending;
};

} // namespace nsgate::proxy
