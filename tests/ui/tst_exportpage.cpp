// The Export page writes what `nsgatectl export` writes: for one config and
// each format and option set, the folder saved through the page and the one
// written by the real nsgatectl binary are compared byte for byte. Also: a
// declined overwrite changes nothing, and an exported tree imports back.

#include "core/client/ProxyConnection.h"
#include "core/model/ConfigCodec.h"
#include "core/model/ConfigValidator.h"
#include "ui/EditorDocument.h"
#include "ui/ExportPage.h"

#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <set>

using namespace nsgate;
using Settings = ui::ExportSettings;
using Format = Settings::Format;

Q_DECLARE_METATYPE(nsgate::ui::ExportSettings)

namespace {

model::NamespaceEntry entry(std::string name, std::vector<std::string> urls,
                            model::TagMode tags = model::TagMode::Primary)
{
    model::NamespaceEntry e;
    e.name = std::move(name);
    for (auto& url : urls) {
        model::Upstream u;
        u.url = std::move(url);
        e.upstreams.push_back(std::move(u));
    }
    e.policy.tags = tags;
    return e;
}

model::MirrorConfig sampleConfig()
{
    model::MirrorConfig config;
    auto hub = entry("docker.io", {"https://registry-1.docker.io", "https://mirror.gcr.io"});
    hub.aliases = {"index.docker.io"};
    config.namespaces.push_back(hub);
    config.namespaces.push_back(entry("ghcr.io", {"https://ghcr.io"}));
    config.namespaces.push_back(entry("quay.io", {"https://quay.io"}, model::TagMode::DigestOnly));
    config.namespaces.push_back(entry("127.0.0.1:5001", {"http://127.0.0.1:5001"}));
    config.defaultNamespace = "docker.io";
    return config;
}

// Every file under `root` with its bytes, keyed by relative path.
std::map<QString, QByteArray> readTree(const QString& root)
{
    std::map<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            out[QDir(root).relativeFilePath(path)] = file.readAll();
    }
    return out;
}

QString describe(const std::map<QString, QByteArray>& tree)
{
    QString out;
    for (const auto& [path, bytes] : tree)
        out += path + QStringLiteral(" (%1 bytes)\n").arg(bytes.size());
    return out;
}

} // namespace

class TestExportPage : public QObject
{
    Q_OBJECT

private:
    QString m_configFile;
    QTemporaryDir m_tmp;

    // Makes the page compute its preview for `settings` and waits for it.
    static void applySettings(ui::ExportPage& page, const Settings& settings)
    {
        QSignalSpy updated(&page, &ui::ExportPage::previewUpdated);
        page.setSettings(settings);
        QVERIFY(updated.wait(5000));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(model::validateConfig(sampleConfig()).empty());
        m_configFile = m_tmp.filePath("config.json");
        QFile file(m_configFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(model::encodeConfig(sampleConfig())));
    }

    void sameFilesAsNsgatectl_data()
    {
        QTest::addColumn<Settings>("settings");
        QTest::addColumn<QStringList>("ctlArgs"); // OUT stands for the output directory
        const auto make = [](Format f, std::string proxy) {
            Settings s;
            s.format = f;
            s.proxyUrl = std::move(proxy);
            return s;
        };
        Settings s = make(Format::Containerd, "http://mirror.lan:5000");
        QTest::newRow("containerd defaults")
            << s << QStringList{"containerd", "--proxy", "http://mirror.lan:5000", "--out", "OUT"};
        s = make(Format::Containerd, "https://mirror.lan:5443/nsgate");
        s.containerdVersion = exporters::ContainerdVersion::V1_6;
        s.fallback = exporters::Fallback::None;
        s.includeDefault = true;
        s.caPath = "/etc/nsgate/ca.pem";
        s.skipVerify = true;
        QTest::newRow("containerd 1.6 none default ca skip")
            << s << QStringList{"containerd",   "--proxy",    "https://mirror.lan:5443/nsgate",
                                "--out",        "OUT",        "--containerd",
                                "1.6",          "--fallback", "none",
                                "--default",    "--ca",       "/etc/nsgate/ca.pem",
                                "--skip-verify"};
        s = make(Format::Containerd, "https://mirror.lan");
        s.containerdVersion = exporters::ContainerdVersion::V2_1;
        s.fallback = exporters::Fallback::Upstream;
        QTest::newRow("containerd 2.1 upstream")
            << s << QStringList{"containerd",   "--proxy", "https://mirror.lan", "--out",   "OUT",
                                "--containerd", "2.1",     "--fallback",         "upstream"};
        // registries.conf: a plain-HTTP proxy URL means --insecure.
        QTest::newRow("registries.conf http")
            << make(Format::RegistriesConf, "http://mirror.lan:5000")
            << QStringList{"registries-conf", "--proxy", "mirror.lan:5000",
                           "--insecure",      "--out",   "OUT/registries.conf"};
        QTest::newRow("registries.conf https")
            << make(Format::RegistriesConf, "https://mirror.lan:5443")
            << QStringList{"registries-conf", "--proxy", "mirror.lan:5443", "--out", "OUT/registries.conf"};
        s = make(Format::K3s, "https://mirror.lan:5443");
        s.includeDefault = true;
        s.caPath = "/etc/rancher/ca.pem";
        QTest::newRow("k3s default ca") << s
                                        << QStringList{"k3s",
                                                       "--proxy",
                                                       "https://mirror.lan:5443",
                                                       "--default",
                                                       "--ca",
                                                       "/etc/rancher/ca.pem",
                                                       "--out",
                                                       "OUT/registries.yaml"};
        QTest::newRow("docker") << make(Format::Docker, "http://mirror.lan:5000")
                                << QStringList{"docker", "--proxy", "http://mirror.lan:5000", "--out",
                                               "OUT/daemon.json"};
    }

