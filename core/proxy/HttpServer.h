#pragma once

// An HTTP/1.1 server (Boost.Beast inside HttpServer.cpp only) with the input
// limits of the proxy contract: request line ≤ 8 KiB, headers ≤ 64 KiB, a
// bounded body, idle connections closed after 60 s, slow-header clients after
// 10 s. Handlers get a request value and a Responder through which they answer
// at once or stream, with back-pressure, from any thread.

#include "core/model/Result.h"
#include "core/proxy/HttpMessage.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace nsgate::proxy {

class IoRuntime;

struct ServerLimits
{
    std::size_t maxRequestLine = 8 * 1024;
    std::size_t maxHeaderBytes = 64 * 1024;
    std::size_t maxBodyBytes = 0;   // 0: requests with a body are refused (registry listener)
    std::chrono::milliseconds idleTimeout{60'000};
    std::chrono::milliseconds headerTimeout{10'000};
    // A write that makes no progress for this long drops the client.
    std::chrono::milliseconds writeTimeout{60'000};
    // Builds the answer to a request refused before any handler saw it (400,
    // 413, 414, 431), so each listener answers in its own error format.
    // Default: plain text.
    std::function<HttpResponse(int status, std::string_view reason)> refusal;
};

struct TlsFiles
{
    std::string certificateChain;   // PEM file
    std::string privateKey;         // PEM file
};

// One response. Methods may be called from any thread; the connection
// serializes them. A Responder dropped without an answer sends 500.
class Responder
{
public:
    virtual ~Responder() = default;

    virtual bool isHead() const = 0;

    // A complete response; Content-Length comes from the body (for HEAD: from
    // the body, or from a Content-Length header the handler set).
    virtual void respond(HttpResponse response) = 0;

    // Streams a body of `length` bytes (chunked when unknown). For HEAD only
    // the header is sent and finish() must still be called.
    virtual void startStream(int status, HeaderList headers, std::optional<std::uint64_t> length) = 0;
    // `onWritten(ok)` runs when the chunk left the socket (ok) or the client is
    // gone (!ok); send the next chunk only then: that is the back-pressure.
    virtual void write(std::string chunk, std::function<void(bool ok)> onWritten) = 0;
    // Zero-copy body bytes from a file: sendfile(2) on plain sockets. The
    // caller keeps `fd` open until `done` runs.
    virtual void sendFile(int fd, std::uint64_t offset, std::uint64_t length, std::function<void(bool ok)> done) = 0;
    virtual void finish() = 0;
    // Body bytes of this response that reached the socket so far; read it in
    // a completion callback (write/sendFile done) to count a cut transfer.
    virtual std::uint64_t bodyBytesSent() const = 0;
    // Drops the connection mid-body so the client sees a truncated transfer.
    virtual void abort() = 0;
};

using RequestHandler = std::function<void(HttpRequest request, std::shared_ptr<Responder> responder)>;

// One line per finished request, for the log.
struct RequestLogEntry
{
    std::string method;
    std::string path;
    std::string remoteAddress;
    int status = 0;
    std::uint64_t bytes = 0;
    double durationMs = 0;
};
using RequestLogger = std::function<void(const RequestLogEntry&)>;

class HttpServer
{
public:
    // Binds `address` ("127.0.0.1:5000", "[::1]:0") and starts accepting.
    static Result<std::unique_ptr<HttpServer>> listen(IoRuntime& runtime, const std::string& address,
                                                      const ServerLimits& limits, std::optional<TlsFiles> tls,
                                                      RequestHandler handler, RequestLogger logger = {});
    ~HttpServer();

    // "http://127.0.0.1:5000" with the bound port.
    std::string url() const;
    std::uint16_t port() const;
    // Stops accepting and closes idle connections; requests in flight finish.
    void stopAccepting();
    // Closes every connection, busy or not: the end of the shutdown grace.
    // Pending writes complete with an error, so their requests are still logged.
    void closeAll();
    std::size_t activeConnections() const;

    struct Impl;

private:
    explicit HttpServer(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> m_impl;
};

} // namespace nsgate::proxy
