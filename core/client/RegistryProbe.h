#pragma once

// Resolves an image reference through a mirror the way containerd does — a
// HEAD of the manifest with `?ns=<registry>` and containerd's Accept list —
// and judges whether the mirror honours `ns`: it must answer with
// `OCI-Namespace` equal to the registry, and it must not serve the same
// reference for a namespace nobody could have mapped (a mirror that ignores
// `ns` mixes registries).

#include "core/model/ImageReference.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace nsgate::client {

enum class NsVerdict { Honours, Ignores, Silent, Conflict, Unknown };
QString toString(NsVerdict verdict);

struct ProbeResult
{
    QUrl url;                  // what was asked
    QString ns;                // the ns sent
    int status = 0;            // 0: no answer (see error)
    QString error;
    QString digest;            // Docker-Content-Digest
    QString mediaType;
    qint64 length = -1;
    QString ociNamespace;      // empty when absent
    int controlStatus = 0;     // the same HEAD with an ns no one maps
    NsVerdict verdict = NsVerdict::Unknown;
    QString explanation;
};

class RegistryProbe : public QObject
{
    Q_OBJECT

public:
    explicit RegistryProbe(QObject* parent = nullptr);

    // `registry` is the mirror's base URL ("http://127.0.0.1:5000", may have a path).
    void probe(const QUrl& registry, const model::ImageReference& reference, QObject* context,
               std::function<void(ProbeResult)> done);

    static constexpr const char* kControlNamespace = "ns-probe.nsgate.invalid";

private:
    QNetworkAccessManager m_network;
};

// containerd's Accept header for manifest requests.
QByteArray containerdManifestAccept();

} // namespace nsgate::client
