#include "ui/Appearance.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

#include <memory>

namespace nsgate::ui {

std::optional<Appearance::Scheme> Appearance::parse(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n.isEmpty() || n == QLatin1String("system"))
        return Scheme::System;
    if (n == QLatin1String("light"))
        return Scheme::Light;
    if (n == QLatin1String("dark"))
        return Scheme::Dark;
    return std::nullopt;
}

QString Appearance::name(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Light: return QStringLiteral("light");
    case Scheme::Dark: return QStringLiteral("dark");
    case Scheme::System: break;
    }
    return QStringLiteral("system");
}

QPalette Appearance::lightPalette()
{
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion ? fusion->standardPalette() : QPalette();
}

QPalette Appearance::darkPalette()
{
    // Fusion's usual dark scheme; text and links chosen for at least 7:1
    // against their backgrounds, disabled text still 3:1.
    QPalette p;
    const QColor window(53, 53, 53), base(35, 35, 35), text(235, 235, 235), disabled(140, 140, 140);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(45, 45, 45));
    p.setColor(QPalette::ToolTipBase, QColor(25, 25, 25));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 128, 128));
    p.setColor(QPalette::Link, QColor(122, 184, 255));
    p.setColor(QPalette::LinkVisited, QColor(190, 160, 255));
    p.setColor(QPalette::Highlight, QColor(42, 130, 218));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(75, 75, 75));
    p.setColor(QPalette::Midlight, QColor(62, 62, 62));
    p.setColor(QPalette::Mid, QColor(40, 40, 40));
    p.setColor(QPalette::Dark, QColor(30, 30, 30));
    p.setColor(QPalette::Shadow, QColor(20, 20, 20));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(80, 80, 80));
    return p;
}

void Appearance::apply(QApplication& app, Scheme scheme)
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (scheme == Scheme::Light)
        app.setPalette(lightPalette());
    else if (scheme == Scheme::Dark)
        app.setPalette(darkPalette());
}

QString Appearance::schemeSetting(const QString& settingsFile)
{
    const auto settings = settingsFile.isEmpty() ? std::make_unique<QSettings>()
                                                 : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat);
    return settings->value(QString::fromLatin1(kSettingKey)).toString();
}

} // namespace nsgate::ui
