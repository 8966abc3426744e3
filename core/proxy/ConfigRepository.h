#pragma once

// The config in force and its history. Every accepted PUT becomes a new
// revision in DATA_DIR/config.db (SQLite, WAL, synchronous=FULL: the commit is
// on disk before put() returns) and only then replaces the snapshot that
// requests read, so a request that took the old snapshot finishes under it.
// Revision 1, written on first start, is the empty config.
//
// Thread-safe. PUTs are serialized: of two PUTs with the same If-Match exactly
// one is stored, the other sees 412.

#include "core/model/Issue.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"
#include "core/store/Database.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace nsgate::proxy {

struct ConfigRevision
{
    std::int64_t revision = 0;
    std::int64_t timeMs = 0;   // Unix milliseconds, UTC
    std::string actor;         // X-Nsgate-Actor, sanitized; "" when not given
    std::string summary;       // model::summarizeChanges from the previous revision

    friend bool operator==(const ConfigRevision&, const ConfigRevision&) = default;
};

// A PUT of the config document, as the admin API received it.
struct ConfigPut
{
    std::string body;
    std::optional<std::string> ifMatch;   // the raw If-Match header value
    std::string actor;                    // raw X-Nsgate-Actor; sanitized before it is stored
    bool dryRun = false;
};

// Everything the HTTP layer needs to answer a PUT.
struct ConfigPutOutcome
{
    enum class Kind {
        Stored,                 // 200: document + ETag of the new revision
        Valid,                  // 200 (dry run): changes
        PreconditionRequired,   // 428: no usable If-Match
        PreconditionFailed,     // 412: If-Match is not the current revision; currentRevision
        Malformed,              // 400: the body is not JSON; errors
        Invalid,                // 422: errors (decoding, revision, validation; every one)
        Failed,                 // 500: could not be stored; nothing changed
    };

    Kind kind = Kind::Failed;
    int status = 500;
    std::string detail;
    model::Issues errors;
    // The revision in force when the PUT was decided (for 412 and the dry run),
    // or the new revision when stored.
    std::int64_t currentRevision = 0;
    // Stored: the new config and its document exactly as GET will return it.
    std::shared_ptr<const model::MirrorConfig> config;
    std::string document;
    // Stored and Valid: what changed (model::describeChanges), one line each.
    std::vector<std::string> changes;
};

// The config in force together with its document as stored (what
// GET /admin/v1/config returns), taken at one instant.
struct ConfigSnapshot
{
    std::shared_ptr<const model::MirrorConfig> config;
    std::shared_ptr<const std::string> document;
};

// The ETag of a revision: the number in double quotes.
std::string etagFor(std::int64_t revision);

// Header value as sent, made fit to be stored and shown: invalid UTF-8 and
// control characters become U+FFFD, surrounding spaces go, and it is cut to
// kMaxActorLength bytes on a character boundary.
inline constexpr std::size_t kMaxActorLength = 200;
std::string sanitizeActor(std::string_view raw);

class ConfigRepository
{
public:
    struct Options
    {
        // Unix milliseconds; injected so tests control revision times.
        std::function<std::int64_t()> clock;
        // The credentials a config may reference (CredentialStore::names).
        // Null: references are not checked (offline use and some tests).
        std::function<std::set<std::string>()> knownCredentials;
    };

    static Result<std::unique_ptr<ConfigRepository>> open(const std::filesystem::path& dataDir, Options options);

    ConfigRepository(const ConfigRepository&) = delete;
    ConfigRepository& operator=(const ConfigRepository&) = delete;

    // The config in force. Cheap; hold the pointer for the whole request.
    std::shared_ptr<const model::MirrorConfig> current() const;
    ConfigSnapshot snapshot() const;
    std::int64_t currentRevision() const;

    ConfigPutOutcome put(const ConfigPut& request);

    // Newest first, at most `limit`.
    Result<std::vector<ConfigRevision>> revisions(std::size_t limit) const;
    // The document of revision `revision` as stored; nullopt if there is none.
    Result<std::optional<std::string>> revisionDocument(std::int64_t revision) const;

    // Called with the new config after each stored PUT, in revision order, on
    // the thread that made the PUT and with the PUT lock held: a listener must
    // not call put() or withConfigLocked().
    void subscribe(std::function<void(const std::shared_ptr<const model::MirrorConfig>&)> listener);

    // Runs `work` with the PUT lock held: no revision is stored while it runs.
    // For decisions that must not race a PUT (removing a credential).
    void withConfigLocked(const std::function<void(const model::MirrorConfig&)>& work);

private:
    ConfigRepository(store::Database db, Options options);
    Status<> loadLatest();
    Status<> createFirstRevision();
    void install(std::shared_ptr<const model::MirrorConfig> config, std::string document);

    Options m_options;
    // Serializes PUTs and guards m_db (one connection, one thread at a time).
    mutable std::mutex m_writeMutex;
    mutable store::Database m_db;
    // Guards only the snapshot pair, so readers never wait for a PUT's fsync.
    mutable std::mutex m_snapshotMutex;
    std::shared_ptr<const model::MirrorConfig> m_current;
    std::shared_ptr<const std::string> m_document;
    std::vector<std::function<void(const std::shared_ptr<const model::MirrorConfig>&)>> m_listeners;
};

} // namespace nsgate::proxy
