#include "ui/CredentialsPage.h"

#include "ui/StatusColors.h"
#include "core/client/AdminClient.h"
#include "core/client/ProxyConnection.h"
#include "core/model/ConfigValidator.h"
#include "ui/CredentialsModel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QVBoxLayout>

namespace nsgate::ui {

CredentialsPage::CredentialsPage(QWidget* parent) : QWidget(parent), m_confirm(&openConfirmation)
{
    setObjectName(QStringLiteral("credentialsPage"));
    m_model = new CredentialsModel(this);

    // Created in the order they stand, which is the order Tab visits them.
    m_set = new QPushButton(tr("&Set credential…"), this);
    m_set->setObjectName(QStringLiteral("setCredentialButton"));
    m_set->setToolTip(tr("Create a credential, or replace the user name and password of the selected one"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteCredentialButton"));
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshCredentialsButton"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_set);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(m_refresh);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("credentialsTable"));
    m_table->setAccessibleName(tr("Stored credentials"));
    m_table->setTabKeyNavigation(false);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(CredentialsModel::Name, QHeaderView::ResizeToContents);

    // An inline form rather than a dialog: nothing modal, and the list and any
    // error stay visible while typing.
    m_form = new QGroupBox(tr("Set credential"), this);
    m_form->setObjectName(QStringLiteral("credentialForm"));
    m_name = new QLineEdit(m_form);
    m_name->setObjectName(QStringLiteral("credentialName"));
    m_name->setPlaceholderText(tr("letters, digits, '.', '_' or '-'"));
    m_username = new QLineEdit(m_form);
    m_username->setObjectName(QStringLiteral("credentialUsername"));
    m_password = new QLineEdit(m_form);
    m_password->setObjectName(QStringLiteral("credentialPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_password->setPlaceholderText(tr("write-only: the proxy never shows it again"));
    m_save = new QPushButton(tr("Save"), m_form);
    m_save->setObjectName(QStringLiteral("saveCredentialButton"));
    m_save->setDefault(true);
    auto* cancel = new QPushButton(tr("Cancel"), m_form);
    cancel->setObjectName(QStringLiteral("cancelCredentialButton"));
    auto* formButtons = new QHBoxLayout;
    formButtons->addStretch();
    formButtons->addWidget(cancel);
    formButtons->addWidget(m_save);
    auto* formLayout = new QFormLayout(m_form);
    formLayout->addRow(tr("&Name:"), m_name);
    formLayout->addRow(tr("&User name:"), m_username);
    formLayout->addRow(tr("&Password:"), m_password);
    formLayout->addRow(formButtons);
    m_form->hide();

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("credentialsError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorBannerStyle());
    m_error->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("credentialsStatus"));
    m_status->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_form);
    layout->addWidget(m_status);

    connect(m_refresh, &QPushButton::clicked, this, &CredentialsPage::refresh);
    connect(m_set, &QPushButton::clicked, this, &CredentialsPage::beginSetCredential);
    connect(m_delete, &QPushButton::clicked, this, &CredentialsPage::deleteSelected);
    connect(m_save, &QPushButton::clicked, this, &CredentialsPage::saveCredential);
    connect(m_password, &QLineEdit::returnPressed, this, &CredentialsPage::saveCredential);
    connect(cancel, &QPushButton::clicked, this, &CredentialsPage::cancelForm);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CredentialsPage::updateActions);
    updateActions();
}

CredentialsPage::~CredentialsPage() = default;

void CredentialsPage::setProxy(client::ProxyConnection* proxy)
{
    if (m_proxy)
        disconnect(m_proxy, nullptr, this, nullptr);
    m_proxy = proxy;
    setClient(proxy ? proxy->client() : nullptr);
    if (!proxy)
        return;
    connect(proxy, &client::ProxyConnection::clientChanged, this, &CredentialsPage::setClient);
    // A proxy selected while it was down gets listed when it comes up.
    connect(proxy, &client::ProxyConnection::stateChanged, this, [this] {
        if (m_proxy && m_proxy->state() == client::ProxyConnection::State::Connected && !m_listedOnce)
            refresh();
    });
}

void CredentialsPage::setClient(client::AdminClient* client)
{
    if (client == m_client && client)
        return;
    // Deleting the context disconnects every callback of the previous proxy,
    // so a late answer can never land in the new proxy's list.
    delete m_context;
    m_context = nullptr;
    m_client = client;
    m_busy = false;
    m_listedOnce = false;
    m_listingFailed = false;
    m_model->clear();
    cancelForm();
    showError({});
    showStatus({});
    if (!m_lastNames.isEmpty()) {
        m_lastNames.clear();
        emit credentialsChanged({});
    }
    updateActions();
    if (m_client)
        refresh();
}

QStringList CredentialsPage::credentialNames() const
{
    return m_model->names();
}

QString CredentialsPage::selectedName() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_model->credentialAt(rows.front().row()).name;
}

void CredentialsPage::updateActions()
{
    const bool ready = m_client && !m_busy;
    m_refresh->setEnabled(ready);
    m_set->setEnabled(ready);
    m_save->setEnabled(ready);
    m_delete->setEnabled(ready && !selectedName().isEmpty());
}

void CredentialsPage::setBusy(bool busy)
{
    m_busy = busy;
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
    updateActions();
}

void CredentialsPage::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void CredentialsPage::showStatus(const QString& text)
{
    m_status->setText(text);
}

void CredentialsPage::refresh()
{
    if (!m_client || m_busy)
        return;
    if (!m_context)
        m_context = new QObject(this);
    setBusy(true);
    m_client->credentials(m_context, [this](client::ApiResult<QList<client::CredentialInfo>> result) {
        setBusy(false);
        if (!result) {
            showError(tr("Could not list the credentials: %1").arg(result.error().message()));
            m_listingFailed = true;
            return;
        }
        if (m_listingFailed) {
            m_listingFailed = false;
            showError({});
        }
        const QString keep = selectedName();
        m_model->setCredentials(std::move(result).value());
        if (const int row = m_model->indexOf(keep); row >= 0 && selectedName() != keep)
            m_table->selectRow(row);
        updateActions();
        const QStringList names = m_model->names();
        if (!m_listedOnce || names != m_lastNames) {
            m_listedOnce = true;
            m_lastNames = names;
            emit credentialsChanged(names);
        }
    });
}

void CredentialsPage::beginSetCredential()
{
    const QString name = selectedName();
    if (const int row = m_model->indexOf(name); row >= 0) {
        m_name->setText(name);
        m_username->setText(m_model->credentialAt(row).username);
    } else {
        m_name->clear();
        m_username->clear();
    }
    m_password->clear();
    m_form->show();
    (m_name->text().isEmpty() ? m_name : m_password)->setFocus();
}

void CredentialsPage::cancelForm()
{
    m_password->clear();
    m_form->hide();
}

void CredentialsPage::saveCredential()
{
    if (!m_client || m_busy)
        return;
    const QString name = m_name->text().trimmed();
    const QString username = m_username->text();
    if (!model::isValidCredentialName(name.toStdString())) {
        showError(
            tr("The name \"%1\" is not a credential name: use 1 to %2 letters, digits, '.', '_' or '-'.")
                .arg(name)
                .arg(model::kMaxCredentialNameLength));
        m_name->setFocus();
        return;
    }
    if (username.isEmpty()) {
        showError(tr("The credential \"%1\" needs a user name.").arg(name));
        m_username->setFocus();
        return;
    }
    if (!m_context)
        m_context = new QObject(this);
    showError({});
    setBusy(true);
    // The password leaves the field for the request body and nowhere else.
    m_client->setCredential(
        name, username, m_password->text(), m_context, [this, name](client::ApiResult<bool> result) {
            setBusy(false);
            if (!result) {
                showError(tr("Could not save the credential \"%1\": %2").arg(name, result.error().message()));
                return;
            }
            cancelForm();
            showStatus(tr("Saved the credential \"%1\".").arg(name));
            refresh();
        });
}

void CredentialsPage::deleteSelected()
{
    const QString name = selectedName();
    if (!m_client || m_busy || name.isEmpty())
        return;
    QPointer<CredentialsPage> self(this);
    QPointer<client::AdminClient> askedFor(m_client);
    m_confirm(
        this, tr("Delete credential"),
        tr("Delete the credential \"%1\" from the proxy? Its password cannot be shown again, only set anew.")
            .arg(name),
        [self, askedFor, name](bool yes) {
            // The operator may have switched proxies while the question was open.
            if (yes && self && self->m_client && self->m_client == askedFor)
                self->deleteConfirmed(name);
        });
}

void CredentialsPage::deleteConfirmed(const QString& name)
{
    if (!m_context)
        m_context = new QObject(this);
    showError({});
    setBusy(true);
    m_client->deleteCredential(name, m_context, [this, name](client::ApiResult<bool> result) {
        setBusy(false);
        if (!result) {
            if (result.error().httpStatus == 409)
                return explainReferences(name, result.error());
            showError(tr("Could not delete the credential \"%1\": %2").arg(name, result.error().message()));
            return;
        }
        showStatus(tr("Deleted the credential \"%1\".").arg(name));
        refresh();
    });
}

// The proxy's 409 names JSON pointers into the config in force; the operator
// thinks in namespaces, so the config is fetched to name them. The proxy's own
// sentence is shown at once and stays if that lookup fails.
void CredentialsPage::explainReferences(const QString& name, const client::ApiError& error)
{
    const QString reason =
        tr("The proxy refused to delete the credential \"%1\": %2").arg(name, error.message());
    showError(reason);
    if (error.errors.empty() || !m_client)
        return;
    const model::Issues pointers = error.errors;
    m_client->getConfig(
        m_context, [this, reason, pointers](client::ApiResult<client::ConfigDocument> document) {
            if (!document)
                return;
            static const QRegularExpression upstreamPointer(
                QStringLiteral("^/namespaces/(\\d+)/upstreams/(\\d+)/"));
            QStringList users;
            for (const auto& issue : pointers) {
                const auto match = upstreamPointer.match(QString::fromStdString(issue.pointer));
                if (!match.hasMatch())
                    continue;
                const auto ns = match.captured(1).toULongLong();
                const auto& namespaces = document->config.namespaces;
                if (ns >= namespaces.size())
                    continue;
                users << tr("namespace \"%1\" (upstream %2)")
                             .arg(QString::fromStdString(namespaces[ns].name))
                             .arg(match.captured(2).toInt() + 1);
            }
            if (!users.isEmpty())
                showError(
                    reason + QLatin1Char('\n') +
                    tr("Used by: %1. Remove it there and push first.").arg(users.join(QStringLiteral(", "))));
        });
}

} // namespace nsgate::ui
