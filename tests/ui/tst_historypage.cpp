// HistoryPage against a real nsgate: three pushes are three revisions on top
// of the initial one, newest first with their actors; the diff between two
// selected revisions shows the changed line; rollback hands over the old
// document; refreshes only insert what is new; errors are shown inline.
// RevisionsModel's diffed updates pass QAbstractItemModelTester.

#include "core/client/AdminClient.h"
#include "core/client/ProxyConnection.h"
#include "core/model/ConfigCodec.h"
#include "tests/ui/TestProxy.h"
#include "ui/HistoryPage.h"
#include "ui/RevisionsModel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <memory>
#include <optional>

using namespace nsgate;

namespace {

model::NamespaceEntry entry(const std::string& name, std::int64_t ttl)
{
    model::NamespaceEntry e;
    e.name = name;
    e.upstreams.push_back({});
    e.upstreams.back().url = "https://" + name;
    e.policy.tagTtlSeconds = ttl;
    return e;
}

client::RevisionInfo info(std::int64_t revision, const QString& summary = {})
{
    return {revision, QStringLiteral("2026-01-0%1T10:00:00Z").arg(revision % 10), QStringLiteral("ops"),
            summary};
}

QList<std::int64_t> listed(const ui::RevisionsModel& model)
{
    QList<std::int64_t> out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.revisionAt(row).revision;
    return out;
}

} // namespace

class TestHistoryPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(m_proxy.start(), QString());
        m_client = std::make_unique<client::AdminClient>(
            client::ConnectionOptions{m_proxy.adminUrl(), m_proxy.token(), {}, false, 5000});
        // Three pushes by three people: docker.io, then its TTL changed, then quay.io added.
        model::MirrorConfig config;
        config.namespaces.push_back(entry("docker.io", 300));
        QCOMPARE(put(config, 1, QStringLiteral("alice")), std::int64_t(2));
        config.namespaces[0].policy.tagTtlSeconds = 600;
        QCOMPARE(put(config, 2, QStringLiteral("bob")), std::int64_t(3));
        config.namespaces.push_back(entry("quay.io", 300));
        QCOMPARE(put(config, 3, QStringLiteral("carol")), std::int64_t(4));
    }

    void listsEveryRevisionNewestFirst()
    {
        ui::HistoryPage page;
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&page, &ui::HistoryPage::refreshed);
        page.setClient(m_client.get());
        QVERIFY(refreshed.wait(10000));

        auto* model = page.model();
        QCOMPARE(listed(*model), (QList<std::int64_t>{4, 3, 2, 1}));
        const auto actor = [model](int row) {
            return model->index(row, ui::RevisionsModel::ActorColumn).data().toString();
        };
        QCOMPARE(actor(0), QStringLiteral("carol"));
        QCOMPARE(actor(1), QStringLiteral("bob"));
        QCOMPARE(actor(2), QStringLiteral("alice"));
        QVERIFY(model->index(0, ui::RevisionsModel::SummaryColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("quay.io")));
        QVERIFY(!model->index(0, ui::RevisionsModel::TimeColumn).data().toString().isEmpty());
        auto* table = page.findChild<QTableView*>(QStringLiteral("revisionsTable"));
        QVERIFY(table);
        QCOMPARE(table->model(), static_cast<QAbstractItemModel*>(model));
    }

    void diffBetweenTwoRevisionsShowsTheChangedLine()
    {
        ui::HistoryPage page;
        QSignalSpy refreshed(&page, &ui::HistoryPage::refreshed);
        QSignalSpy diffShown(&page, &ui::HistoryPage::diffShown);
        page.setClient(m_client.get());
        QVERIFY(refreshed.wait(10000));
        diffShown.clear();

        page.selectRevisions(2, 3);
        QTRY_VERIFY_WITH_TIMEOUT(!diffShown.isEmpty(), 10000);
        auto* diff = page.findChild<QPlainTextEdit*>(QStringLiteral("revisionDiff"));
        QVERIFY(diff);
        const QStringList lines = diff->toPlainText().split(QLatin1Char('\n'));
        QVERIFY2(!lines.filter(QRegularExpression(QStringLiteral("^- +\"tagTtlSeconds\": 300,?$"))).isEmpty(),
                 qPrintable(diff->toPlainText()));
        QVERIFY2(
            !lines.filter(QRegularExpression(QStringLiteral("^\\+ +\"tagTtlSeconds\": 600,?$"))).isEmpty(),
            qPrintable(diff->toPlainText()));
        // Only the TTL and the revision number changed between 2 and 3.
        QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^[-+] "))).size(), qsizetype(4));
        QVERIFY(!diff->extraSelections().isEmpty());
        auto* title = page.findChild<QLabel*>(QStringLiteral("diffTitle"));
        QVERIFY(title->text().contains(QStringLiteral("~docker.io policy")));

        // One revision: what it changed against the one before.
        diffShown.clear();
        page.selectRevisions(4);
        QTRY_VERIFY_WITH_TIMEOUT(!diffShown.isEmpty(), 10000);
        const QStringList added = diff->toPlainText().split(QLatin1Char('\n'));
        QVERIFY2(!added.filter(QRegularExpression(QStringLiteral("^\\+ +\"namespace\": \"quay.io\",?$")))
                      .isEmpty(),
                 qPrintable(diff->toPlainText()));
        QVERIFY(title->text().contains(QStringLiteral("+quay.io")));
    }

    void rollbackEmitsTheOldConfig()
    {
        ui::HistoryPage page;
        QSignalSpy refreshed(&page, &ui::HistoryPage::refreshed);
        page.setClient(m_client.get());
        QVERIFY(refreshed.wait(10000));
        auto* rollback = page.findChild<QPushButton*>(QStringLiteral("rollbackButton"));
        QVERIFY(rollback);

        page.selectRevisions(page.model()->newestRevision());
        QVERIFY(!rollback->isEnabled()); // the current revision: nothing to roll back to
        page.selectRevisions(2, 3);
        QVERIFY(!rollback->isEnabled()); // one revision at a time
        page.selectRevisions(2);
        QVERIFY(rollback->isEnabled());

        QSignalSpy requested(&page, &ui::HistoryPage::rollbackRequested);
        rollback->click();
        QTRY_COMPARE_WITH_TIMEOUT(requested.size(), 1, 10000);
        const auto old = requested[0][0].value<model::MirrorConfig>();
        QCOMPARE(old.revision, std::int64_t(2));
        QCOMPARE(old.namespaces.size(), std::size_t(1));
        QCOMPARE(old.namespaces[0].name, std::string("docker.io"));
        QCOMPARE(old.namespaces[0].policy.tagTtlSeconds, std::int64_t(300));
    }

    // A push elsewhere, then Refresh: the new revision is inserted on top and
    // the selection stays where it was.
    void refreshInsertsNewRevisionsKeepingTheSelection()
    {
        ui::HistoryPage page;
        QSignalSpy refreshed(&page, &ui::HistoryPage::refreshed);
        page.setClient(m_client.get());
        QVERIFY(refreshed.wait(10000));
        page.selectRevisions(3);
        const auto before = page.model()->newestRevision();

        auto current = fetchCurrent();
        QVERIFY(current);
        current->config.namespaces.push_back(entry("ghcr.io", 300));
        QCOMPARE(put(current->config, current->revision, QStringLiteral("dave")), before + 1);

        QSignalSpy inserted(page.model(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(page.model(), &QAbstractItemModel::modelReset);
        refreshed.clear();
        page.findChild<QPushButton*>(QStringLiteral("refreshHistoryButton"))->click();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(page.model()->newestRevision(), before + 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(reset.size(), 0);
        const auto rows =
            page.findChild<QTableView*>(QStringLiteral("revisionsTable"))->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(page.model()->revisionAt(rows[0].row()).revision, std::int64_t(3));
    }

    void followsAProxyConnection()
    {
        client::ProxyProfile profile;
        profile.id = QStringLiteral("test");
        profile.name = QStringLiteral("local");
        profile.adminUrl = m_proxy.adminUrl();
        client::ProxyConnection connection(profile, m_proxy.token());
        ui::HistoryPage page;
        QSignalSpy refreshed(&page, &ui::HistoryPage::refreshed);
        page.setProxy(&connection);
        QVERIFY(refreshed.wait(10000));
        QVERIFY(page.model()->rowCount() >= 4);
        page.setProxy(nullptr);
        QCOMPARE(page.model()->rowCount(), 0);
    }

    void unreachableProxyShowsTheErrorInline()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const auto port = probe.serverPort();
        probe.close();
        client::AdminClient down(client::ConnectionOptions{
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), "token", {}, false, 5000});
        ui::HistoryPage page;
        QSignalSpy refreshed(&page, &ui::HistoryPage::refreshed);
        page.setClient(&down);
        QVERIFY(refreshed.wait(10000));
        auto* error = page.findChild<QLabel*>(QStringLiteral("historyError"));
        QVERIFY(error);
        QVERIFY(error->isVisibleTo(&page));
        QVERIFY(error->text().contains(QStringLiteral("history")));
        QCOMPARE(page.model()->rowCount(), 0);
    }

    void modelUpdatesAreDiffed()
    {
        ui::RevisionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        model.setRevisions({info(3), info(2), info(1)});
        QCOMPARE(listed(model), (QList<std::int64_t>{3, 2, 1}));
        // Two new on top, the oldest fell off the page: one insertion, one removal.
        inserted.clear();
        model.setRevisions({info(5), info(4), info(3), info(2)});
        QCOMPARE(listed(model), (QList<std::int64_t>{5, 4, 3, 2}));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted[0][1].toInt(), 0);
        QCOMPARE(inserted[0][2].toInt(), 1);
        QCOMPARE(removed.size(), 1);
        // A gap in the middle and a changed summary.
        model.setRevisions({info(5), info(3, QStringLiteral("edited")), info(2)});
        QCOMPARE(listed(model), (QList<std::int64_t>{5, 3, 2}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(1, ui::RevisionsModel::SummaryColumn).data().toString(),
                 QStringLiteral("edited"));
        QCOMPARE(model.rowOf(3), 1);
        QCOMPARE(model.rowOf(4), -1);
        QCOMPARE(reset.size(), 0);
        // Not newest first: a reset, never a wrong merge.
        model.setRevisions({info(1), info(7)});
        QCOMPARE(listed(model), (QList<std::int64_t>{1, 7}));
        QCOMPARE(reset.size(), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

private:
    std::optional<client::ConfigDocument> fetchCurrent()
    {
        std::optional<client::ApiResult<client::ConfigDocument>> got;
        QObject context;
        m_client->getConfig(&context,
                            [&](client::ApiResult<client::ConfigDocument> r) { got.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return got.has_value(); }, 10000) || !*got)
            return std::nullopt;
        return got->value();
    }

    // -1 when the PUT failed (the comparison in the caller then fails the test).
    std::int64_t put(model::MirrorConfig config, std::int64_t ifMatch, const QString& actor)
    {
        config.revision = ifMatch;
        const auto body = QByteArray::fromStdString(model::encodeConfig(config, model::JsonStyle::Compact));
        std::optional<client::ApiResult<client::PutResult>> got;
        QObject context;
        m_client->putConfig(body, ifMatch, false, actor, &context,
                            [&](client::ApiResult<client::PutResult> r) { got.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return got.has_value(); }, 10000))
            return -1;
        if (!*got) {
            qWarning("PUT failed: %s", qPrintable(got->error().message()));
            return -1;
        }
        return got->value().revision;
    }

    test::TestProxy m_proxy;
    std::unique_ptr<client::AdminClient> m_client;
};

QTEST_MAIN(TestHistoryPage)
#include "tst_historypage.moc"
