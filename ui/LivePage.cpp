#include "ui/LivePage.h"

#include "core/client/ProxyConnection.h"
#include "ui/LiveTailModel.h"
#include "ui/TopListModels.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMetaEnum>
#include <QPushButton>
#include <QSplitter>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <optional>

namespace nsgate::ui {

namespace {

constexpr qint64 kWindowMs[LivePage::WindowCount] = {5 * 60 * 1000, 60 * 60 * 1000, 24 * 60 * 60 * 1000};
const char* const kWindowNames[LivePage::WindowCount] = {"5m", "1h", "24h"};

// The chart's ranges: a week per minute would be 10,080 points per series,
// more than a chart of this size can show; per hour it is 168.
struct RangeSpec
{
    qint64 spanMs;
    qint64 bucketMs;
    const char* axisFormat;
};
constexpr RangeSpec kRanges[LivePage::ChartRangeCount] = {
    {60 * 60 * 1000, 60 * 1000, "HH:mm"},
    {24 * 60 * 60 * 1000, 5 * 60 * 1000, "HH:mm"},
    {7 * 24 * 60 * 60 * 1000, 60 * 60 * 1000, "ddd HH:mm"},
};

// The least time between two chart redraws.
constexpr qint64 kChartIntervalMs = 1000;

// Rows per top list: enough to scroll, few enough to diff for free.
constexpr std::size_t kTopRows = 100;

// The first and last bucket start of `range` at `now`.
std::pair<qint64, qint64> bucketSpan(const RangeSpec& range, qint64 now)
{
    const qint64 last = now / range.bucketMs * range.bucketMs;
    return {last - (range.spanMs / range.bucketMs - 1) * range.bucketMs, last};
}

// Minute points folded into the range's buckets (the store keeps minutes).
std::vector<store::MinutePoint> bucketed(const std::vector<store::MinutePoint>& minutes, qint64 bucketMs)
{
    std::vector<store::MinutePoint> out;
    for (const auto& p : minutes) {
        const qint64 start = p.minuteStartMs / bucketMs * bucketMs;
        if (out.empty() || out.back().minuteStartMs != start)
            out.push_back({start, {}});
        out.back().counters += p.counters;
    }
    return out;
}

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

