#include "ui/ProxySession.h"

#include "ui/EditorDocument.h"

#include <QUndoStack>

namespace nsgate::ui {

ProxySession::ProxySession(client::ProxyProfile profile, QByteArray token, QObject* parent)
    : QObject(parent), m_connection(new client::ProxyConnection(std::move(profile), std::move(token), this)),
      m_document(new EditorDocument(this))
{
    // Polling keeps state and revision current in the list; the connection
    // never overlaps requests and backs off while the proxy is down.
    m_connection->setPollInterval(10000);
    connect(m_connection, &client::ProxyConnection::stateChanged, this, &ProxySession::connectionChanged);
    connect(m_connection, &client::ProxyConnection::infoChanged, this, &ProxySession::connectionChanged);
    connect(m_connection, &client::ProxyConnection::profileChanged, this, &ProxySession::changed);
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &ProxySession::changed);
}

ProxySession::~ProxySession() = default;

void ProxySession::connectionChanged()
{
    emit changed();
    if (m_connection->state() != client::ProxyConnection::State::Connected || m_loading)
        return;
    const auto info = m_connection->info();
    const bool moved = info && info->configRevision != m_document->base().revision;
    if (!m_loaded || (moved && !m_document->isModified()))
        reloadConfig();
}

void ProxySession::reloadConfig(bool force)
{
    if (m_loading || (!force && m_document->isModified()))
        return;
    m_loading = true;
    emit changed();
    m_connection->client()->getConfig(this, [this, force](client::ApiResult<client::ConfigDocument> result) {
        m_loading = false;
        if (!result) {
            m_loadError = result.error().message();
            emit changed();
            return;
        }
        m_loadError.clear();
        // Local edits made while the request was out win over a plain refresh.
        if (force || !m_document->isModified() || !m_loaded) {
            auto config = result->config;
            config.revision = result->revision;
            m_document->load(std::move(config));
            m_loaded = true;
        }
        emit changed();
        emit configReloaded();
    });
}

} // namespace nsgate::ui
