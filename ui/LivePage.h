#pragma once

// What the fleet (or the selected proxy) does right now: counters for the last
// 5 min / 1 h / 24 h read from the local log store's per-minute aggregates (on
// the ingest worker, never on the GUI thread; at most one read in flight,
// another after each ingest batch), and a live tail of events with pause and
// a quick filter. Auto-scroll follows only while the view is at the bottom.

#include "core/client/LogIngest.h"
#include "core/store/LogStore.h"

#include <QPointer>
#include <QWidget>

#include <array>
#include <functional>
#include <vector>

class QChart;
class QComboBox;
class QLineSeries;
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

class LivePage : public QWidget
{
    Q_OBJECT

public:
    enum Window { FiveMinutes, OneHour, OneDay, WindowCount };
    enum class Scope { Fleet, SelectedProxy };

    explicit LivePage(QWidget* parent = nullptr);

    void setIngest(client::LogIngest* ingest);
    // The selected proxy (the scope "This proxy" counts and shows it only).
    void setProxy(client::ProxyConnection* connection);
    void setScope(Scope scope);
    Scope scope() const;
    // Milliseconds since the epoch; injected by tests.
    void setClock(std::function<qint64()> now) { m_now = std::move(now); }

    const store::Counters& counters(Window window) const { return m_counters[std::size_t(window)]; }
    // The chart's data: one point per minute with events, last hour, ascending.
    const std::vector<store::MinutePoint>& minutePoints() const { return m_points; }
    LiveTailModel* tailModel() const { return m_tail; }
    QTableView* tailView() const { return m_view; }
    bool isPaused() const;

public slots:
    void refreshCounters();
    void setPaused(bool paused);

signals:
    // New counters are shown.
    void countersUpdated();

private:
    void onIngested(const client::IngestSummary& summary);
    void showCounters();
    void showChart();
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
    std::vector<store::MinutePoint> m_points;
    QChart* m_chart = nullptr;
    QLineSeries* m_hits = nullptr;
    QLineSeries* m_misses = nullptr;
    QLineSeries* m_mismatches = nullptr;
    // [metric][window]
    QList<std::array<QLabel*, WindowCount>> m_labels;
    bool m_reading = false;
    bool m_dirty = false;
    std::function<qint64()> m_now;
};

} // namespace nsgate::ui
