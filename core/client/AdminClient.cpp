#include "core/client/AdminClient.h"

#include "core/model/ConfigCodec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <boost/json.hpp>

namespace nsgate::client {

QString ApiError::message() const
{
    QString text;
    switch (kind) {
    case Kind::Network:
        text = AdminClient::tr("network error");
        break;
    case Kind::Timeout:
        text = AdminClient::tr("timed out");
        break;
    case Kind::Tls:
        text = AdminClient::tr("TLS error");
        break;
    case Kind::Decode:
        text = AdminClient::tr("unreadable answer");
        break;
    case Kind::Http: text = QString::number(httpStatus) + (title.isEmpty() ? QString() : QLatin1Char(' ') + title); break;
    }
    if (!detail.isEmpty())
        text += QStringLiteral(": ") + detail;
    if (currentRevision)
        text += AdminClient::tr(" (current revision %1)").arg(*currentRevision);
    return text;
}

ApiError decodeProblem(int status, const QByteArray& body)
{
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.httpStatus = status;
    const auto doc = QJsonDocument::fromJson(body);
    if (!doc.isObject()) {
        e.detail = QString::fromUtf8(body.left(200)).trimmed();
        return e;
    }
    const auto o = doc.object();
    e.title = o.value(QStringLiteral("title")).toString();
    e.detail = o.value(QStringLiteral("detail")).toString();
    if (o.contains(QStringLiteral("currentRevision")))
        e.currentRevision = static_cast<std::int64_t>(o.value(QStringLiteral("currentRevision")).toDouble());
    for (const auto& item : o.value(QStringLiteral("errors")).toArray()) {
        const auto issue = item.toObject();
        e.errors.push_back({issue.value(QStringLiteral("pointer")).toString().toStdString(),
                            issue.value(QStringLiteral("message")).toString().toStdString()});
    }
    return e;
}

namespace {

ApiError decodeError(const QString& what)
{
    ApiError e;
    e.kind = ApiError::Kind::Decode;
    e.detail = what;
    return e;
}

std::optional<std::int64_t> revisionFromEtag(const QByteArray& etag)
{
    QByteArray t = etag.trimmed();
    if (t.size() >= 2 && t.startsWith('"') && t.endsWith('"'))
        t = t.mid(1, t.size() - 2);
    bool ok = false;
    const auto n = t.toLongLong(&ok);
    return ok ? std::optional<std::int64_t>(n) : std::nullopt;
}

ApiResult<ConfigDocument> configFrom(const QByteArray& body, QNetworkReply* reply)
{
    auto decoded = model::decodeConfig(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    if (!decoded) {
        const auto& first = decoded.error().front();
        return decodeError(
            AdminClient::tr("config document: %1: %2")
                .arg(QString::fromStdString(first.pointer), QString::fromStdString(first.message)));
    }
    ConfigDocument doc;
    doc.config = std::move(decoded).value();
    doc.json = body;
    doc.revision = doc.config.revision;
    if (reply)
        if (auto rev = revisionFromEtag(reply->rawHeader("ETag")))
            doc.revision = *rev;
    return doc;
}

} // namespace

AdminClient::AdminClient(ConnectionOptions options, QObject* parent) : QObject(parent), m_options(std::move(options))
{
    // Requests carry a bearer token: never follow a redirect to another origin with it.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QNetworkRequest AdminClient::request(const QString& path) const
{
    QUrl url = m_options.adminUrl;
    const auto q = path.indexOf(QLatin1Char('?'));
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + (q < 0 ? path : path.left(q)));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer " + m_options.token);
    req.setRawHeader("Accept", "application/json");
    req.setTransferTimeout(m_options.timeoutMs);
    if (url.scheme() == QLatin1String("https")) {
        auto ssl = QSslConfiguration::defaultConfiguration();
        if (!m_options.caFile.isEmpty())
            ssl.addCaCertificates(QSslCertificate::fromPath(m_options.caFile));
        if (m_options.insecureSkipVerify)
            ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        req.setSslConfiguration(ssl);
    }
    return req;
}

void AdminClient::send(const QByteArray& verb, const QString& path, const QByteArray& body,
                       QList<QPair<QByteArray, QByteArray>> headers, QObject* context, RawDone done)
{
    auto req = request(path);
    for (const auto& [k, v] : headers)
        req.setRawHeader(k, v);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply* reply = m_network.sendCustomRequest(req, verb, body);
    connect(reply, &QNetworkReply::finished, context ? context : this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray payload = reply->readAll();
        if (status == 0) {
            ApiError e;
            const auto error = reply->error();
            e.kind = error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError
                         ? ApiError::Kind::Timeout
                         : error == QNetworkReply::SslHandshakeFailedError ? ApiError::Kind::Tls
                                                                           : ApiError::Kind::Network;
            e.detail = reply->errorString();
            return done(0, {}, reply, e);
        }
        if (status >= 400)
            return done(status, payload, reply, decodeProblem(status, payload));
        done(status, payload, reply, std::nullopt);
    });
}

void AdminClient::health(QObject* context, Callback<bool> done)
{
    send("GET", QStringLiteral("/admin/v1/health"), {}, {}, context,
         [done](int, QByteArray, QNetworkReply*, std::optional<ApiError> e) {
             if (e)
                 return done(*e);
             done(true);
         });
}

void AdminClient::info(QObject* context, Callback<ProxyInfo> done)
{
    send("GET", QStringLiteral("/admin/v1/info"), {}, {}, context,
         [done](int, QByteArray body, QNetworkReply*, std::optional<ApiError> e) {
             if (e)
                 return done(*e);
             const auto o = QJsonDocument::fromJson(body).object();
             if (o.isEmpty())
                 return done(decodeError(tr("info is not a JSON object")));
             ProxyInfo i;
             i.product = o.value(QStringLiteral("product")).toString();
             i.version = o.value(QStringLiteral("version")).toString();
             i.instanceId = o.value(QStringLiteral("instanceId")).toString();
             i.registryUrl = o.value(QStringLiteral("registryUrl")).toString();
             i.startedAt = o.value(QStringLiteral("startedAt")).toString();
             i.apiVersion = o.value(QStringLiteral("apiVersion")).toInt();
             i.configRevision = static_cast<std::int64_t>(o.value(QStringLiteral("configRevision")).toDouble());
             done(i);
         });
}

void AdminClient::getConfig(QObject* context, Callback<ConfigDocument> done)
{
    send("GET", QStringLiteral("/admin/v1/config"), {}, {}, context,
         [done](int, QByteArray body, QNetworkReply* reply, std::optional<ApiError> e) {
             if (e)
                 return done(*e);
             done(configFrom(body, reply));
         });
}

void AdminClient::putConfig(const QByteArray& document, std::int64_t ifMatch, bool dryRun, const QString& actor,
                            QObject* context, Callback<PutResult> done)
{
    QList<QPair<QByteArray, QByteArray>> headers{{"If-Match", "\"" + QByteArray::number(ifMatch) + "\""}};
    if (!actor.isEmpty())
        headers.push_back({"X-Nsgate-Actor", actor.toUtf8()});
    const QString path = QStringLiteral("/admin/v1/config") + (dryRun ? QStringLiteral("?dryRun=true") : QString());
    send("PUT", path, document, headers, context,
         [done, dryRun](int, QByteArray body, QNetworkReply* reply, std::optional<ApiError> e) {
             if (e)
                 return done(*e);
             PutResult r;
             r.dryRun = dryRun;
             if (dryRun) {
                 for (const auto& c : QJsonDocument::fromJson(body).object().value(QStringLiteral("changes")).toArray())
                     r.changes << c.toString();
                 return done(r);
             }
             auto stored = configFrom(body, reply);
             if (!stored)
                 return done(stored.error());
             r.revision = stored->revision;
             r.stored = std::move(stored).value();
             done(r);
         });
}

void AdminClient::revisions(int limit, QObject* context, Callback<QList<RevisionInfo>> done)
{
    send("GET", QStringLiteral("/admin/v1/config/revisions?limit=%1").arg(limit), {}, {}, context,
         [done](int, QByteArray body, QNetworkReply*, std::optional<ApiError> e) {
             if (e)
                 return done(*e);
             const auto doc = QJsonDocument::fromJson(body);
             if (!doc.isArray())
                 return done(decodeError(tr("revisions is not a JSON array")));
             QList<RevisionInfo> out;
             for (const auto& v : doc.array()) {
                 const auto o = v.toObject();
                 out.push_back({static_cast<std::int64_t>(o.value(QStringLiteral("revision")).toDouble()),
                                o.value(QStringLiteral("time")).toString(), o.value(QStringLiteral("actor")).toString(),
                                o.value(QStringLiteral("summary")).toString()});
             }
             done(out);
         });
}

void AdminClient::revision(std::int64_t revision, QObject* context, Callback<ConfigDocument> done)
{
    send("GET", QStringLiteral("/admin/v1/config/revisions/%1").arg(revision), {}, {}, context,
         [done](int, QByteArray body, QNetworkReply* reply, std::optional<ApiError> e) {
             if (e)
                 return done(*e);
             done(configFrom(body, reply));
         });
}

void AdminClient::credentials(QObject* context, Callback<QList<CredentialInfo>> done)
{
    send("GET", QStringLiteral("/admin/v1/credentials"), {}, {}, context,
         [done](int, QByteArray body, QNetworkReply*, std::optional<ApiError> e) {
             if (e)
                 return done(*e);
             QList<CredentialInfo> out;
             for (const auto& v : QJsonDocument::fromJson(body).array()) {
                 const auto o = v.toObject();
                 out.push_back({o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("username")).toString(),
                                o.value(QStringLiteral("hasPassword")).toBool()});
             }
             done(out);
         });
}

