#include "core/proxy/CredentialStore.h"

#include "core/model/ConfigCodec.h"

#include "core/model/ConfigValidator.h"
#include "core/proxy/DataFile.h"

#include <boost/json.hpp>

#include <sys/stat.h>

namespace nsgate::proxy {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr int kFileVersion = 1;
// Far above any sensible number of credentials; protects start-up from a
// file that is not ours.
constexpr std::size_t kMaxFileBytes = 16 * 1024 * 1024;

enum class Field { Username, Password };

// Empty when fine, else why not. Never quotes the value: it may be a secret.
std::string fieldProblem(std::string_view value, Field field)
{
    const std::size_t max = field == Field::Username ? kMaxCredentialUsernameLength : kMaxCredentialPasswordLength;
    if (value.size() > max)
        return "is longer than " + std::to_string(max) + " bytes";
    if (field == Field::Username && value.empty())
        return "must not be empty";
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c < 0x20 || c == 0x7f)
            return "contains a control character at byte " + std::to_string(i + 1);
        if (field == Field::Username && c == ':')
            return "must not contain ':' (HTTP Basic authentication cannot carry it in a user name)";
    }
    return {};
}

Error fileError(const fs::path& path, const std::string& what)
{
    return makeError("credentials.invalid", "\"" + path.string() + "\": " + what);
}

} // namespace

std::vector<std::string> credentialReferences(const model::MirrorConfig& config, std::string_view name)
{
    std::vector<std::string> pointers;
    for (std::size_t i = 0; i < config.namespaces.size(); ++i) {
        const auto& upstreams = config.namespaces[i].upstreams;
        for (std::size_t j = 0; j < upstreams.size(); ++j)
            if (upstreams[j].credential && *upstreams[j].credential == name)
                pointers.push_back("/namespaces/" + std::to_string(i) + "/upstreams/" + std::to_string(j)
                                   + "/credential");
    }
    return pointers;
}

Result<Credential, model::Issues> decodeCredential(std::string_view text)
{
    boost::system::error_code ec;
    json::parse_options options;
    options.max_depth = 8;
    const json::value v = json::parse(json::string_view(text.data(), text.size()), ec, {}, options);
    if (ec)
        return model::Issues{{"", "is not valid JSON: " + ec.message()}};
    return decodeCredential(v);
}

Result<Credential, model::Issues> decodeCredential(const json::value& v)
{
    const auto* o = v.if_object();
    if (!o)
        return model::Issues{{"", "must be an object {\"username\": …, \"password\": …}, not " + model::jsonKindName(v)}};

    model::Issues issues;
    Credential credential;
    for (const auto& member : *o) {
        const std::string_view key = member.key();
        if (key != "username" && key != "password")
            issues.push_back({"/" + model::escapePointerToken(key), "unknown field \"" + std::string(key) + "\""});
    }
    if (const auto* u = o->if_contains("username")) {
        if (const auto* s = u->if_string()) {
            credential.username.assign(s->data(), s->size());
            if (auto problem = fieldProblem(credential.username, Field::Username); !problem.empty())
                issues.push_back({"/username", "username " + problem});
        } else {
            issues.push_back({"/username", "must be a string, not " + model::jsonKindName(*u)});
        }
    } else {
        issues.push_back({"/username", "is required"});
    }
    if (const auto* p = o->if_contains("password"); p && !p->is_null()) {
        if (const auto* s = p->if_string()) {
            credential.password = std::string(s->data(), s->size());
            if (auto problem = fieldProblem(*credential.password, Field::Password); !problem.empty())
                issues.push_back({"/password", "password " + problem});
        } else {
            issues.push_back({"/password", "must be a string or null, not " + model::jsonKindName(*p)});
        }
    }
    if (!issues.empty())
        return issues;
    return credential;
}

