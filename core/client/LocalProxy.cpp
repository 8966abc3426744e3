#include "core/client/LocalProxy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QStandardPaths>

namespace nsgate::client {

namespace {

// Processes that outlived their LocalProxy (see detach()). The list lives on
// the heap behind a global pointer, so nothing destroys these QProcess objects
// at exit (~QProcess would kill nsgate) and leak checkers still see them as
// reachable.
QList<QProcess*>& detachedProcesses()
{
    static auto* processes = new QList<QProcess*>;
    return *processes;
}

constexpr qint64 kMaxListeningLine = 64 * 1024;

} // namespace

LocalProxy::LocalProxy(QString program, QString dataDir, QObject* parent)
    : QObject(parent), m_program(std::move(program)),
      m_dataDir(dataDir.isEmpty() ? defaultDataDir() : std::move(dataDir))
{
    m_startTimer.setSingleShot(true);
    m_killTimer.setSingleShot(true);
    connect(&m_startTimer, &QTimer::timeout, this, [this] {
        fail(tr("nsgate did not report listening within %1 s").arg(m_startTimeoutMs / 1000.0));
    });
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process)
            m_process->kill();
    });
}

LocalProxy::~LocalProxy()
{
    if (!m_process)
        return;
    // A proxy that never became ready has no URLs anybody knows: it goes even
    // when keep-running was asked.
    if (!(m_keepRunning && m_state == State::Running) && m_process->state() != QProcess::NotRunning)
        m_process->terminate();
    detach();
}

QString LocalProxy::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/local-proxy");
}

QString LocalProxy::findBundledNsgate(const QString& appDir)
{
    const QDir dir(appDir.isEmpty() ? QCoreApplication::applicationDirPath() : appDir);
    for (const QString& candidate : {dir.filePath(QStringLiteral("nsgate")),
                                     dir.filePath(QStringLiteral("../nsgate/nsgate"))}) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return QDir::cleanPath(info.absoluteFilePath());
    }
    return QStandardPaths::findExecutable(QStringLiteral("nsgate"));
}

QString LocalProxy::logFile() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("nsgate.log"));
}

qint64 LocalProxy::processId() const
{
    return m_process ? m_process->processId() : 0;
}

void LocalProxy::start()
{
    if (m_state != State::Idle)
        return;
    m_stdout.clear();
    m_registry = m_admin = QUrl();
    m_token.clear();
    m_stopRequested = false;
    m_state = State::Starting;

    // The data dir holds the admin token: closed to other users.
    if (!QDir().mkpath(m_dataDir)
        || !QFile::setPermissions(m_dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        return fail(tr("cannot create the data directory %1").arg(m_dataDir));
    m_logOffset = QFileInfo(logFile()).size();

    m_process = new QProcess(this);
    m_process->setProgram(m_program);
    // --quiet: per-request lines would only grow the log file; the console
    // follows requests through the admin event stream instead.
    m_process->setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--quiet")});
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardErrorFile(logFile(), QIODevice::Append);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &LocalProxy::onStdout);
    connect(m_process, &QProcess::finished, this, &LocalProxy::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &LocalProxy::onError);
    m_startTimer.start(m_startTimeoutMs);
    m_process->start();
}

void LocalProxy::stop()
{
    if (m_state == State::Idle || m_state == State::Stopping)
        return;
    m_stopRequested = true;
    m_state = State::Stopping;
    m_startTimer.stop();
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return becomeIdle();
    m_process->terminate();
    m_killTimer.start(m_stopGraceMs);
}

void LocalProxy::onStdout()
{
    m_stdout += m_process->readAllStandardOutput();
    if (m_state != State::Starting) {
        m_stdout.clear();
        return;
    }
    const auto newline = m_stdout.indexOf('\n');
    if (newline < 0) {
        if (m_stdout.size() > kMaxListeningLine)
            fail(tr("nsgate printed no listening line"));
        return;
    }
    const QByteArray line = m_stdout.left(newline).trimmed();
    m_stdout.clear();
    const QJsonObject listening = QJsonDocument::fromJson(line).object();
    if (listening.value(QStringLiteral("event")).toString() != QLatin1String("listening"))
        return fail(tr("unexpected first line from nsgate: %1").arg(QString::fromUtf8(line.left(200))));
    const QUrl registry(listening.value(QStringLiteral("registry")).toString());
    const QUrl admin(listening.value(QStringLiteral("admin")).toString());
    if (!registry.isValid() || registry.isRelative() || !admin.isValid() || admin.isRelative())
        return fail(tr("nsgate reported unusable URLs: %1").arg(QString::fromUtf8(line.left(200))));
    // A few bytes from a local file nsgate has just written: read in place.
    QFile tokenFile(listening.value(QStringLiteral("tokenFile")).toString());
    if (!tokenFile.open(QIODevice::ReadOnly))
        return fail(
            tr("cannot read the admin token file %1: %2").arg(tokenFile.fileName(), tokenFile.errorString()));
    const QByteArray token = tokenFile.readAll().trimmed();
    if (token.isEmpty())
        return fail(tr("the admin token file %1 is empty").arg(tokenFile.fileName()));

    m_startTimer.stop();
    m_registry = registry;
    m_admin = admin;
    m_token = token;
    m_state = State::Running;
    emit ready(m_registry, m_admin, m_token);
}

void LocalProxy::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_startTimer.stop();
    m_killTimer.stop();
    const QString how = status == QProcess::CrashExit ? tr("crashed") : tr("exited with code %1").arg(exitCode);
    QPointer<LocalProxy> self(this);
    if (m_state == State::Starting)
        emit failed(tr("nsgate %1 before listening%2").arg(how, logTail()));
    else if (m_state == State::Running && !m_stopRequested)
        emit failed(tr("nsgate %1%2").arg(how, logTail()));
    if (self)
        becomeIdle();
}

void LocalProxy::onError(QProcess::ProcessError error)
{
    // Every other error is followed by finished().
    if (error != QProcess::FailedToStart)
        return;
    fail(tr("cannot start %1: %2").arg(m_program, m_process->errorString()));
}

void LocalProxy::fail(const QString& why)
{
    if (m_state != State::Starting)
        return;
    m_startTimer.stop();
    QPointer<LocalProxy> self(this);
    emit failed(why);
    if (!self)
        return;
    // A half-started nsgate is of no use: stop it; stopped() follows its exit.
    stop();
}

void LocalProxy::becomeIdle()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_killTimer.stop();
    m_state = State::Idle;
    emit stopped();
}

QString LocalProxy::logTail() const
{
    QFile log(logFile());
    if (!log.open(QIODevice::ReadOnly) || !log.seek(std::max(m_logOffset, log.size() - 2048)))
        return {};
    const QString tail = QString::fromUtf8(log.readAll()).trimmed();
    return tail.isEmpty() ? QString() : QStringLiteral(": ") + tail;
}

void LocalProxy::detach()
{
    QProcess* process = std::exchange(m_process, nullptr);
    process->disconnect(this);
    process->setParent(nullptr);
    if (process->state() == QProcess::NotRunning) {
        delete process;
        return;
    }
    // nsgate writes nothing more to stdout; whatever it might is discarded.
    process->closeReadChannel(QProcess::StandardOutput);
    detachedProcesses().append(process);
    // While the console still runs (the proxy was removed, not the app
    // quitting), reap the process once it exits.
    connect(process, &QProcess::finished, process, [process] {
        detachedProcesses().removeOne(process);
        process->deleteLater();
    });
}

} // namespace nsgate::client
