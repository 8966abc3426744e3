#pragma once

// Errors are values: every fallible operation in core returns a Result. No
// exceptions cross a library boundary; third-party throws are caught where the
// third-party call is made.

#include "core/model/Message.h"

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace nsgate {

// A failure a user can read. `code` is stable and machine-readable
// ("reference.invalid"), `message` names the offending field and value,
// `detail` is optional context (e.g. the underlying library's text). `text`,
// when set, is `message` in translatable form (makeError with a Message sets
// both); two errors are equal when code, message and detail are.
struct Error
{
    std::string code;
    std::string message;
    std::string detail;
    model::Message text{};

    friend bool operator==(const Error& a, const Error& b)
    {
        return a.code == b.code && a.message == b.message && a.detail == b.detail;
    }
};

template<class T, class E = Error>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}   // NOLINT: implicit by design
    Result(E error) : m_v(std::in_place_index<1>, std::move(error)) {}   // NOLINT: implicit by design

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(m_v); }
    const T& value() const& { assert(ok()); return std::get<0>(m_v); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }

    const E& error() const { assert(!ok()); return std::get<1>(m_v); }

    template<class U>
    T valueOr(U&& fallback) const { return ok() ? value() : T(std::forward<U>(fallback)); }

private:
    std::variant<T, E> m_v;
};

// Result of an operation that yields nothing on success.
template<class E = Error>
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(E error) : m_error(std::move(error)), m_failed(true) {}   // NOLINT: implicit by design

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const E& error() const { assert(m_failed); return m_error; }

private:
    E m_error{};
    bool m_failed = false;
};

inline Error makeError(std::string code, std::string message, std::string detail = {})
{
    return Error{std::move(code), std::move(message), std::move(detail), {}};
}

inline Error makeError(std::string code, model::Message text, std::string detail = {})
{
    std::string message = text.english();
    return Error{std::move(code), std::move(message), std::move(detail), std::move(text)};
}

// The error's message as an argument of another message, so that nesting keeps
// it translatable: its `text`, or its message as a value when it has none.
inline model::Message errorText(const Error& error)
{
    return error.text.empty() ? model::Message::value(error.message) : error.text;
}

} // namespace nsgate
