#include "core/store/Migrations.h"

#include "core/store/Database.h"
#include "core/store/Transaction.h"

#include <algorithm>
#include <string>

namespace nsgate::store {

namespace {

// The description is the schema's own wording and stays a value.
model::Message describe(const Migration& migration)
{
    if (migration.description.empty())
        return NSGATE_TEXT("nsgate::store", "migration %1").with(migration.version);
    return NSGATE_TEXT("nsgate::store", "migration %1 (%2)").with(migration.version, migration.description);
}

Error migrationError(const Migration& migration, const Error& cause)
{
    return makeError("store.migration.failed",
                     NSGATE_TEXT("nsgate::store", "%1 failed: %2").with(describe(migration), errorText(cause)),
                     cause.code + (cause.detail.empty() ? std::string() : "; " + cause.detail));
}

// Applies one migration unless another connection got there first.
Result<bool> applyOne(Database& db, const Migration& migration)
{
    auto transaction = Transaction::begin(db, TransactionMode::Immediate);
    if (!transaction)
        return transaction.error();
    auto current = schemaVersion(db);
    if (!current)
        return current.error();
    if (*current >= migration.version)
        return false;   // the transaction rolls back; nothing was written
    if (auto applied = db.exec(migration.sql); !applied)
        return applied.error();
    // A COMMIT or ROLLBACK inside the script would leave the version bump outside
    // any transaction and the script's effects half-applied; say so instead.
    if (!db.inTransaction())
        return makeError("store.migration.transaction_ended",
                         NSGATE_TEXT("nsgate::store", "the migration's SQL ended the transaction it runs in"));
    // PRAGMA takes no bound parameters; the version is an int we formatted ourselves.
    if (auto bumped = db.exec("PRAGMA user_version = " + std::to_string(migration.version)); !bumped)
        return bumped.error();
    if (auto committed = transaction->commit(); !committed)
        return committed.error();
    return true;
}

} // namespace

Status<> checkMigrations(std::span<const Migration> migrations)
{
    int previous = 0;
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        const Migration& migration = migrations[i];
        if (migration.version <= 0) {
            return makeError("store.migration.invalid",
                             NSGATE_TEXT("nsgate::store", "migration #%1 has version %2; versions start at 1")
                                 .with(i, migration.version));
        }
        if (migration.version <= previous) {
            return makeError("store.migration.invalid",
                             NSGATE_TEXT("nsgate::store", "%1 follows version %2; versions must be strictly increasing")
                                 .with(describe(migration), previous));
        }
        previous = migration.version;
    }
    return {};
}

Result<int> schemaVersion(Database& db)
{
    auto statement = db.prepare("PRAGMA user_version");
    if (!statement)
        return statement.error();
    auto row = statement->step();
    if (!row)
        return row.error();
    // user_version is a 32-bit signed header field, so the narrowing is exact.
    return *row ? static_cast<int>(statement->columnInt64(0)) : 0;
}

Result<MigrationReport> migrate(Database& db, std::span<const Migration> migrations)
{
    if (auto valid = checkMigrations(migrations); !valid)
        return valid.error();
    auto start = schemaVersion(db);
    if (!start)
        return start.error();

    MigrationReport report;
    report.fromVersion = *start;
    report.toVersion = *start;
    const int newest = migrations.empty() ? 0 : migrations.back().version;

    if (*start > newest) {
        return makeError("store.migration.downgrade",
                         NSGATE_TEXT("nsgate::store", "database schema version %1 is newer than this program supports "
                                                      "(newest known migration: %2); refusing to use it")
                             .with(*start, newest),
                         db.path());
    }
    // A version missing from the list means the schema came from a different
    // history (a renumbered or removed migration); applying later steps on top of
    // an unknown shape would corrupt it quietly.
    const bool known = *start == 0 || std::any_of(migrations.begin(), migrations.end(), [&](const Migration& m) {
                           return m.version == *start;
                       });
    if (!known) {
        return makeError("store.migration.unknown_version",
                         NSGATE_TEXT("nsgate::store",
                                     "database schema version %1 matches no known migration; refusing to migrate it")
                             .with(*start),
                         db.path());
    }

    for (const Migration& migration : migrations) {
        if (migration.version <= report.toVersion)
            continue;
        auto applied = applyOne(db, migration);
        if (!applied)
            return migrationError(migration, applied.error());
        if (*applied)
            ++report.applied;
        report.toVersion = migration.version;
    }
    return report;
}

} // namespace nsgate::store
