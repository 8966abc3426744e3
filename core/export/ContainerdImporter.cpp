#include "core/export/ContainerdImporter.h"

#include "core/export/HttpUrl.h"
#include "core/model/ConfigValidator.h"
#include "core/model/Grammar.h"
#include "core/model/Message.h"
#include "core/model/RegistryHost.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <toml++/toml.h>
#include <tuple>

namespace nsgate::exporters {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kDefaultDirectory = "_default";
constexpr std::string_view kHostsFile = "hosts.toml";
// Real hosts.toml files are a few hundred bytes; the cap keeps a stray huge
// file from being read into memory.
constexpr std::uintmax_t kMaxFileSize = 1024 * 1024;

// Reads a `ca` path (as written in the file) into PEM text, or says why not.
using CaReader = std::function<Result<std::string>(std::string_view path)>;

struct MapContext
{
    std::string file;                             // "<dir>/hosts.toml", the pointer's file part
    std::set<std::string, std::less<>> proxyUrls; // host URLs taken as the proxy
    CaReader readCa;                              // empty: the pure parser, files are not read
};

// One [host] table or the top level (which configures `server`).
struct HostSettings
{
    std::string pointer; // JSON pointer of the table inside the file
    HttpUrl url;
    bool pull = true;
    bool resolve = true;
    bool skipVerify = false;
    bool overridePath = false;
    std::vector<std::string> caPaths;
};

class FileMapper
{
public:
    FileMapper(const MapContext& context, model::Issues& unmapped) : m_context(context), m_unmapped(unmapped)
    {}

    model::NamespaceEntry map(const toml::table& root, const std::string& ns);

private:
    void note(const std::string& pointer, model::Message message)
    {
        m_unmapped.push_back(model::makeIssue(m_context.file + "#" + pointer, std::move(message)));
    }
    std::optional<HttpUrl> parseUrl(std::string_view text, const std::string& pointer);
    // Fills `settings` from the keys of `table` that describe a host; returns
    // false when the host cannot be used at all. `topLevel` skips the keys only
    // the top level has; for the proxy, how the node dials it is client-side and
    // needs no note.
    bool readSettings(const toml::table& table, HostSettings& settings, bool topLevel, bool isProxy);
    // The [host] tables in file order (toml++ keeps keys sorted, but containerd
    // tries hosts in the order they are written).
    std::vector<std::pair<std::string, const toml::table*>> hostTablesInFileOrder(const toml::table& root);
    void choosePolicy(model::NamespaceEntry& entry, const std::vector<HostSettings>& mirrors, bool proxySeen,
                      bool proxyResolves);
    std::optional<model::Upstream> toUpstream(const HostSettings& settings);

