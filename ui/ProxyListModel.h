#pragma once

// The proxy list on the left of the window: one row per ProxySession, in the
// order the window keeps them. Rows change in place when a session reports a
// change; only adding or removing a proxy inserts or removes rows.

#include "core/client/EventSync.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace nsgate::client {
class LogIngest;
}

namespace nsgate::ui {

class ProxySession;

class ProxyListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, State, Revision, Sync, AdminUrl, LastError, ColumnCount };

    explicit ProxyListModel(QObject* parent = nullptr);

    void append(ProxySession* session);
    void remove(ProxySession* session);
    ProxySession* sessionAt(int row) const;
    int rowOf(const ProxySession* session) const;
    int rowOf(const QString& profileId) const;
    const QList<ProxySession*>& sessions() const { return m_sessions; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateText(const ProxySession& session);

    // Where each proxy's event sync stands (the Live page's source); rows
    // follow its changes. Without one the column stays empty.
    void setLogIngest(client::LogIngest* ingest);
    static QString syncText(client::EventSync::State state);

private:
    void sessionChanged(ProxySession* session);

    QList<ProxySession*> m_sessions;
    QPointer<client::LogIngest> m_ingest;
};

} // namespace nsgate::ui
