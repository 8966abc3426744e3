#include "ui/LivePage.h"

#include "core/client/ProxyConnection.h"
#include "ui/LiveChart.h"
#include "ui/LiveTailModel.h"
#include "ui/TopListModels.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMetaEnum>
#include <QSplitter>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace nsgate::ui {

namespace {

constexpr qint64 kWindowMs[LivePage::WindowCount] = {5 * 60 * 1000, 60 * 60 * 1000, 24 * 60 * 60 * 1000};
const char* const kWindowNames[LivePage::WindowCount] = {"5m", "1h", "24h"};

// Rows per top list: enough to scroll, few enough to diff for free.
constexpr std::size_t kTopRows = 100;

QTableView* makeTopView(QWidget* parent, const char* name, QAbstractItemModel* model, int sortColumn)
{
    auto* sorted = new QSortFilterProxyModel(parent);
    sorted->setObjectName(QStringLiteral("%1Sorted").arg(QLatin1String(name)));
    sorted->setSourceModel(model);
    sorted->setSortRole(TopNamespacesModel::SortRole);
    auto* view = new QTableView(parent);
    view->setObjectName(QLatin1String(name));
    view->setTabKeyNavigation(false);   // Tab moves on; arrows move between cells
    view->setModel(sorted);
    view->setSortingEnabled(true);
    view->sortByColumn(sortColumn, Qt::DescendingOrder);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    return view;
}

struct Metric
{
    const char* name;
    const char* label;
    std::function<QString(const store::Counters&)> format;
};

QString number(std::int64_t n)
{
    return QLocale().toString(static_cast<qlonglong>(n));
}

QString bytes(std::int64_t n)
{
    return QLocale().formattedDataSize(n);
}

const QList<Metric>& metrics()
{
    static const QList<Metric> all = {
        {"requests", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Requests"),
         [](const store::Counters& c) { return number(c.requests); }},
        {"hitRatio", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Hit ratio"),
         [](const store::Counters& c) {
             const auto cached = c.hits + c.misses;
             return cached == 0 ? QStringLiteral("—")
                                : QLocale().toString(100.0 * double(c.hits) / double(cached), 'f', 1) + " %";
         }},
        {"hits", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Hits"),
         [](const store::Counters& c) { return number(c.hits); }},
        {"misses", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Misses"),
         [](const store::Counters& c) { return number(c.misses); }},
        {"mismatchMissing", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "No ns given"),
         [](const store::Counters& c) { return number(c.mismatchMissing); }},
        {"mismatchUnmapped", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Unmapped ns"),
         [](const store::Counters& c) { return number(c.mismatchUnmapped); }},
        {"mismatchConflict", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Conflicting ns"),
         [](const store::Counters& c) { return number(c.mismatchConflict); }},
        {"rejected", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Rejected"),
         [](const store::Counters& c) { return number(c.rejected); }},
        {"denied", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Denied"),
         [](const store::Counters& c) { return number(c.denied); }},
        {"failed", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Failed"),
         [](const store::Counters& c) { return number(c.failed); }},
        {"bytesServed", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Served"),
         [](const store::Counters& c) { return bytes(c.bytesServed); }},
        {"bytesFetched", QT_TRANSLATE_NOOP("nsgate::ui::LivePage", "Fetched upstream"),
         [](const store::Counters& c) { return bytes(c.bytesFetched); }},
    };
    return all;
}

// The quick filter over all columns plus the scope's proxy.
class TailFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setInstanceId(const QString& id)
    {
        if (id == m_instanceId)
            return;
        m_instanceId = id;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        if (!m_instanceId.isEmpty() &&
            sourceModel()->index(row, 0, parent).data(LiveTailModel::InstanceIdRole).toString() != m_instanceId)
            return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    QString m_instanceId;
};

} // namespace

