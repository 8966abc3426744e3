#pragma once

// Internal to core/store: turns SQLite result codes into nsgate::Error values.
// Not installed and not included by the public headers.

#include "core/model/Message.h"
#include "core/model/Result.h"

#include <string>
#include <string_view>

struct sqlite3;

namespace nsgate::store::detail {

// Stable error code for a SQLite result code, so callers can branch on the kind
// of failure ("store.constraint", "store.busy", ...) without including sqlite3.h.
const char* errorCodeFor(int resultCode);

// `action` says what was attempted ("prepare failed"); `sql` is quoted into the
// message so a failure in a long script or a migration can be found. The
// message carries SQLite's own text for the connection's latest error.
Error sqliteError(sqlite3* db, int resultCode, model::Message action, std::string_view sql = {});

// A failure detected before SQLite was asked (moved-from handle, bad argument).
Error usageError(model::Message message, std::string_view sql = {});

// `error` with its message put after `context` ("context: message"); code and
// detail stay.
Error withContext(Error error, model::Message context);

// Bounded, whitespace-trimmed excerpt of SQL for messages; never splits a UTF-8
// sequence.
std::string sqlExcerpt(std::string_view sql);

} // namespace nsgate::store::detail
