// The console's window against real nsgate processes: first start with a
// local nsgate, a remote profile, edits with undo, validation blocking a push,
// review & push, the three ways out of a 412, a fleet push with one proxy
// down, rollback, credentials and import — all through the widgets the
// operator uses (found by object name), offscreen.

#include "AdminCalls.h"
#include "TestConsole.h"
#include "TestProxy.h"

#include "core/client/AdminClient.h"
#include "core/client/ProfileStore.h"
#include "core/client/SecretStore.h"
#include "core/export/ContainerdExporter.h"
#include "core/model/ConfigCodec.h"
#include "ui/ConflictDialog.h"
#include "ui/CredentialsPage.h"
#include "ui/EditorDocument.h"
#include "ui/ExportPage.h"
#include "ui/HistoryPage.h"
#include "ui/AuditPage.h"
#include "ui/MainWindow.h"
#include "ui/MapEditorPage.h"
#include "ui/EditCommands.h"
#include "ui/ProfileDialog.h"
#include "ui/ProxyListModel.h"
#include "ui/ProxySession.h"
#include "ui/PushFlow.h"
#include "ui/PushProgressDialog.h"
#include "ui/ReviewDialog.h"
#include "ui/RevisionsModel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>

#include <csignal>

using namespace nsgate;
using nsgate::test::TestProxy;

namespace {

// The shared test window, shown.
struct Console : test::TestConsole
{
    explicit Console(const QString& localDataDir = {}, bool withLogStore = false)
        : TestConsole(localDataDir, withLogStore)
    {
        window->show();
    }

    template<class T>
    T* find(const char* name) const
    {
        return window->findChild<T*>(QString::fromLatin1(name));
    }
};

client::ConnectionOptions optionsFor(const TestProxy& proxy)
{
    client::ConnectionOptions o;
    o.adminUrl = proxy.adminUrl();
    o.token = proxy.token();
    return o;
}

// The proxy's stored config, fetched by a second, independent client.
std::optional<client::ConfigDocument> storedConfig(const TestProxy& proxy)
{
    client::AdminClient admin(optionsFor(proxy));
    return test::fetchConfig(admin);
}

// Another operator pushes `config` to the proxy (If-Match: its current revision).
bool pushAsColleague(const TestProxy& proxy, model::MirrorConfig config)
{
    client::AdminClient admin(optionsFor(proxy));
    return test::pushOverCurrent(admin, std::move(config)).has_value();
}

model::NamespaceEntry entry(const std::string& name, const std::string& url)
{
    model::NamespaceEntry e;
    e.name = name;
    model::Upstream upstream;
    upstream.url = url;
    e.upstreams.push_back(upstream);
    return e;
}

bool hasNamespace(const model::MirrorConfig& config, const std::string& name)
{
    return config.indexOf(name) >= 0;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

    // Adds a namespace with one upstream through the editor's widgets.
    void addNamespaceViaWidgets(Console& c, const QString& name, const QString& url, QString* urlBefore = nullptr)
    {
        QTest::mouseClick(c.find<QWidget>("addNamespaceButton"), Qt::LeftButton);
        auto* nameEdit = c.find<QLineEdit>("namespaceNameEdit");
        QVERIFY(nameEdit);
        nameEdit->selectAll();
        QTest::keyClicks(nameEdit, name);
        QTest::keyClick(nameEdit, Qt::Key_Return);
        QTRY_COMPARE(c.window->mapEditorPage()->currentNamespace(), name);
        QTest::mouseClick(c.find<QPushButton>("addUpstreamButton"), Qt::LeftButton);
        auto* urlEdit = c.find<QLineEdit>("upstreamUrlEdit");
        QVERIFY(urlEdit && urlEdit->isEnabled());
        if (urlBefore)
            *urlBefore = urlEdit->text();
        urlEdit->selectAll();
        QTest::keyClicks(urlEdit, url);
    }

    // Review & push through the dialogs; returns the progress dialog's lines.
    QStringList reviewAndConfirm(Console& c)
    {
        c.window->action("reviewPushAction")->trigger();
        QPointer<ui::ReviewDialog> review = c.window->pushFlow()->reviewDialog();
        [&] { QVERIFY(review); }();
        auto* confirm = review ? review->findChild<QPushButton*>("confirmPushButton") : nullptr;
        [&] { QTRY_VERIFY_WITH_TIMEOUT(confirm && confirm->isEnabled(), 10000); }();
        if (!confirm || !confirm->isEnabled())
            return {};
        QTest::mouseClick(confirm, Qt::LeftButton);
        QPointer<ui::PushProgressDialog> progress = c.window->pushFlow()->progressDialog();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!c.window->pushFlow()->isBusy(), 10000); }();
        QStringList lines;
        for (int i = 0; progress && i < progress->resultCount(); ++i)
            lines << progress->resultText(i);
        return lines;
    }

