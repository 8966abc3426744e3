#pragma once

// The editable copy of one proxy's config. Every change goes through an
// EditCommand on the document's undo stack, so the stack is the single history
// of what the operator did: undo/redo, the modified marker (clean state) and
// the rebase after a 412 all work from it. Validation runs with the proxy's own
// rules after every change, so the console shows the errors a push would get.

#include "core/model/ConfigValidator.h"
#include "core/model/Issue.h"
#include "core/model/MirrorConfig.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

class QUndoStack;

namespace nsgate::ui {

class EditCommand;

// Where an issue's JSON pointer points, split into the parts the editor maps to
// rows and widgets: "/namespaces/3/upstreams/1/url" -> namespace 3, section
// "upstreams", upstream 1, field "url".
struct IssuePlace
{
    int namespaceIndex = -1; // -1: a document-level field ("defaultNamespace")
    QString section;         // "namespace", "aliases", "upstreams", "policy", or the top-level field
    int upstreamIndex = -1;  // for section "upstreams"
    QString field;           // upstream or policy field ("url", "tagTtlSeconds", "allow")
    int item = -1;           // index within a list (aliases, allow, deny)
};

IssuePlace parseIssuePointer(std::string_view pointer);

class EditorDocument : public QObject
{
    Q_OBJECT

public:
    explicit EditorDocument(QObject* parent = nullptr);
    ~EditorDocument() override;

    // base.revision = the proxy's revision; clears the undo stack.
    void load(model::MirrorConfig base);
    // What the proxy had when loaded (or after the last push / rebase).
    const model::MirrorConfig& base() const { return m_base; }
    // base + the edits currently applied.
    const model::MirrorConfig& current() const { return m_current; }
    // Clean state == current() equals what was loaded or pushed.
    QUndoStack* undoStack() const { return m_undoStack; }
    // validateConfig(current()) after every change.
    const model::Issues& issues() const { return m_issues; }
    // Indexes into issues() of the problems located inside namespace `index`.
    const std::vector<int>& issuesOfNamespace(int index) const;
    bool isModified() const;

    // Replays every edit that is currently applied (the undo stack from its clean
    // index up to its index) onto `newBase` and makes that the new base; the undo
    // stack then holds exactly the replayed edits. Returns the edits that could not
    // be applied ("<undo text>: <reason>").
    QStringList rebase(model::MirrorConfig newBase);
    // After a successful push: new base, stack set clean (history kept for undo).
    void markPushed(model::MirrorConfig stored);

    // Credential names the proxy has; when set, an upstream naming another one is
    // an issue. nullopt when unknown (offline).
    void setKnownCredentials(std::optional<std::set<std::string>> names);

    // Applies `command` and records it on the undo stack (merging typing into the
    // previous step). False, with the reason in `why`, when it does not fit the
    // current document (e.g. a rename onto an existing name); nothing changes then.
    // A command that changes nothing is applied but leaves no undo step.
    bool push(std::unique_ptr<EditCommand> command, QString* why = nullptr);
    // Ends the current typing run: the next edit of the same field is a new undo
    // step. Editors call it when a field loses focus or the selection changes.
    void sealEdits() { ++m_generation; }

signals:
    // current() or issues() changed (any edit, undo, redo, load, rebase).
    void changed();
    // issues() differ from before; emitted before changed().
    void issuesChanged();
    // A namespace changed its name (edit, undo or redo), so views keyed by name
    // can follow it. Emitted before changed().
    void namespaceRenamed(const QString& from, const QString& to);

private:
    friend class EditCommand;

    // Called by commands after they changed m_current on the live stack.
    void commandApplied(bool ok, bool changed, const QString& why);
    // Runs the validator; true when the issues differ from before.
    bool revalidate();
    void notify(bool issuesDiffer);

    model::MirrorConfig m_base;
    model::MirrorConfig m_current;
    model::Issues m_issues;
    std::vector<std::vector<int>> m_issuesByNamespace;
    std::optional<std::set<std::string>> m_knownCredentials;
    QUndoStack* m_undoStack = nullptr;
    std::uint64_t m_generation = 1;
    // Outcome of the command being pushed right now (redo runs inside QUndoStack::push).
    bool m_lastApplied = false;
    QString m_lastFailure;
    bool m_quiet = false; // rebase replays without a signal per command
};

} // namespace nsgate::ui
