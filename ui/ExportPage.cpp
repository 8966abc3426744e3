#include "ui/ExportPage.h"

#include "ui/StatusColors.h"
#include "core/client/MessageText.h"
#include "core/client/ProxyConnection.h"
#include "core/export/AtomicFile.h"
#include "core/model/ConfigValidator.h"
#include "ui/EditorDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QThread>
#include <QVBoxLayout>
#include <filesystem>
#include <memory>

namespace nsgate::ui {

namespace {

// "http://host:5000/" and "http://host:5000" are one registry; show the
// short form (StripTrailingSlash keeps a lone "/").
QString urlText(QUrl url)
{
    if (url.path() == QLatin1String("/"))
        url.setPath({});
    return url.toString(QUrl::StripTrailingSlash);
}

using Format = ExportSettings::Format;

// Core's message in the console's language; the detail is a library's text.
QString shownError(const Error& error)
{
    QString text = client::translated(error);
    if (!error.detail.empty())
        text += QStringLiteral(" (%1)").arg(QString::fromStdString(error.detail));
    return text;
}

std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

} // namespace

ExportPage::ExportPage(QWidget* parent)
    : QWidget(parent), m_chooseDirectory(&openDirectoryDialog), m_confirm(&openConfirmation)
{
    setObjectName(QStringLiteral("exportPage"));

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    // Item data are nsgatectl's format names, so the two read alike.
    m_format->addItem(tr("containerd hosts.toml (certs.d tree)"), QStringLiteral("containerd"));
    m_format->addItem(tr("containers registries.conf (podman, skopeo, CRI-O)"),
                      QStringLiteral("registries-conf"));
    m_format->addItem(tr("k3s / rke2 registries.yaml"), QStringLiteral("k3s"));
    m_format->addItem(tr("Docker daemon.json (Docker Hub only)"), QStringLiteral("docker"));

    m_proxyUrl = new QLineEdit(this);
    m_proxyUrl->setObjectName(QStringLiteral("exportProxyUrl"));
    m_proxyUrl->setPlaceholderText(tr("http://mirror.lan:5000"));
    m_proxyUrl->setToolTip(tr("The proxy's registry URL as the nodes reach it"));

    m_version = new QComboBox(this);
    m_version->setObjectName(QStringLiteral("exportContainerdVersion"));
    m_version->addItem(tr("1.6 (_default needs 1.6.17)"), QStringLiteral("1.6"));
    m_version->addItem(tr("1.7"), QStringLiteral("1.7"));
    m_version->addItem(tr("2.0"), QStringLiteral("2.0"));
    m_version->addItem(tr("2.1 or later (dial_timeout)"), QStringLiteral("2.1"));
    m_version->setCurrentIndex(1); // nsgatectl's default

    m_fallback = new QComboBox(this);
    m_fallback->setObjectName(QStringLiteral("exportFallback"));
    m_fallback->addItem(tr("the registry itself (origin)"), QStringLiteral("origin"));
    m_fallback->addItem(tr("the namespace's first upstream"), QStringLiteral("upstream"));
    m_fallback->addItem(tr("none: failures stay failures"), QStringLiteral("none"));
    m_fallback->setToolTip(tr("Where containerd pulls from when the proxy fails or answers 404"));

    m_caPath = new QLineEdit(this);
    m_caPath->setObjectName(QStringLiteral("exportCaPath"));
    m_caPath->setPlaceholderText(tr("e.g. /etc/ssl/nsgate-ca.pem (a path on the nodes)"));
    m_skipVerify = new QCheckBox(tr("Do not verify the proxy's TLS certificate"), this);
    m_skipVerify->setObjectName(QStringLiteral("exportSkipVerify"));
    m_includeDefault = new QCheckBox(this);
    m_includeDefault->setObjectName(QStringLiteral("exportIncludeDefault"));

    m_options = new QFormLayout;
    m_options->addRow(tr("&Format:"), m_format);
    m_options->addRow(tr("&Proxy URL:"), m_proxyUrl);
    m_options->addRow(tr("&containerd version:"), m_version);
    m_options->addRow(tr("Fall&back:"), m_fallback);
    m_options->addRow(tr("CA &file on nodes:"), m_caPath);
    m_options->addRow(QString(), m_skipVerify);
    m_options->addRow(QString(), m_includeDefault);

    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("exportPreviewFiles"));
    m_files->setAccessibleName(tr("Files to write"));
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("exportPreviewText"));
    m_text->setAccessibleName(tr("Content of the selected file"));
    m_text->setReadOnly(true);
    m_text->setTabChangesFocus(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("exportPreviewSplitter"));
    splitter->addWidget(m_files);
    splitter->addWidget(m_text);
    splitter->setStretchFactor(1, 3);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("exportError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorLabelStyle());
    m_error->hide();
    m_warnings = new QListWidget(this);
    m_warnings->setObjectName(QStringLiteral("exportWarnings"));
    m_warnings->setAccessibleName(tr("Export warnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setMaximumHeight(110);

    m_save = new QPushButton(tr("&Save to folder…"), this);
    m_save->setObjectName(QStringLiteral("saveExportButton"));
    m_import = new QPushButton(tr("&Import hosts.toml tree…"), this);
    m_import->setObjectName(QStringLiteral("importTreeButton"));
    m_import->setToolTip(tr("Read an existing containerd certs.d directory into a draft map for the editor"));
    m_cancelImport = new QPushButton(tr("Cancel import"), this);
    m_cancelImport->setObjectName(QStringLiteral("cancelImportButton"));
    m_cancelImport->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_import);
    buttons->addWidget(m_cancelImport);
    buttons->addWidget(m_status, 1);

    m_notMapped = new QListWidget(this);
    m_notMapped->setObjectName(QStringLiteral("exportNotMapped"));
    m_notMapped->setAccessibleName(tr("Entries that could not be mapped"));
    m_notMapped->setWordWrap(true);
    m_notMapped->setMaximumHeight(110);
    m_notMapped->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_options);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);
    m_warningsLabel = new QLabel(tr("Warnings:"), this);
    layout->addWidget(m_warningsLabel);
    layout->addWidget(m_warnings);
    layout->addLayout(buttons);
    layout->addWidget(m_notMapped);

    // One recomputation per burst of typing: the containerd tree of a large
    // map is thousands of files.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &ExportPage::updatePreviewNow);

    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        updateOptionRows();
        schedulePreview();
    });
    connect(m_proxyUrl, &QLineEdit::textEdited, this,
            [this](const QString& text) { m_proxyUrlEdited = !text.isEmpty(); });
    for (auto* edit : {m_proxyUrl, m_caPath})
        connect(edit, &QLineEdit::textChanged, this, &ExportPage::schedulePreview);
    for (auto* combo : {m_version, m_fallback})
        connect(combo, &QComboBox::currentIndexChanged, this, &ExportPage::schedulePreview);
    for (auto* box : {m_skipVerify, m_includeDefault})
        connect(box, &QCheckBox::toggled, this, &ExportPage::schedulePreview);
    connect(m_files, &QListWidget::currentRowChanged, this, &ExportPage::showSelectedFile);
    connect(m_save, &QPushButton::clicked, this, &ExportPage::saveToFolder);
    connect(m_import, &QPushButton::clicked, this, &ExportPage::importTree);
    connect(m_cancelImport, &QPushButton::clicked, this, &ExportPage::cancelImport);

    updateOptionRows();
    updatePreviewNow();
}

