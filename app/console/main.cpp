#include "ui/MainWindow.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationDomain("nsgate.io");
    QApplication::setApplicationName("nsgate-console");
    QApplication::setApplicationVersion(NSGATE_VERSION);
    QApplication::setDesktopFileName("io.nsgate.Console");
    nsgate::ui::MainWindow window;
    window.show();
    return app.exec();
}
