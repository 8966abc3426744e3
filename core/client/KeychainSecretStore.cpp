#include "core/client/KeychainSecretStore.h"

#include <QTimer>
#include <QUuid>

#include <memory>

#include <qt6keychain/keychain.h>

namespace nsgate::client {

namespace {

// Every job deletes itself after `finished`; the answer goes through a
// connection to `context`, so a dead context simply never hears back.
template<class Job>
Job* makeJob(const QString& service, const QString& key)
{
    auto* job = new Job(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

QString describe(const QKeychain::Job* job)
{
    return SecretStore::tr("keyring: %1").arg(job->errorString());
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service) : m_service(std::move(service)) {}

void KeychainSecretStore::read(const QString& profileId, QObject* context, ReadDone done)
{
    auto* job = makeJob<QKeychain::ReadPasswordJob>(m_service, profileId);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job* j) {
        auto* readJob = static_cast<QKeychain::ReadPasswordJob*>(j);
        if (j->error() == QKeychain::EntryNotFound)
            return done(QByteArray());
        if (j->error() != QKeychain::NoError)
            return done(describe(j));
        done(readJob->binaryData());
    });
    job->start();
}

void KeychainSecretStore::write(const QString& profileId, const QByteArray& token, QObject* context,
                                WriteDone done)
{
    auto* job = makeJob<QKeychain::WritePasswordJob>(m_service, profileId);
    // Text, not binary: tokens are ASCII, and text entries are stored as they
    // are (binary ones as base64), so `secret-tool lookup` shows the token.
    job->setTextData(QString::fromUtf8(token));
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job* j) {
        if (j->error() != QKeychain::NoError)
            return done(describe(j));
        done({});
    });
    job->start();
}

void KeychainSecretStore::remove(const QString& profileId, QObject* context, WriteDone done)
{
    auto* job = makeJob<QKeychain::DeletePasswordJob>(m_service, profileId);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job* j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound)
            return done(describe(j));
        done({});
    });
    job->start();
}

void checkKeychainAvailable(QObject* context, std::function<void(bool, QString)> done, const QString& service,
                            int timeoutMs)
{
    // One answer only: the first of the probe's outcome and the timeout wins.
    auto answer = std::make_shared<std::function<void(bool, QString)>>(std::move(done));
    auto finish = [answer](bool available, const QString& why) {
        if (!*answer)
            return;
        auto once = std::exchange(*answer, nullptr);
        once(available, why);
    };
    QTimer::singleShot(timeoutMs, context, [finish, timeoutMs] {
        finish(false, SecretStore::tr("the keyring did not answer within %1 s").arg(timeoutMs / 1000));
    });

    // A fresh key per probe: two consoles probing at once cannot collide, and
    // a probe left behind by a crash never masks a real entry.
    const QString key = QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    // The store is a value (the jobs copy the service), so nothing here
    // outlives a context that dies mid-probe.
    KeychainSecretStore(service).write(
        key, QByteArrayLiteral("probe"), context, [finish, service, key, context](Status<QString> written) {
            if (!written)
                return finish(false, written.error());
            KeychainSecretStore(service).remove(key, context, [finish](Status<QString>) {
                // The write proved the keyring works; a failed clean-up leaves
                // a harmless entry behind and does not change that.
                finish(true, QString());
            });
        });
}

} // namespace nsgate::client
