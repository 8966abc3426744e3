#pragma once

// The proxy's config history (GET /admin/v1/config/revisions) as a table,
// newest first as the proxy lists it. A refresh usually only adds revisions at
// the top (and the oldest fall off the bottom of the page), so it is applied
// as those insertions and removals: the selection the diff view is based on
// survives a refresh.

#include "core/client/AdminClient.h"

#include <QAbstractTableModel>
#include <QList>
#include <cstdint>

namespace nsgate::ui {

class RevisionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        RevisionColumn,
        TimeColumn,
        ActorColumn,
        SummaryColumn,
        ColumnCount
    };

    explicit RevisionsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // `revisions` newest first, as the proxy sends them.
    void setRevisions(QList<client::RevisionInfo> revisions);
    void clear() { setRevisions({}); }

    const client::RevisionInfo& revisionAt(int row) const { return m_rows.at(row); }
    int rowOf(std::int64_t revision) const; // -1 when not listed
    // The newest listed revision, 0 when none.
    std::int64_t newestRevision() const { return m_rows.isEmpty() ? 0 : m_rows.front().revision; }

private:
    QList<client::RevisionInfo> m_rows;
};

} // namespace nsgate::ui
