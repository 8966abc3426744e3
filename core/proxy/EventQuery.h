#pragma once

// What the admin API needs from the event log to answer
// GET /admin/v1/events?after=&limit=. The proxy's event log implements it.

#include "core/model/Event.h"
#include "core/model/Result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace nsgate::proxy {

// Sequence numbers the client asked for that are gone (pruned): [from, to].
struct EventGap
{
    std::int64_t from = 0;
    std::int64_t to = 0;

    friend bool operator==(const EventGap&, const EventGap&) = default;
};

struct EventPage
{
    // seq > after, ascending, at most `limit`.
    std::vector<model::Event> events;
    // The newest seq ever written (0 when none yet): a client whose page ends
    // below it knows more pages follow.
    std::int64_t lastSeq = 0;
    // The oldest seq still kept (0 when the log is empty).
    std::int64_t oldestSeq = 0;
    // Set when events with seq > after were pruned before this request.
    std::optional<EventGap> gap;
};

// Called from any thread the admin API runs on.
class EventQuery
{
public:
    virtual ~EventQuery() = default;
    virtual Result<EventPage> page(std::int64_t after, std::size_t limit) = 0;
};

// The gap a page after `after` has when the oldest kept event is `oldestSeq`
// and the newest written is `lastSeq` (for log implementations whose seqs have
// no holes other than pruning).
inline std::optional<EventGap> pruningGap(std::int64_t after, std::int64_t oldestSeq, std::int64_t lastSeq)
{
    if (lastSeq <= after)
        return std::nullopt;
    // Everything after `after` up to the oldest kept one (or all of it, when
    // the log was pruned empty) is missing.
    const std::int64_t firstKept = oldestSeq > 0 ? oldestSeq : lastSeq + 1;
    if (firstKept <= after + 1)
        return std::nullopt;
    return EventGap{after + 1, firstKept - 1};
}

} // namespace nsgate::proxy
