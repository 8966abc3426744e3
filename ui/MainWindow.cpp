#include "ui/MainWindow.h"

namespace nsgate::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName("mainWindow");
}

} // namespace nsgate::ui
