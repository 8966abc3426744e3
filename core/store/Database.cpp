#include "core/store/Database.h"

#include "core/store/SqliteError.h"

#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <utility>

namespace nsgate::store {

namespace {

constexpr std::string_view kMemoryPath = ":memory:";

bool isSpaceOrSemicolon(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ';';
}

std::string_view trimmedLeft(std::string_view text)
{
    while (!text.empty() && isSpaceOrSemicolon(text.front()))
        text.remove_prefix(1);
    return text;
}

const char* synchronousPragma(Synchronous mode)
{
    switch (mode) {
    case Synchronous::Off:
        return "PRAGMA synchronous=OFF";
    case Synchronous::Normal:
        return "PRAGMA synchronous=NORMAL";
    case Synchronous::Full:
        return "PRAGMA synchronous=FULL";
    case Synchronous::Extra:
        return "PRAGMA synchronous=EXTRA";
    }
    return "PRAGMA synchronous=FULL";
}

} // namespace

Result<Database> Database::open(std::string_view path, const OpenOptions& options)
{
    if (path.empty())
        return detail::usageError(
            NSGATE_TEXT("nsgate::store", "cannot open database: empty path (use %1 for a scratch database)")
                .with("openInMemory()"));
    if (path.find('\0') != std::string_view::npos)
        return detail::usageError(NSGATE_TEXT("nsgate::store", "cannot open database: the path contains a NUL byte"));
    if (path == kMemoryPath)
        return openInMemory(options);

    int flags = SQLITE_OPEN_NOMUTEX;
    if (options.readOnly)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
    return openWith(std::string(path), flags, options, false);
}

Result<Database> Database::openInMemory(const OpenOptions& options)
{
    return openWith(std::string(kMemoryPath), SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                    options, true);
}

Result<Database> Database::openWith(std::string path, int flags, const OpenOptions& options, bool inMemory)
{
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    // SQLite usually hands out a handle even when opening fails; owning it at once
    // closes it on every path below.
    Database db(raw, std::move(path));
    const auto context = [&] { return NSGATE_TEXT("nsgate::store", "cannot open database '%1'").with(db.m_path); };
    if (rc != SQLITE_OK)
        return detail::sqliteError(raw, rc, context());

    sqlite3_extended_result_codes(raw, 1);
    if (auto configured = db.configure(options, inMemory); !configured)
        return detail::withContext(configured.error(), context());
    return db;
}

Status<> Database::configure(const OpenOptions& options, bool inMemory)
{
    sqlite3_busy_timeout(m_db, std::max(0, options.busyTimeoutMs));

    // SQLite opens files lazily; reading the header now makes "not a database"
    // fail here instead of at the first real query.
    if (auto header = exec("PRAGMA schema_version"); !header)
        return header;

    if (options.wal && !options.readOnly && !inMemory) {
        auto pragma = prepare("PRAGMA journal_mode=WAL");
        if (!pragma)
            return pragma.error();
        auto row = pragma->step();
        if (!row)
            return row.error();
        // The pragma answers with the mode now in effect; anything but "wal" means
        // the file system or VFS refused (e.g. no shared memory on a network mount).
        const std::string_view mode = *row ? pragma->columnText(0) : std::string_view();
        if (mode != "wal") {
            return makeError("store.wal",
                             NSGATE_TEXT("nsgate::store", "cannot enable write-ahead logging: journal mode is '%1'")
                                 .with(mode));
        }
    }

    if (auto sync = exec(synchronousPragma(options.synchronous)); !sync)
        return sync;
    return exec(options.foreignKeys ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::exchange(other.m_path, {}))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::exchange(other.m_path, {});
    }
    return *this;
}

Database::~Database()
{
    close();
}

void Database::close()
{
    // close_v2 defers the real close until the last Statement is finalized, so
    // statements held elsewhere (e.g. in a member of a longer-lived object) stay
    // safe to destroy. An open transaction is rolled back by SQLite.
    sqlite3_close_v2(m_db);
    m_db = nullptr;
}

Status<> Database::exec(std::string_view sql)
{
    if (m_db == nullptr)
        return detail::usageError(NSGATE_TEXT("nsgate::store", "cannot execute: the database is closed"), sql);
    if (sql.size() > static_cast<std::size_t>(INT_MAX))
        return detail::usageError(NSGATE_TEXT("nsgate::store", "cannot execute: the script is larger than 2 GiB"));

    const char* cursor = sql.data();
    const char* const end = sql.data() + sql.size();
    while (cursor != nullptr && cursor < end) {
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        const int rc = sqlite3_prepare_v2(m_db, cursor, static_cast<int>(end - cursor), &raw, &tail);
        const Statement statement(raw);
        if (rc != SQLITE_OK)
            return detail::sqliteError(m_db, rc, NSGATE_TEXT("nsgate::store", "exec failed"),
                                       std::string_view(cursor, static_cast<std::size_t>(end - cursor)));
        if (raw == nullptr)
            break;   // only whitespace or comments were left

        int stepped = SQLITE_ROW;
        while (stepped == SQLITE_ROW)
            stepped = sqlite3_step(raw);
        if (stepped != SQLITE_DONE)
            return detail::sqliteError(m_db, stepped, NSGATE_TEXT("nsgate::store", "exec failed"), statement.sql());
        cursor = tail;
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql)
{
    return prepareWith(sql, 0);
}

Result<Statement> Database::preparePersistent(std::string_view sql)
{
    return prepareWith(sql, SQLITE_PREPARE_PERSISTENT);
}

Result<Statement> Database::prepareWith(std::string_view sql, unsigned int flags)
{
    if (m_db == nullptr)
        return detail::usageError(NSGATE_TEXT("nsgate::store", "cannot prepare: the database is closed"), sql);
    if (sql.size() > static_cast<std::size_t>(INT_MAX))
        return detail::usageError(NSGATE_TEXT("nsgate::store", "cannot prepare: the statement is larger than 2 GiB"));
    if (trimmedLeft(sql).empty())
        return detail::usageError(NSGATE_TEXT("nsgate::store", "cannot prepare: no SQL statement given"), sql);

    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), flags, &raw, &tail);
    Statement statement(raw);
    if (rc != SQLITE_OK)
        return detail::sqliteError(m_db, rc, NSGATE_TEXT("nsgate::store", "prepare failed"), sql);
    if (raw == nullptr)
        return detail::usageError(NSGATE_TEXT("nsgate::store", "cannot prepare: the SQL holds only comments"), sql);

    // SQLite silently stops after the first statement; a second one would be
    // dropped without a trace, so it is refused instead.
    const std::string_view rest =
        tail != nullptr ? trimmedLeft(std::string_view(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail)))
                        : std::string_view();
    if (!rest.empty()) {
        sqlite3_stmt* extra = nullptr;
        const int extraRc = sqlite3_prepare_v2(m_db, rest.data(), static_cast<int>(rest.size()), &extra, nullptr);
        sqlite3_finalize(extra);
        if (extraRc != SQLITE_OK || extra != nullptr)
            return detail::usageError(
                NSGATE_TEXT("nsgate::store", "cannot prepare: more than one statement (use %1 for scripts)")
                    .with("exec()"),
                sql);
    }
    return statement;
}

std::int64_t Database::lastInsertRowId() const
{
    return m_db != nullptr ? sqlite3_last_insert_rowid(m_db) : 0;
}

std::int64_t Database::changes() const
{
    return m_db != nullptr ? sqlite3_changes64(m_db) : 0;
}

bool Database::inTransaction() const
{
    return m_db != nullptr && sqlite3_get_autocommit(m_db) == 0;
}

} // namespace nsgate::store
