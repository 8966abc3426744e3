#include "ui/EditCommands.h"

#include "ui/EditorDocument.h"

#include <algorithm>
#include <iterator>

namespace nsgate::ui {

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

int indexByName(const model::MirrorConfig& config, const std::string& name)
{
    // By `namespace` only: aliases are not ids, and the validator reports an
    // alias that repeats a name anyway.
    for (std::size_t i = 0; i < config.namespaces.size(); ++i) {
        if (config.namespaces[i].name == name)
            return static_cast<int>(i);
    }
    return -1;
}

std::size_t clampedPosition(int position, std::size_t size)
{
    return position < 0 || static_cast<std::size_t>(position) > size ? size
                                                                     : static_cast<std::size_t>(position);
}

template<class T> auto at(std::vector<T>& items, std::size_t index)
{
    return items.begin() + static_cast<std::ptrdiff_t>(index);
}

} // namespace

// ---- EditCommand ------------------------------------------------------------

EditCommand::EditCommand(std::string ns) : m_namespace(std::move(ns)) {}

EditCommand::~EditCommand() = default;

bool EditCommand::applyTo(model::MirrorConfig& config, QString* why)
{
    return m_inverted ? backward(config, why) : forward(config, why);
}

bool EditCommand::revertFrom(model::MirrorConfig& config, QString* why)
{
    return m_inverted ? forward(config, why) : backward(config, why);
}

std::unique_ptr<EditCommand> EditCommand::clone(bool inverted) const
{
    auto twin = copy();
    twin->m_inverted = m_inverted != inverted;
    if (twin->m_inverted)
        twin->setText(tr("Revert: %1").arg(twin->text()));
    return twin;
}

void EditCommand::redo()
{
    if (!m_document) {
        // Pushed onto the stack directly instead of through EditorDocument::push.
        qWarning("nsgate: an edit command was pushed without its document; dropped");
        setObsolete(true);
        return;
    }
    QString why;
    const bool ok = applyTo(m_document->m_current, &why);
    // Obsolete commands are dropped by QUndoStack: a failed edit or one that
    // changed nothing leaves no undo step.
    const bool changed = ok && !changedNothing();
    if (!changed)
        setObsolete(true);
    m_document->commandApplied(ok, changed, why);
}

void EditCommand::undo()
{
    if (!m_document)
        return;
    QString why;
    const bool ok = revertFrom(m_document->m_current, &why);
    m_document->commandApplied(ok, ok, why);
}

int EditCommand::id() const
{
    return m_inverted ? -1 : mergeId();
}

bool EditCommand::mergeWith(const QUndoCommand* other)
{
    const auto* later = dynamic_cast<const EditCommand*>(other);
    if (!later || later->isObsolete() || later->m_inverted || m_inverted ||
        later->m_generation != m_generation || later->id() != id() || id() < 0 || !sameTarget(*later))
        return false;
    absorb(*later);
    // Typing back to where the run started leaves nothing to undo.
    if (changedNothing())
        setObsolete(true);
    return true;
}

bool EditCommand::sameTarget(const EditCommand& other) const
{
    return other.m_namespace == m_namespace;
}

void EditCommand::absorb(const EditCommand&) {}

void EditCommand::announceRename(const model::MirrorConfig& config, const std::string& from,
                                 const std::string& to)
{
    if (m_document && &config == &m_document->m_current && !m_document->m_quiet)
        emit m_document->namespaceRenamed(qs(from), qs(to));
}

model::NamespaceEntry* EditCommand::findNamespace(model::MirrorConfig& config, const std::string& name,
                                                  QString* why)
{
    const int index = indexByName(config, name);
    if (index < 0) {
        if (why)
            *why = tr("namespace %1 no longer exists").arg(qs(name));
        return nullptr;
    }
    return &config.namespaces[static_cast<std::size_t>(index)];
}

