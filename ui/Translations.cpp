#include "ui/Translations.h"

#include "core/client/Language.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>
#include <memory>

namespace nsgate::ui {

namespace {

// Set on every translator installed here, so a second call replaces them.
constexpr const char* kTranslatorName = "nsgateTranslator";

} // namespace

QStringList Translations::available()
{
    return {QStringLiteral("en"), QStringLiteral("de")};
}

QString Translations::choose(const QString& override, const QStringList& uiLanguages)
{
    if (const QString wanted = client::languageOf(override); !wanted.isEmpty() && available().contains(wanted))
        return wanted;
    for (const auto& language : uiLanguages)
        if (const QString code = client::languageOf(language); available().contains(code))
            return code;
    return QStringLiteral("en");
}

QStringList Translations::systemLanguages()
{
    return client::systemLanguages();
}

LoadedTranslations Translations::installTranslators(QCoreApplication& app, const QString& override)
{
    for (auto* old :
         app.findChildren<QTranslator*>(QString::fromLatin1(kTranslatorName), Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    LoadedTranslations loaded;
    if (const QString wanted = client::languageOf(override); !wanted.isEmpty() && !available().contains(wanted))
        loaded.problem =
            QStringLiteral("no translation for language \"%1\"; using the system's").arg(override);
    loaded.language = choose(override, systemLanguages());
    // Numbers, sizes and dates follow the language spoken ("65,0 %" in German
    // even on an English system): the system's locale when it is that
    // language, which keeps its country's habits (de_AT, en_GB), else the
    // language's own.
    const QLocale system = QLocale::system();
    const QLocale spoken(loaded.language);
    QLocale::setDefault(system.language() == spoken.language() ? system : spoken);

    const auto install = [&](const QString& file) {
        auto* translator = new QTranslator(&app);
        translator->setObjectName(QString::fromLatin1(kTranslatorName));
        if (!translator->load(file) || !QCoreApplication::installTranslator(translator)) {
            delete translator;
            return;
        }
        loaded.files << file;
    };
    // Installed last, searched first: the language's own catalogue before the
    // English plural forms every language falls back to.
    install(QStringLiteral(":/i18n/nsgate_en.qm"));
    if (loaded.language != QLatin1String("en")) {
        const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (const QString qtbase = qtDir + QStringLiteral("/qtbase_%1.qm").arg(loaded.language);
            QFile::exists(qtbase))
            install(qtbase);
        install(QStringLiteral(":/i18n/nsgate_%1.qm").arg(loaded.language));
    }
    return loaded;
}

QString Translations::languageSetting(const QString& settingsFile)
{
    const auto settings = settingsFile.isEmpty()
                              ? std::make_unique<QSettings>()
                              : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat);
    return settings->value(QString::fromLatin1(kSettingKey)).toString();
}

} // namespace nsgate::ui
