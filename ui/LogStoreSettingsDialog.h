#pragma once

// How long the console keeps its local event log: events by age and by count,
// the per-minute aggregates (the dashboard's history) by their own, longer,
// age. The limits live in the console's settings (logStore/maxAgeDays,
// logStore/maxEvents, logStore/aggregateMaxAgeDays; 0 = no limit); accepting
// the dialog saves them and hands them to LogIngest, which prunes on its
// worker at once and then every minute. The dialog also shows where the store
// is and how many events it holds (read on the worker, never here).

#include "core/client/LogIngest.h"
#include "core/store/LogStore.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>

class QLabel;
class QSettings;
class QSpinBox;

namespace nsgate::ui {

class LogStoreSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kDefaultMaxAgeDays = 30;
    static constexpr int kDefaultMaxEvents = 10'000'000;
    static constexpr int kDefaultAggregateMaxAgeDays = 400;

    // The policy the settings describe; a value that is not a whole number
    // >= 0 is replaced by its default and named in `problems`.
    static store::RetentionPolicy retentionFromSettings(const QSettings& settings, QStringList* problems = nullptr);
    static void saveRetention(QSettings& settings, const store::RetentionPolicy& policy);

    // `ingest` may be null (no local store): the limits are still saved.
    LogStoreSettingsDialog(QSettings& settings, client::LogIngest* ingest, QWidget* parent = nullptr);

    // What the spin boxes say now.
    store::RetentionPolicy policy() const;

public slots:
    void accept() override;

signals:
    // The event count (and the last pass) are shown.
    void storeInfoShown();

private:
    void showStoreInfo();

    QSettings& m_settings;
    QPointer<client::LogIngest> m_ingest;
    QSpinBox* m_maxAgeDays = nullptr;
    QSpinBox* m_maxEvents = nullptr;
    QSpinBox* m_aggregateMaxAgeDays = nullptr;
    QLabel* m_path = nullptr;
    QLabel* m_eventCount = nullptr;
    QLabel* m_lastPrune = nullptr;
};

} // namespace nsgate::ui
