#include "ui/Appearance.h"
#include "ui/ConsoleApp.h"
#include "ui/Translations.h"

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

    // The language comes first, so that --help is already in it.
    QCommandLineOption settings("settings", "", "FILE");
    QCommandLineOption language("language", "", "LANG");
    QCommandLineOption palette("palette", "", "SCHEME");
    {
        QCommandLineParser early;
        early.addOptions({settings, language, palette});
        (void)early.parse(QApplication::arguments()); // errors are reported by the full parse below
        const QString chosen = early.isSet(language)
                                   ? early.value(language)
                                   : nsgate::ui::Translations::languageSetting(early.value(settings));
        const auto loaded = nsgate::ui::Translations::installTranslators(app, chosen);
        if (!loaded.problem.isEmpty())
            qWarning("%s", qPrintable(loaded.problem));
        // The palette before any widget exists, so every one is built with it.
        const QString scheme = early.isSet(palette)
                                   ? early.value(palette)
                                   : nsgate::ui::Appearance::schemeSetting(early.value(settings));
        const auto parsed = nsgate::ui::Appearance::parse(scheme);
        if (!parsed)
            qWarning("--palette / ui/palette: \"%s\" is not light, dark or system; using the system's",
                     qPrintable(scheme));
        nsgate::ui::Appearance::apply(app, parsed.value_or(nsgate::ui::Appearance::Scheme::System));
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop console for nsgate, the namespace-aware OCI pull-through cache."));
    parser.addHelpOption();
    parser.addVersionOption();
    settings.setDescription(QApplication::translate("main", "Keep profiles and window state in FILE."));
    language.setDescription(QApplication::translate(
        "main",
        "Speak LANG (en, de) instead of the system's language or the one chosen in the Language menu."));
    palette.setDescription(QApplication::translate(
        "main", "Use the light or dark palette (or the system's) instead of the one in the settings."));
    QCommandLineOption nsgate("nsgate", QApplication::translate("main", "The nsgate program for a local proxy."),
                              "PATH");
    QCommandLineOption localData("local-data-dir",
                                 QApplication::translate("main", "Data directory of the local proxy."), "DIR");
    QCommandLineOption startLocal("start-local",
                                  QApplication::translate("main", "Start the local nsgate if there is none yet."));
    parser.addOptions({settings, language, palette, nsgate, localData, startLocal});
    parser.process(app);

    nsgate::ui::ConsoleApp console(
        {parser.value(settings), parser.value(nsgate), parser.value(localData), parser.isSet(startLocal)});
    console.start();
    return app.exec();
}
