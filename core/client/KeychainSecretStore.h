#pragma once

// Tokens in the platform keyring through QtKeychain (Secret Service via
// libsecret on Linux, KWallet on Plasma). Entries are keyed by service
// `io.nsgate.Console` and the profile id; on Linux QtKeychain stores them with
// the libsecret schema "org.qt.keychain", attributes user=<profile id>,
// server=<service>, type=plaintext (what `secret-tool lookup` needs).
//
// The insecure fallback is off on every job: when no keyring answers, a write
// fails, and the console decides (memory for the session, or the file store
// the operator opted into). QtKeychain never writes plaintext behind our back.

#include "core/client/SecretStore.h"

namespace nsgate::client {

inline constexpr auto kKeychainService = "io.nsgate.Console";

class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = QString::fromLatin1(kKeychainService));

    const QString& service() const { return m_service; }

    Kind kind() const override { return Kind::Keychain; }
    void read(const QString& profileId, QObject* context, ReadDone done) override;
    void write(const QString& profileId, const QByteArray& token, QObject* context, WriteDone done) override;
    void remove(const QString& profileId, QObject* context, WriteDone done) override;

private:
    QString m_service;
};

// Writes and deletes a probe entry: the only reliable way to know a keyring
// is there and unlocked (a D-Bus name can exist while every write fails).
// Answers once, within `timeoutMs` (a locked keyring may wait for a prompt
// nobody will answer). `why` says what failed when it is not available.
void checkKeychainAvailable(QObject* context, std::function<void(bool available, QString why)> done,
                            const QString& service = QString::fromLatin1(kKeychainService),
                            int timeoutMs = 10000);

} // namespace nsgate::client
