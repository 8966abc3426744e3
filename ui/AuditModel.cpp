#include "ui/AuditModel.h"

#include "core/client/LogIngest.h"
#include "core/client/MessageText.h"

#include <QDateTime>
#include <QLocale>

namespace nsgate::ui {

namespace {

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString text(const std::string& s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString text(const std::optional<std::string>& s)
{
    return s ? QString::fromStdString(*s) : QString();
}

} // namespace

AuditModel::AuditModel(QObject* parent) : QAbstractTableModel(parent) {}

void AuditModel::setIngest(client::LogIngest* ingest)
{
    if (!ingest) {
        m_reader = nullptr;
        return;
    }
    QPointer<client::LogIngest> guard(ingest);
    m_reader = [guard](const store::EventFilter& filter, QObject* context, std::function<void(Page)> done) {
        if (!guard) {
            done(Page{{}, tr("The local log store is closed.")});
            return;
        }
        guard->read<Page>(
            context,
            [filter](store::LogStore* s) {
                Page page;
                if (!s) {
                    page.error = tr("The local log store could not be opened.");
                    return page;
                }
                auto read = s->queryEvents(filter, [&](const store::StoredEvent& row) {
                    page.rows.push_back(row);
                    return true;
                });
                if (!read)
                    page.error = client::translated(read.error());
                return page;
            },
            std::move(done));
    };
}

void AuditModel::setFilter(store::EventFilter filter)
{
    filter.newestFirst = true;
    filter.after.reset();
    m_filter = std::move(filter);
    m_active = true;
    refresh();
}

void AuditModel::refresh()
{
    if (!m_active)
        return;
    // Answers for the previous query die with their context.
    delete m_context;
    m_context = new QObject(this);
    setLoading(false);
    beginResetModel();
    m_rows.clear();
    m_complete = false;
    m_error.clear();
    endResetModel();
    // A view (or the model tester) reacting to the reset may already have
    // asked for the first page through fetchMore().
    if (!m_loading)
        readPage();
}

void AuditModel::setProxyNames(QHash<QString, QString> names)
{
    m_names = std::move(names);
    if (!m_rows.empty())
        emit dataChanged(index(0, Proxy), index(int(m_rows.size()) - 1, Proxy), {Qt::DisplayRole});
}

bool AuditModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_active && !m_loading && !m_complete && m_error.isEmpty() && m_reader;
}

void AuditModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        readPage();
}

void AuditModel::readPage()
{
    if (m_loading)
        return;   // one page at a time: the next one starts after this one's last row
    if (!m_reader) {
        m_error = tr("No local log store.");
        emit pageLoaded(0);
        return;
    }
    store::EventFilter page = m_filter;
    page.limit = std::size_t(m_pageSize);
    if (!m_rows.empty())
        page.after = store::EventFilter::Key{m_rows.back().event.timeMs, m_rows.back().rowId};
    setLoading(true);
    const std::size_t base = m_rows.size();
    m_reader(page, m_context, [this, base](Page result) {
        // Rows go in before the loading flag drops: a view that asks for more
        // while it handles the insertion must continue after these rows.
        if (!result.error.isEmpty()) {
            m_error = result.error;
        } else if (base == m_rows.size()) {
            const int count = int(result.rows.size());
            m_complete = count < m_pageSize;
            if (count > 0) {
                beginInsertRows({}, int(base), int(base) + count - 1);
                m_rows.insert(m_rows.end(), std::make_move_iterator(result.rows.begin()),
                              std::make_move_iterator(result.rows.end()));
                endInsertRows();
            }
        }
        setLoading(false);
        emit pageLoaded(int(m_rows.size() - base));
    });
}

void AuditModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

int AuditModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = m_rows.at(std::size_t(index.row()));
    const auto& e = row.event;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Status || index.column() == Bytes ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                   : QVariant();
    if (role == Qt::ToolTipRole) {
        if (index.column() == Namespace && e.detail)
            return QString::fromStdString(*e.detail);
        if (index.column() == Digest)
            return text(e.digest);
        if (index.column() == Time)
            return QString::fromStdString(model::formatTime(e.timeMs));
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return QDateTime::fromMSecsSinceEpoch(e.timeMs).toLocalTime().toString("yyyy-MM-dd HH:mm:ss.zzz");
    case Proxy:
        return m_names.value(QString::fromStdString(row.instanceId), QString::fromStdString(row.instanceId));
    case Method:
        return text(e.method);
    case Object:
        return text(model::toString(e.object));
    case Namespace:
        // Both when they differ: what was asked for and what answered.
        if (e.requestedNs && e.servedNs && *e.requestedNs != *e.servedNs)
            return tr("%1 → %2").arg(text(e.requestedNs), text(e.servedNs));
        return e.servedNs ? text(e.servedNs) : text(e.requestedNs);
    case Repository:
        return text(e.repository);
    case Reference:
        return text(e.reference);
    case Digest:
        // sha256: and the first 12 hex digits, as registries' UIs shorten them.
        return e.digest ? text(std::string_view(*e.digest).substr(0, 19)) : QString();
    case Cache:
        return e.cache == model::CacheResult::None ? QString() : text(model::toString(e.cache));
    case Mismatch:
        return e.mismatch == model::Mismatch::None ? QString() : text(model::toString(e.mismatch));
    case Decision:
        return text(model::toString(e.decision));
    case Status:
        return e.status;
    case Bytes:
        return QLocale().formattedDataSize(e.bytes);
    case Upstream:
        return text(e.upstream);
    case Client:
        return text(e.client);
    case UserAgent:
        return text(e.userAgent);
    default:
        return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Proxy: return tr("Proxy");
    case Method: return tr("Method");
    case Object: return tr("Object");
    case Namespace: return tr("Namespace");
    case Repository: return tr("Repository");
    case Reference: return tr("Reference");
    case Digest: return tr("Digest");
    case Cache: return tr("Cache");
    case Mismatch: return tr("Mismatch");
    case Decision: return tr("Decision");
    case Status: return tr("Status");
    case Bytes: return tr("Bytes");
    case Upstream: return tr("Upstream");
    case Client: return tr("Client");
    case UserAgent: return tr("User agent");
    default: return {};
    }
}

} // namespace nsgate::ui
