#include "core/client/Language.h"

#include <QLocale>
#include <QRegularExpression>

namespace nsgate::client {

QString languageOf(const QString& name)
{
    QString code = name.trimmed().toLower();
    static const QRegularExpression kSeparator(QStringLiteral("[-_.@]"));
    if (const auto end = code.indexOf(kSeparator); end >= 0)
        code.truncate(end);
    if (code == QLatin1String("c") || code == QLatin1String("posix"))
        return {};
    return code;
}

QStringList systemLanguages()
{
    QString messages = qEnvironmentVariable("LC_ALL");
    if (messages.isEmpty())
        messages = qEnvironmentVariable("LC_MESSAGES");
    if (messages.isEmpty())
        messages = qEnvironmentVariable("LANG");
    if (languageOf(messages).isEmpty())
        return {};
    return QLocale::system().uiLanguages();
}

} // namespace nsgate::client
