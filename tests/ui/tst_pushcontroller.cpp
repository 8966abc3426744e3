// PushController, ReviewDialog and ConflictDialog against a real nsgate: the
// dry run's change list, a push with If-Match, a colleague's push in between
// (412 with their config), a fleet where one proxy is down, a document with
// validation issues that must not reach the network, and cancellation.

#include "core/client/AdminClient.h"
#include "core/model/ConfigCodec.h"
#include "tests/ui/TestProxy.h"
#include "ui/ConflictDialog.h"
#include "ui/EditCommands.h"
#include "ui/EditorDocument.h"
#include "ui/PushController.h"
#include "ui/ReviewDialog.h"

#include <QListWidget>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTreeWidget>
#include <memory>
#include <optional>

using namespace nsgate;
using Outcome = ui::PushTargetResult::Outcome;

namespace {

model::NamespaceEntry entry(const std::string& name, const std::string& url)
{
    model::NamespaceEntry e;
    e.name = name;
    e.upstreams.push_back({});
    e.upstreams.back().url = url;
    return e;
}

// Runs one AdminClient call to completion (the callback fires on this thread's event loop).
template<class T, class Call> std::optional<client::ApiResult<T>> await(Call call)
{
    std::optional<client::ApiResult<T>> out;
    QObject context;
    call(&context, [&out](client::ApiResult<T> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
        return std::nullopt;
    return out;
}

client::ConfigDocument currentConfig(client::AdminClient& c)
{
    auto got = await<client::ConfigDocument>([&](QObject* ctx, auto done) { c.getConfig(ctx, done); });
    if (!got || !*got) {
        // Marks the test failed; its next check on the empty document stops it.
        QTest::qFail(qPrintable(QStringLiteral("GET config failed: ") +
                                (got ? got->error().message() : QStringLiteral("timeout"))),
                     __FILE__, __LINE__);
        return {};
    }
    return got->value();
}

// What a colleague with nsgatectl does: a PUT of their own document.
std::int64_t pushAsColleague(client::AdminClient& c, model::MirrorConfig config, std::int64_t ifMatch)
{
    config.revision = ifMatch;
    const auto body = QByteArray::fromStdString(model::encodeConfig(config, model::JsonStyle::Compact));
    auto got = await<client::PutResult>([&](QObject* ctx, auto done) {
        c.putConfig(body, ifMatch, false, QStringLiteral("colleague"), ctx, done);
    });
    if (!got || !*got) {
        QTest::qFail(qPrintable(QStringLiteral("colleague's PUT failed: ") +
                                (got ? got->error().message() : QStringLiteral("timeout"))),
                     __FILE__, __LINE__);
        return -1;
    }
    return got->value().revision;
}

// A port nothing listens on: bound once to learn a free one, then closed.
quint16 closedPort()
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, 0) ? server.serverPort() : quint16(1);
}

} // namespace

