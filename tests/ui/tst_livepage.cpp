// The Live tab against a real nsgate: requests show up in the tail, the
// counters and the top lists equal what the proxy's own /admin/v1/events
// gives, pause and the quick filter act on the tail only; the chart's range
// changes its buckets and zoom narrows its time axis; the log store settings
// dialog reads, validates and applies its limits; LiveTailModel and the top
// list models under the model tester.

#include "core/client/AdminClient.h"
#include "core/client/LogIngest.h"
#include "core/client/ProfileStore.h"
#include "core/client/ProxyConnection.h"
#include "core/client/SecretStore.h"
#include "core/store/LogStore.h"
#include "ui/LivePage.h"
#include "ui/LiveTailModel.h"
#include "ui/LogStoreSettingsDialog.h"
#include "ui/MainWindow.h"
#include "ui/ProxyListModel.h"
#include "ui/ProbePage.h"
#include "ui/ProxySession.h"
#include "ui/TopListModels.h"

#include "tests/ui/TestProxy.h"

#include <QAbstractItemModelTester>
#include <QAbstractScrollArea>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QAbstractItemView>
#include <QTest>
#include <QToolButton>

#include <map>
#include <memory>
#include <optional>

using namespace nsgate;
using nsgate::test::TestProxy;

namespace {

client::IngestedEvent makeEvent(std::int64_t seq, const char* repository)
{
    client::IngestedEvent e;
    e.instanceId = "i1";
    e.event.seq = seq;
    e.event.timeMs = 1700000000000 + seq;
    e.event.method = "GET";
    e.event.repository = repository;
    e.event.reference = "latest";
    e.event.status = 200;
    return e;
}

store::NamespaceCounters nsRow(const char* ns, std::int64_t requests)
{
    store::NamespaceCounters row;
    row.ns = ns;
    row.counters.requests = requests;
    row.counters.hits = requests;
    return row;
}

model::Event storedEvent(std::int64_t seq, std::int64_t timeMs)
{
    model::Event e;
    e.seq = seq;
    e.timeMs = timeMs;
    e.method = "GET";
    e.servedNs = "docker.io";
    e.repository = "library/alpine";
    e.reference = "3.20";
    e.cache = model::CacheResult::Hit;
    e.status = 200;
    e.client = "10.0.0.1";
    return e;
}

// The top lists, counted independently from a proxy's event page.
struct ExpectedTops
{
    std::map<std::string, store::Counters> namespaces;
    std::map<std::pair<std::string, std::string>, store::RepositoryCount> repositories;
    std::map<std::pair<model::Mismatch, std::string>, store::MismatchSource> sources;
    std::int64_t requests = 0;
};

ExpectedTops expectedTops(const std::vector<model::Event>& events)
{
    ExpectedTops out;
    for (const auto& e : events) {
        ++out.requests;
        const std::string ns(store::namespaceKey(e));
        out.namespaces[ns] += store::countersOf(e);
        auto& repo = out.repositories[{ns, e.repository}];
        repo.ns = ns;
        repo.repository = e.repository;
        ++repo.requests;
        repo.hits += e.cache == model::CacheResult::Hit;
        repo.misses += e.cache == model::CacheResult::Miss;
        if (e.mismatch != model::Mismatch::None) {
            const std::string source = e.mismatch == model::Mismatch::Unmapped ? e.requestedNs.value_or("") : e.client;
            auto& s = out.sources[{e.mismatch, source}];
            s.kind = e.mismatch;
            s.source = source;
            ++s.count;
            s.lastMs = std::max(s.lastMs, e.timeMs);
        }
    }
    return out;
}

// Why the page's top models differ from `expected`, or empty.
QString topsDiffer(const ui::LivePage& page, const ExpectedTops& expected)
{
    const auto* ns = page.topNamespaces();
    if (ns->rowCount() != int(expected.namespaces.size()))
        return QString("namespaces: %1 rows, expected %2").arg(ns->rowCount()).arg(expected.namespaces.size());
    for (const auto& row : ns->rows()) {
        auto it = expected.namespaces.find(row.ns);
        if (it == expected.namespaces.end() || !(it->second == row.counters))
            return QString("namespace \"%1\" differs").arg(QString::fromStdString(row.ns));
    }
    const auto* repos = page.topRepositories();
    if (repos->rowCount() != int(expected.repositories.size()))
        return QString("repositories: %1 rows, expected %2").arg(repos->rowCount()).arg(expected.repositories.size());
    for (const auto& row : repos->rows()) {
        auto it = expected.repositories.find({row.ns, row.repository});
        if (it == expected.repositories.end() || it->second.requests != row.requests ||
            it->second.hits != row.hits || it->second.misses != row.misses)
            return QString("repository %1 differs").arg(QString::fromStdString(row.repository));
    }
    const auto* sources = page.topMismatchSources();
    if (sources->rowCount() != int(expected.sources.size()))
        return QString("mismatch sources: %1 rows, expected %2").arg(sources->rowCount()).arg(expected.sources.size());
    for (const auto& row : sources->rows()) {
        auto it = expected.sources.find({row.kind, row.source});
        if (it == expected.sources.end() || it->second.count != row.count || it->second.lastMs != row.lastMs)
            return QString("mismatch source %1 differs").arg(QString::fromStdString(row.source));
    }
    return {};
}

} // namespace