ExportPage::~ExportPage() = default;

void ExportPage::setProxy(client::ProxyConnection* proxy)
{
    if (m_proxy)
        disconnect(m_proxy, nullptr, this, nullptr);
    m_proxy = proxy;
    if (!proxy)
        return;
    setDefaultProxyUrl(proxy->profile().registryUrl);
    connect(proxy, &client::ProxyConnection::profileChanged, this,
            [this] { setDefaultProxyUrl(m_proxy->profile().registryUrl); });
}

void ExportPage::setDocument(EditorDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document)
        connect(document, &EditorDocument::changed, this, &ExportPage::schedulePreview);
    schedulePreview();
}

void ExportPage::setConfig(const model::MirrorConfig& config)
{
    setDocument(nullptr);
    m_config = config;
    schedulePreview();
}

const model::MirrorConfig& ExportPage::config() const
{
    return m_document ? m_document->current() : m_config;
}

void ExportPage::setDefaultProxyUrl(const QUrl& registryUrl)
{
    if (m_proxyUrlEdited)
        return;
    m_proxyUrl->setText(registryUrl.isEmpty() ? QString() : urlText(registryUrl));
}

ExportSettings ExportPage::settings() const
{
    ExportSettings s;
    const QString format = m_format->currentData().toString();
    s.format = format == QLatin1String("registries-conf") ? Format::RegistriesConf
               : format == QLatin1String("k3s")           ? Format::K3s
               : format == QLatin1String("docker")        ? Format::Docker
                                                          : Format::Containerd;
    s.proxyUrl = m_proxyUrl->text().trimmed().toStdString();
    s.containerdVersion =
        exporters::containerdVersionFromString(m_version->currentData().toString().toStdString())
            .value_or(exporters::ContainerdVersion::V1_7);
    s.fallback = exporters::fallbackFromString(m_fallback->currentData().toString().toStdString())
                     .value_or(exporters::Fallback::Origin);
    s.includeDefault = m_includeDefault->isChecked();
    s.caPath = m_caPath->text().toStdString();
    s.skipVerify = m_skipVerify->isChecked();
    return s;
}

