#pragma once

// Add or edit a proxy profile: admin URL, registry URL (what clients use), an
// optional CA file or an explicit "don't verify" with a visible warning, and
// the admin token (written to the secret store by the window, never here).
// "Test connection" asks the proxy for /admin/v1/info with exactly these
// settings. Opened with open(); accepted() means profile() and token() are
// ready.

#include "core/client/AdminClient.h"
#include "core/client/ProfileStore.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace nsgate::ui {

class ProfileDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ProfileDialog(QWidget* parent = nullptr);

    // Editing: the token field stays empty and means "keep the stored token".
    void setProfile(const client::ProxyProfile& profile, bool hasToken);
    client::ProxyProfile profile() const;
    QByteArray token() const;

    // Why the fields cannot be accepted, or empty.
    QString problem() const;

public slots:
    void testConnection();

signals:
    void tested(bool ok, const QString& text);

private:
    void updateState();

    client::ProxyProfile m_profile;
    bool m_editing = false;
    QPointer<client::AdminClient> m_testClient;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_adminUrl = nullptr;
    QLineEdit* m_registryUrl = nullptr;
    QLineEdit* m_caFile = nullptr;
    QCheckBox* m_skipVerify = nullptr;
    QLabel* m_skipWarning = nullptr;
    QLineEdit* m_token = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_testResult = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace nsgate::ui
