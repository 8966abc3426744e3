#include "ui/AuditPage.h"

#include "core/client/LogIngest.h"
#include "core/client/MessageText.h"
#include "core/model/Grammar.h"
#include "core/model/RegistryHost.h"
#include "ui/AuditModel.h"
#include "ui/DigestServersModel.h"
#include "ui/StatusColors.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace nsgate::ui {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kRangeMs[] = {kHourMs, 24 * kHourMs, 7 * 24 * kHourMs, 30 * 24 * kHourMs};

QString text(const std::optional<std::string>& s)
{
    return s ? QString::fromStdString(*s) : QString();
}

std::optional<std::string> fieldText(const QLineEdit* edit)
{
    const QString value = edit->text().trimmed();
    return value.isEmpty() ? std::nullopt : std::optional<std::string>(value.toStdString());
}

// Combo items: the first is "any"; the others carry the contract string.
template<class E>
void addChoices(QComboBox* combo, std::initializer_list<E> values)
{
    combo->addItem(AuditPage::tr("Any"));
    for (E value : values) {
        const auto name = model::toString(value);
        combo->addItem(QString::fromUtf8(name.data(), qsizetype(name.size())),
                       QString::fromUtf8(name.data(), qsizetype(name.size())));
    }
}

} // namespace

AuditPage::AuditPage(QWidget* parent)
    : QWidget(parent), m_model(new AuditModel(this)), m_servers(new DigestServersModel(this)),
      m_chooseSaveFile(openSaveFileDialog)
{
    m_model->setObjectName("auditModel");
    m_servers->setObjectName("auditDigestServersModel");
    buildUi();
    connect(m_model, &AuditModel::pageLoaded, this, &AuditPage::updateStatus);
    connect(m_model, &AuditModel::loadingChanged, this, &AuditPage::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AuditPage::selectionChanged);
    setIngest(nullptr);   // nothing to query until a store is given
}

AuditPage::~AuditPage()
{
    // The job's thread must not outlive the page it reports to.
    delete m_job;
}

