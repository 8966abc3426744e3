#pragma once

// The Live page's chart: hits, misses and mismatches over the last hour, day
// or week (per minute, 5 minutes or hour), with the range choice and Reset
// zoom in a bar above it. The page reads the points from the log store on the
// ingest worker (bucketSpan() and bucketed() are safe there) and hands them
// over with setPoints(); redrawing costs 5-15 ms while reads may come ten
// times a second, so the chart redraws at most once a second. A drag across
// the plot zooms along time; the zoom stays through redraws until Reset zoom
// or another range.

#include "core/store/LogStore.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>
#include <utility>
#include <vector>

class QChart;
class QChartView;
class QComboBox;
class QLineSeries;
class QPushButton;
class QTimer;

namespace nsgate::ui {

class LiveChart : public QWidget
{
    Q_OBJECT

public:
    enum Range { LastHour, LastDay, LastWeek, RangeCount };

    explicit LiveChart(QWidget* parent = nullptr);

    // Milliseconds since the epoch: where the time axis ends. Injected by tests.
    void setClock(std::function<qint64()> now) { m_now = std::move(now); }

    void setRange(Range range);
    Range range() const;

    // How long one bucket of `range` lasts.
    static qint64 bucketMs(Range range);
    // The first and last bucket start of `range` at `now`.
    static std::pair<qint64, qint64> bucketSpan(Range range, qint64 now);
    // Minute points folded into the buckets of `range` (the store keeps minutes).
    static std::vector<store::MinutePoint> bucketed(const std::vector<store::MinutePoint>& minutes, Range range);

    // Points read for `range` (one per bucket with events, ascending); drawn
    // now, or once a second has passed since the last redraw.
    void setPoints(Range range, std::vector<store::MinutePoint> points);
    const std::vector<store::MinutePoint>& points() const { return m_points; }
    // The bucket of the range the points were read for.
    qint64 pointsBucketMs() const { return m_pointsBucketMs; }
    // The time axis as shown (ms since the epoch): the whole range, or what
    // the operator zoomed into.
    std::pair<qint64, qint64> timeRange() const;
    bool isZoomed() const;
    // The plot area in the chart view's viewport coordinates (where a drag zooms).
    QRect plotArea() const;

public slots:
    void resetZoom();

signals:
    // The operator chose another range: the points shown are the old range's
    // until points for the new one arrive.
    void rangeChanged();
    // The chart was redrawn from the points set last.
    void shown();

private:
    void redraw();

    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QComboBox* m_range = nullptr;
    QPushButton* m_resetZoom = nullptr;
    QLineSeries* m_hits = nullptr;
    QLineSeries* m_misses = nullptr;
    QLineSeries* m_mismatches = nullptr;
    QTimer* m_timer = nullptr;
    QElapsedTimer m_shown;
    std::vector<store::MinutePoint> m_points;
    qint64 m_pointsBucketMs = 60000;
    std::function<qint64()> m_now;
};

} // namespace nsgate::ui
