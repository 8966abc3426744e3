#include "core/proxy/CacheIndex.h"

#include "core/store/Migrations.h"
#include "core/store/Transaction.h"

#include <array>

namespace nsgate::proxy {

namespace {

constexpr std::array kMigrations{
    store::Migration{1, "cache index",
                     "CREATE TABLE blobs(digest TEXT PRIMARY KEY, size INTEGER NOT NULL, media_type TEXT NOT NULL,"
                     " upstream TEXT NOT NULL, fetched_at INTEGER NOT NULL, last_served_at INTEGER NOT NULL);"
                     "CREATE INDEX blobs_lru ON blobs(last_served_at);"
                     "CREATE TABLE access(repository TEXT NOT NULL, digest TEXT NOT NULL, namespace TEXT NOT NULL,"
                     " PRIMARY KEY(repository, digest, namespace)) WITHOUT ROWID;"
                     "CREATE TABLE tags(namespace TEXT NOT NULL, repository TEXT NOT NULL, tag TEXT NOT NULL,"
                     " digest TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, upstream TEXT NOT NULL,"
                     " fetched_at INTEGER NOT NULL, last_served_at INTEGER NOT NULL,"
                     " PRIMARY KEY(namespace, repository, tag)) WITHOUT ROWID;"},
};

} // namespace

Result<std::unique_ptr<CacheIndex>> CacheIndex::open(const std::filesystem::path& file)
{
    auto db = store::Database::open(file.string());
    if (!db)
        return db.error();
    auto migrated = store::migrate(*db, kMigrations);
    if (!migrated)
        return migrated.error();
    return std::unique_ptr<CacheIndex>(new CacheIndex(std::move(db).value()));
}

Result<store::Statement*> CacheIndex::statement(std::string_view sql)
{
    auto it = m_statements.find(std::string(sql));
    if (it != m_statements.end()) {
        it->second->reset();
        return it->second.get();
    }
    auto prepared = m_db.preparePersistent(sql);
    if (!prepared)
        return prepared.error();
    auto owned = std::make_unique<store::Statement>(std::move(prepared).value());
    auto* raw = owned.get();
    m_statements.emplace(std::string(sql), std::move(owned));
    return raw;
}

std::optional<CachedBlob> CacheIndex::blob(const std::string& digest)
{
    std::lock_guard lock(m_mutex);
    auto st = statement("SELECT size, media_type, upstream, fetched_at FROM blobs WHERE digest = ?");
    if (!st)
        return std::nullopt;
    auto& s = **st;
    s.bindAll(digest);
    auto row = s.step();
    if (!row || !*row)
        return std::nullopt;
    return CachedBlob{digest, static_cast<std::uint64_t>(s.columnInt64(0)), std::string(s.columnText(1)),
                      std::string(s.columnText(2)), s.columnInt64(3)};
}

Status<> CacheIndex::putBlob(const CachedBlob& b)
{
    std::lock_guard lock(m_mutex);
    auto st = statement("INSERT INTO blobs(digest, size, media_type, upstream, fetched_at, last_served_at)"
                        " VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(digest) DO UPDATE SET"
                        " media_type = excluded.media_type, upstream = excluded.upstream");
    if (!st)
        return st.error();
    (*st)->bindAll(b.digest, static_cast<std::int64_t>(b.size), b.mediaType, b.upstream, b.fetchedAtMs,
                   b.fetchedAtMs);
    return (*st)->execute();
}

void CacheIndex::removeBlob(const std::string& digest)
{
    std::lock_guard lock(m_mutex);
    if (auto st = statement("DELETE FROM blobs WHERE digest = ?"); st) {
        (*st)->bindAll(digest);
        (void)(*st)->execute();
    }
    if (auto st = statement("DELETE FROM access WHERE digest = ?"); st) {
        (*st)->bindAll(digest);
        (void)(*st)->execute();
    }
    m_touched.erase(digest);
}

bool CacheIndex::hasAccess(const std::string& ns, const std::string& repository, const std::string& digest)
{
    std::lock_guard lock(m_mutex);
    auto st = statement("SELECT 1 FROM access WHERE repository = ? AND digest = ? AND namespace = ?");
    if (!st)
        return false;
    (*st)->bindAll(repository, digest, ns);
    auto row = (*st)->step();
    return row && *row;
}

Status<> CacheIndex::grantAccess(const std::string& ns, const std::string& repository, const std::string& digest)
{
    std::lock_guard lock(m_mutex);
    auto st = statement("INSERT OR IGNORE INTO access(repository, digest, namespace) VALUES(?, ?, ?)");
    if (!st)
        return st.error();
    (*st)->bindAll(repository, digest, ns);
    return (*st)->execute();
}

std::vector<std::string> CacheIndex::namespacesWithAccess(const std::string& repository, const std::string& digest)
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> out;
    auto st = statement("SELECT namespace FROM access WHERE repository = ? AND digest = ?");
    if (!st)
        return out;
    (*st)->bindAll(repository, digest);
    while (true) {
        auto row = (*st)->step();
        if (!row || !*row)
            break;
        out.emplace_back((*st)->columnText(0));
    }
    return out;
}

