#include "core/model/Message.h"

#include <cstring>

namespace nsgate::model {

Message Message::text(const char* context, const char* pattern)
{
    Message m;
    m.m_context = context;
    m.m_pattern = pattern;
    return m;
}

Message Message::value(std::string text)
{
    Message m;
    m.m_value = std::move(text);
    return m;
}

std::string Message::english() const
{
    if (isValue())
        return m_value;
    std::vector<std::string> args;
    args.reserve(m_args.size());
    for (const auto& arg : m_args)
        args.push_back(arg.english());
    return fillPlaceholders(m_pattern, args);
}

std::string fillPlaceholders(std::string_view pattern, const std::vector<std::string>& args)
{
    std::string out;
    out.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9') {
            if (const auto index = static_cast<std::size_t>(pattern[i + 1] - '1'); index < args.size()) {
                out += args[index];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

bool operator==(const Message& a, const Message& b)
{
    const auto same = [](const char* x, const char* y) {
        return x == y || (x != nullptr && y != nullptr && std::strcmp(x, y) == 0);
    };
    return same(a.m_context, b.m_context) && same(a.m_pattern, b.m_pattern) && a.m_value == b.m_value &&
           a.m_args == b.m_args;
}

} // namespace nsgate::model
