#pragma once

// The console's and nsgatectl's side of the admin API: asynchronous calls on
// Qt Network, each answered through a callback bound to a context object (the
// callback dies with its receiver). Failures arrive as ApiError values:
// network and TLS errors, timeouts, and problem+json answers decoded with
// their pointers.

#include "core/model/Event.h"
#include "core/model/Issue.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkReply;

namespace nsgate::client {

struct ConnectionOptions
{
    QUrl adminUrl;                 // "http://127.0.0.1:5050"
    QByteArray token;              // the bearer token
    QString caFile;                // extra CA (PEM) for an https admin URL
    bool insecureSkipVerify = false;
    int timeoutMs = 15000;
};

struct ApiError
{
    enum class Kind { Network, Timeout, Tls, Http, Decode };
    Kind kind = Kind::Network;
    int httpStatus = 0;
    QString title;
    QString detail;
    model::Issues errors;                 // problem+json "errors" with pointers
    std::optional<std::int64_t> currentRevision; // 412 answers

    // One line for people: "412 Precondition Failed: config changed (current revision 9)".
    QString message() const;
};

template<class T>
using ApiResult = Result<T, ApiError>;

struct ProxyInfo
{
    QString product, version, instanceId, registryUrl, startedAt;
    int apiVersion = 0;
    std::int64_t configRevision = 0;
};

struct ConfigDocument
{
    model::MirrorConfig config;
    std::int64_t revision = 0;   // from the ETag
    QByteArray json;             // as received
};

struct PutResult
{
    bool dryRun = false;
    std::int64_t revision = 0;               // the stored revision (not for a dry run)
    QStringList changes;                     // dry run
    std::optional<ConfigDocument> stored;    // the stored document
};

struct RevisionInfo
{
    std::int64_t revision = 0;
    QString time, actor, summary;
};

struct CredentialInfo
{
    QString name, username;
    bool hasPassword = false;
};

struct EventPage
{
    QString instanceId;
    QList<model::Event> events;
    std::int64_t lastSeq = 0;
    std::int64_t oldestSeq = 0;
    std::optional<std::pair<std::int64_t, std::int64_t>> gap;
};

class AdminClient : public QObject
{
    Q_OBJECT

public:
    explicit AdminClient(ConnectionOptions options, QObject* parent = nullptr);

    const ConnectionOptions& options() const { return m_options; }

    template<class T>
    using Callback = std::function<void(ApiResult<T>)>;

    void health(QObject* context, Callback<bool> done);
    void info(QObject* context, Callback<ProxyInfo> done);
    void getConfig(QObject* context, Callback<ConfigDocument> done);
    // `document` is sent as is; If-Match carries `ifMatch`.
    void putConfig(const QByteArray& document, std::int64_t ifMatch, bool dryRun, const QString& actor,
                   QObject* context, Callback<PutResult> done);
    void revisions(int limit, QObject* context, Callback<QList<RevisionInfo>> done);
    void revision(std::int64_t revision, QObject* context, Callback<ConfigDocument> done);
    void credentials(QObject* context, Callback<QList<CredentialInfo>> done);
    void setCredential(const QString& name, const QString& username, const QString& password, QObject* context,
                       Callback<bool> done);
    void deleteCredential(const QString& name, QObject* context, Callback<bool> done);
    void events(std::int64_t after, int limit, QObject* context, Callback<EventPage> done);

    // The raw request for the event stream (used by EventSync).
    QNetworkReply* openEventStream(std::int64_t after);
    QNetworkRequest request(const QString& path) const;
    QNetworkAccessManager& network() { return m_network; }

private:
    using RawDone = std::function<void(int status, QByteArray body, QNetworkReply* reply, std::optional<ApiError>)>;
    void send(const QByteArray& verb, const QString& path, const QByteArray& body, QList<QPair<QByteArray, QByteArray>> headers,
              QObject* context, RawDone done);

    ConnectionOptions m_options;
    QNetworkAccessManager m_network;
};

// Decodes a problem+json body (or anything else) into an ApiError for `status`.
ApiError decodeProblem(int status, const QByteArray& body);

} // namespace nsgate::client