class TestPushController : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(m_proxy.start(), QString());
        m_client = std::make_unique<client::AdminClient>(
            client::ConnectionOptions{m_proxy.adminUrl(), m_proxy.token(), {}, false, 5000});
    }

    void reviewShowsTheDryRunsChanges()
    {
        ui::EditorDocument doc;
        loadWithEdit(doc, "review.example");
        const auto before = currentConfig(*m_client).revision;

        ui::PushController controller(&doc);
        ui::ReviewDialog dialog;
        dialog.watch(&controller);
        QSignalSpy finished(&controller, &ui::PushController::finished);
        QVERIFY(controller.review({target()}));
        QVERIFY(controller.isBusy());
        dialog.open();
        QVERIFY(finished.wait(10000));

        const auto results = controller.results();
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].outcome, Outcome::Valid);
        QCOMPARE(results[0].changes, QStringList{QStringLiteral("+review.example")});
        // A dry run stores nothing.
        QCOMPARE(currentConfig(*m_client).revision, before);

        auto* tree = dialog.findChild<QTreeWidget*>(QStringLiteral("reviewChanges"));
        QVERIFY(tree);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->childCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), QStringLiteral("+review.example"));
        auto* confirm = dialog.findChild<QPushButton*>(QStringLiteral("confirmPushButton"));
        QVERIFY(confirm && confirm->isEnabled());
        QSignalSpy confirmed(&dialog, &ui::ReviewDialog::confirmed);
        confirm->click();
        QCOMPARE(confirmed.size(), 1);
        QCOMPARE(confirmed[0][0].value<QList<ui::PushTarget>>().size(), 1);
        QVERIFY(!dialog.isVisible());
    }

    void pushStoresANewRevision()
    {
        ui::EditorDocument doc;
        loadWithEdit(doc, "push.example");
        const auto t = target();

        ui::PushController controller(&doc);
        QSignalSpy progress(&controller, &ui::PushController::progress);
        QSignalSpy finished(&controller, &ui::PushController::finished);
        QVERIFY(controller.push({t}, QStringLiteral("tester")));
        QVERIFY(finished.wait(10000));

        const auto r = controller.results().at(0);
        QCOMPARE(r.outcome, Outcome::Pushed);
        QCOMPARE(r.revision, t.ifMatch + 1);
        QVERIFY(r.stored);
        QCOMPARE(r.stored->revision, t.ifMatch + 1);
        QVERIFY(r.stored->config.find("push.example"));
        QCOMPARE(progress.last()[0].toInt(), 1);
        QCOMPARE(progress.last()[1].toInt(), 1);

        const auto now = currentConfig(*m_client);
        QCOMPARE(now.revision, t.ifMatch + 1);
        QVERIFY(now.config.find("push.example"));
        auto history = await<QList<client::RevisionInfo>>(
            [&](QObject* ctx, auto done) { m_client->revisions(1, ctx, done); });
        QVERIFY(history && *history);
        QCOMPARE(history->value().at(0).actor, QStringLiteral("tester"));
    }

    // A colleague pushes after the document was loaded: the push gets 412,
    // their config comes with the result, nothing of theirs is overwritten.
    void concurrentPushIsAConflictWithTheirConfig()
    {
        ui::EditorDocument doc;
        loadWithEdit(doc, "mine.example");
        const auto t = target();

        auto theirs = currentConfig(*m_client).config;
        theirs.namespaces.push_back(entry("theirs.example", "https://theirs.example"));
        const auto theirRevision = pushAsColleague(*m_client, theirs, t.ifMatch);
        QCOMPARE(theirRevision, t.ifMatch + 1);

        ui::PushController controller(&doc);
        QSignalSpy finished(&controller, &ui::PushController::finished);
        // The review already sees it...
        QVERIFY(controller.review({t}));
        QVERIFY(finished.wait(10000));
        QCOMPARE(controller.results().at(0).outcome, Outcome::Conflict);
        // ...and so does the push.
        QVERIFY(controller.push({t}, QStringLiteral("tester")));
        QVERIFY(finished.wait(10000));
        const auto r = controller.results().at(0);
        QCOMPARE(r.outcome, Outcome::Conflict);
        QCOMPARE(r.currentRevision, std::optional<std::int64_t>(theirRevision));
        QVERIFY(r.theirs);
        QCOMPARE(r.theirs->revision, theirRevision);
        QVERIFY(r.theirs->config.find("theirs.example"));
        QVERIFY(!r.theirs->config.find("mine.example"));
        QVERIFY(r.message().contains(QString::number(theirRevision)));
        QCOMPARE(currentConfig(*m_client).revision, theirRevision);
    }

    void fleetWithOneProxyDownReportsBoth()
    {
        ui::EditorDocument doc;
        loadWithEdit(doc, "fleet.example");
        client::AdminClient down(client::ConnectionOptions{
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())), "token", {}, false, 5000});

        ui::PushController controller(&doc);
        QSignalSpy progress(&controller, &ui::PushController::progress);
        QSignalSpy perTarget(&controller, &ui::PushController::targetFinished);
        QSignalSpy finished(&controller, &ui::PushController::finished);
        QVERIFY(controller.push({{QStringLiteral("down"), &down, 1}, target(QStringLiteral("up"))},
                                QStringLiteral("tester")));
        QVERIFY(finished.wait(15000));

        QCOMPARE(perTarget.size(), 2);
        const auto results = finished[0][1].value<QList<ui::PushTargetResult>>();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0].target.name, QStringLiteral("down"));
        QCOMPARE(results[0].outcome, Outcome::Failed);
        QVERIFY(results[0].error);
        QCOMPARE(results[0].error->kind, client::ApiError::Kind::Network);
        QVERIFY(!results[0].message().isEmpty());
        QCOMPARE(results[1].target.name, QStringLiteral("up"));
        QCOMPARE(results[1].outcome, Outcome::Pushed);
        QVERIFY(currentConfig(*m_client).config.find("fleet.example"));
        QCOMPARE(progress.last()[0].toInt(), 2);
        QCOMPARE(progress.last()[1].toInt(), 2);
    }

    void invalidDocumentIsRefusedWithoutARequest()
    {
        ui::EditorDocument doc;
        auto config = currentConfig(*m_client).config;
        config.namespaces.push_back(entry("Not A Host!", "ftp://nowhere"));
        doc.load(config);
        QVERIFY(!doc.issues().empty());
        const auto before = currentConfig(*m_client).revision;

        const auto t = target();
        const auto repliesBefore = m_client->network().findChildren<QNetworkReply*>();

        ui::PushController controller(&doc);
        QSignalSpy started(&controller, &ui::PushController::started);
        QSignalSpy refused(&controller, &ui::PushController::refused);
        QVERIFY(!controller.review({t}));
        QVERIFY(!controller.push({t}, QStringLiteral("tester")));
        QCOMPARE(refused.size(), 2);
        QVERIFY(refused[0][0].toString().contains(QStringLiteral("validation")));
        QCOMPARE(started.size(), 0);
        QVERIFY(!controller.isBusy());
        // Requests are created synchronously: had one been sent, its reply would be here.
        QCOMPARE(m_client->network().findChildren<QNetworkReply*>(), repliesBefore);
        QCOMPARE(currentConfig(*m_client).revision, before);
    }

    // A proxy that accepts the connection and never answers: cancel() aborts
    // the request and reports the target as cancelled at once.
    void cancelAbortsInFlightRequests()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        client::AdminClient hanging(client::ConnectionOptions{
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())), "token", {}, false, 60000});
        ui::EditorDocument doc;
        loadWithEdit(doc, "cancel.example");

        ui::PushController controller(&doc);
        QSignalSpy finished(&controller, &ui::PushController::finished);
        QVERIFY(controller.push({{QStringLiteral("hanging"), &hanging, 1}}, QStringLiteral("tester")));
        QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 10000);
        QTcpSocket* socket = silent.nextPendingConnection();
        QVERIFY(socket);
        QVERIFY(controller.isBusy());
        controller.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!controller.isBusy());
        QCOMPARE(controller.results().at(0).outcome, Outcome::Cancelled);
        // The abort closes the connection; no late result arrives meanwhile.
        QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 10000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(controller.results().at(0).outcome, Outcome::Cancelled);
    }

    // The three ways out of a conflict, on a document with a real edit on its
    // undo stack.
    void conflictDialogChoices_data()
    {
        QTest::addColumn<QString>("button");
        QTest::newRow("take theirs") << "takeTheirsButton";
        QTest::newRow("re-apply") << "reapplyButton";
        QTest::newRow("cancel") << "cancelConflictButton";
    }

    void conflictDialogChoices()
    {
        QFETCH(QString, button);
        // Each row adds its own namespaces to the one shared proxy.
        const std::string mine = "edited-" + std::string(QTest::currentDataTag()).substr(0, 4) + ".example";
        const std::string colleague =
            "colleague-" + std::string(QTest::currentDataTag()).substr(0, 4) + ".example";
        ui::EditorDocument doc;
        const auto base = currentConfig(*m_client);
        doc.load(base.config);
        QVERIFY(doc.push(ui::edit::addNamespace(entry(mine, "https://" + mine))));
        QVERIFY(doc.isModified());
        auto theirs = base.config;
        theirs.namespaces.push_back(entry(colleague, "https://" + colleague));
        const auto theirRevision = pushAsColleague(*m_client, theirs, base.revision);
        const auto stored = currentConfig(*m_client).config;

        ui::ConflictDialog dialog(&doc);
        dialog.setConflict(QStringLiteral("local"), stored);
        dialog.open();
        auto* theirsView = dialog.findChild<QPlainTextEdit*>(QStringLiteral("theirsView"));
        auto* yoursView = dialog.findChild<QPlainTextEdit*>(QStringLiteral("yoursView"));
        QVERIFY(theirsView && yoursView);
        QVERIFY(theirsView->toPlainText().contains(QString::fromStdString(colleague)));
        QVERIFY(!theirsView->toPlainText().contains(QString::fromStdString(mine)));
        QVERIFY(yoursView->toPlainText().contains(QString::fromStdString(mine)));
        // Rows are aligned: both sides have the same number of lines.
        QCOMPARE(theirsView->blockCount(), yoursView->blockCount());
        QVERIFY(!theirsView->extraSelections().isEmpty());
        QVERIFY(!yoursView->extraSelections().isEmpty());

        QSignalSpy choice(&dialog, &ui::ConflictDialog::choice);
        auto* b = dialog.findChild<QPushButton*>(button);
        QVERIFY(b);
        b->click();
        QCOMPARE(choice.size(), 1);
        const auto picked = choice[0][0].value<ui::ConflictDialog::Choice>();
        if (button == QLatin1String("takeTheirsButton")) {
            QCOMPARE(picked, ui::ConflictDialog::Choice::TakeTheirs);
            QCOMPARE(doc.current(), stored);
            QCOMPARE(doc.base().revision, theirRevision);
            QVERIFY(!doc.isModified());
        } else if (button == QLatin1String("reapplyButton")) {
            QCOMPARE(picked, ui::ConflictDialog::Choice::Reapply);
            QVERIFY(dialog.rebaseFailures().isEmpty());
            QCOMPARE(doc.base().revision, theirRevision);
            QVERIFY(doc.current().find(colleague));
            QVERIFY(doc.current().find(mine));
            // The re-applied document pushes cleanly on their revision.
            ui::PushController controller(&doc);
            QSignalSpy finished(&controller, &ui::PushController::finished);
            QVERIFY(controller.push({{QStringLiteral("local"), m_client.get(), doc.base().revision}},
                                    QStringLiteral("tester")));
            QVERIFY(finished.wait(10000));
            QCOMPARE(controller.results().at(0).outcome, Outcome::Pushed);
        } else {
            QCOMPARE(picked, ui::ConflictDialog::Choice::Cancel);
            QVERIFY(doc.current().find(mine));
            QVERIFY(!doc.current().find(colleague));
            QCOMPARE(doc.base().revision, base.revision);
        }
        QVERIFY(!dialog.isVisible());
    }

    // An edit whose target the colleague removed cannot be re-applied: the
    // dialog stays open and lists it.
    void reapplyListsWhatCouldNotBeApplied()
    {
        auto seed = currentConfig(*m_client);
        seed.config.namespaces.push_back(entry("doomed.example", "https://doomed.example"));
        const auto seeded = pushAsColleague(*m_client, seed.config, seed.revision);
        const auto base = currentConfig(*m_client);
        QCOMPARE(base.revision, seeded);

        ui::EditorDocument doc;
        doc.load(base.config);
        QVERIFY(doc.push(ui::edit::setTagTtl("doomed.example", 60)));
        auto theirs = base.config;
        std::erase_if(theirs.namespaces, [](const auto& e) { return e.name == "doomed.example"; });
        pushAsColleague(*m_client, theirs, base.revision);

        ui::ConflictDialog dialog(&doc);
        dialog.setConflict(QStringLiteral("local"), currentConfig(*m_client).config);
        dialog.open();
        QSignalSpy choice(&dialog, &ui::ConflictDialog::choice);
        dialog.findChild<QPushButton*>(QStringLiteral("reapplyButton"))->click();
        QCOMPARE(choice.size(), 1);
        QCOMPARE(dialog.rebaseFailures().size(), 1);
        QVERIFY(dialog.isVisible());
        auto* list = dialog.findChild<QListWidget*>(QStringLiteral("rebaseFailures"));
        QVERIFY(list && list->isVisibleTo(&dialog));
        QCOMPARE(list->count(), 1);
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("takeTheirsButton"))->isEnabled());
        dialog.findChild<QPushButton*>(QStringLiteral("cancelConflictButton"))->click();
        QVERIFY(!dialog.isVisible());
        QCOMPARE(choice.size(), 1); // closing after a re-apply is not a second choice
    }

private:
    // Each test starts from what the proxy has now, plus `edits` (a namespace
    // that is not on the proxy yet) loaded as the document's base. Only
    // EditorDocument::load() is needed for that.
    void loadWithEdit(ui::EditorDocument& doc, const std::string& ns)
    {
        auto config = currentConfig(*m_client).config;
        config.namespaces.push_back(entry(ns, "https://" + ns));
        doc.load(config);
    }

    ui::PushTarget target(const QString& name = QStringLiteral("local"))
    {
        return {name, m_client.get(), currentConfig(*m_client).revision};
    }

    test::TestProxy m_proxy;
    std::unique_ptr<client::AdminClient> m_client;
};

QTEST_MAIN(TestPushController)
#include "tst_pushcontroller.moc"
