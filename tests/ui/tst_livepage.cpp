// The Live tab against a real nsgate: requests show up in the tail, the
// counters equal what the proxy's own /admin/v1/events gives, pause and the
// quick filter act on the tail only; LiveTailModel under the model tester.

#include "core/client/AdminClient.h"
#include "core/client/LogIngest.h"
#include "core/client/ProfileStore.h"
#include "core/client/ProxyConnection.h"
#include "core/client/SecretStore.h"
#include "core/store/LogStore.h"
#include "ui/LivePage.h"
#include "ui/LiveTailModel.h"
#include "ui/MainWindow.h"
#include "ui/ProxyListModel.h"
#include "ui/ProbePage.h"
#include "ui/ProxySession.h"

#include "tests/ui/TestProxy.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
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
        for (const auto& point : page->minutePoints())
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
};

QTEST_MAIN(TestLivePage)
#include "tst_livepage.moc"
