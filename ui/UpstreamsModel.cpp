#include "ui/UpstreamsModel.h"

#include "ui/StatusColors.h"
#include "ui/RowAlignment.h"

#include "core/client/MessageText.h"
#include "ui/EditCommands.h"
#include "ui/EditorDocument.h"

#include <QBrush>

namespace nsgate::ui {

UpstreamsModel::UpstreamsModel(QObject* parent) : QAbstractTableModel(parent) {}

void UpstreamsModel::setDocument(EditorDocument* document)
{
    if (document == m_document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &EditorDocument::changed, this, &UpstreamsModel::sync);
        connect(m_document, &EditorDocument::namespaceRenamed, this,
                [this](const QString& from, const QString& to) {
                    if (from == m_namespace)
                        m_namespace = to;
                });
        connect(m_document, &QObject::destroyed, this, &UpstreamsModel::reset);
    }
    reset();
}

void UpstreamsModel::setNamespace(const QString& name)
{
    if (name == m_namespace)
        return;
    m_namespace = name;
    reset();
}

void UpstreamsModel::reset()
{
    beginResetModel();
    m_rows = buildRows();
    endResetModel();
}

QString UpstreamsModel::urlAt(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_rows.size())
        return {};
    return m_rows[static_cast<std::size_t>(row)].url;
}

int UpstreamsModel::problemCountAt(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_rows.size())
        return 0;
    return m_rows[static_cast<std::size_t>(row)].problems;
}

int UpstreamsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int UpstreamsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UpstreamsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RowView& row = m_rows[static_cast<std::size_t>(index.row())];
    const auto column = static_cast<Column>(index.column());
    const QString& messages = row.messages[static_cast<std::size_t>(column)];

    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (column) {
        case Url:
            return row.url;
        case Credential:
            return row.credential;
        case RepositoryPrefix:
            return row.repositoryPrefix;
        default:
            break;
        }
        break;
    case Qt::CheckStateRole:
        if (column == TlsVerify)
            return row.tlsVerify ? Qt::Checked : Qt::Unchecked;
        if (column == ForwardNs)
            return row.forwardNs ? Qt::Checked : Qt::Unchecked;
        break;
    case Qt::ToolTipRole:
        if (!messages.isEmpty())
            return messages;
        if (column == Url && row.hasCa)
            return tr("Trusts its own CA certificate");
        break;
    case Qt::ForegroundRole:
        if (!messages.isEmpty())
            return QBrush(errorTextColor());
        break;
    default:
        break;
    }
    return {};
}

QVariant UpstreamsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Url:
        return tr("URL");
    case Credential:
        return tr("Credential");
    case TlsVerify:
        return tr("Verify TLS");
    case ForwardNs:
        return tr("Forward ns");
    case RepositoryPrefix:
        return tr("Repository prefix");
    default:
        return {};
    }
}

Qt::ItemFlags UpstreamsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    if (index.column() == TlsVerify || index.column() == ForwardNs)
        result |= Qt::ItemIsUserCheckable;
    else
        result |= Qt::ItemIsEditable;
    return result;
}

bool UpstreamsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    EditorDocument* document = m_document;
    if (!document || !index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const std::string ns = m_namespace.toStdString();
    const int row = index.row();
    const auto optional = [](const QVariant& v) -> std::optional<std::string> {
        const QString text = v.toString().trimmed();
        return text.isEmpty() ? std::nullopt : std::optional(text.toStdString());
    };
    std::unique_ptr<EditCommand> command;
    if (role == Qt::CheckStateRole) {
        const bool checked = value.toInt() == Qt::Checked;
        if (index.column() == TlsVerify)
            command = edit::setUpstreamTlsVerify(ns, row, checked);
        else if (index.column() == ForwardNs)
            command = edit::setUpstreamForwardNs(ns, row, checked);
    } else if (role == Qt::EditRole) {
        if (index.column() == Url)
            command = edit::setUpstreamUrl(ns, row, value.toString().trimmed().toStdString());
        else if (index.column() == Credential)
            command = edit::setUpstreamCredential(ns, row, optional(value));
        else if (index.column() == RepositoryPrefix)
            command = edit::setUpstreamRepositoryPrefix(ns, row, optional(value));
    }
    if (!command)
        return false;
    document->sealEdits();
    const bool applied = document->push(std::move(command));
    document->sealEdits();
    return applied;
}

UpstreamsModel::Column UpstreamsModel::columnForField(const QString& field)
{
    if (field == QLatin1String("url"))
        return Url;
    if (field == QLatin1String("credential"))
        return Credential;
    if (field == QLatin1String("tlsVerify"))
        return TlsVerify;
    if (field == QLatin1String("forwardNs"))
        return ForwardNs;
    if (field == QLatin1String("repositoryPrefix"))
        return RepositoryPrefix;
    return ColumnCount;
}

std::vector<UpstreamsModel::RowView> UpstreamsModel::buildRows() const
{
    std::vector<RowView> rows;
    const EditorDocument* document = m_document;
    if (!document || m_namespace.isEmpty())
        return rows;
    const auto& config = document->current();
    const std::string name = m_namespace.toStdString();
    int nsIndex = -1;
    for (std::size_t i = 0; i < config.namespaces.size(); ++i) {
        if (config.namespaces[i].name == name) {
            nsIndex = static_cast<int>(i);
            break;
        }
    }
    if (nsIndex < 0)
        return rows;
    const auto& entry = config.namespaces[static_cast<std::size_t>(nsIndex)];
    rows.reserve(entry.upstreams.size());
    for (const auto& upstream : entry.upstreams) {
        RowView row;
        row.url = QString::fromStdString(upstream.url);
        row.credential = QString::fromStdString(upstream.credential.value_or(std::string()));
        row.tlsVerify = upstream.tlsVerify;
        row.forwardNs = upstream.forwardNs;
        row.repositoryPrefix = QString::fromStdString(upstream.repositoryPrefix.value_or(std::string()));
        row.hasCa = upstream.caPem.has_value();
        rows.push_back(std::move(row));
    }
    for (int issueIndex : document->issuesOfNamespace(nsIndex)) {
        const auto& issue = document->issues()[static_cast<std::size_t>(issueIndex)];
        const IssuePlace place = parseIssuePointer(issue.pointer);
        if (place.section != QLatin1String("upstreams") || place.upstreamIndex < 0 ||
            static_cast<std::size_t>(place.upstreamIndex) >= rows.size())
            continue;
        RowView& row = rows[static_cast<std::size_t>(place.upstreamIndex)];
        Column column = columnForField(place.field);
        if (column == ColumnCount)
            column = Url; // the CA has no column; its problems show on the URL
        QString& text = row.messages[static_cast<std::size_t>(column)];
        if (!text.isEmpty())
            text += QLatin1Char('\n');
        text += client::translated(issue);
        ++row.problems;
    }
    return rows;
}

void UpstreamsModel::sync()
{
    std::vector<RowView> rows = buildRows();
    const std::size_t oldCount = m_rows.size();
    const std::size_t newCount = rows.size();

    // Upstreams have no ids: align by content from both ends, so an added or
    // removed upstream is one insert or remove and a move is a change of the
    // rows between its two places.
    if (oldCount != newCount) {
        const auto [prefix, oldBlock, newBlock] =
            alignRows(m_rows, rows, [](const RowView& a, const RowView& b) { return a == b; });
        const auto first = static_cast<int>(prefix);
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
