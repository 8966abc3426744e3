#include "ui/ProfileDialog.h"

#include "ui/StatusColors.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace nsgate::ui {

namespace {

QString urlProblem(const QString& text, const QString& field)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (text.trimmed().isEmpty())
        return QObject::tr("%1 is empty.").arg(field);
    if (!url.isValid() || (url.scheme() != "http" && url.scheme() != "https") || url.host().isEmpty())
        return QObject::tr("%1 \"%2\" is not an http:// or https:// URL with a host.").arg(field, text.trimmed());
    if (!url.userInfo().isEmpty())
        return QObject::tr("%1 must not carry a user or password; the token goes into its own field.").arg(field);
    return {};
}

} // namespace

ProfileDialog::ProfileDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName("profileDialog");
    setWindowTitle(tr("Proxy"));
    m_name = new QLineEdit(this);
    m_name->setObjectName("profileName");
    m_name->setPlaceholderText(tr("e.g. Build cluster mirror"));
    m_adminUrl = new QLineEdit(this);
    m_adminUrl->setObjectName("profileAdminUrl");
    m_adminUrl->setPlaceholderText("http://127.0.0.1:5050");
    m_registryUrl = new QLineEdit(this);
    m_registryUrl->setObjectName("profileRegistryUrl");
    m_registryUrl->setPlaceholderText("http://127.0.0.1:5000");
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName("profileCaFile");
    m_caFile->setPlaceholderText(tr("System trust store"));
    auto* browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setAccessibleName(tr("Choose CA file"));
    connect(browse, &QToolButton::clicked, this, [this] {
        auto* dialog = new QFileDialog(this, tr("CA certificate (PEM)"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        connect(dialog, &QFileDialog::fileSelected, m_caFile, &QLineEdit::setText);
        dialog->open();
    });
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile);
    caRow->addWidget(browse);
    m_skipVerify = new QCheckBox(tr("Don't verify the admin listener's TLS certificate"), this);
    m_skipVerify->setObjectName("profileSkipVerify");
    m_skipWarning = new QLabel(tr("⚠ Anyone on the path can read the admin token and change this proxy's config."), this);
    m_skipWarning->setObjectName("profileSkipWarning");
    m_skipWarning->setWordWrap(true);
    m_skipWarning->setStyleSheet(errorLabelStyle() + QStringLiteral(" font-weight: bold;"));
    m_token = new QLineEdit(this);
    m_token->setObjectName("profileToken");
    m_token->setEchoMode(QLineEdit::Password);
    m_test = new QPushButton(tr("Test connection"), this);
    m_test->setObjectName("testConnectionButton");
    m_testResult = new QLabel(this);
    m_testResult->setObjectName("testConnectionResult");
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem = new QLabel(this);
    m_problem->setObjectName("profileProblem");
    m_problem->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Admin URL:"), m_adminUrl);
    form->addRow(tr("&Registry URL:"), m_registryUrl);
    form->addRow(tr("&CA file:"), caRow);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(caRow)))
        label->setBuddy(m_caFile);
    form->addRow(QString(), m_skipVerify);
    form->addRow(QString(), m_skipWarning);
    form->addRow(tr("Admin &token:"), m_token);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName("profileOkButton");
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(testRow);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ProfileDialog::testConnection);
    for (auto* edit : {m_name, m_adminUrl, m_registryUrl, m_caFile, m_token})
        connect(edit, &QLineEdit::textChanged, this, &ProfileDialog::updateState);
    connect(m_skipVerify, &QCheckBox::toggled, this, &ProfileDialog::updateState);
    resize(560, sizeHint().height());
    updateState();
}

void ProfileDialog::setProfile(const client::ProxyProfile& profile, bool hasToken)
{
    m_profile = profile;
    m_editing = true;
    m_name->setText(profile.name);
    m_adminUrl->setText(profile.adminUrl.toString());
    m_registryUrl->setText(profile.registryUrl.toString());
    m_caFile->setText(profile.caFile);
    m_skipVerify->setChecked(profile.insecureSkipVerify);
    m_token->clear();
    m_token->setPlaceholderText(hasToken ? tr("unchanged") : tr("not stored yet"));
    updateState();
}

client::ProxyProfile ProfileDialog::profile() const
{
    auto p = m_profile;
    p.name = m_name->text().trimmed();
    p.adminUrl = QUrl(m_adminUrl->text().trimmed());
    p.registryUrl = QUrl(m_registryUrl->text().trimmed());
    p.caFile = m_caFile->text().trimmed();
    p.insecureSkipVerify = m_skipVerify->isChecked();
    return p;
}

QByteArray ProfileDialog::token() const
{
    return m_token->text().trimmed().toUtf8();
}

QString ProfileDialog::problem() const
{
    if (m_name->text().trimmed().isEmpty())
        return tr("Name is empty.");
    if (auto p = urlProblem(m_adminUrl->text(), tr("Admin URL")); !p.isEmpty())
        return p;
    if (auto p = urlProblem(m_registryUrl->text(), tr("Registry URL")); !p.isEmpty())
        return p;
    if (!m_editing && m_token->text().trimmed().isEmpty())
        return tr("Admin token is empty (nsgate writes it to DATA_DIR/admin-token).");
    return {};
}

void ProfileDialog::updateState()
{
    const QString p = problem();
    m_problem->setText(p);
    m_problem->setVisible(!p.isEmpty());
    m_skipWarning->setVisible(m_skipVerify->isChecked());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty());
    m_test->setEnabled(urlProblem(m_adminUrl->text(), tr("Admin URL")).isEmpty());
}

void ProfileDialog::testConnection()
{
    const auto p = profile();
    client::ConnectionOptions options;
    options.adminUrl = p.adminUrl;
    options.token = token();
    options.caFile = p.caFile;
    options.insecureSkipVerify = p.insecureSkipVerify;
    options.timeoutMs = 10000;
    if (m_testClient)
        m_testClient->deleteLater();
    m_testClient = new client::AdminClient(options, this);
    m_testResult->setText(tr("Asking %1…").arg(p.adminUrl.toString()));
    m_test->setEnabled(false);
    // info needs the token: without one (editing, token unchanged) health
    // still tells whether the proxy answers.
    auto finish = [this](bool ok, const QString& text) {
        m_test->setEnabled(true);
        m_testResult->setText(text);
        emit tested(ok, text);
    };
    if (options.token.isEmpty()) {
        m_testClient->health(this, [finish](client::ApiResult<bool> r) {
            finish(bool(r), r ? tr("The proxy answers (health ok); enter the token to check it too.")
                              : r.error().message());
        });
        return;
    }
    m_testClient->info(this, [finish](client::ApiResult<client::ProxyInfo> r) {
        if (!r)
            return finish(false, r.error().message());
        finish(true, tr("%1 %2, instance %3, config revision %4")
                         .arg(r->product, r->version, r->instanceId)
                         .arg(r->configRevision));
    });
}

} // namespace nsgate::ui
