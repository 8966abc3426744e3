#pragma once

// Which language the console speaks and the catalogues that make it so: our
// own (embedded under :/i18n by nsgate::translations) and Qt's (qtbase_<lang>.qm
// from Qt's translations directory, for the texts of standard dialogs and
// buttons). The choice, first match wins: the --language option, the setting
// ui/language ("" = system), the system's UI languages; English otherwise.

#include <QString>
#include <QStringList>

class QCoreApplication;
class QSettings;

namespace nsgate::ui {

struct LoadedTranslations
{
    QString language;  // "en" or "de": the language the console speaks
    QStringList files; // the catalogues installed, e.g. ":/i18n/nsgate_de.qm"
    QString problem;   // an override naming no language we have, for a warning
};

class Translations
{
public:
    // The settings key: "" follows the system, else a language code.
    static constexpr const char* kSettingKey = "ui/language";

    // Languages with a catalogue: {"en", "de"}.
    static QStringList available();
    // The language for `override` (a code like "de" or a locale name like
    // de_DE.UTF-8; empty: none) and the system's UI languages, in order.
    static QString choose(const QString& override, const QStringList& uiLanguages);
    // The system's UI languages (QLocale::system().uiLanguages()), or none in
    // the C/POSIX locale: like gettext, LANGUAGE does not apply there.
    static QStringList systemLanguages();

    // Installs the catalogues for `override` (see choose()), replacing any this
    // function installed before. English loads only its plural forms. Also
    // makes QLocale's default speak the chosen language (numbers, dates).
    static LoadedTranslations installTranslators(QCoreApplication& app, const QString& override);

    // The ui/language value of the settings the console uses: `settingsFile` as
    // ConsoleApp opens it (empty: the platform's default settings).
    static QString languageSetting(const QString& settingsFile);
};

} // namespace nsgate::ui
