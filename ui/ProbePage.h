#pragma once

// Resolves one image reference through a mirror the way containerd does
// (RegistryProbe: HEAD of the manifest with ?ns=) and shows what came back,
// whether the mirror honours `ns`, which upstream served it (from the proxy's
// own event for that request, when the mirror is this proxy) and whether the
// digest equals a direct resolve at the registry itself. Every network step
// runs under one context object per probe, so Cancel (or a new probe, or
// another proxy) drops all of them at once.

#include "core/client/RegistryProbe.h"
#include "core/model/ImageReference.h"
#include "core/model/MirrorConfig.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>
#include <cstdint>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace nsgate::client {
class AdminClient;
class ProxyConnection;
} // namespace nsgate::client

namespace nsgate::ui {

class EditorDocument;

class ProbePage : public QWidget
{
    Q_OBJECT

public:
    explicit ProbePage(QWidget* parent = nullptr);
    ~ProbePage() override;

    // The selected proxy (nullptr = none): its admin client (for the event
    // lookup) and the registry URL clients use, which is also the default
    // mirror to probe. Cancels a probe in flight.
    void setProxy(client::ProxyConnection* proxy);
    // The map being edited: tells whether a registry's origin speaks http or
    // https (the scheme of the namespace's first upstream).
    void setDocument(EditorDocument* document);

    // Narrower forms of the two above (tests, or no document yet).
    void setClient(client::AdminClient* client, const QUrl& registryUrl);
    void setConfig(const model::MirrorConfig& config); // clears the document

    bool isBusy() const { return m_run != nullptr; }
    const std::optional<client::ProbeResult>& lastResult() const { return m_result; }
    const std::optional<client::ProbeResult>& lastOriginResult() const { return m_originResult; }

    // Where a direct resolve of `registryHost` goes: https://<host> (Docker
    // Hub: registry-1.docker.io), or http:// when the config maps the host and
    // its first upstream is plain HTTP.
    static QUrl originFor(const std::string& registryHost, const model::MirrorConfig& config);

public slots:
    void probe();
    void cancel();

signals:
    void probeFinished();

private:
    void startProbe(std::optional<std::int64_t> seqBefore);
    void showResult(const client::ProbeResult& result);
    void findUpstream(std::int64_t after, int attemptsLeft);
    void compareWithOrigin();
    void stepDone();
    void clearResults();
    void setRunning(bool running);
    bool isThisProxy(const QUrl& url) const;

    const model::MirrorConfig& config() const;

    QPointer<client::ProxyConnection> m_proxy;
    QPointer<EditorDocument> m_document;
    QPointer<client::AdminClient> m_client;
    QUrl m_proxyRegistryUrl;
    bool m_registryUrlEdited = false;
    model::MirrorConfig m_config;

    QObject* m_run = nullptr; // context of the probe in flight
    int m_pendingSteps = 0;
    model::ImageReference m_reference;
    QUrl m_mirror;
    std::optional<client::ProbeResult> m_result;
    std::optional<client::ProbeResult> m_originResult;

    QLineEdit* m_referenceEdit = nullptr;
    QLineEdit* m_registryEdit = nullptr;
    QPushButton* m_probeButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_digest = nullptr;
    QLabel* m_mediaType = nullptr;
    QLabel* m_namespace = nullptr;
    QLabel* m_verdict = nullptr;
    QLabel* m_upstream = nullptr;
    QLabel* m_originMatch = nullptr;
};

} // namespace nsgate::ui
