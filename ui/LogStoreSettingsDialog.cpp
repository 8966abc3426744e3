#include "ui/LogStoreSettingsDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <optional>

namespace nsgate::ui {

namespace {

constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;
// The spin boxes' ranges, and what a hand-edited setting may hold.
constexpr int kMaxDays = 36500;
constexpr int kMaxEventsLimit = 2'000'000'000;

const char* const kMaxAgeDays = "logStore/maxAgeDays";
const char* const kMaxEvents = "logStore/maxEvents";
const char* const kAggregateMaxAgeDays = "logStore/aggregateMaxAgeDays";

// 0 means no limit; anything else that is not a whole number >= 0 falls back
// to the default, loudly.
// A value above `maximum` (what the dialog's spin box allows) is refused too:
// days times a day's milliseconds must not overflow into a negative age, which
// would make retention delete everything.
std::optional<std::int64_t> limit(const QSettings& settings, const char* key, std::int64_t fallback,
                                  std::int64_t scale, std::int64_t maximum, QStringList* problems)
{
    const QVariant raw = settings.value(QLatin1String(key));
    std::int64_t value = fallback;
    if (raw.isValid()) {
        bool ok = false;
        const qlonglong parsed = raw.toString().trimmed().toLongLong(&ok);
        if (ok && parsed >= 0 && parsed <= maximum)
            value = parsed;
        else if (problems)
            *problems << QStringLiteral("%1: \"%2\" is not a whole number from 0 to %3; using %4")
                             .arg(QLatin1String(key), raw.toString())
                             .arg(maximum)
                             .arg(fallback);
    }
    return value == 0 ? std::nullopt : std::optional(value * scale);
}

QSpinBox* limitBox(QWidget* parent, const char* name, int maximum, const QString& suffix)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(QLatin1String(name));
    box->setRange(0, maximum);
    box->setSpecialValueText(LogStoreSettingsDialog::tr("No limit"));
    box->setSuffix(suffix);
    box->setGroupSeparatorShown(true);
    return box;
}

int days(const std::optional<std::int64_t>& ms)
{
    return ms ? int(*ms / kDayMs) : 0;
}

} // namespace

store::RetentionPolicy LogStoreSettingsDialog::retentionFromSettings(const QSettings& settings, QStringList* problems)
{
    store::RetentionPolicy policy;
    policy.maxAgeMs = limit(settings, kMaxAgeDays, kDefaultMaxAgeDays, kDayMs, kMaxDays, problems);
    policy.maxEvents = limit(settings, kMaxEvents, kDefaultMaxEvents, 1, kMaxEventsLimit, problems);
    policy.aggregateMaxAgeMs =
        limit(settings, kAggregateMaxAgeDays, kDefaultAggregateMaxAgeDays, kDayMs, kMaxDays, problems);
    return policy;
}

void LogStoreSettingsDialog::saveRetention(QSettings& settings, const store::RetentionPolicy& policy)
{
    settings.setValue(QLatin1String(kMaxAgeDays), days(policy.maxAgeMs));
    settings.setValue(QLatin1String(kMaxEvents), qlonglong(policy.maxEvents.value_or(0)));
    settings.setValue(QLatin1String(kAggregateMaxAgeDays), days(policy.aggregateMaxAgeMs));
}

LogStoreSettingsDialog::LogStoreSettingsDialog(QSettings& settings, client::LogIngest* ingest, QWidget* parent)
    : QDialog(parent), m_settings(settings), m_ingest(ingest)
{
    setObjectName("logStoreSettingsDialog");
    setWindowTitle(tr("Local event log"));

    m_maxAgeDays = limitBox(this, "logStoreMaxAgeDays", kMaxDays, tr(" days"));
    m_maxEvents = limitBox(this, "logStoreMaxEvents", kMaxEventsLimit, QString());
    m_maxEvents->setSingleStep(1'000'000);
    m_aggregateMaxAgeDays = limitBox(this, "logStoreAggregateMaxAgeDays", kMaxDays, tr(" days"));
    const auto policy = retentionFromSettings(settings);
    m_maxAgeDays->setValue(days(policy.maxAgeMs));
    m_maxEvents->setValue(int(std::min<std::int64_t>(policy.maxEvents.value_or(0), m_maxEvents->maximum())));
    m_aggregateMaxAgeDays->setValue(days(policy.aggregateMaxAgeMs));

    m_path = new QLabel(this);
    m_path->setObjectName("logStorePath");
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setText(ingest ? ingest->storePath() : tr("(no local store)"));
    m_eventCount = new QLabel(this);
    m_eventCount->setObjectName("logStoreEventCount");
    m_lastPrune = new QLabel(this);
    m_lastPrune->setObjectName("logStoreLastPrune");

    auto* form = new QFormLayout;
    form->addRow(tr("Store:"), m_path);
    form->addRow(tr("Events stored:"), m_eventCount);
    form->addRow(tr("Last pruning:"), m_lastPrune);
    form->addRow(tr("Keep events for:"), m_maxAgeDays);
    form->addRow(tr("Keep at most:"), m_maxEvents);
    form->addRow(tr("Keep per-minute counts for:"), m_aggregateMaxAgeDays);
    auto* note = new QLabel(tr("The dashboard's counters and chart come from the per-minute counts, so they reach "
                               "further back than the events. Older data is deleted on a background thread a "
                               "little at a time."),
                            this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName("logStoreButtons");
    connect(buttons, &QDialogButtonBox::accepted, this, &LogStoreSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LogStoreSettingsDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);

    if (ingest)
        connect(ingest, &client::LogIngest::retentionDone, this, &LogStoreSettingsDialog::showStoreInfo);
    showStoreInfo();
}

store::RetentionPolicy LogStoreSettingsDialog::policy() const
{
    const auto orNone = [](int value, std::int64_t scale) {
        return value == 0 ? std::nullopt : std::optional(std::int64_t(value) * scale);
    };
    store::RetentionPolicy p;
    p.maxAgeMs = orNone(m_maxAgeDays->value(), kDayMs);
    p.maxEvents = orNone(m_maxEvents->value(), 1);
    p.aggregateMaxAgeMs = orNone(m_aggregateMaxAgeDays->value(), kDayMs);
    return p;
}

void LogStoreSettingsDialog::accept()
{
    const auto p = policy();
    saveRetention(m_settings, p);
    if (auto* ingest = m_ingest.data())
        ingest->setRetention(p);
    QDialog::accept();
}

void LogStoreSettingsDialog::showStoreInfo()
{
    auto* ingest = m_ingest.data();
    if (!ingest) {
        m_eventCount->setText(tr("—"));
        m_lastPrune->setText(tr("—"));
        emit storeInfoShown();
        return;
    }
    const auto last = ingest->lastRetention();
    m_lastPrune->setText(last ? tr("%n event(s) deleted", nullptr, int(std::min<std::int64_t>(last->eventsDeleted, INT_MAX)))
                              : tr("not yet"));
    ingest->read<std::optional<std::int64_t>>(
        this,
        [](store::LogStore* s) -> std::optional<std::int64_t> {
            if (!s)
                return std::nullopt;
            auto n = s->eventCount();
            return n ? std::optional(*n) : std::nullopt;
        },
        [this](std::optional<std::int64_t> n) {
            m_eventCount->setText(n ? QLocale().toString(qlonglong(*n)) : tr("unknown (the store is not open)"));
            emit storeInfoShown();
        });
}

} // namespace nsgate::ui
