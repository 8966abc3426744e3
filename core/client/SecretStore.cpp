#include "core/client/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace nsgate::client {

namespace {

// Answers on the next event loop turn, and only while `context` lives.
template<class Done, class Value>
void answerLater(QObject* context, Done done, Value value)
{
    Q_ASSERT(context);
    QMetaObject::invokeMethod(context, [done, value] { done(value); }, Qt::QueuedConnection);
}

Status<QString> invalidId(const QString& profileId)
{
    return SecretStore::tr("invalid profile id \"%1\"").arg(profileId);
}

} // namespace

QString SecretStore::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Keychain: return QStringLiteral("keychain");
    case Kind::Memory: return QStringLiteral("memory");
    case Kind::File: return QStringLiteral("file");
    }
    return {};
}

std::optional<SecretStore::Kind> SecretStore::kindFromName(const QString& name)
{
    for (Kind kind : {Kind::Keychain, Kind::Memory, Kind::File})
        if (kindName(kind) == name)
            return kind;
    return std::nullopt;
}

bool isValidProfileId(const QString& profileId)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"));
    return pattern.match(profileId).hasMatch();
}

void MemorySecretStore::read(const QString& profileId, QObject* context, ReadDone done)
{
    answerLater(context, std::move(done), Result<QByteArray, QString>(m_tokens.value(profileId)));
}

void MemorySecretStore::write(const QString& profileId, const QByteArray& token, QObject* context, WriteDone done)
{
    m_tokens.insert(profileId, token);
    answerLater(context, std::move(done), Status<QString>());
}

void MemorySecretStore::remove(const QString& profileId, QObject* context, WriteDone done)
{
    m_tokens.remove(profileId);
    answerLater(context, std::move(done), Status<QString>());
}

FileSecretStore::FileSecretStore(QString directory) : m_directory(std::move(directory)) {}

QString FileSecretStore::pathFor(const QString& profileId) const
{
    return QDir(m_directory).filePath(profileId + QStringLiteral(".token"));
}

void FileSecretStore::read(const QString& profileId, QObject* context, ReadDone done)
{
    using R = Result<QByteArray, QString>;
    if (!isValidProfileId(profileId))
        return answerLater(context, std::move(done), R(invalidId(profileId).error()));
    QFile file(pathFor(profileId));
    if (!file.exists())
        return answerLater(context, std::move(done), R(QByteArray()));
    if (!file.open(QIODevice::ReadOnly))
        return answerLater(context, std::move(done),
                           R(SecretStore::tr("cannot read %1: %2").arg(file.fileName(), file.errorString())));
    answerLater(context, std::move(done), R(file.readAll()));
}

void FileSecretStore::write(const QString& profileId, const QByteArray& token, QObject* context, WriteDone done)
{
    if (!isValidProfileId(profileId))
        return answerLater(context, std::move(done), invalidId(profileId));
    // The directory is closed to others too: file names reveal profile ids.
    if (!QDir().mkpath(m_directory)
        || !QFile::setPermissions(m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        return answerLater(
            context, std::move(done),
            Status<QString>(SecretStore::tr("cannot create the token directory %1").arg(m_directory)));
    // QSaveFile: a crash mid-write never leaves a truncated token behind. The
    // mode is set on the open temporary file before any byte is written, so
    // the token is never readable by others, whatever the umask.
    QSaveFile file(pathFor(profileId));
    const bool written = file.open(QIODevice::WriteOnly)
                         && file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
                         && file.write(token) == token.size() && file.commit();
    if (!written)
        return answerLater(
            context, std::move(done),
            Status<QString>(SecretStore::tr("cannot write %1: %2").arg(file.fileName(), file.errorString())));
    answerLater(context, std::move(done), Status<QString>());
}

void FileSecretStore::remove(const QString& profileId, QObject* context, WriteDone done)
{
    if (!isValidProfileId(profileId))
        return answerLater(context, std::move(done), invalidId(profileId));
    QFile file(pathFor(profileId));
    if (file.exists() && !file.remove())
        return answerLater(
            context, std::move(done),
            Status<QString>(
                SecretStore::tr("cannot remove %1: %2").arg(file.fileName(), file.errorString())));
    answerLater(context, std::move(done), Status<QString>());
}

} // namespace nsgate::client
