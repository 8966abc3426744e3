// LocalProxy against the real nsgate binary: ready() carries URLs that answer
// and the token nsgate wrote; stop() ends the process; every way a start can
// go wrong ends in failed() then stopped(), never a hang. Fake "nsgate"
// scripts stand in for the misbehaving cases.

#include "core/client/LocalProxy.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <signal.h>

using nsgate::client::LocalProxy;

namespace {

// Status of GET <admin>/admin/v1/health (0 when nothing answers).
int healthStatus(const QUrl& admin)
{
    QNetworkAccessManager network;
    QUrl url = admin;
    url.setPath(QStringLiteral("/admin/v1/health"));
    QNetworkReply* reply = network.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

// An executable shell script standing in for nsgate.
QString fakeNsgate(const QTemporaryDir& dir, const QByteArray& body)
{
    const QString path = dir.filePath(QStringLiteral("fake-nsgate"));
    QFile script(path);
    if (!script.open(QIODevice::WriteOnly))
        return {};
    script.write("#!/bin/sh\n" + body + "\n");
    script.close();
    script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

} // namespace

class TestLocalProxy : public QObject
{
    Q_OBJECT

private slots:
    void startsNsgateAndStopsIt()
    {
        QTemporaryDir dir;
        const QString dataDir = dir.filePath(QStringLiteral("data"));
        LocalProxy proxy(QString::fromUtf8(NSGATE_BINARY), dataDir);
        QSignalSpy ready(&proxy, &LocalProxy::ready);
        QSignalSpy failed(&proxy, &LocalProxy::failed);
        QSignalSpy stopped(&proxy, &LocalProxy::stopped);
        proxy.start();
        QCOMPARE(proxy.state(), LocalProxy::State::Starting);
        QVERIFY(ready.wait(20000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(proxy.state(), LocalProxy::State::Running);

        const auto registry = ready.at(0).at(0).toUrl();
        const auto admin = ready.at(0).at(1).toUrl();
        const auto token = ready.at(0).at(2).toByteArray();
        QCOMPARE(registry.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(registry.port() > 0);
        QCOMPARE(admin.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(admin.port() > 0 && admin.port() != registry.port());
        QCOMPARE(proxy.adminUrl(), admin);

        QFile tokenFile(QDir(dataDir).filePath(QStringLiteral("admin-token")));
        QVERIFY(tokenFile.open(QIODevice::ReadOnly));
        QVERIFY(!token.isEmpty());
        QCOMPARE(token, tokenFile.readAll().trimmed());
        QCOMPARE(healthStatus(admin), 200);
        QVERIFY(QFile::exists(proxy.logFile()));

        const qint64 pid = proxy.processId();
        QVERIFY(pid > 0);
        proxy.stop();
        QCOMPARE(proxy.state(), LocalProxy::State::Stopping);
        QVERIFY(stopped.wait(20000));
        QCOMPARE(proxy.state(), LocalProxy::State::Idle);
        QCOMPARE(failed.count(), 0);   // asked to stop: not a failure
        QCOMPARE(proxy.processId(), qint64(0));
        QCOMPARE(healthStatus(admin), 0);
        QCOMPARE(::kill(static_cast<pid_t>(pid), 0), -1);   // gone and reaped

        // The same data dir starts again with the same token.
        proxy.start();
        QVERIFY(ready.wait(20000));
        QCOMPARE(ready.at(1).at(2).toByteArray(), token);
        proxy.stop();
        QVERIFY(stopped.wait(20000));   // before the data dir is removed
    }

    void bogusBinaryFails()
    {
        QTemporaryDir dir;
        LocalProxy proxy(dir.filePath(QStringLiteral("no-such-nsgate")), dir.filePath(QStringLiteral("data")));
        QSignalSpy failed(&proxy, &LocalProxy::failed);
        QSignalSpy stopped(&proxy, &LocalProxy::stopped);
        proxy.start();
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("no-such-nsgate")));
        QTRY_COMPARE(stopped.count(), 1);
        QCOMPARE(proxy.state(), LocalProxy::State::Idle);
    }

    void exitBeforeListeningFailsWithItsOutput()
    {
        QTemporaryDir dir;
        LocalProxy proxy(fakeNsgate(dir, "echo 'nsgate: cannot bind the admin listener' >&2; exit 3"),
                         dir.filePath(QStringLiteral("data")));
        QSignalSpy failed(&proxy, &LocalProxy::failed);
        QSignalSpy stopped(&proxy, &LocalProxy::stopped);
        proxy.start();
        QVERIFY(failed.wait(10000));
        const QString why = failed.at(0).at(0).toString();
        QVERIFY2(why.contains(QStringLiteral("code 3")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("cannot bind the admin listener")), qPrintable(why));
        QTRY_COMPARE(stopped.count(), 1);
        QCOMPARE(failed.count(), 1);
    }

    void silentProcessTimesOutAndIsStopped()
    {
        QTemporaryDir dir;
        LocalProxy proxy(fakeNsgate(dir, "exec sleep 60"), dir.filePath(QStringLiteral("data")));
        proxy.setStartTimeout(300);
        QSignalSpy failed(&proxy, &LocalProxy::failed);
        QSignalSpy stopped(&proxy, &LocalProxy::stopped);
        proxy.start();
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("within")));
        QVERIFY(stopped.wait(10000));   // the sleeping process was terminated
        QCOMPARE(failed.count(), 1);
    }

    void unreadableTokenFileFails()
    {
        QTemporaryDir dir;
        const QByteArray script = "echo '{\"event\":\"listening\",\"registry\":\"http://127.0.0.1:1\","
                                  "\"admin\":\"http://127.0.0.1:2\",\"tokenFile\":\"/nonexistent/token\"}'\n"
                                  "exec sleep 60";
        LocalProxy proxy(fakeNsgate(dir, script), dir.filePath(QStringLiteral("data")));
        QSignalSpy ready(&proxy, &LocalProxy::ready);
        QSignalSpy failed(&proxy, &LocalProxy::failed);
        QSignalSpy stopped(&proxy, &LocalProxy::stopped);
        proxy.start();
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("/nonexistent/token")));
        QVERIFY(stopped.wait(10000));
        QCOMPARE(ready.count(), 0);
    }

