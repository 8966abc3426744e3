#include "ui/PageDialogs.h"

#include <QFileDialog>
#include <QMessageBox>

namespace nsgate::ui {

void openDirectoryDialog(QWidget* parent, const QString& title, std::function<void(QString)> done)
{
    auto* dialog = new QFileDialog(parent, title);
    dialog->setObjectName(QStringLiteral("pageDirectoryDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    // finished() fires for accept and reject alike, so `done` runs exactly once.
    QObject::connect(dialog, &QFileDialog::finished, dialog, [dialog, done](int result) {
        const QStringList chosen = dialog->selectedFiles();
        done(result == QDialog::Accepted && !chosen.isEmpty() ? chosen.front() : QString());
    });
    dialog->open();
}

void openSaveFileDialog(QWidget* parent, const QString& title, const QString& suggested, const QString& filter,
                        std::function<void(QString)> done)
{
    auto* dialog = new QFileDialog(parent, title, suggested, filter);
    dialog->setObjectName(QStringLiteral("pageSaveFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    QObject::connect(dialog, &QFileDialog::finished, dialog, [dialog, done](int result) {
        const QStringList chosen = dialog->selectedFiles();
        done(result == QDialog::Accepted && !chosen.isEmpty() ? chosen.front() : QString());
    });
    dialog->open();
}

void openConfirmation(QWidget* parent, const QString& title, const QString& text,
                      std::function<void(bool)> done)
{
    auto* box =
        new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, parent);
    box->setObjectName(QStringLiteral("pageConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::No);
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, done](int) { done(box->clickedButton() == box->button(QMessageBox::Yes)); });
    box->open();
}

} // namespace nsgate::ui
