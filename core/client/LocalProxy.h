#pragma once

// Runs the bundled nsgate for the console's "Start a local nsgate": ports
// chosen by nsgate (127.0.0.1:0), read back from the JSON `listening` line it
// prints on stdout; the admin token from the file that line names. Nothing
// here blocks: output, exit, the start timeout and the stop grace period all
// arrive through the event loop.
//
// stderr goes to `<dataDir>/nsgate.log` rather than a pipe, so a proxy left
// running after the console quit (setKeepRunning) never dies of SIGPIPE on
// its next log line, and the log survives for the operator to read. nsgate
// writes nothing to stdout after the listening line, so that pipe can close.

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>
#include <QUrl>

namespace nsgate::client {

class LocalProxy : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Starting, Running, Stopping };
    Q_ENUM(State)

    // `dataDir` empty = defaultDataDir().
    explicit LocalProxy(QString program, QString dataDir = {}, QObject* parent = nullptr);
    // Not keep-running: asks nsgate to stop (SIGTERM) and returns at once;
    // nsgate finishes its shutdown on its own. Keep-running: leaves it
    // serving. Either way the destructor never waits (see detach()).
    ~LocalProxy() override;

    // QStandardPaths::AppDataLocation + "/local-proxy".
    static QString defaultDataDir();
    // `appDir`/nsgate (installed next to the console), then
    // `appDir`/../nsgate/nsgate (build tree: app/console -> app/nsgate), then
    // nsgate on PATH. Empty when none is found. `appDir` defaults to
    // QCoreApplication::applicationDirPath().
    static QString findBundledNsgate(const QString& appDir = {});

    const QString& program() const { return m_program; }
    const QString& dataDir() const { return m_dataDir; }
    QString logFile() const;

    void setKeepRunning(bool keep) { m_keepRunning = keep; }
    bool keepRunning() const { return m_keepRunning; }
    void setStartTimeout(int ms) { m_startTimeoutMs = ms; }
    void setStopGrace(int ms) { m_stopGraceMs = ms; }

    State state() const { return m_state; }
    QUrl registryUrl() const { return m_registry; }
    QUrl adminUrl() const { return m_admin; }
    QByteArray token() const { return m_token; }
    qint64 processId() const;

    // Idle -> Starting; answers with ready() or failed().
    void start();
    // SIGTERM now, SIGKILL after the stop grace period; stopped() follows.
    void stop();

signals:
    void ready(const QUrl& registry, const QUrl& admin, const QByteArray& token);
    // Before ready(): why it could not start. After ready(): nsgate exited
    // without stop() being asked.
    void failed(const QString& why);
    // Back to Idle after start(), whatever the reason: stop(), failure, exit.
    void stopped();

private:
    void onStdout();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void fail(const QString& why);
    void becomeIdle();
    QString logTail() const;
    // Hands the running process to a holder that outlives this object, so
    // ~QProcess (which kills and waits) never runs while nsgate is alive.
    void detach();

    QString m_program;
    QString m_dataDir;
    QProcess* m_process = nullptr;
    State m_state = State::Idle;
    bool m_keepRunning = false;
    bool m_stopRequested = false;
    int m_startTimeoutMs = 20000;
    int m_stopGraceMs = 15000;   // above nsgate's own shutdown grace (10 s)
    QByteArray m_stdout;
    qint64 m_logOffset = 0;   // where this run's lines start in the log
    QTimer m_startTimer;
    QTimer m_killTimer;
    QUrl m_registry, m_admin;
    QByteArray m_token;
};

} // namespace nsgate::client
