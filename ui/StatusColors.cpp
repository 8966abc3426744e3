#include "ui/StatusColors.h"

#include <QApplication>
#include <QPalette>

namespace nsgate::ui {

namespace {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

QColor errorTextColor(const QPalette& palette)
{
    // Material's error reds: #b3261e has 6.5:1 against white, #ffb4ab 9:1
    // against the dark Fusion window (#353535).
    return isDark(palette) ? QColor(0xff, 0xb4, 0xab) : QColor(0xb3, 0x26, 0x1e);
}

QColor errorTextColor()
{
    return errorTextColor(QApplication::palette());
}

QString errorLabelStyle()
{
    return QStringLiteral("color: %1;").arg(errorTextColor().name());
}

QString errorBannerStyle()
{
    // White on #b3261e reads in either palette: the box brings its own background.
    return QStringLiteral("QLabel { color: #ffffff; background: #b3261e; padding: 4px; border-radius: 3px; }");
}

QString invalidBorderStyle(const QString& selector)
{
    return QStringLiteral("%1 { border: 1px solid %2; }").arg(selector, errorTextColor().name());
}

} // namespace nsgate::ui
