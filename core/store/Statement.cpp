#include "core/store/Statement.h"

#include "core/store/SqliteError.h"

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <utility>

namespace nsgate::store {

namespace {

// SQLITE_TRANSIENT is defined as `((sqlite3_destructor_type)-1)`, an old-style
// cast the project's warnings reject; this is the same sentinel, spelled once.
sqlite3_destructor_type transient()
{
    return reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
}

// SQLite binds NULL when handed a null pointer, but an empty std::string_view or
// span may well have one. Pointing at a real (unread) byte keeps '' and x'' apart
// from NULL.
constexpr char kEmpty[1] = {};

const char* textData(std::string_view text)
{
    return text.data() != nullptr ? text.data() : kEmpty;
}

const void* blobData(const void* data)
{
    return data != nullptr ? data : kEmpty;
}

} // namespace

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_bindProblem(std::exchange(other.m_bindProblem, BindProblem::None)),
      m_bindIndex(std::exchange(other.m_bindIndex, 0)),
      m_bindResultCode(std::exchange(other.m_bindResultCode, 0))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_bindProblem = std::exchange(other.m_bindProblem, BindProblem::None);
        m_bindIndex = std::exchange(other.m_bindIndex, 0);
        m_bindResultCode = std::exchange(other.m_bindResultCode, 0);
    }
    return *this;
}

Statement::~Statement()
{
    // The connection is closed with sqlite3_close_v2, so a statement that outlives
    // its Database still finalizes safely (and is what finally frees the connection).
    sqlite3_finalize(m_stmt);
}

std::string_view Statement::sql() const
{
    if (m_stmt == nullptr)
        return {};
    const char* text = sqlite3_sql(m_stmt);
    return text != nullptr ? std::string_view(text) : std::string_view();
}

int Statement::parameterCount() const
{
    return m_stmt != nullptr ? sqlite3_bind_parameter_count(m_stmt) : 0;
}

int Statement::parameterIndex(const char* name) const
{
    return m_stmt != nullptr && name != nullptr ? sqlite3_bind_parameter_index(m_stmt, name) : 0;
}

Statement& Statement::bindInt64(int index, std::int64_t value)
{
    if (m_stmt == nullptr)
        return failBind(BindProblem::NoStatement, index);
    return check(sqlite3_bind_int64(m_stmt, index, value), index);
}

Statement& Statement::bind(int index, double value)
{
    if (m_stmt == nullptr)
        return failBind(BindProblem::NoStatement, index);
    return check(sqlite3_bind_double(m_stmt, index, value), index);
}

Statement& Statement::bind(int index, std::string_view text)
{
    if (m_stmt == nullptr)
        return failBind(BindProblem::NoStatement, index);
    return check(sqlite3_bind_text64(m_stmt, index, textData(text), text.size(), transient(), SQLITE_UTF8), index);
}

Statement& Statement::bind(int index, std::span<const std::byte> blob)
{
    if (m_stmt == nullptr)
        return failBind(BindProblem::NoStatement, index);
    return check(sqlite3_bind_blob64(m_stmt, index, blobData(blob.data()), blob.size(), transient()), index);
}

Statement& Statement::bind(int index, std::span<const unsigned char> blob)
{
    return bind(index, std::as_bytes(blob));
}

Statement& Statement::bind(int index, std::nullptr_t)
{
    if (m_stmt == nullptr)
        return failBind(BindProblem::NoStatement, index);
    return check(sqlite3_bind_null(m_stmt, index), index);
}

Statement& Statement::bindNoCopy(int index, std::string_view text)
{
    if (m_stmt == nullptr)
        return failBind(BindProblem::NoStatement, index);
    // A null destructor is SQLITE_STATIC: SQLite neither copies nor frees the bytes.
    return check(sqlite3_bind_text64(m_stmt, index, textData(text), text.size(), nullptr, SQLITE_UTF8), index);
}

Statement& Statement::bindNoCopy(int index, std::span<const std::byte> blob)
{
    if (m_stmt == nullptr)
        return failBind(BindProblem::NoStatement, index);
    return check(sqlite3_bind_blob64(m_stmt, index, blobData(blob.data()), blob.size(), nullptr), index);
}

Statement& Statement::check(int resultCode, int index)
{
    if (resultCode != SQLITE_OK)
        return failBind(BindProblem::Sqlite, index, resultCode);
    return *this;
}

Statement& Statement::failBind(BindProblem problem, int index, int resultCode)
{
    if (m_bindProblem == BindProblem::None) {
        m_bindProblem = problem;
        m_bindIndex = index;
        m_bindResultCode = resultCode;
    }
    return *this;
}