    const MapContext& m_context;
    model::Issues& m_unmapped;
};

// containerd's implicit server for a namespace.
HttpUrl originOf(std::string_view ns)
{
    HttpUrl url;
    url.scheme = "https";
    url.hostPort = ns == "docker.io" ? "registry-1.docker.io" : std::string(ns);
    return url;
}

std::string keyPointer(const std::string& parent, std::string_view key)
{
    return parent + "/" + model::escapePointerToken(key);
}

std::string inQuotes(std::string_view text)
{
    return model::quoteForMessage(text);
}

std::optional<HttpUrl> FileMapper::parseUrl(std::string_view text, const std::string& pointer)
{
    // containerd reads a URL without a scheme as https.
    std::string withScheme(text);
    if (text.find("://") == std::string_view::npos)
        withScheme = "https://" + withScheme;
    auto url = parseHttpUrl(withScheme, "URL");
    if (!url) {
        note(pointer,
             NSGATE_TEXT("nsgate::export", "not an http(s) registry URL: %1").with(errorText(url.error())));
        return std::nullopt;
    }
    return std::move(url.value());
}

bool FileMapper::readSettings(const toml::table& table, HostSettings& settings, bool topLevel, bool isProxy)
{
    bool usable = true;
    for (auto&& [key, node] : table) {
        const std::string_view name = key.str();
        const std::string pointer = keyPointer(settings.pointer, name);
        if (topLevel && (name == "server" || name == "host"))
            continue;
        if (name == "capabilities") {
            const auto* array = node.as_array();
            if (!array || !array->is_homogeneous(toml::node_type::string)) {
                note(pointer,
                     NSGATE_TEXT("nsgate::export",
                                 "%1 is not an array of strings (containerd rejects the file); host skipped")
                         .with(name));
                usable = false;
                continue;
            }
            settings.pull = settings.resolve = false;
            for (const auto& item : *array) {
                const std::string_view capability = item.as_string()->get();
                if (capability == "pull")
                    settings.pull = true;
                else if (capability == "resolve")
                    settings.resolve = true;
                else if (capability != "push" && capability != "referrers")
                    note(pointer,
                         NSGATE_TEXT("nsgate::export", "unknown capability %1").with(inQuotes(capability)));
            }
        } else if (name == "skip_verify") {
            if (const auto* flag = node.as_boolean())
                settings.skipVerify = flag->get();
            else
                note(pointer, NSGATE_TEXT("nsgate::export", "%1 is not a boolean; ignored").with(name));
        } else if (name == "override_path") {
            if (const auto* flag = node.as_boolean())
                settings.overridePath = flag->get();
            else
                note(pointer, NSGATE_TEXT("nsgate::export", "%1 is not a boolean; ignored").with(name));
        } else if (name == "ca") {
            if (const auto* path = node.as_string()) {
                settings.caPaths.push_back(path->get());
            } else if (const auto* paths = node.as_array();
                       paths && paths->is_homogeneous(toml::node_type::string)) {
                for (const auto& item : *paths)
                    settings.caPaths.push_back(item.as_string()->get());
            } else {
                note(pointer,
                     NSGATE_TEXT("nsgate::export", "%1 is neither a path nor an array of paths; ignored")
                         .with(name));
            }
        } else if (name == "client") {
            note(pointer,
                 NSGATE_TEXT("nsgate::export", "client certificates are not mapped: nsgate authenticates "
                                               "upstreams with stored credentials"));
        } else if (name == "header") {
            note(pointer, NSGATE_TEXT("nsgate::export",
                                      "headers are not mapped: nsgate sends no custom headers upstream"));
        } else if (name == "dial_timeout") {
            if (!isProxy)
                note(pointer,
                     NSGATE_TEXT("nsgate::export", "%1 is not mapped: nsgate has its own upstream timeouts")
                         .with(name));
        } else {
            note(pointer, NSGATE_TEXT("nsgate::export", "unknown key %1 is not mapped").with(inQuotes(name)));
        }
    }
    return usable;
}

std::optional<model::Upstream> FileMapper::toUpstream(const HostSettings& settings)
{
    // containerd's API root: the path as written with override_path or when it
    // already ends in /v2, else path + /v2 (/v2 alone for no path). nsgate's
    // upstream URL is that root without /v2.
    HttpUrl url = settings.url;
    if (settings.overridePath && !url.path.ends_with("/v2")) {
        note(settings.pointer,
             NSGATE_TEXT("nsgate::export",
                         "%1 with API root %2 (not ending in /v2) cannot be expressed as an "
                         "nsgate upstream URL; the path was kept as written")
                 .with("override_path", inQuotes(url.path)));
    } else if (url.path.ends_with("/v2")) {
        url.path.resize(url.path.size() - 3);
    }
    model::Upstream upstream;
    upstream.url = url.text();
    // The draft must validate; the URL grammar here is stricter, so this only
    // guards against the two drifting apart.
    if (auto problem = model::upstreamUrlText(upstream.url); !problem.empty()) {
        note(settings.pointer, NSGATE_TEXT("nsgate::export", "upstream URL %1 %2")
                                   .with(inQuotes(upstream.url), std::move(problem)));
        return std::nullopt;
    }
    upstream.tlsVerify = !settings.skipVerify;
    if (!settings.caPaths.empty()) {
        if (!m_context.readCa) {
            note(keyPointer(settings.pointer, "ca"),
                 NSGATE_TEXT("nsgate::export", "CA files are not read by the %1 parser; set %2 of %3 by hand")
                     .with(kHostsFile, "caPem", inQuotes(upstream.url)));
        } else {
            std::string pem;
            for (const auto& path : settings.caPaths) {
                auto text = m_context.readCa(path);
                if (!text) {
                    note(keyPointer(settings.pointer, "ca"), errorText(text.error()));
                    pem.clear();
                    break;
                }
                pem += *text;
                if (!pem.empty() && pem.back() != '\n')
                    pem += '\n';
            }
            if (!pem.empty())
                upstream.caPem = std::move(pem);
        }
    }
    return upstream;
}

std::vector<std::pair<std::string, const toml::table*>>
FileMapper::hostTablesInFileOrder(const toml::table& root)
{
    std::vector<std::pair<std::string, const toml::table*>> hostTables;
    if (const auto* node = root.get("host")) {
        if (const auto* hosts = node->as_table()) {
            std::vector<std::tuple<toml::source_position, std::string, const toml::node*>> ordered;
            for (auto&& [key, value] : *hosts)
                ordered.emplace_back(value.source().begin, std::string(key.str()), &value);
            std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
                const auto& pa = std::get<0>(a);
                const auto& pb = std::get<0>(b);
                return std::tie(pa.line, pa.column) < std::tie(pb.line, pb.column);
            });
            for (const auto& [position, key, value] : ordered) {
                if (const auto* table = value->as_table())
                    hostTables.emplace_back(key, table);
                else
                    note(keyPointer("/host", key),
                         NSGATE_TEXT("nsgate::export", "%1 entry is not a table; skipped").with("host"));
            }
        } else {
            note("/host", NSGATE_TEXT("nsgate::export", "%1 is not a table; skipped").with("host"));
        }
    }
    return hostTables;
}