    void sameFilesAsNsgatectl()
    {
        QFETCH(Settings, settings);
        QFETCH(QStringList, ctlArgs);
        QTemporaryDir pageDir, ctlDir;
        QVERIFY(pageDir.isValid() && ctlDir.isValid());

        ui::ExportPage page;
        page.setConfig(sampleConfig());
        applySettings(page, settings);
        QVERIFY2(page.preview().has_value(), qPrintable(page.previewError()));
        int asked = 0;
        page.setChooseDirectoryFn([&](QWidget*, const QString&, std::function<void(QString)> done) {
            ++asked;
            done(pageDir.path());
        });
        page.setConfirmFn([](QWidget*, const QString&, const QString&, std::function<void(bool)>) {
            QFAIL("an empty folder needs no overwrite confirmation");
        });
        QSignalSpy exported(&page, &ui::ExportPage::exported);
        auto* save = page.findChild<QPushButton*>("saveExportButton");
        QVERIFY(save && save->isEnabled());
        save->click();
        QCOMPARE(asked, 1);
        QCOMPARE(exported.count(), 1);

        // nsgatectl is another process: waiting for it blocks nothing of the page.
        QStringList args{"export"};
        for (const QString& a : ctlArgs)
            args << QString(a).replace(QStringLiteral("OUT"), ctlDir.path());
        args.insert(2, "--config");
        args.insert(3, m_configFile);
        QProcess ctl;
        ctl.start(QString::fromUtf8(NSGATECTL_BINARY), args);
        QVERIFY(ctl.waitForFinished(30000));
        QVERIFY2(ctl.exitCode() == 0, ctl.readAllStandardError().constData());

        const auto ours = readTree(pageDir.path());
        const auto theirs = readTree(ctlDir.path());
        QVERIFY(!ours.empty());
        QVERIFY2(ours == theirs,
                 qPrintable(QStringLiteral("page:\n%1nsgatectl:\n%2").arg(describe(ours), describe(theirs))));
        // What the preview showed is what was written.
        auto* files = page.findChild<QListWidget*>("exportPreviewFiles");
        QCOMPARE(static_cast<std::size_t>(files->count()), ours.size());
        for (const auto& f : page.preview()->files)
            QCOMPARE(ours.at(QString::fromStdString(f.relativePath)), QByteArray::fromStdString(f.content));
    }

