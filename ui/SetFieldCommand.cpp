#include "ui/EditCommands.h"

// The commands that set one field of a namespace or of one of its upstreams:
// one template, a table of fields.

namespace nsgate::ui {

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

enum MergeId
{
    NoMerge = -1,
    MergeAliases = 1,
    MergeAllow,
    MergeDeny,
    MergeTagTtl,
    MergeUrl,
    MergeCredential,
    MergeCaPem,
    MergeRepositoryPrefix,
};

// One field of a namespace (inNamespace) or of one of its upstreams (inUpstream).
template<class V> struct FieldSpec
{
    int mergeId; // NoMerge for toggles and choices: each click is its own step
    V* (*inNamespace)(model::NamespaceEntry&);
    V* (*inUpstream)(model::Upstream&);
    const char* text; // %1 = namespace
};

template<class V> class SetFieldCommand final : public EditCommand
{
public:
    SetFieldCommand(const FieldSpec<V>& spec, std::string ns, int upstream, V after)
        : EditCommand(std::move(ns)), m_spec(spec), m_upstream(upstream), m_before(after),
          m_after(std::move(after))
    {
        setText(tr(m_spec.text).arg(qs(m_namespace)));
    }

protected:
    bool forward(model::MirrorConfig& config, QString* why) override
    {
        V* slot = locate(config, why);
        if (!slot)
            return false;
        m_before = *slot;
        *slot = m_after;
        return true;
    }

    bool backward(model::MirrorConfig& config, QString* why) override
    {
        V* slot = locate(config, why);
        if (!slot)
            return false;
        m_after = *slot;
        *slot = m_before;
        return true;
    }

    std::unique_ptr<EditCommand> copy() const override
    {
        auto twin = std::make_unique<SetFieldCommand>(m_spec, m_namespace, m_upstream, m_after);
        twin->m_before = m_before;
        return twin;
    }

    int mergeId() const override { return m_spec.mergeId; }

    bool sameTarget(const EditCommand& other) const override
    {
        const auto* same = dynamic_cast<const SetFieldCommand*>(&other);
        return same && &same->m_spec == &m_spec && same->m_upstream == m_upstream &&
               EditCommand::sameTarget(other);
    }

    void absorb(const EditCommand& later) override
    {
        m_after = static_cast<const SetFieldCommand&>(later).m_after;
    }

    bool changedNothing() const override { return m_before == m_after; }

private:
    V* locate(model::MirrorConfig& config, QString* why)
    {
        auto* entry = findNamespace(config, m_namespace, why);
        if (!entry)
            return nullptr;
        if (m_spec.inNamespace)
            return m_spec.inNamespace(*entry);
        if (m_upstream < 0 || static_cast<std::size_t>(m_upstream) >= entry->upstreams.size()) {
            if (why)
                *why = EditCommand::tr("upstream %1 of %2 no longer exists")
                           .arg(m_upstream + 1)
                           .arg(qs(m_namespace));
            return nullptr;
        }
        return m_spec.inUpstream(entry->upstreams[static_cast<std::size_t>(m_upstream)]);
    }

    const FieldSpec<V>& m_spec;
    int m_upstream;
    V m_before;
    V m_after;
};

using Strings = std::vector<std::string>;
using OptionalString = std::optional<std::string>;

const FieldSpec<Strings> kAliases{MergeAliases, [](model::NamespaceEntry& e) { return &e.aliases; }, nullptr,
                                  QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change aliases of %1")};
const FieldSpec<Strings> kAllow{
    MergeAllow, [](model::NamespaceEntry& e) { return &e.policy.allow; }, nullptr,
    QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change allowed repositories of %1")};
const FieldSpec<Strings> kDeny{
    MergeDeny, [](model::NamespaceEntry& e) { return &e.policy.deny; }, nullptr,
    QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change denied repositories of %1")};
const FieldSpec<model::TagMode> kTags{
    NoMerge, [](model::NamespaceEntry& e) { return &e.policy.tags; }, nullptr,
    QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change tag policy of %1")};
const FieldSpec<std::int64_t> kTagTtl{
    MergeTagTtl, [](model::NamespaceEntry& e) { return &e.policy.tagTtlSeconds; }, nullptr,
    QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change tag TTL of %1")};
const FieldSpec<bool> kServeStale{NoMerge, [](model::NamespaceEntry& e) { return &e.policy.serveStale; },
                                  nullptr,
                                  QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change serve-stale of %1")};
const FieldSpec<model::MissingNsMode> kOnMissingNs{
    NoMerge, [](model::NamespaceEntry& e) { return &e.policy.onMissingNs; }, nullptr,
    QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change missing-namespace handling of %1")};

const FieldSpec<std::string> kUrl{MergeUrl, nullptr, [](model::Upstream& u) { return &u.url; },
                                  QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change upstream URL of %1")};
const FieldSpec<OptionalString> kCredential{
    MergeCredential, nullptr, [](model::Upstream& u) { return &u.credential; },
    QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change upstream credential of %1")};
const FieldSpec<OptionalString> kCaPem{
    MergeCaPem, nullptr, [](model::Upstream& u) { return &u.caPem; },
    QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change upstream CA of %1")};
const FieldSpec<bool> kTlsVerify{
    NoMerge, nullptr, [](model::Upstream& u) { return &u.tlsVerify; },
    QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change upstream TLS verification of %1")};
const FieldSpec<bool> kForwardNs{
    NoMerge, nullptr, [](model::Upstream& u) { return &u.forwardNs; },
    QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change upstream ns forwarding of %1")};
const FieldSpec<OptionalString> kRepositoryPrefix{
    MergeRepositoryPrefix, nullptr, [](model::Upstream& u) { return &u.repositoryPrefix; },
    QT_TRANSLATE_NOOP("nsgate::ui::EditCommand", "Change upstream repository prefix of %1")};

template<class V>
std::unique_ptr<EditCommand> setField(const FieldSpec<V>& spec, std::string ns, int upstream, V value)
{
    return std::make_unique<SetFieldCommand<V>>(spec, std::move(ns), upstream, std::move(value));
}

} // namespace

namespace edit {

std::unique_ptr<EditCommand> setAliases(std::string ns, std::vector<std::string> aliases)
{
    return setField(kAliases, std::move(ns), -1, std::move(aliases));
}

std::unique_ptr<EditCommand> setUpstreamUrl(std::string ns, int index, std::string url)
{
    return setField(kUrl, std::move(ns), index, std::move(url));
}

std::unique_ptr<EditCommand> setUpstreamCredential(std::string ns, int index, std::optional<std::string> name)
{
    return setField(kCredential, std::move(ns), index, std::move(name));
}

std::unique_ptr<EditCommand> setUpstreamCaPem(std::string ns, int index, std::optional<std::string> pem)
{
    return setField(kCaPem, std::move(ns), index, std::move(pem));
}

std::unique_ptr<EditCommand> setUpstreamTlsVerify(std::string ns, int index, bool verify)
{
    return setField(kTlsVerify, std::move(ns), index, verify);
}

std::unique_ptr<EditCommand> setUpstreamForwardNs(std::string ns, int index, bool forward)
{
    return setField(kForwardNs, std::move(ns), index, forward);
}

std::unique_ptr<EditCommand> setUpstreamRepositoryPrefix(std::string ns, int index,
                                                         std::optional<std::string> prefix)
{
    return setField(kRepositoryPrefix, std::move(ns), index, std::move(prefix));
}

std::unique_ptr<EditCommand> setAllow(std::string ns, std::vector<std::string> globs)
{
    return setField(kAllow, std::move(ns), -1, std::move(globs));
}

std::unique_ptr<EditCommand> setDeny(std::string ns, std::vector<std::string> globs)
{
    return setField(kDeny, std::move(ns), -1, std::move(globs));
}

std::unique_ptr<EditCommand> setTagMode(std::string ns, model::TagMode mode)
{
    return setField(kTags, std::move(ns), -1, mode);
}

std::unique_ptr<EditCommand> setTagTtl(std::string ns, std::int64_t seconds)
{
    return setField(kTagTtl, std::move(ns), -1, seconds);
}

std::unique_ptr<EditCommand> setServeStale(std::string ns, bool serveStale)
{
    return setField(kServeStale, std::move(ns), -1, serveStale);
}

std::unique_ptr<EditCommand> setOnMissingNs(std::string ns, model::MissingNsMode mode)
{
    return setField(kOnMissingNs, std::move(ns), -1, mode);
}

} // namespace edit

} // namespace nsgate::ui
