#include "core/client/EventExportJob.h"

#include <QSaveFile>
#include <QThread>

#include <chrono>
#include <sstream>

namespace nsgate::client {

namespace {

// The time of the first matching event in the given order, if any.
Result<std::optional<std::int64_t>> edgeTime(store::LogStore& s, store::EventFilter filter, bool newestFirst)
{
    filter.newestFirst = newestFirst;
    filter.limit = 1;
    filter.after.reset();
    std::optional<std::int64_t> time;
    auto done = s.queryEvents(filter, [&](const store::StoredEvent& row) {
        time = row.event.timeMs;
        return false;
    });
    if (!done)
        return done.error();
    return time;
}

} // namespace

EventExportJob::EventExportJob(Options options, QObject* parent) : QObject(parent), m_options(std::move(options))
{
    m_options.filter.newestFirst = false;   // the file reads like a log: oldest first, as nsgatectl writes it
    m_options.filter.limit = 0;
    m_options.filter.after.reset();
}

EventExportJob::~EventExportJob()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void EventExportJob::start()
{
    if (m_running.exchange(true))
        return;
    m_cancel = false;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName("eventExport");
    m_thread->start();
}

void EventExportJob::cancel()
{
    m_cancel = true;
}

void EventExportJob::run()
{
    qint64 rows = 0;
    const auto finish = [&](Outcome outcome, const QString& error) {
        m_running = false;
        emit finished(outcome, rows, error);
    };

    store::LogStoreOptions storeOptions;
    storeOptions.database.create = false;
    auto store = store::LogStore::open(m_options.storePath.toStdString(), storeOptions);
    if (!store)
        return finish(Outcome::Failed, QString::fromStdString(store.error().message));
    auto first = edgeTime(*store, m_options.filter, false);
    auto last = first ? edgeTime(*store, m_options.filter, true) : first;
    if (!first || !last)
        return finish(Outcome::Failed, QString::fromStdString((!first ? first : last).error().message));

    QSaveFile file(m_options.destination);
    if (!file.open(QIODevice::WriteOnly))
        return finish(Outcome::Failed, tr("Cannot write %1: %2").arg(m_options.destination, file.errorString()));

    // Rows are formatted into a buffer and written in chunks: one QSaveFile
    // write per row would cost more than formatting it.
    std::ostringstream buffer;
    const auto flush = [&] {
        const std::string chunk = std::move(buffer).str();
        buffer.str({});
        return file.write(chunk.data(), qint64(chunk.size())) == qint64(chunk.size());
    };
    const bool csv = m_options.format == model::EventExportFormat::Csv;
    if (csv)
        model::writeEventCsvHeader(buffer);

    using Clock = std::chrono::steady_clock;
    auto nextReport = Clock::now();
    const std::int64_t from = first->value_or(0);
    const std::int64_t span = std::max<std::int64_t>(1, last->value_or(0) - from);
    bool writeFailed = false;
    auto done = store->queryEvents(m_options.filter, [&](const store::StoredEvent& row) {
        if (m_cancel.load())
            return false;
        if (csv)
            model::writeEventCsvRow(buffer, row.instanceId, row.event);
        else
            model::writeEventJsonLine(buffer, row.instanceId, row.event);
        ++rows;
        if (buffer.tellp() >= (1 << 20) && !flush()) {
            writeFailed = true;
            return false;
        }
        if (const auto now = Clock::now(); now >= nextReport) {
            nextReport = now + std::chrono::milliseconds(100);
            const auto permille = int(std::clamp<std::int64_t>((row.event.timeMs - from) * 1000 / span, 0, 999));
            emit progress(rows, permille);
        }
        return true;
    });
    if (m_cancel.load()) {
        file.cancelWriting();
        return finish(Outcome::Cancelled, {});
    }
    if (!done) {
        file.cancelWriting();
        return finish(Outcome::Failed, QString::fromStdString(done.error().message));
    }
    if (writeFailed || !flush() || !file.commit())
        return finish(Outcome::Failed, tr("Cannot write %1: %2").arg(m_options.destination, file.errorString()));
    emit progress(rows, 1000);
    finish(Outcome::Written, {});
}

} // namespace nsgate::client
