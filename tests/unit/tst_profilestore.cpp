// Proxy profiles in QSettings: what goes in comes back out (through a fresh
// QSettings, so from the file), removal is real, and no secret ever reaches
// the settings file: not the token (it belongs to the SecretStore), not a
// password typed into a URL.

#include "core/client/ProfileStore.h"
#include "core/client/SecretStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using nsgate::client::MemorySecretStore;
using nsgate::client::ProfileStore;
using nsgate::client::ProxyProfile;
using nsgate::client::SecretStore;

namespace {

ProxyProfile sample(const QString& name)
{
    ProxyProfile p;
    p.name = name;
    p.adminUrl = QUrl(QStringLiteral("https://proxy.example:5050"));
    p.registryUrl = QUrl(QStringLiteral("https://proxy.example:5000"));
    p.caFile = QStringLiteral("/etc/nsgate/ca.pem");
    p.insecureSkipVerify = true;
    p.local = true;
    return p;
}

QByteArray fileContent(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("console.ini"));
        ProxyProfile stored;
        {
            ProfileStore store(ini);
            auto added = store.add(sample(QStringLiteral("Edge")));
            QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error()));
            stored = *added;
            QVERIFY(!stored.id.isEmpty());
            QVERIFY(store.add(sample(QStringLiteral("alpha"))).ok());
        }
        ProfileStore reopened(ini);
        const auto all = reopened.profiles();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).name, QStringLiteral("alpha"));   // sorted by name, case-insensitive
        QCOMPARE(all.at(1), stored);
        QCOMPARE(reopened.profile(stored.id), std::optional<ProxyProfile>(stored));

        ProxyProfile changed = stored;
        changed.name = QStringLiteral("Edge (Paris)");
        changed.insecureSkipVerify = false;
        changed.caFile.clear();
        QVERIFY(reopened.update(changed).ok());
        QCOMPARE(ProfileStore(ini).profile(stored.id), std::optional<ProxyProfile>(changed));
    }

    void addRefusesDuplicateAndInvalidIds()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.filePath(QStringLiteral("console.ini")));
        auto first = store.add(sample(QStringLiteral("a")));
        QVERIFY(first.ok());
        ProxyProfile again = sample(QStringLiteral("b"));
        again.id = first->id;
        QVERIFY(!store.add(again).ok());
        ProxyProfile climbing = sample(QStringLiteral("c"));
        climbing.id = QStringLiteral("../escape");
        QVERIFY(!store.add(climbing).ok());
        ProxyProfile unknown = sample(QStringLiteral("d"));
        unknown.id = QStringLiteral("not-stored");
        QVERIFY(!store.update(unknown).ok());
        QCOMPARE(store.profiles().size(), 1);
    }

    void remove()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("console.ini"));
        ProfileStore store(ini);
        const auto keep = store.add(sample(QStringLiteral("keep")));
        const auto drop = store.add(sample(QStringLiteral("drop")));
        QVERIFY(keep.ok() && drop.ok());
        QVERIFY(store.remove(drop->id).ok());
        QVERIFY(store.remove(QStringLiteral("never-there")).ok());
        ProfileStore reopened(ini);
        QCOMPARE(reopened.profiles().size(), 1);
        QCOMPARE(reopened.profiles().at(0).id, keep->id);
        QVERIFY(!reopened.profile(drop->id));
        QVERIFY(!fileContent(ini).contains(drop->id.toUtf8()));
    }

    void usesTheCallersSettings()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("shared.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("window/geometry"), QStringLiteral("kept"));
        ProfileStore store(settings);
        const auto added = store.add(sample(QStringLiteral("x")));
        QVERIFY(added.ok());
        const QString key = QStringLiteral("profiles/%1/name").arg(added->id);
        QCOMPARE(settings.value(key).toString(), QStringLiteral("x"));
        QCOMPARE(settings.value(QStringLiteral("window/geometry")).toString(), QStringLiteral("kept"));
    }

    void secretStoreChoicePersists()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("console.ini"));
        QCOMPARE(ProfileStore(ini).secretStoreKind(), SecretStore::Kind::Keychain);
        QVERIFY(ProfileStore(ini).setSecretStoreKind(SecretStore::Kind::File).ok());
        QCOMPARE(ProfileStore(ini).secretStoreKind(), SecretStore::Kind::File);
        // Memory is a session fallback: the next start probes the keyring again.
        QVERIFY(ProfileStore(ini).setSecretStoreKind(SecretStore::Kind::Memory).ok());
        QCOMPARE(ProfileStore(ini).secretStoreKind(), SecretStore::Kind::Keychain);
    }

    void noSecretEverInTheFile()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("console.ini"));
        const QByteArray token("tok-9f8e7d6c5b4a39281706");
        ProfileStore store(ini);
        ProxyProfile p = sample(QStringLiteral("with secrets"));
        p.adminUrl = QUrl(QStringLiteral("https://admin:pa55word-in-url@proxy.example:5050"));
        auto added = store.add(p);
        QVERIFY(added.ok());
        QCOMPARE(added->adminUrl.password(), QString());
        QCOMPARE(added->adminUrl.userName(), QStringLiteral("admin"));

        // The console's flow: profile to the store, token to the secret store.
        MemorySecretStore secrets;
        QObject context;
        bool written = false;
        secrets.write(added->id, token, &context, [&](nsgate::Status<QString> s) { written = s.ok(); });
        QTRY_VERIFY(written);
        QVERIFY(store.update(*added).ok());

        const QByteArray content = fileContent(ini);
        QVERIFY(content.contains(added->id.toUtf8()));   // the file is the one written
        QVERIFY(!content.contains(token));
        QVERIFY(!content.contains("pa55word-in-url"));
        QCOMPARE(ProfileStore(ini).profile(added->id)->adminUrl.password(), QString());
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
