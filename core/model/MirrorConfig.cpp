#include "core/model/MirrorConfig.h"

#include <algorithm>

namespace nsgate::model {

std::string_view toString(TagMode mode)
{
    switch (mode) {
    case TagMode::Primary: return "primary";
    case TagMode::Any: return "any";
    case TagMode::DigestOnly: return "digest-only";
    }
    return "primary";
}

std::string_view toString(MissingNsMode mode)
{
    return mode == MissingNsMode::Serve ? "serve" : "reject";
}

std::optional<TagMode> tagModeFromString(std::string_view text)
{
    if (text == "primary")
        return TagMode::Primary;
    if (text == "any")
        return TagMode::Any;
    if (text == "digest-only")
        return TagMode::DigestOnly;
    return std::nullopt;
}

std::optional<MissingNsMode> missingNsModeFromString(std::string_view text)
{
    if (text == "reject")
        return MissingNsMode::Reject;
    if (text == "serve")
        return MissingNsMode::Serve;
    return std::nullopt;
}

int MirrorConfig::indexOf(std::string_view host) const
{
    for (std::size_t i = 0; i < namespaces.size(); ++i) {
        const auto& entry = namespaces[i];
        if (entry.name == host || std::find(entry.aliases.begin(), entry.aliases.end(), host) != entry.aliases.end())
            return static_cast<int>(i);
    }
    return -1;
}

const NamespaceEntry* MirrorConfig::find(std::string_view host) const
{
    const int i = indexOf(host);
    return i < 0 ? nullptr : &namespaces[static_cast<std::size_t>(i)];
}

} // namespace nsgate::model
