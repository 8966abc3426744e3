#include "app/ctl/Translate.h"

#include <QLibraryInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QTranslator>

namespace nsgate::ctl {

namespace {

// "de_DE.UTF-8", "de-AT" -> "de"; "C", "POSIX", "C.UTF-8" -> "".
QString languageOf(const QString& name)
{
    QString code = name.trimmed().toLower();
    const auto end = code.indexOf(QRegularExpression(QStringLiteral("[-_.@]")));
    if (end >= 0)
        code.truncate(end);
    if (code == QLatin1String("c") || code == QLatin1String("posix"))
        return {};
    return code;
}

QStringList wantedLanguages()
{
    if (const QString forced = qEnvironmentVariable("NSGATECTL_LANG"); !forced.isEmpty())
        return {forced};
    // The messages locale as POSIX resolves it; in the C locale LANGUAGE does
    // not apply (as with gettext), so C and POSIX stay English.
    QString messages = qEnvironmentVariable("LC_ALL");
    if (messages.isEmpty())
        messages = qEnvironmentVariable("LC_MESSAGES");
    if (messages.isEmpty())
        messages = qEnvironmentVariable("LANG");
    if (languageOf(messages).isEmpty())
        return {};
    return QLocale::system().uiLanguages();
}

} // namespace

QString installTranslators(QCoreApplication& app)
{
    QString language = QStringLiteral("en");
    for (const auto& wanted : wantedLanguages()) {
        const QString code = languageOf(wanted);
        if (code == QLatin1String("en") || code == QLatin1String("de")) {
            language = code;
            break;
        }
    }
    const auto install = [&app](const QString& file) {
        auto* translator = new QTranslator(&app);
        if (!translator->load(file) || !QCoreApplication::installTranslator(translator))
            delete translator;
    };
    // Installed last, searched first: the language's catalogue over the
    // English plural forms ("1 namespace") every language falls back to.
    install(QStringLiteral(":/i18n/nsgate_en.qm"));
    if (language != QLatin1String("en")) {
        // Qt's own messages (network errors) in the same language, when installed.
        install(QLibraryInfo::path(QLibraryInfo::TranslationsPath) +
                QStringLiteral("/qtbase_%1.qm").arg(language));
        install(QStringLiteral(":/i18n/nsgate_%1.qm").arg(language));
    }
    return language;
}

} // namespace nsgate::ctl
