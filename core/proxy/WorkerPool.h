#pragma once

// A few threads for work that must not run on the upstream or socket threads:
// hashing and committing cold blobs. Tasks run in the order posted, on any
// thread; a caller that needs one-at-a-time execution (one blob's hash) keeps
// its own "scheduled" flag. The destructor runs what is queued, then joins.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace nsgate::proxy {

class WorkerPool
{
public:
    explicit WorkerPool(unsigned threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void post(std::function<void()> task);

private:
    void work();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace nsgate::proxy
