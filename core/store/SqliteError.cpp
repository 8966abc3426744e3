#include "core/store/SqliteError.h"

#include <sqlite3.h>

#include <cstddef>

namespace nsgate::store::detail {

namespace {

// Long enough for any statement a human wrote by hand, short enough that a
// generated multi-row INSERT does not flood a log line.
constexpr std::size_t kMaxExcerpt = 500;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

const char* errorCodeFor(int resultCode)
{
    switch (resultCode & 0xff) {
    case SQLITE_CONSTRAINT:
        return "store.constraint";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "store.busy";
    case SQLITE_READONLY:
        return "store.readonly";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "store.corrupt";
    case SQLITE_FULL:
        return "store.full";
    case SQLITE_CANTOPEN:
        return "store.cantopen";
    case SQLITE_NOMEM:
        return "store.nomem";
    case SQLITE_RANGE:
    case SQLITE_MISUSE:
        return "store.misuse";
    case SQLITE_TOOBIG:
        return "store.toobig";
    case SQLITE_ERROR:
        return "store.sql_error";
    default:
        return "store.sqlite";
    }
}

std::string sqlExcerpt(std::string_view sql)
{
    while (!sql.empty() && isSpace(sql.front()))
        sql.remove_prefix(1);
    while (!sql.empty() && isSpace(sql.back()))
        sql.remove_suffix(1);
    if (sql.size() <= kMaxExcerpt)
        return std::string(sql);
    std::size_t cut = kMaxExcerpt;
    // Back up over UTF-8 continuation bytes (10xxxxxx) so the excerpt stays valid text.
    while (cut > 0 && (static_cast<unsigned char>(sql[cut]) & 0xC0U) == 0x80U)
        --cut;
    return std::string(sql.substr(0, cut)) + "...";
}

Error sqliteError(sqlite3* db, int resultCode, model::Message action, std::string_view sql)
{
    // The connection's message belongs to its latest error, which is not always the
    // code at hand (e.g. a deferred bind failure); fall back to the generic text then.
    const bool connectionKnows = db != nullptr && (sqlite3_extended_errcode(db) & 0xff) == (resultCode & 0xff);
    // SQLite's text has no translation: it stays a value.
    std::string library = connectionKnows ? sqlite3_errmsg(db) : sqlite3_errstr(resultCode);
    auto message = sql.empty() ? NSGATE_TEXT("nsgate::store", "%1: %2").with(std::move(action), std::move(library))
                               : NSGATE_TEXT("nsgate::store", "%1: %2; SQL: %3")
                                     .with(std::move(action), std::move(library), sqlExcerpt(sql));

    std::string detail = "sqlite result code " + std::to_string(resultCode) + " (" + sqlite3_errstr(resultCode) + ")";
#if SQLITE_VERSION_NUMBER >= 3038000
    if (connectionKnows && !sql.empty()) {
        if (const int offset = sqlite3_error_offset(db); offset >= 0)
            detail += ", error offset " + std::to_string(offset);
    }
#endif
    return makeError(errorCodeFor(resultCode), std::move(message), std::move(detail));
}

Error usageError(model::Message message, std::string_view sql)
{
    if (!sql.empty())
        message = NSGATE_TEXT("nsgate::store", "%1; SQL: %2").with(std::move(message), sqlExcerpt(sql));
    return makeError("store.usage", std::move(message));
}

Error withContext(Error error, model::Message context)
{
    auto text = NSGATE_TEXT("nsgate::store", "%1: %2").with(std::move(context), errorText(error));
    error.message = text.english();
    error.text = std::move(text);
    return error;
}

} // namespace nsgate::store::detail
