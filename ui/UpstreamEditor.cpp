#include "ui/UpstreamEditor.h"

#include "ui/EditCommands.h"
#include "ui/EditorDocument.h"
#include "ui/UpstreamsModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QTableView>
#include <QVBoxLayout>

namespace nsgate::ui {

namespace {

constexpr qint64 kMaxCaFileBytes = 1024 * 1024;

// Empty means "not set" for the optional fields (credential, CA, prefix).
std::optional<std::string> optionalText(const QString& text)
{
    if (text.trimmed().isEmpty())
        return std::nullopt;
    return text.toStdString();
}

QString fromOptional(const std::optional<std::string>& value)
{
    return value ? QString::fromStdString(*value) : QString();
}

} // namespace

UpstreamEditor::UpstreamEditor(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("upstreamEditor"));
    m_model = new UpstreamsModel(this);
    m_model->setObjectName(QStringLiteral("upstreamsModel"));
    buildUi();
    connectEdits();
    refresh();
}

void UpstreamEditor::buildUi()
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* listRow = new QHBoxLayout;
    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("upstreamsView"));
    m_view->setAccessibleName(tr("Upstreams"));
    m_view->setTabKeyNavigation(false);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->horizontalHeader()->setSectionResizeMode(UpstreamsModel::Url, QHeaderView::Stretch);
    m_view->verticalHeader()->setVisible(false);
    m_view->setMaximumHeight(m_view->fontMetrics().lineSpacing() * 8);
    m_view->setToolTip(tr("The namespace's upstreams, asked in this order"));
    listRow->addWidget(m_view, 1);
    auto* buttons = new QVBoxLayout;
    const auto button = [buttons](const QString& name, const QString& text, const QString& tip) {
        auto* b = new QPushButton(text);
        b->setObjectName(name);
        b->setToolTip(tip);
        buttons->addWidget(b);
        return b;
    };
    m_add = button(QStringLiteral("addUpstreamButton"), tr("Add"), tr("Add an upstream at the end"));
    m_remove =
        button(QStringLiteral("removeUpstreamButton"), tr("Remove"), tr("Remove the selected upstream"));
    m_moveUp = button(QStringLiteral("moveUpstreamUpButton"), tr("Up"), tr("Ask this upstream earlier"));
    m_moveDown = button(QStringLiteral("moveUpstreamDownButton"), tr("Down"), tr("Ask this upstream later"));
    buttons->addStretch(1);
    listRow->addLayout(buttons);
    layout->addLayout(listRow);

    m_form = new QWidget;
    m_form->setObjectName(QStringLiteral("upstreamForm"));
    auto* form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    m_urlEdit = new QLineEdit;
    m_urlEdit->setObjectName(QStringLiteral("upstreamUrlEdit"));
    m_urlEdit->setPlaceholderText(QStringLiteral("https://registry-1.docker.io"));
    m_urlEdit->setToolTip(tr("http:// or https:// with host, optional port and API root path"));
    m_credentialCombo = new QComboBox;
    m_credentialCombo->setObjectName(QStringLiteral("upstreamCredentialCombo"));
    m_credentialCombo->setEditable(true);
    m_credentialCombo->setInsertPolicy(QComboBox::NoInsert);
    m_credentialCombo->lineEdit()->setPlaceholderText(tr("(anonymous)"));
    m_credentialCombo->setToolTip(tr("A credential stored on the proxy, or empty for anonymous pulls"));
    m_caEdit = new QPlainTextEdit;
    m_caEdit->setObjectName(QStringLiteral("upstreamCaEdit"));
    m_caEdit->setPlaceholderText(tr("-----BEGIN CERTIFICATE----- … (empty: system trust store)"));
    m_caEdit->setTabChangesFocus(true);
    m_caEdit->setMaximumHeight(m_caEdit->fontMetrics().lineSpacing() * 5 + 12);
    m_caEdit->setToolTip(tr("PEM certificates trusted for this upstream in addition to the system store"));
    m_loadCa = new QPushButton(tr("Load from file…"));
    m_loadCa->setObjectName(QStringLiteral("loadCaButton"));
    auto* caBox = new QVBoxLayout;
    caBox->addWidget(m_caEdit);
    caBox->addWidget(m_loadCa, 0, Qt::AlignLeft);
    m_tlsVerify = new QCheckBox(tr("Verify the upstream's TLS certificate"));
    m_tlsVerify->setObjectName(QStringLiteral("upstreamTlsVerifyCheck"));
    m_tlsVerify->setToolTip(tr("Turn off only for test registries: anyone on the path could answer"));
    m_forwardNs = new QCheckBox(tr("Upstream is ns-aware (forward ns)"));
    m_forwardNs->setObjectName(QStringLiteral("upstreamForwardNsCheck"));
    m_forwardNs->setToolTip(tr("Send ns=<namespace> and require a matching OCI-Namespace reply"));
    m_prefixEdit = new QLineEdit;
    m_prefixEdit->setObjectName(QStringLiteral("upstreamPrefixEdit"));
    m_prefixEdit->setPlaceholderText(tr("e.g. dockerhub/ (empty: none)"));
    m_prefixEdit->setToolTip(tr("Put in front of every repository name asked of this upstream"));
    form->addRow(tr("&URL:"), m_urlEdit);
    form->addRow(tr("&Credential:"), m_credentialCombo);
    form->addRow(tr("C&A:"), caBox);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(caBox)))
        label->setBuddy(m_caEdit);
    form->addRow(QString(), m_tlsVerify);
    form->addRow(QString(), m_forwardNs);
    form->addRow(tr("Repository &prefix:"), m_prefixEdit);
    layout->addWidget(m_form);

    for (QWidget* w : markableWidgets())
        w->installEventFilter(this);
    m_credentialCombo->lineEdit()->installEventFilter(this);
}

