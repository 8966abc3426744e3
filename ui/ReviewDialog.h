#pragma once

// "Review & push": what the dry run of the document says on each selected
// proxy, before anything is stored. Non-modal (open()/show()); Confirm pushes
// only to the proxies whose dry run was valid and would change something,
// and says how many those are.

#include "ui/PushController.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace nsgate::ui {

class ReviewDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReviewDialog(QWidget* parent = nullptr);

    // Follows a controller's review: a row per target as it starts, each
    // result as it arrives; Cancel while it runs cancels the review.
    void watch(PushController* controller);

    // One row per target, each "checking…".
    void setTargets(const QList<nsgate::ui::PushTarget>& targets);
    void setResult(int index, const nsgate::ui::PushTargetResult& result);
    void setResults(const QList<nsgate::ui::PushTargetResult>& results);

    // The targets Confirm will push to: dry run valid with at least one change.
    QList<PushTarget> confirmedTargets() const;

signals:
    void confirmed(const QList<nsgate::ui::PushTarget>& targets);

private:
    void updateButtons();

    QLabel* m_intro = nullptr;
    QTreeWidget* m_changes = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_confirm = nullptr;
    QList<PushTargetResult> m_results;
};

} // namespace nsgate::ui
