#pragma once

// A real upstream for tests and the screenshot program: Debian's
// docker-registry (distribution 2.8) on 127.0.0.1 with its own config and
// storage in a directory the caller owns, plus a way to push small OCI images
// over the registry API. Waits in the event loop, never blocks it.

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTest>
#include <QUrl>

namespace nsgate::test {

inline QByteArray sha256Digest(const QByteArray& data)
{
    return "sha256:" + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

struct HttpAnswer
{
    int status = 0;
    QByteArray location;
};

// One request, waited for in the event loop.
inline HttpAnswer http(QNetworkAccessManager& network, const QByteArray& verb, const QUrl& url,
                       const QByteArray& body = {}, const QByteArray& contentType = {})
{
    QNetworkRequest request(url);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply* reply = network.sendCustomRequest(request, verb, body);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)) {
        reply->abort();
        reply->deleteLater();
        return {};
    }
    reply->deleteLater();
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->rawHeader("Location")};
}

inline quint16 freePort()
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, 0) ? server.serverPort() : 0;
}

class TestRegistry
{
public:
    explicit TestRegistry(QString dir) : m_dir(std::move(dir)) {}
    TestRegistry(const TestRegistry&) = delete;
    TestRegistry& operator=(const TestRegistry&) = delete;
    ~TestRegistry() { stop(); }

    // Starts docker-registry on a port that was free a moment ago; another
    // process may take it in between, so a registry that exits is retried.
    bool start()
    {
        for (int attempt = 0; attempt < 5; ++attempt) {
            m_port = freePort();
            const QString config = QDir(m_dir).filePath(QStringLiteral("registry-%1.yml").arg(attempt));
            QFile file(config);
            if (!m_port || !file.open(QIODevice::WriteOnly))
                return false;
            file.write("version: 0.1\n"
                       "log:\n  level: warn\n"
                       "storage:\n  filesystem:\n    rootdirectory: \"" +
                       QDir(m_dir).filePath(QStringLiteral("storage")).toUtf8() +
                       "\"\n"
                       "http:\n  addr: \"127.0.0.1:" +
                       QByteArray::number(m_port) + "\"\n  secret: test-registry\n");
            file.close();
            const QString log = QDir(m_dir).filePath(QStringLiteral("registry.log"));
            m_process.setStandardOutputFile(log, QIODevice::Append);
            m_process.setStandardErrorFile(log, QIODevice::Append);
            m_process.start(QStringLiteral("docker-registry"), {QStringLiteral("serve"), config});
            if (!m_process.waitForStarted(10000))
                return false;
            const bool up = QTest::qWaitFor(
                [this] {
                    return m_process.state() != QProcess::Running ||
                           http(m_network, "GET", url(QStringLiteral("/v2/"))).status == 200;
                },
                20000);
            if (up && m_process.state() == QProcess::Running)
                return true;
            m_process.kill();
            m_process.waitForFinished(5000);
        }
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QUrl url(const QString& path = {}) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }
    // The registry's host as image references write it (the namespace).
    QString host() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }

    bool pushBlob(const QByteArray& repository, const QByteArray& data)
    {
        const auto started =
            http(m_network, "POST", url(QStringLiteral("/v2/%1/blobs/uploads/").arg(QString::fromLatin1(repository))));
        if (started.status != 202)
            return false;
        QUrl location = url().resolved(QUrl(QString::fromLatin1(started.location)));
        QString query = location.query();
        query += (query.isEmpty() ? QString() : QStringLiteral("&")) + QStringLiteral("digest=") +
                 QString::fromLatin1(sha256Digest(data));
        location.setQuery(query);
        return http(m_network, "PUT", location, data, "application/octet-stream").status == 201;
    }

    // A small OCI image: one config blob, one layer, one manifest tagged
    // `tag`. Returns the manifest's digest, empty on failure.
    QByteArray pushImage(const QByteArray& repository, const QByteArray& tag,
                         const QByteArray& layer = "not really a tarball, the registry does not look")
    {
        const QByteArray config =
            R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
        if (!pushBlob(repository, config) || !pushBlob(repository, layer))
            return {};
        const QJsonObject manifest{
            {"schemaVersion", 2},
            {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
            {"config", QJsonObject{{"mediaType", "application/vnd.oci.image.config.v1+json"},
                                   {"digest", QString::fromLatin1(sha256Digest(config))},
                                   {"size", config.size()}}},
            {"layers", QJsonArray{QJsonObject{{"mediaType", "application/vnd.oci.image.layer.v1.tar+gzip"},
                                              {"digest", QString::fromLatin1(sha256Digest(layer))},
                                              {"size", layer.size()}}}},
        };
        const QByteArray body = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
        const bool stored =
            http(m_network, "PUT",
                 url(QStringLiteral("/v2/%1/manifests/%2").arg(QString::fromLatin1(repository), QString::fromLatin1(tag))),
                 body, "application/vnd.oci.image.manifest.v1+json")
                .status == 201;
        return stored ? sha256Digest(body) : QByteArray();
    }

private:
    QString m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;
};

} // namespace nsgate::test
