#pragma once

// "Who served this digest": one row per upstream that ever served it (and
// one for the cache), with the first and last time and how often, as
// LogStore::whoServedDigest() lists them.

#include "core/store/LogStore.h"

#include <QAbstractTableModel>

#include <vector>

namespace nsgate::ui {

class DigestServersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Upstream, Count, First, Last, ColumnCount };
    Q_ENUM(Column)

    explicit DigestServersModel(QObject* parent = nullptr);

    void setServers(std::vector<store::DigestServer> servers);
    const store::DigestServer& serverAt(int row) const { return m_servers.at(std::size_t(row)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<store::DigestServer> m_servers;
};

} // namespace nsgate::ui
