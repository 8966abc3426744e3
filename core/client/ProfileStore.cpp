#include "core/client/ProfileStore.h"

#include <QUuid>

#include <algorithm>

namespace nsgate::client {

namespace {

const QString kGroup = QStringLiteral("profiles");
const QString kSecretStoreKey = QStringLiteral("secrets/store");

// Credentials never reach the settings file, not even inside a URL.
QString storable(const QUrl& url)
{
    return url.adjusted(QUrl::RemovePassword).toString(QUrl::FullyEncoded);
}

} // namespace

ProfileStore::ProfileStore(QSettings& settings) : m_settings(settings) {}

ProfileStore::ProfileStore(const QString& iniPath)
    : m_owned(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)), m_settings(*m_owned)
{
}

ProfileStore::~ProfileStore() = default;

QString ProfileStore::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QList<ProxyProfile> ProfileStore::profiles() const
{
    QList<ProxyProfile> all;
    m_settings.beginGroup(kGroup);
    const QStringList ids = m_settings.childGroups();
    m_settings.endGroup();
    for (const QString& id : ids)
        if (auto p = profile(id))
            all.push_back(*p);
    std::sort(all.begin(), all.end(), [](const ProxyProfile& a, const ProxyProfile& b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return all;
}

bool ProfileStore::contains(const QString& id) const
{
    if (!isValidProfileId(id))
        return false;
    m_settings.beginGroup(kGroup);
    const bool found = m_settings.childGroups().contains(id);
    m_settings.endGroup();
    return found;
}

std::optional<ProxyProfile> ProfileStore::profile(const QString& id) const
{
    if (!contains(id))
        return std::nullopt;
    m_settings.beginGroup(kGroup + QLatin1Char('/') + id);
    ProxyProfile p;
    p.id = id;
    p.name = m_settings.value(QStringLiteral("name")).toString();
    p.adminUrl = QUrl(m_settings.value(QStringLiteral("adminUrl")).toString());
    p.registryUrl = QUrl(m_settings.value(QStringLiteral("registryUrl")).toString());
    p.caFile = m_settings.value(QStringLiteral("caFile")).toString();
    p.insecureSkipVerify = m_settings.value(QStringLiteral("insecureSkipVerify"), false).toBool();
    p.local = m_settings.value(QStringLiteral("local"), false).toBool();
    m_settings.endGroup();
    return p;
}

void ProfileStore::write(const ProxyProfile& p)
{
    // Rewritten as a whole so keys from an older layout do not linger.
    m_settings.remove(kGroup + QLatin1Char('/') + p.id);
    m_settings.beginGroup(kGroup + QLatin1Char('/') + p.id);
    m_settings.setValue(QStringLiteral("name"), p.name);
    m_settings.setValue(QStringLiteral("adminUrl"), storable(p.adminUrl));
    m_settings.setValue(QStringLiteral("registryUrl"), storable(p.registryUrl));
    m_settings.setValue(QStringLiteral("caFile"), p.caFile);
    m_settings.setValue(QStringLiteral("insecureSkipVerify"), p.insecureSkipVerify);
    m_settings.setValue(QStringLiteral("local"), p.local);
    m_settings.endGroup();
}

Status<QString> ProfileStore::flush()
{
    m_settings.sync();
    if (m_settings.status() != QSettings::NoError)
        return tr("cannot write the settings file %1").arg(m_settings.fileName());
    return {};
}

Result<ProxyProfile, QString> ProfileStore::add(ProxyProfile profile)
{
    if (profile.id.isEmpty())
        profile.id = newId();
    if (!isValidProfileId(profile.id))
        return tr("invalid profile id \"%1\"").arg(profile.id);
    if (contains(profile.id))
        return tr("a profile with id %1 exists already").arg(profile.id);
    write(profile);
    if (auto flushed = flush(); !flushed)
        return flushed.error();
    profile.adminUrl = profile.adminUrl.adjusted(QUrl::RemovePassword);
    profile.registryUrl = profile.registryUrl.adjusted(QUrl::RemovePassword);
    return profile;
}

Status<QString> ProfileStore::update(const ProxyProfile& profile)
{
    if (!contains(profile.id))
        return tr("no profile with id \"%1\"").arg(profile.id);
    write(profile);
    return flush();
}

Status<QString> ProfileStore::remove(const QString& id)
{
    if (!contains(id))
        return {};
    m_settings.remove(kGroup + QLatin1Char('/') + id);
    return flush();
}

SecretStore::Kind ProfileStore::secretStoreKind() const
{
    const auto kind = SecretStore::kindFromName(m_settings.value(kSecretStoreKey).toString());
    // Memory is a per-session fallback, never a stored choice.
    if (!kind || *kind == SecretStore::Kind::Memory)
        return SecretStore::Kind::Keychain;
    return *kind;
}

Status<QString> ProfileStore::setSecretStoreKind(SecretStore::Kind kind)
{
    if (kind == SecretStore::Kind::Memory)
        m_settings.remove(kSecretStoreKey);
    else
        m_settings.setValue(kSecretStoreKey, SecretStore::kindName(kind));
    return flush();
}

} // namespace nsgate::client
