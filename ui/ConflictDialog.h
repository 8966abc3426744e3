#pragma once

// Shown when a push got 412: someone else stored a config since the document
// was loaded. Their version and the operator's sit side by side with the
// changed lines highlighted, above a summary of who changed what. Three ways
// out: take theirs (local edits are dropped), re-apply the local edits on top
// of theirs (what could not be re-applied is listed here; the result is then
// reviewed and pushed again), or cancel (nothing changes). Nothing is ever
// overwritten from here: the next push goes through review again.

#include "core/model/MirrorConfig.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace nsgate::ui {

class EditorDocument;

class ConflictDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Choice
    {
        TakeTheirs,
        Reapply,
        Cancel
    };
    Q_ENUM(Choice)

    explicit ConflictDialog(EditorDocument* document, QWidget* parent = nullptr);

    // `proxyName` is what the operator calls the proxy; `theirs` its current
    // config (revision set).
    void setConflict(const QString& proxyName, const model::MirrorConfig& theirs);
    const model::MirrorConfig& theirs() const { return m_theirs; }

    // After "Re-apply": the edits that could not be re-applied.
    const QStringList& rebaseFailures() const { return m_failures; }

signals:
    void choice(nsgate::ui::ConflictDialog::Choice choice);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scrollToFirstChange();
    void takeTheirs();
    void reapply();
    void cancelConflict();
    void showVersions();

    QPointer<EditorDocument> m_document;
    model::MirrorConfig m_theirs;
    QStringList m_failures;
    bool m_resolved = false;
    int m_firstChange = -1; // first changed row other than the revision line

    QLabel* m_headline = nullptr;
    QLabel* m_summary = nullptr;
    QPlainTextEdit* m_theirsView = nullptr;
    QPlainTextEdit* m_yoursView = nullptr;
    QLabel* m_outcome = nullptr;
    QListWidget* m_failureList = nullptr;
    QPushButton* m_takeTheirs = nullptr;
    QPushButton* m_reapply = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace nsgate::ui
