#pragma once

// What the fleet (or the selected proxy) does right now: counters for the last
// 5 min / 1 h / 24 h read from the local log store's per-minute aggregates (on
// the ingest worker, never on the GUI thread; at most one read in flight,
// another after each ingest batch), a chart of hits, misses and mismatches
// over the last hour, day or week (LiveChart: per minute, 5 minutes or hour,
// bucketed on the worker; rubber-band zoom along time), "top" lists for one of
// the windows and a live tail of events with pause and a quick filter.
// Auto-scroll follows only while the view is at the bottom.
//
// The top lists cost the store more than the counters (group-bys over
// rollups plus the window's edge events; 30-45 ms at 10 M events against
// 10 ms for counters and chart), so they are read at most every few seconds
// (longer when a read was slow) rather than after every batch. The store has
// no per-proxy variant of the repository and mismatch-source lists: they are
// fleet-wide in either scope, and the page says so.

#include "core/client/LogIngest.h"
#include "core/store/LogStore.h"
#include "ui/LiveChart.h"

#include <QPointer>
#include <QWidget>

#include <QElapsedTimer>

#include <array>
#include <functional>
#include <utility>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QToolButton;

namespace nsgate::client {
class ProxyConnection;
}

namespace nsgate::ui {

class LiveTailModel;
class TopMismatchSourcesModel;
class TopNamespacesModel;
class TopRepositoriesModel;

class LivePage : public QWidget
{
    Q_OBJECT

public:
    enum Window { FiveMinutes, OneHour, OneDay, WindowCount };
    enum class Scope { Fleet, SelectedProxy };
    // The chart's ranges (LiveChart::LastHour, LastDay, LastWeek).
    using ChartRange = LiveChart::Range;

    explicit LivePage(QWidget* parent = nullptr);

    void setIngest(client::LogIngest* ingest);
    // The selected proxy (the scope "This proxy" counts and shows it only).
    void setProxy(client::ProxyConnection* connection);
    void setScope(Scope scope);
    Scope scope() const;
    // Milliseconds since the epoch; injected by tests.
    void setClock(std::function<qint64()> now);

    const store::Counters& counters(Window window) const { return m_counters[std::size_t(window)]; }

    // The chart's data: one point per bucket with events, ascending; the
    // bucket starts at minuteStartMs and lasts chartBucketMs().
    const std::vector<store::MinutePoint>& chartPoints() const;
    void setChartRange(ChartRange range);
    ChartRange chartRange() const;
    // The bucket of the range the shown points were read for.
    qint64 chartBucketMs() const;
    // The time axis as shown (ms since the epoch): the whole range, or what
    // the operator zoomed into.
    std::pair<qint64, qint64> chartTimeRange() const;
    bool isChartZoomed() const;
    // The plot area in the chart view's viewport coordinates (where a drag zooms).
    QRect chartPlotArea() const;

    // The window the top lists count.
    void setTopWindow(Window window);
    Window topWindow() const;
    TopNamespacesModel* topNamespaces() const { return m_topNamespaces; }
    TopRepositoriesModel* topRepositories() const { return m_topRepositories; }
    TopMismatchSourcesModel* topMismatchSources() const { return m_topMismatchSources; }
    // The least time between two reads of the top lists (default 5 s; a slow
    // read stretches it to 20 times its duration). Tests set 0.
    void setTopsInterval(int ms) { m_topsMinIntervalMs = ms; }
    LiveTailModel* tailModel() const { return m_tail; }
    QTableView* tailView() const { return m_view; }
    bool isPaused() const;

public slots:
    void refreshCounters();
    void setPaused(bool paused);
    void resetChartZoom();

signals:
    // New counters (and the chart) are shown.
    void countersUpdated();
    // The chart was redrawn from the points read last (redraws are at most one a second).
    void chartShown();
    // The top lists show the current window and scope.
    void topsUpdated();

private:
    void onIngested(const client::IngestSummary& summary);
    void showCounters();
    void markTopsDue();
    bool topsDue() const;
    QString scopeInstanceId() const;

    QPointer<client::LogIngest> m_ingest;
    QPointer<client::ProxyConnection> m_connection;
    LiveTailModel* m_tail = nullptr;
    QSortFilterProxyModel* m_filter = nullptr;
    QTableView* m_view = nullptr;
    QComboBox* m_scope = nullptr;
    QLineEdit* m_quickFilter = nullptr;
    QToolButton* m_pause = nullptr;
    QLabel* m_syncState = nullptr;
    QTimer* m_slide = nullptr;
    std::array<store::Counters, WindowCount> m_counters{};
    LiveChart* m_chart = nullptr;
    QComboBox* m_topWindow = nullptr;
    QLabel* m_topsNote = nullptr;
    TopNamespacesModel* m_topNamespaces = nullptr;
    TopRepositoriesModel* m_topRepositories = nullptr;
    TopMismatchSourcesModel* m_topMismatchSources = nullptr;
    QTimer* m_topsTimer = nullptr;
    QElapsedTimer m_topsAge;   // since the last top read was shown
    int m_topsMinIntervalMs = 5000;
    qint64 m_topsIntervalMs = 0;
    bool m_topsStale = true;     // window or scope changed since the last top read
    bool m_topsPending = false;  // events stored since the last top read began
    // [metric][window]
    QList<std::array<QLabel*, WindowCount>> m_labels;
    bool m_reading = false;
    bool m_dirty = false;
    std::function<qint64()> m_now;
};

} // namespace nsgate::ui
