#include "ui/LiveTailModel.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace nsgate::ui {

namespace {
QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
QString text(const std::optional<std::string>& s)
{
    return s ? QString::fromStdString(*s) : QString();
}
} // namespace

LiveTailModel::LiveTailModel(QObject* parent) : QAbstractTableModel(parent) {}

void LiveTailModel::setCapacity(int rows)
{
    m_capacity = std::max(1, rows);
    if (m_rows.size() > m_capacity) {
        const int extra = int(m_rows.size()) - m_capacity;
        beginRemoveRows({}, 0, extra - 1);
        m_rows.remove(0, extra);
        endRemoveRows();
    }
}

void LiveTailModel::append(const QList<client::IngestedEvent>& events)
{
    if (events.isEmpty())
        return;
    // Only the newest `capacity` of the batch can stay.
    const qsizetype skip = std::max<qsizetype>(0, events.size() - m_capacity);
    const qsizetype incoming = events.size() - skip;
    const qsizetype overflow = m_rows.size() + incoming - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        m_rows.remove(0, overflow);
        endRemoveRows();
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(incoming) - 1);
    m_rows.append(events.mid(skip));
    endInsertRows();
}

void LiveTailModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

void LiveTailModel::setProxyName(const QString& instanceId, const QString& name)
{
    if (m_names.value(instanceId) == name)
        return;
    m_names.insert(instanceId, name);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Proxy), index(int(m_rows.size()) - 1, Proxy), {Qt::DisplayRole});
}

int LiveTailModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LiveTailModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LiveTailModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = m_rows.at(index.row());
    const auto& e = row.event;
    if (role == InstanceIdRole)
        return row.instanceId;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Status || index.column() == Bytes ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                   : QVariant();
    if (role == Qt::ToolTipRole && index.column() == Namespace)
        return e.detail ? QString::fromStdString(*e.detail) : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return QDateTime::fromMSecsSinceEpoch(e.timeMs).toLocalTime().toString("HH:mm:ss.zzz");
    case Proxy:
        return m_names.value(row.instanceId, row.instanceId);
    case Method:
        return QString::fromStdString(e.method);
    case Namespace:
        return e.servedNs ? text(e.servedNs) : text(e.requestedNs);
    case Repository:
        return QString::fromStdString(e.repository);
    case Reference:
        return QString::fromStdString(e.reference);
    case Cache:
        return e.cache == model::CacheResult::None ? QString() : text(model::toString(e.cache));
    case Mismatch:
        return e.mismatch == model::Mismatch::None ? QString() : text(model::toString(e.mismatch));
    case Decision:
        return text(model::toString(e.decision));
    case Status:
        return e.status;
    case Bytes:
        return QLocale().formattedDataSize(e.bytes);
    case Client:
        return QString::fromStdString(e.client);
    default:
        return {};
    }
}

QVariant LiveTailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case Proxy: return tr("Proxy");
    case Method: return tr("Method");
    case Namespace: return tr("Namespace");
    case Repository: return tr("Repository");
    case Reference: return tr("Reference");
    case Cache: return tr("Cache");
    case Mismatch: return tr("Mismatch");
    case Decision: return tr("Decision");
    case Status: return tr("Status");
    case Bytes: return tr("Bytes");
    case Client: return tr("Client");
    default: return {};
    }
}

} // namespace nsgate::ui