namespace {

using OptionalString = std::optional<std::string>;

// ---- namespaces -------------------------------------------------------------

class AddNamespaceCommand final : public EditCommand
{
    // lupdate does not follow the base class: name the context it translates in.
    Q_DECLARE_TR_FUNCTIONS(nsgate::ui::EditCommand)

public:
    AddNamespaceCommand(model::NamespaceEntry entry, int position)
        : EditCommand(entry.name), m_entry(std::move(entry)), m_position(position)
    {
        setText(tr("Add namespace %1").arg(qs(m_namespace)));
    }

protected:
    bool forward(model::MirrorConfig& config, QString* why) override
    {
        if (indexByName(config, m_namespace) >= 0) {
            if (why)
                *why = tr("namespace %1 already exists").arg(qs(m_namespace));
            return false;
        }
        const std::size_t position = clampedPosition(m_position, config.namespaces.size());
        config.namespaces.insert(at(config.namespaces, position), m_entry);
        m_position = static_cast<int>(position);
        return true;
    }

    bool backward(model::MirrorConfig& config, QString* why) override
    {
        const int index = indexByName(config, m_namespace);
        if (index < 0) {
            if (why)
                *why = tr("namespace %1 no longer exists").arg(qs(m_namespace));
            return false;
        }
        auto it = at(config.namespaces, static_cast<std::size_t>(index));
        m_entry = std::move(*it);
        m_position = index;
        config.namespaces.erase(it);
        return true;
    }

    std::unique_ptr<EditCommand> copy() const override
    {
        return std::make_unique<AddNamespaceCommand>(m_entry, m_position);
    }

private:
    model::NamespaceEntry m_entry;
    int m_position;
};

class RemoveNamespaceCommand final : public EditCommand
{
    Q_DECLARE_TR_FUNCTIONS(nsgate::ui::EditCommand)

public:
    explicit RemoveNamespaceCommand(std::string name) : EditCommand(std::move(name))
    {
        m_entry.name = m_namespace;
        setText(tr("Remove namespace %1").arg(qs(m_namespace)));
    }

protected:
    bool forward(model::MirrorConfig& config, QString* why) override
    {
        const int index = indexByName(config, m_namespace);
        if (index < 0) {
            if (why)
                *why = tr("namespace %1 no longer exists").arg(qs(m_namespace));
            return false;
        }
        auto it = at(config.namespaces, static_cast<std::size_t>(index));
        m_entry = std::move(*it);
        m_position = index;
        config.namespaces.erase(it);
        // A default that names a removed namespace would only turn into an error.
        m_clearedDefault = config.defaultNamespace == m_namespace;
        if (m_clearedDefault)
            config.defaultNamespace.reset();
        return true;
    }

    bool backward(model::MirrorConfig& config, QString* why) override
    {
        if (indexByName(config, m_namespace) >= 0) {
            if (why)
                *why = tr("namespace %1 already exists").arg(qs(m_namespace));
            return false;
        }
        const std::size_t position = clampedPosition(m_position, config.namespaces.size());
        config.namespaces.insert(at(config.namespaces, position), m_entry);
        if (m_clearedDefault && !config.defaultNamespace)
            config.defaultNamespace = m_namespace;
        return true;
    }

    std::unique_ptr<EditCommand> copy() const override
    {
        auto twin = std::make_unique<RemoveNamespaceCommand>(m_namespace);
        twin->m_entry = m_entry;
        twin->m_position = m_position;
        twin->m_clearedDefault = m_clearedDefault;
        return twin;
    }

private:
    model::NamespaceEntry m_entry;
    int m_position = -1;
    bool m_clearedDefault = false;
};

class RenameNamespaceCommand final : public EditCommand
{
    Q_DECLARE_TR_FUNCTIONS(nsgate::ui::EditCommand)

public:
    RenameNamespaceCommand(std::string from, std::string to)
        : EditCommand(std::move(from)), m_to(std::move(to))
    {
        setText(tr("Rename namespace %1 to %2").arg(qs(m_namespace), qs(m_to)));
    }

protected:
    bool forward(model::MirrorConfig& config, QString* why) override
    {
        return rename(config, m_namespace, m_to, why);
    }
    bool backward(model::MirrorConfig& config, QString* why) override
    {
        return rename(config, m_to, m_namespace, why);
    }
    std::unique_ptr<EditCommand> copy() const override
    {
        return std::make_unique<RenameNamespaceCommand>(m_namespace, m_to);
    }
    bool changedNothing() const override { return m_namespace == m_to; }

private:
    bool rename(model::MirrorConfig& config, const std::string& from, const std::string& to, QString* why)
    {
        // Names are the commands' ids, so two entries must never share one.
        if (to.empty()) {
            if (why)
                *why = tr("a namespace needs a name");
            return false;
        }
        auto* entry = findNamespace(config, from, why);
        if (!entry)
            return false;
        if (from == to)
            return true;
        if (indexByName(config, to) >= 0) {
            if (why)
                *why = tr("namespace %1 already exists").arg(qs(to));
            return false;
        }
        entry->name = to;
        if (config.defaultNamespace == from)
            config.defaultNamespace = to;
        announceRename(config, from, to);
        return true;
    }