void AuditPage::buildUi()
{
    auto* filters = new QGroupBox(tr("Filter"), this);
    auto* grid = new QGridLayout(filters);

    m_range = new QComboBox(filters);
    m_range->setObjectName("auditRange");
    m_range->addItems({tr("Last hour"), tr("Last 24 hours"), tr("Last 7 days"), tr("Last 30 days"), tr("All time"),
                       tr("Custom range")});
    m_range->setCurrentIndex(LastDay);
    m_since = new QDateTimeEdit(filters);
    m_since->setObjectName("auditSince");
    m_until = new QDateTimeEdit(filters);
    m_until->setObjectName("auditUntil");
    for (auto* edit : {m_since, m_until}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat("yyyy-MM-dd HH:mm:ss");
    }
    m_proxy = new QComboBox(filters);
    m_proxy->setObjectName("auditProxy");
    m_proxy->addItem(tr("All proxies"));
    m_cache = new QComboBox(filters);
    m_cache->setObjectName("auditCache");
    addChoices(m_cache, {model::CacheResult::Hit, model::CacheResult::Miss, model::CacheResult::None});
    m_mismatch = new QComboBox(filters);
    m_mismatch->setObjectName("auditMismatch");
    addChoices(m_mismatch, {model::Mismatch::None, model::Mismatch::Missing, model::Mismatch::Unmapped,
                            model::Mismatch::Conflict});
    m_decision = new QComboBox(filters);
    m_decision->setObjectName("auditDecision");
    addChoices(m_decision, {model::Decision::Served, model::Decision::Rejected, model::Decision::Denied,
                            model::Decision::Failed});

    const auto lineEdit = [&](const char* name, const QString& placeholder) {
        auto* edit = new QLineEdit(filters);
        edit->setObjectName(name);
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::returnPressed, this, &AuditPage::search);
        return edit;
    };
    m_namespace = lineEdit("auditNamespace", tr("docker.io"));
    m_repository = lineEdit("auditRepository", tr("library/alpine"));
    m_reference = lineEdit("auditReference", tr("tag or digest"));
    m_digest = lineEdit("auditDigest", tr("sha256:…"));
    m_upstream = lineEdit("auditUpstream", tr("https://registry-1.docker.io"));
    m_client = lineEdit("auditClient", tr("10.0.0.7"));
    m_userAgent = lineEdit("auditUserAgent", tr("containerd/1.6.20~ds1"));

    const auto label = [&](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, filters);
        l->setBuddy(buddy);
        return l;
    };
    int row = 0;
    grid->addWidget(label(tr("&Time:"), m_range), row, 0);
    auto* timeRow = new QHBoxLayout;
    timeRow->addWidget(m_range);
    timeRow->addWidget(m_since, 1);
    timeRow->addWidget(new QLabel(tr("to"), filters));
    timeRow->addWidget(m_until, 1);
    grid->addLayout(timeRow, row, 1, 1, 3);
    grid->addWidget(label(tr("Pr&oxy:"), m_proxy), row, 4);
    grid->addWidget(m_proxy, row, 5);
    ++row;
    grid->addWidget(label(tr("Na&mespace:"), m_namespace), row, 0);
    grid->addWidget(m_namespace, row, 1);
    grid->addWidget(label(tr("Repositor&y:"), m_repository), row, 2);
    grid->addWidget(m_repository, row, 3);
    grid->addWidget(label(tr("Reference:"), m_reference), row, 4);
    grid->addWidget(m_reference, row, 5);
    ++row;
    grid->addWidget(label(tr("&Digest:"), m_digest), row, 0);
    grid->addWidget(m_digest, row, 1);
    grid->addWidget(label(tr("&Upstream:"), m_upstream), row, 2);
    grid->addWidget(m_upstream, row, 3);
    grid->addWidget(label(tr("C&lient:"), m_client), row, 4);
    grid->addWidget(m_client, row, 5);
    ++row;
    grid->addWidget(label(tr("User a&gent:"), m_userAgent), row, 0);
    grid->addWidget(m_userAgent, row, 1);
    auto* enums = new QHBoxLayout;
    enums->addWidget(label(tr("Cache:"), m_cache));
    enums->addWidget(m_cache);
    enums->addWidget(label(tr("Mismatch:"), m_mismatch));
    enums->addWidget(m_mismatch);
    enums->addWidget(label(tr("Decision:"), m_decision));
    enums->addWidget(m_decision);
    enums->addStretch();
    grid->addLayout(enums, row, 2, 1, 4);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setColumnStretch(5, 1);
    // Tab reads the grid row by row; the choice boxes were made before the
    // text filters but stand after them.
    QWidget* readingOrder[] = {m_range,      m_since,  m_until,  m_proxy,     m_namespace, m_repository, m_reference,
                               m_digest,     m_upstream, m_client, m_userAgent, m_cache,     m_mismatch,   m_decision};
    for (std::size_t i = 1; i < std::size(readingOrder); ++i)
        QWidget::setTabOrder(readingOrder[i - 1], readingOrder[i]);

    auto* search = new QPushButton(tr("&Search"), filters);
    search->setObjectName("auditSearch");
    search->setDefault(true);
    connect(search, &QPushButton::clicked, this, &AuditPage::search);
    auto* clear = new QPushButton(tr("Clear"), filters);
    clear->setObjectName("auditClear");
    connect(clear, &QPushButton::clicked, this, &AuditPage::clearFilters);
    m_exportCsv = new QPushButton(tr("Export CS&V…"), filters);
    m_exportCsv->setObjectName("auditExportCsv");
    m_exportCsv->setToolTip(tr("Write every event of the listed result to a CSV file, oldest first"));
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportResult(model::EventExportFormat::Csv); });
    m_exportJson = new QPushButton(tr("Export &JSON…"), filters);
    m_exportJson->setObjectName("auditExportJson");
    m_exportJson->setToolTip(tr("Write every event of the listed result as JSON Lines, oldest first"));
    connect(m_exportJson, &QPushButton::clicked, this,
            [this] { exportResult(model::EventExportFormat::JsonLines); });
    m_filterError = new QLabel(filters);
    m_filterError->setObjectName("auditFilterError");
    m_filterError->setStyleSheet(errorLabelStyle() + QStringLiteral(" font-weight: bold;"));
    m_filterError->setWordWrap(true);
    m_filterError->hide();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_filterError, 1);
    buttons->addWidget(search);
    buttons->addWidget(clear);
    buttons->addSpacing(12);
    buttons->addWidget(m_exportCsv);
    buttons->addWidget(m_exportJson);
    ++row;
    grid->addLayout(buttons, row, 0, 1, 6);

    m_view = new QTableView(this);
    m_view->setObjectName("auditTable");
    m_view->setAccessibleName(tr("Matching events"));
    m_view->setTabKeyNavigation(false);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    const QFontMetrics fm = m_view->fontMetrics();
    const std::pair<int, const char*> widths[] = {
        {AuditModel::Time, "2026-11-28 12:00:00.000  "}, {AuditModel::Proxy, "proxy-name   "},
        {AuditModel::Method, "Method   "},  {AuditModel::Object, "manifest  "},
        {AuditModel::Namespace, "registry.k8s.io   "}, {AuditModel::Repository, "library/alpine-xx  "},
        {AuditModel::Reference, "3.20-alpine "}, {AuditModel::Digest, "sha256:0123456789ab  "},
        {AuditModel::Cache, "Cache   "}, {AuditModel::Mismatch, "unmapped  "}, {AuditModel::Decision, "rejected  "},
        {AuditModel::Status, "404  "}, {AuditModel::Bytes, "1,023.9 KiB  "},
        {AuditModel::Upstream, "https://registry-1.docker.io  "}, {AuditModel::Client, "127.0.0.1   "}};
    for (const auto& [column, sample] : widths)
        m_view->setColumnWidth(column, fm.horizontalAdvance(QString::fromUtf8(sample)));
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AuditPage::selectionChanged);

    m_details = new QPlainTextEdit(this);
    m_details->setObjectName("auditDetails");
    m_details->setAccessibleName(tr("Fields of the selected event"));
    m_details->setTabChangesFocus(true);
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);   // keeps the value column aligned
    m_details->setPlaceholderText(tr("Select an event to see all of its fields."));
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* detailsBox = new QGroupBox(tr("Event"), this);
    auto* detailsLayout = new QVBoxLayout(detailsBox);
    detailsLayout->addWidget(m_details);

    auto* who = new QGroupBox(tr("Who served this digest"), this);
    auto* whoLayout = new QVBoxLayout(who);
    auto* whoRow = new QHBoxLayout;
    m_whoDigest = new QLineEdit(who);
    m_whoDigest->setObjectName("auditWhoDigest");
    m_whoDigest->setAccessibleName(tr("Digest to look up"));
    m_whoDigest->setPlaceholderText(tr("sha256:… (filled from the selected event)"));
    m_whoDigest->setClearButtonEnabled(true);
    m_whoButton = new QPushButton(tr("Loo&k up"), who);
    m_whoButton->setObjectName("auditWhoServed");
    connect(m_whoButton, &QPushButton::clicked, this, [this] { showWhoServed(m_whoDigest->text().trimmed()); });
    connect(m_whoDigest, &QLineEdit::returnPressed, m_whoButton, &QPushButton::click);
    whoRow->addWidget(m_whoDigest, 1);
    whoRow->addWidget(m_whoButton);
    whoLayout->addLayout(whoRow);
    m_whoView = new QTableView(who);
    m_whoView->setObjectName("auditDigestServers");
    m_whoView->setAccessibleName(tr("Upstreams that served the digest"));
    m_whoView->setTabKeyNavigation(false);
    m_whoView->setModel(m_servers);
    m_whoView->verticalHeader()->hide();
    m_whoView->setWordWrap(false);
    m_whoView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_whoView->horizontalHeader()->setStretchLastSection(true);
    whoLayout->addWidget(m_whoView, 1);
    m_whoStatus = new QLabel(who);
    m_whoStatus->setObjectName("auditWhoStatus");
    m_whoStatus->setWordWrap(true);
    whoLayout->addWidget(m_whoStatus);

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(detailsBox);
    lower->addWidget(who);
    lower->setStretchFactor(0, 1);
    lower->setStretchFactor(1, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName("auditSplitter");
    split->addWidget(m_view);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    m_status = new QLabel(this);
    m_status->setObjectName("auditStatus");

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(filters);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    connect(m_range, &QComboBox::currentIndexChanged, this, &AuditPage::rangeChanged);
    rangeChanged();
}

