#include "ui/LiveChart.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHash>
#include <QLineSeries>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace nsgate::ui {

namespace {

// The chart's ranges: a week per minute would be 10,080 points per series,
// more than a chart of this size can show; per hour it is 168.
struct RangeSpec
{
    qint64 spanMs;
    qint64 bucketMs;
    const char* axisFormat;
};
constexpr RangeSpec kRanges[LiveChart::RangeCount] = {
    {60 * 60 * 1000, 60 * 1000, "HH:mm"},
    {24 * 60 * 60 * 1000, 5 * 60 * 1000, "HH:mm"},
    {7 * 24 * 60 * 60 * 1000, 60 * 60 * 1000, "ddd HH:mm"},
};

// The least time between two redraws.
constexpr qint64 kIntervalMs = 1000;

} // namespace

LiveChart::LiveChart(QWidget* parent) : QWidget(parent), m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
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
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName("liveChart");
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    // Drag across the plot to zoom into a stretch of time; counts keep their scale.
    m_view->setRubberBand(QChartView::HorizontalRubberBand);
    m_range = new QComboBox(this);
    m_range->setObjectName("liveChartRange");
    m_range->setAccessibleName(tr("Chart range"));
    m_range->addItem(tr("Last hour (per minute)"));
    m_range->addItem(tr("Last day (per 5 min)"));
    m_range->addItem(tr("Last week (per hour)"));
    m_resetZoom = new QPushButton(tr("Reset zoom"), this);
    m_resetZoom->setObjectName("liveChartResetZoom");
    m_resetZoom->setEnabled(false);
    m_resetZoom->setToolTip(tr("Drag across the chart to zoom into a stretch of time"));
    connect(m_resetZoom, &QPushButton::clicked, this, &LiveChart::resetZoom);
    connect(timeAxis, &QDateTimeAxis::rangeChanged, this, [this] { m_resetZoom->setEnabled(m_chart->isZoomed()); });
    // The bar above the chart comes before it in Tab order, as on screen (it
    // was made after it).
    QWidget::setTabOrder(m_resetZoom, m_view);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_range);
    bar->addStretch();
    bar->addWidget(m_resetZoom);
    auto* layout = new QVBoxLayout(this);
    // Laid out as part of the page, not as a box of its own.
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &LiveChart::redraw);
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        // A zoom into the old range means nothing in the new one, and a
        // redraw still pending would draw the old range's points as the new.
        m_timer->stop();
        m_chart->zoomReset();
        emit rangeChanged();
    });
}

void LiveChart::setRange(Range range)
{
    m_range->setCurrentIndex(range);
}

LiveChart::Range LiveChart::range() const
{
    return Range(std::clamp(m_range->currentIndex(), 0, RangeCount - 1));
}

qint64 LiveChart::bucketMs(Range range)
{
    return kRanges[range].bucketMs;
}

std::pair<qint64, qint64> LiveChart::bucketSpan(Range range, qint64 now)
{
    const auto& spec = kRanges[range];
    const qint64 last = now / spec.bucketMs * spec.bucketMs;
    return {last - (spec.spanMs / spec.bucketMs - 1) * spec.bucketMs, last};
}

std::vector<store::MinutePoint> LiveChart::bucketed(const std::vector<store::MinutePoint>& minutes, Range range)
{
    const qint64 bucketMs = kRanges[range].bucketMs;
    std::vector<store::MinutePoint> out;
    for (const auto& p : minutes) {
        const qint64 start = p.minuteStartMs / bucketMs * bucketMs;
        if (out.empty() || out.back().minuteStartMs != start)
            out.push_back({start, {}});
        out.back().counters += p.counters;
    }
    return out;
}

void LiveChart::setPoints(Range range, std::vector<store::MinutePoint> points)
{
    const bool newRange = m_pointsBucketMs != kRanges[range].bucketMs;
    m_points = std::move(points);
    m_pointsBucketMs = kRanges[range].bucketMs;
    if (newRange || !m_shown.isValid() || m_shown.elapsed() >= kIntervalMs)
        redraw();
    else if (!m_timer->isActive())
        m_timer->start(int(kIntervalMs - m_shown.elapsed()));
}

void LiveChart::redraw()
{
    m_shown.start();
    m_timer->stop();
    // Buckets without events are zero, not gaps in the line.
    const auto& spec = kRanges[range()];
    const auto [first, last] = bucketSpan(range(), m_now());
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
    const QString titles[RangeCount] = {tr("Per minute, last hour"), tr("Per 5 minutes, last day"),
                                        tr("Per hour, last week")};
    m_chart->setTitle(titles[range()]);
    // While zoomed the operator's stretch of time stays put; Reset zoom goes back to the whole range.
    m_resetZoom->setEnabled(m_chart->isZoomed());
    if (m_chart->isZoomed()) {
        emit shown();
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
    emit shown();
}

std::pair<qint64, qint64> LiveChart::timeRange() const
{
    const auto horizontal = m_chart->axes(Qt::Horizontal);
    auto* time = horizontal.isEmpty() ? nullptr : qobject_cast<QDateTimeAxis*>(horizontal.first());
    if (!time)
        return {};
    return {time->min().toMSecsSinceEpoch(), time->max().toMSecsSinceEpoch()};
}

QRect LiveChart::plotArea() const
{
    return m_view->mapFromScene(m_chart->plotArea()).boundingRect();
}

bool LiveChart::isZoomed() const
{
    return m_chart->isZoomed();
}

void LiveChart::resetZoom()
{
    m_chart->zoomReset();
    redraw();
}

} // namespace nsgate::ui
