#pragma once

// Repository globs of trust policies: segments separated by '/', where a
// segment `*` matches exactly one path segment, `**` matches any number of
// segments (zero included), and `*` inside a segment matches any run of
// characters within that segment ("team-*/app"), the empty run included.
// Everything else is literal and must use the repository alphabet (lower-case
// a-z, 0-9, '.', '_', '-'); "**" inside a longer segment, empty segments and
// patterns over 255 characters are compile errors (code "glob.invalid", the
// message names the pattern).

#include "core/model/Result.h"

#include <string>
#include <string_view>
#include <vector>

namespace nsgate::model {

class RepositoryGlob
{
public:
    static Result<RepositoryGlob> compile(std::string_view pattern);

    bool matches(std::string_view repository) const;
    const std::string& pattern() const { return m_pattern; }

private:
    RepositoryGlob() = default;
    std::string m_pattern;
    std::vector<std::string> m_segments;
};

// True when `repository` passes allow/deny: deny wins; empty allow allows all.
// Patterns that do not compile match nothing (the validator reports them).
bool policyAllows(const std::vector<std::string>& allow, const std::vector<std::string>& deny,
                  std::string_view repository);

} // namespace nsgate::model
