#pragma once

// Golden files for the client-configuration writers: each case is a directory
// under fixtures/export/ holding exactly the files the writer produced. With
// NSGATE_UPDATE_GOLDEN=1 the directory is rewritten from the current output
// instead of compared (review the diff before committing it).

#include "core/export/ExportTypes.h"
#include "core/model/Message.h"
#include "core/model/MirrorConfig.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace nsgate::testing {

inline std::filesystem::path exportFixtures()
{
    return std::filesystem::path(NSGATE_FIXTURES) / "export";
}

inline bool updatingGolden()
{
    return qEnvironmentVariableIntValue("NSGATE_UPDATE_GOLDEN") == 1;
}

inline std::string readText(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void writeText(const std::filesystem::path& path, const std::string& content)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

// Every regular file under `dir`, by path relative to it ('/'-separated).
inline std::map<std::string, std::string> readTree(const std::filesystem::path& dir)
{
    std::map<std::string, std::string> files;
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file())
            files[std::filesystem::relative(it->path(), dir).generic_string()] = readText(it->path());
    }
    return files;
}

// Empty when `result` matches the golden case `caseDir` (relative to
// fixtures/export); otherwise what differs, for QVERIFY2.
inline QString compareWithGolden(const exporters::ExportResult& result, const std::string& caseDir)
{
    const auto dir = exportFixtures() / caseDir;
    if (updatingGolden()) {
        std::filesystem::remove_all(dir);
        for (const auto& file : result.files)
            writeText(dir / file.relativePath, file.content);
        return {};
    }
    const auto golden = readTree(dir);
    if (golden.empty())
        return QStringLiteral("no golden files in %1 (run with NSGATE_UPDATE_GOLDEN=1)")
            .arg(QString::fromStdString(dir.string()));
    QStringList problems;
    std::map<std::string, std::string> produced;
    for (const auto& file : result.files)
        produced[file.relativePath] = file.content;
    for (const auto& [path, content] : golden) {
        const auto found = produced.find(path);
        if (found == produced.end()) {
            problems << QStringLiteral("missing %1").arg(QString::fromStdString(path));
            continue;
        }
        if (found->second != content) {
            problems << QStringLiteral("%1 differs:\n--- golden\n%2--- produced\n%3")
                            .arg(QString::fromStdString(path), QString::fromStdString(content),
                                 QString::fromStdString(found->second));
        }
    }
    for (const auto& [path, content] : produced) {
        if (!golden.count(path))
            problems << QStringLiteral("unexpected %1").arg(QString::fromStdString(path));
    }
    return problems.join(QLatin1Char('\n'));
}

inline QStringList toQStringList(const std::vector<std::string>& lines)
{
    QStringList out;
    for (const auto& line : lines)
        out << QString::fromStdString(line);
    return out;
}

// True when some line of `lines` contains `needle`.
inline bool anyContains(const std::vector<std::string>& lines, const std::string& needle)
{
    for (const auto& line : lines) {
        if (line.find(needle) != std::string::npos)
            return true;
    }
    return false;
}

// Warnings are messages; the tests compare their English, which is what
// nsgatectl prints in the C locale.
inline QStringList toQStringList(const std::vector<model::Message>& messages)
{
    QStringList out;
    for (const auto& message : messages)
        out << QString::fromStdString(message.english());
    return out;
}

inline bool anyContains(const std::vector<model::Message>& messages, const std::string& needle)
{
    for (const auto& message : messages) {
        if (message.english().find(needle) != std::string::npos)
            return true;
    }
    return false;
}

inline model::Upstream upstream(std::string url)
{
    model::Upstream u;
    u.url = std::move(url);
    return u;
}

inline model::NamespaceEntry entry(std::string name, std::vector<std::string> urls,
                                   model::TagMode tags = model::TagMode::Primary)
{
    model::NamespaceEntry e;
    e.name = std::move(name);
    for (auto& url : urls)
        e.upstreams.push_back(upstream(std::move(url)));
    e.policy.tags = tags;
    return e;
}

// The config most export tests use: Docker Hub with its aliases and two
// upstreams, a plain registry, a digest-only one, host:port and IPv6 hosts.
inline model::MirrorConfig sampleConfig()
{
    model::MirrorConfig config;
    auto hub = entry("docker.io", {"https://registry-1.docker.io", "https://mirror.gcr.io"});
    hub.aliases = {"index.docker.io", "registry-1.docker.io"};
    hub.upstreams.front().credential = "dockerhub";
    config.namespaces.push_back(hub);
    config.namespaces.push_back(entry("ghcr.io", {"https://ghcr.io"}));
    config.namespaces.push_back(entry("quay.io", {"https://quay.io"}, model::TagMode::DigestOnly));
    config.namespaces.push_back(entry("127.0.0.1:5001", {"http://127.0.0.1:5001"}));
    config.namespaces.push_back(entry("[::1]:5002", {"http://[::1]:5002"}));
    return config;
}

} // namespace nsgate::testing
