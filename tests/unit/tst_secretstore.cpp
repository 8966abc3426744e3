// Where admin tokens go. Memory and file stores run everywhere. The keyring
// cases run only under run_with_keyring.sh, which sets NSGATE_TEST_SECRETS
// and a throw-away HOME:
//   keyring  - a private D-Bus session with an unlocked gnome-keyring: the
//              token must land in the keyring (read back with secret-tool)
//              and nowhere else under HOME;
//   none     - no D-Bus at all: the probe must say "unavailable", a keychain
//              write must fail rather than fall back to plaintext, and the
//              console's fallback (memory) must write nothing to disk.
// Each mode is its own process: QtKeychain picks its backend once per process.

#include "core/client/KeychainSecretStore.h"
#include "core/client/SecretStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

#include <sys/stat.h>

using namespace nsgate::client;
using nsgate::Result;
using nsgate::Status;

namespace {

// Runs one store call and waits for its answer on the event loop.
Result<QByteArray, QString> readSync(SecretStore& store, const QString& id)
{
    QObject context;
    std::optional<Result<QByteArray, QString>> answer;
    store.read(id, &context, [&](Result<QByteArray, QString> r) { answer.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15000))
        return QStringLiteral("no answer");
    return *answer;
}

Status<QString> writeSync(SecretStore& store, const QString& id, const QByteArray& token)
{
    QObject context;
    std::optional<Status<QString>> answer;
    store.write(id, token, &context, [&](Status<QString> s) { answer.emplace(std::move(s)); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15000))
        return QStringLiteral("no answer");
    return *answer;
}

Status<QString> removeSync(SecretStore& store, const QString& id)
{
    QObject context;
    std::optional<Status<QString>> answer;
    store.remove(id, &context, [&](Status<QString> s) { answer.emplace(std::move(s)); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15000))
        return QStringLiteral("no answer");
    return *answer;
}

std::pair<bool, QString> probeSync()
{
    QObject context;
    std::optional<std::pair<bool, QString>> answer;
    checkKeychainAvailable(&context, [&](bool available, QString why) { answer.emplace(available, why); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20000))
        return {false, QStringLiteral("no answer")};
    return *answer;
}

QString mode()
{
    return qEnvironmentVariable("NSGATE_TEST_SECRETS");
}

// Every file under HOME, relative to it.
QStringList filesUnderHome()
{
    const QDir home(QDir::homePath());
    QStringList files;
    QDirIterator it(home.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << home.relativeFilePath(it.next());
    files.sort();
    return files;
}

QString secretToolLookup(const QString& id)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("user"), id, QStringLiteral("server"),
                QString::fromLatin1(kKeychainService), QStringLiteral("type"), QStringLiteral("plaintext")});
    if (!tool.waitForFinished(15000))
        return QStringLiteral("<secret-tool did not finish>");
    return QString::fromUtf8(tool.readAllStandardOutput());
}

