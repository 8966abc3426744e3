#include "core/store/Database.h"
#include "core/store/Migrations.h"
#include "core/store/Statement.h"
#include "core/store/Transaction.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace nsgate;
using namespace nsgate::store;
using namespace std::string_view_literals;

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString describe(const Error& error)
{
    return qs(error.code) + QStringLiteral(": ") + qs(error.message) + QStringLiteral(" [") + qs(error.detail)
           + QStringLiteral("]");
}

std::vector<std::byte> bytes(std::initializer_list<int> values)
{
    std::vector<std::byte> out;
    for (int v : values)
        out.push_back(static_cast<std::byte>(v));
    return out;
}

} // namespace

// Fails the test with the store's own error text, which is what a user would see.
#define STORE_OK(expr)                                                                                         \
    do {                                                                                                       \
        const auto& storeResult_ = (expr);                                                                     \
        QVERIFY2(storeResult_.ok(), storeResult_.ok() ? "" : qPrintable(describe(storeResult_.error())));      \
    } while (false)

// Declares `var` from a Result, failing the test (with the error) if there is none.
#define STORE_TAKE(var, expr)                                                                                  \
    auto var##Result_ = (expr);                                                                                \
    QVERIFY2(var##Result_.ok(), var##Result_.ok() ? "" : qPrintable(describe(var##Result_.error())));          \
    auto var = std::move(*var##Result_)

class TestStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::string path(const QString& name) const { return m_dir.filePath(name).toStdString(); }

    // First column of the first row of `sql`, as an integer; -1 if there is no row.
    static std::int64_t scalar(Database& db, std::string_view sql)
    {
        auto statement = db.prepare(sql);
        if (!statement)
            return -1;
        auto row = statement->step();
        return row && *row ? statement->columnInt64(0) : -1;
    }

    static std::string text(Database& db, std::string_view sql)
    {
        auto statement = db.prepare(sql);
        if (!statement)
            return "<" + statement.error().message + ">";
        auto row = statement->step();
        return row && *row ? std::string(statement->columnText(0)) : std::string("<no row>");
    }

    static bool tableExists(Database& db, std::string_view name)
    {
        auto statement = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1");
        if (!statement)
            return false;
        statement->bind(1, name);
        auto row = statement->step();
        return row && *row && statement->columnInt64(0) == 1;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // --- Opening -----------------------------------------------------------------

    void openCreatesFileWithDefaults()
    {
        const std::string file = path(QStringLiteral("defaults.db"));
        STORE_TAKE(db, Database::open(file));
        QVERIFY(db.isOpen());
        QCOMPARE(qs(db.path()), qs(file));
        QVERIFY(QFile::exists(QString::fromStdString(file)));

        QCOMPARE(qs(text(db, "PRAGMA journal_mode")), QStringLiteral("wal"));
        QCOMPARE(scalar(db, "PRAGMA synchronous"), std::int64_t(1));   // NORMAL
        QCOMPARE(scalar(db, "PRAGMA foreign_keys"), std::int64_t(1));
        QCOMPARE(scalar(db, "PRAGMA busy_timeout"), std::int64_t(5000));
        QVERIFY(!db.inTransaction());
    }

    void openHonoursOptions()
    {
        OpenOptions options;
        options.wal = false;
        options.synchronous = Synchronous::Full;
        options.foreignKeys = false;
        options.busyTimeoutMs = 250;
        STORE_TAKE(db, Database::open(path(QStringLiteral("options.db")), options));

        QCOMPARE(qs(text(db, "PRAGMA journal_mode")), QStringLiteral("delete"));
        QCOMPARE(scalar(db, "PRAGMA synchronous"), std::int64_t(2));   // FULL
        QCOMPARE(scalar(db, "PRAGMA foreign_keys"), std::int64_t(0));
        QCOMPARE(scalar(db, "PRAGMA busy_timeout"), std::int64_t(250));
    }

    void openWithoutCreateFailsOnMissingFile()
    {
        const std::string file = path(QStringLiteral("missing/absent.db"));
        OpenOptions options;
        options.create = false;
        auto db = Database::open(file, options);
        QVERIFY(!db.ok());
        QCOMPARE(qs(db.error().code), QStringLiteral("store.cantopen"));
        QVERIFY2(db.error().message.find(file) != std::string::npos, qPrintable(describe(db.error())));
        QVERIFY2(db.error().message.find("unable to open database file") != std::string::npos,
                 qPrintable(describe(db.error())));
    }

    void openRejectsEmptyPath()
    {
        auto db = Database::open("");
        QVERIFY(!db.ok());
        QCOMPARE(qs(db.error().code), QStringLiteral("store.usage"));
    }

    void openRejectsFileThatIsNotADatabase()
    {
        const QString name = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile file(name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();

        auto db = Database::open(name.toStdString());
        QVERIFY(!db.ok());
        QCOMPARE(qs(db.error().code), QStringLiteral("store.corrupt"));
        QVERIFY2(db.error().message.find("notes.txt") != std::string::npos, qPrintable(describe(db.error())));
        QVERIFY2(db.error().message.find("not a database") != std::string::npos, qPrintable(describe(db.error())));
    }

    void openReadOnlyRefusesWrites()
    {
        const std::string file = path(QStringLiteral("readonly.db"));
        {
            STORE_TAKE(writer, Database::open(file));
            STORE_OK(writer.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1);"));
        }
        OpenOptions options;
        options.readOnly = true;
        STORE_TAKE(db, Database::open(file, options));
        QCOMPARE(scalar(db, "SELECT x FROM t"), std::int64_t(1));

        auto written = db.exec("INSERT INTO t VALUES (2)");
        QVERIFY(!written.ok());
        QCOMPARE(qs(written.error().code), QStringLiteral("store.readonly"));
        QCOMPARE(scalar(db, "SELECT count(*) FROM t"), std::int64_t(1));

        auto absent = Database::open(path(QStringLiteral("readonly-absent.db")), options);
        QVERIFY(!absent.ok());
    }

    void openInMemoryIsPrivate()
    {
        STORE_TAKE(first, Database::openInMemory());
        STORE_TAKE(second, Database::openInMemory());
        QCOMPARE(qs(first.path()), QStringLiteral(":memory:"));
        STORE_OK(first.exec("CREATE TABLE t(x); INSERT INTO t VALUES (7);"));
        QCOMPARE(scalar(first, "SELECT x FROM t"), std::int64_t(7));
        QVERIFY(!tableExists(second, "t"));
        QCOMPARE(qs(text(first, "PRAGMA journal_mode")), QStringLiteral("memory"));

        STORE_TAKE(viaPath, Database::open(":memory:"));
        QVERIFY(viaPath.isOpen());
    }

    // --- Binding and reading --------------------------------------------------------

    void bindAndReadEveryType()
    {
        STORE_TAKE(db, Database::openInMemory());
        // Untyped columns have no affinity, so every value is stored exactly as bound.
        STORE_OK(db.exec("CREATE TABLE v(id INTEGER PRIMARY KEY, value)"));
        STORE_TAKE(insert, db.prepare("INSERT INTO v(id, value) VALUES (?1, ?2)"));

        const std::string withNul("a\0b\0", 4);
        const auto blob = bytes({0x00, 0xff, 0x00, 0x10, 0x00});
        const std::vector<unsigned char> ucharBlob{0x01, 0x00, 0x02};
        const std::optional<std::int64_t> someInt = 99;
        const std::optional<std::string> noText;

        STORE_OK(insert.bindAll(1, std::numeric_limits<std::int64_t>::min()).execute());
        STORE_OK(insert.bindAll(2, std::numeric_limits<std::int64_t>::max()).execute());
        STORE_OK(insert.bindAll(3, -2.5e-300).execute());
        STORE_OK(insert.bindAll(4, "grüße ☃").execute());
        STORE_OK(insert.bindAll(5, withNul).execute());
        STORE_OK(insert.bindAll(6, ""sv).execute());
        STORE_OK(insert.bindAll(7, std::span<const std::byte>(blob)).execute());
        STORE_OK(insert.bindAll(8, std::span<const std::byte>()).execute());
        STORE_OK(insert.bindAll(9, nullptr).execute());
        STORE_OK(insert.bindAll(10, someInt).execute());
        STORE_OK(insert.bindAll(11, noText).execute());
        STORE_OK(insert.bindAll(12, true).execute());
        STORE_OK(insert.bindAll(13, std::uint64_t{1} << 62).execute());
        STORE_OK(insert.bindAll(14, std::span<const unsigned char>(ucharBlob)).execute());
        STORE_OK(insert.bindAll(15, std::string_view()).execute());   // null data pointer, still ''
        STORE_OK(insert.bindAll(16, 1.5f).execute());

        STORE_TAKE(select, db.prepare("SELECT value, typeof(value) FROM v WHERE id = ?1"));
        auto fetch = [&](int id) {
            select.reset();
            select.bind(1, id);
            auto row = select.step();
            return row.ok() && *row;
        };

        QVERIFY(fetch(1));
        QCOMPARE(select.columnType(0), ColumnType::Integer);
        QCOMPARE(select.columnInt64(0), std::numeric_limits<std::int64_t>::min());
        QVERIFY(fetch(2));
        QCOMPARE(select.columnInt64(0), std::numeric_limits<std::int64_t>::max());
        QVERIFY(fetch(3));
        QCOMPARE(select.columnType(0), ColumnType::Float);
        QCOMPARE(select.columnDouble(0), -2.5e-300);
        QVERIFY(fetch(4));
        QCOMPARE(select.columnType(0), ColumnType::Text);
        QCOMPARE(qs(select.columnText(0)), QStringLiteral("grüße ☃"));
        QVERIFY(fetch(5));
        QCOMPARE(select.columnText(0).size(), std::size_t(4));
        QVERIFY(select.columnText(0) == withNul);
        QVERIFY(fetch(6));
        QCOMPARE(select.columnType(0), ColumnType::Text);
        QVERIFY(!select.isNull(0));
        QVERIFY(select.columnText(0).empty());
        QVERIFY(fetch(7));
        QCOMPARE(select.columnType(0), ColumnType::Blob);
        const auto readBlob = select.columnBlob(0);
        QVERIFY(std::vector<std::byte>(readBlob.begin(), readBlob.end()) == blob);
        QVERIFY(fetch(8));
        QCOMPARE(select.columnType(0), ColumnType::Blob);
        QCOMPARE(qs(select.columnText(1)), QStringLiteral("blob"));
        QVERIFY(select.columnBlob(0).empty());
        QVERIFY(fetch(9));
        QVERIFY(select.isNull(0));
        QCOMPARE(select.columnType(0), ColumnType::Null);
        QVERIFY(select.columnText(0).empty());
        QVERIFY(select.columnBlob(0).empty());
        QCOMPARE(select.columnInt64(0), std::int64_t(0));
        QVERIFY(fetch(10));
        QCOMPARE(select.columnInt64(0), std::int64_t(99));
        QVERIFY(fetch(11));
        QVERIFY(select.isNull(0));
        QVERIFY(fetch(12));
        QCOMPARE(select.columnInt64(0), std::int64_t(1));
        QVERIFY(fetch(13));
        QCOMPARE(select.columnInt64(0), std::int64_t(1) << 62);
        QVERIFY(fetch(14));
        QCOMPARE(select.columnBlob(0).size(), std::size_t(3));
        QCOMPARE(select.columnBlob(0)[1], std::byte{0});
        QVERIFY(fetch(15));
        QCOMPARE(qs(select.columnText(1)), QStringLiteral("text"));
        QVERIFY(fetch(16));
        QCOMPARE(select.columnDouble(0), 1.5);
    }

    void bindNamedParametersAndNoCopy()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_OK(db.exec("CREATE TABLE t(name TEXT, data BLOB)"));
        STORE_TAKE(insert, db.prepare("INSERT INTO t(name, data) VALUES (:name, :data)"));
        QCOMPARE(insert.parameterCount(), 2);
        const int name = insert.parameterIndex(":name");
        const int data = insert.parameterIndex(":data");
        QCOMPARE(name, 1);
        QCOMPARE(data, 2);
        QCOMPARE(insert.parameterIndex(":absent"), 0);

        const std::string value = "library/alpine";
        const auto payload = bytes({1, 0, 2});
        insert.bindNoCopy(name, value).bindNoCopy(data, payload);
        STORE_OK(insert.execute());
        QCOMPARE(qs(text(db, "SELECT name FROM t")), QStringLiteral("library/alpine"));
        QCOMPARE(scalar(db, "SELECT length(data) FROM t"), std::int64_t(3));
    }

    void bindFailuresAreReportedByStep()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_TAKE(statement, db.prepare("SELECT ?1"));

        // Out of range: SQLite's text, the parameter and the SQL.
        statement.bind(5, 1);
        auto stepped = statement.step();
        QVERIFY(!stepped.ok());
        QCOMPARE(qs(stepped.error().code), QStringLiteral("store.misuse"));
        const std::string& message = stepped.error().message;
        QVERIFY2(message.find("parameter 5") != std::string::npos, message.c_str());
        QVERIFY2(message.find("out of range") != std::string::npos, message.c_str());
        QVERIFY2(message.find("SELECT ?1") != std::string::npos, message.c_str());
        // The failure sticks until reset(), even if later binds succeed.
        statement.bind(1, 2);
        QVERIFY(!statement.step().ok());
        statement.reset();
        statement.bind(1, 2);
        STORE_TAKE(row, statement.step());
        QVERIFY(row);
        QCOMPARE(statement.columnInt64(0), std::int64_t(2));

        // Binding mid-step is a misuse that names the cure.
        statement.bind(1, 3);
        auto midStep = statement.step();
        QVERIFY(!midStep.ok());
        QVERIFY2(midStep.error().message.find("reset()") != std::string::npos, midStep.error().message.c_str());
        statement.reset();

        statement.bind(1, std::numeric_limits<std::uint64_t>::max());
        auto overflow = statement.execute();
        QVERIFY(!overflow.ok());
        QCOMPARE(qs(overflow.error().code), QStringLiteral("store.usage"));
        QVERIFY2(overflow.error().message.find("64-bit") != std::string::npos, overflow.error().message.c_str());

        // execute() reset the statement, so the next row starts clean.
        STORE_OK(statement.bindAll(4).execute());

        auto mismatch = statement.bindAll(1, 2).step();
        QVERIFY(!mismatch.ok());
        QVERIFY2(mismatch.error().message.find("2 values") != std::string::npos, mismatch.error().message.c_str());
        QVERIFY2(mismatch.error().message.find("1 parameters") != std::string::npos,
                 mismatch.error().message.c_str());
    }

    void stepResetAndReuse()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_OK(db.exec("CREATE TABLE t(n INTEGER, label TEXT)"));
        STORE_TAKE(insert, db.preparePersistent("INSERT INTO t(n, label) VALUES (?1, ?2)"));
        {
            STORE_TAKE(transaction, Transaction::begin(db));
            std::string label;
            for (int n = 0; n < 1000; ++n) {
                label = "row-" + std::to_string(n);
                STORE_OK(insert.bindAll(n, label).execute());
            }
            STORE_OK(transaction.commit());
        }
        QCOMPARE(scalar(db, "SELECT count(*) FROM t"), std::int64_t(1000));

        STORE_TAKE(select, db.prepare("SELECT n, label FROM t WHERE n >= ?1 ORDER BY n LIMIT 3"));
        QCOMPARE(select.columnCount(), 2);
        QCOMPARE(qs(select.columnName(1)), QStringLiteral("label"));
        QVERIFY(select.columnName(2).empty());
        for (int start : {10, 500, 998}) {
            select.reset();
            select.bind(1, start);
            std::vector<std::int64_t> seen;
            for (;;) {
                STORE_TAKE(row, select.step());
                if (!row)
                    break;
                seen.push_back(select.columnInt64(0));
                QCOMPARE(qs(select.columnText(1)), QStringLiteral("row-%1").arg(seen.back()));
            }
            QCOMPARE(seen.front(), std::int64_t(start));
            QCOMPARE(seen.size(), std::size_t(start == 998 ? 2 : 3));
            // No current row any more: accessors are defined and empty.
            QCOMPARE(select.columnInt64(0), std::int64_t(0));
            QVERIFY(select.columnText(1).empty());
        }

        // reset() also clears bindings: an unbound parameter is NULL.
        STORE_TAKE(probe, db.prepare("SELECT ?1 IS NULL"));
        probe.bind(1, 5);
        STORE_TAKE(first, probe.step());
        QVERIFY(first);
        QCOMPARE(probe.columnInt64(0), std::int64_t(0));
        probe.reset();
        STORE_TAKE(second, probe.step());
        QVERIFY(second);
        QCOMPARE(probe.columnInt64(0), std::int64_t(1));
    }

    void columnAccessorsWithoutRowAreSafe()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_TAKE(statement, db.prepare("SELECT 1, 'x'"));
        QCOMPARE(statement.columnInt64(0), std::int64_t(0));   // before the first step
        QVERIFY(statement.columnText(1).empty());
        STORE_TAKE(row, statement.step());
        QVERIFY(row);
        QCOMPARE(statement.columnInt64(0), std::int64_t(1));
        QCOMPARE(statement.columnInt64(-1), std::int64_t(0));
        QCOMPARE(statement.columnInt64(7), std::int64_t(0));
        QVERIFY(statement.isNull(7));
        QVERIFY(statement.columnBlob(7).empty());
    }

    void lastInsertRowIdAndChanges()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_OK(db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, x)"));
        STORE_OK(db.exec("INSERT INTO t(id, x) VALUES (41, 'a'), (42, 'b'), (43, 'c')"));
        QCOMPARE(db.lastInsertRowId(), std::int64_t(43));
        QCOMPARE(db.changes(), std::int64_t(3));
        STORE_OK(db.exec("UPDATE t SET x = 'z' WHERE id > 41"));
        QCOMPARE(db.changes(), std::int64_t(2));
    }

    // --- SQL errors --------------------------------------------------------------

    void syntaxErrorNamesSqlAndSqliteText()
    {
        STORE_TAKE(db, Database::openInMemory());
        auto statement = db.prepare("SELEC 1 FROM nowhere");
        QVERIFY(!statement.ok());
        const Error& error = statement.error();
        QCOMPARE(qs(error.code), QStringLiteral("store.sql_error"));
        QVERIFY2(error.message.find("SELEC 1 FROM nowhere") != std::string::npos, qPrintable(describe(error)));
        QVERIFY2(error.message.find("near \"SELEC\": syntax error") != std::string::npos, qPrintable(describe(error)));
        QVERIFY2(error.detail.find("sqlite result code 1") != std::string::npos, qPrintable(describe(error)));

        auto missing = db.prepare("SELECT * FROM nowhere");
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.find("no such table: nowhere") != std::string::npos,
                 qPrintable(describe(missing.error())));
    }

    void execScriptStopsAtFailingStatement()
    {
        STORE_TAKE(db, Database::openInMemory());
        auto result = db.exec("CREATE TABLE a(x);\n"
                              "INSERT INTO a VALUES (1);\n"
                              "INSERT INTO nope VALUES (2);\n"
                              "CREATE TABLE b(y);\n");
        QVERIFY(!result.ok());
        const Error& error = result.error();
        QVERIFY2(error.message.find("INSERT INTO nope") != std::string::npos, qPrintable(describe(error)));
        QVERIFY2(error.message.find("no such table: nope") != std::string::npos, qPrintable(describe(error)));
        QCOMPARE(scalar(db, "SELECT count(*) FROM a"), std::int64_t(1));
        QVERIFY(!tableExists(db, "b"));

        STORE_OK(db.exec(""));
        STORE_OK(db.exec("  -- only a comment\n"));
    }

    void prepareTakesExactlyOneStatement()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_OK(db.prepare("SELECT 1;"));
        STORE_OK(db.prepare("SELECT 1; -- trailing comment\n ;  "));

        auto two = db.prepare("SELECT 1; SELECT 2");
        QVERIFY(!two.ok());
        QCOMPARE(qs(two.error().code), QStringLiteral("store.usage"));
        QVERIFY2(two.error().message.find("exec()") != std::string::npos, qPrintable(describe(two.error())));

        QVERIFY(!db.prepare("").ok());
        QVERIFY(!db.prepare("  ;  ").ok());
        QVERIFY(!db.prepare("-- nothing").ok());
    }

    void constraintViolationIsAnError_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unique") << "INSERT INTO child(id, parent, name) VALUES (1, 1, 'dup')"
                                << "UNIQUE constraint failed: child.id";
        QTest::newRow("not null") << "INSERT INTO child(id, parent, name) VALUES (2, 1, NULL)"
                                  << "NOT NULL constraint failed: child.name";
        QTest::newRow("check") << "INSERT INTO child(id, parent, name) VALUES (3, 1, '')"
                               << "CHECK constraint failed";
        QTest::newRow("foreign key") << "INSERT INTO child(id, parent, name) VALUES (4, 99, 'orphan')"
                                     << "FOREIGN KEY constraint failed";
    }

    void constraintViolationIsAnError()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        STORE_TAKE(db, Database::openInMemory());
        STORE_OK(db.exec("CREATE TABLE parent(id INTEGER PRIMARY KEY);"
                         "CREATE TABLE child(id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES parent(id),"
                         "                   name TEXT NOT NULL CHECK (length(name) > 0));"
                         "INSERT INTO parent VALUES (1);"
                         "INSERT INTO child VALUES (1, 1, 'first');"));

        STORE_TAKE(statement, db.prepare(sql.toStdString()));
        auto stepped = statement.step();
        QVERIFY(!stepped.ok());
        QCOMPARE(qs(stepped.error().code), QStringLiteral("store.constraint"));
        QVERIFY2(stepped.error().message.find(expected.toStdString()) != std::string::npos,
                 qPrintable(describe(stepped.error())));
        QVERIFY2(stepped.error().message.find(sql.toStdString()) != std::string::npos,
                 qPrintable(describe(stepped.error())));
        QCOMPARE(scalar(db, "SELECT count(*) FROM child"), std::int64_t(1));

        // The statement and the connection stay usable.
        auto again = statement.step();
        QVERIFY(!again.ok());
        QCOMPARE(qs(again.error().code), QStringLiteral("store.constraint"));
        STORE_OK(db.exec("INSERT INTO child VALUES (5, 1, 'fine')"));
        QCOMPARE(scalar(db, "SELECT count(*) FROM child"), std::int64_t(2));
    }

    // --- Transactions ------------------------------------------------------------

    void transactionCommitIsVisibleToOthers()
    {
        const std::string file = path(QStringLiteral("commit.db"));
        STORE_TAKE(db, Database::open(file));
        STORE_TAKE(reader, Database::open(file));
        STORE_OK(db.exec("CREATE TABLE t(x)"));

        STORE_TAKE(transaction, Transaction::begin(db));
        QVERIFY(transaction.isActive());
        QVERIFY(db.inTransaction());
        STORE_OK(db.exec("INSERT INTO t VALUES (1), (2)"));
        // WAL: the reader is not blocked and sees the last committed state.
        QCOMPARE(scalar(reader, "SELECT count(*) FROM t"), std::int64_t(0));
        STORE_OK(transaction.commit());
        QVERIFY(!transaction.isActive());
        QVERIFY(!db.inTransaction());
        QCOMPARE(scalar(reader, "SELECT count(*) FROM t"), std::int64_t(2));

        auto twice = transaction.commit();
        QVERIFY(!twice.ok());
        QCOMPARE(qs(twice.error().code), QStringLiteral("store.usage"));
    }

    void transactionRollsBackOnScopeExit()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_OK(db.exec("CREATE TABLE t(x)"));
        {
            STORE_TAKE(transaction, Transaction::begin(db));
            STORE_OK(db.exec("INSERT INTO t VALUES (1)"));
            QCOMPARE(scalar(db, "SELECT count(*) FROM t"), std::int64_t(1));
        }
        QVERIFY(!db.inTransaction());
        QCOMPARE(scalar(db, "SELECT count(*) FROM t"), std::int64_t(0));

        STORE_TAKE(explicitRollback, Transaction::begin(db, TransactionMode::Deferred));
        STORE_OK(db.exec("INSERT INTO t VALUES (2)"));
        STORE_OK(explicitRollback.rollback());
        QVERIFY(!explicitRollback.isActive());
        QCOMPARE(scalar(db, "SELECT count(*) FROM t"), std::int64_t(0));
    }

    void transactionsDoNotNest()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_TAKE(outer, Transaction::begin(db));
        auto inner = Transaction::begin(db);
        QVERIFY(!inner.ok());
        QVERIFY2(inner.error().message.find("within a transaction") != std::string::npos,
                 qPrintable(describe(inner.error())));
        QVERIFY(outer.isActive());
        STORE_OK(outer.commit());
    }

    void transactionMoveTransfersOwnership()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_OK(db.exec("CREATE TABLE t(x)"));
        STORE_TAKE(first, Transaction::begin(db));
        STORE_OK(db.exec("INSERT INTO t VALUES (1)"));
        Transaction second = std::move(first);
        QVERIFY(!first.isActive());   // NOLINT(bugprone-use-after-move): checking the moved-from state
        QVERIFY(second.isActive());
        QVERIFY(!first.commit().ok());
        STORE_OK(second.commit());
        QCOMPARE(scalar(db, "SELECT count(*) FROM t"), std::int64_t(1));

        // Move-assigning over an active transaction rolls that one back first.
        STORE_TAKE(third, Transaction::begin(db));
        STORE_OK(db.exec("INSERT INTO t VALUES (2)"));
        third = Transaction();
        QVERIFY(!db.inTransaction());
        QCOMPARE(scalar(db, "SELECT count(*) FROM t"), std::int64_t(1));
    }

    void immediateTransactionReportsBusy()
    {
        const std::string file = path(QStringLiteral("busy.db"));
        STORE_TAKE(holder, Database::open(file));
        OpenOptions impatient;
        impatient.busyTimeoutMs = 50;
        STORE_TAKE(other, Database::open(file, impatient));
        STORE_OK(holder.exec("CREATE TABLE t(x)"));

        STORE_TAKE(holding, Transaction::begin(holder));
        auto blocked = Transaction::begin(other);
        QVERIFY(!blocked.ok());
        QCOMPARE(qs(blocked.error().code), QStringLiteral("store.busy"));
        QVERIFY2(blocked.error().message.find("locked") != std::string::npos, qPrintable(describe(blocked.error())));
        QVERIFY(!other.inTransaction());

        STORE_OK(holding.commit());
        STORE_TAKE(now, Transaction::begin(other));
        STORE_OK(now.commit());
    }

    // --- Migrations --------------------------------------------------------------

    static std::vector<Migration> schema()
    {
        return {
            {1, "events table", "CREATE TABLE events(seq INTEGER PRIMARY KEY, ns TEXT NOT NULL);"},
            {2, "cache index", "CREATE TABLE blobs(digest TEXT PRIMARY KEY, size INTEGER NOT NULL);"},
            {3, "events by namespace", "CREATE INDEX events_ns ON events(ns);"},
            {5, "blob access time", "ALTER TABLE blobs ADD COLUMN last_access INTEGER;\n"
                                    "CREATE INDEX blobs_last_access ON blobs(last_access);"},
        };
    }

    void migrateFromZero()
    {
        STORE_TAKE(db, Database::open(path(QStringLiteral("migrate.db"))));
        STORE_TAKE(before, schemaVersion(db));
        QCOMPARE(before, 0);

        const auto migrations = schema();
        STORE_TAKE(report, migrate(db, migrations));
        QCOMPARE(report.fromVersion, 0);
        QCOMPARE(report.toVersion, 5);
        QCOMPARE(report.applied, 4);
        STORE_TAKE(after, schemaVersion(db));
        QCOMPARE(after, 5);
        QVERIFY(tableExists(db, "events"));
        QVERIFY(tableExists(db, "blobs"));
        STORE_OK(db.exec("INSERT INTO blobs(digest, size, last_access) VALUES ('sha256:00', 1, 2)"));
        QVERIFY(!db.inTransaction());
    }

    void migrateAgainIsNoOp()
    {
        const std::string file = path(QStringLiteral("rerun.db"));
        const auto migrations = schema();
        {
            STORE_TAKE(db, Database::open(file));
            STORE_TAKE(partial, migrate(db, std::span(migrations).first(2)));
            QCOMPARE(partial, (MigrationReport{0, 2, 2}));
        }
        STORE_TAKE(db, Database::open(file));
        STORE_TAKE(rest, migrate(db, migrations));
        QCOMPARE(rest, (MigrationReport{2, 5, 2}));
        STORE_TAKE(again, migrate(db, migrations));
        QCOMPARE(again, (MigrationReport{5, 5, 0}));
        STORE_TAKE(version, schemaVersion(db));
        QCOMPARE(version, 5);
    }

    void migrateFailureRollsBackOnlyThatMigration()
    {
        STORE_TAKE(db, Database::open(path(QStringLiteral("broken.db"))));
        std::vector<Migration> migrations = schema();
        migrations[2] = {3, "half broken", "CREATE TABLE half(x);\nINSERT INTO missing VALUES (1);"};

        auto failed = migrate(db, migrations);
        QVERIFY(!failed.ok());
        const Error& error = failed.error();
        QCOMPARE(qs(error.code), QStringLiteral("store.migration.failed"));
        QVERIFY2(error.message.find("migration 3 (half broken)") != std::string::npos, qPrintable(describe(error)));
        QVERIFY2(error.message.find("no such table: missing") != std::string::npos, qPrintable(describe(error)));
        QVERIFY2(error.message.find("INSERT INTO missing") != std::string::npos, qPrintable(describe(error)));
        QVERIFY2(error.detail.find("store.sql_error") != std::string::npos, qPrintable(describe(error)));

        STORE_TAKE(version, schemaVersion(db));
        QCOMPARE(version, 2);
        QVERIFY(tableExists(db, "events"));
        QVERIFY(tableExists(db, "blobs"));
        QVERIFY(!tableExists(db, "half"));
        QVERIFY(!db.inTransaction());

        // Fixed in the next release: picks up where it stopped.
        STORE_TAKE(report, migrate(db, schema()));
        QCOMPARE(report, (MigrationReport{2, 5, 2}));
    }

    void migrationMustNotEndTheTransaction()
    {
        STORE_TAKE(db, Database::openInMemory());
        const std::array<Migration, 1> migrations{{{1, "sneaky", "CREATE TABLE t(x); COMMIT;"}}};
        auto failed = migrate(db, migrations);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.find("migration 1") != std::string::npos,
                 qPrintable(describe(failed.error())));
        STORE_TAKE(version, schemaVersion(db));
        QCOMPARE(version, 0);
    }

    void migrateRefusesDowngrade()
    {
        STORE_TAKE(db, Database::open(path(QStringLiteral("newer.db"))));
        STORE_OK(db.exec("PRAGMA user_version = 9"));
        const auto migrations = schema();
        auto refused = migrate(db, migrations);
        QVERIFY(!refused.ok());
        QCOMPARE(qs(refused.error().code), QStringLiteral("store.migration.downgrade"));
        QVERIFY2(refused.error().message.find("version 9") != std::string::npos,
                 qPrintable(describe(refused.error())));
        QVERIFY2(refused.error().message.find("5") != std::string::npos, qPrintable(describe(refused.error())));
        STORE_TAKE(version, schemaVersion(db));
        QCOMPARE(version, 9);
        QVERIFY(!tableExists(db, "events"));

        auto noneKnown = migrate(db, std::span<const Migration>());
        QVERIFY(!noneKnown.ok());
        QCOMPARE(qs(noneKnown.error().code), QStringLiteral("store.migration.downgrade"));
    }

    void migrateRefusesUnknownVersion()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_OK(db.exec("PRAGMA user_version = 4"));   // between 3 and 5: never a released schema
        auto refused = migrate(db, schema());
        QVERIFY(!refused.ok());
        QCOMPARE(qs(refused.error().code), QStringLiteral("store.migration.unknown_version"));
        QVERIFY2(refused.error().message.find("version 4") != std::string::npos,
                 qPrintable(describe(refused.error())));
    }

    void migrateRejectsBadLists_data()
    {
        QTest::addColumn<QList<int>>("versions");
        QTest::addColumn<QString>("expected");
        QTest::newRow("repeated") << QList<int>{1, 2, 2} << "migration 2 follows version 2";
        QTest::newRow("decreasing") << QList<int>{1, 3, 2} << "migration 2 follows version 3";
        QTest::newRow("zero") << QList<int>{0, 1} << "version 0";
        QTest::newRow("negative") << QList<int>{-1} << "version -1";
    }

    void migrateRejectsBadLists()
    {
        QFETCH(QList<int>, versions);
        QFETCH(QString, expected);
        std::vector<Migration> migrations;
        for (int version : versions)
            migrations.push_back({version, "", "CREATE TABLE t(x)"});

        STORE_TAKE(db, Database::openInMemory());
        auto rejected = migrate(db, migrations);
        QVERIFY(!rejected.ok());
        QCOMPARE(qs(rejected.error().code), QStringLiteral("store.migration.invalid"));
        QVERIFY2(rejected.error().message.find(expected.toStdString()) != std::string::npos,
                 qPrintable(describe(rejected.error())));
        QVERIFY(!tableExists(db, "t"));
        QVERIFY(!checkMigrations(migrations).ok());
    }

    // --- Lifetimes ---------------------------------------------------------------

    void movedFromObjectsAreSafe()
    {
        STORE_TAKE(db, Database::openInMemory());
        STORE_OK(db.exec("CREATE TABLE t(x)"));
        STORE_TAKE(statement, db.prepare("INSERT INTO t VALUES (?1)"));

        Statement movedStatement = std::move(statement);
        QVERIFY(movedStatement.isValid());
        // NOLINTBEGIN(bugprone-use-after-move): the moved-from state is what is tested
        QVERIFY(!statement.isValid());
        QVERIFY(statement.sql().empty());
        QCOMPARE(statement.parameterCount(), 0);
        statement.bind(1, 1).bind(2, "x"sv).bind(3, nullptr);
        auto stepped = statement.step();
        QVERIFY(!stepped.ok());
        QCOMPARE(qs(stepped.error().code), QStringLiteral("store.usage"));
        QVERIFY(!statement.execute().ok());
        statement.reset();
        QCOMPARE(statement.columnCount(), 0);
        QCOMPARE(statement.columnInt64(0), std::int64_t(0));
        QVERIFY(statement.columnText(0).empty());
        QVERIFY(statement.isNull(0));

        Database movedDb = std::move(db);
        QVERIFY(movedDb.isOpen());
        QVERIFY(!db.isOpen());
        QVERIFY(db.handle() == nullptr);
        auto exec = db.exec("SELECT 1");
        QVERIFY(!exec.ok());
        QCOMPARE(qs(exec.error().code), QStringLiteral("store.usage"));
        QVERIFY(!db.prepare("SELECT 1").ok());
        QCOMPARE(db.lastInsertRowId(), std::int64_t(0));
        QCOMPARE(db.changes(), std::int64_t(0));
        QVERIFY(!db.inTransaction());
        QVERIFY(!Transaction::begin(db).ok());
        QVERIFY(!schemaVersion(db).ok());
        QVERIFY(!migrate(db, schema()).ok());
        // NOLINTEND(bugprone-use-after-move)

        // The statement does not care which Database object owns the connection now.
        STORE_OK(movedStatement.bindAll(42).execute());
        QCOMPARE(scalar(movedDb, "SELECT x FROM t"), std::int64_t(42));

        // Default-constructed objects behave like moved-from ones.
        Statement empty;
        QVERIFY(!empty.step().ok());
        Database closed;
        QVERIFY(!closed.exec("SELECT 1").ok());
        Transaction inactive;
        QVERIFY(!inactive.rollback().ok());

        // Move-assignment closes what was there before.
        STORE_TAKE(replacement, Database::openInMemory());
        movedDb = std::move(replacement);
        QVERIFY(movedDb.isOpen());
        QVERIFY(!tableExists(movedDb, "t"));
    }

    void statementMayOutliveDatabase()
    {
        Statement survivor;
        {
            STORE_TAKE(db, Database::open(path(QStringLiteral("outlive.db"))));
            STORE_OK(db.exec("CREATE TABLE t(x)"));
            STORE_TAKE(statement, db.prepare("SELECT x FROM t"));
            survivor = std::move(statement);
        }
        // The connection is a zombie now, kept only for this statement; destroying
        // it must free the connection without touching freed memory (ASan run).
        QVERIFY(survivor.isValid());
        survivor = Statement();
        QVERIFY(!survivor.isValid());
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
