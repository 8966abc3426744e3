// ProxyConnection against a real nsgate: Connected with the proxy's info;
// a wrong token fails with the 401 and waits for a new token instead of
// retrying; an unreachable proxy fails and keeps retrying with growing,
// jittered, capped delays.

#include "core/client/ProxyConnection.h"

#include "tests/ui/TestProxy.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using nsgate::client::ProxyConnection;
using nsgate::client::ProxyProfile;
using State = nsgate::client::ProxyConnection::State;

namespace {

ProxyProfile profileFor(const QUrl& admin)
{
    ProxyProfile p;
    p.id = QStringLiteral("test-profile");
    p.name = QStringLiteral("test");
    p.adminUrl = admin;
    return p;
}

// A port nothing listens on: bound once, then released.
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestProxyConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(m_proxy.start(), QString());
    }

    void connectsToARealProxy()
    {
        ProxyConnection connection(profileFor(m_proxy.adminUrl()), m_proxy.token());
        QSignalSpy infoChanged(&connection, &ProxyConnection::infoChanged);
        QCOMPARE(connection.state(), State::Disconnected);
        QVERIFY(!connection.info());
        connection.refresh();
        QCOMPARE(connection.state(), State::Connecting);
        QTRY_COMPARE(connection.state(), State::Connected);
        QVERIFY(connection.info());
        QVERIFY(!connection.info()->instanceId.isEmpty());
        QCOMPARE(connection.lastError(), QString());
        QCOMPARE(infoChanged.count(), 1);
        QCOMPARE(connection.client()->options().adminUrl, m_proxy.adminUrl());

        // Requests never overlap.
        QSignalSpy attempts(&connection, &ProxyConnection::attemptStarted);
        connection.refresh();
        connection.refresh();
        QCOMPARE(attempts.count(), 1);

        // Polling: each answer is the same info, so infoChanged stays quiet.
        connection.setPollInterval(1);
        QTRY_VERIFY(attempts.count() >= 4);
        QCOMPARE(connection.state(), State::Connected);
        QCOMPARE(infoChanged.count(), 1);

        connection.close();
        QCOMPARE(connection.state(), State::Disconnected);
    }

    void wrongTokenFailsWith401AndRecoversWithTheRightOne()
    {
        ProxyConnection connection(profileFor(m_proxy.adminUrl()), "wrong-token");
        connection.setBackoff({5, 20, 0.5, [] { return 0.0; }});
        QSignalSpy retries(&connection, &ProxyConnection::retryScheduled);
        QSignalSpy clients(&connection, &ProxyConnection::clientChanged);
        connection.refresh();
        QTRY_COMPARE(connection.state(), State::Failed);
        QVERIFY2(connection.lastError().contains(QStringLiteral("401")), qPrintable(connection.lastError()));
        QCOMPARE(connection.lastApiError()->httpStatus, 401);
        // The same token will not start working: no retry is scheduled.
        QCOMPARE(retries.count(), 0);
        QCOMPARE(connection.retryDelayMs(), -1);

        connection.setToken(m_proxy.token());
        QCOMPARE(clients.count(), 1);
        QCOMPARE(connection.client()->options().token, m_proxy.token());
        QTRY_COMPARE(connection.state(), State::Connected);
        QCOMPARE(connection.lastError(), QString());
    }

    void missingTokenFailsWithoutARequest()
    {
        ProxyConnection connection(profileFor(m_proxy.adminUrl()), QByteArray());
        QSignalSpy attempts(&connection, &ProxyConnection::attemptStarted);
        connection.refresh();
        QCOMPARE(connection.state(), State::Failed);
        QVERIFY(!connection.lastError().isEmpty());
        QCOMPARE(attempts.count(), 0);
    }

    void unreachableProxyFailsAndRetries()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        ProxyConnection connection(profileFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port))), "token");
        connection.setBackoff({4, 16, 0.5, [] { return 0.0; }});   // no cut: delays are exact
        QSignalSpy attempts(&connection, &ProxyConnection::attemptStarted);
        QSignalSpy retries(&connection, &ProxyConnection::retryScheduled);
        connection.refresh();
        QTRY_VERIFY(attempts.count() >= 4);
        QCOMPARE(connection.state(), State::Failed);
        QVERIFY(!connection.lastError().isEmpty());
        QVERIFY(retries.count() >= 3);
        QCOMPARE(retries.at(0).at(0).toInt(), 4);
        QCOMPARE(retries.at(1).at(0).toInt(), 8);
        QCOMPARE(retries.at(2).at(0).toInt(), 16);
        QTRY_VERIFY(retries.count() >= 4);
        QCOMPARE(retries.at(3).at(0).toInt(), 16);   // capped

        // Pointed at the real proxy it connects, and the retries stop.
        ProxyProfile fixed = connection.profile();
        fixed.adminUrl = m_proxy.adminUrl();
        connection.setToken(m_proxy.token());
        connection.setProfile(fixed);
        QTRY_COMPARE(connection.state(), State::Connected);
        QCOMPARE(connection.retryDelayMs(), -1);
    }

    void backoffDoublesUpToTheCapWithJitter()
    {
        const ProxyConnection::Backoff b{1000, 30000, 0.5, {}};
        QCOMPARE(ProxyConnection::backoffDelay(1, b, 0.0), 1000);
        QCOMPARE(ProxyConnection::backoffDelay(2, b, 0.0), 2000);
        QCOMPARE(ProxyConnection::backoffDelay(5, b, 0.0), 16000);
        QCOMPARE(ProxyConnection::backoffDelay(6, b, 0.0), 30000);
        QCOMPARE(ProxyConnection::backoffDelay(1000, b, 0.0), 30000);
        QCOMPARE(ProxyConnection::backoffDelay(2, b, 1.0), 1000);   // jitter cuts at most half
        QCOMPARE(ProxyConnection::backoffDelay(2, b, 0.5), 1500);
        QVERIFY(ProxyConnection::backoffDelay(1000, b, 0.999) <= 30000);
    }

    void renamingKeepsTheClientAndAddressChangeRebuildsIt()
    {
        ProxyConnection connection(profileFor(m_proxy.adminUrl()), m_proxy.token());
        QSignalSpy clients(&connection, &ProxyConnection::clientChanged);
        QSignalSpy profiles(&connection, &ProxyConnection::profileChanged);
        ProxyProfile renamed = connection.profile();
        renamed.name = QStringLiteral("renamed");
        connection.setProfile(renamed);
        QCOMPARE(profiles.count(), 1);
        QCOMPARE(clients.count(), 0);
        QCOMPARE(connection.state(), State::Disconnected);

        ProxyProfile tls = renamed;
        tls.insecureSkipVerify = true;
        connection.setProfile(tls);
        QCOMPARE(clients.count(), 1);
        QVERIFY(connection.client()->options().insecureSkipVerify);
        QTRY_COMPARE(connection.state(), State::Connected);
    }

private:
    nsgate::test::TestProxy m_proxy;
};

QTEST_GUILESS_MAIN(TestProxyConnection)
#include "tst_proxyconnection.moc"