    void previewFollowsOptionsAndDocument()
    {
        ui::ExportPage page;
        page.setDefaultProxyUrl(QUrl("http://127.0.0.1:5000/"));
        auto* proxyUrl = page.findChild<QLineEdit*>("exportProxyUrl");
        auto* files = page.findChild<QListWidget*>("exportPreviewFiles");
        auto* text = page.findChild<QPlainTextEdit*>("exportPreviewText");
        auto* warnings = page.findChild<QListWidget*>("exportWarnings");
        auto* format = page.findChild<QComboBox*>("exportFormat");
        auto* save = page.findChild<QPushButton*>("saveExportButton");
        QVERIFY(proxyUrl && files && text && warnings && format && save);
        QCOMPARE(proxyUrl->text(), QStringLiteral("http://127.0.0.1:5000"));

        page.setConfig(sampleConfig());
        QTRY_COMPARE(files->count(), 5); // 4 namespaces + 1 alias
        QCOMPARE(files->item(0)->text(), QStringLiteral("127.0.0.1:5001/hosts.toml"));
        QVERIFY(text->toPlainText().contains("[host.\"http://127.0.0.1:5000\"]"));
        QVERIFY(save->isEnabled());

        // An option change updates the preview (debounced).
        page.findChild<QLineEdit*>("exportCaPath")->setText("/ca.pem");
        QTRY_VERIFY(text->toPlainText().contains("/ca.pem"));
        // ...and a CA on a plain-HTTP proxy is warned about.
        QVERIFY(warnings->count() > 0);

        // A typed URL is kept when the proxy's URL arrives again.
        QTest::keyClicks(proxyUrl, "x"); // "http://127.0.0.1:5000x": invalid
        QTRY_VERIFY(!page.findChild<QLabel*>("exportError")->isHidden());
        QVERIFY(!save->isEnabled());
        page.setDefaultProxyUrl(QUrl("http://other:5000"));
        QCOMPARE(proxyUrl->text(), QStringLiteral("http://127.0.0.1:5000x"));

        // Docker: one file, and the non-Docker-Hub namespaces are warned about.
        proxyUrl->setText("http://127.0.0.1:5000");
        format->setCurrentIndex(format->findData("docker"));
        QTRY_COMPARE(files->count(), 1);
        QCOMPARE(files->item(0)->text(), QStringLiteral("daemon.json"));
        QVERIFY(text->toPlainText().contains("registry-mirrors"));

        // The document changes: a map that does not validate is previewed but not saved.
        auto broken = sampleConfig();
        broken.namespaces.push_back(broken.namespaces.front()); // duplicate
        page.setConfig(broken);
        QTRY_VERIFY(!save->isEnabled());
        QVERIFY(warnings->item(0)->text().contains("does not validate"));
    }

    void followsProxyAndDocument()
    {
        client::ProxyProfile profile;
        profile.id = "p1";
        profile.adminUrl = QUrl("http://127.0.0.1:1");
        profile.registryUrl = QUrl("http://nodes.lan:5000");
        client::ProxyConnection connection(profile, "token");
        ui::EditorDocument document;
        document.load(sampleConfig());

        ui::ExportPage page;
        page.setProxy(&connection);
        page.setDocument(&document);
        auto* proxyUrl = page.findChild<QLineEdit*>("exportProxyUrl");
        auto* files = page.findChild<QListWidget*>("exportPreviewFiles");
        QCOMPARE(proxyUrl->text(), QStringLiteral("http://nodes.lan:5000"));
        QTRY_COMPARE(files->count(), 5);
        QVERIFY(
            page.findChild<QPlainTextEdit*>("exportPreviewText")->toPlainText().contains("nodes.lan:5000"));

        profile.registryUrl = QUrl("https://mirror.example:5443");
        connection.setProfile(profile);
        QCOMPARE(proxyUrl->text(), QStringLiteral("https://mirror.example:5443"));

        // Every document change reaches the preview.
        auto smaller = sampleConfig();
        smaller.namespaces.resize(1);
        smaller.namespaces.front().aliases.clear();
        smaller.defaultNamespace.reset();
        document.load(smaller);
        QTRY_COMPARE(files->count(), 1);
        QCOMPARE(files->item(0)->text(), QStringLiteral("docker.io/hosts.toml"));
        QVERIFY(page.findChild<QPlainTextEdit*>("exportPreviewText")
                    ->toPlainText()
                    .contains("mirror.example:5443"));
    }

