#include "ui/MapEditorPage.h"

#include "ui/StatusColors.h"
#include "core/client/MessageText.h"
#include "core/model/ConfigValidator.h"
#include "ui/EditCommands.h"
#include "ui/EditorDocument.h"
#include "ui/NamespaceEditor.h"
#include "ui/NamespacesModel.h"
#include "ui/ValidationPanel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace nsgate::ui {

namespace {

// Tags and TTL cells edit with the same controls as the details pane, so a
// cell can only be given a value the field can hold.
class NamespaceCellDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override
    {
        if (index.column() == NamespacesModel::Tags) {
            auto* combo = new QComboBox(parent);
            for (auto mode : {model::TagMode::Primary, model::TagMode::Any, model::TagMode::DigestOnly})
                combo->addItem(QString::fromUtf8(model::toString(mode)));
            return combo;
        }
        if (index.column() == NamespacesModel::Ttl) {
            auto* spin = new QSpinBox(parent);
            spin->setRange(0, static_cast<int>(model::kMaxTagTtlSeconds));
            return spin;
        }
        return QStyledItemDelegate::createEditor(parent, option, index);
    }

    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        if (auto* combo = qobject_cast<QComboBox*>(editor))
            combo->setCurrentText(index.data(Qt::EditRole).toString());
        else if (auto* spin = qobject_cast<QSpinBox*>(editor))
            spin->setValue(static_cast<int>(index.data(Qt::EditRole).toLongLong()));
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }

    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        if (auto* combo = qobject_cast<QComboBox*>(editor))
            model->setData(index, combo->currentText());
        else if (auto* spin = qobject_cast<QSpinBox*>(editor))
            model->setData(index, QVariant::fromValue<qlonglong>(spin->value()));
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};

} // namespace

