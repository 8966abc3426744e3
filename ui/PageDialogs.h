#pragma once

// The few questions the pages ask the operator (pick a folder, confirm an
// overwrite or a delete) go through these function types so that tests can
// answer them without a real dialog. The default implementations open
// window-modal dialogs with open(), never exec(): the event loop keeps
// serving network replies while the question is on screen.

#include <QString>
#include <functional>

class QWidget;

namespace nsgate::ui {

// Asks for a directory; `done` gets the path, or an empty string when the
// operator cancelled. `done` may run later, or never if `parent` dies first.
using ChooseDirectoryFn =
    std::function<void(QWidget* parent, const QString& title, std::function<void(QString)> done)>;

// Asks for a file to write; `suggested` is the proposed path, `filter` a
// QFileDialog name filter. `done` gets the path or an empty string.
using ChooseSaveFileFn = std::function<void(QWidget* parent, const QString& title, const QString& suggested,
                                            const QString& filter, std::function<void(QString)> done)>;

// Asks a yes/no question; `done(true)` only for an explicit yes.
using ConfirmFn = std::function<void(QWidget* parent, const QString& title, const QString& text,
                                     std::function<void(bool)> done)>;

// QFileDialog in directory mode, opened with open().
void openDirectoryDialog(QWidget* parent, const QString& title, std::function<void(QString)> done);

// QFileDialog in save mode (it asks before replacing a file), opened with open().
void openSaveFileDialog(QWidget* parent, const QString& title, const QString& suggested, const QString& filter,
                        std::function<void(QString)> done);

// QMessageBox with Yes/No (No is the default), opened with open().
void openConfirmation(QWidget* parent, const QString& title, const QString& text,
                      std::function<void(bool)> done);

} // namespace nsgate::ui
