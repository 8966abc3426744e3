#include "ui/LivePage.h"

#include "core/client/ProxyConnection.h"
#include "ui/LiveTailModel.h"

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
    top->addWidget(new QLabel(tr("Show:"), this));
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
    int row = 1;
    for (const auto& m : metrics()) {
        grid->addWidget(new QLabel(tr(m.label), this), row, 0);
        std::array<QLabel*, WindowCount> labels{};
        for (int w = 0; w < WindowCount; ++w) {
            auto* l = new QLabel(this);
            l->setObjectName(QStringLiteral("counter_%1_%2").arg(QLatin1String(m.name), QLatin1String(kWindowNames[w])));
            l->setAlignment(Qt::AlignRight);
            l->setTextInteractionFlags(Qt::TextSelectableByMouse);
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
    m_chart->setTitle(tr("Per minute, last hour"));
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
    auto* chartView = new QChartView(m_chart, this);
    chartView->setObjectName("liveChart");
    chartView->setRenderHint(QPainter::Antialiasing);
    chartView->setMinimumHeight(180);
    auto* counters = new QHBoxLayout;
    counters->addLayout(grid);
    counters->addWidget(chartView, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(counters);
    layout->addLayout(tailBar);
    layout->addWidget(m_view, 1);

    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        static_cast<TailFilter*>(m_filter)->setInstanceId(scopeInstanceId());
        refreshCounters();
    });
    // The windows slide even when nothing arrives.
    m_slide = new QTimer(this);
    m_slide->setInterval(30000);
    connect(m_slide, &QTimer::timeout, this, &LivePage::refreshCounters);
    m_slide->start();
    showCounters();
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
        if (scope() == Scope::SelectedProxy)
            refreshCounters();
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
    refreshCounters();
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
    struct Read
    {
        std::array<store::Counters, WindowCount> counters{};
        std::vector<store::MinutePoint> points;
    };
    using All = std::optional<Read>;
    ingest->read<All>(
        this,
        [now, instance](store::LogStore* s) -> All {
            if (!s)
                return std::nullopt;
            Read out;
            for (int w = 0; w < WindowCount; ++w) {
                auto totals = s->totals(now - kWindowMs[w], now + 1, instance);
                if (!totals)
                    return std::nullopt;
                out.counters[std::size_t(w)] = *totals;
            }
            auto points = s->series(now - kWindowMs[OneHour], now + 1, instance);
            if (!points)
                return std::nullopt;
            out.points = std::move(*points);
            return out;
        },
        [this](All read) {
            m_reading = false;
            if (read) {
                m_counters = read->counters;
                m_points = std::move(read->points);
                showCounters();
                showChart();
                emit countersUpdated();
            }
            if (m_dirty)
                refreshCounters();
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
    // Minutes without events are zero, not gaps in the line.
    const qint64 now = m_now();
    const qint64 last = now / 60000 * 60000;
    const qint64 first = last - 59 * 60000;
    QHash<qint64, store::Counters> byMinute;
    for (const auto& p : m_points)
        byMinute.insert(p.minuteStartMs, p.counters);
    QList<QPointF> hits, misses, mismatches;
    double top = 1;
    for (qint64 t = first; t <= last; t += 60000) {
        const auto c = byMinute.value(t);
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
    const auto horizontal = m_chart->axes(Qt::Horizontal);
    const auto vertical = m_chart->axes(Qt::Vertical);
    if (!horizontal.isEmpty())
        horizontal.first()->setRange(QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(last));
    if (!vertical.isEmpty())
        vertical.first()->setRange(0, top * 1.1);
}

} // namespace nsgate::ui
