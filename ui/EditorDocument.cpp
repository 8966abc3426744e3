#include "ui/EditorDocument.h"

#include "ui/EditCommands.h"

#include <QUndoStack>
#include <charconv>

namespace nsgate::ui {

namespace {

int parseIndex(std::string_view token)
{
    int value = -1;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error != std::errc() || end != token.data() + token.size() || token.empty())
        return -1;
    return value;
}

std::vector<QString> pointerTokens(std::string_view pointer)
{
    std::vector<QString> tokens;
    if (pointer.empty() || pointer.front() != '/')
        return tokens;
    std::size_t start = 1;
    while (true) {
        const std::size_t slash = pointer.find('/', start);
        QString token = QString::fromUtf8(pointer.substr(start, slash - start));
        // RFC 6901: "~1" first, then "~0", so "~01" reads as "~1".
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
        tokens.push_back(std::move(token));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return tokens;
}

// The namespace index of "/namespaces/<n>/...", without building strings: this
// runs for every issue after every edit.
int namespaceIndexOf(std::string_view pointer)
{
    constexpr std::string_view prefix = "/namespaces/";
    if (!pointer.starts_with(prefix))
        return -1;
    const std::string_view rest = pointer.substr(prefix.size());
    return parseIndex(rest.substr(0, rest.find('/')));
}

} // namespace

IssuePlace parseIssuePointer(std::string_view pointer)
{
    IssuePlace place;
    const auto tokens = pointerTokens(pointer);
    if (tokens.empty())
        return place;
    const auto number = [&](std::size_t i) {
        return i < tokens.size() ? parseIndex(tokens[i].toStdString()) : -1;
    };
    if (tokens[0] != QLatin1String("namespaces") || tokens.size() < 2) {
        place.section = tokens[0];
        return place;
    }
    place.namespaceIndex = number(1);
    if (tokens.size() < 3)
        return place;
    place.section = tokens[2];
    if (place.section == QLatin1String("upstreams")) {
        place.upstreamIndex = number(3);
        if (tokens.size() > 4)
            place.field = tokens[4];
    } else if (place.section == QLatin1String("aliases")) {
        place.item = number(3);
    } else if (place.section == QLatin1String("policy") && tokens.size() > 3) {
        place.field = tokens[3];
        place.item = number(4);
    }
    return place;
}

EditorDocument::EditorDocument(QObject* parent) : QObject(parent), m_undoStack(new QUndoStack(this))
{
    m_undoStack->setObjectName(QStringLiteral("editorUndoStack"));
    revalidate();
}

EditorDocument::~EditorDocument()
{
    // Commands reach back into the document; delete them while it is whole.
    m_undoStack->clear();
}

void EditorDocument::load(model::MirrorConfig base)
{
    m_undoStack->clear();
    sealEdits();
    m_base = base;
    m_current = std::move(base);
    notify(revalidate());
}

const std::vector<int>& EditorDocument::issuesOfNamespace(int index) const
{
    static const std::vector<int> none;
    if (index < 0 || static_cast<std::size_t>(index) >= m_issuesByNamespace.size())
        return none;
    return m_issuesByNamespace[static_cast<std::size_t>(index)];
}

bool EditorDocument::isModified() const
{
    return !m_undoStack->isClean();
}

bool EditorDocument::push(std::unique_ptr<EditCommand> command, QString* why)
{
    Q_ASSERT(command);
    command->m_document = this;
    command->m_generation = m_generation;
    m_lastApplied = false;
    m_lastFailure.clear();
    // QUndoStack::push runs redo(), which reports back through commandApplied().
    m_undoStack->push(command.release());
    if (!m_lastApplied && why)
        *why = m_lastFailure;
    return m_lastApplied;
}

QStringList EditorDocument::rebase(model::MirrorConfig newBase)
{
    // The edits on top of the base: from the clean index up to the current index,
    // or, when the operator undid past a push, the inverses of the undone ones.
    // Without a clean state (it was discarded by a new edit after undoing past a
    // push) every applied edit is replayed: the best the history can tell.
    std::vector<std::unique_ptr<EditCommand>> replay;
    const auto collect = [&replay](const QUndoCommand* command, bool inverted, const auto& self) -> void {
        if (const auto* edit = dynamic_cast<const EditCommand*>(command)) {
            replay.push_back(edit->clone(inverted));
            return;
        }
        // A macro: its children, in the order that replays it.
        const int n = command->childCount();
        for (int i = 0; i < n; ++i)
            self(command->child(inverted ? n - 1 - i : i), inverted, self);
    };
    const int index = m_undoStack->index();
    const int clean = m_undoStack->cleanIndex() < 0 ? 0 : m_undoStack->cleanIndex();
    if (clean <= index) {
        for (int i = clean; i < index; ++i)
            collect(m_undoStack->command(i), false, collect);
    } else {
        for (int i = clean - 1; i >= index; --i)
            collect(m_undoStack->command(i), true, collect);
    }

    m_quiet = true;
    m_undoStack->clear();
    m_base = newBase;
    m_current = std::move(newBase);
    QStringList failed;
    for (auto& command : replay) {
        const QString text = command->text();
        QString why;
        sealEdits(); // replayed steps stay separate steps
        if (!push(std::move(command), &why))
            failed << tr("%1: %2").arg(text, why);
    }
    sealEdits();
    m_quiet = false;
    notify(revalidate());
    return failed;
}

void EditorDocument::markPushed(model::MirrorConfig stored)
{
    m_base = stored;
    m_current = std::move(stored);
    m_undoStack->setClean();
    sealEdits();
    notify(revalidate());
}

void EditorDocument::setKnownCredentials(std::optional<std::set<std::string>> names)
{
    m_knownCredentials = std::move(names);
    if (revalidate())
        notify(true);
}

void EditorDocument::commandApplied(bool ok, bool changed, const QString& why)
{
    m_lastApplied = ok;
    if (!ok)
        m_lastFailure = why;
    if (ok && changed && !m_quiet)
        notify(revalidate());
}

bool EditorDocument::revalidate()
{
    model::ValidationContext context;
    if (m_knownCredentials)
        context.knownCredentials = &*m_knownCredentials;
    model::Issues issues = model::validateConfig(m_current, context);
    const bool differ = issues != m_issues;
    m_issues = std::move(issues);

    m_issuesByNamespace.resize(m_current.namespaces.size());
    for (auto& list : m_issuesByNamespace)
        list.clear();
    for (std::size_t i = 0; i < m_issues.size(); ++i) {
        const int ns = namespaceIndexOf(m_issues[i].pointer);
        if (ns >= 0 && static_cast<std::size_t>(ns) < m_issuesByNamespace.size())
            m_issuesByNamespace[static_cast<std::size_t>(ns)].push_back(static_cast<int>(i));
    }
    return differ;
}

void EditorDocument::notify(bool issuesDiffer)
{
    if (issuesDiffer)
        emit issuesChanged();
    emit changed();
}

} // namespace nsgate::ui
