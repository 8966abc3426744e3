#pragma once

// The live tail: the newest ingested events, oldest first, capped. Rows arrive
// in batches (one beginInsertRows per batch); when the cap is reached the
// oldest rows go in one beginRemoveRows first.

#include "core/client/LogIngest.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace nsgate::ui {

class LiveTailModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Time,
        Proxy,
        Method,
        Namespace,
        Repository,
        Reference,
        Cache,
        Mismatch,
        Decision,
        Status,
        Bytes,
        Client,
        ColumnCount
    };
    Q_ENUM(Column)

    // The instanceId of the row, for filters.
    static constexpr int InstanceIdRole = Qt::UserRole + 1;

    explicit LiveTailModel(QObject* parent = nullptr);

    void setCapacity(int rows);
    int capacity() const { return m_capacity; }
    void append(const QList<client::IngestedEvent>& events);
    void clear();
    // The proxy column shows this name instead of the instanceId.
    void setProxyName(const QString& instanceId, const QString& name);

    const client::IngestedEvent& eventAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<client::IngestedEvent> m_rows;
    QHash<QString, QString> m_names;
    int m_capacity = 5000;
};

} // namespace nsgate::ui
