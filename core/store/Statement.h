#pragma once

// A prepared SQLite statement. Prepare once, then bind / step / reset for every
// row: the hot paths (event log inserts, cache index lookups) reuse statements
// so that SQL is parsed once and rows cost no allocations of their own.

#include "core/model/Result.h"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

struct sqlite3_stmt;

namespace nsgate::store {

// Storage class of a column in the current row.
enum class ColumnType { Integer, Float, Text, Blob, Null };

// Integers bind as SQLite INTEGER. Character types are excluded on purpose:
// `bind(1, 'a')` storing 97 is never what was meant.
template<class T>
concept SqlInteger = std::integral<T> && !std::same_as<T, char> && !std::same_as<T, char8_t>
                     && !std::same_as<T, char16_t> && !std::same_as<T, char32_t>
                     && !std::same_as<T, wchar_t>;

class Statement
{
public:
    // An empty statement: every call fails or returns a default, nothing crashes.
    Statement() = default;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    bool isValid() const { return m_stmt != nullptr; }
    std::string_view sql() const;

    // --- Parameters (1-based, as in SQLite) ------------------------------------
    //
    // bind() chains. A failure (index out of range, value too big, binding while
    // the statement is mid-step) is remembered and returned by the next step() or
    // execute(), so a row is bound without a branch per column. The first failure
    // wins and sticks until reset().

    int parameterCount() const;
    // Index of a named parameter (":name", "@name", "$name", including the
    // prefix), or 0 if there is none. Look it up once, bind by index afterwards.
    int parameterIndex(const char* name) const;

    template<SqlInteger T>
    Statement& bind(int index, T value)
    {
        if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
            if (value > static_cast<T>(std::numeric_limits<std::int64_t>::max()))
                return failBind(BindProblem::UnsignedOverflow, index);
        }
        return bindInt64(index, static_cast<std::int64_t>(value));
    }
    Statement& bind(int index, double value);
    // Text is copied; it may contain NULs and is stored with its full length. An
    // empty view binds '' (not NULL).
    Statement& bind(int index, std::string_view text);
    // Blobs are copied; an empty span binds a zero-length blob (not NULL).
    Statement& bind(int index, std::span<const std::byte> blob);
    Statement& bind(int index, std::span<const unsigned char> blob);
    Statement& bind(int index, std::nullptr_t);
    template<class T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bind(index, nullptr);
    }

    // Like bind() but SQLite reads the caller's bytes in place instead of copying
    // them: the bytes must stay valid and unchanged until the statement is reset
    // or the parameter is bound again. For batch inserts of large values.
    Statement& bindNoCopy(int index, std::string_view text);
    Statement& bindNoCopy(int index, std::span<const std::byte> blob);

    // Binds every parameter in order, starting at 1. Passing a different number
    // of values than the statement has parameters is a bind failure: a forgotten
    // column would otherwise silently keep the previous row's value.
    template<class... Args>
    Statement& bindAll(const Args&... args)
    {
        if (static_cast<int>(sizeof...(Args)) != parameterCount())
            return failBind(BindProblem::CountMismatch, static_cast<int>(sizeof...(Args)));
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // --- Execution -------------------------------------------------------------

    // true: a row is available through the column accessors; false: done. On
    // failure the statement is rewound (bindings kept) so it can be retried or
    // reset. Stepping again after `false` re-runs the statement, as in SQLite.
    Result<bool> step();

    // Steps through every row, turning each into a T with `makeRow(*this)`.
    template<class T, class MakeRow>
    Result<std::vector<T>> collect(MakeRow makeRow)
    {
        std::vector<T> rows;
        for (;;) {
            auto row = step();
            if (!row)
                return row.error();
            if (!*row)
                return rows;
            rows.push_back(makeRow(*this));
        }
    }

    // Runs the statement to completion, discarding rows, then reset()s it, on
    // success and on failure alike: ready for the next set of values.
    Status<> execute();

    // Rewinds the statement, sets every parameter back to NULL and forgets a
    // pending bind failure.
    void reset();

    // --- Columns of the current row (0-based) ------------------------------------
    //
    // Out-of-range indexes, no current row and an empty statement give NULL/0/empty.
    // Views returned by columnText/columnBlob stay valid until the next step(),
    // reset() or destruction, and until another accessor converts that column.

    int columnCount() const;
    std::string_view columnName(int index) const;
    ColumnType columnType(int index) const;
    bool isNull(int index) const;
    std::int64_t columnInt64(int index) const;
    double columnDouble(int index) const;
    std::string_view columnText(int index) const;
    std::span<const std::byte> columnBlob(int index) const;

private:
    friend class Database;
    explicit Statement(sqlite3_stmt* stmt) : m_stmt(stmt) {}

    enum class BindProblem : unsigned char { None, Sqlite, UnsignedOverflow, CountMismatch, NoStatement };

    Statement& bindInt64(int index, std::int64_t value);
    Statement& check(int resultCode, int index);
    Statement& failBind(BindProblem problem, int index, int resultCode = 0);
    Error bindError() const;
    bool hasColumn(int index) const;

    sqlite3_stmt* m_stmt = nullptr;
    // The first bind failure since the last reset(); reported by step(). Kept as
    // plain fields so a successful bind costs nothing but a compare.
    BindProblem m_bindProblem = BindProblem::None;
    int m_bindIndex = 0;
    int m_bindResultCode = 0;
};

} // namespace nsgate::store
