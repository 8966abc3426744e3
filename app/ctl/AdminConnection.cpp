#include "app/ctl/AdminConnection.h"

#include "app/ctl/ConfigFile.h"
#include "app/ctl/Translate.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdlib>
#include <iostream>

namespace nsgate::ctl {

std::vector<OptionSpec> adminOptions()
{
    return {
        {"--admin", "URL", translate("nsgatectl", "the proxy's admin API (default $NSGATE_ADMIN_URL)")},
        {"--token-file", "FILE",
         translate("nsgatectl", "file holding the admin token (default $NSGATE_ADMIN_TOKEN_FILE)")},
        {"--ca", "FILE", translate("nsgatectl", "CA certificate (PEM) for an https admin URL")},
    };
}

std::optional<client::ConnectionOptions> adminConnection(const ParsedArgs& args)
{
    const auto fromEnv = [](const char* name) {
        const char* v = std::getenv(name);
        return std::string(v ? v : "");
    };
    const std::string url = args.value("--admin", fromEnv("NSGATE_ADMIN_URL"));
    const std::string tokenFile = args.value("--token-file", fromEnv("NSGATE_ADMIN_TOKEN_FILE"));
    if (url.empty()) {
        std::cerr << translate("nsgatectl",
                               "nsgatectl: no admin URL: pass --admin URL or set NSGATE_ADMIN_URL\n");
        return std::nullopt;
    }
    const QUrl parsed(QString::fromStdString(url), QUrl::StrictMode);
    if (!parsed.isValid() || (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")) ||
        parsed.host().isEmpty()) {
        std::cerr << withArgs(
            translate("nsgatectl", "nsgatectl: admin URL \"%1\" is not an http:// or https:// URL\n"), url);
        return std::nullopt;
    }
    if (tokenFile.empty()) {
        std::cerr << translate(
            "nsgatectl",
            "nsgatectl: no admin token: pass --token-file FILE or set NSGATE_ADMIN_TOKEN_FILE\n");
        return std::nullopt;
    }
    auto token = readTextFile(tokenFile);
    if (!token)
        return std::nullopt;
    QByteArray trimmed = QByteArray::fromStdString(*token).trimmed();
    if (trimmed.isEmpty()) {
        std::cerr << withArgs(translate("nsgatectl", "nsgatectl: token file \"%1\" is empty\n"), tokenFile);
        return std::nullopt;
    }
    client::ConnectionOptions options;
    options.adminUrl = parsed;
    options.token = trimmed;
    options.caFile = QString::fromStdString(args.value("--ca"));
    return options;
}

int runUntilDone(const std::function<void(std::function<void(int)>)>& body)
{
    int code = kExitOk;
    bool finished = false;
    QTimer::singleShot(0, [&] {
        body([&](int c) {
            if (finished)
                return;
            finished = true;
            code = c;
            QCoreApplication::exit(c);
        });
    });
    QCoreApplication::exec();
    return code;
}

void printApiError(const client::ApiError& error)
{
    std::cerr << "nsgatectl: " << error.message().toStdString() << "\n";
    printIssues(error.errors);
}

} // namespace nsgate::ctl
