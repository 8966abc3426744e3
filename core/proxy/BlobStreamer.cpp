#include "core/proxy/BlobStreamer.h"

#include <charconv>

namespace nsgate::proxy {

namespace {

constexpr std::uint64_t kSendSlice = 4u << 20;

bool parseNumber(std::string_view text, std::uint64_t& out)
{
    if (text.empty())
        return false;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && p == text.data() + text.size();
}

std::string contentRange(const ByteRange& r, std::uint64_t size)
{
    return "bytes " + std::to_string(r.first) + "-" + std::to_string(r.last) + "/" + std::to_string(size);
}

// Starts the answer for `size` bytes and returns [offset, end) to send.
std::pair<std::uint64_t, std::uint64_t> startAnswer(Responder& responder, std::uint64_t size,
                                                    const std::optional<std::string>& rangeHeader,
                                                    HeaderList headers, int& status)
{
    ByteRange range;
    const auto parsed = rangeHeader ? parseRange(*rangeHeader, size, range) : RangeParse::None;
    headers.emplace_back("accept-ranges", "bytes");
    if (parsed == RangeParse::Unsatisfiable) {
        status = 416;
        HttpResponse r;
        r.status = 416;
        r.headers = std::move(headers);
        r.set("content-range", "bytes */" + std::to_string(size));
        responder.respond(std::move(r));
        return {0, 0};
    }
    if (parsed == RangeParse::Valid) {
        status = 206;
        headers.emplace_back("content-range", contentRange(range, size));
        responder.startStream(206, std::move(headers), range.last - range.first + 1);
        return {range.first, range.last + 1};
    }
    status = 200;
    responder.startStream(200, std::move(headers), size);
    return {0, size};
}

class FilePump : public std::enable_shared_from_this<FilePump>
{
public:
    std::shared_ptr<Responder> responder;
    std::shared_ptr<FileHandle> fd;
    std::uint64_t offset = 0, end = 0;
    StreamOutcome outcome;
    StreamDone done;

    void step()
    {
        if (offset >= end || responder->isHead()) {
            responder->finish();
            outcome.complete = true;
            return done(outcome);
        }
        const std::uint64_t n = std::min(end - offset, kSendSlice);
        responder->sendFile(fd->get(), offset, n, [self = shared_from_this(), n](bool ok) {
            if (!ok) {
                // Count what reached the client before it went away.
                self->outcome.bytes = self->responder->bodyBytesSent();
                return self->done(self->outcome);
            }
            self->offset += n;
            self->outcome.bytes += n;
            self->step();
        });
    }
};

class TransferPump : public std::enable_shared_from_this<TransferPump>
{
public:
    std::shared_ptr<Responder> responder;
    std::shared_ptr<BlobTransfer> transfer;
    std::optional<std::string> rangeHeader;
    HeaderList headers;
    bool started = false;
    bool chunked = false;
    std::uint64_t offset = 0, end = 0;
    StreamOutcome outcome;
    StreamDone done;

    void step()
    {
        const auto version = transfer->version();
        const auto s = transfer->snapshot();
        if (s.state == BlobTransfer::State::Failed) {
            outcome.error = s.error;
            if (started)
                responder->abort();
            return done(outcome);
        }
        if (s.state == BlobTransfer::State::Connecting)
            return wait(version);
        if (!started) {
            started = true;
            if (s.total) {
                std::tie(offset, end) = startAnswer(*responder, *s.total, rangeHeader, headers, outcome.status);
                if (outcome.status == 416) {
                    outcome.complete = true;
                    return done(outcome);
                }
            } else {
                // Upstream did not say how long: stream chunked, whole blob.
                chunked = true;
                outcome.status = 200;
                responder->startStream(200, headers, std::nullopt);
            }
            if (responder->isHead()) {
                responder->finish();
                outcome.complete = true;
                return done(outcome);
            }
        }
        const bool verified = s.state == BlobTransfer::State::Verified;
        const std::uint64_t target = chunked ? s.written : end;
        // Until verification the final byte of this answer stays here.
        const std::uint64_t limit = verified ? std::min(s.written, target)
                                             : std::min(s.releasable(), target > 0 ? target - 1 : 0);
        if (offset < limit) {
            const std::uint64_t n = std::min(limit - offset, kSendSlice);
            responder->sendFile(s.fd, offset, n, [self = shared_from_this(), n](bool ok) {
                if (!ok) {
                    // Count what reached the client before it went away.
                    self->outcome.bytes = self->responder->bodyBytesSent();
                    return self->done(self->outcome);
                }
                self->offset += n;
                self->outcome.bytes += n;
                self->step();
            });
            return;
        }
        if (verified && offset >= target) {
            responder->finish();
            outcome.complete = true;
            return done(outcome);
        }
        wait(version);
    }

    void wait(std::uint64_t version)
    {
        transfer->waitForChange(version, [self = shared_from_this()] { self->step(); });
    }
};

} // namespace

RangeParse parseRange(std::string_view header, std::uint64_t size, ByteRange& out)
{
    if (!header.starts_with("bytes="))
        return RangeParse::None;
    const std::string_view spec = header.substr(6);
    if (spec.find(',') != std::string_view::npos)
        return RangeParse::None;
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos)
        return RangeParse::None;
    const std::string_view a = spec.substr(0, dash), b = spec.substr(dash + 1);
    std::uint64_t first = 0, last = 0;
    if (a.empty()) { // suffix: the last n bytes
        if (!parseNumber(b, last))
            return RangeParse::None;
        if (last == 0 || size == 0)
            return RangeParse::Unsatisfiable;
        out = {size > last ? size - last : 0, size - 1};
        return RangeParse::Valid;
    }
    if (!parseNumber(a, first))
        return RangeParse::None;
    if (b.empty())
        last = size > 0 ? size - 1 : 0;
    else if (!parseNumber(b, last) || last < first)
        return RangeParse::None;
    if (first >= size)
        return RangeParse::Unsatisfiable;
    out = {first, std::min(last, size - 1)};
    return RangeParse::Valid;
}

void streamFile(std::shared_ptr<Responder> responder, std::shared_ptr<FileHandle> fd, std::uint64_t size,
                std::optional<std::string> rangeHeader, HeaderList headers, StreamDone done)
{
    auto pump = std::make_shared<FilePump>();
    pump->responder = responder;
    pump->fd = std::move(fd);
    pump->done = std::move(done);
    std::tie(pump->offset, pump->end) = startAnswer(*responder, size, rangeHeader, std::move(headers),
                                                    pump->outcome.status);
    if (pump->outcome.status == 416) {
        pump->outcome.complete = true;
        return pump->done(pump->outcome);
    }
    pump->step();
}

void streamTransfer(std::shared_ptr<Responder> responder, std::shared_ptr<BlobTransfer> transfer,
                    std::optional<std::string> rangeHeader, HeaderList headers, StreamDone done)
{
    auto pump = std::make_shared<TransferPump>();
    pump->responder = std::move(responder);
    pump->transfer = std::move(transfer);
    pump->rangeHeader = std::move(rangeHeader);
    pump->headers = std::move(headers);
    pump->done = std::move(done);
    pump->step();
}

} // namespace nsgate::proxy
