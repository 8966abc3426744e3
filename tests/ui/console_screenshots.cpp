// Screenshots of the console for docs/: the real MainWindow against a real
// nsgate (started here on ephemeral ports) holding the demo config, one PNG per
// page. Run it under xvfb-run (scripts/screenshots.sh) so fonts and styles are
// those of a desktop session. Usage (--help for more):
//   console_screenshots [--palette light|dark] [--language en|de] [--pages a,b] OUT_DIR [DEMO_CONFIG]

#include "TestProxy.h"
#include "TestRegistry.h"

#include "core/client/AdminClient.h"
#include "core/client/ProfileStore.h"
#include "core/client/SecretStore.h"
#include "ui/Appearance.h"
#include "ui/AuditModel.h"
#include "ui/AuditPage.h"
#include "ui/CredentialsPage.h"
#include "ui/LivePage.h"
#include "ui/LiveTailModel.h"
#include "ui/TopListModels.h"
#include "ui/EditorDocument.h"
#include "ui/ExportPage.h"
#include "ui/HistoryPage.h"
#include "ui/MainWindow.h"
#include "ui/MapEditorPage.h"
#include "ui/ProxySession.h"
#include "ui/ProbePage.h"
#include "ui/PushFlow.h"
#include "ui/ReviewDialog.h"
#include "ui/Translations.h"
#include "ui/RevisionsModel.h"
#include "ui/EditCommands.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
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
    QCommandLineParser parser;
    parser.setApplicationDescription("Writes screenshots of the console's pages as PNG files into OUT_DIR.");
    parser.addHelpOption();
    QCommandLineOption palette("palette", "light (default), dark or system.", "SCHEME", "light");
    QCommandLineOption language("language", "en (default) or de.", "LANG", "en");
    QCommandLineOption pages("pages", "Only these pages (comma-separated names, e.g. namespaces,live).", "NAMES");
    parser.addOptions({palette, language, pages});
    parser.addPositionalArgument("OUT_DIR", "Where the PNG files go.");
    parser.addPositionalArgument("DEMO_CONFIG", "The config to push (default: resources/demo-config.json).");
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return fail("usage: console_screenshots [--palette SCHEME] [--language LANG] [--pages NAMES] OUT_DIR "
                    "[DEMO_CONFIG]");
    const auto scheme = nsgate::ui::Appearance::parse(parser.value(palette));
    if (!scheme)
        return fail("--palette: \"" + parser.value(palette) + "\" is not light, dark or system");
    nsgate::ui::Appearance::apply(app, *scheme);
    const auto loaded = nsgate::ui::Translations::installTranslators(app, parser.value(language));
    if (!loaded.problem.isEmpty())
        return fail("--language: " + loaded.problem);
    const QStringList only = parser.value(pages).split(',', Qt::SkipEmptyParts);
    const auto wanted = [&only](const QString& name) { return only.isEmpty() || only.contains(name); };
    const QString outDir = args.at(0);
    const QString demo = args.size() > 1 ? args.at(1) : QString(NSGATE_SOURCE_DIR "/resources/demo-config.json");
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
    window.resize(1280, 880);
    window.show();
    waitFor([] { return false; }, 300);
    if (wanted("welcome") && !window.grab().save(QDir(outDir).filePath("welcome.png")))
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
        if (!wanted(name))
            return;
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
        if (wanted("review")) {
            waitFor([] { return false; }, 200);
            review->grab().save(QDir(outDir).filePath("review.png"));
            QTextStream(stdout) << QDir(outDir).filePath("review.png") << "\n";
        }
        review->reject();
    }
    document->undoStack()->undo();   // a clean document follows the proxy's next revision

    // Live and Audit with real pulls. Every request stays on 127.0.0.1: the
    // demo namespaces are pointed at a local docker-registry holding small
    // images, and the console's own network stack pulls through nsgate, each
    // image twice (misses, then hits), among requests for registries nobody
    // mapped and requests without ns.
    QTemporaryDir registryDir;
    nsgate::test::TestRegistry registry(registryDir.path());
    if (!registry.start())
        return fail("docker-registry did not start (scripts/deps.sh installs it)");
    const QList<std::pair<QString, QByteArray>> images{
        {"docker.io", "library/alpine:3.20"}, {"ghcr.io", "acme/api:1.4"}, {"registry.k8s.io", "pause:3.9"},
        {"quay.io", "prometheus/node-exporter:v1.8"}};
    for (const auto& [ns, ref] : images) {
        const QList<QByteArray> parts = ref.split(':');
        if (registry.pushImage(parts[0], parts[1], "layer of " + ref).isEmpty())
            return fail("cannot push " + QString::fromLatin1(ref));
    }
    {
        QJsonDocument doc = QJsonDocument::fromJson(body);
        QJsonObject root = doc.object();
        QJsonArray namespaces = root["namespaces"].toArray();
        for (auto entry : namespaces) {
            QJsonObject e = entry.toObject();
            e["upstreams"] = QJsonArray{QJsonObject{{"url", registry.url().toString()}}};
            entry = e;
        }
        root["namespaces"] = namespaces;
        root["revision"] = 0;
        bool pushed = false;
        admin.getConfig(&app, [&](auto current) {
            if (!current) {
                problem = current.error().message();
                pushed = true;
                return;
            }
            root["revision"] = qint64(current->revision);
            admin.putConfig(QJsonDocument(root).toJson(), current->revision, false, "ops@example", &app,
                            [&](auto p) {
                                if (!p)
                                    problem = p.error().message();
                                pushed = true;
                            });
        });
        if (!waitFor([&] { return pushed; }) || !problem.isEmpty())
            return fail("local upstream config not pushed: " + problem);
    }
    int requests = 0;
    {
        QNetworkAccessManager network;
        const auto get = [&](const QString& path, const QByteArray& accept = {}) {
            ++requests;
            QNetworkRequest request(proxy.registryUrl().resolved(QUrl(path)));
            if (!accept.isEmpty())
                request.setRawHeader("Accept", accept);
            QNetworkReply* reply = network.get(request);
            waitFor([reply] { return reply->isFinished(); });
            reply->deleteLater();
            return reply->readAll();
        };
        for (int round = 0; round < 2; ++round) {
            for (const auto& [ns, ref] : images) {
                const QList<QByteArray> parts = ref.split(':');
                const QString repo = QString::fromLatin1(parts[0]);
                const QString query = "?ns=" + ns;
                const QByteArray manifest = get("/v2/" + repo + "/manifests/" + parts[1] + query,
                                                "application/vnd.oci.image.manifest.v1+json");
                const QJsonObject m = QJsonDocument::fromJson(manifest).object();
                QStringList blobs{m["config"].toObject()["digest"].toString()};
                for (const auto layer : m["layers"].toArray())
                    blobs << layer.toObject()["digest"].toString();
                for (const auto& digest : blobs)
                    if (!digest.isEmpty())   // a refused manifest names no blobs
                        get("/v2/" + repo + "/blobs/" + digest + query);
            }
            for (const char* path : {"/v2/library/alpine/manifests/3.20?ns=registry.example.org",
                                     "/v2/team/app/manifests/1.4?ns=ghcr.example.net",
                                     "/v2/library/alpine/manifests/3.20"})
                get(path, "application/vnd.oci.image.manifest.v1+json");
        }
    }
    auto* live = window.livePage();
    live->setTopsInterval(0);   // the top lists follow every batch, not every 5 s
    live->refreshCounters();
    shoot(live, "live", [&] {
        return live->tailModel()->rowCount() >= requests && live->topNamespaces()->rowCount() >= 4;
    });
    auto* audit = window.auditPage();
    tabs->setCurrentWidget(audit);
    audit->search();
    shoot(audit, "audit", [&] {
        auto* model = audit->model();
        if (model->isLoading() || model->rowCount() < requests)
            return false;
        // The newest blob served from the cache: its details and who served it.
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto& e = model->eventAt(row).event;
            if (e.object == nsgate::model::ObjectKind::Blob && e.cache == nsgate::model::CacheResult::Hit &&
                e.repository == "acme/api" && e.digest) {
                audit->view()->selectRow(row);
                audit->showWhoServed(QString::fromStdString(*e.digest));
                return true;
            }
        }
        return false;
    });
    return 0;
}
