#pragma once

// The console's list of proxies, kept in QSettings under the group "profiles"
// (one subgroup per profile id), plus which secret store holds the tokens.
// Tokens never go through here: they live in a SecretStore keyed by the same
// id. Passwords embedded in URLs are dropped before anything is written.

#include "core/client/SecretStore.h"
#include "core/model/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSettings>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace nsgate::client {

struct ProxyProfile
{
    QString id;            // stable uuid, key for settings and the keychain
    QString name;          // what the operator calls it
    QUrl adminUrl;         // http(s)://host:port of the admin listener
    QUrl registryUrl;      // what clients use (exports, probe)
    QString caFile;        // PEM file for https admin URLs, may be empty
    bool insecureSkipVerify = false;
    bool local = false;    // started by the console (LocalProxy)

    friend bool operator==(const ProxyProfile&, const ProxyProfile&) = default;
};

class ProfileStore
{
    Q_DECLARE_TR_FUNCTIONS(ProfileStore)

public:
    // Uses the caller's settings (the console's QSettings), which must outlive the store.
    explicit ProfileStore(QSettings& settings);
    // Owns an INI file at `iniPath` (tests, portable setups).
    explicit ProfileStore(const QString& iniPath);
    ~ProfileStore();
    ProfileStore(const ProfileStore&) = delete;
    ProfileStore& operator=(const ProfileStore&) = delete;

    // Sorted by name (case-insensitive), then id: settings groups have no order of their own.
    QList<ProxyProfile> profiles() const;
    std::optional<ProxyProfile> profile(const QString& id) const;
    bool contains(const QString& id) const;

    // Stores a new profile; an empty id gets a fresh uuid. Fails on a
    // duplicate or invalid id, or when the settings cannot be written.
    Result<ProxyProfile, QString> add(ProxyProfile profile);
    // Replaces a stored profile (matched by id).
    Status<QString> update(const ProxyProfile& profile);
    // Removing an unknown id succeeds. The caller removes the token from its SecretStore.
    Status<QString> remove(const QString& id);

    // The operator's choice of token storage: Keychain unless they opted
    // into File. Setting Memory clears the choice (reads back as Keychain):
    // memory is a per-session fallback, and the next start probes the
    // keyring again.
    SecretStore::Kind secretStoreKind() const;
    Status<QString> setSecretStoreKind(SecretStore::Kind kind);

    static QString newId();

private:
    void write(const ProxyProfile& profile);
    Status<QString> flush();

    std::unique_ptr<QSettings> m_owned;
    QSettings& m_settings;
};

} // namespace nsgate::client