void AdminClient::setCredential(const QString& name, const QString& username, const QString& password,
                                QObject* context, Callback<bool> done)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("username"), username}, {QStringLiteral("password"), password}})
            .toJson(QJsonDocument::Compact);
    send("PUT", QStringLiteral("/admin/v1/credentials/") + QString::fromUtf8(QUrl::toPercentEncoding(name)), body, {},
         context, [done](int, QByteArray, QNetworkReply*, std::optional<ApiError> e) {
             if (e)
                 return done(*e);
             done(true);
         });
}

void AdminClient::deleteCredential(const QString& name, QObject* context, Callback<bool> done)
{
    send("DELETE", QStringLiteral("/admin/v1/credentials/") + QString::fromUtf8(QUrl::toPercentEncoding(name)), {}, {},
         context, [done](int, QByteArray, QNetworkReply*, std::optional<ApiError> e) {
             if (e)
                 return done(*e);
             done(true);
         });
}

void AdminClient::events(std::int64_t after, int limit, QObject* context, Callback<EventPage> done)
{
    send("GET", QStringLiteral("/admin/v1/events?after=%1&limit=%2").arg(after).arg(limit), {}, {}, context,
         [done](int, QByteArray body, QNetworkReply*, std::optional<ApiError> e) {
             if (e)
                 return done(*e);
             boost::system::error_code ec;
             const auto v = boost::json::parse(std::string_view(body.constData(), static_cast<std::size_t>(body.size())), ec);
             const auto* o = ec ? nullptr : v.if_object();
             if (!o)
                 return done(decodeError(tr("event page is not a JSON object")));
             EventPage page;
             if (const auto* id = o->if_contains("instanceId"); id && id->is_string())
                 page.instanceId = QString::fromUtf8(id->as_string().data(), static_cast<int>(id->as_string().size()));
             const auto number = [o](const char* key) -> std::int64_t {
                 const auto* f = o->if_contains(key);
                 return f && f->is_int64() ? f->as_int64() : 0;
             };
             page.lastSeq = number("lastSeq");
             page.oldestSeq = number("oldestSeq");
             if (const auto* gap = o->if_contains("gap"); gap && gap->is_object()) {
                 const auto& g = gap->as_object();
                 const auto* from = g.if_contains("from");
                 const auto* to = g.if_contains("to");
                 if (from && to && from->is_int64() && to->is_int64())
                     page.gap = std::make_pair(from->as_int64(), to->as_int64());
             }
             if (const auto* list = o->if_contains("events"); list && list->is_array()) {
                 for (const auto& item : list->as_array()) {
                     auto event = model::decodeEvent(item);
                     if (!event)
                         return done(decodeError(QString::fromStdString(event.error().message)));
                     page.events.push_back(std::move(event).value());
                 }
             }
             done(page);
         });
}

QNetworkReply* AdminClient::openEventStream(std::int64_t after)
{
    auto req = request(QStringLiteral("/admin/v1/events/stream?after=%1").arg(after));
    req.setRawHeader("Accept", "text/event-stream");
    req.setRawHeader("Last-Event-ID", QByteArray::number(after));
    // A stream is long-lived: no transfer timeout (keepalives arrive every 15 s).
    req.setTransferTimeout(0);
    return m_network.get(req);
}

} // namespace nsgate::client
