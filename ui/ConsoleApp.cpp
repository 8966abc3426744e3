#include "ui/ConsoleApp.h"

#include "core/client/KeychainSecretStore.h"
#include "core/client/LocalProxy.h"
#include "ui/LogStoreSettingsDialog.h"
#include "ui/MainWindow.h"

#include <algorithm>

#include <QDir>
#include <QHostInfo>
#include <QSettings>
#include <QStandardPaths>

namespace nsgate::ui {

ConsoleApp::ConsoleApp(Options options, QObject* parent) : QObject(parent), m_options(std::move(options))
{
    m_settings = m_options.settingsFile.isEmpty() ? std::make_unique<QSettings>()
                                                  : std::make_unique<QSettings>(m_options.settingsFile,
                                                                                QSettings::IniFormat);
    m_profiles = std::make_unique<client::ProfileStore>(*m_settings);
    if (m_options.nsgateProgram.isEmpty())
        m_options.nsgateProgram = client::LocalProxy::findBundledNsgate();
}

ConsoleApp::~ConsoleApp()
{
    delete m_window;
}

MainWindow* ConsoleApp::window() const
{
    return m_window;
}

void ConsoleApp::start()
{
    const QString tokenDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/tokens";
    if (m_profiles->secretStoreKind() == client::SecretStore::Kind::File) {
        // The operator chose the file store before; no keyring probe needed.
        m_secrets = std::make_unique<client::FileSecretStore>(tokenDir);
        return createWindow(true, {});
    }
    client::checkKeychainAvailable(this, [this](bool available, QString why) { createWindow(available, why); });
}

void ConsoleApp::createWindow(bool keyringAvailable, const QString& why)
{
    if (!m_secrets) {
        if (keyringAvailable)
            m_secrets = std::make_unique<client::KeychainSecretStore>();
        else
            m_secrets = std::make_unique<client::MemorySecretStore>();
    }
    ConsoleContext context;
    context.settings = m_settings.get();
    context.profiles = m_profiles.get();
    context.secrets = m_secrets.get();
    context.keyringAvailable = keyringAvailable;
    context.keyringProblem = why;
    context.enableFileStore = [this]() -> client::SecretStore* {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/tokens";
        m_fileSecrets = std::make_unique<client::FileSecretStore>(dir);
        (void)m_profiles->setSecretStoreKind(client::SecretStore::Kind::File);
        return m_fileSecrets.get();
    };
    context.nsgateProgram = m_options.nsgateProgram;
    context.localDataDir = m_options.localDataDir;
    context.actor = qEnvironmentVariable("USER", "console") + "@" + QHostInfo::localHostName();
    {
        const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        if (!dataDir.isEmpty() && QDir().mkpath(dataDir))
            context.logStorePath = dataDir + "/events.db";
    }
    m_window = new MainWindow(std::move(context));
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    if (auto* ingest = m_window->logIngest()) {
        QStringList problems;
        ingest->setRetention(LogStoreSettingsDialog::retentionFromSettings(*m_settings, &problems));
        for (const auto& problem : problems)
            qWarning("settings: %s", qPrintable(problem));
    }
    m_window->show();
    // With a local profile the window restarts that proxy itself.
    const auto profiles = m_profiles->profiles();
    if (m_options.startLocal &&
        std::none_of(profiles.begin(), profiles.end(), [](const client::ProxyProfile& p) { return p.local; }))
        m_window->startLocalProxy();
    emit windowReady(m_window);
}

} // namespace nsgate::ui
