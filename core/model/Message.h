#pragma once

// A sentence for people, kept as its English pattern and the values that fill
// it, so that a front end can translate it and core stays free of Qt.
//
// Core builds messages with NSGATE_TEXT("nsgate::model", "label %1 is longer
// than %2 characters"). The macro is what lupdate looks for (translations/
// CMakeLists.txt declares it an alias of QT_TRANSLATE_NOOP), so the pattern
// lands in the catalogues under that context. english() fills the pattern
// with the values: that is the text core returns in Error::message and
// Issue::message, the proxy sends, and tests compare. The console and
// nsgatectl translate the pattern, and every argument that is itself a
// message, with nsgate::client::translated() (core/client/MessageText.h).
//
// Placeholders are %1 .. %9, filled in one pass (a value holding "%2" stays as
// it is); a '%' not followed by a digit is an ordinary character.

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#define NSGATE_TEXT(context, pattern) ::nsgate::model::Message::text(context, pattern)

namespace nsgate::model {

class Message
{
public:
    Message() = default;

    // A pattern to translate; use NSGATE_TEXT so that lupdate finds it.
    static Message text(const char* context, const char* pattern);
    // A value shown as it is in every language: a name, a number, a quoted
    // piece of input, or text that has no translation (a library's message).
    static Message value(std::string text);

    // This message with `args` appended as %1, %2, ... (strings and numbers
    // become values; messages stay translatable).
    template<class... Args> Message with(Args&&... args) &&
    {
        (m_args.push_back(toArg(std::forward<Args>(args))), ...);
        return std::move(*this);
    }

    bool empty() const { return m_pattern == nullptr && m_value.empty(); }
    bool isValue() const { return m_pattern == nullptr; }
    const char* context() const { return m_context; }
    const char* pattern() const { return m_pattern; }
    const std::string& valueText() const { return m_value; }
    const std::vector<Message>& args() const { return m_args; }

    // The pattern with every argument filled in, in English.
    std::string english() const;

    friend bool operator==(const Message& a, const Message& b);

private:
    static Message toArg(Message m) { return m; }
    static Message toArg(std::string s) { return value(std::move(s)); }
    static Message toArg(std::string_view s) { return value(std::string(s)); }
    static Message toArg(const char* s) { return value(s); }
    // (enable_if rather than a concept: moc cannot parse <concepts>)
    template<class T, std::enable_if_t<std::is_integral_v<T>, int> = 0> static Message toArg(T n) { return value(std::to_string(n)); }

    const char* m_context = nullptr;
    const char* m_pattern = nullptr;
    std::string m_value;
    std::vector<Message> m_args;
};

// Fills %1 .. %9 of `pattern` from `args` in one pass: the one rule for
// english() and for the front ends, which fill a translated pattern (as UTF-8)
// with translated arguments.
std::string fillPlaceholders(std::string_view pattern, const std::vector<std::string>& args);

} // namespace nsgate::model