namespace {

CachedTag readTag(store::Statement& s)
{
    return CachedTag{std::string(s.columnText(0)), std::string(s.columnText(1)), std::string(s.columnText(2)),
                     std::string(s.columnText(3)), std::string(s.columnText(4)),
                     static_cast<std::uint64_t>(s.columnInt64(5)), std::string(s.columnText(6)),
                     s.columnInt64(7), s.columnInt64(8)};
}

constexpr std::string_view kTagColumns =
    "namespace, repository, tag, digest, media_type, size, upstream, fetched_at, last_served_at";

} // namespace

std::optional<CachedTag> CacheIndex::tag(const std::string& ns, const std::string& repository, const std::string& tag)
{
    std::lock_guard lock(m_mutex);
    static const std::string sql =
        "SELECT " + std::string(kTagColumns) + " FROM tags WHERE namespace = ? AND repository = ? AND tag = ?";
    auto st = statement(sql);
    if (!st)
        return std::nullopt;
    (*st)->bindAll(ns, repository, tag);
    auto row = (*st)->step();
    if (!row || !*row)
        return std::nullopt;
    return readTag(**st);
}

Status<> CacheIndex::putTag(const CachedTag& t)
{
    std::lock_guard lock(m_mutex);
    auto st = statement("INSERT OR REPLACE INTO tags(namespace, repository, tag, digest, media_type, size, upstream,"
                        " fetched_at, last_served_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return st.error();
    (*st)->bindAll(t.ns, t.repository, t.tag, t.digest, t.mediaType, static_cast<std::int64_t>(t.size), t.upstream,
                   t.fetchedAtMs, t.lastServedAtMs);
    return (*st)->execute();
}

std::vector<CachedTag> CacheIndex::listTags(const std::string& ns, const std::string& repository, int limit)
{
    std::lock_guard lock(m_mutex);
    std::vector<CachedTag> out;
    static const std::string sql = "SELECT " + std::string(kTagColumns) +
                                   " FROM tags WHERE (?1 = '' OR namespace = ?1) AND (?2 = '' OR repository = ?2)"
                                   " ORDER BY namespace, repository, tag LIMIT ?3";
    auto st = statement(sql);
    if (!st)
        return out;
    (*st)->bind(1, ns).bind(2, repository).bind(3, static_cast<std::int64_t>(limit));
    while (true) {
        auto row = (*st)->step();
        if (!row || !*row)
            break;
        out.push_back(readTag(**st));
    }
    return out;
}

std::int64_t CacheIndex::purgeTags(const std::string& ns, const std::string& repository, const std::string& tag)
{
    std::lock_guard lock(m_mutex);
    auto st = statement("DELETE FROM tags WHERE (?1 = '' OR namespace = ?1) AND (?2 = '' OR repository = ?2)"
                        " AND (?3 = '' OR tag = ?3)");
    if (!st)
        return 0;
    (*st)->bind(1, ns).bind(2, repository).bind(3, tag);
    if (!(*st)->execute())
        return 0;
    return m_db.changes();
}

void CacheIndex::touch(const std::string& digest, std::int64_t nowMs)
{
    std::lock_guard lock(m_mutex);
    m_touched[digest] = nowMs;
}

void CacheIndex::flushTouches()
{
    std::lock_guard lock(m_mutex);
    if (m_touched.empty())
        return;
    auto tx = store::Transaction::begin(m_db);
    if (!tx)
        return;
    auto st = statement("UPDATE blobs SET last_served_at = MAX(last_served_at, ?) WHERE digest = ?");
    if (!st)
        return;
    for (const auto& [digest, at] : m_touched) {
        (*st)->bindAll(at, digest);
        (void)(*st)->execute();
    }
    if (tx->commit())
        m_touched.clear();
}

std::vector<std::string> CacheIndex::evictTo(std::uint64_t maxBytes)
{
    flushTouches();
    std::lock_guard lock(m_mutex);
    std::vector<std::string> victims;
    std::uint64_t total = 0;
    if (auto st = statement("SELECT COALESCE(SUM(size), 0) FROM blobs"); st) {
        auto row = (*st)->step();
        if (row && *row)
            total = static_cast<std::uint64_t>((*st)->columnInt64(0));
    }
    if (total <= maxBytes)
        return victims;
    auto st = statement("SELECT digest, size FROM blobs ORDER BY last_served_at, fetched_at");
    if (!st)
        return victims;
    while (total > maxBytes) {
        auto row = (*st)->step();
        if (!row || !*row)
            break;
        victims.emplace_back((*st)->columnText(0));
        total -= static_cast<std::uint64_t>((*st)->columnInt64(1));
    }
    (*st)->reset();
    for (const auto& digest : victims) {
        for (auto sql : {"DELETE FROM blobs WHERE digest = ?", "DELETE FROM access WHERE digest = ?"}) {
            if (auto del = statement(sql); del) {
                (*del)->bindAll(digest);
                (void)(*del)->execute();
            }
        }
    }
    return victims;
}

CacheTotals CacheIndex::totals()
{
    std::lock_guard lock(m_mutex);
    CacheTotals t;
    if (auto st = statement("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM blobs"); st) {
        auto row = (*st)->step();
        if (row && *row) {
            t.entries = static_cast<std::uint64_t>((*st)->columnInt64(0));
            t.bytes = static_cast<std::uint64_t>((*st)->columnInt64(1));
        }
        (*st)->reset();
    }
    return t;
}

std::map<std::string, CacheTotals> CacheIndex::totalsByNamespace()
{
    std::lock_guard lock(m_mutex);
    std::map<std::string, CacheTotals> result;
    // One row per (namespace, digest): a digest granted to several
    // repositories of one namespace is stored, and counted, once.
    auto st = statement("SELECT namespace, COUNT(*), COALESCE(SUM(size), 0) FROM"
                        " (SELECT DISTINCT a.namespace, b.digest, b.size FROM access a JOIN blobs b ON b.digest = a.digest)"
                        " GROUP BY namespace");
    if (!st)
        return result;
    while (true) {
        auto row = (*st)->step();
        if (!row || !*row)
            break;
        auto& t = result[std::string((*st)->columnText(0))];
        t.entries = static_cast<std::uint64_t>((*st)->columnInt64(1));
        t.bytes = static_cast<std::uint64_t>((*st)->columnInt64(2));
    }
    (*st)->reset();
    return result;
}

} // namespace nsgate::proxy