// Tags resolved elsewhere than through the pulling hosts: digest-only.
void FileMapper::choosePolicy(model::NamespaceEntry& entry, const std::vector<HostSettings>& mirrors,
                              bool proxySeen, bool proxyResolves)
{
    if (proxySeen) {
        if (!proxyResolves)
            entry.policy.tags = model::TagMode::DigestOnly;
    } else if (!mirrors.empty()) {
        const bool anyResolves =
            std::any_of(mirrors.begin(), mirrors.end(), [](const HostSettings& h) { return h.resolve; });
        if (!anyResolves) {
            entry.policy.tags = model::TagMode::DigestOnly;
        } else {
            for (const auto& mirror : mirrors) {
                if (!mirror.resolve)
                    note(mirror.pointer,
                         NSGATE_TEXT("nsgate::export",
                                     "host %1 may not resolve tags, but nsgate upstreams have no "
                                     "per-host capabilities (%2 decides which upstream resolves tags)")
                             .with(inQuotes(mirror.url.text()), "policy.tags"));
            }
        }
    }
}

model::NamespaceEntry FileMapper::map(const toml::table& root, const std::string& ns)
{
    model::NamespaceEntry entry;
    entry.name = ns;

    // The top level configures `server`; with no `server`, containerd's default.
    HostSettings server;
    server.pointer = "";
    bool serverKnown = true;
    if (const auto* node = root.get("server")) {
        const auto* text = node->as_string();
        if (!text) {
            note("/server",
                 NSGATE_TEXT("nsgate::export",
                             "%1 is not a string; containerd's default https://<namespace> assumed")
                     .with("server"));
            server.url = originOf(ns);
        } else if (auto url = parseUrl(text->get(), "/server")) {
            server.url = *url;
        } else {
            serverKnown = false;
        }
    } else {
        server.url = originOf(ns);
    }

    const auto hostTables = hostTablesInFileOrder(root);

    std::vector<HostSettings> mirrors;
    bool proxySeen = false;
    bool proxyResolves = false;
    for (const auto& [key, table] : hostTables) {
        HostSettings host;
        host.pointer = keyPointer("/host", key);
        auto url = parseUrl(key, host.pointer);
        if (!url)
            continue;
        host.url = *url;
        const bool isProxy = m_context.proxyUrls.count(host.url.text()) > 0;
        const bool usable = readSettings(*table, host, false, isProxy);
        if (isProxy) {
            if (usable && host.pull) {
                proxySeen = true;
                proxyResolves = proxyResolves || host.resolve;
            }
            continue;
        }
        if (!usable)
            continue;
        if (!host.pull) {
            note(host.pointer,
                 NSGATE_TEXT("nsgate::export", "host %1 cannot pull (no %2 capability); not an upstream")
                     .with(inQuotes(host.url.text()), "\"pull\""));
            continue;
        }
        mirrors.push_back(std::move(host));
    }

    // Top-level host settings belong to `server`.
    const bool serverIsProxy = serverKnown && m_context.proxyUrls.count(server.url.text()) > 0;
    const bool serverUsable = readSettings(root, server, true, serverIsProxy) && serverKnown;

    std::set<std::string, std::less<>> seen;
    for (const auto& mirror : mirrors) {
        if (auto upstream = toUpstream(mirror); upstream && seen.insert(upstream->url).second)
            entry.upstreams.push_back(std::move(*upstream));
    }
    if (serverUsable && !serverIsProxy) {
        if (!server.pull) {
            note("/capabilities", NSGATE_TEXT("nsgate::export", "server %1 cannot pull; not an upstream")
                                      .with(inQuotes(server.url.text())));
        } else if (auto upstream = toUpstream(server); upstream && seen.insert(upstream->url).second) {
            entry.upstreams.push_back(std::move(*upstream));
        }
    }
    if (entry.upstreams.empty()) {
        // The tree points only at the proxy: the registry itself is the upstream.
        model::Upstream origin;
        origin.url = originUrl(ns);
        entry.upstreams.push_back(std::move(origin));
    }

    choosePolicy(entry, mirrors, proxySeen, proxyResolves);
    return entry;
}