LivePage::LivePage(QWidget* parent) : QWidget(parent), m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    setObjectName("livePage");

    m_scope = new QComboBox(this);
    m_scope->setObjectName("liveScope");
    m_scope->addItem(tr("Whole fleet"));
    m_scope->addItem(tr("This proxy"));
    m_syncState = new QLabel(this);
    m_syncState->setObjectName("liveSyncState");
    auto* top = new QHBoxLayout;
    auto* showLabel = new QLabel(tr("&Show:"), this);
    showLabel->setBuddy(m_scope);
    top->addWidget(showLabel);
    top->addWidget(m_scope);
    top->addStretch();
    top->addWidget(m_syncState);

    auto* grid = new QGridLayout;
    grid->setObjectName("liveCounters");
    const QString headers[WindowCount] = {tr("Last 5 min"), tr("Last hour"), tr("Last 24 h")};
    for (int w = 0; w < WindowCount; ++w) {
        auto* h = new QLabel(QStringLiteral("<b>%1</b>").arg(headers[w]), this);
        h->setAlignment(Qt::AlignRight);
        grid->addWidget(h, 0, w + 1);
    }
    const int counterWidth = fontMetrics().horizontalAdvance(QLocale().toString(999999999LL) + "0");
    int row = 1;
    for (const auto& m : metrics()) {
        grid->addWidget(new QLabel(tr(m.label), this), row, 0);
        std::array<QLabel*, WindowCount> labels{};
        for (int w = 0; w < WindowCount; ++w) {
            auto* l = new QLabel(this);
            l->setObjectName(QStringLiteral("counter_%1_%2").arg(QLatin1String(m.name), QLatin1String(kWindowNames[w])));
            l->setAlignment(Qt::AlignRight);
            // A fixed size, wide enough for ten digits: then a new text
            // invalidates no layout. Otherwise every refresh re-laid out the
            // whole page (10-40 ms a time at 20 k events/s, measured with
            // tests/bench/console_ingest_bench).
            l->setText(QStringLiteral("0"));
            l->setFixedSize(counterWidth, l->sizeHint().height());
            grid->addWidget(l, row, w + 1);
            labels[std::size_t(w)] = l;
        }
        m_labels << labels;
        ++row;
    }

    m_tail = new LiveTailModel(this);
    m_filter = new TailFilter(this);
    m_filter->setObjectName("liveTailFilter");
    m_filter->setSourceModel(m_tail);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view = new QTableView(this);
    m_view->setObjectName("liveTail");
    m_view->setAccessibleName(tr("Live tail"));
    m_view->setTabKeyNavigation(false);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);

    m_quickFilter = new QLineEdit(this);
    m_quickFilter->setObjectName("liveQuickFilter");
    m_quickFilter->setPlaceholderText(tr("Filter the tail (any column)"));
    m_quickFilter->setAccessibleName(tr("Filter the live tail"));
    m_quickFilter->setClearButtonEnabled(true);
    connect(m_quickFilter, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_filter->setFilterFixedString(text); });
    m_pause = new QToolButton(this);
    m_pause->setObjectName("livePauseButton");
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop adding events to the tail (they are still stored and counted)"));
    connect(m_pause, &QToolButton::toggled, this, [this](bool on) { m_pause->setText(on ? tr("Resume") : tr("Pause")); });
    auto* tailBar = new QHBoxLayout;
    tailBar->addWidget(new QLabel(tr("<b>Live tail</b>"), this));
    tailBar->addWidget(m_quickFilter, 1);
    tailBar->addWidget(m_pause);

    m_chart = new LiveChart(this);
    m_chart->setClock(m_now);
    // The bar above the tail comes before it in Tab order, as on screen (it
    // was made after it).
    QWidget::setTabOrder(m_pause, m_view);
    auto* counters = new QHBoxLayout;
    counters->addLayout(grid);
    counters->addWidget(m_chart, 1);

    m_topNamespaces = new TopNamespacesModel(this);
    m_topNamespaces->setObjectName("liveTopNamespacesModel");
    m_topRepositories = new TopRepositoriesModel(this);
    m_topRepositories->setObjectName("liveTopRepositoriesModel");
    m_topMismatchSources = new TopMismatchSourcesModel(this);
    m_topMismatchSources->setObjectName("liveTopMismatchSourcesModel");
    m_topWindow = new QComboBox(this);
    m_topWindow->setObjectName("liveTopWindow");
    m_topWindow->setAccessibleName(tr("Time window of the top lists"));
    m_topWindow->addItems({tr("Last 5 min"), tr("Last hour"), tr("Last 24 h")});
    m_topWindow->setCurrentIndex(OneHour);
    m_topsNote = new QLabel(this);
    m_topsNote->setObjectName("liveTopsNote");
    auto* topsBar = new QHBoxLayout;
    topsBar->addWidget(new QLabel(tr("<b>Top</b>"), this));
    topsBar->addWidget(m_topWindow);
    topsBar->addWidget(m_topsNote, 1);
    auto* tops = new QHBoxLayout;
    const auto topColumn = [this, tops](const QString& title, QTableView* view) {
        auto* box = new QVBoxLayout;
        auto* label = new QLabel(title, this);
        label->setBuddy(view);
        view->setAccessibleName(tr("Top %1").arg(title));
        box->addWidget(label);
        box->addWidget(view, 1);
        tops->addLayout(box, 1);
    };
    topColumn(tr("Namespaces"), makeTopView(this, "liveTopNamespaces", m_topNamespaces, TopNamespacesModel::Requests));
    topColumn(tr("Repositories"),
              makeTopView(this, "liveTopRepositories", m_topRepositories, TopRepositoriesModel::Requests));
    topColumn(tr("Mismatch sources"),
              makeTopView(this, "liveTopMismatchSources", m_topMismatchSources, TopMismatchSourcesModel::Count));
    m_topsTimer = new QTimer(this);
    m_topsTimer->setSingleShot(true);
    connect(m_topsTimer, &QTimer::timeout, this, &LivePage::refreshCounters);

    // Three bands the operator can trade height between.
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName("liveSplitter");
    splitter->setChildrenCollapsible(false);
    const auto band = [this, splitter](QLayout* content) {
        auto* w = new QWidget(this);
        content->setContentsMargins(0, 0, 0, 0);
        w->setLayout(content);
        splitter->addWidget(w);
    };
    band(counters);
    auto* topsBox = new QVBoxLayout;
    topsBox->addLayout(topsBar);
    topsBox->addLayout(tops, 1);
    band(topsBox);
    auto* tailBox = new QVBoxLayout;
    tailBox->addLayout(tailBar);
    tailBox->addWidget(m_view, 1);
    band(tailBox);
    splitter->setStretchFactor(2, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        static_cast<TailFilter*>(m_filter)->setInstanceId(scopeInstanceId());
        markTopsDue();
        refreshCounters();
    });
    connect(m_topWindow, &QComboBox::currentIndexChanged, this, [this] {
        markTopsDue();
        refreshCounters();
    });
    connect(m_chart, &LiveChart::rangeChanged, this, &LivePage::refreshCounters);
    connect(m_chart, &LiveChart::shown, this, &LivePage::chartShown);
    // The windows slide even when nothing arrives.
    m_slide = new QTimer(this);
    m_slide->setInterval(30000);
    connect(m_slide, &QTimer::timeout, this, &LivePage::refreshCounters);
    m_slide->start();
    showCounters();
    markTopsDue();
}

