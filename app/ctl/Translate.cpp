#include "app/ctl/Translate.h"

#include "core/client/Language.h"

#include <QLibraryInfo>
#include <QTranslator>

namespace nsgate::ctl {

namespace {

QStringList wantedLanguages()
{
    if (const QString forced = qEnvironmentVariable("NSGATECTL_LANG"); !forced.isEmpty())
        return {forced};
    return client::systemLanguages();
}

} // namespace

QString installTranslators(QCoreApplication& app)
{
    QString language = QStringLiteral("en");
    for (const auto& wanted : wantedLanguages()) {
        const QString code = client::languageOf(wanted);
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
