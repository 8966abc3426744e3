#pragma once

// Scope-bound transaction: rolled back on scope exit unless commit() succeeded,
// so an early `return error;` in the middle of a batch leaves no half-written rows.

#include "core/model/Message.h"
#include "core/model/Result.h"

struct sqlite3;

namespace nsgate::store {

class Database;

// IMMEDIATE takes the write lock at BEGIN, so a writer waits (busy timeout) or
// fails up front instead of failing at its first write, or worse at COMMIT,
// after having done the work. DEFERRED suits read-only snapshots.
enum class TransactionMode { Deferred, Immediate, Exclusive };

class Transaction
{
public:
    // Fails if the connection is already inside a transaction: SQLite does not
    // nest BEGIN.
    static Result<Transaction> begin(Database& db, TransactionMode mode = TransactionMode::Immediate);

    // An inactive transaction; commit() and rollback() fail, the destructor does nothing.
    Transaction() = default;
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&& other) noexcept;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    // Rolls back if still active. Must run before the Database is destroyed.
    ~Transaction();

    bool isActive() const { return m_db != nullptr; }

    // On failure the transaction stays active if SQLite kept it open (e.g.
    // "store.busy": commit() may be retried), and the destructor rolls it back.
    Status<> commit();
    Status<> rollback();

private:
    explicit Transaction(sqlite3* db) : m_db(db) {}
    // `action` names the failure ("commit failed"); `inactive` is the whole
    // sentence for a transaction that already ended.
    Status<> finish(const char* sql, model::Message action, model::Message inactive);
    void rollbackQuietly();

    sqlite3* m_db = nullptr;
};

} // namespace nsgate::store
