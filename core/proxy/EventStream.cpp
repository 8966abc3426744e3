#include "core/proxy/EventStream.h"

#include "core/proxy/AdminApi.h"

namespace nsgate::proxy {

EventStream::EventStream(std::shared_ptr<Responder> responder, EventLog& log, std::int64_t after)
    : m_responder(std::move(responder)), m_log(log), m_sentSeq(after)
{
}

void EventStream::start()
{
    m_responder->startStream(200, AdminApi::streamHeaders(), std::nullopt);
    std::weak_ptr<EventStream> weak = shared_from_this();
    // Subscribe before paging, so nothing committed in between is missed;
    // duplicates are dropped by sequence number.
    m_subscription = m_log.subscribe([weak](std::span<const model::Event> batch) {
        auto self = weak.lock();
        if (!self)
            return;
        {
            std::lock_guard lock(self->m_mutex);
            if (self->m_closed || self->m_paging)
                return; // paging reads these from the log anyway
            for (const auto& e : batch)
                self->m_pending.push_back(e);
            if (self->m_pending.size() > kMaxPending) {
                self->m_pending.clear();
                self->m_paging = true;
            }
        }
        self->pump();
    });
    pump();
}

bool EventStream::closed() const
{
    std::lock_guard lock(m_mutex);
    return m_closed;
}

void EventStream::keepalive()
{
    {
        std::lock_guard lock(m_mutex);
        m_keepaliveDue = true;
    }
    pump();
}

void EventStream::close()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return;
        m_closed = true;
    }
    m_subscription.reset();
    m_responder->finish();
}

void EventStream::pump()
{
    std::string text;
    {
        std::lock_guard lock(m_mutex);
        if (m_closed || m_writing)
            return;
        if (m_paging) {
            auto page = m_log.page(m_sentSeq, kPageSize);
            if (page && !page->events.empty()) {
                for (const auto& e : page->events) {
                    text += AdminApi::formatStreamEvent(e);
                    m_sentSeq = e.seq;
                }
            } else {
                // Caught up with what is committed: from now on live events.
                m_paging = false;
                if (page && page->lastSeq > m_sentSeq)
                    m_paging = true; // more arrived meanwhile; keep paging
            }
        }
        if (!m_paging) {
            while (!m_pending.empty()) {
                const auto& e = m_pending.front();
                if (e.seq > m_sentSeq) {
                    text += AdminApi::formatStreamEvent(e);
                    m_sentSeq = e.seq;
                }
                m_pending.pop_front();
            }
        }
        if (text.empty() && m_keepaliveDue)
            text = std::string(AdminApi::kStreamKeepalive);
        m_keepaliveDue = false;
        if (text.empty())
            return;
        m_writing = true;
    }
    send(std::move(text));
}

void EventStream::send(std::string text)
{
    std::weak_ptr<EventStream> weak = shared_from_this();
    m_responder->write(std::move(text), [weak](bool ok) {
        auto self = weak.lock();
        if (!self)
            return;
        {
            std::lock_guard lock(self->m_mutex);
            self->m_writing = false;
            if (!ok)
                self->m_closed = true;
        }
        if (!ok) {
            self->m_subscription.reset();
            return;
        }
        self->pump();
    });
}

} // namespace nsgate::proxy
