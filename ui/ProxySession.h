#pragma once

// One proxy in the window: its connection and the editor document holding its
// config. The config is fetched when the proxy first answers, and again when
// the proxy's revision moved while the document has no local edits; a document
// with edits is never replaced behind the operator's back (their push then
// meets the 412 and the conflict view).

#include "core/client/ProfileStore.h"
#include "core/client/ProxyConnection.h"

#include <QObject>
#include <QPointer>

namespace nsgate::ui {

class EditorDocument;

class ProxySession : public QObject
{
    Q_OBJECT

public:
    ProxySession(client::ProxyProfile profile, QByteArray token, QObject* parent = nullptr);
    ~ProxySession() override;

    client::ProxyConnection* connection() const { return m_connection; }
    EditorDocument* document() const { return m_document; }
    const client::ProxyProfile& profile() const { return m_connection->profile(); }
    QString id() const { return profile().id; }

    bool configLoaded() const { return m_loaded; }
    bool isLoading() const { return m_loading; }
    QString loadError() const { return m_loadError; }

    // GET /admin/v1/config into the document. `force` replaces local edits.
    void reloadConfig(bool force = false);

signals:
    // Anything the proxy list shows changed.
    void changed();
    void configReloaded();

private:
    void connectionChanged();

    client::ProxyConnection* m_connection = nullptr;
    EditorDocument* m_document = nullptr;
    bool m_loaded = false;
    bool m_loading = false;
    QString m_loadError;
};

} // namespace nsgate::ui