    void destructorStopsNsgateWithoutWaiting()
    {
        QTemporaryDir dir;
        auto proxy =
            std::make_unique<LocalProxy>(QString::fromUtf8(NSGATE_BINARY), dir.filePath(QStringLiteral("data")));
        QSignalSpy ready(proxy.get(), &LocalProxy::ready);
        proxy->start();
        QVERIFY(ready.wait(20000));
        const QUrl admin = proxy->adminUrl();
        const auto pid = static_cast<pid_t>(proxy->processId());
        proxy.reset();
        QTRY_COMPARE_WITH_TIMEOUT(healthStatus(admin), 0, 20000);
        // Exited and reaped (not left a zombie) before the data dir goes away.
        QTRY_COMPARE_WITH_TIMEOUT(::kill(pid, 0), -1, 20000);
    }

    void keepRunningLeavesNsgateServing()
    {
        QTemporaryDir dir;
        auto proxy =
            std::make_unique<LocalProxy>(QString::fromUtf8(NSGATE_BINARY), dir.filePath(QStringLiteral("data")));
        QSignalSpy ready(proxy.get(), &LocalProxy::ready);
        proxy->setKeepRunning(true);
        proxy->start();
        QVERIFY(ready.wait(20000));
        const QUrl admin = proxy->adminUrl();
        const auto pid = static_cast<pid_t>(proxy->processId());
        proxy.reset();
        QCOMPARE(healthStatus(admin), 200);
        // Clean up what the test started.
        QCOMPARE(::kill(pid, SIGTERM), 0);
        QTRY_COMPARE_WITH_TIMEOUT(healthStatus(admin), 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(::kill(pid, 0), -1, 20000);
    }

    void findsTheBundledBinary()
    {
        QTemporaryDir dir;
        const QDir root(dir.path());
        QVERIFY(root.mkpath(QStringLiteral("app/console")) && root.mkpath(QStringLiteral("app/nsgate")));
        auto makeExecutable = [](const QString& path) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.setPermissions(QFile::ReadOwner | QFile::ExeOwner);
        };
        // Build tree: app/console/nsgate-console finds app/nsgate/nsgate.
        const QString built = root.filePath(QStringLiteral("app/nsgate/nsgate"));
        QVERIFY(makeExecutable(built));
        QCOMPARE(LocalProxy::findBundledNsgate(root.filePath(QStringLiteral("app/console"))), built);
        // Installed: next to the console wins.
        const QString installed = root.filePath(QStringLiteral("app/console/nsgate"));
        QVERIFY(makeExecutable(installed));
        QCOMPARE(LocalProxy::findBundledNsgate(root.filePath(QStringLiteral("app/console"))), installed);
    }
};

QTEST_GUILESS_MAIN(TestLocalProxy)
#include "tst_localproxy.moc"
