#pragma once

// The Audit page's result list: the stored events matching a filter, newest
// first, paged in from the local log store with fetchMore() (keyset paging,
// so page 500 costs what page 1 costs). Pages are read on the ingest worker
// through a Reader, never on the GUI thread; one read is in flight at a time
// and a new filter discards the answer of an older one.

#include "core/store/LogStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <functional>
#include <vector>

namespace nsgate::client {
class LogIngest;
}

namespace nsgate::ui {

class AuditModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Time,
        Proxy,
        Method,
        Object,
        Namespace,
        Repository,
        Reference,
        Digest,
        Cache,
        Mismatch,
        Decision,
        Status,
        Bytes,
        Upstream,
        Client,
        UserAgent,
        ColumnCount
    };
    Q_ENUM(Column)

    struct Page
    {
        std::vector<store::StoredEvent> rows;
        QString error;   // empty: the read succeeded
    };
    // Reads one page for `filter` (its limit and `after` are set) and calls
    // `done` on the GUI thread, unless `context` died first.
    using Reader = std::function<void(const store::EventFilter& filter, QObject* context,
                                      std::function<void(Page)> done)>;

    explicit AuditModel(QObject* parent = nullptr);

    // Reads through the ingest worker's store.
    void setIngest(client::LogIngest* ingest);
    void setReader(Reader reader) { m_reader = std::move(reader); }
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    int pageSize() const { return m_pageSize; }

    // Starts a new query: the list empties and the first page is read.
    void setFilter(store::EventFilter filter);
    const store::EventFilter& filter() const { return m_filter; }
    // Runs the current query again from the top (new events are newest: they
    // come first).
    void refresh();

    const store::StoredEvent& eventAt(int row) const { return m_rows.at(std::size_t(row)); }
    bool isLoading() const { return m_loading; }
    // True once a page came back shorter than the page size: every match is listed.
    bool isComplete() const { return m_complete; }
    QString lastError() const { return m_error; }
    // The proxy column shows this name instead of the instanceId.
    void setProxyNames(QHash<QString, QString> names);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    // A page arrived (or failed: see lastError()).
    void pageLoaded(int rows);
    void loadingChanged(bool loading);

private:
    void readPage();
    void setLoading(bool loading);

    Reader m_reader;
    store::EventFilter m_filter;
    std::vector<store::StoredEvent> m_rows;
    QHash<QString, QString> m_names;
    QObject* m_context = nullptr;   // parent of the read in flight; replaced by a new query
    int m_pageSize = 200;
    bool m_active = false;          // a filter was set
    bool m_loading = false;
    bool m_complete = false;
    QString m_error;
};

} // namespace nsgate::ui
