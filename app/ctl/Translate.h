#pragma once

// nsgatectl's messages for people (help, errors, summaries) go through
// translate("nsgatectl", ...); what scripts and other programs read (JSON,
// CSV, exported files, option names, the admin API's words) never does.
// Without a catalogue for the language, or in the C locale, the English text
// comes back unchanged, so that output stays byte for byte what the tests
// compare.

#include "core/client/MessageText.h"

#include <QCoreApplication>
#include <QString>
#include <concepts>
#include <string>
#include <string_view>

namespace nsgate::ctl {

// `text` in the user's language; with `n` >= 0, the plural form for n (%n).
// Every message names its context, "nsgatectl", in the call: lupdate reads it
// from there, where the context it would infer for a free function depends on
// the declarations before it.
inline std::string translate(const char* context, const char* text, const char* disambiguation = nullptr,
                             int n = -1)
{
    return QCoreApplication::translate(context, text, disambiguation, n).toStdString();
}

namespace detail {
inline QString argText(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
inline QString argText(const char* s)
{
    return QString::fromUtf8(s);
}
inline QString argText(const QString& s)
{
    return s;
}
template<std::integral T> QString argText(T n)
{
    return QString::number(n);
}
} // namespace detail

// Fills %1, %2, ... of a translated pattern in one pass (a value holding "%2"
// stays as it is).
template<class... Values> std::string withArgs(const std::string& pattern, const Values&... values)
{
    return QString::fromStdString(pattern).arg(detail::argText(values)...).toStdString();
}

// What core said (a validation issue, an export warning, an error from the
// store) in the user's language; core's English when it gave no translatable
// text, as for an answer from a proxy.
template<class CoreText> std::string coreMessage(const CoreText& text)
{
    return client::translated(text).toStdString();
}

// Picks nsgatectl's language and installs the catalogue: NSGATECTL_LANG when
// set ("en", "de", or a locale name such as de_DE.UTF-8), else the system's
// (LANGUAGE, then LC_ALL / LC_MESSAGES / LANG; English in the C locale, as
// gettext does). Returns the language in use ("en" or "de").
QString installTranslators(QCoreApplication& app);

} // namespace nsgate::ctl