constexpr auto kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner;
constexpr auto kOthers = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
                         | QFile::WriteOther | QFile::ExeOther;

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void memoryRoundTrip()
    {
        MemorySecretStore store;
        QCOMPARE(store.kind(), SecretStore::Kind::Memory);
        QCOMPARE(readSync(store, QStringLiteral("p1")).value(), QByteArray());   // nothing stored: empty, no error
        QVERIFY(writeSync(store, QStringLiteral("p1"), "token-1").ok());
        QVERIFY(writeSync(store, QStringLiteral("p2"), "token-2").ok());
        QCOMPARE(readSync(store, QStringLiteral("p1")).value(), QByteArray("token-1"));
        QVERIFY(removeSync(store, QStringLiteral("p1")).ok());
        QCOMPARE(readSync(store, QStringLiteral("p1")).value(), QByteArray());
        QCOMPARE(readSync(store, QStringLiteral("p2")).value(), QByteArray("token-2"));
    }

    void answersAreAsynchronousAndDieWithTheirContext()
    {
        MemorySecretStore store;
        bool answered = false;
        {
            QObject context;
            store.write(QStringLiteral("p"), "t", &context, [&](Status<QString>) { answered = true; });
            QVERIFY(!answered);   // never before the call returns
        }
        QCoreApplication::processEvents();
        QVERIFY(!answered);   // the context died first
    }

    void fileRoundTripWithOwnerOnlyMode()
    {
        QTemporaryDir dir;
        const QString tokens = dir.filePath(QStringLiteral("tokens"));
        FileSecretStore store(tokens);
        QCOMPARE(store.kind(), SecretStore::Kind::File);
        // A permissive umask must not leak the token to other users.
        const mode_t previous = ::umask(0);
        const auto written = writeSync(store, QStringLiteral("profile-1"), "file-token");
        QVERIFY(writeSync(store, QStringLiteral("profile-1"), "file-token-2").ok());   // overwrite keeps the mode
        ::umask(previous);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error()));

        const QFileInfo file(store.pathFor(QStringLiteral("profile-1")));
        QVERIFY(file.isFile());
        QCOMPARE(file.permissions() & (kOwnerOnly | QFile::ExeOwner | kOthers), kOwnerOnly);
        QCOMPARE(QFileInfo(tokens).permissions() & kOthers, QFile::Permissions());
        QCOMPARE(QDir(tokens).entryList(QDir::Files | QDir::Hidden), QStringList{file.fileName()});

        FileSecretStore reopened(tokens);
        QCOMPARE(readSync(reopened, QStringLiteral("profile-1")).value(), QByteArray("file-token-2"));
        QCOMPARE(readSync(reopened, QStringLiteral("other")).value(), QByteArray());
        QVERIFY(removeSync(reopened, QStringLiteral("profile-1")).ok());
        QVERIFY(!QFile::exists(file.filePath()));   // QFileInfo caches
        QVERIFY(removeSync(reopened, QStringLiteral("profile-1")).ok());
    }

    void fileStoreRefusesIdsThatLeaveItsDirectory()
    {
        QTemporaryDir dir;
        FileSecretStore store(dir.filePath(QStringLiteral("tokens")));
        QVERIFY(!writeSync(store, QStringLiteral("../outside"), "t").ok());
        QVERIFY(!writeSync(store, QStringLiteral(".hidden"), "t").ok());
        QVERIFY(!readSync(store, QStringLiteral("a/b")).ok());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("outside.token"))));
    }

    void keyringStoresTheTokenInTheKeyringOnly()
    {
        if (mode() != QLatin1String("keyring"))
            QSKIP("needs run_with_keyring.sh (D-Bus session with an unlocked gnome-keyring)");
        const auto [available, why] = probeSync();
        QVERIFY2(available, qPrintable(why));

        KeychainSecretStore store;
        QCOMPARE(store.kind(), SecretStore::Kind::Keychain);
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QByteArray token = "kr-" + QUuid::createUuid().toByteArray(QUuid::Id128);
        QCOMPARE(readSync(store, id).value(), QByteArray());   // missing entry reads as empty
        const auto written = writeSync(store, id, token);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error()));

        // Read back by another client of the Secret Service, with QtKeychain's
        // libsecret schema attributes: the token is really in the keyring.
        QCOMPARE(secretToolLookup(id), QString::fromLatin1(token));
        QCOMPARE(readSync(store, id).value(), token);

        // On disk: only the (encrypted) keyring files, and no plaintext token.
        const QString keyrings = QDir(QDir::homePath()).relativeFilePath(
            qEnvironmentVariable("XDG_DATA_HOME", QDir::homePath() + QStringLiteral("/.local/share"))
            + QStringLiteral("/keyrings/"));
        const QStringList files = filesUnderHome();
        QVERIFY(!files.isEmpty());
        for (const QString& f : files) {
            QVERIFY2(f.startsWith(keyrings), qPrintable(f + QStringLiteral(" is not in ") + keyrings));
            QFile file(QDir(QDir::homePath()).filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(token), qPrintable(f));
        }

        QVERIFY(removeSync(store, id).ok());
        QCOMPARE(secretToolLookup(id), QString());
        QCOMPARE(readSync(store, id).value(), QByteArray());
        QVERIFY(removeSync(store, id).ok());   // removing again is fine
    }

    void withoutKeyringNothingReachesTheDisk()
    {
        if (mode() != QLatin1String("none"))
            QSKIP("needs run_with_keyring.sh --no-keyring (no D-Bus session)");
        QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
        QCOMPARE(filesUnderHome(), QStringList());

        const auto [available, why] = probeSync();
        QVERIFY(!available);
        QVERIFY(!why.isEmpty());   // the banner can say why
        qInfo("probe: %s", qPrintable(why));

        // No silent plaintext fallback from QtKeychain.
        KeychainSecretStore keychain;
        QVERIFY(!writeSync(keychain, QStringLiteral("p"), "must-not-land").ok());

        // The console's fallback for the session.
        MemorySecretStore memory;
        QVERIFY(writeSync(memory, QStringLiteral("p"), "session-token").ok());
        QCOMPARE(readSync(memory, QStringLiteral("p")).value(), QByteArray("session-token"));

        QCOMPARE(filesUnderHome(), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
