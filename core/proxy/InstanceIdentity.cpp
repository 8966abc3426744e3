#include "core/proxy/InstanceIdentity.h"

#include "core/proxy/DataFile.h"

namespace nsgate::proxy {

namespace fs = std::filesystem;

Result<std::string> makeUuidV4()
{
    auto random = secureRandomBytes(16);
    if (!random)
        return random.error();
    std::string& b = *random;
    b[6] = static_cast<char>((static_cast<unsigned char>(b[6]) & 0x0f) | 0x40);   // version 4
    b[8] = static_cast<char>((static_cast<unsigned char>(b[8]) & 0x3f) | 0x80);   // RFC 4122 variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        const auto byte = static_cast<unsigned char>(b[i]);
        out += kHex[byte >> 4];
        out += kHex[byte & 0x0f];
    }
    return out;
}

bool isCanonicalUuid(std::string_view text)
{
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

Result<InstanceIdentity> InstanceIdentity::loadOrCreate(const fs::path& dataDir)
{
    if (auto dir = ensureDataDirectory(dataDir); !dir)
        return dir.error();
    const fs::path file = dataDir / "instance-id";
    auto fresh = makeUuidV4();
    if (!fresh)
        return fresh.error();
    auto created = createFileOnce(file, *fresh + "\n", 0644);
    if (!created)
        return created.error();
    if (*created)
        return InstanceIdentity(std::move(*fresh));
    auto content = readSmallFile(file, 1024);
    if (!content)
        return content.error();
    const std::string_view id = trimWhitespace(*content);
    if (!isCanonicalUuid(id))
        return makeError("instance-id.invalid",
                         "\"" + file.string() + "\" does not hold an instance id (a lower-case UUID); "
                             "restore it from a backup, or delete it to give this data directory a new identity");
    return InstanceIdentity(std::string(id));
}

} // namespace nsgate::proxy
