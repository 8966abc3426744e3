#pragma once

// One SQLite connection through the C API. It is opened without SQLite's
// per-connection mutex, which every call on the hot path would otherwise pay
// for: use a Database (and its statements) from one thread at a time, and give
// each thread that needs the store its own connection.

#include "core/model/Result.h"
#include "core/store/Statement.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

struct sqlite3;

namespace nsgate::store {

// PRAGMA synchronous. NORMAL is durable against application crashes in WAL mode
// and loses at most the last transactions on power failure, which suits a cache
// index and an event log; FULL fsyncs every commit.
enum class Synchronous { Off, Normal, Full, Extra };

struct OpenOptions
{
    bool readOnly = false;
    // Create the file if missing. Ignored when readOnly.
    bool create = true;
    // Write-ahead log: readers do not block the writer. Ignored for read-only and
    // in-memory databases. Opening fails if the file system cannot do WAL rather
    // than silently running in rollback-journal mode.
    bool wal = true;
    // How long a statement waits for another connection's lock before failing
    // with "store.busy".
    int busyTimeoutMs = 5000;
    Synchronous synchronous = Synchronous::Normal;
    // SQLite leaves foreign keys off unless asked, per connection.
    bool foreignKeys = true;
};

class Database
{
public:
    // `path` is a UTF-8 file name, taken literally (no "file:" URIs).
    static Result<Database> open(std::string_view path, const OpenOptions& options = {});
    // A private database that lives as long as the connection; for tests and
    // scratch work. `options.readOnly` and `options.wal` do not apply.
    static Result<Database> openInMemory(const OpenOptions& options = {});

    // A closed connection: every call fails or returns a default, nothing crashes.
    Database() = default;
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    // Closes the connection. Statements still alive keep it open until they are
    // destroyed (sqlite3_close_v2), so destruction order does not matter for them;
    // a Transaction, though, must not outlive its Database.
    ~Database();

    bool isOpen() const { return m_db != nullptr; }
    // As passed to open(); ":memory:" for in-memory databases.
    const std::string& path() const { return m_path; }

    // Runs a script of zero or more statements, discarding result rows. A failure
    // names the statement that failed; statements before it stay executed.
    Status<> exec(std::string_view sql);

    // Compiles exactly one statement (trailing whitespace, semicolons and comments
    // are fine; a second statement is an error: use exec() for scripts).
    Result<Statement> prepare(std::string_view sql);
    // The same, telling SQLite the statement will be kept and reused many times
    // (SQLITE_PREPARE_PERSISTENT), as the hot-path statements are.
    Result<Statement> preparePersistent(std::string_view sql);

    // Rowid of the latest successful INSERT on this connection.
    std::int64_t lastInsertRowId() const;
    // Rows changed by the latest INSERT, UPDATE or DELETE on this connection.
    std::int64_t changes() const;
    // True inside BEGIN ... COMMIT (the connection is not in autocommit mode).
    bool inTransaction() const;

    // For the few SQLite calls this layer does not wrap; the handle stays owned here.
    sqlite3* handle() const { return m_db; }

private:
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    static Result<Database> openWith(std::string path, int flags, const OpenOptions& options, bool inMemory);
    Status<> configure(const OpenOptions& options, bool inMemory);
    Result<Statement> prepareWith(std::string_view sql, unsigned int flags);
    void close();

    sqlite3* m_db = nullptr;
    std::string m_path;
};

} // namespace nsgate::store
