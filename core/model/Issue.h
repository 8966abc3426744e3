#pragma once

#include "core/model/Message.h"

#include <string>
#include <vector>

namespace nsgate::model {

// One problem found in a document, located by an RFC 6901 JSON pointer
// ("/namespaces/1/upstreams/0/url"). The message names the offending value so
// it can be read without the document at hand. `text` is the message in
// translatable form when core made it (makeIssue); two issues are equal when
// pointer and message are.
struct Issue
{
    std::string pointer;
    std::string message;
    Message text{};

    friend bool operator==(const Issue& a, const Issue& b)
    {
        return a.pointer == b.pointer && a.message == b.message;
    }
};

inline Issue makeIssue(std::string pointer, Message text)
{
    std::string message = text.english();
    return Issue{std::move(pointer), std::move(message), std::move(text)};
}

using Issues = std::vector<Issue>;

// Escapes one reference token for a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string escapePointerToken(std::string_view token);

} // namespace nsgate::model
