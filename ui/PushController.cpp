#include "ui/PushController.h"

#include "core/client/MessageText.h"
#include "core/model/ConfigCodec.h"
#include "ui/EditorDocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <algorithm>

namespace nsgate::ui {

namespace {

std::optional<std::int64_t> revisionFromEtag(QByteArray etag)
{
    etag = etag.trimmed();
    if (etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"'))
        etag = etag.mid(1, etag.size() - 2);
    bool ok = false;
    const auto n = etag.toLongLong(&ok);
    return ok ? std::optional<std::int64_t>(n) : std::nullopt;
}

client::ApiError decodeError(const QString& what)
{
    client::ApiError e;
    e.kind = client::ApiError::Kind::Decode;
    e.detail = what;
    return e;
}

} // namespace

QString PushTargetResult::message() const
{
    switch (outcome) {
    case Outcome::Pending:
        return PushController::tr("waiting for the proxy…");
    case Outcome::Valid:
        return changes.isEmpty()
                   ? PushController::tr("valid, no changes")
                   : PushController::tr("valid, %n change(s)", "", static_cast<int>(changes.size()));
    case Outcome::Pushed:
        return PushController::tr("pushed as revision %1").arg(revision);
    case Outcome::Invalid:
        return PushController::tr("rejected by the proxy: %n problem(s)", "",
                                  static_cast<int>(std::max<std::size_t>(issues.size(), 1)));
    case Outcome::Conflict:
        return currentRevision
                   ? PushController::tr("changed by someone else (now revision %1)").arg(*currentRevision)
                   : PushController::tr("changed by someone else");
    case Outcome::Failed:
        return error ? error->message() : PushController::tr("failed");
    case Outcome::Cancelled:
        return PushController::tr("cancelled");
    }
    return {};
}

PushController::PushController(EditorDocument* document, QObject* parent)
    : QObject(parent), m_document(document)
{}

PushController::~PushController()
{
    // Replies live in the client's QNetworkAccessManager, which may outlive
    // us: drop their handlers, then stop them.
    delete m_context;
    for (const auto& reply : std::as_const(m_replies))
        if (auto* r = reply.data())
            r->abort();
}

bool PushController::review(const QList<PushTarget>& targets)
{
    return start(Operation::Review, targets, {});
}

bool PushController::push(const QList<PushTarget>& targets, const QString& actor)
{
    return start(Operation::Push, targets, actor);
}

bool PushController::start(Operation operation, const QList<PushTarget>& targets, const QString& actor)
{
    QString reason;
    const EditorDocument* document = m_document.data();
    if (isBusy())
        reason = tr("Another push or review is still running.");
    else if (!document)
        reason = tr("There is no document to push.");
    else if (targets.isEmpty())
        reason = tr("No proxy is selected.");
    else if (const auto count = document->issues().size(); count > 0)
        reason = tr("The document has %n validation problem(s); fix them before pushing.", "",
                    static_cast<int>(count));
    for (const auto& target : targets)
        if (reason.isEmpty() && !target.client)
            reason = tr("Proxy %1 is not connected.").arg(target.name);
    if (!reason.isEmpty() || !document) {
        emit refused(reason);
        return false;
    }

    m_operation = operation;
    m_results.clear();
    m_replies.clear();
    m_finished.assign(static_cast<std::size_t>(targets.size()), false);
    m_done = 0;
    ++m_generation;
    m_context = new QObject(this);
    for (const auto& target : targets) {
        PushTargetResult r;
        r.target = target;
        m_results.push_back(r);
        m_replies.push_back(nullptr);
    }
    emit started(operation, static_cast<int>(targets.size()));
    emit progress(0, static_cast<int>(targets.size()));

    // The body carries the revision it replaces: nsgate refuses a body whose
    // revision differs from If-Match, and each proxy of a fleet has its own.
    model::MirrorConfig config = document->current();
    for (int i = 0; i < targets.size(); ++i) {
        config.revision = targets[i].ifMatch;
        send(i, QByteArray::fromStdString(model::encodeConfig(config, model::JsonStyle::Compact)), actor);
    }
    return true;
}

// The PUT goes out on the target's own connection settings (token, TLS,
// timeout) but through a reply we hold, because cancel() has to abort it;
// AdminClient::putConfig keeps its reply to itself.
void PushController::send(int index, const QByteArray& body, const QString& actor)
{
    const auto& target = m_results[index].target;
    const bool dryRun = m_operation == Operation::Review;
    auto request = target.client->request(QStringLiteral("/admin/v1/config") +
                                          (dryRun ? QStringLiteral("?dryRun=true") : QString()));
    request.setRawHeader("If-Match", "\"" + QByteArray::number(target.ifMatch) + "\"");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!actor.isEmpty())
        request.setRawHeader("X-Nsgate-Actor", actor.toUtf8());
    QNetworkReply* reply = target.client->network().sendCustomRequest(request, "PUT", body);
    m_replies[index] = reply;
    connect(reply, &QNetworkReply::finished, m_context, [this, index, reply, generation = m_generation] {
        if (generation == m_generation)
            onReply(index, reply);
    });
}

void PushController::onReply(int index, QNetworkReply* reply)
{
    reply->deleteLater();
    m_replies[index] = nullptr;
    auto& r = m_results[index];
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();

    if (status == 0) {
        client::ApiError e;
        const auto error = reply->error();
        e.kind = error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError
                     ? client::ApiError::Kind::Timeout
                 : error == QNetworkReply::SslHandshakeFailedError ? client::ApiError::Kind::Tls
                                                                   : client::ApiError::Kind::Network;
        e.detail = reply->errorString();
        r.outcome = PushTargetResult::Outcome::Failed;
        r.error = e;
        return complete(index);
    }
    if (status >= 400) {
        auto e = client::decodeProblem(status, body);
        r.error = e;
        if (status == 412) {
            r.outcome = PushTargetResult::Outcome::Conflict;
            r.currentRevision = e.currentRevision;
            return fetchTheirs(index);
        }
        if (status == 422) {
            r.outcome = PushTargetResult::Outcome::Invalid;
            r.issues = e.errors;
            if (r.issues.empty()) // keep the promise that Invalid always lists at least one problem
                r.issues.push_back({"", (e.detail.isEmpty() ? e.title : e.detail).toStdString()});
        } else {
            r.outcome = PushTargetResult::Outcome::Failed;
        }
        return complete(index);
    }

    if (m_operation == Operation::Review) {
        const auto o = QJsonDocument::fromJson(body).object();
        for (const auto& c : o.value(QStringLiteral("changes")).toArray())
            r.changes << c.toString();
        r.outcome = PushTargetResult::Outcome::Valid;
        return complete(index);
    }

    auto decoded =
        model::decodeConfig(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    if (!decoded) {
        // Stored, but the answer is unreadable: say so instead of pretending it failed.
        r.outcome = PushTargetResult::Outcome::Failed;
        r.error = decodeError(tr("the proxy stored the config but its answer could not be read: %1")
                                  .arg(client::translated(decoded.error().front())));
        return complete(index);
    }
    client::ConfigDocument stored;
    stored.config = std::move(decoded).value();
    stored.json = body;
    stored.revision = revisionFromEtag(reply->rawHeader("ETag")).value_or(stored.config.revision);
    r.revision = stored.revision;
    r.stored = std::move(stored);
    r.outcome = PushTargetResult::Outcome::Pushed;
    complete(index);
}

void PushController::fetchTheirs(int index)
{
    const auto generation = m_generation;
    m_results[index].target.client->getConfig(
        m_context, [this, index, generation](client::ApiResult<client::ConfigDocument> got) {
            if (generation != m_generation)
                return;
            auto& r = m_results[index];
            if (got) {
                r.theirs = std::move(got).value();
                r.currentRevision = r.theirs->revision;
            }
            // Without their config the conflict is still reported; the view
            // can only offer a refresh then.
            complete(index);
        });
}

void PushController::complete(int index)
{
    m_finished[static_cast<std::size_t>(index)] = true;
    ++m_done;
    const int total = static_cast<int>(m_results.size());
    const auto generation = m_generation;
    emit targetFinished(index, m_results[index]);
    if (generation != m_generation) // a receiver cancelled or started anew
        return;
    emit progress(m_done, total);
    if (m_done < total)
        return;
    const auto operation = m_operation;
    m_operation = Operation::None;
    m_context->deleteLater();
    m_context = nullptr;
    emit finished(operation, m_results);
}

void PushController::cancel()
{
    if (!isBusy())
        return;
    // A new generation means the aborts below and any late getConfig answer
    // reach no handler; deleteLater because we may be inside one of its slots.
    ++m_generation;
    m_context->deleteLater();
    m_context = nullptr;
    for (qsizetype i = 0; i < m_replies.size(); ++i) {
        if (auto reply = m_replies[i]) {
            reply->abort();
            reply->deleteLater();
        }
        m_replies[i] = nullptr;
    }
    const auto operation = m_operation;
    m_operation = Operation::None;
    const int total = static_cast<int>(m_results.size());
    for (int i = 0; i < total; ++i) {
        if (m_finished[static_cast<std::size_t>(i)])
            continue;
        // A conflict whose config was still being fetched stays a conflict.
        if (m_results[i].outcome == PushTargetResult::Outcome::Pending)
            m_results[i].outcome = PushTargetResult::Outcome::Cancelled;
        m_finished[static_cast<std::size_t>(i)] = true;
        ++m_done;
        const auto generation = m_generation;
        emit targetFinished(i, m_results[i]);
        if (generation != m_generation)
            return;
    }
    emit progress(m_done, total);
    emit finished(operation, m_results);
}

} // namespace nsgate::ui