void LivePage::setIngest(client::LogIngest* ingest)
{
    if (auto* old = m_ingest.data())
        disconnect(old, nullptr, this, nullptr);
    m_ingest = ingest;
    if (ingest) {
        connect(ingest, &client::LogIngest::ingested, this, &LivePage::onIngested);
        connect(ingest, &client::LogIngest::syncStateChanged, this,
                [this](client::ProxyConnection* c, client::EventSync::State state) {
                    if (c == m_connection.data())
                        m_syncState->setText(
                            tr("Sync: %1").arg(QLatin1String(QMetaEnum::fromType<client::EventSync::State>().valueToKey(int(state)))));
                });
    }
    refreshCounters();
}

void LivePage::setProxy(client::ProxyConnection* connection)
{
    if (auto* old = m_connection.data())
        disconnect(old, nullptr, this, nullptr);
    m_connection = connection;
    auto update = [this] {
        auto* c = m_connection.data();
        const auto info = c ? c->info() : std::nullopt;
        if (info)
            m_tail->setProxyName(info->instanceId, c->profile().name);
        static_cast<TailFilter*>(m_filter)->setInstanceId(scopeInstanceId());
        if (scope() == Scope::SelectedProxy) {
            markTopsDue();
            refreshCounters();
        }
    };
    if (connection)
        connect(connection, &client::ProxyConnection::infoChanged, this, update);
    const auto state = m_ingest && connection ? m_ingest->syncState(connection) : client::EventSync::State::Stopped;
    m_syncState->setText(connection ? tr("Sync: %1").arg(QLatin1String(
                                          QMetaEnum::fromType<client::EventSync::State>().valueToKey(int(state))))
                                    : QString());
    update();
}

