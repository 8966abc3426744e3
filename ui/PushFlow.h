#pragma once

// "Review & push" as the window runs it: a dry run on every selected proxy
// (ReviewDialog), then the push with If-Match and a progress dialog with one
// result per proxy, then — when the current proxy answered 412 — the conflict
// view with its three ways out. Every dialog is opened with open(); nothing
// here blocks the event loop.

#include "ui/PushController.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace nsgate::ui {

class ConflictDialog;
class ProxySession;
class PushProgressDialog;
class ReviewDialog;

class PushFlow : public QObject
{
    Q_OBJECT

public:
    PushFlow(QWidget* window, QString actor, QObject* parent = nullptr);
    ~PushFlow() override;

    // Pushes `source`'s document to `targets` (which usually include source).
    void start(ProxySession* source, const QList<ProxySession*>& targets);
    // Pushes `source`'s document to `targets` without the review (scripts, tests).
    void pushNow(ProxySession* source, const QList<ProxySession*>& targets);
    bool isBusy() const;

    ReviewDialog* reviewDialog() const;
    PushProgressDialog* progressDialog() const;
    ConflictDialog* conflictDialog() const;
    PushController* controller() const { return m_controller; }

signals:
    // One line for the status bar.
    void message(const QString& text);
    // The document was refused before anything was sent (validation problems).
    void refused(const QString& reason);
    // A target stored the document (its session should refresh).
    void stored(nsgate::ui::ProxySession* session);
    // The whole run ended (pushed, failed, cancelled or resolved).
    void finished();

private:
    QList<PushTarget> targetsFor(const QList<ProxySession*>& sessions) const;
    ProxySession* sessionOf(const PushTarget& target) const;
    void reset(ProxySession* source, const QList<ProxySession*>& targets);
    void pushFinished(const QList<PushTargetResult>& results);
    void showConflict(const PushTargetResult& result);

    QWidget* m_window;
    QString m_actor;
    QPointer<ProxySession> m_source;
    QList<QPointer<ProxySession>> m_targets;
    QPointer<PushController> m_controller;
    QPointer<ReviewDialog> m_review;
    QPointer<PushProgressDialog> m_progress;
    QPointer<ConflictDialog> m_conflict;
};

} // namespace nsgate::ui
