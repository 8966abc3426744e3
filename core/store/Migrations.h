#pragma once

// Schema migrations tracked in PRAGMA user_version. A database at version N has
// had every migration up to and including N applied. Migrations are program
// constants: append new ones, never edit or renumber released ones.

#include "core/model/Result.h"

#include <span>
#include <string_view>

namespace nsgate::store {

class Database;

struct Migration
{
    // Positive and strictly increasing through the list; gaps are allowed.
    int version = 0;
    // Short human text for error messages ("event log: index by namespace").
    std::string_view description;
    // A script for Database::exec(). It runs inside a transaction the migrator
    // owns, so it must not BEGIN/COMMIT itself, and statements SQLite ignores in
    // a transaction (PRAGMA foreign_keys, journal_mode, VACUUM) do not belong here.
    std::string_view sql;
};

struct MigrationReport
{
    int fromVersion = 0;
    int toVersion = 0;
    int applied = 0;

    friend bool operator==(const MigrationReport&, const MigrationReport&) = default;
};

// Versions must be positive and strictly increasing.
Status<> checkMigrations(std::span<const Migration> migrations);

// PRAGMA user_version: 0 for a new database.
Result<int> schemaVersion(Database& db);

// Brings `db` up to the newest migration. Each pending migration runs in its own
// IMMEDIATE transaction together with the user_version bump, so a failure rolls
// back only that migration (earlier ones stay applied) and names its version;
// the version is re-read inside each transaction, so two processes migrating the
// same file apply each step once. Refuses a database newer than the newest
// migration (written by a newer program) and one whose version is not in the list.
Result<MigrationReport> migrate(Database& db, std::span<const Migration> migrations);

} // namespace nsgate::store
