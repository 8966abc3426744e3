#pragma once

// The proxy's event loop: one Asio io_context served by a few threads, and the
// signals that stop it. Asio stays out of this header so that code using the
// runtime compiles quickly; HttpServer.cpp reaches the io_context through
// IoRuntimeAsio.h.

#include <functional>
#include <memory>

namespace nsgate::proxy {

class IoRuntime
{
public:
    explicit IoRuntime(unsigned threads);
    ~IoRuntime();
    IoRuntime(const IoRuntime&) = delete;
    IoRuntime& operator=(const IoRuntime&) = delete;

    // Calls `handler` (on a loop thread) for SIGINT and SIGTERM.
    void onStopSignal(std::function<void(int signal)> handler);

    // Runs the loop on `threads` threads (the caller's included) until stop().
    void run();
    // Lets run() return once all outstanding work is done (graceful shutdown).
    void drain();
    // Stops at once, abandoning outstanding work.
    void stop();
    // Runs `fn` on a loop thread.
    void post(std::function<void()> fn);

    struct Impl;
    Impl& impl() { return *m_impl; }

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace nsgate::proxy