    void declinedOverwriteChangesNothing()
    {
        QTemporaryDir dir;
        ui::ExportPage page;
        page.setConfig(sampleConfig());
        Settings s;
        s.proxyUrl = "http://mirror.lan:5000";
        applySettings(page, s);
        page.setChooseDirectoryFn(
            [&](QWidget*, const QString&, std::function<void(QString)> done) { done(dir.path()); });
        page.saveToFolder();
        const auto first = readTree(dir.path());
        QCOMPARE(first.size(), std::size_t(5));

        // A local edit, then an export with other options into the same folder.
        const QString edited = dir.filePath("ghcr.io/hosts.toml");
        {
            QFile f(edited);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("# local edit\n");
        }
        const auto before = readTree(dir.path());
        s.fallback = exporters::Fallback::None;
        s.includeDefault = true; // also a new file, _default/hosts.toml
        applySettings(page, s);
        QString question;
        page.setConfirmFn([&](QWidget*, const QString&, const QString& text, std::function<void(bool)> done) {
            question = text;
            done(false);
        });
        QSignalSpy exported(&page, &ui::ExportPage::exported);
        page.findChild<QPushButton*>("saveExportButton")->click();
        QVERIFY(question.contains("ghcr.io/hosts.toml"));
        QCOMPARE(exported.count(), 0);
        QCOMPARE(readTree(dir.path()), before); // not even _default was written
        QVERIFY(page.findChild<QLabel*>("exportStatus")->text().contains("Nothing was written"));

        // Accepting overwrites every file with the preview.
        page.setConfirmFn(
            [](QWidget*, const QString&, const QString&, std::function<void(bool)> done) { done(true); });
        page.findChild<QPushButton*>("saveExportButton")->click();
        QCOMPARE(exported.count(), 1);
        const auto after = readTree(dir.path());
        QCOMPARE(after.size(), std::size_t(6));
        for (const auto& f : page.preview()->files)
            QCOMPARE(after.at(QString::fromStdString(f.relativePath)), QByteArray::fromStdString(f.content));
    }

    void importOfExportedTree()
    {
        QTemporaryDir dir;
        ui::ExportPage page;
        const auto config = sampleConfig();
        page.setConfig(config);
        Settings s;
        s.proxyUrl = "http://mirror.lan:5000";
        s.includeDefault = true;
        applySettings(page, s);
        page.setChooseDirectoryFn(
            [&](QWidget*, const QString&, std::function<void(QString)> done) { done(dir.path()); });
        page.saveToFolder();
        QVERIFY(QFile::exists(dir.filePath("_default/hosts.toml")));

        QSignalSpy imported(&page, &ui::ExportPage::importedDraft);
        auto* importButton = page.findChild<QPushButton*>("importTreeButton");
        importButton->click();
        QVERIFY(page.isImporting());
        QVERIFY(!importButton->isEnabled());
        QVERIFY(imported.wait(10000));
        QVERIFY(importButton->isEnabled());

        const auto draft = imported.first().at(0).value<model::MirrorConfig>();
        const auto notMapped = imported.first().at(1).toStringList();
        // Every directory is its own entry (aliases cannot be told apart in a tree).
        std::set<std::string> expected, got;
        for (const auto& e : config.namespaces) {
            expected.insert(e.name);
            expected.insert(e.aliases.begin(), e.aliases.end());
        }
        for (const auto& e : draft.namespaces)
            got.insert(e.name);
        QCOMPARE(got, expected);
        // The proxy is recognized (it is in every directory) and is not an
        // upstream; the origin server is.
        const auto* ghcr = draft.find("ghcr.io");
        QVERIFY(ghcr);
        QCOMPARE(ghcr->upstreams.size(), std::size_t(1));
        QCOMPARE(ghcr->upstreams.front().url, std::string("https://ghcr.io"));
        // _default cannot be mapped, and the page says so.
        QVERIFY(!notMapped.isEmpty());
        QVERIFY(notMapped.join('\n').contains("_default"));
        auto* list = page.findChild<QListWidget*>("exportNotMapped");
        QCOMPARE(list->count(), notMapped.size());
        QVERIFY(!list->isHidden());

        // A folder that cannot be read fails with a message and no draft.
        QSignalSpy failed(&page, &ui::ExportPage::importFailed);
        page.importFromDirectory(dir.filePath("does-not-exist"));
        QVERIFY(failed.wait(10000));
        QCOMPARE(imported.count(), 1);
    }

    void cancelledImportIsIgnored()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("ghcr.io"));
        QFile f(dir.filePath("ghcr.io/hosts.toml"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("server = \"https://ghcr.io\"\n");
        f.close();
        ui::ExportPage page;
        QSignalSpy imported(&page, &ui::ExportPage::importedDraft);
        page.importFromDirectory(dir.path());
        page.findChild<QPushButton*>("cancelImportButton")->click();
        QVERIFY(!page.isImporting());
        // A new import runs and is the only one answered.
        page.importFromDirectory(dir.path());
        QVERIFY(imported.wait(10000));
        QTRY_VERIFY(!page.isImporting());
        QCOMPARE(imported.count(), 1);
    }
};

QTEST_MAIN(TestExportPage)
#include "tst_exportpage.moc"
