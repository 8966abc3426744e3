#include "core/client/RegistryProbe.h"

#include <QNetworkReply>
#include <QUrlQuery>

#include <memory>

namespace nsgate::client {

QString toString(NsVerdict verdict)
{
    switch (verdict) {
    case NsVerdict::Honours:
        return RegistryProbe::tr("honours ns");
    case NsVerdict::Ignores:
        return RegistryProbe::tr("ignores ns");
    case NsVerdict::Silent:
        return RegistryProbe::tr("does not say (no OCI-Namespace)");
    case NsVerdict::Conflict:
        return RegistryProbe::tr("answered for another namespace");
    case NsVerdict::Unknown:
        return RegistryProbe::tr("unknown");
    }
    return {};
}

QByteArray containerdManifestAccept()
{
    return "application/vnd.docker.distribution.manifest.v2+json, "
           "application/vnd.docker.distribution.manifest.list.v2+json, "
           "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, */*";
}

RegistryProbe::RegistryProbe(QObject* parent) : QObject(parent)
{
    m_network.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

namespace {

QUrl manifestUrl(const QUrl& registry, const model::ImageReference& ref, const QString& ns)
{
    QUrl url = registry;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const std::string reference = ref.digest.empty() ? ref.tag : ref.digest;
    url.setPath(base + QStringLiteral("/v2/") + QString::fromStdString(ref.path) + QStringLiteral("/manifests/") +
                QString::fromStdString(reference));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("ns"), QString::fromUtf8(QUrl::toPercentEncoding(ns)));
    url.setQuery(query);
    return url;
}

QNetworkRequest headRequest(const QUrl& url)
{
    QNetworkRequest req(url);
    req.setRawHeader("Accept", containerdManifestAccept());
    req.setRawHeader("User-Agent", "nsgatectl-probe");
    req.setTransferTimeout(15000);
    return req;
}

} // namespace

void RegistryProbe::probe(const QUrl& registry, const model::ImageReference& reference, QObject* context,
                          std::function<void(ProbeResult)> done)
{
    auto result = std::make_shared<ProbeResult>();
    result->ns = QString::fromStdString(reference.domain);
    result->url = manifestUrl(registry, reference, result->ns);
    QNetworkReply* reply = m_network.head(headRequest(result->url));
    connect(reply, &QNetworkReply::finished, context, [this, reply, result, registry, reference, context, done] {
        reply->deleteLater();
        result->status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (result->status == 0) {
            result->error = reply->errorString();
            result->explanation = tr("the mirror did not answer");
            return done(*result);
        }
        result->digest = QString::fromLatin1(reply->rawHeader("Docker-Content-Digest"));
        result->mediaType = QString::fromLatin1(reply->rawHeader("Content-Type"));
        result->ociNamespace = QString::fromLatin1(reply->rawHeader("OCI-Namespace"));
        bool ok = false;
        result->length = reply->rawHeader("Content-Length").toLongLong(&ok);
        if (!ok)
            result->length = -1;
        // The control: the same request for a namespace nobody maps. An
        // ns-aware proxy refuses it; a mirror that ignores ns serves it anyway.
        const QUrl control = manifestUrl(registry, reference, QString::fromLatin1(kControlNamespace));
        QNetworkReply* second = m_network.head(headRequest(control));
        connect(second, &QNetworkReply::finished, context, [second, result, done] {
            second->deleteLater();
            result->controlStatus = second->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (!result->ociNamespace.isEmpty() && result->ociNamespace != result->ns) {
                result->verdict = NsVerdict::Conflict;
                result->explanation =
                    tr("OCI-Namespace is \"%1\", not \"%2\"").arg(result->ociNamespace, result->ns);
            } else if (result->controlStatus >= 200 && result->controlStatus < 300 && result->status < 300) {
                result->verdict = NsVerdict::Ignores;
                result->explanation = tr("it also served ns=%1, a namespace no one maps")
                                          .arg(QString::fromLatin1(kControlNamespace));
            } else if (result->ociNamespace == result->ns) {
                result->verdict = NsVerdict::Honours;
                result->explanation =
                    tr("OCI-Namespace matches, and an unmapped ns got %1").arg(result->controlStatus);
            } else {
                result->verdict = NsVerdict::Silent;
                result->explanation = tr("no OCI-Namespace in the answer");
            }
            done(*result);
        });
    });
}

} // namespace nsgate::client