qint64 AuditPage::now() const
{
    return m_now ? m_now() : QDateTime::currentMSecsSinceEpoch();
}

void AuditPage::rangeChanged()
{
    const bool custom = m_range->currentIndex() == Custom;
    m_since->setEnabled(custom);
    m_until->setEnabled(custom);
    if (custom)
        return;
    // Show what the preset means; a switch to "Custom" starts from it.
    const qint64 until = now();
    const int range = m_range->currentIndex();
    m_until->setDateTime(QDateTime::fromMSecsSinceEpoch(until));
    m_since->setDateTime(QDateTime::fromMSecsSinceEpoch(range < AllTime ? until - kRangeMs[range] : 0));
}

void AuditPage::setIngest(client::LogIngest* ingest)
{
    m_ingest = ingest;
    m_model->setIngest(ingest);
    const bool enabled = ingest != nullptr;
    m_exportCsv->setEnabled(enabled);
    m_exportJson->setEnabled(enabled);
    m_whoButton->setEnabled(enabled);
    refreshProxies();
    updateStatus();
}

void AuditPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refreshProxies();
    // The first visit runs the default query (last 24 hours), so the page is
    // never an empty form with an empty table.
    if (m_ingest && !m_searched)
        search();
}

void AuditPage::refreshProxies()
{
    if (!m_ingest)
        return;
    m_ingest->read<std::vector<store::ProxyRecord>>(
        this,
        [](store::LogStore* s) {
            if (!s)
                return std::vector<store::ProxyRecord>{};
            auto list = s->proxies();
            return list ? std::move(*list) : std::vector<store::ProxyRecord>{};
        },
        [this](std::vector<store::ProxyRecord> proxies) {
            QHash<QString, QString> names;
            const QString selected = m_proxy->currentData().toString();
            m_proxy->clear();
            m_proxy->addItem(tr("All proxies"));
            for (const auto& p : proxies) {
                const QString id = QString::fromStdString(p.instanceId);
                const QString name = p.name.empty() ? id : QString::fromStdString(p.name);
                names.insert(id, name);
                m_proxy->addItem(name, id);
                m_proxy->setItemData(m_proxy->count() - 1, id, Qt::ToolTipRole);
            }
            if (const int index = m_proxy->findData(selected); index > 0)
                m_proxy->setCurrentIndex(index);
            m_model->setProxyNames(std::move(names));
        });
}

