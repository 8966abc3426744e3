#pragma once

// The two export formats of stored events, shared by `nsgatectl log export`
// and the console's Audit page so that both write the same bytes.
//
//   CSV:  a header line, then one row per event; RFC 4180 (fields holding a
//         comma, quote, CR or LF are quoted, quotes doubled), CRLF line ends,
//         an empty field is null.
//   JSON: JSON Lines; one event record per line exactly as the admin API sends
//         it, plus "instanceId".

#include "core/model/Event.h"

#include <iosfwd>
#include <string_view>

namespace nsgate::model {

enum class EventExportFormat { Csv, JsonLines };

void writeEventCsvHeader(std::ostream& out);
void writeEventCsvRow(std::ostream& out, std::string_view instanceId, const Event& event);
void writeEventJsonLine(std::ostream& out, std::string_view instanceId, const Event& event);

} // namespace nsgate::model