void ExportPage::setSettings(const ExportSettings& s)
{
    static const char* const kFormats[] = {"containerd", "registries-conf", "k3s", "docker"};
    m_format->setCurrentIndex(m_format->findData(QString::fromLatin1(kFormats[static_cast<int>(s.format)])));
    m_proxyUrl->setText(QString::fromStdString(s.proxyUrl));
    m_proxyUrlEdited = !s.proxyUrl.empty();
    m_version->setCurrentIndex(
        m_version->findData(QString::fromLatin1(exporters::toString(s.containerdVersion).data())));
    m_fallback->setCurrentIndex(
        m_fallback->findData(QString::fromLatin1(exporters::toString(s.fallback).data())));
    m_includeDefault->setChecked(s.includeDefault);
    m_caPath->setText(QString::fromStdString(s.caPath));
    m_skipVerify->setChecked(s.skipVerify);
    schedulePreview();
}

void ExportPage::updateOptionRows()
{
    const Format format = settings().format;
    const bool containerd = format == Format::Containerd;
    const bool k3s = format == Format::K3s;
    m_options->setRowVisible(m_version, containerd);
    m_options->setRowVisible(m_fallback, containerd);
    m_options->setRowVisible(m_caPath, containerd || k3s);
    m_options->setRowVisible(m_skipVerify, format != Format::Docker);
    m_options->setRowVisible(m_includeDefault, containerd || k3s);
    m_includeDefault->setText(
        k3s ? tr("Add the \"*\" mirror: every other registry through the proxy too")
            : tr("Write _default/hosts.toml: every other registry through the proxy too"));
    m_skipVerify->setToolTip(format == Format::RegistriesConf
                                 ? tr("registries.conf marks the proxy insecure: set for plain HTTP anyway")
                                 : QString());
}

void ExportPage::schedulePreview()
{
    m_debounce.start();
}

