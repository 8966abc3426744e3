#include "ui/PushFlow.h"

#include "ui/ConflictDialog.h"
#include "ui/EditorDocument.h"
#include "ui/ProxySession.h"
#include "ui/PushProgressDialog.h"
#include "ui/ReviewDialog.h"

#include <QWidget>

namespace nsgate::ui {

PushFlow::PushFlow(QWidget* window, QString actor, QObject* parent)
    : QObject(parent), m_window(window), m_actor(std::move(actor))
{
}

PushFlow::~PushFlow() = default;

ReviewDialog* PushFlow::reviewDialog() const
{
    return m_review;
}

PushProgressDialog* PushFlow::progressDialog() const
{
    return m_progress;
}

ConflictDialog* PushFlow::conflictDialog() const
{
    return m_conflict;
}

bool PushFlow::isBusy() const
{
    const auto* controller = m_controller.data();
    return controller && controller->isBusy();
}

QList<PushTarget> PushFlow::targetsFor(const QList<ProxySession*>& sessions) const
{
    QList<PushTarget> targets;
    for (auto* s : sessions) {
        PushTarget t;
        t.name = s->profile().name;
        t.client = s->connection()->client();
        // Each proxy is guarded by the revision this console last saw of it:
        // a colleague's push in between turns into a 412, never an overwrite.
        t.ifMatch = s->configLoaded() ? s->document()->base().revision
                                      : (s->connection()->info() ? s->connection()->info()->configRevision : 0);
        targets << t;
    }
    return targets;
}

ProxySession* PushFlow::sessionOf(const PushTarget& target) const
{
    for (const auto& pointer : m_targets)
        if (auto* s = pointer.data(); s && s->connection()->client() == target.client)
            return s;
    return nullptr;
}

void PushFlow::reset(ProxySession* source, const QList<ProxySession*>& targets)
{
    if (auto* old = m_controller.data())
        old->deleteLater();
    m_source = source;
    m_targets.clear();
    for (auto* t : targets)
        m_targets << t;
    m_controller = new PushController(source->document(), this);
    connect(m_controller, &PushController::refused, this, [this](const QString& reason) {
        emit refused(reason);
        emit finished();
    });
    connect(m_controller, &PushController::finished, this,
            [this](PushController::Operation op, const QList<PushTargetResult>& results) {
                if (op == PushController::Operation::Push)
                    pushFinished(results);
            });
}

void PushFlow::start(ProxySession* source, const QList<ProxySession*>& targets)
{
    if (isBusy() || !source || targets.isEmpty())
        return;
    reset(source, targets);
    auto* review = new ReviewDialog(m_window);
    review->setAttribute(Qt::WA_DeleteOnClose);
    review->watch(m_controller);
    m_review = review;
    connect(review, &ReviewDialog::confirmed, this, [this](const QList<PushTarget>& confirmed) {
        auto* progress = new PushProgressDialog(m_window);
        progress->setAttribute(Qt::WA_DeleteOnClose);
        progress->watch(m_controller);
        m_progress = progress;
        progress->open();
        m_controller->push(confirmed, m_actor);
    });
    connect(review, &QDialog::rejected, this, &PushFlow::finished);
    if (!m_controller->review(targetsFor(targets))) {
        delete review; // never shown; refused() told why
        return;
    }
    review->open();
}

void PushFlow::pushNow(ProxySession* source, const QList<ProxySession*>& targets)
{
    if (isBusy() || !source || targets.isEmpty())
        return;
    reset(source, targets);
    auto* progress = new PushProgressDialog(m_window);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->watch(m_controller);
    m_progress = progress;
    if (m_controller->push(targetsFor(targets), m_actor))
        progress->open();
    else
        progress->deleteLater();
}

void PushFlow::pushFinished(const QList<PushTargetResult>& results)
{
    int pushed = 0;
    const PushTargetResult* conflict = nullptr;
    for (const auto& r : results) {
        auto* session = sessionOf(r.target);
        if (r.outcome == PushTargetResult::Outcome::Pushed) {
            ++pushed;
            if (session && session == m_source.data() && r.stored) {
                auto stored = r.stored->config;
                stored.revision = r.stored->revision;
                session->document()->markPushed(std::move(stored));
            }
            if (session)
                emit stored(session);
        } else if (r.outcome == PushTargetResult::Outcome::Conflict && session == m_source && r.theirs) {
            conflict = &r;
        }
    }
    const int total = static_cast<int>(results.size());
    emit message(tr("Pushed to %1 of %n proxy(s).", nullptr, total).arg(pushed));
    if (conflict)
        return showConflict(*conflict);
    emit finished();
}

void PushFlow::showConflict(const PushTargetResult& result)
{
    auto* source = m_source.data();
    if (!source)
        return;
    auto* dialog = new ConflictDialog(source->document(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_conflict = dialog;
    auto theirs = result.theirs->config;
    theirs.revision = result.theirs->revision;
    dialog->setConflict(result.target.name, theirs);
    connect(dialog, &ConflictDialog::choice, this, [this, dialog](ConflictDialog::Choice choice) {
        switch (choice) {
        case ConflictDialog::Choice::TakeTheirs:
            emit message(tr("Took their version; your edits were dropped."));
            break;
        case ConflictDialog::Choice::Reapply:
            emit message(tr("Your edits were re-applied on their version: review and push again."));
            break;
        case ConflictDialog::Choice::Cancel:
            emit message(tr("Push cancelled; your edits are still here."));
            break;
        }
        auto* origin = m_source.data();
        const bool clean = choice == ConflictDialog::Choice::Reapply && dialog->rebaseFailures().isEmpty() &&
                           origin && origin->document()->issues().empty();
        if (auto* progress = m_progress.data())
            progress->accept();
        QList<ProxySession*> targets;
        for (const auto& t : m_targets)
            if (auto* session = t.data())
                targets << session;
        emit finished();
        // A clean re-apply goes straight back to review: the operator
        // confirms the new change list before anything is stored.
        if (clean)
            start(origin, targets);
    });
    dialog->open();
}

} // namespace nsgate::ui
