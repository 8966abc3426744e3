#pragma once

// Internal: the Asio side of IoRuntime, for the few translation units that
// talk to sockets.

#include "core/proxy/IoRuntime.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <optional>

namespace nsgate::proxy {

struct IoRuntime::Impl
{
    explicit Impl(unsigned threadCount) : io(static_cast<int>(threadCount)), threads(threadCount) {}

    boost::asio::io_context io;
    unsigned threads;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{io.get_executor()};
    std::optional<boost::asio::signal_set> signals;
};

} // namespace nsgate::proxy
