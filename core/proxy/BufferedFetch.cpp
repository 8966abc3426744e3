#include "core/proxy/BufferedFetch.h"

#include <mutex>
#include <strings.h>

namespace nsgate::proxy {

std::optional<std::string_view> BufferedAnswer::header(std::string_view name) const
{
    for (const auto& [k, v] : headers)
        if (k.size() == name.size() && ::strncasecmp(k.data(), name.data(), k.size()) == 0)
            return std::string_view(v);
    return std::nullopt;
}

namespace {

class Collector final : public FetchObserver
{
public:
    Collector(std::size_t maxBody, std::function<void(BufferedAnswer)> done)
        : m_maxBody(maxBody), m_done(std::move(done))
    {
    }

    void onResponse(int status, const HeaderList& headers) override
    {
        m_answer.status = status;
        m_answer.headers = headers;
    }

    bool onData(std::span<const char> chunk) override
    {
        if (m_tooLarge)
            return true;
        if (m_answer.body.size() + chunk.size() > m_maxBody) {
            m_tooLarge = true;
            std::shared_ptr<FetchHandle> handle;
            {
                std::lock_guard lock(m_mutex);
                handle = m_handle.lock();
            }
            if (handle)
                handle->cancel();
            return true;
        }
        m_answer.body.append(chunk.data(), chunk.size());
        return true;
    }

    void onComplete(Status<> outcome) override
    {
        if (m_tooLarge)
            m_answer.error = makeError("upstream.size", "upstream answer exceeds " + std::to_string(m_maxBody) +
                                                            " bytes");
        else if (!outcome)
            m_answer.error = outcome.error();
        auto done = std::move(m_done);
        done(std::move(m_answer));
    }

    void setHandle(const std::shared_ptr<FetchHandle>& handle)
    {
        std::lock_guard lock(m_mutex);
        m_handle = handle;
    }

private:
    std::mutex m_mutex;
    std::weak_ptr<FetchHandle> m_handle;
    std::size_t m_maxBody;
    std::function<void(BufferedAnswer)> m_done;
    BufferedAnswer m_answer;
    bool m_tooLarge = false;
};

} // namespace

void fetchBuffered(UpstreamClient& client, const UpstreamTarget& target, UpstreamRequest request,
                   std::size_t maxBody, std::function<void(BufferedAnswer)> done)
{
    auto collector = std::make_shared<Collector>(maxBody, std::move(done));
    collector->setHandle(client.start(target, std::move(request), collector));
}

} // namespace nsgate::proxy
