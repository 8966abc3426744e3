#include "core/store/Transaction.h"

#include "core/store/Database.h"
#include "core/store/SqliteError.h"

#include <sqlite3.h>

#include <utility>

namespace nsgate::store {

namespace {

const char* beginSql(TransactionMode mode)
{
    switch (mode) {
    case TransactionMode::Deferred:
        return "BEGIN DEFERRED";
    case TransactionMode::Immediate:
        return "BEGIN IMMEDIATE";
    case TransactionMode::Exclusive:
        return "BEGIN EXCLUSIVE";
    }
    return "BEGIN IMMEDIATE";
}

} // namespace

Result<Transaction> Transaction::begin(Database& db, TransactionMode mode)
{
    sqlite3* handle = db.handle();
    if (handle == nullptr)
        return detail::usageError(NSGATE_TEXT("nsgate::store", "cannot begin a transaction: the database is closed"));
    const char* sql = beginSql(mode);
    // sqlite3_exec with fixed SQL: nothing to bind, and no error string is
    // requested, so it allocates nothing beyond the statement itself.
    if (const int rc = sqlite3_exec(handle, sql, nullptr, nullptr, nullptr); rc != SQLITE_OK)
        return detail::sqliteError(handle, rc, NSGATE_TEXT("nsgate::store", "cannot begin a transaction"), sql);
    return Transaction(handle);
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Transaction& Transaction::operator=(Transaction&& other) noexcept
{
    if (this != &other) {
        rollbackQuietly();
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

Transaction::~Transaction()
{
    rollbackQuietly();
}

Status<> Transaction::commit()
{
    return finish("COMMIT", NSGATE_TEXT("nsgate::store", "commit failed"),
                  NSGATE_TEXT("nsgate::store", "commit failed: the transaction is not active"));
}

Status<> Transaction::rollback()
{
    return finish("ROLLBACK", NSGATE_TEXT("nsgate::store", "rollback failed"),
                  NSGATE_TEXT("nsgate::store", "rollback failed: the transaction is not active"));
}

Status<> Transaction::finish(const char* sql, model::Message action, model::Message inactive)
{
    if (m_db == nullptr)
        return detail::usageError(std::move(inactive));
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) {
        m_db = nullptr;
        return {};
    }
    Error error = detail::sqliteError(m_db, rc, std::move(action), sql);
    // Some failures (I/O, disk full) make SQLite roll back by itself; then there
    // is nothing left for the destructor to undo.
    if (sqlite3_get_autocommit(m_db) != 0)
        m_db = nullptr;
    return error;
}

void Transaction::rollbackQuietly()
{
    if (m_db == nullptr)
        return;
    // Nobody can act on a failure here; if SQLite already ended the transaction
    // (autocommit again), ROLLBACK would only record a spurious error.
    if (sqlite3_get_autocommit(m_db) == 0)
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    m_db = nullptr;
}

} // namespace nsgate::store