Result<store::EventFilter> AuditPage::filterFromInputs() const
{
    store::EventFilter filter;
    const int range = m_range->currentIndex();
    if (range == Custom) {
        filter.sinceMs = m_since->dateTime().toMSecsSinceEpoch();
        filter.untilMs = m_until->dateTime().toMSecsSinceEpoch();
        if (*filter.untilMs <= *filter.sinceMs)
            return makeError("audit.filter.time", tr("Time: the end (%1) is not after the start (%2).")
                                                      .arg(m_until->text(), m_since->text())
                                                      .toStdString());
    } else {
        // A preset ends at the search, so that an export holds what was
        // listed and not the events that arrived since.
        const qint64 until = now() + 1;
        if (range != AllTime)
            filter.sinceMs = until - 1 - kRangeMs[range];
        filter.untilMs = until;
    }
    if (m_proxy->currentIndex() > 0)
        filter.instanceId = m_proxy->currentData().toString().toStdString();
    if (auto ns = fieldText(m_namespace)) {
        auto normalized = model::normalizeRegistryHost(*ns, "Namespace");
        if (!normalized)
            return normalized.error();
        filter.ns = std::move(*normalized);
    }
    if (auto repository = fieldText(m_repository)) {
        if (auto ok = model::checkRepository(*repository, "Repository"); !ok)
            return ok.error();
        filter.repository = std::move(repository);
    }
    if (auto reference = fieldText(m_reference)) {
        if (!model::isValidTag(*reference) && !model::isValidDigest(*reference))
            return makeError("audit.filter.reference",
                             tr("Reference: %1 is neither a tag nor a digest.")
                                 .arg(QString::fromStdString(model::quoteForMessage(*reference)))
                                 .toStdString());
        filter.reference = std::move(reference);
    }
    if (auto digest = fieldText(m_digest)) {
        if (auto ok = model::checkDigest(*digest, "Digest"); !ok)
            return ok.error();
        filter.digest = std::move(digest);
    }
    filter.upstream = fieldText(m_upstream);
    filter.client = fieldText(m_client);
    filter.userAgent = fieldText(m_userAgent);
    if (m_cache->currentIndex() > 0)
        filter.cache = model::cacheResultFromString(m_cache->currentData().toString().toStdString());
    if (m_mismatch->currentIndex() > 0)
        filter.mismatch = model::mismatchFromString(m_mismatch->currentData().toString().toStdString());
    if (m_decision->currentIndex() > 0)
        filter.decision = model::decisionFromString(m_decision->currentData().toString().toStdString());
    return filter;
}

void AuditPage::search()
{
    m_searched = true;
    if (m_range->currentIndex() != Custom)
        rangeChanged();   // "last hour" means the hour before this click
    auto filter = filterFromInputs();
    if (!filter) {
        m_filterError->setText(client::translated(filter.error()));
        m_filterError->show();
        return;
    }
    m_filterError->hide();
    m_filterError->clear();
    m_model->setFilter(std::move(*filter));
    updateStatus();
}

