#pragma once

// The proxy's upstream credentials: list, set (write-only password) and
// delete. The password goes from the field straight into the PUT body and the
// field is cleared afterwards; the console keeps no copy. A delete the proxy
// refuses (409: the config in force still references the credential) shows
// the proxy's reason and names the namespaces concerned.

#include "ui/PageDialogs.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace nsgate::client {
class AdminClient;
class ProxyConnection;
struct ApiError;
} // namespace nsgate::client

namespace nsgate::ui {

class CredentialsModel;

class CredentialsPage : public QWidget
{
    Q_OBJECT

public:
    explicit CredentialsPage(QWidget* parent = nullptr);
    ~CredentialsPage() override;

    // The selected proxy (nullptr = none). Follows its client when the
    // connection rebuilds it, and lists again once the proxy is reachable.
    void setProxy(client::ProxyConnection* proxy);
    // The narrower form setProxy() uses: the client to talk to (nullptr =
    // none). Answers still on their way from the previous client are dropped.
    // Refreshes at once.
    void setClient(client::AdminClient* client);
    client::AdminClient* adminClient() const { return m_client; }

    CredentialsModel* model() const { return m_model; }
    QStringList credentialNames() const;

    // Seam for tests: how a delete is confirmed (default: a message box).
    void setConfirmFn(ConfirmFn confirm) { m_confirm = std::move(confirm); }

public slots:
    void refresh();
    // Shows the form, prefilled with the selected credential's name and user
    // name so that "change the password" is one click away.
    void beginSetCredential();

signals:
    // After every refresh whose list of names differs from the previous one;
    // the editor's credential picker offers exactly these.
    void credentialsChanged(QStringList names);

private:
    void saveCredential();
    void cancelForm();
    void deleteSelected();
    void deleteConfirmed(const QString& name);
    void explainReferences(const QString& name, const client::ApiError& error);
    void showError(const QString& text);
    void showStatus(const QString& text);
    void setBusy(bool busy);
    void updateActions();
    QString selectedName() const;

    QPointer<client::ProxyConnection> m_proxy;
    QPointer<client::AdminClient> m_client;
    QObject* m_context = nullptr; // parent of every pending callback's context
    CredentialsModel* m_model = nullptr;
    QStringList m_lastNames;
    bool m_listedOnce = false;
    bool m_listingFailed = false; // the error shown is the listing's (a good listing clears it)
    bool m_busy = false;
    ConfirmFn m_confirm;

    QTableView* m_table = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_set = nullptr;
    QPushButton* m_delete = nullptr;
    QGroupBox* m_form = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_password = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace nsgate::ui
