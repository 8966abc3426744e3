#pragma once

#include <string>
#include <vector>

namespace nsgate::model {

// One problem found in a document, located by an RFC 6901 JSON pointer
// ("/namespaces/1/upstreams/0/url"). The message names the offending value so
// it can be read without the document at hand.
struct Issue
{
    std::string pointer;
    std::string message;

    friend bool operator==(const Issue&, const Issue&) = default;
};

using Issues = std::vector<Issue>;

// Escapes one reference token for a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string escapePointerToken(std::string_view token);

} // namespace nsgate::model
