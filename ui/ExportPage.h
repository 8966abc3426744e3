#pragma once

// Client configuration for the nodes, from the map being edited: the same
// exporters and the same atomic writes as `nsgatectl export`, so a folder
// saved here is byte for byte what the command line writes for the same
// options. The preview follows every option and document change (debounced).
// "Import hosts.toml tree" goes the other way: an existing certs.d directory
// becomes a draft map, read on a worker thread because such trees can hold
// thousands of files on slow (network) file systems.

#include "core/export/ContainerdImporter.h"
#include "core/export/ExportTypes.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"
#include "ui/ExportSettings.h"
#include "ui/PageDialogs.h"

#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace nsgate::client {
class ProxyConnection;
}

namespace nsgate::ui {

class EditorDocument;

class ExportPage : public QWidget
{
    Q_OBJECT

public:
    explicit ExportPage(QWidget* parent = nullptr);
    ~ExportPage() override;

    // The selected proxy (nullptr = none): its profile's registry URL is the
    // default proxy URL.
    void setProxy(client::ProxyConnection* proxy);
    // The map to export: the document's current(), previewed again after
    // every change. Replaces a config given with setConfig().
    void setDocument(EditorDocument* document);

    // Narrower forms of the two above (tests, or no document yet).
    // A fixed map to export; clears the document.
    void setConfig(const model::MirrorConfig& config);
    // The proxy's registry URL as clients reach it; fills the proxy URL field
    // unless the operator typed their own there.
    void setDefaultProxyUrl(const QUrl& registryUrl);
    // The map exported: the document's current() or the config set.
    const model::MirrorConfig& config() const;

    ExportSettings settings() const;
    void setSettings(const ExportSettings& settings);

    // The preview after the last recomputation: files, or the exporter's error.
    const std::optional<exporters::ExportResult>& preview() const { return m_preview; }
    QString previewError() const { return m_previewError; }
    // Recomputes at once instead of after the debounce delay.
    void updatePreviewNow();

    // Seams for tests: the folder picker and the overwrite question.
    void setChooseDirectoryFn(ChooseDirectoryFn choose) { m_chooseDirectory = std::move(choose); }
    void setConfirmFn(ConfirmFn confirm) { m_confirm = std::move(confirm); }

    bool isImporting() const { return m_importRun != 0; }

public slots:
    void saveToFolder(); // asks for a folder, then saveToDirectory()
    void saveToDirectory(const QString& directory);
    void importTree(); // asks for a folder, then importFromDirectory()
    void importFromDirectory(const QString& directory);
    void cancelImport();

signals:
    void previewUpdated();
    // After files were written; paths relative to `directory`.
    void exported(QString directory, QStringList files);
    // An imported certs.d tree as a draft for the editor, with what could not
    // be mapped ("<dir>/hosts.toml#/pointer: why").
    void importedDraft(nsgate::model::MirrorConfig draft, QStringList notMapped);
    void importFailed(QString message);

private:
    void schedulePreview();
    void updateOptionRows();
    void showSelectedFile();
    void writeFiles(const QString& directory, const exporters::ExportResult& result);
    void finishImport(quint64 run, const QString& directory, const Result<exporters::ImportResult>& outcome);
    void setStatus(const QString& text);

    QPointer<client::ProxyConnection> m_proxy;
    QPointer<EditorDocument> m_document;
    model::MirrorConfig m_config;
    bool m_configValid = true; // of the config the preview was made from
    std::optional<exporters::ExportResult> m_preview;
    QString m_previewError;
    QTimer m_debounce;
    bool m_proxyUrlEdited = false;
    quint64 m_importRun = 0; // id of the import in flight, 0 when none
    quint64 m_nextImportRun = 0;
    ChooseDirectoryFn m_chooseDirectory;
    ConfirmFn m_confirm;

    QComboBox* m_format = nullptr;
    QFormLayout* m_options = nullptr;
    QLineEdit* m_proxyUrl = nullptr;
    QComboBox* m_version = nullptr;
    QComboBox* m_fallback = nullptr;
    QLineEdit* m_caPath = nullptr;
    QCheckBox* m_skipVerify = nullptr;
    QCheckBox* m_includeDefault = nullptr;
    QListWidget* m_files = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QListWidget* m_warnings = nullptr;
    QLabel* m_warningsLabel = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_import = nullptr;
    QPushButton* m_cancelImport = nullptr;
    QListWidget* m_notMapped = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace nsgate::ui
