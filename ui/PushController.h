#pragma once

// Pushes one editor document to one or more proxies: first a dry run on each
// (review), then the real PUT with If-Match on each, all at once. Every target
// gets its own result, so one proxy that is down or changed never hides what
// happened on the others. A 412 fetches the proxy's current config so the
// conflict view can show it without another round trip. No dialogs here: the
// window opens ReviewDialog / ConflictDialog from these signals.

#include "core/client/AdminClient.h"
#include "core/model/Issue.h"
#include "core/model/MirrorConfig.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

class QNetworkReply;

namespace nsgate::ui {

class EditorDocument;

struct PushTarget
{
    QString name; // what the operator calls the proxy
    client::AdminClient* client = nullptr;
    std::int64_t ifMatch = 0; // the revision the document is based on for this proxy
};

struct PushTargetResult
{
    enum class Outcome
    {
        Pending,   // still running
        Valid,     // dry run accepted; `changes` says what a push would change
        Pushed,    // stored as `revision`
        Invalid,   // 422: `issues` lists every problem the proxy found
        Conflict,  // 412: the proxy is at `currentRevision`; `theirs` holds its config when it could be
                   // fetched
        Failed,    // network, TLS, timeout, auth or any other answer: `error`
        Cancelled, // aborted by cancel(); for a push the proxy may still have applied it
    };

    PushTarget target;
    Outcome outcome = Outcome::Pending;
    QStringList changes;
    std::int64_t revision = 0;
    std::optional<client::ConfigDocument> stored;
    model::Issues issues;
    std::optional<std::int64_t> currentRevision;
    std::optional<client::ConfigDocument> theirs;
    std::optional<client::ApiError> error;

    bool succeeded() const { return outcome == Outcome::Valid || outcome == Outcome::Pushed; }
    // One line for people, e.g. "pushed as revision 8" or "changed by someone else (now revision 9)".
    QString message() const;
};

class PushController : public QObject
{
    Q_OBJECT

public:
    enum class Operation
    {
        None,
        Review,
        Push
    };
    Q_ENUM(Operation)

    explicit PushController(EditorDocument* document, QObject* parent = nullptr);
    ~PushController() override;

    // Dry run of the document on every target. Returns false and emits
    // refused() without sending anything when the document has validation
    // issues, when another operation is running or when `targets` is empty.
    bool review(const QList<nsgate::ui::PushTarget>& targets);
    // The real PUT on every target, concurrently; `actor` goes into each
    // proxy's history. Same refusals as review().
    bool push(const QList<nsgate::ui::PushTarget>& targets, const QString& actor);
    // Aborts what is in flight; unfinished targets end as Cancelled and
    // finished() follows at once.
    void cancel();

    Operation operation() const { return m_operation; }
    bool isBusy() const { return m_operation != Operation::None; }
    // Results of the running or last operation, in the order of its targets.
    const QList<PushTargetResult>& results() const { return m_results; }

signals:
    void started(nsgate::ui::PushController::Operation operation, int total);
    void progress(int done, int total);
    void targetFinished(int index, const nsgate::ui::PushTargetResult& result);
    void finished(nsgate::ui::PushController::Operation operation,
                  const QList<nsgate::ui::PushTargetResult>& results);
    void refused(const QString& reason);

private:
    bool start(Operation operation, const QList<PushTarget>& targets, const QString& actor);
    void send(int index, const QByteArray& body, const QString& actor);
    void onReply(int index, QNetworkReply* reply);
    void fetchTheirs(int index);
    void complete(int index);

    QPointer<EditorDocument> m_document;
    Operation m_operation = Operation::None;
    QList<PushTargetResult> m_results;
    QList<QPointer<QNetworkReply>> m_replies;
    std::vector<bool> m_finished;
    QObject* m_context = nullptr; // owns every callback of the running operation; deleted to drop them
    int m_done = 0;
    quint64 m_generation = 0; // invalidates callbacks of a cancelled operation
};

} // namespace nsgate::ui

Q_DECLARE_METATYPE(nsgate::ui::PushTarget)
Q_DECLARE_METATYPE(nsgate::ui::PushTargetResult)
