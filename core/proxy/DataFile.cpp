#include "core/proxy/DataFile.h"

#include <openssl/rand.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nsgate::proxy {

namespace fs = std::filesystem;

namespace {

Error ioError(const fs::path& path, std::string_view what, int err)
{
    return makeError("file.io", "cannot " + std::string(what) + " \"" + path.string() + "\": " + std::strerror(err));
}

// Closes the descriptor on every way out.
class Fd
{
public:
    explicit Fd(int fd) : m_fd(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }

private:
    int m_fd;
};

Status<> writeAll(int fd, std::string_view content, const fs::path& path)
{
    while (!content.empty()) {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(path, "write", errno);
        }
        content.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

fs::path directoryOf(const fs::path& path)
{
    return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

void syncDirectory(const fs::path& dir)
{
    const Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.valid())
        ::fsync(fd.get());
}

// Writes `content` to a fresh temporary sibling of `path` with exactly `mode`
// and syncs it. Returns the temporary path; the caller moves it into place.
Result<fs::path> writeTemporary(const fs::path& path, std::string_view content, mode_t mode)
{
    auto suffix = secureRandomBytes(6);
    if (!suffix)
        return suffix.error();
    const fs::path tmp = directoryOf(path) / ("." + path.filename().string() + ".tmp-" + base64UrlEncode(*suffix));
    const Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (!fd.valid())
        return ioError(tmp, "create", errno);
    // The umask may have taken bits away; set exactly what was asked for.
    if (::fchmod(fd.get(), mode) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return ioError(tmp, "set the mode of", err);
    }
    if (auto written = writeAll(fd.get(), content, tmp); !written) {
        ::unlink(tmp.c_str());
        return written.error();
    }
    if (::fsync(fd.get()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return ioError(tmp, "sync", err);
    }
    return tmp;
}

} // namespace

Status<> ensureDataDirectory(const fs::path& dir)
{
    std::error_code ec;
    if (fs::is_directory(dir, ec))
        return {};
    if (dir.has_parent_path() && dir.parent_path() != dir) {
        if (auto parent = ensureDataDirectory(dir.parent_path()); !parent)
            return parent;
    }
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        return ioError(dir, "create directory", errno);
    if (!fs::is_directory(dir, ec))
        return makeError("file.io", "\"" + dir.string() + "\" exists and is not a directory");
    return {};
}

Result<std::string> readSmallFile(const fs::path& path, std::size_t maxBytes)
{
    const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        if (errno == ENOENT)
            return makeError("file.missing", "\"" + path.string() + "\" does not exist");
        return ioError(path, "open", errno);
    }
    struct stat st
    {
    };
    if (::fstat(fd.get(), &st) != 0)
        return ioError(path, "inspect", errno);
    if (!S_ISREG(st.st_mode))
        return makeError("file.io", "\"" + path.string() + "\" is not a regular file");
    std::string content;
    std::array<char, 4096> buffer{};
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(path, "read", errno);
        }
        if (n == 0)
            break;
        content.append(buffer.data(), static_cast<std::size_t>(n));
        if (content.size() > maxBytes)
            return makeError("file.too-large",
                             "\"" + path.string() + "\" is larger than " + std::to_string(maxBytes) + " bytes");
    }
    return content;
}

Status<> writeFileAtomically(const fs::path& path, std::string_view content, mode_t mode)
{
    auto tmp = writeTemporary(path, content, mode);
    if (!tmp)
        return tmp.error();
    if (::rename(tmp->c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp->c_str());
        return ioError(path, "replace", err);
    }
    // The rename is durable only once the directory entry is.
    syncDirectory(directoryOf(path));
    return {};
}

Result<bool> createFileOnce(const fs::path& path, std::string_view content, mode_t mode)
{
    auto tmp = writeTemporary(path, content, mode);
    if (!tmp)
        return tmp.error();
    const int linked = ::link(tmp->c_str(), path.c_str());
    const int err = errno;
    ::unlink(tmp->c_str());
    if (linked != 0) {
        if (err == EEXIST)
            return false;
        return ioError(path, "create", err);
    }
    syncDirectory(directoryOf(path));
    return true;
}

Result<mode_t> fileMode(const fs::path& path)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0)
        return ioError(path, "inspect", errno);
    return static_cast<mode_t>(st.st_mode & 07777);
}

Result<std::string> secureRandomBytes(std::size_t count)
{
    std::string bytes(count, '\0');
    if (count > static_cast<std::size_t>(INT_MAX)
        || RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1)
        return makeError("random.unavailable", "the system's random number generator failed");
    return bytes;
}

std::string base64UrlEncode(std::string_view bytes)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[k])); };
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const unsigned n = byte(i) << 16;
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
    } else if (rest == 2) {
        const unsigned n = (byte(i) << 16) | (byte(i + 1) << 8);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
    }
    return out;
}

std::string_view trimWhitespace(std::string_view text)
{
    constexpr std::string_view kSpace = " \t\r\n";
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(kSpace);
    return text.substr(first, last - first + 1);
}

} // namespace nsgate::proxy