Error Statement::bindError() const
{
    switch (m_bindProblem) {
    case BindProblem::Sqlite:
        if ((m_bindResultCode & 0xff) == SQLITE_MISUSE) {
            return detail::sqliteError(
                nullptr, m_bindResultCode,
                NSGATE_TEXT("nsgate::store",
                            "cannot bind parameter %1 (reset() the statement before binding the next row)")
                    .with(m_bindIndex),
                sql());
        }
        return detail::sqliteError(nullptr, m_bindResultCode,
                                   NSGATE_TEXT("nsgate::store", "cannot bind parameter %1").with(m_bindIndex), sql());
    case BindProblem::UnsignedOverflow:
        return detail::usageError(
            NSGATE_TEXT("nsgate::store",
                        "cannot bind parameter %1: unsigned value exceeds SQLite's signed 64-bit integer range")
                .with(m_bindIndex),
            sql());
    case BindProblem::CountMismatch:
        return detail::usageError(
            NSGATE_TEXT("nsgate::store", "%1 got %2 values but the statement has %3 parameters")
                .with("bindAll()", m_bindIndex, parameterCount()),
            sql());
    case BindProblem::NoStatement:
    case BindProblem::None:
        break;
    }
    return detail::usageError(
        NSGATE_TEXT("nsgate::store", "cannot bind parameter %1: the statement is empty (moved from or never prepared)")
            .with(m_bindIndex));
}

Result<bool> Statement::step()
{
    if (m_stmt == nullptr)
        return detail::usageError(
            NSGATE_TEXT("nsgate::store", "cannot step an empty statement (moved from or never prepared)"));
    if (m_bindProblem != BindProblem::None)
        return bindError();

    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;

    Error error =
        detail::sqliteError(sqlite3_db_handle(m_stmt), rc, NSGATE_TEXT("nsgate::store", "step failed"), sql());
    // Rewound so the same statement can be retried (e.g. after SQLITE_BUSY) or
    // rebound; reset() would also drop the caller's bindings.
    sqlite3_reset(m_stmt);
    return error;
}

Status<> Statement::execute()
{
    for (;;) {
        auto row = step();
        if (!row) {
            Error error = row.error();
            reset();
            return error;
        }
        if (!*row)
            break;
    }
    reset();
    return {};
}

void Statement::reset()
{
    if (m_stmt != nullptr) {
        // The return value repeats the last step()'s error, which step() already reported.
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    m_bindProblem = BindProblem::None;
    m_bindIndex = 0;
    m_bindResultCode = 0;
}

int Statement::columnCount() const
{
    return m_stmt != nullptr ? sqlite3_column_count(m_stmt) : 0;
}

std::string_view Statement::columnName(int index) const
{
    if (m_stmt == nullptr || index < 0 || index >= sqlite3_column_count(m_stmt))
        return {};
    const char* name = sqlite3_column_name(m_stmt, index);
    return name != nullptr ? std::string_view(name) : std::string_view();
}

bool Statement::hasColumn(int index) const
{
    // sqlite3_data_count is 0 unless a row is current, so this also guards
    // accessors called before step() or after it returned false.
    return m_stmt != nullptr && index >= 0 && index < sqlite3_data_count(m_stmt);
}

ColumnType Statement::columnType(int index) const
{
    if (!hasColumn(index))
        return ColumnType::Null;
    switch (sqlite3_column_type(m_stmt, index)) {
    case SQLITE_INTEGER:
        return ColumnType::Integer;
    case SQLITE_FLOAT:
        return ColumnType::Float;
    case SQLITE_TEXT:
        return ColumnType::Text;
    case SQLITE_BLOB:
        return ColumnType::Blob;
    default:
        return ColumnType::Null;
    }
}

bool Statement::isNull(int index) const
{
    return columnType(index) == ColumnType::Null;
}

std::int64_t Statement::columnInt64(int index) const
{
    return hasColumn(index) ? sqlite3_column_int64(m_stmt, index) : 0;
}

double Statement::columnDouble(int index) const
{
    return hasColumn(index) ? sqlite3_column_double(m_stmt, index) : 0.0;
}

std::string_view Statement::columnText(int index) const
{
    if (!hasColumn(index))
        return {};
    // Text first, then bytes: the documented order that makes the length match
    // the (possibly converted) text.
    const unsigned char* text = sqlite3_column_text(m_stmt, index);
    if (text == nullptr)
        return {};
    const int size = sqlite3_column_bytes(m_stmt, index);
    return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::span<const std::byte> Statement::columnBlob(int index) const
{
    if (!hasColumn(index))
        return {};
    const void* blob = sqlite3_column_blob(m_stmt, index);
    if (blob == nullptr)
        return {};
    const int size = sqlite3_column_bytes(m_stmt, index);
    return {static_cast<const std::byte*>(blob), static_cast<std::size_t>(size)};
}

} // namespace nsgate::store