Result<std::unique_ptr<CredentialStore>> CredentialStore::open(const fs::path& dataDir)
{
    if (auto dir = ensureDataDirectory(dataDir); !dir)
        return dir.error();
    std::unique_ptr<CredentialStore> store(new CredentialStore(dataDir / "credentials.json"));
    const fs::path& path = store->m_path;
    auto content = readSmallFile(path, kMaxFileBytes);
    if (!content) {
        if (content.error().code == "file.missing")
            return store;
        return content.error();
    }
    // Written by us with 0600; if someone loosened it, close it again.
    if (auto mode = fileMode(path); mode && (*mode & 077))
        ::chmod(path.c_str(), 0600);

    boost::system::error_code ec;
    const json::value v = json::parse(*content, ec);
    if (ec)
        return fileError(path, "is not valid JSON: " + ec.message());
    const auto* root = v.if_object();
    const auto* version = root ? root->if_contains("version") : nullptr;
    if (!version || !version->is_int64() || version->as_int64() != kFileVersion)
        return fileError(path, "is not a version " + std::to_string(kFileVersion) + " credentials file");
    const auto* list = root->if_contains("credentials");
    if (!list || !list->is_array())
        return fileError(path, "has no \"credentials\" array");
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const auto* entry = list->as_array()[i].if_object();
        const auto* name = entry ? entry->if_contains("name") : nullptr;
        const auto* username = entry ? entry->if_contains("username") : nullptr;
        const auto* password = entry ? entry->if_contains("password") : nullptr;
        const std::string where = "entry " + std::to_string(i);
        if (!name || !name->is_string() || !model::isValidCredentialName(name->as_string()))
            return fileError(path, where + " has no valid name");
        if (!username || !username->is_string())
            return fileError(path, where + " has no username");
        if (password && !password->is_string() && !password->is_null())
            return fileError(path, where + " has a password that is not a string");
        Credential credential;
        credential.username = std::string(username->as_string());
        if (password && password->is_string())
            credential.password = std::string(password->as_string());
        store->m_credentials[std::string(name->as_string())] = std::move(credential);
    }
    return store;
}

Status<> CredentialStore::save(const std::map<std::string, Credential>& credentials) const
{
    json::array list;
    for (const auto& [name, credential] : credentials) {
        list.emplace_back(json::object{
            {"name", name},
            {"username", credential.username},
            {"password", credential.password ? json::value(*credential.password) : json::value(nullptr)},
        });
    }
    const json::object root{{"version", kFileVersion}, {"credentials", std::move(list)}};
    return writeFileAtomically(m_path, json::serialize(root) + "\n", 0600);
}

Status<> CredentialStore::set(const std::string& name, const Credential& credential)
{
    if (!model::isValidCredentialName(name))
        return makeError("credential.invalid-name", "credential name must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
    {
        std::lock_guard lock(m_mutex);
        auto next = m_credentials;
        next[name] = credential;
        if (auto saved = save(next); !saved)
            return saved;
        m_credentials = std::move(next);
    }
    notify(name);
    return {};
}

std::vector<CredentialSummary> CredentialStore::list() const
{
    std::lock_guard lock(m_mutex);
    std::vector<CredentialSummary> out;
    out.reserve(m_credentials.size());
    for (const auto& [name, credential] : m_credentials)
        out.push_back({name, credential.username, credential.password.has_value() && !credential.password->empty()});
    return out;
}

std::optional<CredentialSummary> CredentialStore::summary(const std::string& name) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_credentials.find(name);
    if (it == m_credentials.end())
        return std::nullopt;
    return CredentialSummary{name, it->second.username,
                             it->second.password.has_value() && !it->second.password->empty()};
}

std::optional<Credential> CredentialStore::get(const std::string& name) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_credentials.find(name);
    if (it == m_credentials.end())
        return std::nullopt;
    return it->second;
}

std::set<std::string> CredentialStore::names() const
{
    std::lock_guard lock(m_mutex);
    std::set<std::string> out;
    for (const auto& [name, credential] : m_credentials)
        out.insert(name);
    return out;
}

Result<CredentialRemoval> CredentialStore::remove(const std::string& name, const model::MirrorConfig& current)
{
    CredentialRemoval removal;
    {
        std::lock_guard lock(m_mutex);
        if (!m_credentials.contains(name)) {
            removal.outcome = CredentialRemoval::Outcome::NotFound;
            return removal;
        }
        removal.references = credentialReferences(current, name);
        if (!removal.references.empty()) {
            removal.outcome = CredentialRemoval::Outcome::Referenced;
            return removal;
        }
        auto next = m_credentials;
        next.erase(name);
        if (auto saved = save(next); !saved)
            return saved.error();
        m_credentials = std::move(next);
    }
    notify(name);
    return removal;
}

void CredentialStore::subscribe(std::function<void(const std::string&)> listener)
{
    std::lock_guard lock(m_listenersMutex);
    m_listeners.push_back(std::move(listener));
}

void CredentialStore::notify(const std::string& name) const
{
    std::vector<std::function<void(const std::string&)>> listeners;
    {
        std::lock_guard lock(m_listenersMutex);
        listeners = m_listeners;
    }
    for (const auto& listener : listeners)
        listener(name);
}

} // namespace nsgate::proxy
