#include "core/model/ConfigDiff.h"

#include <algorithm>

namespace nsgate::model {

namespace {

const NamespaceEntry* byName(const MirrorConfig& config, const std::string& name)
{
    for (const auto& e : config.namespaces)
        if (e.name == name)
            return &e;
    return nullptr;
}

} // namespace

std::vector<std::string> describeChanges(const MirrorConfig& from, const MirrorConfig& to)
{
    std::vector<std::string> lines;
    for (const auto& entry : to.namespaces) {
        const NamespaceEntry* old = byName(from, entry.name);
        if (!old) {
            lines.push_back("+" + entry.name);
            continue;
        }
        std::vector<std::string> parts;
        if (old->aliases != entry.aliases)
            parts.emplace_back("aliases");
        if (old->upstreams != entry.upstreams)
            parts.emplace_back("upstreams");
        if (old->policy != entry.policy)
            parts.emplace_back("policy");
        if (parts.empty())
            continue;
        std::string line = "~" + entry.name + " ";
        for (std::size_t i = 0; i < parts.size(); ++i)
            line += (i ? "+" : "") + parts[i];
        lines.push_back(std::move(line));
    }
    for (const auto& entry : from.namespaces)
        if (!byName(to, entry.name))
            lines.push_back("-" + entry.name);

    const auto names = [](const MirrorConfig& c) {
        std::vector<std::string> out;
        for (const auto& e : c.namespaces)
            out.push_back(e.name);
        return out;
    };
    auto before = names(from), after = names(to);
    // Only a reorder of the namespaces that exist on both sides counts as one.
    std::erase_if(before, [&](const std::string& n) { return !byName(to, n); });
    std::erase_if(after, [&](const std::string& n) { return !byName(from, n); });
    if (before != after)
        lines.emplace_back("order");

    if (from.defaultNamespace != to.defaultNamespace)
        lines.push_back("default " + from.defaultNamespace.value_or("(none)") + " -> " +
                        to.defaultNamespace.value_or("(none)"));
    return lines;
}

std::string summarizeChanges(const MirrorConfig& from, const MirrorConfig& to)
{
    const auto lines = describeChanges(from, to);
    if (lines.empty())
        return "no changes";
    std::string out;
    for (const auto& line : lines)
        out += (out.empty() ? "" : ", ") + line;
    return out;
}

} // namespace nsgate::model
