#include "ui/PushProgressDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace nsgate::ui {

PushProgressDialog::PushProgressDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName("pushProgressDialog");
    setWindowTitle(tr("Push"));
    m_title = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName("pushProgress");
    m_results = new QTreeWidget(this);
    m_results->setObjectName("pushResults");
    m_results->setHeaderLabels({tr("Proxy"), tr("Result")});
    m_results->setRootIsDecorated(false);
    m_results->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_results->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName("pushCancelButton");
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_progress);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(620, 300);
}

void PushProgressDialog::watch(PushController* controller)
{
    connect(controller, &PushController::started, this, [this, controller](PushController::Operation op, int total) {
        if (op != PushController::Operation::Push)
            return;
        m_title->setText(tr("Pushing to %n proxy(s)…", nullptr, total));
        m_progress->setRange(0, total);
        m_progress->setValue(0);
        m_results->clear();
        for (const auto& r : controller->results())
            new QTreeWidgetItem(m_results, {r.target.name, tr("pushing…")});
    });
    connect(controller, &PushController::progress, this, [this, controller](int done, int) {
        if (controller->operation() == PushController::Operation::Push)
            m_progress->setValue(done);
    });
    connect(controller, &PushController::targetFinished, this, [this, controller](int index, const PushTargetResult& r) {
        if (controller->operation() == PushController::Operation::Push)
            setResult(index, r);
    });
    connect(controller, &PushController::finished, this,
            [this](PushController::Operation op, const QList<PushTargetResult>& results) {
                if (op != PushController::Operation::Push)
                    return;
                int ok = 0;
                for (int i = 0; i < results.size(); ++i) {
                    setResult(i, results[i]);
                    ok += results[i].outcome == PushTargetResult::Outcome::Pushed ? 1 : 0;
                }
                const int total = static_cast<int>(results.size());
                m_title->setText(tr("Pushed to %1 of %n proxy(s).", nullptr, total).arg(ok));
                m_buttons->setStandardButtons(QDialogButtonBox::Close);
                m_buttons->button(QDialogButtonBox::Close)->setObjectName("pushCloseButton");
            });
    connect(this, &QDialog::rejected, controller, [controller] {
        if (controller->operation() == PushController::Operation::Push)
            controller->cancel();
    });
}

void PushProgressDialog::setResult(int index, const PushTargetResult& result)
{
    auto* item = m_results->topLevelItem(index);
    if (!item)
        return;
    item->setText(1, result.message());
    item->setToolTip(1, result.message());
}

QString PushProgressDialog::resultText(int index) const
{
    const auto* item = m_results->topLevelItem(index);
    return item ? item->text(0) + ": " + item->text(1) : QString();
}

int PushProgressDialog::resultCount() const
{
    return m_results->topLevelItemCount();
}

} // namespace nsgate::ui
