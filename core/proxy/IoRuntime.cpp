#include "core/proxy/IoRuntimeAsio.h"

#include <boost/asio/post.hpp>

#include <csignal>
#include <thread>
#include <vector>

namespace nsgate::proxy {

IoRuntime::IoRuntime(unsigned threads) : m_impl(std::make_unique<Impl>(threads == 0 ? 1 : threads)) {}

IoRuntime::~IoRuntime()
{
    stop();
}

void IoRuntime::onStopSignal(std::function<void(int)> handler)
{
    auto& impl = *m_impl;
    impl.signals.emplace(impl.io, SIGINT, SIGTERM);
    impl.signals->async_wait([handler = std::move(handler)](const boost::system::error_code& ec, int signal) {
        if (!ec)
            handler(signal);
    });
}

void IoRuntime::run()
{
    std::vector<std::thread> extra;
    for (unsigned i = 1; i < m_impl->threads; ++i)
        extra.emplace_back([this] { m_impl->io.run(); });
    m_impl->io.run();
    for (auto& t : extra)
        t.join();
}

void IoRuntime::drain()
{
    m_impl->work.reset();
    if (m_impl->signals)
        m_impl->signals->cancel();
}

void IoRuntime::stop()
{
    m_impl->work.reset();
    if (m_impl->signals)
        m_impl->signals->cancel();
    m_impl->io.stop();
}

void IoRuntime::post(std::function<void()> fn)
{
    boost::asio::post(m_impl->io, std::move(fn));
}

} // namespace nsgate::proxy