class TestLivePage : public QObject
{
    Q_OBJECT

private:
    TestProxy m_proxy;
    QNetworkAccessManager m_network;

    void generate(int n, int offset = 0)
    {
        int finished = 0;
        for (int i = 0; i < n; ++i) {
            QUrl url = m_proxy.registryUrl();
            url.setPath(QString("/v2/x/manifests/%1").arg(offset + i));
            url.setQuery("ns=unmapped.example");
            auto* reply = m_network.head(QNetworkRequest(url));
            connect(reply, &QNetworkReply::finished, this, [reply, &finished] {
                ++finished;
                reply->deleteLater();
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, n, 10000);
    }

    // Counted independently from the proxy's own event log.
    std::optional<store::Counters> proxyCounters()
    {
        client::ConnectionOptions options;
        options.adminUrl = m_proxy.adminUrl();
        options.token = m_proxy.token();
        client::AdminClient admin(options);
        std::optional<store::Counters> out;
        bool answered = false;
        admin.events(0, 10000, this, [&](client::ApiResult<client::EventPage> page) {
            answered = true;
            if (!page)
                return;
            store::Counters c;
            for (const auto& e : page->events)
                c += store::countersOf(e);
            out = c;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answered, 10000); }();
        return out;
    }

    // The proxy's whole event log.
    std::optional<std::vector<model::Event>> proxyEvents()
    {
        client::ConnectionOptions options;
        options.adminUrl = m_proxy.adminUrl();
        options.token = m_proxy.token();
        client::AdminClient admin(options);
        std::optional<std::vector<model::Event>> out;
        bool answered = false;
        admin.events(0, 10000, this, [&](client::ApiResult<client::EventPage> page) {
            answered = true;
            if (page)
                out = std::vector<model::Event>(page->events.begin(), page->events.end());
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answered, 10000); }();
        return out;
    }

    // Requests that land in different namespaces, repositories and mismatch kinds.
    void generateMixed(int offset)
    {
        int finished = 0;
        const QList<QPair<QString, QString>> requests = {
            {"/v2/x/manifests/%1", "ns=unmapped.example"}, {"/v2/x/manifests/%1", "ns=unmapped.example"},
            {"/v2/y/manifests/%1", "ns=unmapped.example"}, {"/v2/z/manifests/%1", "ns=other.example"},
            {"/v2/library/busybox/manifests/%1", ""},
        };
        for (int i = 0; i < requests.size(); ++i) {
            QUrl url = m_proxy.registryUrl();
            url.setPath(requests[i].first.arg(offset + i));
            url.setQuery(requests[i].second);
            auto* reply = m_network.head(QNetworkRequest(url));
            connect(reply, &QNetworkReply::finished, this, [reply, &finished] {
                ++finished;
                reply->deleteLater();
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, int(requests.size()), 10000);
    }

private slots:
    void initTestCase()
    {
        const QString why = m_proxy.start();
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void tailModelUnderTheTester()
    {
        ui::LiveTailModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(5);
        QCOMPARE(model.columnCount(), int(ui::LiveTailModel::ColumnCount));
        model.append({makeEvent(1, "a"), makeEvent(2, "b"), makeEvent(3, "c")});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, ui::LiveTailModel::Repository).data().toString(), QString("a"));
        // Over the cap: the oldest go, the newest stay, in order.
        model.append({makeEvent(4, "d"), makeEvent(5, "e"), makeEvent(6, "f"), makeEvent(7, "g")});
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.eventAt(0).event.seq, 3);
        QCOMPARE(model.eventAt(4).event.seq, 7);
        // A batch larger than the cap keeps its newest rows.
        QList<client::IngestedEvent> big;
        for (int i = 10; i < 20; ++i)
            big << makeEvent(i, "h");
        model.append(big);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.eventAt(0).event.seq, 15);
        model.setProxyName("i1", "Proxy One");
        QCOMPARE(model.index(0, ui::LiveTailModel::Proxy).data().toString(), QString("Proxy One"));
        QCOMPARE(model.index(0, 0).data(ui::LiveTailModel::InstanceIdRole).toString(), QString("i1"));
        model.setCapacity(2);
        QCOMPARE(model.rowCount(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void topModelsUnderTheTester()
    {
        ui::TopRepositoriesModel repos;
        QAbstractItemModelTester reposTester(&repos, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(repos.columnCount(), int(ui::TopRepositoriesModel::ColumnCount));
        repos.setRows({{"docker.io", "a", 5, 4, 1}, {"ghcr.io", "a", 3, 0, 3}});
        QCOMPARE(repos.rowCount(), 2);
        QCOMPARE(repos.indexOf({"ghcr.io", "a"}), 1);
        QCOMPARE(repos.index(1, ui::TopRepositoriesModel::Misses).data().toString(), QLocale().toString(3));
        QCOMPARE(repos.index(1, ui::TopRepositoriesModel::Misses).data(ui::TopRepositoriesModel::SortRole).toLongLong(),
                 3);
        repos.setRows({});
        QCOMPARE(repos.rowCount(), 0);

        ui::TopMismatchSourcesModel sources;
        QAbstractItemModelTester sourcesTester(&sources, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(sources.columnCount(), int(ui::TopMismatchSourcesModel::ColumnCount));
        sources.setRows({{model::Mismatch::Unmapped, "quay.io", 7, 1700000000000},
                         {model::Mismatch::Missing, "10.0.0.9", 2, 1700000000001}});
        QCOMPARE(sources.index(0, ui::TopMismatchSourcesModel::Kind).data().toString(), QString("unmapped"));
        QCOMPARE(sources.index(1, ui::TopMismatchSourcesModel::Source).data().toString(), QString("10.0.0.9"));
        QCOMPARE(sources.indexOf({model::Mismatch::Missing, "10.0.0.9"}), 1);
        QCOMPARE(sources.indexOf({model::Mismatch::Conflict, "10.0.0.9"}), -1);

        // The namespaces model as the page shows it: sorted by requests, most first.
        ui::LivePage page;
        auto* model = page.topNamespaces();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->columnCount(), int(ui::TopNamespacesModel::ColumnCount));
        auto* view = page.findChild<QTableView*>("liveTopNamespaces");
        QVERIFY(view);
        QCOMPARE(view->model()->columnCount(), int(ui::TopNamespacesModel::ColumnCount));
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        model->setRows({nsRow("docker.io", 50), nsRow("ghcr.io", 30), nsRow("", 10)});
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(view->model()->index(0, 0).data().toString(), QString("docker.io"));
        QCOMPARE(view->model()->index(2, 0).data().toString(), QString("(none)"));
        QCOMPARE(view->model()->index(0, ui::TopNamespacesModel::HitRatio).data().toString(),
                 QLocale().toString(100.0, 'f', 1) + " %");

        // Select ghcr.io, then let it overtake docker.io, drop "" and add quay.io.
        view->selectionModel()->select(view->model()->index(1, 0),
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(view->selectionModel()->selectedRows().first().data().toString(), QString("ghcr.io"));
        inserted.clear();
        model->setRows({nsRow("ghcr.io", 80), nsRow("docker.io", 50), nsRow("quay.io", 5)});
        QCOMPARE(resets.size(), 0);
        QCOMPARE(removed.size(), 1);    // ""
        QCOMPARE(inserted.size(), 1);   // quay.io, at the end
        QCOMPARE(changed.size(), 1);    // ghcr.io's numbers only
        QCOMPARE(model->rowCount(), 3);
        // Rows that stayed kept their place in the model ...
        QCOMPARE(model->indexOf("docker.io"), 0);
        QCOMPARE(model->indexOf("ghcr.io"), 1);
        QCOMPARE(model->indexOf("quay.io"), 2);
        QCOMPARE(model->indexOf(""), -1);
        QCOMPARE(model->namespaceAt(1).counters.requests, 80);
        // ... the view ranks by the new numbers, and the selection stayed on ghcr.io.
        QCOMPARE(view->model()->index(0, 0).data().toString(), QString("ghcr.io"));
        QCOMPARE(view->model()->index(2, 0).data().toString(), QString("quay.io"));
        const auto selected = view->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), QString("ghcr.io"));

        // The same rows again: no signal at all.
        changed.clear();
        removed.clear();
        inserted.clear();
        model->setRows({nsRow("ghcr.io", 80), nsRow("docker.io", 50), nsRow("quay.io", 5)});
        QCOMPARE(changed.size() + removed.size() + inserted.size(), 0);
    }

    void chartRangeBucketsAndZoom()
    {
        QTemporaryDir dir;
        client::LogIngest ingest(dir.filePath("events.db"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch() / 3600000 * 3600000 + 30 * 60000;
        constexpr qint64 minute = 60000;
        // 3 events 10 min ago, 5 three hours ago, 7 two days ago, 11 ten days ago.
        QList<model::Event> events;
        std::int64_t seq = 0;
        for (auto [ago, n] : {std::pair{10 * minute, 3}, {180 * minute, 5}, {2 * 1440 * minute, 7}, {10 * 1440 * minute, 11}})
            for (int i = 0; i < n; ++i)
                events << storedEvent(++seq, now - ago + i);
        ingest.ingest("i1", events);

        ui::LivePage page;
        page.setClock([now] { return now; });
        page.setIngest(&ingest);
        page.resize(1200, 900);
        page.show();
        auto* range = page.findChild<QComboBox*>("liveChartRange");
        QVERIFY(range);
        const auto charted = [&] {
            std::int64_t hits = 0;
            for (const auto& point : page.chartPoints()) {
                if (point.minuteStartMs % page.chartBucketMs() != 0)
                    return std::int64_t(-1);
                hits += point.counters.hits;
            }
            return hits;
        };
        QTRY_COMPARE(charted(), std::int64_t(3));
        QCOMPARE(page.chartBucketMs(), minute);
        QCOMPARE(page.chartTimeRange().second - page.chartTimeRange().first, 59 * minute);

        range->setCurrentIndex(ui::LiveChart::LastDay);
        QTRY_COMPARE(page.chartBucketMs(), 5 * minute);
        QTRY_COMPARE(charted(), std::int64_t(3 + 5));
        QCOMPARE(page.chartTimeRange().second - page.chartTimeRange().first, 1440 * minute - 5 * minute);

        range->setCurrentIndex(ui::LiveChart::LastWeek);
        QTRY_COMPARE(page.chartBucketMs(), 60 * minute);
        QTRY_COMPARE(charted(), std::int64_t(3 + 5 + 7));
        const auto week = page.chartTimeRange();
        QCOMPARE(week.second - week.first, 7 * 1440 * minute - 60 * minute);

        // Drag across the middle half of the plot: the time axis narrows to about that.
        auto* view = page.findChild<QAbstractScrollArea*>("liveChart");
        QVERIFY(view);
        auto* reset = page.findChild<QPushButton*>("liveChartResetZoom");
        QVERIFY(reset);
        QVERIFY(!reset->isEnabled());
        const QRect plot = page.chartPlotArea();
        QVERIFY(plot.width() > 100);
        const QPoint from(plot.left() + plot.width() / 4, plot.center().y());
        const QPoint to(plot.left() + plot.width() * 3 / 4, plot.center().y());
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(view->viewport(), to);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
        QVERIFY(page.isChartZoomed());
        const auto zoomed = page.chartTimeRange();
        const qint64 span = week.second - week.first;
        QVERIFY2(zoomed.second - zoomed.first < span * 6 / 10 && zoomed.second - zoomed.first > span * 4 / 10,
                 qPrintable(QString("zoomed to %1 of %2 ms").arg(zoomed.second - zoomed.first).arg(span)));
        QVERIFY(zoomed.first > week.first && zoomed.second < week.second);
        QVERIFY(reset->isEnabled());
        // A refresh keeps the operator's zoom: wait for the redraw it causes
        // (redraws are spaced a second apart), then look.
        QSignalSpy redrawn(&page, &ui::LivePage::chartShown);
        page.refreshCounters();
        QTRY_VERIFY_WITH_TIMEOUT(!redrawn.isEmpty(), 5000);
        QCOMPARE(page.chartTimeRange(), zoomed);
        QVERIFY(page.isChartZoomed());

        reset->click();
        QVERIFY(!page.isChartZoomed());
        QCOMPARE(page.chartTimeRange(), week);
        QVERIFY(!reset->isEnabled());

        // A new range drops the zoom.
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(view->viewport(), to);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
        QVERIFY(page.isChartZoomed());
        range->setCurrentIndex(ui::LiveChart::LastHour);
        QTRY_COMPARE(page.chartBucketMs(), minute);
        QVERIFY(!page.isChartZoomed());
        QCOMPARE(page.chartTimeRange().second - page.chartTimeRange().first, 59 * minute);
    }

    void logStoreSettingsDialogAppliesItsLimits()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("console.ini"), QSettings::IniFormat);
        // Defaults.
        QStringList problems;
        auto policy = ui::LogStoreSettingsDialog::retentionFromSettings(settings, &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(policy.maxAgeMs, std::optional<std::int64_t>(30LL * 86400000));
        QCOMPARE(policy.maxEvents, std::optional<std::int64_t>(10000000));
        QCOMPARE(policy.aggregateMaxAgeMs, std::optional<std::int64_t>(400LL * 86400000));
        // 0 is "no limit"; junk is named and replaced by the default.
        settings.setValue("logStore/maxAgeDays", 0);
        settings.setValue("logStore/maxEvents", "lots");
        policy = ui::LogStoreSettingsDialog::retentionFromSettings(settings, &problems);
        QCOMPARE(policy.maxAgeMs, std::nullopt);
        QCOMPARE(policy.maxEvents, std::optional<std::int64_t>(10000000));
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().contains("logStore/maxEvents"));
        // A number of days that would overflow into a negative age (and so
        // delete everything) is refused the same way.
        problems.clear();
        settings.setValue("logStore/maxAgeDays", "200000000000");
        policy = ui::LogStoreSettingsDialog::retentionFromSettings(settings, &problems);
        QCOMPARE(policy.maxAgeMs, std::optional<std::int64_t>(30LL * 86400000));
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.first().contains("logStore/maxAgeDays"));
        settings.setValue("logStore/maxAgeDays", 0);
        problems.clear();
        policy = ui::LogStoreSettingsDialog::retentionFromSettings(settings, &problems);

        client::LogIngest ingest(dir.filePath("events.db"));
        ingest.ingest("i1", {storedEvent(1, 1700000000000), storedEvent(2, 1700000000001)});
        ui::LogStoreSettingsDialog dialog(settings, &ingest);
        QCOMPARE(dialog.findChild<QLabel*>("logStorePath")->text(), dir.filePath("events.db"));
        QTRY_COMPARE(dialog.findChild<QLabel*>("logStoreEventCount")->text(), QLocale().toString(2));
        auto* maxAge = dialog.findChild<QSpinBox*>("logStoreMaxAgeDays");
        auto* maxEvents = dialog.findChild<QSpinBox*>("logStoreMaxEvents");
        auto* aggregates = dialog.findChild<QSpinBox*>("logStoreAggregateMaxAgeDays");
        QVERIFY(maxAge && maxEvents && aggregates);
        QCOMPARE(maxAge->value(), 0);
        QCOMPARE(maxEvents->value(), 10000000);
        QCOMPARE(aggregates->value(), 400);
        maxAge->setValue(7);
        maxEvents->setValue(1);
        QSignalSpy pruned(&ingest, &client::LogIngest::retentionDone);
        dialog.findChild<QDialogButtonBox*>("logStoreButtons")->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(settings.value("logStore/maxAgeDays").toInt(), 7);
        QCOMPARE(settings.value("logStore/maxEvents").toLongLong(), 1);
        QCOMPARE(ingest.retention().maxEvents, std::optional<std::int64_t>(1));
        QCOMPARE(ingest.retention().maxAgeMs, std::optional<std::int64_t>(7LL * 86400000));
        // Applied at once on the worker: the events (from 2023) are past 7 days.
        QTRY_COMPARE(pruned.size(), 1);
        QCOMPARE(pruned.first().first().value<store::RetentionReport>().eventsDeleted, 2);
    }

    void liveTabShowsTheProxysEventsAndCounters()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("console.ini"), QSettings::IniFormat);
        client::ProfileStore profiles(settings);
        client::MemorySecretStore secrets;
        ui::ConsoleContext context;
        context.settings = &settings;
        context.profiles = &profiles;
        context.secrets = &secrets;
        context.actor = "tester@console";
        context.logStorePath = dir.filePath("events.db");
        ui::MainWindow window(context);
        window.show();
        QVERIFY(window.logIngest());
        auto* page = window.livePage();
        QVERIFY(page);
        auto* tabs = window.findChild<QTabWidget*>("proxyPages");
        QVERIFY(tabs);
        QCOMPARE(tabs->indexOf(page), tabs->indexOf(window.probePage()) + 1);

        client::ProxyProfile p;
        p.name = "Live";
        p.adminUrl = m_proxy.adminUrl();
        p.registryUrl = m_proxy.registryUrl();
        window.addProfile(p, m_proxy.token());
        auto* session = window.currentSession();
        QVERIFY(session);
        tabs->setCurrentWidget(page);
        QTRY_COMPARE_WITH_TIMEOUT(window.logIngest()->syncState(session->connection()),
                                  client::EventSync::State::Streaming, 10000);
        // The proxy list says where the sync stands, too.
        auto* list = window.findChild<QAbstractItemView*>("proxyList");
        QVERIFY(list);
        QTRY_COMPARE(list->model()->index(0, ui::ProxyListModel::Sync).data().toString(), QString("live"));

        const auto before = proxyCounters();
        QVERIFY(before);
        const int n = 20;
        generate(n);
        auto* view = page->findChild<QTableView*>("liveTail");
        QVERIFY(view);
        const int expectedRows = int(before->requests) + n;
        QTRY_COMPARE(view->model()->rowCount(), expectedRows);

        const auto expected = proxyCounters();
        QVERIFY(expected);
        QCOMPARE(expected->requests, std::int64_t(expectedRows));
        QCOMPARE(expected->mismatchUnmapped, std::int64_t(expectedRows));
        QTRY_COMPARE(page->counters(ui::LivePage::FiveMinutes), *expected);
        QCOMPARE(page->counters(ui::LivePage::OneHour), *expected);
        QCOMPARE(page->counters(ui::LivePage::OneDay), *expected);
        // The chart's per-minute points add up to the same counts.
        QVERIFY(page->findChild<QWidget*>("liveChart"));
        store::Counters charted;
        for (const auto& point : page->chartPoints())
            charted += point.counters;
        QCOMPARE(charted, *expected);
        auto* requests = page->findChild<QLabel*>("counter_requests_5m");
        QVERIFY(requests);
        QCOMPARE(requests->text(), QLocale().toString(expectedRows));
        QCOMPARE(page->findChild<QLabel*>("counter_mismatchUnmapped_24h")->text(), QLocale().toString(expectedRows));

        // The proxy's scope counts the same (one proxy in the fleet).
        auto* scope = page->findChild<QComboBox*>("liveScope");
        QVERIFY(scope);
        QSignalSpy updated(page, &ui::LivePage::countersUpdated);
        scope->setCurrentIndex(1);
        QTRY_VERIFY(!updated.isEmpty());
        QCOMPARE(page->counters(ui::LivePage::FiveMinutes), *expected);
        QCOMPARE(view->model()->rowCount(), expectedRows);

        // The quick filter narrows the tail.
        auto* filter = page->findChild<QLineEdit*>("liveQuickFilter");
        QVERIFY(filter);
        QTest::keyClicks(filter, "no-such-thing");
        QCOMPARE(view->model()->rowCount(), 0);
        filter->clear();
        QCOMPARE(view->model()->rowCount(), expectedRows);

        // Paused: counters move on, the tail does not.
        auto* pause = page->findChild<QToolButton*>("livePauseButton");
        QVERIFY(pause);
        pause->click();
        QVERIFY(page->isPaused());
        generate(3, 100);
        std::optional<store::Counters> more;
        QTRY_VERIFY_WITH_TIMEOUT((more = proxyCounters()) && more->requests == expectedRows + 3, 10000);
        QTRY_COMPARE(page->counters(ui::LivePage::FiveMinutes), *more);
        QCOMPARE(view->model()->rowCount(), expectedRows);
        pause->click();
        QVERIFY(!page->isPaused());
        generate(2, 200);
        QTRY_COMPARE(view->model()->rowCount(), expectedRows + 2);
        QCOMPARE(page->tailModel()->rowCount(), expectedRows + 2);
    }

    void autoScrollOnlyWhenAtTheBottom()
    {
        QTemporaryDir dir;
        client::LogIngest ingest(dir.filePath("events.db"));
        client::ProxyProfile p;
        p.name = "Live";
        p.adminUrl = m_proxy.adminUrl();
        p.registryUrl = m_proxy.registryUrl();
        client::ProxyConnection connection(p, m_proxy.token());
        ui::LivePage page;
        page.setIngest(&ingest);
        page.setProxy(&connection);
        page.resize(800, 500);
        page.show();
        ingest.follow(&connection);
        connection.refresh();
        generate(40, 300);
        auto* view = page.tailView();
        auto* bar = view->verticalScrollBar();
        // Everything the proxy logged so far is in the tail (earlier tests' events too).
        auto allShown = [&] {
            const auto all = proxyCounters();
            return all && all->requests >= 40 && view->model()->rowCount() == int(all->requests);
        };
        QTRY_VERIFY_WITH_TIMEOUT(allShown(), 10000);
        QTRY_VERIFY(bar->maximum() > 0);
        QTRY_COMPARE(bar->value(), bar->maximum());

        // Scrolled up: new rows do not pull the view down.
        view->scrollToTop();
        int rows = view->model()->rowCount();
        generate(5, 400);
        QTRY_VERIFY_WITH_TIMEOUT(allShown(), 10000);
        QCOMPARE(view->model()->rowCount(), rows + 5);
        QCOMPARE(bar->value(), 0);

        // Back at the bottom: it follows again.
        view->scrollToBottom();
        rows = view->model()->rowCount();
        generate(5, 500);
        QTRY_VERIFY_WITH_TIMEOUT(allShown(), 10000);
        QCOMPARE(view->model()->rowCount(), rows + 5);
        QTRY_COMPARE(bar->value(), bar->maximum());
    }

    void topListsEqualTheProxysEvents()
    {
        QTemporaryDir dir;
        client::LogIngest ingest(dir.filePath("events.db"));
        client::ProxyProfile p;
        p.name = "Tops";
        p.adminUrl = m_proxy.adminUrl();
        p.registryUrl = m_proxy.registryUrl();
        client::ProxyConnection connection(p, m_proxy.token());
        ui::LivePage page;
        page.setTopsInterval(0);
        page.setIngest(&ingest);
        page.setProxy(&connection);
        page.resize(1000, 800);
        page.show();
        auto* window = page.findChild<QComboBox*>("liveTopWindow");
        QVERIFY(window);
        QCOMPARE(page.topWindow(), ui::LivePage::OneHour);
        ingest.follow(&connection);
        connection.refresh();
        generateMixed(1000);
        generateMixed(2000);

        // Everything the proxy logged (earlier tests' requests too) is in the last hour.
        std::optional<std::vector<model::Event>> events;
        QString why;
        auto matches = [&] {
            events = proxyEvents();
            if (!events)
                return false;
            why = topsDiffer(page, expectedTops(*events));
            return why.isEmpty();
        };
        QTRY_VERIFY2_WITH_TIMEOUT(matches(), qPrintable(why), 15000);
        const auto expected = expectedTops(*events);
        // Not trivially equal: several rows in each list.
        QVERIFY(page.topNamespaces()->rowCount() >= 2);
        // (nsgate logs no repository for a namespace nobody maps: one row per such namespace.)
        QVERIFY(page.topRepositories()->rowCount() >= 3);
        QVERIFY(page.topMismatchSources()->rowCount() >= 2);
        // The view ranks by requests.
        auto* view = page.findChild<QTableView*>("liveTopNamespaces");
        QVERIFY(view);
        const auto& most = *std::max_element(expected.namespaces.begin(), expected.namespaces.end(),
                                             [](const auto& a, const auto& b) {
                                                 return a.second.requests < b.second.requests;
                                             });
        QCOMPARE(view->model()->index(0, ui::TopNamespacesModel::Requests).data().toString(),
                 QLocale().toString(qlonglong(most.second.requests)));
        QVERIFY(page.findChild<QTableView*>("liveTopRepositories"));
        QVERIFY(page.findChild<QTableView*>("liveTopMismatchSources"));

        // A second proxy's events, some recent and some 20 minutes old, make
        // the window and the scope matter: each choice must count exactly its
        // own events (the real proxy's are all from the last minutes).
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        std::vector<model::Event> recent, old;
        for (int i = 0; i < 4; ++i) {
            model::Event e;
            e.seq = i + 1;
            e.timeMs = now - 30000 + i;
            e.method = "GET";
            e.object = model::ObjectKind::Blob;
            e.requestedNs = e.servedNs = "recent.example";
            e.repository = "team/recent";
            e.reference = "sha256:" + std::string(64, 'a');
            e.digest = e.reference;
            e.cache = i == 0 ? model::CacheResult::Miss : model::CacheResult::Hit;
            e.status = 200;
            e.bytes = 100;
            e.client = "10.9.9.9";
            e.userAgent = "containerd/1.6.20~ds1";
            recent.push_back(e);
        }
        for (int i = 0; i < 6; ++i) {
            model::Event e = recent.front();
            e.seq = 10 + i;
            e.timeMs = now - 20 * 60000 + i;
            e.requestedNs = "asked-for-long-ago.example";
            e.servedNs.reset();
            e.repository = "team/old";
            e.digest.reset();
            e.cache = model::CacheResult::None;
            e.mismatch = model::Mismatch::Unmapped;
            e.decision = model::Decision::Rejected;
            e.status = 404;
            old.push_back(e);
        }
        QList<model::Event> other(recent.begin(), recent.end());
        other.append(QList<model::Event>(old.begin(), old.end()));
        QSignalSpy tops(&page, &ui::LivePage::topsUpdated);
        ingest.ingest("another-proxy", other);
        const auto concat = [](std::vector<model::Event> a, const std::vector<model::Event>& b) {
            a.insert(a.end(), b.begin(), b.end());
            return a;
        };
        const auto fleetHour = expectedTops(concat(concat(*events, recent), old));
        QTRY_VERIFY2_WITH_TIMEOUT((why = topsDiffer(page, fleetHour)).isEmpty(), qPrintable(why), 10000);

        tops.clear();
        window->setCurrentIndex(ui::LivePage::FiveMinutes);
        QTRY_VERIFY(!tops.isEmpty());
        QCOMPARE(page.topWindow(), ui::LivePage::FiveMinutes);
        const auto fleetFive = expectedTops(concat(*events, recent));
        QTRY_VERIFY2_WITH_TIMEOUT((why = topsDiffer(page, fleetFive)).isEmpty(), qPrintable(why), 10000);
        QVERIFY(topsDiffer(page, fleetHour) != QString());

        // This proxy: its own namespaces; repositories and mismatch sources
        // stay fleet-wide, and the page says so.
        tops.clear();
        page.setScope(ui::LivePage::Scope::SelectedProxy);
        QTRY_VERIFY(!tops.isEmpty());
        auto mine = fleetFive;
        mine.namespaces = expectedTops(*events).namespaces;
        QTRY_VERIFY2_WITH_TIMEOUT((why = topsDiffer(page, mine)).isEmpty(), qPrintable(why), 10000);
        QCOMPARE(page.topNamespaces()->indexOf(std::string("recent.example")), -1);
        QVERIFY(!page.findChild<QLabel*>("liveTopsNote")->text().isEmpty());
        page.setScope(ui::LivePage::Scope::Fleet);
        QVERIFY(page.findChild<QLabel*>("liveTopsNote")->text().isEmpty());
    }
};

QTEST_MAIN(TestLivePage)
#include "tst_livepage.moc"
