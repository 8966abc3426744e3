#pragma once

// The console's look: Qt's Fusion style everywhere (the same widgets on every
// desktop, and the style the screenshots and accessibility checks are made
// with), in a light or a dark palette. The choice, first match wins: the
// --palette option, the setting ui/palette, the platform's own palette
// ("system").

#include <QPalette>
#include <QString>

#include <optional>

class QApplication;

namespace nsgate::ui {

class Appearance
{
public:
    enum class Scheme { System, Light, Dark };

    static constexpr const char* kSettingKey = "ui/palette";

    // "system" (or empty), "light", "dark"; anything else: nullopt.
    static std::optional<Scheme> parse(const QString& name);
    static QString name(Scheme scheme);
    // Fusion with the scheme's palette; System keeps the platform's palette.
    static void apply(QApplication& app, Scheme scheme);
    static QPalette lightPalette();
    static QPalette darkPalette();
    // The ui/palette value of the settings the console uses (see Translations::languageSetting).
    static QString schemeSetting(const QString& settingsFile);
};

} // namespace nsgate::ui
