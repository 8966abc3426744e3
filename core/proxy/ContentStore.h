#pragma once

// Content-addressed files of the cache: DIR/blobs/<algorithm>/<2 hex>/<hex>.
// Bytes land in DIR/tmp first and reach their final name only after their
// digest was verified (write, fsync, rename, fsync directory), so a file under
// blobs/ is always verified content; tmp/ is emptied at start, so a crash
// mid-download leaves nothing that could be served. Paths are derived only
// from validated digests.

#include "core/model/Result.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace nsgate::proxy {

// An open file descriptor, closed on destruction.
class FileHandle
{
public:
    FileHandle() = default;
    explicit FileHandle(int fd) : m_fd(fd) {}
    FileHandle(FileHandle&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    FileHandle& operator=(FileHandle&& other) noexcept;
    ~FileHandle();
    int get() const { return m_fd; }
    explicit operator bool() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

// A download in progress; unlinked on destruction unless committed.
class TempBlob
{
public:
    TempBlob(FileHandle fd, std::filesystem::path path) : m_fd(std::move(fd)), m_path(std::move(path)) {}
    TempBlob(TempBlob&&) = default;
    ~TempBlob();
    int fd() const { return m_fd.get(); }
    const std::filesystem::path& path() const { return m_path; }

private:
    friend class ContentStore;
    FileHandle m_fd;
    std::filesystem::path m_path;
    bool m_committed = false;
};

class ContentStore
{
public:
    static Result<std::unique_ptr<ContentStore>> open(const std::filesystem::path& root);

    Result<std::unique_ptr<TempBlob>> createTemp();
    // Makes verified bytes visible under `digest`. The TempBlob's descriptor
    // stays readable (readers of an in-flight transfer keep using it).
    Status<> commit(TempBlob& temp, std::string_view digest);
    // Stores small verified content (manifests) in one step.
    Status<> put(std::string_view digest, std::string_view bytes);

    std::optional<std::uint64_t> size(std::string_view digest) const;
    Result<FileHandle> openRead(std::string_view digest) const;
    Result<std::string> read(std::string_view digest, std::uint64_t maxBytes) const;
    void remove(std::string_view digest);

    std::filesystem::path pathFor(std::string_view digest) const;
    const std::filesystem::path& root() const { return m_root; }

private:
    explicit ContentStore(std::filesystem::path root) : m_root(std::move(root)) {}
    std::filesystem::path m_root;
};

} // namespace nsgate::proxy