private slots:
    void firstStartOffersALocalNsgate()
    {
        QTemporaryDir localData;
        std::optional<QString> profileId;
        {
            Console c(localData.path());
            auto* stack = c.window->findChild<QStackedWidget*>();
            QVERIFY(stack);
            QCOMPARE(stack->currentWidget()->objectName(), QString("welcomePage"));
            QSignalSpy ready(c.window.get(), &ui::MainWindow::localProxyReady);
            QTest::mouseClick(c.find<QPushButton>("startLocalButton"), Qt::LeftButton);
            QVERIFY(ready.wait(20000));
            auto* session = c.window->currentSession();
            QVERIFY(session);
            QVERIFY(session->profile().local);
            QTRY_VERIFY_WITH_TIMEOUT(session->configLoaded(), 10000);
            QCOMPARE(stack->currentWidget()->objectName(), QString("proxyPages"));
            // The profile is stored without its token; the token is in the secret store.
            const auto stored = c.profiles->profile(session->id());
            QVERIFY(stored && stored->local);
            profileId = session->id();
            QByteArray token;
            c.secrets.read(session->id(), c.window.get(), [&](Result<QByteArray, QString> t) { token = t.valueOr(QByteArray()); });
            QTRY_VERIFY(!token.isEmpty());
            QFile tokenFile(localData.filePath("admin-token"));
            QVERIFY(tokenFile.open(QIODevice::ReadOnly));
            QCOMPARE(token, tokenFile.readAll().trimmed());
            const QString settingsText = [&] {
                c.settings->sync();
                QFile f(c.settings->fileName());
                return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
            }();
            QVERIFY(!settingsText.contains(QString::fromUtf8(token)));
            QPointer<client::LocalProxy> local = c.window->localProxy();
            QVERIFY(local);
            const qint64 pid = local->processId();
            QVERIFY(pid > 0);
            QSignalSpy stopped(local.data(), &client::LocalProxy::stopped);
            c.window->close();
            // Not told to keep it: closing the window stops the local nsgate.
            QVERIFY(stopped.count() > 0 || stopped.wait(20000));
            QCOMPARE(::kill(static_cast<pid_t>(pid), 0), -1);
        }
    }

    void addsARemoteProfileAndTestsIt()
    {
        TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        Console c;
        c.window->action("addProxyAction")->trigger();
        auto* dialog = c.window->findChild<ui::ProfileDialog*>("profileDialog");
        QVERIFY(dialog);
        auto* ok = dialog->findChild<QPushButton*>("profileOkButton");
        QVERIFY(!ok->isEnabled()); // empty fields
        QTest::keyClicks(dialog->findChild<QLineEdit*>("profileName"), "staging");
        QTest::keyClicks(dialog->findChild<QLineEdit*>("profileAdminUrl"), proxy.adminUrl().toString());
        QTest::keyClicks(dialog->findChild<QLineEdit*>("profileRegistryUrl"), proxy.registryUrl().toString());
        QTest::keyClicks(dialog->findChild<QLineEdit*>("profileToken"), QString::fromUtf8(proxy.token()));
        QVERIFY(ok->isEnabled());
        // "Don't verify" shows its warning.
        auto* warning = dialog->findChild<QWidget*>("profileSkipWarning");
        QVERIFY(warning->isHidden());
        dialog->findChild<QCheckBox*>("profileSkipVerify")->setChecked(true);
        QVERIFY(!warning->isHidden());
        dialog->findChild<QCheckBox*>("profileSkipVerify")->setChecked(false);
        QSignalSpy tested(dialog, &ui::ProfileDialog::tested);
        QTest::mouseClick(dialog->findChild<QPushButton*>("testConnectionButton"), Qt::LeftButton);
        QVERIFY(tested.wait(10000));
        QCOMPARE(tested.at(0).at(0).toBool(), true);
        QVERIFY(tested.at(0).at(1).toString().contains("nsgate"));
        QTest::mouseClick(ok, Qt::LeftButton);
        auto* session = c.window->currentSession();
        QVERIFY(session);
        QCOMPARE(session->profile().name, QString("staging"));
        QTRY_COMPARE_WITH_TIMEOUT(session->connection()->state(), client::ProxyConnection::State::Connected, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(session->configLoaded(), 10000);
        QCOMPARE(c.profiles->profiles().size(), 1);
    }

    void editsWithUndoAndRedo()
    {
        TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        Console c;
        auto* session = c.add("p", proxy);
        QTRY_VERIFY_WITH_TIMEOUT(session->configLoaded(), 10000);
        auto* document = session->document();
        QVERIFY(!c.window->isWindowModified());
        QString urlBefore;
        addNamespaceViaWidgets(c, "ghcr.io", "http://127.0.0.1:5001", &urlBefore);
        QTRY_VERIFY(hasNamespace(document->current(), "ghcr.io"));
        QCOMPARE(document->current().find("ghcr.io")->upstreams.at(0).url, std::string("http://127.0.0.1:5001"));
        QVERIFY(document->isModified());
        QVERIFY(c.window->isWindowModified());
        // Typing the URL was one step: one undo empties it, not one character.
        QVERIFY(c.window->action("undoAction")->isEnabled());
        c.window->action("undoAction")->trigger();
        QCOMPARE(QString::fromStdString(document->current().find("ghcr.io")->upstreams.at(0).url), urlBefore);
        c.window->action("redoAction")->trigger();
        QCOMPARE(document->current().find("ghcr.io")->upstreams.at(0).url, std::string("http://127.0.0.1:5001"));
        // A policy field through its widget: one step, undone by the window's action.
        auto* ttl = c.find<QSpinBox>("tagTtlSpin");
        QVERIFY(ttl && ttl->isEnabled());
        const auto ttlBefore = document->current().find("ghcr.io")->policy.tagTtlSeconds;
        ttl->setValue(900);
        QCOMPARE(document->current().find("ghcr.io")->policy.tagTtlSeconds, std::int64_t(900));
        c.window->action("undoAction")->trigger();
        QCOMPARE(document->current().find("ghcr.io")->policy.tagTtlSeconds, ttlBefore);
        QCOMPARE(ttl->value(), int(ttlBefore));
        // Undo everything: back to what the proxy has, and the marker goes away.
        while (document->undoStack()->canUndo())
            c.window->action("undoAction")->trigger();
        QVERIFY(!hasNamespace(document->current(), "ghcr.io"));
        QVERIFY(!document->isModified());
        QVERIFY(!c.window->isWindowModified());
    }

    void anInvalidValueBlocksThePush()
    {
        TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        Console c;
        auto* session = c.add("p", proxy);
        QTRY_VERIFY_WITH_TIMEOUT(session->configLoaded(), 10000);
        addNamespaceViaWidgets(c, "ghcr.io", "ftp://ghcr.io");
        auto* list = c.find<QListWidget>("validationList");
        QVERIFY(list);
        QTRY_VERIFY(list->count() > 0);
        QVERIFY(!session->document()->issues().empty());
        // Clicking the problem puts the cursor into the offending field.
        c.window->mapEditorPage()->namespacesTable()->setFocus();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(c.find<QLineEdit>("upstreamUrlEdit")));
        c.window->action("reviewPushAction")->trigger();
        QVERIFY(!c.window->pushFlow()->reviewDialog());
        QCOMPARE(storedConfig(proxy)->revision, std::int64_t(1));
    }

    void reviewsAndPushes()
    {
        TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        Console c;
        auto* session = c.add("p", proxy);
        QTRY_VERIFY_WITH_TIMEOUT(session->configLoaded(), 10000);
        addNamespaceViaWidgets(c, "ghcr.io", "https://ghcr.io");
        c.window->action("reviewPushAction")->trigger();
        QPointer<ui::ReviewDialog> review = c.window->pushFlow()->reviewDialog();
        QVERIFY(review);
        auto* changes = review->findChild<QTreeWidget*>("reviewChanges");
        // The dry run's change list names the new namespace.
        const auto listsGhcr = [changes] {
            if (changes->topLevelItemCount() != 1)
                return false;
            auto* row = changes->topLevelItem(0);
            for (int i = 0; i < row->childCount(); ++i)
                if (row->child(i)->text(0).contains("ghcr.io") || row->child(i)->text(1).contains("ghcr.io"))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(listsGhcr(), 10000);
        QCOMPARE(storedConfig(proxy)->revision, std::int64_t(1)); // a dry run stores nothing
        QTest::mouseClick(review->findChild<QPushButton*>("confirmPushButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!c.window->pushFlow()->isBusy(), 10000);
        const auto stored = storedConfig(proxy);
        QCOMPARE(stored->revision, std::int64_t(2));
        QVERIFY(hasNamespace(stored->config, "ghcr.io"));
        QVERIFY(!session->document()->isModified());
        QCOMPARE(session->document()->base().revision, std::int64_t(2));
    }

    void conflictChoices_data()
    {
        QTest::addColumn<QString>("button");
        QTest::newRow("take theirs") << "takeTheirsButton";
        QTest::newRow("re-apply mine") << "reapplyButton";
        QTest::newRow("cancel") << "cancelConflictButton";
    }

    void conflictChoices()
    {
        QFETCH(QString, button);
        TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        Console c;
        auto* session = c.add("p", proxy);
        QTRY_VERIFY_WITH_TIMEOUT(session->configLoaded(), 10000);
        addNamespaceViaWidgets(c, "ghcr.io", "https://ghcr.io");
        // A colleague pushes quay.io meanwhile.
        model::MirrorConfig theirs;
        theirs.namespaces.push_back(entry("quay.io", "https://quay.io"));
        QVERIFY(pushAsColleague(proxy, theirs));
        c.window->pushFlow()->pushNow(session, {session});
        QPointer<ui::ConflictDialog> dialog;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = c.window->pushFlow()->conflictDialog()), 10000);
        QVERIFY(dialog->findChild<QWidget*>("theirsView"));
        QVERIFY(dialog->findChild<QWidget*>("yoursView"));
        QCOMPARE(storedConfig(proxy)->revision, std::int64_t(2)); // nothing overwritten
        QTest::mouseClick(dialog->findChild<QPushButton*>(button), Qt::LeftButton);
        auto* document = session->document();
        if (button == "takeTheirsButton") {
            QVERIFY(hasNamespace(document->current(), "quay.io"));
            QVERIFY(!hasNamespace(document->current(), "ghcr.io"));
            QVERIFY(!document->isModified());
            QCOMPARE(document->base().revision, std::int64_t(2));
        } else if (button == "reapplyButton") {
            QVERIFY(hasNamespace(document->current(), "quay.io"));
            QVERIFY(hasNamespace(document->current(), "ghcr.io"));
            // Straight back to review, then push on top of theirs.
            QPointer<ui::ReviewDialog> review;
            QTRY_VERIFY_WITH_TIMEOUT((review = c.window->pushFlow()->reviewDialog()), 10000);
            auto* confirm = review->findChild<QPushButton*>("confirmPushButton");
            QTRY_VERIFY_WITH_TIMEOUT(confirm->isEnabled(), 10000);
            QTest::mouseClick(confirm, Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(!c.window->pushFlow()->isBusy() && storedConfig(proxy)->revision == 3, 10000);
            const auto stored = storedConfig(proxy);
            QVERIFY(hasNamespace(stored->config, "quay.io"));
            QVERIFY(hasNamespace(stored->config, "ghcr.io"));
        } else {
            QVERIFY(hasNamespace(document->current(), "ghcr.io"));
            QVERIFY(document->isModified());
            QCOMPARE(storedConfig(proxy)->revision, std::int64_t(2));
        }
    }

    void pushesToTwoProxiesWhenOneIsDown()
    {
        TestProxy up, down;
        QCOMPARE(up.start(), QString());
        QCOMPARE(down.start(), QString());
        Console c;
        auto* second = c.add("second", down);
        QTRY_VERIFY_WITH_TIMEOUT(second->configLoaded(), 10000);
        auto* first = c.add("first", up);
        QTRY_VERIFY_WITH_TIMEOUT(first->configLoaded(), 10000);
        addNamespaceViaWidgets(c, "ghcr.io", "https://ghcr.io");
        down.stop();
        c.window->pushFlow()->pushNow(first, {first, second});
        QTRY_VERIFY_WITH_TIMEOUT(!c.window->pushFlow()->isBusy(), 20000);
        // Each proxy has its own result: the failure does not hide the success.
        const auto results = c.window->pushFlow()->controller()->results();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0].target.name, QString("first"));
        QCOMPARE(results[0].outcome, ui::PushTargetResult::Outcome::Pushed);
        QCOMPARE(results[1].target.name, QString("second"));
        QCOMPARE(results[1].outcome, ui::PushTargetResult::Outcome::Failed);
        auto* progress = c.window->pushFlow()->progressDialog();
        QVERIFY(progress);
        QCOMPARE(progress->resultCount(), 2);
        QVERIFY(progress->resultText(1).startsWith("second: "));
        QCOMPARE(storedConfig(up)->revision, std::int64_t(2));
    }

    void rollsBack()
    {
        TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        model::MirrorConfig v2;
        v2.namespaces.push_back(entry("quay.io", "https://quay.io"));
        QVERIFY(pushAsColleague(proxy, v2));
        model::MirrorConfig v3 = v2;
        v3.namespaces.push_back(entry("ghcr.io", "https://ghcr.io"));
        QVERIFY(pushAsColleague(proxy, v3));
        Console c;
        auto* session = c.add("p", proxy);
        QTRY_VERIFY_WITH_TIMEOUT(session->configLoaded(), 10000);
        QCOMPARE(session->document()->base().revision, std::int64_t(3));
        c.window->historyPage()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(c.window->historyPage()->model()->rowCount(), 3, 10000);
        c.window->historyPage()->selectRevisions(2);
        auto* rollback = c.window->historyPage()->findChild<QPushButton*>("rollbackButton");
        QTRY_VERIFY_WITH_TIMEOUT(rollback->isEnabled(), 10000);
        QTest::mouseClick(rollback, Qt::LeftButton);
        // The rollback is an edit of the document and goes through the same review.
        QPointer<ui::ReviewDialog> review;
        QTRY_VERIFY_WITH_TIMEOUT((review = c.window->pushFlow()->reviewDialog()), 10000);
        QVERIFY(!hasNamespace(session->document()->current(), "ghcr.io"));
        auto* confirm = review->findChild<QPushButton*>("confirmPushButton");
        QTRY_VERIFY_WITH_TIMEOUT(confirm->isEnabled(), 10000);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(storedConfig(proxy)->revision == 4, 10000);
        const auto stored = storedConfig(proxy);
        QVERIFY(hasNamespace(stored->config, "quay.io"));
        QVERIFY(!hasNamespace(stored->config, "ghcr.io"));
    }

    void exportsWhatNsgatectlExports()
    {
        TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        Console c;
        auto* session = c.add("p", proxy);
        QTRY_VERIFY_WITH_TIMEOUT(session->configLoaded(), 10000);
        addNamespaceViaWidgets(c, "ghcr.io", "https://ghcr.io");
        QTRY_VERIFY(session->document()->issues().empty());
        // The draft as it stands in the editor, for nsgatectl to read.
        QTemporaryDir work;
        QFile draft(work.filePath("draft.json"));
        QVERIFY(draft.open(QIODevice::WriteOnly));
        draft.write(QByteArray::fromStdString(model::encodeConfig(session->document()->current())));
        draft.close();
        auto* page = c.window->exportPage();
        c.window->findChild<QTabWidget*>("proxyPages")->setCurrentWidget(page);
        page->updatePreviewNow();
        page->saveToDirectory(work.filePath("console"));
        QProcess ctl;
        ctl.start(QString::fromUtf8(NSGATECTL_BINARY),
                  {"export", "containerd", "--config", draft.fileName(), "--proxy", proxy.registryUrl().toString(),
                   "--out", work.filePath("ctl")});
        QVERIFY(ctl.waitForFinished(30000));
        QVERIFY2(ctl.exitCode() == 0, ctl.readAllStandardError().constData());
        const auto tree = [](const QString& root) {
            QMap<QString, QByteArray> files;
            QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile f(path);
                if (f.open(QIODevice::ReadOnly))
                    files.insert(QDir(root).relativeFilePath(path), f.readAll());
            }
            return files;
        };
        const auto ours = tree(work.filePath("console")), theirs = tree(work.filePath("ctl"));
        QVERIFY(ours.contains("ghcr.io/hosts.toml"));
        QCOMPARE(ours, theirs);
    }

    void localEventLogSettingsAndAuditNeedTheStore()
    {
        Console without;
        QVERIFY(!without.window->action("logStoreSettingsAction")->isEnabled());
        QVERIFY(without.window->auditPage()->findChild<QPushButton*>("auditExportCsv")->isEnabled() == false);

        Console with({}, true);
        auto* tabs = with.find<QTabWidget>("proxyPages");
        QCOMPARE(tabs->tabText(tabs->indexOf(with.window->auditPage())), QString("&Audit"));
        auto* action = with.window->action("logStoreSettingsAction");
        QVERIFY(action->isEnabled());
        action->trigger();
        QWidget* dialog = nullptr;
        QTRY_VERIFY((dialog = with.find<QWidget>("logStoreSettingsDialog")) && dialog->isVisible());
        auto* path = dialog->findChild<QLabel*>("logStorePath");
        QVERIFY(path);
        QVERIFY2(path->text().contains(with.dir.filePath("events.db")), qPrintable(path->text()));
    }

    void proxyListModelPassesTheTester()
    {
        TestProxy a, b;
        QCOMPARE(a.start(), QString());
        QCOMPARE(b.start(), QString());
        Console c;
        auto* list = c.window->findChild<QTreeView*>("proxyList");
        QVERIFY(list);
        QAbstractItemModelTester tester(list->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto* first = c.add("a", a);
        auto* second = c.add("b", b);
        QTRY_VERIFY_WITH_TIMEOUT(first->configLoaded() && second->configLoaded(), 10000);
        QCOMPARE(list->model()->rowCount(), 2);
        QCOMPARE(list->model()->index(1, ui::ProxyListModel::State).data().toString(), QString("Connected"));
        QCOMPARE(list->model()->index(1, ui::ProxyListModel::Revision).data().toLongLong(), 1LL);
        // An edit marks the row; a stopped proxy shows as unreachable with its error in the tooltip.
        QVERIFY(second->document()->push(ui::edit::addNamespace(entry("ghcr.io", "https://ghcr.io"))));
        QCOMPARE(list->model()->index(1, ui::ProxyListModel::Name).data().toString(), QString("b *"));
        b.stop();
        second->connection()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->index(1, ui::ProxyListModel::State).data().toString(),
                                  QString("Unreachable"), 10000);
        QVERIFY(list->model()->index(1, 0).data(Qt::ToolTipRole).toString().contains("Last error"));
        c.window->selectProxy(second->id());
        c.window->action("removeProxyAction")->trigger();
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(c.profiles->profiles().size(), 1);
    }

    void setsCredentialsAndImportsATree()
    {
        TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        Console c;
        auto* session = c.add("p", proxy);
        QTRY_VERIFY_WITH_TIMEOUT(session->configLoaded(), 10000);
        auto* page = c.window->credentialsPage();
        c.window->findChild<QTabWidget*>("proxyPages")->setCurrentWidget(page);
        QTest::mouseClick(page->findChild<QPushButton*>("setCredentialButton"), Qt::LeftButton);
        QTest::keyClicks(page->findChild<QLineEdit*>("credentialName"), "hub");
        QTest::keyClicks(page->findChild<QLineEdit*>("credentialUsername"), "bot");
        QTest::keyClicks(page->findChild<QLineEdit*>("credentialPassword"), "s3cret");
        QTest::mouseClick(page->findChild<QPushButton*>("saveCredentialButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(page->credentialNames(), QStringList{"hub"}, 10000);

        // An existing certs.d tree becomes a draft in the editor (one undo step).
        QTemporaryDir tree;
        model::MirrorConfig source;
        source.namespaces.push_back(entry("ghcr.io", "https://ghcr.io"));
        source.namespaces.push_back(entry("quay.io", "https://quay.io"));
        exporters::ContainerdOptions options;
        options.proxyUrl = "http://127.0.0.1:5000";
        const auto exported = exporters::exportContainerd(source, options);
        QVERIFY(exported);
        for (const auto& f : exported->files) {
            QDir().mkpath(QFileInfo(tree.filePath(QString::fromStdString(f.relativePath))).path());
            QFile out(tree.filePath(QString::fromStdString(f.relativePath)));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(f.content));
        }
        c.window->exportPage()->importFromDirectory(tree.path());
        auto* document = session->document();
        QTRY_VERIFY_WITH_TIMEOUT(hasNamespace(document->current(), "ghcr.io") && hasNamespace(document->current(), "quay.io"),
                                 10000);
        QVERIFY(document->isModified());
        c.window->action("undoAction")->trigger();
        QVERIFY(!hasNamespace(document->current(), "ghcr.io"));
        QVERIFY(!document->isModified());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
