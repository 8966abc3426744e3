// The Probe page against real peers: Debian's docker-registry (distribution)
// holding a tiny image, and nsgate mapping the registry's namespace to it.
// Through nsgate the probe sees the digest, OCI-Namespace, an ns-honouring
// verdict, the upstream from nsgate's event and a match with the origin; the
// plain registry probed as a "mirror" is judged not to honour ns.

#include "core/client/AdminClient.h"
#include "core/client/ProxyConnection.h"
#include "core/model/ConfigCodec.h"
#include "tests/ui/AdminCalls.h"
#include "tests/ui/TestProxy.h"
#include "tests/ui/TestRegistry.h"
#include "ui/ProbePage.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace nsgate;


class TestProbePage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::TestRegistry m_registry{m_dir.path()};
    QByteArray m_manifestDigest;

    QUrl registryUrl(const QString& path = {}) const { return m_registry.url(path); }
    QString registryHost() const { return m_registry.host(); }

    static QString text(const ui::ProbePage& page, const char* name)
    {
        const auto* label = page.findChild<QLabel*>(QString::fromLatin1(name));
        return label ? label->text() : QStringLiteral("<no %1>").arg(QString::fromLatin1(name));
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("docker-registry")).isEmpty())
            QSKIP("docker-registry is not installed (scripts/deps.sh installs it)");
        QVERIFY(m_dir.isValid());
        QVERIFY(m_registry.start());
        m_manifestDigest = m_registry.pushImage("library/tiny", "1");
        QVERIFY(!m_manifestDigest.isEmpty());
    }

    void cleanupTestCase()
    {
        m_registry.stop();
    }

    void throughNsgateAndAgainstThePlainRegistry()
    {
        test::TestProxy proxy;
        QCOMPARE(proxy.start(), QString());
        client::ConnectionOptions options;
        options.adminUrl = proxy.adminUrl();
        options.token = proxy.token();
        client::AdminClient admin(options);

        model::MirrorConfig config;
        model::NamespaceEntry entry;
        entry.name = registryHost().toStdString();
        model::Upstream upstream;
        upstream.url = registryUrl().toString().toStdString();
        entry.upstreams.push_back(upstream);
        config.namespaces.push_back(entry);
        QVERIFY(test::pushOverCurrent(admin, config));

        ui::ProbePage page;
        page.setClient(&admin, proxy.registryUrl());
        page.setConfig(config);
        page.show();
        auto* reference = page.findChild<QLineEdit*>("probeReference");
        auto* mirror = page.findChild<QLineEdit*>("probeRegistryUrl");
        auto* probeButton = page.findChild<QPushButton*>("probeButton");
        QVERIFY(reference && mirror && probeButton);
        QCOMPARE(QUrl(mirror->text()), proxy.registryUrl()); // defaults to the proxy's registry URL

        // Through nsgate.
        const QString ref = registryHost() + "/library/tiny:1";
        reference->setText(ref);
        QSignalSpy finished(&page, &ui::ProbePage::probeFinished);
        probeButton->click();
        QVERIFY(page.isBusy());
        QVERIFY(!probeButton->isEnabled());
        QVERIFY(finished.wait(30000));
        QVERIFY(!page.isBusy());
        QCOMPARE(text(page, "probeStatus"), QStringLiteral("200"));
        QCOMPARE(text(page, "probeDigest"), QString::fromLatin1(m_manifestDigest));
        QCOMPARE(text(page, "probeNamespace"), registryHost());
        QVERIFY(page.lastResult()->verdict == client::NsVerdict::Honours);
        QVERIFY2(text(page, "probeVerdict").startsWith("honours ns"), qPrintable(text(page, "probeVerdict")));
        QVERIFY2(text(page, "probeUpstream").startsWith(registryUrl().toString()),
                 qPrintable(text(page, "probeUpstream")));
        QVERIFY2(text(page, "probeOriginMatch").startsWith("yes"),
                 qPrintable(text(page, "probeOriginMatch")));
        QCOMPARE(page.findChild<QLabel*>("probeOriginMatch")->property("matches"), QVariant(true));
        QCOMPARE(page.lastOriginResult()->url.host(), QStringLiteral("127.0.0.1")); // http://<namespace>

        // The plain registry as the "mirror": it answers, but ignores ns.
        mirror->selectAll();
        QTest::keyClicks(mirror, registryUrl().toString()); // typed, as an operator would
        probeButton->click();
        QVERIFY(finished.wait(30000));
        QCOMPARE(text(page, "probeStatus"), QStringLiteral("200"));
        QCOMPARE(text(page, "probeDigest"), QString::fromLatin1(m_manifestDigest));
        QCOMPARE(text(page, "probeNamespace"), QStringLiteral("(none)"));
        QVERIFY(page.lastResult()->verdict == client::NsVerdict::Ignores);
        QVERIFY2(text(page, "probeVerdict").startsWith("does not honour ns"),
                 qPrintable(text(page, "probeVerdict")));
        QVERIFY(!text(page, "probeUpstream").contains(registryUrl().toString()));
        // The edited mirror URL stays when the proxy is selected again.
        page.setClient(&admin, proxy.registryUrl());
        QCOMPARE(mirror->text(), registryUrl().toString());

        // A bad reference is refused before anything is sent.
        reference->setText("Not A Reference!");
        probeButton->click();
        QVERIFY(!page.isBusy());
        QVERIFY(page.findChild<QLabel*>("probeError")->isVisibleTo(&page));
    }

    void originFollowsTheMap()
    {
        model::MirrorConfig config;
        model::NamespaceEntry local;
        local.name = "127.0.0.1:5001";
        local.upstreams.push_back({"http://127.0.0.1:5001", {}, {}, true, false, {}});
        config.namespaces.push_back(local);
        QCOMPARE(ui::ProbePage::originFor("127.0.0.1:5001", config), QUrl("http://127.0.0.1:5001"));
        QCOMPARE(ui::ProbePage::originFor("ghcr.io", config), QUrl("https://ghcr.io"));
        QCOMPARE(ui::ProbePage::originFor("docker.io", config), QUrl("https://registry-1.docker.io"));
    }

    void followsTheProxyConnection()
    {
        client::ProxyProfile profile;
        profile.id = "p1";
        profile.adminUrl = QUrl("http://127.0.0.1:1");
        profile.registryUrl = QUrl("http://127.0.0.1:5000/");
        client::ProxyConnection connection(profile, "token");
        ui::ProbePage page;
        page.setProxy(&connection);
        auto* mirror = page.findChild<QLineEdit*>("probeRegistryUrl");
        QCOMPARE(mirror->text(), QStringLiteral("http://127.0.0.1:5000"));
        profile.registryUrl = QUrl("http://127.0.0.1:6000");
        connection.setProfile(profile);
        QCOMPARE(mirror->text(), QStringLiteral("http://127.0.0.1:6000"));
        page.setProxy(nullptr);
        QCOMPARE(mirror->text(), QString());
    }

    void cancelStopsAProbeThatHangs()
    {
        // A "mirror" that accepts the connection and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ui::ProbePage page;
        page.findChild<QLineEdit*>("probeReference")->setText("docker.io/library/alpine:3.20");
        page.findChild<QLineEdit*>("probeRegistryUrl")
            ->setText(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        QSignalSpy finished(&page, &ui::ProbePage::probeFinished);
        page.findChild<QPushButton*>("probeButton")->click();
        QVERIFY(page.isBusy());
        QTRY_VERIFY(silent.hasPendingConnections());
        auto* cancel = page.findChild<QPushButton*>("probeCancelButton");
        QVERIFY(cancel->isVisibleTo(&page));
        cancel->click();
        QVERIFY(!page.isBusy());
        QVERIFY(page.findChild<QPushButton*>("probeButton")->isEnabled());
        QCOMPARE(text(page, "probeStatus"), QStringLiteral("cancelled"));
        QCOMPARE(finished.count(), 0);
        // The aborted request really went away: the server sees the connection close.
        QTcpSocket* socket = silent.nextPendingConnection();
        QVERIFY(socket);
        QTRY_COMPARE(socket->state(), QAbstractSocket::UnconnectedState);
    }
};

QTEST_MAIN(TestProbePage)
#include "tst_probepage.moc"
