#include "ui/RevisionsModel.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>

namespace nsgate::ui {

namespace {

bool sameRow(const client::RevisionInfo& a, const client::RevisionInfo& b)
{
    return a.revision == b.revision && a.time == b.time && a.actor == b.actor && a.summary == b.summary;
}

bool newestFirst(const QList<client::RevisionInfo>& rows)
{
    return std::adjacent_find(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
               return a.revision <= b.revision;
           }) == rows.end();
}

} // namespace

RevisionsModel::RevisionsModel(QObject* parent) : QAbstractTableModel(parent) {}

int RevisionsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RevisionsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RevisionsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RevisionColumn:
            return QVariant::fromValue(static_cast<qlonglong>(r.revision));
        case TimeColumn: {
            // The proxy writes RFC 3339 in UTC; people read their local time.
            const auto time = QDateTime::fromString(r.time, Qt::ISODateWithMs);
            return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : r.time;
        }
        case ActorColumn:
            return r.actor.isEmpty() ? tr("(unknown)") : r.actor;
        case SummaryColumn:
            return r.summary;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return r.time;
        if (index.column() == SummaryColumn)
            return r.summary;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == RevisionColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

QVariant RevisionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RevisionColumn:
        return tr("Revision");
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Actor");
    case SummaryColumn:
        return tr("Summary");
    default:
        return {};
    }
}

void RevisionsModel::setRevisions(QList<client::RevisionInfo> revisions)
{
    // The merge below relies on both lists being strictly newest first; an
    // answer that is not gets a plain reset rather than a wrong diff.
    if (!newestFirst(revisions)) {
        beginResetModel();
        m_rows = std::move(revisions);
        endResetModel();
        return;
    }
    qsizetype i = 0, j = 0;
    while (j < revisions.size()) {
        if (i < m_rows.size() && m_rows[i].revision == revisions[j].revision) {
            if (!sameRow(m_rows[i], revisions[j])) {
                m_rows[i] = revisions[j];
                emit dataChanged(index(static_cast<int>(i), 0), index(static_cast<int>(i), ColumnCount - 1));
            }
            ++i;
            ++j;
        } else if (i < m_rows.size() && m_rows[i].revision > revisions[j].revision) {
            // Listed before, gone now: remove the whole run at once.
            qsizetype end = i;
            while (end < m_rows.size() && m_rows[end].revision > revisions[j].revision)
                ++end;
            beginRemoveRows({}, static_cast<int>(i), static_cast<int>(end - 1));
            m_rows.remove(i, end - i);
            endRemoveRows();
        } else {
            // New: insert the run of revisions newer than the next kept row.
            const std::int64_t below = i < m_rows.size() ? m_rows[i].revision : -1;
            qsizetype end = j;
            while (end < revisions.size() && revisions[end].revision > below)
                ++end;
            beginInsertRows({}, static_cast<int>(i), static_cast<int>(i + (end - j) - 1));
            for (qsizetype k = j; k < end; ++k)
                m_rows.insert(i + (k - j), revisions[k]);
            endInsertRows();
            i += end - j;
            j = end;
        }
    }
    if (i < m_rows.size()) {
        beginRemoveRows({}, static_cast<int>(i), static_cast<int>(m_rows.size() - 1));
        m_rows.remove(i, m_rows.size() - i);
        endRemoveRows();
    }
}

int RevisionsModel::rowOf(std::int64_t revision) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].revision == revision)
            return static_cast<int>(i);
    return -1;
}

} // namespace nsgate::ui