MapEditorPage::MapEditorPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("mapEditorPage"));
    m_model = new NamespacesModel(this);
    m_model->setObjectName(QStringLiteral("namespacesModel"));
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setObjectName(QStringLiteral("namespacesFilterModel"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    buildUi();
    documentChanged();
}

void MapEditorPage::buildUi()
{
    auto* layout = new QVBoxLayout(this);
    auto* toolBar = new QToolBar(tr("Namespaces"));
    toolBar->setObjectName(QStringLiteral("mapEditorToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_addAction =
        toolBar->addAction(style()->standardIcon(QStyle::SP_FileDialogNewFolder), tr("&Add namespace"));
    m_addAction->setObjectName(QStringLiteral("addNamespaceAction"));
    m_addAction->setToolTip(tr("Add a namespace (a registry clients name with ns)"));
    m_removeAction = toolBar->addAction(style()->standardIcon(QStyle::SP_TrashIcon), tr("&Remove namespace"));
    m_removeAction->setObjectName(QStringLiteral("removeNamespaceAction"));
    m_removeAction->setToolTip(tr("Remove the selected namespace (undoable)"));
    toolBar->widgetForAction(m_addAction)->setObjectName(QStringLiteral("addNamespaceButton"));
    toolBar->widgetForAction(m_removeAction)->setObjectName(QStringLiteral("removeNamespaceButton"));
    toolBar->addSeparator();
    m_filterEdit = new QLineEdit;
    m_filterEdit->setObjectName(QStringLiteral("namespaceFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter namespaces"));
    m_filterEdit->setAccessibleName(tr("Filter namespaces"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMaximumWidth(240);
    toolBar->addWidget(m_filterEdit);
    toolBar->addSeparator();
    auto* defaultLabel = new QLabel(tr("Default namespace:"));
    toolBar->addWidget(defaultLabel);
    m_defaultCombo = new QComboBox;
    m_defaultCombo->setObjectName(QStringLiteral("defaultNamespaceCombo"));
    m_defaultCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_defaultCombo->setMinimumContentsLength(18);
    m_defaultCombo->setToolTip(tr("The namespace assumed for requests without ns (docker, skopeo)"));
    defaultLabel->setBuddy(m_defaultCombo);
    toolBar->addWidget(m_defaultCombo);
    layout->addWidget(toolBar);

    m_stack = new QStackedWidget;
    m_stack->setObjectName(QStringLiteral("mapEditorStack"));
    auto* empty = new QWidget;
    empty->setObjectName(QStringLiteral("emptyStatePage"));
    auto* emptyLayout = new QVBoxLayout(empty);
    auto* hint = new QLabel(tr("No namespaces yet. A namespace maps a registry name that clients use "
                               "(docker.io, ghcr.io, …) to the upstreams nsgate pulls it from."));
    hint->setObjectName(QStringLiteral("emptyStateHint"));
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    auto* emptyAdd = new QPushButton(tr("Add namespace"));
    emptyAdd->setObjectName(QStringLiteral("emptyStateAddButton"));
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(hint);
    emptyLayout->addWidget(emptyAdd, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    m_stack->addWidget(empty);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("namespacesTable"));
    m_table->setAccessibleName(tr("Namespaces"));
    m_table->setTabKeyNavigation(false);   // Tab moves on; arrows move between cells
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new NamespaceCellDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    // Fixed section sizes: sizing to contents would measure every one of thousands of rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(NamespacesModel::Namespace, 200);
    m_table->setColumnWidth(NamespacesModel::Aliases, 180);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // document order until asked
    m_table->setSortingEnabled(true);
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(m_removeAction);

    m_editor = new NamespaceEditor;
    auto* split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("mapEditorSplitter"));
    split->addWidget(m_table);
    split->addWidget(m_editor);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({520, 480});
    m_stack->addWidget(split);

    m_validation = new ValidationPanel;
    auto* vertical = new QSplitter(Qt::Vertical);
    vertical->setObjectName(QStringLiteral("mapEditorVerticalSplitter"));
    vertical->addWidget(m_stack);
    vertical->addWidget(m_validation);
    vertical->setStretchFactor(0, 4);
    vertical->setStretchFactor(1, 1);
    vertical->setSizes({560, 120});
    layout->addWidget(vertical, 1);

    connect(m_addAction, &QAction::triggered, this, &MapEditorPage::addNamespace);
    connect(emptyAdd, &QPushButton::clicked, this, &MapEditorPage::addNamespace);
    connect(m_removeAction, &QAction::triggered, this, &MapEditorPage::removeCurrentNamespace);
    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_defaultCombo, &QComboBox::activated, this, &MapEditorPage::defaultActivated);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MapEditorPage::currentRowChanged);
    connect(m_validation, &ValidationPanel::issueActivated, this, &MapEditorPage::showIssue);
    // The selection follows an inserted namespace (add, undo of a remove), so
    // the operator sees what undo/redo brought back. Source rows: a filter
    // change inserts proxy rows but must not move the selection.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(first, 0));
        if (index.isValid())
            m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                  QItemSelectionModel::Rows);
    });
}

void MapEditorPage::setDocument(EditorDocument* document)
{
    if (document == m_document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    // The parts update before the page, so documentChanged() sees their state.
    m_model->setDocument(document);
    m_editor->setDocument(document);
    m_validation->setDocument(document);
    if (m_document)
        connect(m_document, &EditorDocument::changed, this, &MapEditorPage::documentChanged);
    m_editor->setNamespace({});
    documentChanged();
    if (m_proxy->rowCount() > 0)
        m_table->setCurrentIndex(m_proxy->index(0, 0));
}

void MapEditorPage::setCredentialNames(const QStringList& names)
{
    m_editor->setCredentialNames(names);
}

QString MapEditorPage::currentNamespace() const
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    return current.isValid() ? m_model->namespaceAt(current.row()) : QString();
}

