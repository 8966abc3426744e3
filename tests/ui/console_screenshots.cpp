// Screenshots of the console for docs/: the real MainWindow against a real
// nsgate (started here on ephemeral ports) holding the demo config, one PNG per
// page. Run it under xvfb-run (scripts/screenshots.sh) so fonts and styles are
// those of a desktop session. Usage: console_screenshots OUT_DIR [DEMO_CONFIG]

#include "TestProxy.h"

#include "core/client/AdminClient.h"
#include "core/client/ProfileStore.h"
#include "core/client/SecretStore.h"
#include "ui/CredentialsPage.h"
#include "ui/EditorDocument.h"
#include "ui/ExportPage.h"
#include "ui/HistoryPage.h"
#include "ui/MainWindow.h"
#include "ui/MapEditorPage.h"
#include "ui/ProxySession.h"
#include "ui/ProbePage.h"
#include "ui/PushFlow.h"
#include "ui/ReviewDialog.h"
#include "ui/RevisionsModel.h"
#include "ui/EditCommands.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QAbstractItemView>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>

#include <functional>

namespace {

bool waitFor(const std::function<bool()>& condition, int ms = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

int fail(const QString& why)
{
    QTextStream(stderr) << "console_screenshots: " << why << "\n";
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("nsgate-console");
    QApplication::setApplicationDisplayName("nsgate console");
    const QStringList args = app.arguments();
    if (args.size() < 2)
        return fail("usage: console_screenshots OUT_DIR [DEMO_CONFIG]");
    const QString outDir = args.at(1);
    const QString demo = args.size() > 2 ? args.at(2) : QString(NSGATE_SOURCE_DIR "/resources/demo-config.json");
    QDir().mkpath(outDir);

    nsgate::test::TestProxy proxy;
    if (auto why = proxy.start(); !why.isEmpty())
        return fail(why);

    // The demo config names a credential: store it first, then push the map.
    nsgate::client::ConnectionOptions options;
    options.adminUrl = proxy.adminUrl();
    options.token = proxy.token();
    nsgate::client::AdminClient admin(options);
    QFile file(demo);
    if (!file.open(QIODevice::ReadOnly))
        return fail("cannot read " + demo);
    QByteArray body = file.readAll();
    body.replace("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"revision\": 1,");
    int pending = 2;
    QString problem;
    admin.setCredential("dockerhub", "mirror-bot", "not-a-real-password", &app,
                        [&](auto r) {
                            if (!r)
                                problem = r.error().message();
                            --pending;
                            admin.putConfig(body, 1, false, "ops@example", &app, [&](auto p) {
                                if (!p)
                                    problem = p.error().message();
                                --pending;
                            });
                        });
    if (!waitFor([&] { return pending == 0; }) || !problem.isEmpty())
        return fail("demo config not pushed: " + problem);

    QTemporaryDir settingsDir;
    QSettings settings(settingsDir.filePath("console.ini"), QSettings::IniFormat);
    nsgate::client::ProfileStore profiles(settings);
    nsgate::client::MemorySecretStore secrets;
    nsgate::ui::ConsoleContext context;
    context.settings = &settings;
    context.profiles = &profiles;
    context.secrets = &secrets;
    context.actor = "you@workstation";
    context.logStorePath = settingsDir.filePath("events.db");
    nsgate::ui::MainWindow window(context);
    window.resize(1280, 800);
    window.show();
    waitFor([] { return false; }, 300);
    if (!window.grab().save(QDir(outDir).filePath("welcome.png")))
        return fail("cannot write welcome.png");

    nsgate::client::ProxyProfile profile;
    profile.name = "Build cluster mirror";
    profile.adminUrl = proxy.adminUrl();
    profile.registryUrl = proxy.registryUrl();
    window.addProfile(profile, proxy.token());
    auto* session = window.currentSession();
    if (!session || !waitFor([&] { return session->configLoaded(); }))
        return fail("the console did not load the config");

    auto* tabs = window.findChild<QTabWidget*>("proxyPages");
    const auto shoot = [&](QWidget* page, const QString& name, const std::function<bool()>& ready) {
        tabs->setCurrentWidget(page);
        if (!waitFor(ready))
            QTextStream(stderr) << "console_screenshots: " << name << " not ready, taking it anyway\n";
        waitFor([] { return false; }, 200); // let layouts settle
        const QString path = QDir(outDir).filePath(name + ".png");
        if (!window.grab().save(path))
            QTextStream(stderr) << "console_screenshots: cannot write " << path << "\n";
        else
            QTextStream(stdout) << path << "\n";
    };

    window.mapEditorPage()->selectNamespace("docker.io");
    shoot(window.mapEditorPage(), "namespaces", [] { return true; });
    shoot(window.credentialsPage(), "credentials",
          [&] { return !window.credentialsPage()->credentialNames().isEmpty(); });
    shoot(window.historyPage(), "history", [&] {
        auto* model = window.historyPage()->model();
        if (model->rowCount() >= 2) {
            window.historyPage()->selectRevisions(2, 1);
            return true;
        }
        return false;
    });
    shoot(window.exportPage(), "export", [&] { return window.exportPage()->preview().has_value(); });

    // A probe of a registry nobody mapped: answered 404 without dialling it.
    auto* probe = window.probePage();
    probe->findChild<QLineEdit*>("probeReference")->setText("registry.example.org/team/app:1.4");
    bool probed = false;
    QObject::connect(probe, &nsgate::ui::ProbePage::probeFinished, &app, [&] { probed = true; });
    tabs->setCurrentWidget(probe);
    probe->probe();
    shoot(probe, "probe", [&] { return probed; });

    // Live: traffic of a few kinds (served config blobs would need an upstream;
    // unmapped and missing-ns requests are the mismatch noise the page is for).
    {
        QNetworkAccessManager network;
        int answered = 0;
        const QStringList paths{"/v2/library/alpine/manifests/3.20?ns=registry.example.org",
                                "/v2/team/app/manifests/1.4?ns=ghcr.example.net",
                                "/v2/library/alpine/manifests/3.20?ns=docker.io",
                                "/v2/library/alpine/manifests/3.20"};
        for (int i = 0; i < 24; ++i) {
            QNetworkRequest request(proxy.registryUrl().resolved(QUrl(paths[i % paths.size()])));
            auto* reply = network.head(request);
            QObject::connect(reply, &QNetworkReply::finished, reply, [&answered, reply] {
                ++answered;
                reply->deleteLater();
            });
        }
        waitFor([&] { return answered == 24; });
        auto* live = window.findChild<QWidget*>("livePage");
        if (live)
            shoot(live, "live", [&] {
                auto* tail = live->findChild<QAbstractItemView*>("liveTail");
                return tail && tail->model() && tail->model()->rowCount() >= 24;
            });
    }

    // An edit with a mistake: the problem is listed and the field marked.
    tabs->setCurrentWidget(window.mapEditorPage());
    auto* document = session->document();
    (void)document->push(nsgate::ui::edit::setUpstreamUrl("ghcr.io", 0, "ghcr.io/without-scheme"));
    window.mapEditorPage()->selectNamespace("ghcr.io");
    shoot(window.mapEditorPage(), "validation", [&] { return !document->issues().empty(); });

    // Review & push of a valid edit: the dry run's change list.
    document->undoStack()->undo();
    (void)document->push(nsgate::ui::edit::setTagTtl("docker.io", 600));
    window.reviewAndPush();
    auto* review = window.pushFlow()->reviewDialog();
    if (review && waitFor([&] { return !window.pushFlow()->isBusy(); })) {
        waitFor([] { return false; }, 200);
        review->grab().save(QDir(outDir).filePath("review.png"));
        QTextStream(stdout) << QDir(outDir).filePath("review.png") << "\n";
        review->reject();
    }
    return 0;
}
