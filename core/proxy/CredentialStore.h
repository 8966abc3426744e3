#pragma once

// Upstream credentials, set through the admin API and read by the fetcher.
// Stored in DATA_DIR/credentials.json with mode 0600, replaced atomically on
// every change (temporary file, fsync, rename) and changed in memory only after
// the file is on disk. Passwords are write-only from the API's point of view:
// list() never returns them, only get() (for the fetcher) does.
//
// Thread-safe: every member may be called from any thread.

#include "core/model/Issue.h"
#include "core/model/MirrorConfig.h"
#include "core/model/Result.h"

#include <boost/json/fwd.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace nsgate::proxy {

struct Credential
{
    std::string username;
    std::optional<std::string> password;

    friend bool operator==(const Credential&, const Credential&) = default;
};

struct CredentialSummary
{
    std::string name;
    std::string username;
    bool hasPassword = false;

    friend bool operator==(const CredentialSummary&, const CredentialSummary&) = default;
};

// What remove() did.
struct CredentialRemoval
{
    enum class Outcome { Removed, NotFound, Referenced };
    Outcome outcome = Outcome::Removed;
    // For Referenced: the JSON pointers of the config that name the credential
    // ("/namespaces/0/upstreams/1/credential").
    std::vector<std::string> references;
};

inline constexpr std::size_t kMaxCredentialUsernameLength = 256;
inline constexpr std::size_t kMaxCredentialPasswordLength = 8192;

// The pointers of every upstream credential field in `config` that names `name`.
std::vector<std::string> credentialReferences(const model::MirrorConfig& config, std::string_view name);

// Decodes a PUT body `{"username":"…","password":"…"}` strictly: unknown
// fields, wrong types, a missing username, control characters (and ':' in the
// username, which Basic auth cannot carry) are each reported with their
// pointer. `password` may be omitted or null (then there is none). Error
// messages never quote the password.
Result<Credential, model::Issues> decodeCredential(const boost::json::value& json);
// The same from text; text that is not JSON is one issue at pointer "".
Result<Credential, model::Issues> decodeCredential(std::string_view json);

class CredentialStore
{
public:
    // Reads DATA_DIR/credentials.json if it exists (a damaged file is an error:
    // dropping stored secrets silently would break pulls later, far from the cause).
    static Result<std::unique_ptr<CredentialStore>> open(const std::filesystem::path& dataDir);

    CredentialStore(const CredentialStore&) = delete;
    CredentialStore& operator=(const CredentialStore&) = delete;

    // Creates or replaces. `name` must satisfy model::isValidCredentialName.
    Status<> set(const std::string& name, const Credential& credential);
    // Sorted by name; never carries a password.
    std::vector<CredentialSummary> list() const;
    std::optional<CredentialSummary> summary(const std::string& name) const;
    // For the upstream fetcher.
    std::optional<Credential> get(const std::string& name) const;
    std::set<std::string> names() const;

    // Refuses while `current` (the config in force) names the credential. Call it
    // with the config repository's write lock held (ConfigRepository::withConfigLocked)
    // so no PUT can start referencing the credential in between.
    Result<CredentialRemoval> remove(const std::string& name, const model::MirrorConfig& current);

    // Called after every successful set() or remove() with the credential's name
    // (e.g. so the fetcher drops registry tokens obtained with the old secret).
    // Runs on the thread that made the change, with no lock of this store held.
    void subscribe(std::function<void(const std::string& name)> listener);

    const std::filesystem::path& path() const { return m_path; }

private:
    explicit CredentialStore(std::filesystem::path path) : m_path(std::move(path)) {}
    Status<> save(const std::map<std::string, Credential>& credentials) const;
    void notify(const std::string& name) const;

    std::filesystem::path m_path;
    mutable std::mutex m_mutex;
    std::map<std::string, Credential> m_credentials;
    mutable std::mutex m_listenersMutex;
    std::vector<std::function<void(const std::string&)>> m_listeners;
};

} // namespace nsgate::proxy
