#pragma once

// Everything the console's main() would otherwise wire by hand: settings,
// the proxy profiles, the choice of secret store (the keyring when it answers,
// else memory for the session unless the operator opted into the file store),
// the bundled nsgate, and the main window once the keyring check answered.

#include "core/client/ProfileStore.h"
#include "core/client/SecretStore.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QSettings;

namespace nsgate::ui {

class MainWindow;

class ConsoleApp : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString settingsFile;     // empty: the platform's default settings
        QString nsgateProgram;    // empty: LocalProxy::findBundledNsgate()
        QString localDataDir;     // empty: LocalProxy's default
        bool startLocal = false;  // start the local nsgate unless a profile for it exists
    };

    explicit ConsoleApp(Options options, QObject* parent = nullptr);
    ~ConsoleApp() override;

    // Checks the keyring, then creates and shows the window (windowReady()).
    void start();
    MainWindow* window() const;

signals:
    void windowReady(nsgate::ui::MainWindow* window);

private:
    void createWindow(bool keyringAvailable, const QString& why);

    Options m_options;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<client::ProfileStore> m_profiles;
    std::unique_ptr<client::SecretStore> m_secrets;
    std::unique_ptr<client::SecretStore> m_fileSecrets;
    QPointer<MainWindow> m_window;
};

} // namespace nsgate::ui
