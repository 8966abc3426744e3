#include "ui/ReviewDialog.h"

#include "core/client/MessageText.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace nsgate::ui {

ReviewDialog::ReviewDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("reviewDialog"));
    setWindowTitle(tr("Review & push"));

    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("reviewIntro"));
    m_intro->setWordWrap(true);

    m_changes = new QTreeWidget(this);
    m_changes->setObjectName(QStringLiteral("reviewChanges"));
    m_changes->setColumnCount(2);
    m_changes->setHeaderLabels({tr("Proxy / change"), tr("Result")});
    m_changes->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_changes->header()->setStretchLastSection(true);
    m_changes->setRootIsDecorated(true);
    m_changes->setUniformRowHeights(true);

    m_buttons = new QDialogButtonBox(this);
    m_confirm = m_buttons->addButton(tr("Push"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmPushButton"));
    m_confirm->setEnabled(false);
    auto* cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelReviewButton"));
    connect(m_confirm, &QPushButton::clicked, this, [this] {
        const auto targets = confirmedTargets();
        if (targets.isEmpty())
            return;
        emit confirmed(targets);
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_changes, 1);
    layout->addWidget(m_buttons);
    resize(640, 420);
    updateButtons();
}

void ReviewDialog::watch(PushController* controller)
{
    connect(controller, &PushController::started, this,
            [this, controller](PushController::Operation operation, int) {
                if (operation != PushController::Operation::Review)
                    return;
                QList<PushTarget> targets;
                for (const auto& r : controller->results())
                    targets << r.target;
                setTargets(targets);
            });
    connect(controller, &PushController::targetFinished, this,
            [this, controller](int index, const PushTargetResult& r) {
                if (controller->operation() == PushController::Operation::Review)
                    setResult(index, r);
            });
    connect(this, &QDialog::rejected, controller, [controller] {
        if (controller->operation() == PushController::Operation::Review)
            controller->cancel();
    });
    if (controller->operation() == PushController::Operation::Review)
        setResults(controller->results());
}

void ReviewDialog::setTargets(const QList<PushTarget>& targets)
{
    QList<PushTargetResult> pending;
    for (const auto& t : targets) {
        PushTargetResult r;
        r.target = t;
        pending << r;
    }
    setResults(pending);
}

void ReviewDialog::setResults(const QList<PushTargetResult>& results)
{
    m_results.clear();
    m_changes->clear();
    for (const auto& r : results) {
        m_results << r;
        new QTreeWidgetItem(m_changes, {r.target.name, r.message()});
    }
    for (int i = 0; i < results.size(); ++i)
        setResult(i, results[i]);
}

void ReviewDialog::setResult(int index, const PushTargetResult& result)
{
    if (index < 0 || index >= m_results.size())
        return;
    m_results[index] = result;
    QTreeWidgetItem* item = m_changes->topLevelItem(index);
    qDeleteAll(item->takeChildren());
    item->setText(0, result.target.name);
    item->setText(1, result.message());

    using Outcome = PushTargetResult::Outcome;
    const auto icon = [this](QStyle::StandardPixmap p) {
        return style()->standardIcon(p);
    };
    switch (result.outcome) {
    case Outcome::Pending:
        item->setIcon(0, icon(QStyle::SP_BrowserReload));
        break;
    case Outcome::Valid:
    case Outcome::Pushed:
        item->setIcon(0, icon(QStyle::SP_DialogApplyButton));
        for (const auto& change : result.changes)
            new QTreeWidgetItem(item, {change});
        break;
    case Outcome::Invalid:
        item->setIcon(0, icon(QStyle::SP_MessageBoxCritical));
        for (const auto& issue : result.issues)
            new QTreeWidgetItem(
                item, {QString::fromStdString(issue.pointer), client::translated(issue)});
        break;
    case Outcome::Conflict:
        item->setIcon(0, icon(QStyle::SP_MessageBoxWarning));
        new QTreeWidgetItem(
            item,
            {tr("Someone pushed to this proxy after the document was loaded: resolve the conflict first.")});
        break;
    case Outcome::Failed:
    case Outcome::Cancelled:
        item->setIcon(0, icon(QStyle::SP_MessageBoxCritical));
        break;
    }
    item->setExpanded(true);
    updateButtons();
}

QList<PushTarget> ReviewDialog::confirmedTargets() const
{
    QList<PushTarget> out;
    for (const auto& r : m_results)
        if (r.outcome == PushTargetResult::Outcome::Valid && !r.changes.isEmpty())
            out << r.target;
    return out;
}

void ReviewDialog::updateButtons()
{
    const auto targets = confirmedTargets();
    const bool running = std::any_of(m_results.begin(), m_results.end(), [](const PushTargetResult& r) {
        return r.outcome == PushTargetResult::Outcome::Pending;
    });
    const bool anyValid = std::any_of(m_results.begin(), m_results.end(), [](const PushTargetResult& r) {
        return r.outcome == PushTargetResult::Outcome::Valid;
    });
    m_confirm->setEnabled(!running && !targets.isEmpty());
    m_confirm->setText(targets.size() > 1 ? tr("Push to %n proxies", "", static_cast<int>(targets.size()))
                                          : tr("Push"));
    if (running)
        m_intro->setText(tr("Checking the document against each proxy (dry run); nothing is stored yet…"));
    else if (m_results.isEmpty())
        m_intro->setText(tr("No proxy selected."));
    else if (!targets.isEmpty())
        m_intro->setText(tr("These changes will be pushed. Proxies with errors are left out."));
    else if (anyValid)
        m_intro->setText(tr("The document matches what the proxies have: nothing to push."));
    else
        m_intro->setText(tr("No proxy accepted the document; see the errors below."));
}

} // namespace nsgate::ui