    std::string m_to;
};

class SetDefaultNamespaceCommand final : public EditCommand
{
    Q_DECLARE_TR_FUNCTIONS(nsgate::ui::EditCommand)

public:
    explicit SetDefaultNamespaceCommand(OptionalString name) : EditCommand({}), m_after(std::move(name))
    {
        setText(m_after ? tr("Set default namespace to %1").arg(qs(*m_after))
                        : tr("Clear default namespace"));
    }

protected:
    bool forward(model::MirrorConfig& config, QString*) override
    {
        m_before = config.defaultNamespace;
        config.defaultNamespace = m_after;
        return true;
    }
    bool backward(model::MirrorConfig& config, QString*) override
    {
        m_after = config.defaultNamespace;
        config.defaultNamespace = m_before;
        return true;
    }
    std::unique_ptr<EditCommand> copy() const override
    {
        auto twin = std::make_unique<SetDefaultNamespaceCommand>(m_after);
        twin->m_before = m_before;
        return twin;
    }
    bool changedNothing() const override { return m_before == m_after; }

private:
    OptionalString m_before;
    OptionalString m_after;
};

// ---- upstreams --------------------------------------------------------------

bool upstreamExists(const model::NamespaceEntry& entry, int index, const std::string& ns, QString* why)
{
    if (index >= 0 && static_cast<std::size_t>(index) < entry.upstreams.size())
        return true;
    if (why)
        *why = EditCommand::tr("upstream %1 of %2 no longer exists").arg(index + 1).arg(qs(ns));
    return false;
}

class AddUpstreamCommand final : public EditCommand
{
    Q_DECLARE_TR_FUNCTIONS(nsgate::ui::EditCommand)

public:
    AddUpstreamCommand(std::string ns, model::Upstream upstream, int position)
        : EditCommand(std::move(ns)), m_upstream(std::move(upstream)), m_position(position)
    {
        setText(tr("Add upstream to %1").arg(qs(m_namespace)));
    }

protected:
    bool forward(model::MirrorConfig& config, QString* why) override
    {
        auto* entry = findNamespace(config, m_namespace, why);
        if (!entry)
            return false;
        const std::size_t position = clampedPosition(m_position, entry->upstreams.size());
        entry->upstreams.insert(at(entry->upstreams, position), m_upstream);
        m_position = static_cast<int>(position);
        return true;
    }

    bool backward(model::MirrorConfig& config, QString* why) override
    {
        auto* entry = findNamespace(config, m_namespace, why);
        if (!entry || !upstreamExists(*entry, m_position, m_namespace, why))
            return false;
        auto it = at(entry->upstreams, static_cast<std::size_t>(m_position));
        m_upstream = std::move(*it);
        entry->upstreams.erase(it);
        return true;
    }

    std::unique_ptr<EditCommand> copy() const override
    {
        return std::make_unique<AddUpstreamCommand>(m_namespace, m_upstream, m_position);
    }

private:
    model::Upstream m_upstream;
    int m_position;
};

class RemoveUpstreamCommand final : public EditCommand
{
    Q_DECLARE_TR_FUNCTIONS(nsgate::ui::EditCommand)

public:
    RemoveUpstreamCommand(std::string ns, int index) : EditCommand(std::move(ns)), m_index(index)
    {
        setText(tr("Remove upstream %1 of %2").arg(m_index + 1).arg(qs(m_namespace)));
    }

protected:
    bool forward(model::MirrorConfig& config, QString* why) override
    {
        auto* entry = findNamespace(config, m_namespace, why);
        if (!entry || !upstreamExists(*entry, m_index, m_namespace, why))
            return false;
        auto it = at(entry->upstreams, static_cast<std::size_t>(m_index));
        m_upstream = std::move(*it);
        entry->upstreams.erase(it);
        return true;
    }