void LivePage::setScope(Scope scope)
{
    m_scope->setCurrentIndex(scope == Scope::Fleet ? 0 : 1);
}

LivePage::Scope LivePage::scope() const
{
    return m_scope->currentIndex() == 1 ? Scope::SelectedProxy : Scope::Fleet;
}

bool LivePage::isPaused() const
{
    return m_pause->isChecked();
}

void LivePage::setPaused(bool paused)
{
    m_pause->setChecked(paused);
}

QString LivePage::scopeInstanceId() const
{
    if (scope() == Scope::Fleet)
        return {};
    auto* c = m_connection.data();
    const auto info = c ? c->info() : std::nullopt;
    // No proxy answered yet: match nothing rather than everything.
    return info ? info->instanceId : QStringLiteral("\x01none");
}

void LivePage::onIngested(const client::IngestSummary& summary)
{
    if (!isPaused() && !summary.events.isEmpty()) {
        auto* bar = m_view->verticalScrollBar();
        const bool atBottom = bar->value() >= bar->maximum();
        m_tail->append(summary.events);
        if (atBottom)
            m_view->scrollToBottom();
    }
    if (summary.inserted > 0)
        m_topsPending = true;
    refreshCounters();
}

void LivePage::markTopsDue()
{
    m_topsStale = true;
    m_topsNote->setText(scope() == Scope::SelectedProxy
                            ? tr("Namespaces for this proxy; repositories and mismatch sources for the whole fleet")
                            : QString());
}

bool LivePage::topsDue() const
{
    return m_topsStale || !m_topsAge.isValid() ||
           m_topsAge.elapsed() >= std::max<qint64>(m_topsMinIntervalMs, m_topsIntervalMs);
}

