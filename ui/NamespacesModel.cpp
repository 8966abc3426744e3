#include "ui/NamespacesModel.h"

#include "ui/StatusColors.h"
#include "ui/RowAlignment.h"

#include "core/client/MessageText.h"
#include "ui/EditCommands.h"
#include "ui/EditorDocument.h"

#include <QApplication>
#include <QBrush>
#include <QIcon>
#include <QPalette>
#include <QStyle>

namespace nsgate::ui {

namespace {

QIcon warningIcon()
{
    // Only a QApplication has a style; a model used from a core-only program shows no icon.
    if (auto* app = qobject_cast<QApplication*>(QCoreApplication::instance()))
        return app->style()->standardIcon(QStyle::SP_MessageBoxWarning);
    return {};
}

void appendLine(QString& text, const QString& line)
{
    if (!text.isEmpty())
        text += QLatin1Char('\n');
    text += line;
}

} // namespace

NamespacesModel::NamespacesModel(QObject* parent) : QAbstractTableModel(parent) {}

void NamespacesModel::setDocument(EditorDocument* document)
{
    if (document == m_document)
        return;
    beginResetModel();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &EditorDocument::changed, this, &NamespacesModel::sync);
        connect(m_document, &QObject::destroyed, this, [this] {
            beginResetModel();
            m_rows.clear();
            endResetModel();
        });
    }
    m_rows = buildRows();
    endResetModel();
}

QString NamespacesModel::namespaceAt(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_rows.size())
        return {};
    return m_rows[static_cast<std::size_t>(row)].name;
}

int NamespacesModel::rowOf(const QString& name) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].name == name)
            return static_cast<int>(i);
    }
    return -1;
}

int NamespacesModel::problemCountAt(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_rows.size())
        return 0;
    return m_rows[static_cast<std::size_t>(row)].problems;
}

int NamespacesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int NamespacesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NamespacesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RowView& row = m_rows[static_cast<std::size_t>(index.row())];
    const auto column = static_cast<Column>(index.column());
    const QString& messages = row.messages[static_cast<std::size_t>(column)];

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Namespace:
            return row.name;
        case Aliases:
            return row.aliases;
        case Upstreams:
            return row.upstreams;
        case Tags:
            return row.tags;
        case Ttl:
            return tr("%1 s").arg(row.ttl);
        case State:
            return row.problems == 0 ? tr("ok") : tr("%n problem(s)", nullptr, row.problems);
        case ColumnCount:
            break;
        }
        break;
    case Qt::EditRole:
        switch (column) {
        case Namespace:
            return row.name;
        case Tags:
            return row.tags;
        case Ttl:
            return QVariant::fromValue<qlonglong>(row.ttl);
        default:
            return data(index, Qt::DisplayRole);
        }
        break;
    case Qt::ToolTipRole:
        return messages.isEmpty() ? QVariant() : QVariant(messages);
    case Qt::ForegroundRole:
        if (!messages.isEmpty())
            return QBrush(errorTextColor());
        break;
    case Qt::DecorationRole:
        if (!messages.isEmpty() && (column == Namespace || column == State))
            return warningIcon();
        break;
    case Qt::TextAlignmentRole:
        if (column == Upstreams || column == Ttl)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant NamespacesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Namespace:
        return tr("Namespace");
    case Aliases:
        return tr("Aliases");
    case Upstreams:
        return tr("Upstreams");
    case Tags:
        return tr("Tags");
    case Ttl:
        return tr("Tag TTL");
    case State:
        return tr("State");
    default:
        return {};
    }
}

Qt::ItemFlags NamespacesModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    const int column = index.column();
    if (column == Namespace || column == Tags || column == Ttl)
        result |= Qt::ItemIsEditable;
    return result;
}

bool NamespacesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    EditorDocument* document = m_document;
    if (role != Qt::EditRole || !document || !index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const std::string name = m_rows[static_cast<std::size_t>(index.row())].name.toStdString();
    std::unique_ptr<EditCommand> command;
    switch (index.column()) {
    case Namespace: {
        const QString to = value.toString().trimmed();
        if (to.isEmpty())
            return false;
        command = edit::renameNamespace(name, to.toStdString());
        break;
    }
    case Tags: {
        const auto mode = model::tagModeFromString(value.toString().trimmed().toStdString());
        if (!mode)
            return false;
        command = edit::setTagMode(name, *mode);
        break;
    }
    case Ttl: {
        bool ok = false;
        const qlonglong seconds = value.toLongLong(&ok);
        if (!ok)
            return false;
        command = edit::setTagTtl(name, seconds);
        break;
    }
    default:
        return false;
    }
    // A cell edit is one step of its own, never folded into typing elsewhere.
    document->sealEdits();
    const bool applied = document->push(std::move(command));
    document->sealEdits();
    return applied;
}