// The message does not name the file: the caller's pointer or prefix does.
Result<toml::table> parseToml(std::string_view text)
{
    if (text.size() > kMaxFileSize)
        return makeError("hoststoml.parse", NSGATE_TEXT("nsgate::export", "larger than 1 MiB"));
    try {
        return toml::parse(text);
    } catch (const toml::parse_error& e) {
        const auto& where = e.source().begin;
        return makeError("hoststoml.parse",
                         NSGATE_TEXT("nsgate::export", "not valid TOML at line %1, column %2: %3")
                             .with(where.line, where.column, std::string(e.description())));
    }
}

enum class FileKind
{
    HostsToml,
    Ca, // messages say "CA file"
};

Result<std::string> readSmallFile(const fs::path& path, FileKind kind)
{
    const bool ca = kind == FileKind::Ca;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        return makeError("import.file", (ca ? NSGATE_TEXT("nsgate::export", "CA file %1: %2")
                                            : NSGATE_TEXT("nsgate::export", "%1: %2"))
                                            .with(path.string(), ec.message()));
    if (size > kMaxFileSize)
        return makeError("import.file", (ca ? NSGATE_TEXT("nsgate::export", "CA file %1: larger than 1 MiB")
                                            : NSGATE_TEXT("nsgate::export", "%1: larger than 1 MiB"))
                                            .with(path.string()));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("import.file", (ca ? NSGATE_TEXT("nsgate::export", "CA file %1: cannot be opened")
                                            : NSGATE_TEXT("nsgate::export", "%1: cannot be opened"))
                                            .with(path.string()));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return makeError("import.file", (ca ? NSGATE_TEXT("nsgate::export", "CA file %1: read error")
                                            : NSGATE_TEXT("nsgate::export", "%1: read error"))
                                            .with(path.string()));
    return text.str();
}

struct TreeFile
{
    std::string directory;
    toml::table root;
};

// Host URLs of a parsed file, for telling the proxy apart from mirrors.
std::set<std::string> hostUrls(const toml::table& root)
{
    std::set<std::string> urls;
    if (const auto* hosts = root["host"].as_table()) {
        for (auto&& [key, value] : *hosts) {
            std::string text(key.str());
            if (text.find("://") == std::string::npos)
                text = "https://" + text;
            if (auto url = parseHttpUrl(text, "host"))
                urls.insert(url->text());
        }
    }
    return urls;
}