QList<QWidget*> UpstreamEditor::markableWidgets() const
{
    return {m_view, m_urlEdit, m_credentialCombo, m_caEdit, m_tlsVerify, m_forwardNs, m_prefixEdit};
}

void UpstreamEditor::connectEdits()
{
    connect(m_urlEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        pushEdit(edit::setUpstreamUrl(ns(), currentUpstream(), text.toStdString()));
    });
    const auto credential = [this] {
        if (!m_updating)
            pushEdit(edit::setUpstreamCredential(ns(), currentUpstream(),
                                                 optionalText(m_credentialCombo->currentText())));
    };
    connect(m_credentialCombo->lineEdit(), &QLineEdit::textEdited, this, credential);
    connect(m_credentialCombo, &QComboBox::activated, this, credential);
    connect(m_caEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_updating)
            pushEdit(edit::setUpstreamCaPem(ns(), currentUpstream(), optionalText(m_caEdit->toPlainText())));
    });
    connect(m_tlsVerify, &QCheckBox::clicked, this, [this](bool checked) {
        pushEdit(edit::setUpstreamTlsVerify(ns(), currentUpstream(), checked), false);
    });
    connect(m_forwardNs, &QCheckBox::clicked, this, [this](bool checked) {
        pushEdit(edit::setUpstreamForwardNs(ns(), currentUpstream(), checked), false);
    });
    connect(m_prefixEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        pushEdit(edit::setUpstreamRepositoryPrefix(ns(), currentUpstream(), optionalText(text)));
    });

    connect(m_add, &QPushButton::clicked, this, &UpstreamEditor::addUpstream);
    connect(m_remove, &QPushButton::clicked, this, &UpstreamEditor::removeUpstream);
    connect(m_moveUp, &QPushButton::clicked, this, &UpstreamEditor::moveUpstreamUp);
    connect(m_moveDown, &QPushButton::clicked, this, &UpstreamEditor::moveUpstreamDown);
    connect(m_loadCa, &QPushButton::clicked, this, &UpstreamEditor::chooseCaFile);
    // The form follows an inserted upstream (add, undo of a remove).
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first) { setCurrentUpstream(first); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (EditorDocument* document = m_document)
            document->sealEdits();
        refresh();
        emit currentUpstreamChanged(currentUpstream());
    });
}

void UpstreamEditor::setDocument(EditorDocument* document)
{
    if (document == m_document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    // The model updates first, so refresh() sees its new rows.
    m_model->setDocument(document);
    m_document = document;
    if (m_document) {
        connect(m_document, &EditorDocument::namespaceRenamed, this,
                [this](const QString& from, const QString& to) {
                    if (from == m_namespace)
                        m_namespace = to;
                });
        connect(m_document, &EditorDocument::changed, this, &UpstreamEditor::refresh);
    }
    refresh();
}

void UpstreamEditor::setNamespace(const QString& name)
{
    if (name == m_namespace)
        return;
    m_namespace = name;
    m_model->setNamespace(name);
    if (m_model->rowCount() > 0)
        setCurrentUpstream(0);
    refresh();
}

void UpstreamEditor::setCredentialNames(const QStringList& names)
{
    QScopedValueRollback guard(m_updating, true);
    const QString text = m_credentialCombo->currentText();
    m_credentialCombo->clear();
    m_credentialCombo->addItems(names);
    m_credentialCombo->setEditText(text);
}

int UpstreamEditor::currentUpstream() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void UpstreamEditor::setCurrentUpstream(int row)
{
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::ClearAndSelect |
                                                                          QItemSelectionModel::Rows);
}

QWidget* UpstreamEditor::widgetFor(const IssuePlace& place) const
{
    if (place.section != QLatin1String("upstreams"))
        return nullptr;
    // Problems of upstreams other than the one in the form show on the list.
    if (place.upstreamIndex < 0 || place.upstreamIndex != currentUpstream())
        return m_view;
    if (place.field == QLatin1String("credential"))
        return m_credentialCombo;
    if (place.field == QLatin1String("caPem"))
        return m_caEdit;
    if (place.field == QLatin1String("repositoryPrefix"))
        return m_prefixEdit;
    if (place.field == QLatin1String("tlsVerify"))
        return m_tlsVerify;
    if (place.field == QLatin1String("forwardNs"))
        return m_forwardNs;
    return m_urlEdit;
}

