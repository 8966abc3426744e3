#include "core/model/RepositoryGlob.h"

#include "core/model/Grammar.h"
#include "core/model/Message.h"

namespace nsgate::model {

namespace {

constexpr std::string_view kAnySegments = "**";
constexpr std::string_view kOneSegment = "*";

constexpr bool isRepositoryChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

std::string position(std::size_t index)
{
    return std::to_string(index + 1);
}

Message patternProblem(std::string_view pattern)
{
    if (pattern.empty())
        return NSGATE_TEXT("nsgate::model", "must not be empty");
    if (pattern.size() > kMaxRepositoryLength)
        return NSGATE_TEXT("nsgate::model", "must be at most %1 characters (has %2)")
            .with(kMaxRepositoryLength, pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] >= 'A' && pattern[i] <= 'Z')
            return NSGATE_TEXT("nsgate::model", "must be lower-case, as repositories are (found %1 at position %2)")
                .with(quoteCharForMessage(pattern[i]), position(i));
    }
    std::size_t start = 0;
    while (true) {
        const auto slash = pattern.find('/', start);
        const auto end = slash == std::string_view::npos ? pattern.size() : slash;
        const auto segment = pattern.substr(start, end - start);
        if (segment.empty())
            return NSGATE_TEXT("nsgate::model", "empty segment at position %1 (no leading, trailing or double '/')")
                .with(position(start));
        if (segment != kAnySegments) {
            if (const auto stars = segment.find(kAnySegments); stars != std::string_view::npos)
                return NSGATE_TEXT("nsgate::model", "\"**\" must be a whole segment (at position %1)")
                    .with(position(start + stars));
            for (std::size_t i = 0; i < segment.size(); ++i) {
                const char c = segment[i];
                if (c != '*' && !isRepositoryChar(c))
                    return NSGATE_TEXT("nsgate::model",
                                       "character %1 at position %2 is not allowed (only a-z, 0-9, '.', '_', '-', "
                                       "'/' and '*')")
                        .with(quoteCharForMessage(c), position(start + i));
            }
        }
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return {};
}

// '*' matches any run of characters, the empty run included. The greedy scan
// with one backtrack point is linear in practice and O(n*m) at worst, never
// exponential: a later '*' can absorb anything an earlier one would retry.
bool matchesWithinSegment(std::string_view pattern, std::string_view text)
{
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t starP = std::string_view::npos;
    std::size_t starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            starP = p++;
            starT = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool segmentMatches(std::string_view segment, std::string_view component)
{
    if (segment == kOneSegment)
        return !component.empty();
    return matchesWithinSegment(segment, component);
}

} // namespace

Result<RepositoryGlob> RepositoryGlob::compile(std::string_view pattern)
{
    if (auto problem = patternProblem(pattern); !problem.empty())
        return makeError("glob.invalid", NSGATE_TEXT("nsgate::model", "glob %1: %2")
                                             .with(quoteForMessage(pattern), std::move(problem)));

    RepositoryGlob glob;
    glob.m_pattern = std::string(pattern);
    std::size_t start = 0;
    while (true) {
        const auto slash = pattern.find('/', start);
        const auto segment = pattern.substr(start, slash == std::string_view::npos ? slash : slash - start);
        // "**/**" means the same as "**"; one keeps backtracking short.
        if (!(segment == kAnySegments && !glob.m_segments.empty() && glob.m_segments.back() == kAnySegments))
            glob.m_segments.emplace_back(segment);
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return glob;
}

bool RepositoryGlob::matches(std::string_view repository) const
{
    if (repository.empty())
        return false;
    // Walks the repository's '/'-separated components in place (no split, no
    // allocation); positions past the end mean "all components consumed".
    const std::size_t endPosition = repository.size() + 1;
    const auto componentAt = [&](std::size_t at) {
        const auto slash = repository.find('/', at);
        return repository.substr(at, slash == std::string_view::npos ? slash : slash - at);
    };
    const auto nextPosition = [&](std::size_t at) {
        const auto slash = repository.find('/', at);
        return slash == std::string_view::npos ? endPosition : slash + 1;
    };

    // The same greedy scan as within a segment, one level up: "**" is the star
    // and every other segment consumes exactly one component.
    const std::size_t count = m_segments.size();
    std::size_t s = 0;
    std::size_t at = 0;
    std::size_t starS = count;
    std::size_t starAt = 0;
    while (at < endPosition) {
        if (s < count && m_segments[s] == kAnySegments) {
            starS = s++;
            starAt = at;
        } else if (s < count && segmentMatches(m_segments[s], componentAt(at))) {
            ++s;
            at = nextPosition(at);
        } else if (starS != count) {
            s = starS + 1;
            starAt = nextPosition(starAt);
            at = starAt;
        } else {
            return false;
        }
    }
    while (s < count && m_segments[s] == kAnySegments)
        ++s;
    return s == count;
}

bool policyAllows(const std::vector<std::string>& allow, const std::vector<std::string>& deny,
                  std::string_view repository)
{
    const auto anyMatches = [&](const std::vector<std::string>& patterns) {
        for (const auto& pattern : patterns) {
            const auto glob = RepositoryGlob::compile(pattern);
            if (glob.ok() && glob->matches(repository))
                return true;
        }
        return false;
    };
    if (anyMatches(deny))
        return false;
    return allow.empty() || anyMatches(allow);
}

} // namespace nsgate::model