    m_chart = new QChart;
    // Qt Charts paints its own background: follow the palette's lightness.
    m_chart->setTheme(palette().color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                          : QChart::ChartThemeLight);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_hits = new QLineSeries(m_chart);
    m_hits->setName(tr("Hits"));
    m_misses = new QLineSeries(m_chart);
    m_misses->setName(tr("Misses"));
    m_mismatches = new QLineSeries(m_chart);
    m_mismatches->setName(tr("Mismatches"));
    auto* timeAxis = new QDateTimeAxis(m_chart);
    timeAxis->setFormat("HH:mm");
    auto* countAxis = new QValueAxis(m_chart);
    countAxis->setLabelFormat("%d");
    m_chart->addAxis(timeAxis, Qt::AlignBottom);
    m_chart->addAxis(countAxis, Qt::AlignLeft);
    for (auto* series : {m_hits, m_misses, m_mismatches}) {
        m_chart->addSeries(series);
        series->attachAxis(timeAxis);
        series->attachAxis(countAxis);
    }
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setObjectName("liveChart");
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(180);
    // Drag across the plot to zoom into a stretch of time; counts keep their scale.
    m_chartView->setRubberBand(QChartView::HorizontalRubberBand);
    m_chartRange = new QComboBox(this);
    m_chartRange->setObjectName("liveChartRange");
    m_chartRange->setAccessibleName(tr("Chart range"));
    m_chartRange->addItem(tr("Last hour (per minute)"));
    m_chartRange->addItem(tr("Last day (per 5 min)"));
    m_chartRange->addItem(tr("Last week (per hour)"));
    m_resetZoom = new QPushButton(tr("Reset zoom"), this);
    m_resetZoom->setObjectName("liveChartResetZoom");
    m_resetZoom->setEnabled(false);
    m_resetZoom->setToolTip(tr("Drag across the chart to zoom into a stretch of time"));
    connect(m_resetZoom, &QPushButton::clicked, this, &LivePage::resetChartZoom);
    connect(timeAxis, &QDateTimeAxis::rangeChanged, this, [this] { m_resetZoom->setEnabled(m_chart->isZoomed()); });
    // The bars above the tail and the chart come before them in Tab order,
    // as on screen (they were made after them).
    QWidget::setTabOrder(m_pause, m_view);
    QWidget::setTabOrder(m_resetZoom, m_chartView);
    auto* chartBar = new QHBoxLayout;
    chartBar->addWidget(m_chartRange);
    chartBar->addStretch();
    chartBar->addWidget(m_resetZoom);
    auto* chartBox = new QVBoxLayout;
    chartBox->addLayout(chartBar);
    chartBox->addWidget(m_chartView, 1);
    auto* counters = new QHBoxLayout;
    counters->addLayout(grid);
    counters->addLayout(chartBox, 1);

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
    m_chartTimer = new QTimer(this);
    m_chartTimer->setSingleShot(true);
    connect(m_chartTimer, &QTimer::timeout, this, &LivePage::showChart);
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
    connect(m_chartRange, &QComboBox::currentIndexChanged, this, [this] {
        // A zoom into the old range means nothing in the new one, and a
        // redraw still pending would draw the old range's points as the new.
        m_chartTimer->stop();
        m_chart->zoomReset();
        refreshCounters();
    });
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
            const auto& spec = kRanges[range];
            auto points = s->series(bucketSpan(spec, now).first, now + 1, instance);
            if (!points)
                return std::nullopt;
            out.points = bucketed(*points, spec.bucketMs);
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
                    const bool newRange = m_pointsBucketMs != kRanges[range].bucketMs;
                    m_points = std::move(read->points);
                    m_pointsBucketMs = kRanges[range].bucketMs;
                    // Redrawing the chart costs 5-15 ms; under load the reads come ten times a second.
                    if (newRange || !m_chartShown.isValid() || m_chartShown.elapsed() >= kChartIntervalMs)
                        showChart();
                    else if (!m_chartTimer->isActive())
                        m_chartTimer->start(int(kChartIntervalMs - m_chartShown.elapsed()));
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

void LivePage::showChart()
{
    m_chartShown.start();
    m_chartTimer->stop();
    // Buckets without events are zero, not gaps in the line.
    const auto& spec = kRanges[chartRange()];
    const auto [first, last] = bucketSpan(spec, m_now());
    QHash<qint64, store::Counters> byBucket;
    for (const auto& p : m_points)
        byBucket.insert(p.minuteStartMs, p.counters);
    QList<QPointF> hits, misses, mismatches;
    double top = 1;
    for (qint64 t = first; t <= last; t += spec.bucketMs) {
        const auto c = byBucket.value(t);
        const double x = double(t);
        const double mm = double(c.mismatchMissing + c.mismatchUnmapped + c.mismatchConflict);
        hits << QPointF(x, double(c.hits));
        misses << QPointF(x, double(c.misses));
        mismatches << QPointF(x, mm);
        top = std::max({top, double(c.hits), double(c.misses), mm});
    }
    m_hits->replace(hits);
    m_misses->replace(misses);
    m_mismatches->replace(mismatches);
    const QString titles[ChartRangeCount] = {tr("Per minute, last hour"), tr("Per 5 minutes, last day"),
                                             tr("Per hour, last week")};
    m_chart->setTitle(titles[chartRange()]);
    // While zoomed the operator's stretch of time stays put; Reset zoom goes back to the whole range.
    m_resetZoom->setEnabled(m_chart->isZoomed());
    if (m_chart->isZoomed()) {
        emit chartShown();
        return;
    }
    const auto horizontal = m_chart->axes(Qt::Horizontal);
    const auto vertical = m_chart->axes(Qt::Vertical);
    if (auto* time = horizontal.isEmpty() ? nullptr : qobject_cast<QDateTimeAxis*>(horizontal.first())) {
        time->setFormat(QLatin1String(spec.axisFormat));
        time->setRange(QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(last));
    }
    if (auto* counts = vertical.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(vertical.first())) {
        // Whole numbers only: steps of at least 1, about four of them.
        const double step = std::max(1.0, std::ceil(top / 4));
        counts->setTickType(QValueAxis::TicksDynamic);
        counts->setTickAnchor(0);
        counts->setTickInterval(step);
        counts->setRange(0, step * std::ceil(top * 1.1 / step));
    }
    emit chartShown();
}

void LivePage::setChartRange(ChartRange range)
{
    m_chartRange->setCurrentIndex(range);
}

LivePage::ChartRange LivePage::chartRange() const
{
    return ChartRange(std::clamp(m_chartRange->currentIndex(), 0, ChartRangeCount - 1));
}

std::pair<qint64, qint64> LivePage::chartTimeRange() const
{
    const auto horizontal = m_chart->axes(Qt::Horizontal);
    auto* time = horizontal.isEmpty() ? nullptr : qobject_cast<QDateTimeAxis*>(horizontal.first());
    if (!time)
        return {};
    return {time->min().toMSecsSinceEpoch(), time->max().toMSecsSinceEpoch()};
}

QRect LivePage::chartPlotArea() const
{
    return m_chartView->mapFromScene(m_chart->plotArea()).boundingRect();
}

bool LivePage::isChartZoomed() const
{
    return m_chart->isZoomed();
}

void LivePage::resetChartZoom()
{
    m_chart->zoomReset();
    showChart();
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
