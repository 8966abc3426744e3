// The Credentials page against a real nsgate: set, list, a delete refused
// while the config references the credential (with the reason shown), and a
// delete that works once the reference is gone.

#include "core/client/AdminClient.h"
#include "core/client/ProxyConnection.h"
#include "core/model/ConfigCodec.h"
#include "tests/ui/AdminCalls.h"
#include "tests/ui/TestProxy.h"
#include "ui/CredentialsModel.h"
#include "ui/CredentialsPage.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace nsgate;

class TestCredentialsPage : public QObject
{
    Q_OBJECT

private:
    static model::MirrorConfig configUsing(const std::optional<std::string>& credential)
    {
        model::MirrorConfig config;
        model::NamespaceEntry entry;
        entry.name = "registry.example.com";
        model::Upstream upstream;
        upstream.url = "https://registry.example.com";
        upstream.credential = credential;
        entry.upstreams.push_back(upstream);
        config.namespaces.push_back(entry);
        return config;
    }

private slots:
    void modelDiffsUpdates()
    {
        ui::CredentialsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.setCredentials({{"c", "u", true}, {"a", "u", false}});
        QCOMPARE(model.names(), QStringList({"a", "c"}));
        model.setCredentials({{"d", "u", true}, {"c", "u", true}, {"b", "u", true}, {"a", "u", false}});
        QCOMPARE(model.names(), QStringList({"a", "b", "c", "d"}));
        QCOMPARE(removed.count(), 0);
        QCOMPARE(changed.count(), 0); // a and c did not change
        model.setCredentials({{"b", "v", true}, {"d", "u", true}});
        QCOMPARE(model.names(), QStringList({"b", "d"}));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.credentialAt(0).username, QStringLiteral("v"));
        QCOMPARE(model.data(model.index(1, ui::CredentialsModel::HasPassword), Qt::UserRole).toBool(), true);
        QCOMPARE(model.indexOf("d"), 1);
        QCOMPARE(model.indexOf("a"), -1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(resets.count(), 0);
    }

    void setListDeleteAgainstNsgate()
    {
        test::TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        client::ConnectionOptions options;
        options.adminUrl = proxy.adminUrl();
        options.token = proxy.token();
        client::AdminClient admin(options);

        ui::CredentialsPage page;
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        int confirmations = 0;
        page.setConfirmFn([&](QWidget*, const QString&, const QString&, std::function<void(bool)> done) {
            ++confirmations;
            done(true);
        });
        QSignalSpy namesSpy(&page, &ui::CredentialsPage::credentialsChanged);
        page.setClient(&admin);
        page.show();

        auto* table = page.findChild<QTableView*>("credentialsTable");
        auto* setButton = page.findChild<QPushButton*>("setCredentialButton");
        auto* deleteButton = page.findChild<QPushButton*>("deleteCredentialButton");
        auto* name = page.findChild<QLineEdit*>("credentialName");
        auto* username = page.findChild<QLineEdit*>("credentialUsername");
        auto* password = page.findChild<QLineEdit*>("credentialPassword");
        auto* save = page.findChild<QPushButton*>("saveCredentialButton");
        auto* error = page.findChild<QLabel*>("credentialsError");
        QVERIFY(table && setButton && deleteButton && name && username && password && save && error);
        QTRY_COMPARE(namesSpy.count(), 1); // the first listing, empty
        QCOMPARE(namesSpy.last().at(0).toStringList(), QStringList());
        QTRY_VERIFY(setButton->isEnabled());

        // Set through the form.
        setButton->click();
        QVERIFY(password->isVisible());
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QTest::keyClicks(name, "hub");
        QTest::keyClicks(username, "alice");
        QTest::keyClicks(password, "s3cret-pw");
        save->click();
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->credentialAt(0).name, QStringLiteral("hub"));
        QCOMPARE(page.model()->credentialAt(0).username, QStringLiteral("alice"));
        QVERIFY(page.model()->credentialAt(0).hasPassword);
        QCOMPARE(page.model()->data(page.model()->index(0, ui::CredentialsModel::HasPassword), Qt::UserRole),
                 QVariant(true));
        QCOMPARE(namesSpy.last().at(0).toStringList(), QStringList({"hub"}));
        // The password is gone from the console once sent.
        QVERIFY(password->text().isEmpty());
        for (auto* edit : page.findChildren<QLineEdit*>())
            QVERIFY(!edit->text().contains("s3cret"));
        QVERIFY(!error->isVisible());

