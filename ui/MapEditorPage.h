#pragma once

// The Namespaces page: a toolbar (add/remove namespace, filter, default
// namespace), the namespaces table next to the details pane of the selected
// one, and the validation panel below. Clicking a problem selects its
// namespace and focuses the offending field. With no namespaces at all the
// page shows a short hint and an "Add namespace" button instead of an empty
// table.

#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <string>
#include <vector>

class QAction;
class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace nsgate::ui {

class EditorDocument;
class NamespaceEditor;
class NamespacesModel;
class ValidationPanel;

class MapEditorPage : public QWidget
{
    Q_OBJECT

public:
    explicit MapEditorPage(QWidget* parent = nullptr);

    void setDocument(EditorDocument* document);
    EditorDocument* document() const { return m_document; }
    // Credential names the proxy has (for the upstream credential picker).
    void setCredentialNames(const QStringList& names);

    QAction* addNamespaceAction() const { return m_addAction; }
    QAction* removeNamespaceAction() const { return m_removeAction; }
    NamespacesModel* namespacesModel() const { return m_model; }
    NamespaceEditor* namespaceEditor() const { return m_editor; }
    ValidationPanel* validationPanel() const { return m_validation; }
    QTableView* namespacesTable() const { return m_table; }

    // The namespace selected in the table (empty when none).
    QString currentNamespace() const;
    // Selects a namespace's row (clearing a filter that hides it); false when absent.
    bool selectNamespace(const QString& name);

public slots:
    // Adds a namespace with a placeholder name, selects it and focuses its name.
    void addNamespace();
    void removeCurrentNamespace();
    // Selects the namespace of an issue pointer and focuses the field it names.
    bool showIssue(const QString& pointer);

signals:
    void currentNamespaceChanged(const QString& name);

private:
    void buildUi();
    void documentChanged();
    void currentRowChanged();
    void updateDefaultCombo();
    void defaultActivated(int index);

    QPointer<EditorDocument> m_document;
    NamespacesModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QAction* m_addAction = nullptr;
    QAction* m_removeAction = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QComboBox* m_defaultCombo = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_table = nullptr;
    NamespaceEditor* m_editor = nullptr;
    ValidationPanel* m_validation = nullptr;
    // What the default combo was filled from, to refill only when it changes.
    std::vector<std::string> m_comboNames;
    QString m_shownNamespace;
};

} // namespace nsgate::ui