void ExportPage::updatePreviewNow()
{
    m_debounce.stop();
    const QString keep = m_files->currentItem() ? m_files->currentItem()->text() : QString();
    const ExportSettings s = settings();
    m_files->clear();
    m_warnings->clear();
    m_preview.reset();
    m_previewError.clear();
    // nsgatectl refuses to export a config that does not validate; the page
    // previews it anyway (it is being edited) but will not save it. Checked
    // here, once per debounce, rather than on every keystroke.
    m_configValid = model::validateConfig(config()).empty();
    if (s.proxyUrl.empty()) {
        m_previewError = tr("Enter the proxy's registry URL as the nodes reach it.");
    } else if (auto result = runExport(config(), s)) {
        m_preview = std::move(result).value();
    } else {
        m_previewError = shownError(result.error());
    }
    if (!m_configValid)
        m_warnings->addItem(tr("The map does not validate: fix it in the editor before saving the export."));
    int select = 0;
    if (m_preview) {
        for (const auto& w : m_preview->warnings)
            m_warnings->addItem(client::translated(w));
        for (const auto& f : m_preview->files) {
            const QString path = QString::fromStdString(f.relativePath);
            if (path == keep)
                select = m_files->count();
            m_files->addItem(path);
        }
    }
    // An empty warnings box would only take room from the preview.
    m_warningsLabel->setVisible(m_warnings->count() > 0);
    m_warnings->setVisible(m_warnings->count() > 0);
    m_error->setText(m_previewError);
    m_error->setVisible(!m_previewError.isEmpty());
    if (m_files->count() > 0)
        m_files->setCurrentRow(select);
    showSelectedFile();
    m_save->setEnabled(m_preview && !m_preview->files.empty() && m_configValid);
    emit previewUpdated();
}

void ExportPage::showSelectedFile()
{
    const int row = m_files->currentRow();
    if (!m_preview || row < 0 || static_cast<std::size_t>(row) >= m_preview->files.size()) {
        m_text->clear();
        return;
    }
    m_text->setPlainText(QString::fromStdString(m_preview->files[static_cast<std::size_t>(row)].content));
}

void ExportPage::setStatus(const QString& text)
{
    m_status->setText(text);
}

void ExportPage::saveToFolder()
{
    if (m_debounce.isActive())
        updatePreviewNow();
    if (!m_preview || m_preview->files.empty() || !m_configValid)
        return;
    QPointer<ExportPage> self(this);
    m_chooseDirectory(this, tr("Save export to folder"), [self](QString directory) {
        if (self && !directory.isEmpty())
            self->saveToDirectory(directory);
    });
}

void ExportPage::saveToDirectory(const QString& directory)
{
    // Write what the options say now, not what they said 150 ms ago.
    if (m_debounce.isActive())
        updatePreviewNow();
    if (!m_preview || m_preview->files.empty() || !m_configValid) {
        setStatus(m_previewError.isEmpty() ? tr("Nothing to save.") : m_previewError);
        return;
    }
    // Like `nsgatectl export` without --force, look before writing anything:
    // a declined overwrite must leave the folder exactly as it was.
    QStringList existing;
    const auto dir = toPath(directory);
    for (const auto& file : m_preview->files) {
        std::error_code ec;
        if (std::filesystem::exists(dir / file.relativePath, ec))
            existing << QString::fromStdString(file.relativePath);
    }
    const exporters::ExportResult result = *m_preview; // what the operator confirms is what is written
    if (existing.isEmpty())
        return writeFiles(directory, result);
    constexpr int kListed = 10;
    QString names = existing.mid(0, kListed).join(QLatin1Char('\n'));
    if (existing.size() > kListed)
        names +=
            QLatin1Char('\n') + tr("… and %n more", nullptr, static_cast<int>(existing.size() - kListed));
    QPointer<ExportPage> self(this);
    m_confirm(
        this, tr("Overwrite files"),
        tr("%n file(s) in %1 already exist and will be replaced:", nullptr, static_cast<int>(existing.size()))
                .arg(directory) +
            QLatin1Char('\n') + names,
        [self, directory, result](bool yes) {
            if (!self)
                return;
            if (yes)
                self->writeFiles(directory, result);
            else
                self->setStatus(tr("Nothing was written."));
        });
}