NamespacesModel::Column NamespacesModel::columnForIssue(const QString& section, const QString& field)
{
    if (section == QLatin1String("namespace"))
        return Namespace;
    if (section == QLatin1String("aliases"))
        return Aliases;
    if (section == QLatin1String("upstreams"))
        return Upstreams;
    if (section == QLatin1String("policy") && field == QLatin1String("tags"))
        return Tags;
    if (section == QLatin1String("policy") && field == QLatin1String("tagTtlSeconds"))
        return Ttl;
    return State;
}

std::vector<NamespacesModel::RowView> NamespacesModel::buildRows() const
{
    std::vector<RowView> rows;
    const EditorDocument* document = m_document;
    if (!document)
        return rows;
    const auto& config = document->current();
    const auto& issues = document->issues();
    rows.resize(config.namespaces.size());
    for (std::size_t i = 0; i < config.namespaces.size(); ++i) {
        const auto& entry = config.namespaces[i];
        RowView& row = rows[i];
        row.name = QString::fromStdString(entry.name);
        for (const auto& alias : entry.aliases) {
            if (!row.aliases.isEmpty())
                row.aliases += QLatin1String(", ");
            row.aliases += QString::fromStdString(alias);
        }
        row.upstreams = static_cast<int>(entry.upstreams.size());
        row.tags = QString::fromUtf8(model::toString(entry.policy.tags));
        row.ttl = entry.policy.tagTtlSeconds;
        const auto& mine = document->issuesOfNamespace(static_cast<int>(i));
        row.problems = static_cast<int>(mine.size());
        for (int issueIndex : mine) {
            const auto& issue = issues[static_cast<std::size_t>(issueIndex)];
            const IssuePlace place = parseIssuePointer(issue.pointer);
            const QString message = client::translated(issue);
            const Column column = columnForIssue(place.section, place.field);
            appendLine(row.messages[static_cast<std::size_t>(column)], message);
            if (column != State)
                appendLine(row.messages[State], message);
        }
    }
    return rows;
}

void NamespacesModel::sync()
{
    std::vector<RowView> rows = buildRows();

    // Rows are namespaces, known by name: align old and new by name, turn the
    // part that differs into one removal and/or one insertion, then report the
    // rows whose content changed.
    const std::size_t newCount = rows.size();
    const auto [prefix, oldBlock, newBlock] =
        alignRows(m_rows, rows, [](const RowView& a, const RowView& b) { return a.name == b.name; });
    const auto first = static_cast<int>(prefix);

    if (oldBlock != newBlock) {
        if (oldBlock > 0) {
            beginRemoveRows({}, first, first + static_cast<int>(oldBlock) - 1);
            m_rows.erase(m_rows.begin() + first,
                         m_rows.begin() + first + static_cast<std::ptrdiff_t>(oldBlock));
            endRemoveRows();
        }
        if (newBlock > 0) {
            beginInsertRows({}, first, first + static_cast<int>(newBlock) - 1);
            m_rows.insert(m_rows.begin() + first, rows.begin() + first,
                          rows.begin() + first + static_cast<std::ptrdiff_t>(newBlock));
            endInsertRows();
        }
    }

    // Same names at the same places now (a same-sized block is renames); emit
    // one dataChanged per run of changed rows.
    int runStart = -1;
    for (std::size_t i = 0; i <= newCount; ++i) {
        const bool differs = i < newCount && !(m_rows[i] == rows[i]);
        if (differs) {
            m_rows[i] = std::move(rows[i]);
            if (runStart < 0)
                runStart = static_cast<int>(i);
        } else if (runStart >= 0) {
            emit dataChanged(index(runStart, 0), index(static_cast<int>(i) - 1, ColumnCount - 1));
            runStart = -1;
        }
    }
}

} // namespace nsgate::ui
