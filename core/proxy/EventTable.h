#pragma once

// The on-disk shape of the proxy's event log: schema migrations and the mapping
// between an Event and one `events` row. Kept apart from EventLog so the
// schema can be read (and one day shared with the console's log store) without
// the writer thread around it.
//
// Every field of the record is a column of its own, typed so that SQLite never
// converts a value (TEXT affinity keeps a reference like "3.20" a string), so
// a row rebuilds the Event exactly without storing the JSON a second time.
// Enumerations are stored as their contract strings ("hit", "conflict"), which
// keeps ad-hoc SQL readable and lets aggregates group by the wire values.

#include "core/model/Event.h"
#include "core/model/Result.h"
#include "core/store/Migrations.h"

#include <span>
#include <string_view>

namespace nsgate::store {
class Statement;
}

namespace nsgate::proxy {

std::span<const store::Migration> eventLogMigrations();

// The `events` columns in Event field order; SELECT lists use it so that
// readEventRow() finds every field where it expects it.
inline constexpr std::string_view kEventColumns =
    "seq, time_ms, method, object, requested_ns, served_ns, upstream, repository, reference, digest, "
    "media_type, cache, mismatch, decision, status, bytes, duration_ms, client, user_agent, detail";
inline constexpr int kEventColumnCount = 20;

// INSERT of one full row, parameters ?1..?20 in kEventColumns order.
extern const std::string_view kInsertEventSql;

// Binds `event` to an INSERT prepared from kInsertEventSql. Text is bound
// without copying (the batch being written owns it), so `event` must stay
// alive and unchanged until the statement has been stepped and reset.
void bindEventRow(store::Statement& insert, const model::Event& event);

// Rebuilds the Event from the current row, whose columns start at
// `firstColumn` in kEventColumns order. Fails (naming seq and column) for a
// value no writer of this schema produces, such as an unknown enum string.
Result<model::Event> readEventRow(const store::Statement& row, int firstColumn = 0);

// The totals key of an event: the namespace that answered, "" when none did.
// The SQL side of the same rule is COALESCE(served_ns, '').
std::string_view totalsKey(const model::Event& event);

} // namespace nsgate::proxy
