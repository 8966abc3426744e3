#pragma once

// `nsgatectl log export`: the local log store to CSV or JSON Lines on stdout.

#include "app/ctl/Commands.h"
#include "core/store/LogStore.h"

#include <iosfwd>
#include <string>

namespace nsgate::ctl {

int runLogExport(const Args& args);

// The CSV header line and one row (RFC 4180: fields holding a comma, quote, CR
// or LF are quoted, quotes doubled; null fields are empty). Exposed for tests.
void writeCsvHeader(std::ostream& out);
void writeCsvRow(std::ostream& out, const store::StoredEvent& row);
// One JSON object per line: the event record as the admin API sends it, plus "instanceId".
void writeJsonLine(std::ostream& out, const store::StoredEvent& row);

} // namespace nsgate::ctl
