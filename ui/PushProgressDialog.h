#pragma once

// Progress and one line of outcome per proxy while a push runs. A failure on
// one proxy is listed next to the others' results, never instead of them.

#include "ui/PushController.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QTreeWidget;

namespace nsgate::ui {

class PushProgressDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PushProgressDialog(QWidget* parent = nullptr);

    void watch(PushController* controller);
    // The result line shown for target `index` (tests and screen readers).
    QString resultText(int index) const;
    int resultCount() const;

private:
    void setResult(int index, const PushTargetResult& result);

    QLabel* m_title = nullptr;
    QProgressBar* m_progress = nullptr;
    QTreeWidget* m_results = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace nsgate::ui
