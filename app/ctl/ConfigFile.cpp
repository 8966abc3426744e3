#include "app/ctl/ConfigFile.h"

#include "app/ctl/Translate.h"

#include "core/model/ConfigCodec.h"
#include "core/model/ConfigValidator.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace nsgate::ctl {

// Config documents are small; anything this large is not one.
constexpr std::uintmax_t kMaxConfigBytes = 4 * 1024 * 1024;

void printIssues(const model::Issues& issues)
{
    for (const auto& issue : issues)
        std::cerr << (issue.pointer.empty() ? translate("nsgatectl", "(document)") : issue.pointer) << ": "
                  << coreMessage(issue) << "\n";
}

std::optional<std::string> readTextFile(const std::filesystem::path& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        std::cerr << withArgs(translate("nsgatectl", "nsgatectl: cannot read \"%1\": %2\n"), path.string(),
                              ec.message());
        return std::nullopt;
    }
    if (size > kMaxConfigBytes) {
        std::cerr << withArgs(translate("nsgatectl", "nsgatectl: \"%1\" is %2 bytes; the limit is %3\n"),
                              path.string(), size, kMaxConfigBytes);
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << withArgs(translate("nsgatectl", "nsgatectl: cannot open \"%1\": %2\n"), path.string(),
                              std::strerror(errno));
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::optional<model::MirrorConfig> loadValidConfig(const std::filesystem::path& path)
{
    auto text = readTextFile(path);
    if (!text)
        return std::nullopt;
    auto decoded = model::decodeConfig(*text);
    if (!decoded) {
        printIssues(decoded.error());
        return std::nullopt;
    }
    if (auto issues = model::validateConfig(*decoded); !issues.empty()) {
        printIssues(issues);
        return std::nullopt;
    }
    return std::move(decoded).value();
}

} // namespace nsgate::ctl
