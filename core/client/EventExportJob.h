#pragma once

// Writes the events of the local log store that match a filter to a file, as
// CSV or JSON Lines (core/model/EventExport.h: the same bytes as `nsgatectl
// log export` with the same filter), on its own thread with its own SQLite
// connection, so neither the GUI nor the ingest worker waits for a export of
// millions of rows.
//
// The file is written through QSaveFile: until the last row is written and
// committed the destination is untouched, so a cancelled or failed export
// leaves no partial file and never damages the one it would have replaced.
//
// Progress is the position in time of the current row between the first and
// the last matching event (two indexed lookups), which needs no COUNT(*) over
// millions of rows; rows written so far are reported too.

#include "core/model/EventExport.h"
#include "core/store/LogStore.h"

#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace nsgate::client {

class EventExportJob : public QObject
{
    Q_OBJECT

public:
    enum class Outcome { Written, Cancelled, Failed };
    Q_ENUM(Outcome)

    struct Options
    {
        QString storePath;                     // the log store (must exist)
        store::EventFilter filter;             // order and limit are the job's: oldest first, all rows
        model::EventExportFormat format = model::EventExportFormat::Csv;
        QString destination;                   // file to write (replaced on success)
    };

    explicit EventExportJob(Options options, QObject* parent = nullptr);
    // Cancels a running export and waits for its thread.
    ~EventExportJob() override;

    void start();
    // Thread-safe; the export stops at the next row and writes nothing.
    void cancel();
    bool isRunning() const { return m_running.load(); }
    const Options& options() const { return m_options; }

signals:
    // Emitted from the export thread (queued to receivers elsewhere), at most
    // every 100 ms and once at 1000 before finished(): rows written so far and
    // progress in permille.
    void progress(qint64 rows, int permille);
    // Emitted from the export thread once, after the file was committed
    // (Written) or discarded (Cancelled, Failed with `error`).
    void finished(nsgate::client::EventExportJob::Outcome outcome, qint64 rows, const QString& error);

private:
    void run();

    Options m_options;
    QThread* m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
};

} // namespace nsgate::client
