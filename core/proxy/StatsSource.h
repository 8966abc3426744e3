#pragma once

// What the admin API needs to answer GET /admin/v1/stats: counters since this
// process started and totals over the event log kept, overall and per namespace.

#include "core/model/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nsgate::proxy {

struct TrafficCounters
{
    std::int64_t requests = 0;
    std::int64_t hits = 0;
    std::int64_t misses = 0;
    std::int64_t mismatches = 0;     // events whose mismatch is not "none"
    std::int64_t bytesServed = 0;
    std::int64_t bytesFetched = 0;   // fetched from upstreams

    friend bool operator==(const TrafficCounters&, const TrafficCounters&) = default;
};

struct CacheUsage
{
    std::int64_t entries = 0;
    std::int64_t bytes = 0;

    friend bool operator==(const CacheUsage&, const CacheUsage&) = default;
};

struct NamespaceStats
{
    std::string name;   // the served namespace
    TrafficCounters sinceStart;
    TrafficCounters total;
    CacheUsage cache;

    friend bool operator==(const NamespaceStats&, const NamespaceStats&) = default;
};

struct ProxyStats
{
    TrafficCounters sinceStart;
    TrafficCounters total;
    CacheUsage cache;
    // Events the log could not keep since start (queue full, write errors), so
    // the operator can tell that totals and history undercount.
    std::int64_t eventsDropped = 0;
    std::vector<NamespaceStats> namespaces;

    friend bool operator==(const ProxyStats&, const ProxyStats&) = default;
};

// Called from any thread the admin API runs on.
class StatsSource
{
public:
    virtual ~StatsSource() = default;
    virtual Result<ProxyStats> stats() = 0;
};

} // namespace nsgate::proxy