void AuditPage::clearFilters()
{
    m_range->setCurrentIndex(LastDay);
    for (auto* combo : {m_proxy, m_cache, m_mismatch, m_decision})
        combo->setCurrentIndex(0);
    for (auto* edit : {m_namespace, m_repository, m_reference, m_digest, m_upstream, m_client, m_userAgent})
        edit->clear();
    search();
}

QString AuditPage::detailsText() const
{
    return m_details->toPlainText();
}

void AuditPage::selectionChanged()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_details->clear();
        return;
    }
    const auto& row = m_model->eventAt(rows.front().row());
    const auto& e = row.event;
    const QString none = tr("—");
    const auto value = [&](const std::optional<std::string>& s) { return s ? text(s) : none; };
    const QString proxy = m_model->data(m_model->index(rows.front().row(), AuditModel::Proxy)).toString();
    const QString instance = QString::fromStdString(row.instanceId);
    const QList<std::pair<QString, QString>> fields = {
        {tr("Proxy"), proxy == instance ? instance : tr("%1 (%2)").arg(proxy, instance)},
        {tr("Sequence"), QString::number(e.seq)},
        {tr("Time"), QString::fromStdString(model::formatTime(e.timeMs))},
        {tr("Request"), tr("%1 %2").arg(QString::fromStdString(e.method), text(std::string(model::toString(e.object))))},
        {tr("Asked for"), value(e.requestedNs)},
        {tr("Served by namespace"), value(e.servedNs)},
        {tr("Upstream"), e.upstream ? text(e.upstream) : tr("— (no upstream contacted)")},
        {tr("Repository"), QString::fromStdString(e.repository)},
        {tr("Reference"), QString::fromStdString(e.reference)},
        {tr("Digest"), value(e.digest)},
        {tr("Media type"), value(e.mediaType)},
        {tr("Cache"), text(std::string(model::toString(e.cache)))},
        {tr("Mismatch"), text(std::string(model::toString(e.mismatch)))},
        {tr("Decision"), text(std::string(model::toString(e.decision)))},
        {tr("Status"), QString::number(e.status)},
        {tr("Bytes"), QLocale().toString(qlonglong(e.bytes))},
        {tr("Duration"), tr("%1 ms").arg(e.durationMs, 0, 'f', 3)},
        {tr("Client"), QString::fromStdString(e.client)},
        {tr("User agent"), QString::fromStdString(e.userAgent)},
        {tr("Detail"), value(e.detail)},
    };
    int width = 0;
    for (const auto& [name, _] : fields)
        width = std::max(width, int(name.size()));
    QStringList lines;
    for (const auto& [name, v] : fields)
        lines << QStringLiteral("%1  %2").arg(name + QLatin1Char(':'), -(width + 1)).arg(v);
    m_details->setPlainText(lines.join('\n'));
    if (e.digest) {
        m_whoDigest->setText(text(e.digest));
        m_whoDigest->setCursorPosition(0);
    }
}

void AuditPage::showWhoServed(const QString& digest)
{
    m_whoDigest->setText(digest);
    m_whoDigest->setCursorPosition(0);
    if (auto ok = model::checkDigest(digest.toStdString(), "Digest"); !ok) {
        m_whoStatus->setText(client::translated(ok.error()));
        m_servers->setServers({});
        emit digestServersShown();
        return;
    }
    if (!m_ingest)
        return;
    delete m_whoContext;
    m_whoContext = new QObject(this);
    m_whoStatus->setText(tr("Looking up…"));
    struct Answer
    {
        std::vector<store::DigestServer> servers;
        QString error;
    };
    m_ingest->read<Answer>(
        m_whoContext,
        [d = digest.toStdString()](store::LogStore* s) {
            Answer answer;
            if (!s) {
                answer.error = tr("The local log store could not be opened.");
                return answer;
            }
            auto servers = s->whoServedDigest(d);
            if (!servers)
                answer.error = client::translated(servers.error());
            else
                answer.servers = std::move(*servers);
            return answer;
        },
        [this, digest](Answer answer) {
            if (!answer.error.isEmpty()) {
                m_whoStatus->setText(answer.error);
            } else if (answer.servers.empty()) {
                m_whoStatus->setText(tr("No stored event served %1.").arg(digest));
            } else {
                qint64 total = 0;
                for (const auto& s : answer.servers)
                    total += s.count;
                m_whoStatus->setText(tr("%n request(s) served %1 over the stored history.", "", int(total))
                                         .arg(digest.left(19) + QStringLiteral("…")));
            }
            m_servers->setServers(std::move(answer.servers));
            emit digestServersShown();
        });
}

