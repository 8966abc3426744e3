#pragma once

// The console's window: proxies on the left (state, revision, last error),
// the selected proxy's pages on the right (Namespaces, Credentials, History,
// Export, Probe, Live; Audit joins later as a further tab), a banner for
// what the operator must know (no keyring, TLS not verified), menus and
// toolbar built from one action table, and the status bar with connection,
// revision and the modified marker. Window state is remembered.

#include "core/client/LocalProxy.h"
#include "core/model/MirrorConfig.h"
#include "core/client/ProfileStore.h"
#include "core/client/SecretStore.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;
class QSettings;
class QStackedWidget;
class QTabWidget;
class QTreeView;
class QUndoGroup;

namespace nsgate::client {
class LogIngest;
}

namespace nsgate::ui {

class CredentialsPage;
class ExportPage;
class HistoryPage;
class LivePage;
class AuditPage;
class MapEditorPage;
class ProbePage;
class ProxyListModel;
class ProxySession;
class PushFlow;

// What the window needs from outside, injected so tests can supply their own.
struct ConsoleContext
{
    QSettings* settings = nullptr;            // window state and profiles
    client::ProfileStore* profiles = nullptr;
    client::SecretStore* secrets = nullptr;   // where tokens live this session
    bool keyringAvailable = true;
    QString keyringProblem;                   // why not, for the banner
    // Called when the operator opts into the file store (no keyring); returns
    // the store to use from now on.
    std::function<client::SecretStore*()> enableFileStore;
    QString nsgateProgram;                    // bundled nsgate for "Start a local nsgate"
    QString localDataDir;                     // its data directory (empty: LocalProxy's default)
    QString actor;                            // X-Nsgate-Actor of pushes
    QString logStorePath;                     // local event log store (empty: no Live sync)
};

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(ConsoleContext context, QWidget* parent = nullptr);
    ~MainWindow() override;

    ProxySession* currentSession() const;
    QList<ProxySession*> selectedSessions() const;
    ProxySession* sessionById(const QString& id) const;
    bool selectProxy(const QString& profileId);
    QList<ProxySession*> sessions() const;
    QAction* action(const QString& objectName) const;

    MapEditorPage* mapEditorPage() const { return m_mapPage; }
    CredentialsPage* credentialsPage() const { return m_credentialsPage; }
    HistoryPage* historyPage() const { return m_historyPage; }
    ExportPage* exportPage() const { return m_exportPage; }
    ProbePage* probePage() const { return m_probePage; }
    LivePage* livePage() const { return m_livePage; }
    AuditPage* auditPage() const { return m_auditPage; }
    // nullptr when the context gave no log store path.
    client::LogIngest* logIngest() const { return m_ingest; }
    PushFlow* pushFlow() const { return m_pushFlow; }
    client::LocalProxy* localProxy() const { return m_local; }

public slots:
    void addProxy();
    void editProxy();
    void removeProxy();
    void startLocalProxy();
    void testConnection();
    void reloadConfig();
    void reviewAndPush();
    // The local event log's path, size and retention limits.
    void logStoreSettings();
    // Adds a profile and stores its token; the session connects at once.
    void addProfile(client::ProxyProfile profile, const QByteArray& token);
    // Replaces the current document's map with `config` as one undoable edit
    // (rollback, import).
    void loadDraft(const model::MirrorConfig& config, const QString& what);

signals:
    void localProxyReady(const QString& profileId);
    void localProxyFailed(const QString& why);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildUi();
    void loadProfiles();
    ProxySession* openSession(const client::ProxyProfile& profile, const QByteArray& token);
    void currentChanged();
    void updateBanner();
    void updateStatus();
    void updateActions();
    void showMessage(const QString& text);
    void onLocalReady(const QUrl& registry, const QUrl& admin, const QByteArray& token);

    ConsoleContext m_context;
    ProxyListModel* m_model = nullptr;
    QTreeView* m_list = nullptr;
    QStackedWidget* m_stack = nullptr;   // welcome page or the proxy's pages
    QTabWidget* m_tabs = nullptr;
    QLabel* m_banner = nullptr;
    QPushButton* m_bannerAction = nullptr;
    QLabel* m_statusConnection = nullptr;
    QLabel* m_statusRevision = nullptr;
    QUndoGroup* m_undoGroup = nullptr;
    MapEditorPage* m_mapPage = nullptr;
    CredentialsPage* m_credentialsPage = nullptr;
    HistoryPage* m_historyPage = nullptr;
    ExportPage* m_exportPage = nullptr;
    ProbePage* m_probePage = nullptr;
    LivePage* m_livePage = nullptr;
    AuditPage* m_auditPage = nullptr;
    client::LogIngest* m_ingest = nullptr;
    PushFlow* m_pushFlow = nullptr;
    QPointer<client::LocalProxy> m_local;
    QString m_localProfileId;
    QPointer<ProxySession> m_shown;
    QHash<QString, QAction*> m_actions;
};

} // namespace nsgate::ui