void UpstreamEditor::refresh()
{
    const model::Upstream* upstream = nullptr;
    if (const EditorDocument* document = m_document) {
        const std::string name = ns();
        const int row = currentUpstream();
        for (const auto& entry : document->current().namespaces) {
            if (entry.name == name && row >= 0 && static_cast<std::size_t>(row) < entry.upstreams.size())
                upstream = &entry.upstreams[static_cast<std::size_t>(row)];
        }
    }
    QScopedValueRollback guard(m_updating, true);
    m_form->setEnabled(upstream != nullptr);
    m_add->setEnabled(m_document && !m_namespace.isEmpty());
    const model::Upstream none;
    const model::Upstream& up = upstream ? *upstream : none;
    // Write a field only when it means something else than the document says,
    // so the cursor of the field being typed into never jumps.
    if (m_urlEdit->text() != QString::fromStdString(up.url))
        m_urlEdit->setText(QString::fromStdString(up.url));
    if (optionalText(m_credentialCombo->currentText()) != up.credential)
        m_credentialCombo->setEditText(fromOptional(up.credential));
    if (optionalText(m_caEdit->toPlainText()) != up.caPem)
        m_caEdit->setPlainText(fromOptional(up.caPem));
    m_tlsVerify->setChecked(up.tlsVerify);
    m_forwardNs->setChecked(up.forwardNs);
    if (optionalText(m_prefixEdit->text()) != up.repositoryPrefix)
        m_prefixEdit->setText(fromOptional(up.repositoryPrefix));
    updateButtons();
}

void UpstreamEditor::updateButtons()
{
    const int rows = m_model->rowCount();
    const int row = currentUpstream();
    m_remove->setEnabled(row >= 0);
    m_moveUp->setEnabled(row > 0);
    m_moveDown->setEnabled(row >= 0 && row + 1 < rows);
}

bool UpstreamEditor::pushEdit(std::unique_ptr<EditCommand> command, bool typing)
{
    EditorDocument* document = m_document;
    if (!document)
        return false;
    if (!typing)
        document->sealEdits();
    QString why;
    const bool applied = document->push(std::move(command), &why);
    if (!typing)
        document->sealEdits();
    emit message(applied ? QString() : why);
    return applied;
}

void UpstreamEditor::addUpstream()
{
    model::Upstream upstream;
    upstream.url = "https://";
    if (!pushEdit(edit::addUpstream(ns(), std::move(upstream)), false))
        return;
    setCurrentUpstream(m_model->rowCount() - 1);
    m_urlEdit->setFocus(Qt::OtherFocusReason);
    m_urlEdit->end(false);
}

void UpstreamEditor::removeUpstream()
{
    const int row = currentUpstream();
    if (row < 0 || !pushEdit(edit::removeUpstream(ns(), row), false))
        return;
    if (m_model->rowCount() > 0)
        setCurrentUpstream(std::min(row, m_model->rowCount() - 1));
}

void UpstreamEditor::moveUpstreamUp()
{
    const int row = currentUpstream();
    if (row > 0 && pushEdit(edit::moveUpstream(ns(), row, row - 1), false))
        setCurrentUpstream(row - 1);
}

void UpstreamEditor::moveUpstreamDown()
{
    const int row = currentUpstream();
    if (row >= 0 && row + 1 < m_model->rowCount() && pushEdit(edit::moveUpstream(ns(), row, row + 1), false))
        setCurrentUpstream(row + 1);
}

void UpstreamEditor::chooseCaFile()
{
    auto* dialog = new QFileDialog(this, tr("Load CA certificate"), QString(),
                                   tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    dialog->setObjectName(QStringLiteral("caFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &UpstreamEditor::loadCaFromFile);
    dialog->open();
}

bool UpstreamEditor::loadCaFromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        emit message(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    // A CA bundle is a few KiB; anything this large is the wrong file.
    if (file.size() > kMaxCaFileBytes) {
        emit message(tr("%1 is too large for a CA certificate file").arg(path));
        return false;
    }
    const QString pem = QString::fromUtf8(file.readAll());
    return pushEdit(edit::setUpstreamCaPem(ns(), currentUpstream(), optionalText(pem)), false);
}

bool UpstreamEditor::eventFilter(QObject* watched, QEvent* event)
{
    // Leaving a field ends its typing run: coming back later is a new undo step.
    EditorDocument* document = m_document;
    if (event->type() == QEvent::FocusOut && document)
        document->sealEdits();
    return QWidget::eventFilter(watched, event);
}

} // namespace nsgate::ui