Result<ImportResult> importTree(const fs::path& certsDir)
{
    std::error_code ec;
    if (!fs::is_directory(certsDir, ec))
        return makeError(
            "import.dir",
            ec ? NSGATE_TEXT("nsgate::export", "%1 is not a directory: %2")
                     .with(inQuotes(certsDir.string()), ec.message())
               : NSGATE_TEXT("nsgate::export", "%1 is not a directory").with(inQuotes(certsDir.string())));
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(certsDir, ec), end; !ec && it != end; it.increment(ec))
        entries.push_back(*it);
    if (ec)
        return makeError("import.dir", NSGATE_TEXT("nsgate::export", "%1 cannot be listed: %2")
                                           .with(inQuotes(certsDir.string()), ec.message()));
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });

    ImportResult result;
    auto& unmapped = result.unmapped;
    std::vector<TreeFile> files;
    std::optional<TreeFile> defaultFile;
    for (const auto& entry : entries) {
        const std::string name = entry.path().filename().string();
        const std::string file = name + "/" + std::string(kHostsFile);
        if (!entry.is_directory(ec)) {
            unmapped.push_back(model::makeIssue(
                name, NSGATE_TEXT("nsgate::export", "not a directory: containerd reads only %1")
                          .with("<host>/" + std::string(kHostsFile))));
            continue;
        }
        const fs::path hostsPath = entry.path() / kHostsFile;
        if (!fs::exists(hostsPath, ec)) {
            unmapped.push_back(model::makeIssue(
                name, NSGATE_TEXT("nsgate::export", "no %1 (certificate files alone are not mapped)")
                          .with(kHostsFile)));
            continue;
        }
        auto text = readSmallFile(hostsPath, FileKind::HostsToml);
        if (!text) {
            unmapped.push_back(model::makeIssue(file, errorText(text.error())));
            continue;
        }
        auto root = parseToml(*text);
        if (!root) {
            unmapped.push_back(model::makeIssue(file, errorText(root.error())));
            continue;
        }
        if (name == kDefaultDirectory)
            defaultFile = TreeFile{name, std::move(root.value())};
        else
            files.push_back(TreeFile{name, std::move(root.value())});
    }

    // A host serving several registries is a namespace-aware proxy: the one the
    // tree was written for.
    std::map<std::string, int> useCount;
    for (const auto& file : files) {
        for (const auto& url : hostUrls(file.root))
            ++useCount[url];
    }
    MapContext context;
    if (defaultFile) {
        for (const auto& url : hostUrls(defaultFile->root))
            useCount[url] += 2;
    }
    for (const auto& [url, count] : useCount) {
        if (count >= 2) {
            context.proxyUrls.insert(url);
            unmapped.push_back(model::makeIssue(
                "",
                NSGATE_TEXT("nsgate::export", "host %1 serves several registries in this tree: taken as the "
                                              "proxy the tree points at, not as an upstream")
                    .with(inQuotes(url))));
        }
    }
    if (defaultFile)
        unmapped.push_back(model::makeIssue(
            std::string(kDefaultDirectory) + "/" + std::string(kHostsFile),
            NSGATE_TEXT("nsgate::export",
                        "%1 covers every registry without its own directory; nsgate serves only "
                        "mapped namespaces, so it is not imported")
                .with(kDefaultDirectory)));

    // containerd looks up host_port_ before host:port, so that spelling wins.
    std::map<std::string, std::size_t> chosen; // namespace -> index in files
    std::vector<std::string> order;            // namespaces in directory-name order
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto ns = namespaceFromDirectoryName(files[i].directory);
        if (!ns) {
            unmapped.push_back(model::makeIssue(files[i].directory, errorText(ns.error())));
            continue;
        }
        auto [found, inserted] = chosen.emplace(*ns, i);
        if (inserted) {
            order.push_back(*ns);
            continue;
        }
        const bool newWins =
            files[i].directory.ends_with("_") && !files[found->second].directory.ends_with("_");
        const std::size_t loser = newWins ? found->second : i;
        if (newWins)
            found->second = i;
        unmapped.push_back(model::makeIssue(
            files[loser].directory,
            NSGATE_TEXT("nsgate::export",
                        "same registry as directory %1, which containerd reads first (%2 before %3)")
                .with(inQuotes(files[found->second].directory), "host_port_", "host:port")));
    }

    for (const auto& ns : order) {
        const auto& file = files[chosen.at(ns)];
        const fs::path dir = certsDir / file.directory;
        context.file = file.directory + "/" + std::string(kHostsFile);
        context.readCa = [dir](std::string_view path) -> Result<std::string> {
            fs::path caPath(path);
            if (caPath.is_relative())
                caPath = dir / caPath;
            auto text = readSmallFile(caPath, FileKind::Ca);
            if (!text)
                return text.error();
            if (text->find("-----BEGIN CERTIFICATE-----") == std::string::npos)
                return makeError("import.file",
                                 NSGATE_TEXT("nsgate::export", "CA file %1 holds no PEM certificate")
                                     .with(inQuotes(caPath.string())));
            return text;
        };
        FileMapper mapper(context, unmapped);
        result.draft.namespaces.push_back(mapper.map(file.root, ns));
    }
    return result;
}

} // namespace

