#include "core/client/MessageText.h"

#include <QCoreApplication>

namespace nsgate::client {

namespace {

std::string translatedUtf8(const model::Message& message)
{
    if (message.isValue())
        return message.valueText();
    std::vector<std::string> args;
    args.reserve(message.args().size());
    for (const auto& arg : message.args())
        args.push_back(translatedUtf8(arg));
    // Placeholders are ASCII, so filling the UTF-8 form is exact.
    const std::string pattern = QCoreApplication::translate(message.context(), message.pattern()).toStdString();
    return model::fillPlaceholders(pattern, args);
}

} // namespace

QString translated(const model::Message& message)
{
    return QString::fromStdString(translatedUtf8(message));
}

QString translated(const Error& error)
{
    return translated(errorText(error));
}

QString translated(const model::Issue& issue)
{
    return issue.text.empty() ? QString::fromStdString(issue.message) : translated(issue.text);
}

} // namespace nsgate::client
