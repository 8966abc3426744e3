#include "ui/ProxyListModel.h"

#include "ui/StatusColors.h"
#include "core/client/LogIngest.h"
#include "ui/EditorDocument.h"
#include "ui/ProxySession.h"

#include <QApplication>
#include <QColor>
#include <QPalette>

namespace nsgate::ui {

using client::ProxyConnection;

ProxyListModel::ProxyListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProxyListModel::append(ProxySession* session)
{
    const int row = static_cast<int>(m_sessions.size());
    beginInsertRows({}, row, row);
    m_sessions.append(session);
    endInsertRows();
    connect(session, &ProxySession::changed, this, [this, session] { sessionChanged(session); });
}

void ProxyListModel::remove(ProxySession* session)
{
    const int row = rowOf(session);
    if (row < 0)
        return;
    disconnect(session, nullptr, this, nullptr);
    beginRemoveRows({}, row, row);
    m_sessions.removeAt(row);
    endRemoveRows();
}

ProxySession* ProxyListModel::sessionAt(int row) const
{
    return row >= 0 && row < m_sessions.size() ? m_sessions.at(row) : nullptr;
}

int ProxyListModel::rowOf(const ProxySession* session) const
{
    return static_cast<int>(m_sessions.indexOf(const_cast<ProxySession*>(session)));
}

int ProxyListModel::rowOf(const QString& profileId) const
{
    for (int i = 0; i < m_sessions.size(); ++i)
        if (m_sessions.at(i)->id() == profileId)
            return i;
    return -1;
}

int ProxyListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_sessions.size());
}

int ProxyListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ProxyListModel::stateText(const ProxySession& session)
{
    switch (session.connection()->state()) {
    case ProxyConnection::State::Disconnected:
        return tr("Disconnected");
    case ProxyConnection::State::Connecting:
        return tr("Connecting…");
    case ProxyConnection::State::Connected:
        return session.isLoading() ? tr("Loading…") : tr("Connected");
    case ProxyConnection::State::Failed:
        return tr("Unreachable");
    }
    return {};
}

QVariant ProxyListModel::data(const QModelIndex& index, int role) const
{
    const ProxySession* session = index.isValid() ? sessionAt(index.row()) : nullptr;
    if (!session || index.column() >= ColumnCount)
        return {};
    const auto* connection = session->connection();
    const QString error = !connection->lastError().isEmpty() ? connection->lastError() : session->loadError();
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return session->document()->isModified() ? session->profile().name + QStringLiteral(" *")
                                                     : session->profile().name;
        case State:
            return stateText(*session);
        case Revision: {
            const auto info = connection->info();
            return info ? QVariant(static_cast<qlonglong>(info->configRevision)) : QVariant();
        }
        case Sync:
            if (auto* ingest = m_ingest.data())
                return syncText(ingest->syncState(session->connection()));
            return {};
        case AdminUrl:
            return session->profile().adminUrl.toString();
        case LastError:
            return error;
        }
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines{session->profile().name, tr("Admin: %1").arg(session->profile().adminUrl.toString()),
                          tr("Registry: %1").arg(session->profile().registryUrl.toString())};
        if (session->document()->isModified())
            lines << tr("Has edits that were not pushed");
        if (!error.isEmpty())
            lines << tr("Last error: %1").arg(error);
        return lines.join('\n');
    }
    if (role == Qt::ForegroundRole && index.column() == State) {
        // Colour only says what the text says too.
        if (connection->state() == ProxyConnection::State::Failed)
            return errorTextColor();
    }
    return {};
}

QVariant ProxyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Proxy");
    case State:
        return tr("State");
    case Revision:
        return tr("Revision");
    case Sync:
        return tr("Events");
    case AdminUrl:
        return tr("Admin URL");
    case LastError:
        return tr("Last error");
    }
    return {};
}

void ProxyListModel::setLogIngest(client::LogIngest* ingest)
{
    if (auto* old = m_ingest.data())
        disconnect(old, nullptr, this, nullptr);
    m_ingest = ingest;
    if (ingest)
        connect(ingest, &client::LogIngest::syncStateChanged, this, [this](client::ProxyConnection* connection) {
            for (int row = 0; row < m_sessions.size(); ++row)
                if (m_sessions.at(row)->connection() == connection)
                    emit dataChanged(index(row, Sync), index(row, Sync));
        });
    if (!m_sessions.isEmpty())
        emit dataChanged(index(0, Sync), index(static_cast<int>(m_sessions.size()) - 1, Sync));
}

QString ProxyListModel::syncText(client::EventSync::State state)
{
    switch (state) {
    case client::EventSync::State::Stopped:
        return tr("stopped");
    case client::EventSync::State::CatchingUp:
        return tr("catching up");
    case client::EventSync::State::Streaming:
        return tr("live");
    case client::EventSync::State::Waiting:
        return tr("retrying");
    case client::EventSync::State::Paused:
        return tr("paused");
    }
    return {};
}

void ProxyListModel::sessionChanged(ProxySession* session)
{
    const int row = rowOf(session);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace nsgate::ui
