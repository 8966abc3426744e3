#pragma once

// Afterwards, exactly: which upstream served which digest to whom and when.
// The page queries the local log store (never the proxies) with filters on
// every field an audit asks about, lists the matches newest first and pages
// in more as the operator scrolls (AuditModel, fetchMore). Selecting an event
// shows all of its fields; "Who served" lists every upstream that ever served
// a digest (LogStore::whoServedDigest). The listed result can be exported to
// CSV or JSON Lines (EventExportJob: own thread, progress, cancel, nothing
// written unless complete).
//
// Filters are exact matches, checked before they run: a repository, digest,
// reference or namespace that cannot exist is an error naming the field, not
// an empty result that looks like "never happened".

#include "core/client/EventExportJob.h"
#include "core/store/LogStore.h"
#include "ui/PageDialogs.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressDialog;
class QPushButton;
class QTableView;

namespace nsgate::client {
class LogIngest;
}

namespace nsgate::ui {

class AuditModel;
class DigestServersModel;

class AuditPage : public QWidget
{
    Q_OBJECT

public:
    enum Range { LastHour, LastDay, LastWeek, LastMonth, AllTime, Custom };
    Q_ENUM(Range)

    explicit AuditPage(QWidget* parent = nullptr);
    ~AuditPage() override;

    void setIngest(client::LogIngest* ingest);
    // Milliseconds since the epoch; injected by tests.
    void setClock(std::function<qint64()> now) { m_now = std::move(now); }
    void setChooseSaveFileFn(ChooseSaveFileFn choose) { m_chooseSaveFile = std::move(choose); }

    AuditModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    DigestServersModel* digestServers() const { return m_servers; }
    // The running or last export (nullptr before the first).
    client::EventExportJob* exportJob() const { return m_job; }

    // The filter the widgets describe, or an error naming the field.
    Result<store::EventFilter> filterFromInputs() const;
    // The event shown in the details pane, as text (empty: none selected).
    QString detailsText() const;

public slots:
    // Runs the query the filter widgets describe (or shows why it cannot).
    void search();
    void clearFilters();
    // Lists every upstream that served `digest` (the digest field next to the list).
    void showWhoServed(const QString& digest);
    void exportResult(model::EventExportFormat format);
    // Re-reads the proxy list (names and the proxy filter's choices) from the store.
    void refreshProxies();

signals:
    void digestServersShown();
    // A job was made and is about to start (connect to it here to see all of its reports).
    void exportStarting(nsgate::client::EventExportJob* job);
    void exportFinished(nsgate::client::EventExportJob::Outcome outcome, qint64 rows, const QString& error);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildUi();
    void rangeChanged();
    void selectionChanged();
    void updateStatus();
    void exportDone(client::EventExportJob::Outcome outcome, qint64 rows, const QString& error);
    qint64 now() const;

    QPointer<client::LogIngest> m_ingest;
    AuditModel* m_model = nullptr;
    DigestServersModel* m_servers = nullptr;
    client::EventExportJob* m_job = nullptr;
    QProgressDialog* m_progress = nullptr;
    std::function<qint64()> m_now;
    ChooseSaveFileFn m_chooseSaveFile;
    QObject* m_whoContext = nullptr;   // parent of the who-served read in flight
    bool m_searched = false;

    QComboBox* m_range = nullptr;
    QDateTimeEdit* m_since = nullptr;
    QDateTimeEdit* m_until = nullptr;
    QComboBox* m_proxy = nullptr;
    QComboBox* m_cache = nullptr;
    QComboBox* m_mismatch = nullptr;
    QComboBox* m_decision = nullptr;
    QLineEdit* m_namespace = nullptr;
    QLineEdit* m_repository = nullptr;
    QLineEdit* m_reference = nullptr;
    QLineEdit* m_digest = nullptr;
    QLineEdit* m_upstream = nullptr;
    QLineEdit* m_client = nullptr;
    QLineEdit* m_userAgent = nullptr;
    QLabel* m_filterError = nullptr;
    QLabel* m_status = nullptr;
    QTableView* m_view = nullptr;
    QPlainTextEdit* m_details = nullptr;
    QLineEdit* m_whoDigest = nullptr;
    QPushButton* m_whoButton = nullptr;
    QLabel* m_whoStatus = nullptr;
    QTableView* m_whoView = nullptr;
    QPushButton* m_exportCsv = nullptr;
    QPushButton* m_exportJson = nullptr;
};

} // namespace nsgate::ui