bool MapEditorPage::selectNamespace(const QString& name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_filterEdit->clear();
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void MapEditorPage::addNamespace()
{
    EditorDocument* document = m_document;
    if (!document)
        return;
    // A placeholder that is free and valid, so the only problem shown is the
    // missing upstream the operator adds next.
    std::string name = "registry.example.com";
    for (int n = 2; m_model->rowOf(QString::fromStdString(name)) >= 0; ++n)
        name = "registry" + std::to_string(n) + ".example.com";
    model::NamespaceEntry entry;
    entry.name = name;
    document->sealEdits();
    if (!document->push(edit::addNamespace(std::move(entry))))
        return;
    document->sealEdits();
    selectNamespace(QString::fromStdString(name));
    m_editor->editName();
}

void MapEditorPage::removeCurrentNamespace()
{
    const QString name = currentNamespace();
    EditorDocument* document = m_document;
    if (!document || name.isEmpty())
        return;
    document->sealEdits();
    document->push(edit::removeNamespace(name.toStdString()));
    document->sealEdits();
}

bool MapEditorPage::showIssue(const QString& pointer)
{
    if (!m_document)
        return false;
    const IssuePlace place = parseIssuePointer(pointer.toStdString());
    if (place.namespaceIndex < 0) {
        if (place.section == QLatin1String("defaultNamespace")) {
            m_defaultCombo->setFocus(Qt::OtherFocusReason);
            return true;
        }
        return false;
    }
    if (!selectNamespace(m_model->namespaceAt(place.namespaceIndex)))
        return false;
    if (m_editor->focusIssue(pointer))
        return true;
    // A problem without a field of its own in the pane: focus its cell.
    const int column = NamespacesModel::columnForIssue(place.section, place.field);
    m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(place.namespaceIndex, column)));
    m_table->setFocus(Qt::OtherFocusReason);
    return true;
}

void MapEditorPage::documentChanged()
{
    const EditorDocument* document = m_document;
    const bool empty = !document || document->current().namespaces.empty();
    m_stack->setCurrentIndex(empty ? 0 : 1);
    m_addAction->setEnabled(m_document != nullptr);
    m_removeAction->setEnabled(!currentNamespace().isEmpty());
    m_defaultCombo->setEnabled(m_document != nullptr);
    updateDefaultCombo();
    // Undo of an add or redo of a remove can take the selected row away.
    currentRowChanged();
}

void MapEditorPage::currentRowChanged()
{
    const QString name = currentNamespace();
    m_removeAction->setEnabled(!name.isEmpty());
    m_editor->setNamespace(name);
    if (name != m_shownNamespace) {
        m_shownNamespace = name;
        emit currentNamespaceChanged(name);
    }
}

void MapEditorPage::updateDefaultCombo()
{
    std::vector<std::string> names;
    std::optional<std::string> current;
    const EditorDocument* document = m_document;
    if (document) {
        names.reserve(document->current().namespaces.size());
        for (const auto& entry : document->current().namespaces)
            names.push_back(entry.name);
        current = document->current().defaultNamespace;
    }
    // A default naming no namespace stays visible (the validator reports it).
    if (current && std::find(names.begin(), names.end(), *current) == names.end())
        names.push_back(*current);
    if (names != m_comboNames) {
        // Refilled only when the names change: thousands of items are not free.
        m_comboNames = names;
        m_defaultCombo->clear();
        m_defaultCombo->addItem(tr("(none)"));
        QStringList items;
        items.reserve(static_cast<qsizetype>(names.size()));
        for (const auto& name : names)
            items << QString::fromStdString(name);
        m_defaultCombo->addItems(items);
    }
    int index = 0;
    if (current) {
        const auto it = std::find(m_comboNames.begin(), m_comboNames.end(), *current);
        index = static_cast<int>(it - m_comboNames.begin()) + 1;
    }
    m_defaultCombo->setCurrentIndex(index);

    QString problems;
    if (document) {
        for (const auto& issue : document->issues()) {
            if (issue.pointer == "/defaultNamespace")
                problems += client::translated(issue);
        }
    }
    m_defaultCombo->setProperty("invalid", !problems.isEmpty());
    m_defaultCombo->setStyleSheet(
        problems.isEmpty() ? QString() : invalidBorderStyle(QStringLiteral("QComboBox")));
    m_defaultCombo->setToolTip(
        problems.isEmpty() ? tr("The namespace assumed for requests without ns (docker, skopeo)") : problems);
}

void MapEditorPage::defaultActivated(int index)
{
    EditorDocument* document = m_document;
    if (!document)
        return;
    std::optional<std::string> name;
    if (index > 0 && static_cast<std::size_t>(index - 1) < m_comboNames.size())
        name = m_comboNames[static_cast<std::size_t>(index - 1)];
    document->sealEdits();
    document->push(edit::setDefaultNamespace(std::move(name)));
    document->sealEdits();
}

} // namespace nsgate::ui