        // A config that uses it: the delete is refused with the proxy's reason
        // and the namespace that holds the reference.
        QVERIFY(test::pushOverCurrent(admin, configUsing("hub")));
        table->selectRow(0);
        QTRY_VERIFY(deleteButton->isEnabled());
        deleteButton->click();
        QCOMPARE(confirmations, 1);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains("409"), qPrintable(error->text()));
        QVERIFY2(error->text().contains("/namespaces/0/upstreams/0/credential"), qPrintable(error->text()));
        QTRY_VERIFY2(error->text().contains("namespace \"registry.example.com\""), qPrintable(error->text()));
        QTRY_VERIFY(deleteButton->isEnabled());
        QCOMPARE(page.model()->rowCount(), 1);

        // Declining the confirmation sends nothing: a request in flight would
        // have disabled the buttons at once.
        page.setConfirmFn(
            [](QWidget*, const QString&, const QString&, std::function<void(bool)> done) { done(false); });
        deleteButton->click();
        QVERIFY(deleteButton->isEnabled());
        QCOMPARE(page.model()->rowCount(), 1);

        // Without the reference the delete goes through.
        QVERIFY(test::pushOverCurrent(admin, configUsing(std::nullopt)));
        page.setConfirmFn(
            [](QWidget*, const QString&, const QString&, std::function<void(bool)> done) { done(true); });
        table->selectRow(0);
        deleteButton->click();
        QTRY_COMPARE(page.model()->rowCount(), 0);
        QVERIFY(!error->isVisible());
        QCOMPARE(namesSpy.last().at(0).toStringList(), QStringList());

        // An invalid name is caught before anything is sent.
        setButton->click();
        name->setText("no spaces");
        username->setText("bob");
        save->click();
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains("no spaces"));
    }

    // Wired to a ProxyConnection, the page follows its client.
    void followsTheProxyConnection()
    {
        test::TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        client::ProxyProfile profile;
        profile.id = "p1";
        profile.adminUrl = proxy.adminUrl();
        profile.registryUrl = proxy.registryUrl();
        client::ProxyConnection connection(profile, proxy.token());
        std::optional<bool> stored;
        connection.client()->setCredential("ghcr", "bot", "pw", this,
                                           [&](client::ApiResult<bool> r) { stored = r.ok(); });
        QTRY_VERIFY(stored.has_value());
        QVERIFY(*stored);

        ui::CredentialsPage page;
        QSignalSpy namesSpy(&page, &ui::CredentialsPage::credentialsChanged);
        page.setProxy(&connection);
        QCOMPARE(page.adminClient(), connection.client());
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QCOMPARE(namesSpy.last().at(0).toStringList(), QStringList({"ghcr"}));

        // A new token means a new client; the page uses it from then on.
        connection.setToken(proxy.token());
        QCOMPARE(page.adminClient(), connection.client());
        QTRY_COMPARE(page.model()->rowCount(), 1);

        page.setProxy(nullptr);
        QCOMPARE(page.model()->rowCount(), 0);
        QCOMPARE(namesSpy.last().at(0).toStringList(), QStringList());
        QVERIFY(!page.findChild<QPushButton*>("setCredentialButton")->isEnabled());
    }
};

QTEST_MAIN(TestCredentialsPage)
#include "tst_credentialspage.moc"
