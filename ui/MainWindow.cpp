#include "ui/MainWindow.h"

#include "core/client/LogIngest.h"
#include "ui/CredentialsPage.h"
#include "ui/EditorDocument.h"
#include "ui/ExportPage.h"
#include "ui/HistoryPage.h"
#include "ui/AuditPage.h"
#include "ui/LanguageMenu.h"
#include "ui/LivePage.h"
#include "ui/LogStoreSettingsDialog.h"
#include "ui/MapEditorPage.h"
#include "ui/ProbePage.h"
#include "ui/ProfileDialog.h"
#include "ui/ProxyListModel.h"
#include "ui/ProxySession.h"
#include "ui/PushFlow.h"
#include "ui/ReplaceConfigCommand.h"
#include "ui/WelcomePage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

namespace nsgate::ui {

namespace {

// Menus, toolbar and shortcuts come from this one table, so a command has the
// same text, shortcut and object name wherever it appears.
struct ActionSpec
{
    const char* objectName;
    const char* text;
    QKeySequence::StandardKey standardKey;
    const char* shortcut;
    const char* menu;
    bool toolbar;
    void (MainWindow::*slot)();
};

const ActionSpec kActions[] = {
    {"addProxyAction", QT_TRANSLATE_NOOP("nsgate::ui::MainWindow", "&Add Proxy…"), QKeySequence::New, nullptr,
     "file", true, &MainWindow::addProxy},
    {"startLocalAction", QT_TRANSLATE_NOOP("nsgate::ui::MainWindow", "Start a &Local nsgate"),
     QKeySequence::UnknownKey, "Ctrl+Shift+L", "file", false, &MainWindow::startLocalProxy},
    {"logStoreSettingsAction", QT_TRANSLATE_NOOP("nsgate::ui::MainWindow", "Local &Event Log…"),
     QKeySequence::UnknownKey, nullptr, "file", false, &MainWindow::logStoreSettings},
    {"editProxyAction", QT_TRANSLATE_NOOP("nsgate::ui::MainWindow", "&Edit Proxy…"), QKeySequence::UnknownKey,
     "Ctrl+E", "proxy", false, &MainWindow::editProxy},
    {"removeProxyAction", QT_TRANSLATE_NOOP("nsgate::ui::MainWindow", "&Remove Proxy"), QKeySequence::UnknownKey,
     nullptr, "proxy", false, &MainWindow::removeProxy},
    {"testConnectionAction", QT_TRANSLATE_NOOP("nsgate::ui::MainWindow", "&Test Connection"),
     QKeySequence::UnknownKey, "Ctrl+T", "proxy", false, &MainWindow::testConnection},
    {"reloadConfigAction", QT_TRANSLATE_NOOP("nsgate::ui::MainWindow", "Re&load Config"), QKeySequence::Refresh,
     nullptr, "proxy", true, &MainWindow::reloadConfig},
    {"reviewPushAction", QT_TRANSLATE_NOOP("nsgate::ui::MainWindow", "Review && &Push…"), QKeySequence::UnknownKey,
     "Ctrl+Return", "proxy", true, &MainWindow::reviewAndPush},
};

} // namespace

MainWindow::MainWindow(ConsoleContext context, QWidget* parent) : QMainWindow(parent), m_context(std::move(context))
{
    setObjectName("mainWindow");
    setWindowTitle(tr("nsgate console[*]"));
    m_undoGroup = new QUndoGroup(this);
    m_pushFlow = new PushFlow(this, m_context.actor, this);
    buildUi();
    buildActions();
    connect(m_pushFlow, &PushFlow::message, this, &MainWindow::showMessage);
    connect(m_pushFlow, &PushFlow::refused, this, [this](const QString& reason) {
        showMessage(reason);
        m_tabs->setCurrentWidget(m_mapPage);
    });
    connect(m_pushFlow, &PushFlow::stored, this, [this](ProxySession* session) {
        session->connection()->refresh();
        if (session == currentSession())
            m_historyPage->refresh();
    });
    if (m_context.settings) {
        restoreGeometry(m_context.settings->value("window/geometry").toByteArray());
        restoreState(m_context.settings->value("window/state").toByteArray());
    }
    loadProfiles();
    updateBanner();
    currentChanged();
}

MainWindow::~MainWindow()
{
    // Sessions die with the window; their documents must leave the undo group first.
    for (auto* s : sessions())
        m_undoGroup->removeStack(s->document()->undoStack());
}

void MainWindow::buildUi()
{
    m_model = new ProxyListModel(this);
    m_list = new QTreeView(this);
    m_list->setObjectName("proxyList");
    m_list->setModel(m_model);
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setAccessibleName(tr("Proxies"));
    m_list->header()->setSectionResizeMode(ProxyListModel::Name, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(ProxyListModel::State, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(ProxyListModel::Revision, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(ProxyListModel::Sync, QHeaderView::ResizeToContents);
    // The admin URL and the last error are in each row's tooltip and in the
    // status bar; as columns they would push the state out of sight.
    m_list->setColumnHidden(ProxyListModel::AdminUrl, true);
    m_list->setColumnHidden(ProxyListModel::LastError, true);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::currentChanged);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);

    m_mapPage = new MapEditorPage(this);
    m_credentialsPage = new CredentialsPage(this);
    m_historyPage = new HistoryPage(this);
    m_exportPage = new ExportPage(this);
    m_probePage = new ProbePage(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("proxyPages");
    m_tabs->addTab(m_mapPage, tr("&Namespaces"));
    m_tabs->addTab(m_credentialsPage, tr("&Credentials"));
    m_tabs->addTab(m_historyPage, tr("&History"));
    m_tabs->addTab(m_exportPage, tr("E&xport"));
    m_tabs->addTab(m_probePage, tr("P&robe"));
    m_livePage = new LivePage(this);
    m_tabs->addTab(m_livePage, tr("L&ive"));
    m_auditPage = new AuditPage(this);
    m_tabs->addTab(m_auditPage, tr("&Audit"));
    if (!m_context.logStorePath.isEmpty()) {
        m_ingest = new client::LogIngest(m_context.logStorePath, this);
        m_ingest->setObjectName("logIngest");
        m_livePage->setIngest(m_ingest);
        m_auditPage->setIngest(m_ingest);
        m_model->setLogIngest(m_ingest);
        connect(m_ingest, &client::LogIngest::storeFailed, this, [this](const QString& why) {
            showMessage(tr("The local event log cannot be opened: %1").arg(why));
        });
    }

    connect(m_credentialsPage, &CredentialsPage::credentialsChanged, this, [this](const QStringList& names) {
        m_mapPage->setCredentialNames(names);
        if (auto* s = currentSession()) {
            std::set<std::string> known;
            for (const auto& n : names)
                known.insert(n.toStdString());
            s->document()->setKnownCredentials(std::move(known));
        }
    });
    connect(m_historyPage, &HistoryPage::rollbackRequested, this, [this](const model::MirrorConfig& old) {
        loadDraft(old, tr("Roll back to revision %1").arg(old.revision));
        reviewAndPush();
    });
    connect(m_exportPage, &ExportPage::importedDraft, this,
            [this](const model::MirrorConfig& draft, const QStringList& notMapped) {
                loadDraft(draft, tr("Import hosts.toml tree"));
                showMessage(notMapped.isEmpty()
                                ? tr("Imported %n namespace(s) as a draft.", nullptr, int(draft.namespaces.size()))
                                : tr("Imported a draft; %n entr(ies) could not be mapped (listed on the Export page).",
                                     nullptr, int(notMapped.size())));
            });

    // Shown instead of the pages while there is no proxy.
    auto* welcome = new WelcomePage(this);
    connect(welcome, &WelcomePage::startLocalRequested, this, &MainWindow::startLocalProxy);
    connect(welcome, &WelcomePage::addProxyRequested, this, &MainWindow::addProxy);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(welcome);
    m_stack->addWidget(m_tabs);

    m_banner = new QLabel(this);
    m_banner->setObjectName("banner");
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet("QLabel#banner { background: #fff3cd; color: #533f03; padding: 6px; }");
    m_bannerAction = new QPushButton(this);
    m_bannerAction->setObjectName("bannerAction");
    auto* bannerRow = new QHBoxLayout;
    bannerRow->setContentsMargins(0, 0, 0, 0);
    bannerRow->addWidget(m_banner, 1);
    bannerRow->addWidget(m_bannerAction);

    auto* splitter = new QSplitter(this);
    splitter->setObjectName("mainSplitter");
    splitter->addWidget(m_list);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({300, 900});
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bannerRow);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_statusConnection = new QLabel(this);
    m_statusConnection->setObjectName("statusConnection");
    m_statusRevision = new QLabel(this);
    m_statusRevision->setObjectName("statusRevision");
    statusBar()->addPermanentWidget(m_statusConnection);
    statusBar()->addPermanentWidget(m_statusRevision);
    resize(1200, 760);
}

void MainWindow::buildActions()
{
    QHash<QString, QMenu*> menus;
    menus["file"] = menuBar()->addMenu(tr("&File"));
    menus["edit"] = menuBar()->addMenu(tr("&Edit"));
    menus["proxy"] = menuBar()->addMenu(tr("&Proxy"));
    auto* help = menuBar()->addMenu(tr("&Help"));
    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName("mainToolBar");
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto* undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setObjectName("undoAction");
    undo->setShortcuts(QKeySequence::Undo);
    auto* redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setObjectName("redoAction");
    redo->setShortcuts(QKeySequence::Redo);
    menus["edit"]->addAction(undo);
    menus["edit"]->addAction(redo);
    m_actions.insert(undo->objectName(), undo);
    m_actions.insert(redo->objectName(), redo);

    for (const auto& spec : kActions) {
        auto* a = new QAction(tr(spec.text), this);
        a->setObjectName(spec.objectName);
        if (spec.standardKey != QKeySequence::UnknownKey)
            a->setShortcuts(spec.standardKey);
        else if (spec.shortcut)
            a->setShortcut(QKeySequence(QString::fromLatin1(spec.shortcut)));
        connect(a, &QAction::triggered, this, spec.slot);
        menus[spec.menu]->addAction(a);
        if (spec.toolbar)
            toolbar->addAction(a);
        m_actions.insert(a->objectName(), a);
    }
    toolbar->insertSeparator(m_actions["reloadConfigAction"]);
    toolbar->addSeparator();
    toolbar->addAction(undo);
    toolbar->addAction(redo);
    menus["file"]->addSeparator();
    auto* quit = menus["file"]->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName("quitAction");
    quit->setShortcuts(QKeySequence::Quit);
    auto* language = new LanguageMenu(m_context.settings, this);
    help->addMenu(language);
    connect(language, &LanguageMenu::languageChanged, this,
            [this](const QString&, const QString& message) { showMessage(message); });
    help->addSeparator();
    auto* about = help->addAction(tr("&About nsgate console"), this, [this] {
        auto* box = new QMessageBox(QMessageBox::Information, tr("About nsgate console"),
                                    tr("<b>nsgate console %1</b><p>Namespace maps, trust policies and client "
                                       "configuration for nsgate, the namespace-aware pull-through cache for OCI "
                                       "registries.</p>")
                                        .arg(QApplication::applicationVersion()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    about->setObjectName("aboutAction");
    updateActions();
}

QAction* MainWindow::action(const QString& objectName) const
{
    return m_actions.value(objectName);
}

QList<ProxySession*> MainWindow::sessions() const
{
    return m_model->sessions();
}

ProxySession* MainWindow::currentSession() const
{
    return m_model->sessionAt(m_list->currentIndex().row());
}

QList<ProxySession*> MainWindow::selectedSessions() const
{
    QList<ProxySession*> result;
    for (const auto& index : m_list->selectionModel()->selectedRows())
        if (auto* s = m_model->sessionAt(index.row()))
            result << s;
    if (result.isEmpty() && currentSession())
        result << currentSession();
    return result;
}

ProxySession* MainWindow::sessionById(const QString& id) const
{
    return m_model->sessionAt(m_model->rowOf(id));
}

bool MainWindow::selectProxy(const QString& profileId)
{
    const int row = m_model->rowOf(profileId);
    if (row < 0)
        return false;
    m_list->setCurrentIndex(m_model->index(row, 0));
    return true;
}

void MainWindow::loadProfiles()
{
    if (!m_context.profiles)
        return;
    bool local = false;
    for (const auto& profile : m_context.profiles->profiles()) {
        auto* session = openSession(profile, {});
        local = local || profile.local;
        // Tokens arrive from the keyring asynchronously; until then the
        // session waits (an info request without a token would only fail).
        if (m_context.secrets)
            m_context.secrets->read(profile.id, session, [session](Result<QByteArray, QString> token) {
                if (token && !token->isEmpty())
                    session->connection()->setToken(*token);
            });
    }
    if (!m_model->sessions().isEmpty())
        m_list->setCurrentIndex(m_model->index(0, 0));
    // The local proxy's ports change at every start: start it again and let
    // its listening line update the profile.
    if (local)
        startLocalProxy();
}

ProxySession* MainWindow::openSession(const client::ProxyProfile& profile, const QByteArray& token)
{
    auto* session = new ProxySession(profile, token, this);
    m_undoGroup->addStack(session->document()->undoStack());
    connect(session, &ProxySession::changed, this, [this, session] {
        if (session == currentSession()) {
            updateStatus();
            updateBanner();
        }
    });
    m_model->append(session);
    // The sync starts once the proxy answered with its instanceId.
    if (m_ingest)
        m_ingest->follow(session->connection());
    session->connection()->refresh();
    return session;
}

void MainWindow::addProfile(client::ProxyProfile profile, const QByteArray& token)
{
    if (!m_context.profiles)
        return;
    auto added = m_context.profiles->add(std::move(profile));
    if (!added) {
        showMessage(tr("Cannot store the proxy: %1").arg(added.error()));
        return;
    }
    auto* session = openSession(*added, token);
    if (m_context.secrets && !token.isEmpty())
        m_context.secrets->write(added->id, token, this, [this](Status<QString> ok) {
            if (!ok)
                showMessage(tr("The token could not be stored: %1").arg(ok.error()));
        });
    selectProxy(session->id());
}

void MainWindow::addProxy()
{
    auto* dialog = new ProfileDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add Proxy"));
    connect(dialog, &QDialog::accepted, this, [this, dialog] { addProfile(dialog->profile(), dialog->token()); });
    dialog->open();
}

void MainWindow::editProxy()
{
    auto* session = currentSession();
    if (!session)
        return;
    auto* dialog = new ProfileDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Edit Proxy"));
    dialog->setProfile(session->profile(), session->connection()->hasToken());
    QPointer<ProxySession> guard(session);
    connect(dialog, &QDialog::accepted, this, [this, dialog, guard] {
        auto* edited = guard.data();
        if (!edited)
            return;
        const auto profile = dialog->profile();
        if (m_context.profiles)
            if (auto ok = m_context.profiles->update(profile); !ok)
                return showMessage(tr("Cannot store the proxy: %1").arg(ok.error()));
        edited->connection()->setProfile(profile);
        if (const auto token = dialog->token(); !token.isEmpty()) {
            edited->connection()->setToken(token);
            if (m_context.secrets)
                m_context.secrets->write(profile.id, token, this, [](Status<QString>) {});
        }
        updateBanner();
    });
    dialog->open();
}

void MainWindow::removeProxy()
{
    auto* session = currentSession();
    if (!session)
        return;
    const QString id = session->id();
    if (m_context.profiles)
        (void)m_context.profiles->remove(id);
    if (m_context.secrets)
        m_context.secrets->remove(id, this, [](Status<QString>) {});
    m_undoGroup->removeStack(session->document()->undoStack());
    if (m_ingest)
        m_ingest->unfollow(session->connection());
    m_model->remove(session);
    session->deleteLater();
    if (auto* local = m_local.data(); id == m_localProfileId && local)
        local->stop();
    currentChanged();
}

void MainWindow::startLocalProxy()
{
    if (auto* running = m_local.data(); running && running->state() != client::LocalProxy::State::Idle) {
        if (!m_localProfileId.isEmpty())
            selectProxy(m_localProfileId);
        return;
    }
    if (m_context.nsgateProgram.isEmpty()) {
        const QString why = tr("No nsgate program was found next to the console or on PATH.");
        showMessage(why);
        emit localProxyFailed(why);
        return;
    }
    if (auto* old = m_local.data())
        old->deleteLater();
    auto* local = new client::LocalProxy(m_context.nsgateProgram, m_context.localDataDir, this);
    m_local = local;
    if (m_context.settings)
        local->setKeepRunning(m_context.settings->value("localProxy/keepRunning", false).toBool());
    connect(local, &client::LocalProxy::ready, this, &MainWindow::onLocalReady);
    connect(local, &client::LocalProxy::failed, this, [this](const QString& why) {
        showMessage(tr("The local nsgate stopped: %1").arg(why));
        emit localProxyFailed(why);
    });
    showMessage(tr("Starting a local nsgate…"));
    local->start();
}

void MainWindow::onLocalReady(const QUrl& registry, const QUrl& admin, const QByteArray& token)
{
    std::optional<client::ProxyProfile> existing;
    if (m_context.profiles)
        for (const auto& p : m_context.profiles->profiles())
            if (p.local)
                existing = p;
    if (existing) {
        existing->adminUrl = admin;
        existing->registryUrl = registry;
        if (m_context.profiles)
            (void)m_context.profiles->update(*existing);
        if (m_context.secrets)
            m_context.secrets->write(existing->id, token, this, [](Status<QString>) {});
        if (auto* session = sessionById(existing->id)) {
            session->connection()->setProfile(*existing);
            session->connection()->setToken(token);
        } else {
            openSession(*existing, token);
        }
        m_localProfileId = existing->id;
    } else {
        client::ProxyProfile profile;
        profile.name = tr("Local nsgate");
        profile.adminUrl = admin;
        profile.registryUrl = registry;
        profile.local = true;
        addProfile(profile, token);
        if (m_context.profiles)
            for (const auto& p : m_context.profiles->profiles())
                if (p.local)
                    m_localProfileId = p.id;
    }
    selectProxy(m_localProfileId);
    showMessage(tr("Local nsgate serves registry clients at %1.").arg(registry.toString()));
    emit localProxyReady(m_localProfileId);
}

void MainWindow::testConnection()
{
    if (auto* s = currentSession()) {
        s->connection()->refresh();
        const auto info = s->connection()->info();
        showMessage(info ? tr("%1: %2 %3, instance %4").arg(s->profile().name, info->product, info->version,
                                                              info->instanceId)
                         : tr("Asking %1…").arg(s->profile().adminUrl.toString()));
    }
}

void MainWindow::reloadConfig()
{
    auto* s = currentSession();
    if (!s)
        return;
    if (!s->document()->isModified())
        return s->reloadConfig();
    auto* box = new QMessageBox(QMessageBox::Question, tr("Reload Config"),
                                tr("Reloading drops your edits to %1 that were not pushed.").arg(s->profile().name),
                                QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName("reloadConfirm");
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<ProxySession> guard(s);
    connect(box, &QMessageBox::finished, this, [guard, box](int) {
        auto* session = guard.data();
        if (session && box->clickedButton() == box->button(QMessageBox::Discard))
            session->reloadConfig(true);
    });
    box->open();
}

void MainWindow::reviewAndPush()
{
    auto* source = currentSession();
    if (!source || !source->configLoaded()) {
        showMessage(tr("The proxy's config is not loaded yet."));
        return;
    }
    auto targets = selectedSessions();
    if (!targets.contains(source))
        targets.prepend(source);
    m_pushFlow->start(source, targets);
}

void MainWindow::loadDraft(const model::MirrorConfig& config, const QString& what)
{
    auto* s = currentSession();
    if (!s)
        return;
    QString why;
    if (!s->document()->push(std::make_unique<ReplaceConfigCommand>(config, what), &why))
        showMessage(tr("%1 failed: %2").arg(what, why));
    m_tabs->setCurrentWidget(m_mapPage);
}

void MainWindow::currentChanged()
{
    auto* s = currentSession();
    m_stack->setCurrentIndex(m_model->sessions().isEmpty() ? 0 : 1);
    if (s != m_shown) {
        if (auto* previous = m_shown.data())
            disconnect(previous->document()->undoStack(), &QUndoStack::cleanChanged, this, nullptr);
        m_shown = s;
        auto* connection = s ? s->connection() : nullptr;
        auto* document = s ? s->document() : nullptr;
        m_mapPage->setDocument(document);
        m_credentialsPage->setProxy(connection);
        m_historyPage->setProxy(connection);
        m_exportPage->setProxy(connection);
        m_exportPage->setDocument(document);
        m_probePage->setProxy(connection);
        m_probePage->setDocument(document);
        m_livePage->setProxy(connection);
        m_undoGroup->setActiveStack(document ? document->undoStack() : nullptr);
        if (document)
            connect(document->undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) {
                setWindowModified(!clean);
            });
        setWindowModified(document && document->isModified());
        setWindowTitle(s ? tr("%1 — nsgate console[*]").arg(s->profile().name) : tr("nsgate console[*]"));
    }
    updateStatus();
    updateBanner();
    updateActions();
}

void MainWindow::updateStatus()
{
    auto* s = currentSession();
    if (!s) {
        m_statusConnection->setText(tr("No proxy"));
        m_statusRevision->clear();
        return;
    }
    const auto* c = s->connection();
    QString text = tr("%1: %2").arg(s->profile().name, ProxyListModel::stateText(*s));
    if (!c->lastError().isEmpty())
        text += QStringLiteral(" — ") + c->lastError();
    m_statusConnection->setText(text);
    const auto info = c->info();
    QString revision = s->configLoaded() ? tr("Editing revision %1").arg(s->document()->base().revision) : QString();
    if (info && s->configLoaded() && info->configRevision != s->document()->base().revision)
        revision += tr(" (proxy is at %1)").arg(info->configRevision);
    if (s->document()->isModified())
        revision += tr(", modified");
    m_statusRevision->setText(revision);
}

void MainWindow::updateBanner()
{
    QString text;
    QString button;
    std::function<void()> act;
    if (!m_context.keyringAvailable && m_context.secrets &&
        m_context.secrets->kind() == client::SecretStore::Kind::Memory) {
        text = tr("No keyring is available (%1). Admin tokens are kept in memory for this session only and must be "
                  "entered again after a restart.")
                   .arg(m_context.keyringProblem);
        if (m_context.enableFileStore) {
            button = tr("Store tokens in a file…");
            act = [this] {
                auto* box = new QMessageBox(QMessageBox::Warning, tr("Store tokens in a file"),
                                            tr("Admin tokens will be written in plain text to files only your user "
                                               "can read. Anyone with access to your account can then change your "
                                               "proxies."),
                                            QMessageBox::Ok | QMessageBox::Cancel, this);
                box->setObjectName("fileStoreConfirm");
                box->setAttribute(Qt::WA_DeleteOnClose);
                connect(box, &QMessageBox::finished, this, [this, box](int) {
                    if (box->clickedButton() != box->button(QMessageBox::Ok))
                        return;
                    auto* previous = m_context.secrets;
                    m_context.secrets = m_context.enableFileStore();
                    // Move this session's tokens over, so nothing is asked for again.
                    for (auto* s : sessions())
                        previous->read(s->id(), this, [this, id = s->id()](Result<QByteArray, QString> token) {
                            if (token && !token->isEmpty())
                                m_context.secrets->write(id, *token, this, [](Status<QString>) {});
                        });
                    updateBanner();
                });
                box->open();
            };
        }
    } else if (auto* s = currentSession(); s && s->profile().insecureSkipVerify) {
        text = tr("TLS verification is off for %1: anyone on the network path can read its admin token and change "
                  "its config.")
                   .arg(s->profile().name);
        button = tr("Edit Proxy…");
        act = [this] { editProxy(); };
    }
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
    m_bannerAction->setText(button);
    m_bannerAction->setVisible(!button.isEmpty());
    disconnect(m_bannerAction, &QPushButton::clicked, nullptr, nullptr);
    if (act)
        connect(m_bannerAction, &QPushButton::clicked, this, act);
}

void MainWindow::logStoreSettings()
{
    if (!m_context.settings)
        return;
    auto* dialog = new LogStoreSettingsDialog(*m_context.settings, m_ingest, this);
    dialog->setObjectName("logStoreSettingsDialog");
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::updateActions()
{
    const bool has = currentSession() != nullptr;
    if (auto* a = m_actions.value("logStoreSettingsAction"))
        a->setEnabled(m_ingest != nullptr);
    for (const char* name : {"editProxyAction", "removeProxyAction", "testConnectionAction", "reloadConfigAction",
                             "reviewPushAction"})
        if (auto* a = m_actions.value(name))
            a->setEnabled(has);
}

void MainWindow::showMessage(const QString& text)
{
    statusBar()->showMessage(text, 10000);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QStringList modified;
    for (auto* s : sessions())
        if (s->document()->isModified())
            modified << s->profile().name;
    if (!modified.isEmpty() && !property("discardConfirmed").toBool()) {
        event->ignore();
        auto* box = new QMessageBox(QMessageBox::Question, tr("Quit"),
                                    tr("Edits to %1 were not pushed and will be lost.").arg(modified.join(", ")),
                                    QMessageBox::Discard | QMessageBox::Cancel, this);
        box->setObjectName("quitConfirm");
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this, box](int) {
            if (box->clickedButton() != box->button(QMessageBox::Discard))
                return;
            setProperty("discardConfirmed", true);
            close();
        });
        box->open();
        return;
    }
    if (m_context.settings) {
        m_context.settings->setValue("window/geometry", saveGeometry());
        m_context.settings->setValue("window/state", saveState());
    }
    if (auto* local = m_local.data(); local && !local->keepRunning())
        local->stop();
    QMainWindow::closeEvent(event);
}

} // namespace nsgate::ui
