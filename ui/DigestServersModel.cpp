#include "ui/DigestServersModel.h"

#include <QDateTime>

namespace nsgate::ui {

DigestServersModel::DigestServersModel(QObject* parent) : QAbstractTableModel(parent) {}

void DigestServersModel::setServers(std::vector<store::DigestServer> servers)
{
    // A handful of rows, replaced as a whole when another digest is asked about.
    beginResetModel();
    m_servers = std::move(servers);
    endResetModel();
}

int DigestServersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_servers.size());
}

int DigestServersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DigestServersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& s = m_servers.at(std::size_t(index.row()));
    if (role == Qt::TextAlignmentRole && index.column() == Count)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Upstream && !s.upstream)
        return tr("Served from the proxy's cache, without contacting an upstream");
    if (role != Qt::DisplayRole)
        return {};
    const auto when = [](std::int64_t ms) {
        return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString("yyyy-MM-dd HH:mm:ss");
    };
    switch (index.column()) {
    case Upstream:
        return s.upstream ? QString::fromStdString(*s.upstream) : tr("(cache)");
    case Count:
        return qlonglong(s.count);
    case First:
        return when(s.firstMs);
    case Last:
        return when(s.lastMs);
    default:
        return {};
    }
}

QVariant DigestServersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Upstream: return tr("Served by");
    case Count: return tr("Requests");
    case First: return tr("First");
    case Last: return tr("Last");
    default: return {};
    }
}

} // namespace nsgate::ui
