#pragma once

// The console's real main window for a UI test: its own settings file in a
// temporary directory, an in-memory secret store, the local nsgate the build
// made, and a fixed actor name. Not shown: each test decides when.

#include "TestProxy.h"
#include "core/client/ProfileStore.h"
#include "core/client/SecretStore.h"
#include "ui/MainWindow.h"
#include "ui/ProxySession.h"

#include <QSettings>
#include <QTemporaryDir>
#include <memory>

namespace nsgate::test {

struct TestConsole
{
    QTemporaryDir dir;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<client::ProfileStore> profiles;
    client::MemorySecretStore secrets;
    std::unique_ptr<ui::MainWindow> window;

    // `localDataDir`: where "Start a local nsgate" keeps its data (default: in
    // `dir`); `withLogStore`: a local event store in `dir` (else none).
    explicit TestConsole(const QString& localDataDir = {}, bool withLogStore = false)
    {
        settings = std::make_unique<QSettings>(dir.filePath("console.ini"), QSettings::IniFormat);
        profiles = std::make_unique<client::ProfileStore>(*settings);
        ui::ConsoleContext context;
        context.settings = settings.get();
        context.profiles = profiles.get();
        context.secrets = &secrets;
        context.nsgateProgram = QString::fromUtf8(NSGATE_BINARY);
        context.localDataDir = localDataDir.isEmpty() ? dir.filePath("local") : localDataDir;
        context.actor = "tester@console";
        if (withLogStore)
            context.logStorePath = dir.filePath("events.db");
        window = std::make_unique<ui::MainWindow>(context);
    }

    // Adds `proxy` as a profile named `name` and returns its session.
    ui::ProxySession* add(const QString& name, const TestProxy& proxy)
    {
        client::ProxyProfile p;
        p.name = name;
        p.adminUrl = proxy.adminUrl();
        p.registryUrl = proxy.registryUrl();
        window->addProfile(p, proxy.token());
        return window->currentSession();
    }
};

} // namespace nsgate::test
