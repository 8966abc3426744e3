#pragma once

// How the console and nsgatectl read the language a person asked for from the
// environment, in one place so that both programs agree.

#include <QString>
#include <QStringList>

namespace nsgate::client {

// The language code of a locale or language name: "de_DE.UTF-8", "de-AT",
// "DE" -> "de"; "C", "POSIX", "C.UTF-8" and "" -> "".
QString languageOf(const QString& name);

// The system's UI languages (QLocale::system().uiLanguages()), or none when
// the messages locale (LC_ALL, else LC_MESSAGES, else LANG) is unset or
// C/POSIX: like gettext, LANGUAGE does not apply there.
QStringList systemLanguages();

} // namespace nsgate::client