// A handful of small files: written on the GUI thread, each atomically with
// the code nsgatectl uses.
void ExportPage::writeFiles(const QString& directory, const exporters::ExportResult& result)
{
    const auto dir = toPath(directory);
    QStringList written;
    for (const auto& file : result.files) {
        if (auto ok = exporters::writeFileAtomically(dir / file.relativePath, file.content,
                                                     exporters::Overwrite::Allow);
            !ok) {
            setStatus(tr("Stopped after %n file(s): %1", nullptr, static_cast<int>(written.size()))
                          .arg(shownError(ok.error())));
            return;
        }
        written << QString::fromStdString(file.relativePath);
    }
    setStatus(tr("Wrote %n file(s) to %1.", nullptr, static_cast<int>(written.size())).arg(directory));
    emit exported(directory, written);
}

void ExportPage::importTree()
{
    if (m_importRun != 0)
        return;
    QPointer<ExportPage> self(this);
    m_chooseDirectory(this, tr("Import a containerd certs.d directory"), [self](QString directory) {
        if (self && !directory.isEmpty())
            self->importFromDirectory(directory);
    });
}

void ExportPage::importFromDirectory(const QString& directory)
{
    if (m_importRun != 0)
        return;
    const quint64 run = ++m_nextImportRun;
    m_importRun = run;
    m_import->setEnabled(false);
    m_cancelImport->show();
    setStatus(tr("Reading %1…").arg(directory));
    // The worker owns nothing of the page: it fills `outcome`, and the page
    // reads it when the thread's finished() arrives through the event loop
    // (which also orders the write before the read). If the page is gone by
    // then, the connection is gone with it and the thread just cleans up.
    auto outcome = std::make_shared<std::optional<Result<exporters::ImportResult>>>();
    QThread* thread = QThread::create([outcome, path = toPath(directory)] {
        try {
            outcome->emplace(exporters::importContainerdTree(path));
        } catch (const std::exception& e) {
            outcome->emplace(makeError(
                "import.dir",
                tr("cannot read \"%1\"").arg(QString::fromStdString(path.string())).toStdString(), e.what()));
        }
    });
    thread->setObjectName(QStringLiteral("hostsTomlImport"));
    connect(thread, &QThread::finished, this, [this, run, directory, outcome] {
        if (*outcome)
            finishImport(run, directory, **outcome);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start(QThread::LowPriority);
}

void ExportPage::cancelImport()
{
    if (m_importRun == 0)
        return;
    // The reader cannot be interrupted mid-file; its answer is simply ignored.
    m_importRun = 0;
    m_import->setEnabled(true);
    m_cancelImport->hide();
    setStatus(tr("Import cancelled."));
}

void ExportPage::finishImport(quint64 run, const QString& directory,
                              const Result<exporters::ImportResult>& outcome)
{
    if (run != m_importRun)
        return; // cancelled
    m_importRun = 0;
    m_import->setEnabled(true);
    m_cancelImport->hide();
    m_notMapped->clear();
    if (!outcome) {
        const QString message = shownError(outcome.error());
        setStatus(tr("Import failed: %1").arg(message));
        m_notMapped->hide();
        emit importFailed(message);
        return;
    }
    QStringList notMapped;
    for (const auto& issue : outcome->unmapped)
        notMapped << QStringLiteral("%1: %2").arg(QString::fromStdString(issue.pointer),
                                                  client::translated(issue));
    m_notMapped->addItems(notMapped);
    m_notMapped->setVisible(!notMapped.isEmpty());
    const int count = static_cast<int>(outcome->draft.namespaces.size());
    setStatus(notMapped.isEmpty()
                  ? tr("Imported %n namespace(s) from %1 into a draft.", nullptr, count).arg(directory)
                  : tr("Imported %n namespace(s) from %1 into a draft; not mapped:", nullptr, count)
                        .arg(directory));
    emit importedDraft(outcome->draft, notMapped);
}

} // namespace nsgate::ui