Result<std::string> namespaceFromDirectoryName(std::string_view directoryName)
{
    if (directoryName == kDefaultDirectory)
        return makeError(
            "hoststoml.directory",
            NSGATE_TEXT("nsgate::export", "directory %1 is containerd's catch-all, not a registry host")
                .with(inQuotes(kDefaultDirectory)));
    std::string name(directoryName);
    // host_port_: containerd's file-system-friendly spelling of host:port.
    if (name.size() > 2 && name.back() == '_') {
        const std::size_t sep = name.rfind('_', name.size() - 2);
        if (sep != std::string::npos && sep > 0 && sep + 2 < name.size()) {
            const std::string port = name.substr(sep + 1, name.size() - sep - 2);
            if (std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
                name = name.substr(0, sep) + ":" + port;
        }
    }
    const std::string field = name == directoryName ? std::string("directory")
                                                    : "directory " + inQuotes(directoryName) + " as host";
    auto host = model::normalizeRegistryHost(name, field);
    if (!host)
        return makeError("hoststoml.directory", errorText(host.error()));
    // containerd matches directory names byte for byte; another spelling of the
    // host is a directory it never reads.
    if (*host != name)
        return makeError("hoststoml.directory",
                         NSGATE_TEXT("nsgate::export", "directory %1 is never read: containerd looks up %2")
                             .with(inQuotes(directoryName), inQuotes(*host)));
    return host;
}

Result<model::NamespaceEntry> parseHostsToml(std::string_view tomlText, std::string_view directoryName,
                                             model::Issues& unmapped)
{
    try {
        auto ns = namespaceFromDirectoryName(directoryName);
        if (!ns)
            return ns.error();
        const std::string file = std::string(directoryName) + "/" + std::string(kHostsFile);
        auto root = parseToml(tomlText);
        if (!root)
            return makeError(root.error().code,
                             NSGATE_TEXT("nsgate::export", "%1: %2").with(file, errorText(root.error())));
        MapContext context;
        context.file = file;
        FileMapper mapper(context, unmapped);
        return mapper.map(*root, *ns);
    } catch (const std::exception& e) {
        return makeError("hoststoml.parse",
                         NSGATE_TEXT("nsgate::export", "%1 could not be read").with(kHostsFile), e.what());
    }
}

Result<ImportResult> importContainerdTree(const std::filesystem::path& certsDir)
{
    try {
        return importTree(certsDir);
    } catch (const std::exception& e) {
        return makeError(
            "import.dir",
            NSGATE_TEXT("nsgate::export", "importing %1 failed").with(inQuotes(certsDir.string())), e.what());
    }
}

} // namespace nsgate::exporters
