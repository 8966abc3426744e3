#include "core/export/AtomicFile.h"

#include "core/model/Message.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace nsgate::exporters {

namespace {

// `failure` is a whole sentence with the path as %1 and the system's text as %2.
Error ioError(const std::filesystem::path& path, model::Message failure)
{
    const int error = errno;
    return makeError("file.io", std::move(failure).with(path.string(), std::strerror(error)));
}

// Closes the descriptor on every path out of writeFileAtomically.
struct Fd
{
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

Status<> writeFileAtomically(const std::filesystem::path& path, std::string_view content, Overwrite overwrite)
{
    std::error_code ec;
    if (overwrite == Overwrite::Refuse && std::filesystem::exists(path, ec))
        return makeError("file.exists", NSGATE_TEXT("nsgate::export", "\"%1\" already exists (use %2 to overwrite)")
                                            .with(path.string(), "--force"));
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return makeError("file.io", NSGATE_TEXT("nsgate::export", "cannot create directory \"%1\": %2")
                                        .with(dir.string(), ec.message()));

    std::random_device rd;
    const auto tmp = dir / ("." + path.filename().string() + ".tmp-" + std::to_string(rd()));
    Fd file{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)};
    if (file.fd < 0)
        return ioError(tmp, NSGATE_TEXT("nsgate::export", "cannot create \"%1\": %2"));
    std::string_view left = content;
    while (!left.empty()) {
        const ssize_t n = ::write(file.fd, left.data(), left.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            auto err = ioError(tmp, NSGATE_TEXT("nsgate::export", "cannot write \"%1\": %2"));
            ::unlink(tmp.c_str());
            return err;
        }
        left.remove_prefix(static_cast<std::size_t>(n));
    }
    if (::fsync(file.fd) != 0) {
        auto err = ioError(tmp, NSGATE_TEXT("nsgate::export", "cannot sync \"%1\": %2"));
        ::unlink(tmp.c_str());
        return err;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        auto err = ioError(path, NSGATE_TEXT("nsgate::export", "cannot replace \"%1\": %2"));
        ::unlink(tmp.c_str());
        return err;
    }
    // The rename is durable only once the directory entry is.
    Fd dirFd{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dirFd.fd >= 0)
        ::fsync(dirFd.fd);
    return {};
}

} // namespace nsgate::exporters
