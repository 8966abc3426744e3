#pragma once

// The ordered upstream list of one namespace with the form of the selected
// upstream (URL, credential, CA, TLS verification, ns forwarding, repository
// prefix). Part of NamespaceEditor; every edit is one document command and
// typing into a field merges into one undo step until the field loses focus.

#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace nsgate::ui {

class EditCommand;
class EditorDocument;
class UpstreamsModel;
struct IssuePlace;

class UpstreamEditor : public QWidget
{
    Q_OBJECT

public:
    explicit UpstreamEditor(QWidget* parent = nullptr);

    void setDocument(EditorDocument* document);
    void setNamespace(const QString& name);
    void setCredentialNames(const QStringList& names);

    // The upstream whose fields the form shows, -1 when none.
    int currentUpstream() const;
    void setCurrentUpstream(int row);
    // The widget that shows an upstream issue: the form's field for the selected
    // upstream, the list for the others; null for other sections.
    QWidget* widgetFor(const IssuePlace& place) const;
    // Every widget that can be marked invalid.
    QList<QWidget*> markableWidgets() const;

public slots:
    void addUpstream();
    void removeUpstream();
    void moveUpstreamUp();
    void moveUpstreamDown();
    // Opens a file dialog (open(), not exec()) and loads the chosen PEM file.
    void chooseCaFile();
    // Reads a PEM file into the selected upstream's CA; false when it cannot be read.
    bool loadCaFromFile(const QString& path);

signals:
    void currentUpstreamChanged(int row);
    // Why the last edit was refused; empty after one that applied.
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildUi();
    void connectEdits();
    void refresh();
    void updateButtons();
    bool pushEdit(std::unique_ptr<EditCommand> command, bool typing = true);
    std::string ns() const { return m_namespace.toStdString(); }

    QPointer<EditorDocument> m_document;
    QString m_namespace;
    UpstreamsModel* m_model = nullptr;
    bool m_updating = false; // true while refresh() writes into the widgets

    QTableView* m_view = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_moveUp = nullptr;
    QPushButton* m_moveDown = nullptr;
    QWidget* m_form = nullptr;
    QLineEdit* m_urlEdit = nullptr;
    QComboBox* m_credentialCombo = nullptr;
    QPlainTextEdit* m_caEdit = nullptr;
    QPushButton* m_loadCa = nullptr;
    QCheckBox* m_tlsVerify = nullptr;
    QCheckBox* m_forwardNs = nullptr;
    QLineEdit* m_prefixEdit = nullptr;
};

} // namespace nsgate::ui
