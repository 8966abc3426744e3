#pragma once

// Sends blob bytes to one client: from a verified cache file (sendfile) or
// from a transfer still in progress (behind the writer, holding back the
// final byte until verification). Ranges (`bytes=a-b`, `a-`, `-n`) give 206.

#include "core/proxy/BlobTransfer.h"
#include "core/proxy/HttpServer.h"

#include <functional>
#include <memory>
#include <optional>

namespace nsgate::proxy {

struct ByteRange
{
    std::uint64_t first = 0;
    std::uint64_t last = 0;   // inclusive
};

enum class RangeParse { None, Valid, Unsatisfiable };
// Only single ranges are honoured; anything else is treated as no Range (200).
RangeParse parseRange(std::string_view header, std::uint64_t size, ByteRange& out);

struct StreamOutcome
{
    bool complete = false;      // every byte of the answer was sent
    std::uint64_t bytes = 0;
    int status = 0;             // what the client got (0: nothing was sent yet)
    std::string error;          // why a transfer failed
};

using StreamDone = std::function<void(StreamOutcome)>;

// A verified file: `fd` must stay valid until `done`.
void streamFile(std::shared_ptr<Responder> responder, std::shared_ptr<FileHandle> fd, std::uint64_t size,
                std::optional<std::string> rangeHeader, HeaderList headers, StreamDone done);

// A transfer: waits for upstream's answer, then streams. When the transfer
// fails before any byte was sent nothing is answered and `done` reports
// status 0, so the caller can send a proper error.
void streamTransfer(std::shared_ptr<Responder> responder, std::shared_ptr<BlobTransfer> transfer,
                    std::optional<std::string> rangeHeader, HeaderList headers, StreamDone done);

} // namespace nsgate::proxy
