#pragma once

// Details pane of the map editor: everything about one namespace (name,
// aliases, the ordered upstreams through UpstreamEditor, the trust policy). Each widget edit is one document
// command; typing into a field merges into one undo step until the field loses focus. The widgets follow the
// document (undo, redo, rebase) and show the validator's problems of this namespace as a red frame with the
// message as tooltip.

#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <map>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QScrollArea;
class QSpinBox;

namespace nsgate::ui {

class EditorDocument;
class EditCommand;
class UpstreamEditor;
struct IssuePlace;

class NamespaceEditor : public QWidget
{
    Q_OBJECT

public:
    explicit NamespaceEditor(QWidget* parent = nullptr);

    void setDocument(EditorDocument* document);
    // The namespace shown (by name; renames are followed). Empty shows nothing.
    void setNamespace(const QString& name);
    const QString& namespaceName() const { return m_namespace; }
    // Names offered by the credential picker (the proxy's stored credentials).
    void setCredentialNames(const QStringList& names);

    // The upstream whose fields the form shows, -1 when none.
    int currentUpstream() const;
    void setCurrentUpstream(int row);

    // Shows and focuses the field an issue pointer of this namespace names
    // (selecting its upstream or list line first); false when it names none here.
    bool focusIssue(const QString& pointer);

    // Focuses the name field with its text selected (after "Add namespace").
    void editName();

    UpstreamEditor* upstreamEditor() const { return m_upstreams; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildUi();
    void connectEdits();
    void refresh();
    void markIssues();
    QWidget* widgetFor(const IssuePlace& place) const;
    void commitName();
    void showMessage(const QString& text);
    // Pushes an edit of this namespace; `typing` keeps it mergeable with the
    // previous edit of the same field.
    bool pushEdit(std::unique_ptr<EditCommand> command, bool typing = true);
    int namespaceIndex() const;

    QPointer<EditorDocument> m_document;
    QString m_namespace;
    bool m_updating = false; // true while refresh() writes into the widgets
    std::map<QWidget*, QString> m_baseToolTips;

    QScrollArea* m_scroll = nullptr;
    QWidget* m_content = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_message = nullptr;
    QLineEdit* m_nameEdit = nullptr;
    QPlainTextEdit* m_aliasesEdit = nullptr;
    UpstreamEditor* m_upstreams = nullptr;
    QPlainTextEdit* m_allowEdit = nullptr;
    QPlainTextEdit* m_denyEdit = nullptr;
    QComboBox* m_tagsCombo = nullptr;
    QSpinBox* m_ttlSpin = nullptr;
    QCheckBox* m_serveStale = nullptr;
    QComboBox* m_missingCombo = nullptr;
};

} // namespace nsgate::ui