    bool backward(model::MirrorConfig& config, QString* why) override
    {
        auto* entry = findNamespace(config, m_namespace, why);
        if (!entry)
            return false;
        const std::size_t position = clampedPosition(m_index, entry->upstreams.size());
        entry->upstreams.insert(at(entry->upstreams, position), m_upstream);
        return true;
    }

    std::unique_ptr<EditCommand> copy() const override
    {
        auto twin = std::make_unique<RemoveUpstreamCommand>(m_namespace, m_index);
        twin->m_upstream = m_upstream;
        return twin;
    }

private:
    int m_index;
    model::Upstream m_upstream;
};

class MoveUpstreamCommand final : public EditCommand
{
    Q_DECLARE_TR_FUNCTIONS(nsgate::ui::EditCommand)

public:
    MoveUpstreamCommand(std::string ns, int from, int to) : EditCommand(std::move(ns)), m_from(from), m_to(to)
    {
        if (m_to == m_from - 1)
            setText(tr("Move upstream %1 of %2 up").arg(m_from + 1).arg(qs(m_namespace)));
        else if (m_to == m_from + 1)
            setText(tr("Move upstream %1 of %2 down").arg(m_from + 1).arg(qs(m_namespace)));
        else
            setText(tr("Move upstream %1 of %2 to position %3")
                        .arg(m_from + 1)
                        .arg(qs(m_namespace))
                        .arg(m_to + 1));
    }

protected:
    bool forward(model::MirrorConfig& config, QString* why) override
    {
        return move(config, m_from, m_to, why);
    }
    bool backward(model::MirrorConfig& config, QString* why) override
    {
        return move(config, m_to, m_from, why);
    }
    std::unique_ptr<EditCommand> copy() const override
    {
        return std::make_unique<MoveUpstreamCommand>(m_namespace, m_from, m_to);
    }
    bool changedNothing() const override { return m_from == m_to; }

private:
    bool move(model::MirrorConfig& config, int from, int to, QString* why)
    {
        auto* entry = findNamespace(config, m_namespace, why);
        if (!entry || !upstreamExists(*entry, from, m_namespace, why) ||
            !upstreamExists(*entry, to, m_namespace, why))
            return false;
        auto& list = entry->upstreams;
        const auto f = static_cast<std::size_t>(from);
        const auto t = static_cast<std::size_t>(to);
        if (f < t)
            std::rotate(at(list, f), at(list, f + 1), at(list, t + 1));
        else if (t < f)
            std::rotate(at(list, t), at(list, f), at(list, f + 1));
        return true;
    }

    int m_from;
    int m_to;
};

} // namespace

// ---- factories (the field setters are in SetFieldCommand.cpp) -----------------

namespace edit {

std::unique_ptr<EditCommand> addNamespace(model::NamespaceEntry entry, int position)
{
    return std::make_unique<AddNamespaceCommand>(std::move(entry), position);
}
std::unique_ptr<EditCommand> removeNamespace(std::string name)
{
    return std::make_unique<RemoveNamespaceCommand>(std::move(name));
}
std::unique_ptr<EditCommand> renameNamespace(std::string from, std::string to)
{
    return std::make_unique<RenameNamespaceCommand>(std::move(from), std::move(to));
}
std::unique_ptr<EditCommand> setDefaultNamespace(std::optional<std::string> name)
{
    return std::make_unique<SetDefaultNamespaceCommand>(std::move(name));
}
std::unique_ptr<EditCommand> addUpstream(std::string ns, model::Upstream upstream, int position)
{
    return std::make_unique<AddUpstreamCommand>(std::move(ns), std::move(upstream), position);
}
std::unique_ptr<EditCommand> removeUpstream(std::string ns, int index)
{
    return std::make_unique<RemoveUpstreamCommand>(std::move(ns), index);
}
std::unique_ptr<EditCommand> moveUpstream(std::string ns, int from, int to)
{
    return std::make_unique<MoveUpstreamCommand>(std::move(ns), from, to);
}

} // namespace edit

} // namespace nsgate::ui
