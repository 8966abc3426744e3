#include "core/proxy/ContentStore.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace nsgate::proxy {

namespace fs = std::filesystem;

FileHandle& FileHandle::operator=(FileHandle&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

FileHandle::~FileHandle()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

TempBlob::~TempBlob()
{
    if (!m_committed) {
        std::error_code ec;
        fs::remove(m_path, ec);
    }
}

namespace {

Error ioError(std::string_view what, const fs::path& path)
{
    return makeError("cache.io", std::string(what) + " \"" + path.string() + "\": " + std::strerror(errno));
}

void syncDirectory(const fs::path& dir)
{
    FileHandle fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd)
        ::fsync(fd.get());
}

} // namespace

Result<std::unique_ptr<ContentStore>> ContentStore::open(const fs::path& root)
{
    std::error_code ec;
    // Whatever a previous run left in tmp/ was never verified.
    fs::remove_all(root / "tmp", ec);
    for (const auto* sub : {"tmp", "blobs/sha256", "blobs/sha512"}) {
        fs::create_directories(root / sub, ec);
        if (ec)
            return makeError("cache.io", "cannot create \"" + (root / sub).string() + "\": " + ec.message());
    }
    return std::unique_ptr<ContentStore>(new ContentStore(root));
}

fs::path ContentStore::pathFor(std::string_view digest) const
{
    const auto colon = digest.find(':');
    const std::string_view algorithm = digest.substr(0, colon);
    const std::string_view hex = digest.substr(colon + 1);
    return m_root / "blobs" / std::string(algorithm) / std::string(hex.substr(0, 2)) / std::string(hex);
}

Result<std::unique_ptr<TempBlob>> ContentStore::createTemp()
{
    static thread_local std::mt19937_64 random{std::random_device{}()};
    const fs::path path = m_root / "tmp" / ("fetch-" + std::to_string(random()));
    FileHandle fd(::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0640));
    if (!fd)
        return ioError("cannot create", path);
    return std::make_unique<TempBlob>(std::move(fd), path);
}

Status<> ContentStore::commit(TempBlob& temp, std::string_view digest)
{
    if (::fsync(temp.fd()) != 0)
        return ioError("cannot sync", temp.path());
    const fs::path target = pathFor(digest);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (::rename(temp.path().c_str(), target.c_str()) != 0)
        return ioError("cannot move into place", target);
    temp.m_committed = true;
    syncDirectory(target.parent_path());
    return {};
}

Status<> ContentStore::put(std::string_view digest, std::string_view bytes)
{
    auto temp = createTemp();
    if (!temp)
        return temp.error();
    std::string_view left = bytes;
    while (!left.empty()) {
        const ssize_t n = ::write((*temp)->fd(), left.data(), left.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return ioError("cannot write", (*temp)->path());
        left.remove_prefix(static_cast<std::size_t>(n));
    }
    return commit(**temp, digest);
}

std::optional<std::uint64_t> ContentStore::size(std::string_view digest) const
{
    struct stat st{};
    if (::stat(pathFor(digest).c_str(), &st) != 0)
        return std::nullopt;
    return static_cast<std::uint64_t>(st.st_size);
}

Result<FileHandle> ContentStore::openRead(std::string_view digest) const
{
    const fs::path path = pathFor(digest);
    FileHandle fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return ioError("cannot open", path);
    return fd;
}

Result<std::string> ContentStore::read(std::string_view digest, std::uint64_t maxBytes) const
{
    auto fd = openRead(digest);
    if (!fd)
        return fd.error();
    std::string out;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd->get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ioError("cannot read", pathFor(digest));
        if (n == 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > maxBytes)
            return makeError("cache.size", "cached content " + std::string(digest) + " exceeds " +
                                               std::to_string(maxBytes) + " bytes");
    }
    return out;
}

void ContentStore::remove(std::string_view digest)
{
    std::error_code ec;
    fs::remove(pathFor(digest), ec);
}

} // namespace nsgate::proxy
