#pragma once

// A real nsgate for UI tests: started on ephemeral ports in a temporary data
// directory, ready once it printed its `listening` line, stopped by the
// destructor. Blocking waits are fine here: nsgate is another process.

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace nsgate::test {

class TestProxy
{
public:
    TestProxy() = default;
    TestProxy(const TestProxy&) = delete;
    TestProxy& operator=(const TestProxy&) = delete;
    ~TestProxy() { stop(); }

    // Starts NSGATE_BINARY; returns an empty string on success, else why not.
    QString start(const QStringList& extraArgs = {})
    {
        if (!m_dir.isValid())
            return "no temporary directory";
        QStringList args{"--listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--data-dir",
                         m_dir.path() + "/data", "--quiet"};
        args += extraArgs;
        m_process.setProgram(QString::fromUtf8(NSGATE_BINARY));
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return "nsgate did not start: " + m_process.errorString();
        QByteArray line;
        while (!line.contains('\n')) {
            if (!m_process.waitForReadyRead(20000))
                return "nsgate printed no listening line";
            line += m_process.readAllStandardOutput();
        }
        const QJsonObject listening = QJsonDocument::fromJson(line.left(line.indexOf('\n'))).object();
        if (listening.value("event").toString() != "listening")
            return "unexpected first line: " + QString::fromUtf8(line);
        m_registry = QUrl(listening.value("registry").toString());
        m_admin = QUrl(listening.value("admin").toString());
        QFile tokenFile(listening.value("tokenFile").toString());
        if (!tokenFile.open(QIODevice::ReadOnly))
            return "cannot read the token file " + tokenFile.fileName();
        m_token = tokenFile.readAll().trimmed();
        return {};
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(15000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QUrl registryUrl() const { return m_registry; }
    QUrl adminUrl() const { return m_admin; }
    QByteArray token() const { return m_token; }
    QString dataDir() const { return m_dir.path() + "/data"; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_registry, m_admin;
    QByteArray m_token;
};

} // namespace nsgate::test