void AuditPage::exportResult(model::EventExportFormat format)
{
    if (!m_ingest || (m_job && m_job->isRunning()))
        return;
    const bool csv = format == model::EventExportFormat::Csv;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(dir).filePath(
        QStringLiteral("nsgate-events-%1.%2")
            .arg(QDateTime::fromMSecsSinceEpoch(now()).toString("yyyyMMdd-HHmm"), csv ? "csv" : "jsonl"));
    const store::EventFilter filter = m_model->filter();
    m_chooseSaveFile(this, csv ? tr("Export events as CSV") : tr("Export events as JSON Lines"), suggested,
                     csv ? tr("CSV files (*.csv)") : tr("JSON Lines (*.jsonl *.json)"),
                     [this, format, filter, page = QPointer<AuditPage>(this)](const QString& path) {
                         if (!page || path.isEmpty() || !m_ingest)
                             return;
                         delete m_job;
                         client::EventExportJob::Options options;
                         options.storePath = m_ingest->storePath();
                         options.filter = filter;
                         options.format = format;
                         options.destination = path;
                         m_job = new client::EventExportJob(std::move(options), this);
                         m_job->setObjectName("auditExportJob");
                         if (!m_progress) {
                             m_progress = new QProgressDialog(this);
                             m_progress->setObjectName("auditExportProgress");
                             m_progress->setWindowTitle(tr("Export events"));
                             m_progress->setWindowModality(Qt::WindowModal);
                             m_progress->setAutoReset(false);
                             m_progress->setAutoClose(false);
                             m_progress->setRange(0, 1000);
                             m_progress->setMinimumDuration(0);
                         }
                         auto* job = m_job;
                         connect(m_progress, &QProgressDialog::canceled, job, &client::EventExportJob::cancel,
                                 Qt::UniqueConnection);
                         connect(job, &client::EventExportJob::progress, this, [this](qint64 rows, int permille) {
                             m_progress->setValue(permille);
                             m_progress->setLabelText(
                                 tr("%Ln event(s) written…", nullptr, int(std::min<qint64>(rows, INT_MAX))));
                         });
                         connect(job, &client::EventExportJob::finished, this, &AuditPage::exportDone);
                         m_progress->setLabelText(tr("Exporting to %1…").arg(QFileInfo(path).fileName()));
                         m_progress->setValue(0);
                         m_progress->open();
                         m_exportCsv->setEnabled(false);
                         m_exportJson->setEnabled(false);
                         emit exportStarting(job);
                         job->start();
                     });
}

void AuditPage::exportDone(client::EventExportJob::Outcome outcome, qint64 rows, const QString& error)
{
    if (m_progress) {
        m_progress->disconnect(m_job);
        m_progress->reset();
        m_progress->hide();
    }
    m_exportCsv->setEnabled(m_ingest != nullptr);
    m_exportJson->setEnabled(m_ingest != nullptr);
    const QString file = m_job ? m_job->options().destination : QString();
    switch (outcome) {
    case client::EventExportJob::Outcome::Written:
        m_status->setText(tr("Exported %Ln event(s) to %1.", nullptr, int(std::min<qint64>(rows, INT_MAX))).arg(file));
        break;
    case client::EventExportJob::Outcome::Cancelled:
        m_status->setText(tr("Export cancelled; %1 was not written.").arg(file));
        break;
    case client::EventExportJob::Outcome::Failed:
        m_status->setText(tr("Export failed: %1").arg(error));
        break;
    }
    emit exportFinished(outcome, rows, error);
}

void AuditPage::updateStatus()
{
    QString status;
    if (!m_ingest)
        status = tr("No local log store: the audit reads the events the console has collected.");
    else if (!m_model->lastError().isEmpty())
        status = tr("The query failed: %1").arg(m_model->lastError());
    else if (m_model->isLoading())
        status = tr("Searching… %Ln event(s) listed so far.", nullptr, m_model->rowCount());
    else if (m_model->isComplete())
        status = m_model->rowCount() == 0 ? tr("No stored event matches.")
                                          : tr("%Ln event(s) match, newest first.", nullptr, m_model->rowCount());
    else
        status = tr("%Ln event(s) listed, newest first; scroll down for more.", nullptr, m_model->rowCount());
    m_status->setText(status);
}

} // namespace nsgate::ui