void LivePage::refreshCounters()
{
    auto* ingest = m_ingest.data();
    if (!ingest)
        return;
    if (m_reading) {
        m_dirty = true;
        return;
    }
    m_reading = true;
    m_dirty = false;
    const qint64 now = m_now();
    const QString id = scopeInstanceId();
    const std::optional<std::string> instance = id.isEmpty() ? std::nullopt : std::optional(id.toStdString());
    const ChartRange range = chartRange();
    const bool withTops = topsDue();
    if (withTops) {
        m_topsPending = false;
        m_topsTimer->stop();
    }
    const Window topWindow = this->topWindow();
    struct Tops
    {
        std::vector<store::NamespaceCounters> namespaces;
        std::vector<store::RepositoryCount> repositories;
        std::vector<store::MismatchSource> mismatchSources;
        qint64 readMs = 0;
    };
    struct Read
    {
        std::array<store::Counters, WindowCount> counters{};
        std::vector<store::MinutePoint> points;
        std::optional<Tops> tops;
    };
    using All = std::optional<Read>;
    ingest->read<All>(
        this,
        [now, instance, range, withTops, topWindow](store::LogStore* s) -> All {
            if (!s)
                return std::nullopt;
            Read out;
            for (int w = 0; w < WindowCount; ++w) {
                auto totals = s->totals(now - kWindowMs[w], now + 1, instance);
                if (!totals)
                    return std::nullopt;
                out.counters[std::size_t(w)] = *totals;
            }
            auto points = s->series(LiveChart::bucketSpan(range, now).first, now + 1, instance);
            if (!points)
                return std::nullopt;
            out.points = LiveChart::bucketed(*points, range);
            if (withTops) {
                QElapsedTimer took;
                took.start();
                const qint64 since = now - kWindowMs[topWindow];
                auto namespaces = s->totalsByNamespace(since, now + 1, instance);
                auto repositories = s->topRepositories(since, now + 1, kTopRows);
                auto sources = s->topMismatchSources(since, now + 1, kTopRows);
                if (namespaces && repositories && sources) {
                    Tops tops{std::move(*namespaces), std::move(*repositories), std::move(*sources), 0};
                    if (tops.namespaces.size() > kTopRows)
                        tops.namespaces.resize(kTopRows);
                    tops.readMs = took.elapsed();
                    out.tops = std::move(tops);
                }
            }
            return out;
        },
        [this, id, range, topWindow](All read) {
            m_reading = false;
            if (read) {
                m_counters = read->counters;
                showCounters();
                // A read for a range, window or scope the operator has left is dropped.
                if (range == chartRange()) {
                    m_chart->setPoints(range, std::move(read->points));
                } else {
                    m_dirty = true;
                }
                if (read->tops && topWindow == this->topWindow() && id == scopeInstanceId()) {
                    m_topNamespaces->setRows(std::move(read->tops->namespaces));
                    m_topRepositories->setRows(std::move(read->tops->repositories));
                    m_topMismatchSources->setRows(std::move(read->tops->mismatchSources));
                    m_topsStale = false;
                    m_topsAge.start();
                    m_topsIntervalMs = 20 * read->tops->readMs;
                    emit topsUpdated();
                } else if (read->tops) {
                    m_dirty = true;
                }
                emit countersUpdated();
            }
            if (m_dirty) {
                refreshCounters();
            } else if (m_topsPending && !m_topsTimer->isActive() && m_topsAge.isValid()) {
                // Events that came after the last top read show up once the interval is over.
                const qint64 wait = std::max<qint64>(m_topsMinIntervalMs, m_topsIntervalMs) - m_topsAge.elapsed();
                m_topsTimer->start(int(std::clamp<qint64>(wait, 0, 600000)));
            }
        });
}

void LivePage::showCounters()
{
    const auto& all = metrics();
    for (qsizetype m = 0; m < all.size(); ++m)
        for (std::size_t w = 0; w < WindowCount; ++w)
            m_labels[m][w]->setText(all[m].format(m_counters[w]));
}

void LivePage::setClock(std::function<qint64()> now)
{
    m_now = std::move(now);
    m_chart->setClock(m_now);
}

const std::vector<store::MinutePoint>& LivePage::chartPoints() const
{
    return m_chart->points();
}

qint64 LivePage::chartBucketMs() const
{
    return m_chart->pointsBucketMs();
}

void LivePage::setChartRange(ChartRange range)
{
    m_chart->setRange(range);
}

LivePage::ChartRange LivePage::chartRange() const
{
    return m_chart->range();
}

std::pair<qint64, qint64> LivePage::chartTimeRange() const
{
    return m_chart->timeRange();
}

QRect LivePage::chartPlotArea() const
{
    return m_chart->plotArea();
}

bool LivePage::isChartZoomed() const
{
    return m_chart->isZoomed();
}

void LivePage::resetChartZoom()
{
    m_chart->resetZoom();
}

void LivePage::setTopWindow(Window window)
{
    m_topWindow->setCurrentIndex(window);
}

LivePage::Window LivePage::topWindow() const
{
    return Window(std::clamp(m_topWindow->currentIndex(), 0, WindowCount - 1));
}

} // namespace nsgate::ui
