#pragma once

// Colours that carry meaning (an error, a problem field), chosen against the
// palette in use so they stay readable in the light and the dark Fusion
// palette alike. Colour never carries meaning alone: the text says it too.

#include <QColor>
#include <QString>

class QPalette;

namespace nsgate::ui {

// Text colour for errors on the palette's window/base background.
QColor errorTextColor(const QPalette& palette);
// The same for the application's palette.
QColor errorTextColor();
// Style sheet fragments built from errorTextColor().
QString errorLabelStyle();           // an error message under a form or page
QString errorBannerStyle();          // a boxed error: light text on a strong red
QString invalidBorderStyle(const QString& selector);   // `selector { border: 1px solid <error>; }`

} // namespace nsgate::ui
