#pragma once

// Where the console keeps admin tokens. The keyring (KeychainSecretStore) is
// the only default; when there is none the console keeps tokens in memory for
// the session (MemorySecretStore) and writes them to disk only after the
// operator explicitly opted into FileSecretStore. Never QSettings.
//
// Every call answers asynchronously, on the event loop, through a callback
// bound to `context`: the callback is dropped if the context dies first. The
// memory and file stores answer asynchronously too, so callers cannot come to
// rely on a synchronous answer that the keyring will never give.

#include "core/model/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace nsgate::client {

class SecretStore
{
    Q_DECLARE_TR_FUNCTIONS(SecretStore)

public:
    enum class Kind { Keychain, Memory, File };

    // A missing entry is not an error: it reads as an empty token, so callers
    // can tell "nothing stored, ask for it" from "the keyring failed".
    using ReadDone = std::function<void(Result<QByteArray, QString>)>;
    using WriteDone = std::function<void(Status<QString>)>;

    virtual ~SecretStore() = default;

    virtual Kind kind() const = 0;
    virtual void read(const QString& profileId, QObject* context, ReadDone done) = 0;
    virtual void write(const QString& profileId, const QByteArray& token, QObject* context, WriteDone done) = 0;
    // Removing an entry that does not exist succeeds.
    virtual void remove(const QString& profileId, QObject* context, WriteDone done) = 0;

    // Stable names for settings ("keychain", "memory", "file") and back.
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);
};

// Session only: forgotten when the console exits.
class MemorySecretStore final : public SecretStore
{
public:
    Kind kind() const override { return Kind::Memory; }
    void read(const QString& profileId, QObject* context, ReadDone done) override;
    void write(const QString& profileId, const QByteArray& token, QObject* context, WriteDone done) override;
    void remove(const QString& profileId, QObject* context, WriteDone done) override;

private:
    QHash<QString, QByteArray> m_tokens;
};

// Explicit opt-in only: plaintext files readable by the owner alone, one per
// profile (`<directory>/<profileId>.token`, mode 0600, directory 0700).
class FileSecretStore final : public SecretStore
{
public:
    explicit FileSecretStore(QString directory);

    const QString& directory() const { return m_directory; }
    QString pathFor(const QString& profileId) const;

    Kind kind() const override { return Kind::File; }
    void read(const QString& profileId, QObject* context, ReadDone done) override;
    void write(const QString& profileId, const QByteArray& token, QObject* context, WriteDone done) override;
    void remove(const QString& profileId, QObject* context, WriteDone done) override;

private:
    QString m_directory;
};

// Profile ids become file names and keyring keys: only [A-Za-z0-9._-], not
// starting with a dot, so an id can never climb out of a directory.
bool isValidProfileId(const QString& profileId);

} // namespace nsgate::client
