#include "ui/ConsoleApp.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("nsgate");
    QApplication::setOrganizationDomain("nsgate.io");
    QApplication::setApplicationName("nsgate-console");
    QApplication::setApplicationDisplayName("nsgate console");
    QApplication::setApplicationVersion(NSGATE_VERSION);
    QApplication::setDesktopFileName("io.nsgate.Console");

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop console for nsgate, the namespace-aware OCI pull-through cache."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption settings("settings", QApplication::translate("main", "Keep profiles and window state in FILE."),
                                "FILE");
    QCommandLineOption nsgate("nsgate", QApplication::translate("main", "The nsgate program for a local proxy."),
                              "PATH");
    QCommandLineOption localData("local-data-dir",
                                 QApplication::translate("main", "Data directory of the local proxy."), "DIR");
    QCommandLineOption startLocal("start-local",
                                  QApplication::translate("main", "Start the local nsgate if there is none yet."));
    parser.addOptions({settings, nsgate, localData, startLocal});
    parser.process(app);

    nsgate::ui::ConsoleApp console(
        {parser.value(settings), parser.value(nsgate), parser.value(localData), parser.isSet(startLocal)});
    console.start();
    return app.exec();
}
