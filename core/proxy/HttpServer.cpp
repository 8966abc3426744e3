// The only translation unit of the proxy that includes Boost.Beast.

#include "core/proxy/HttpServer.h"

#include "core/proxy/IoRuntimeAsio.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <deque>
#include <mutex>
#include <sys/sendfile.h>
#include <unistd.h>
#include <unordered_map>

namespace nsgate::proxy {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// Connections register here so stopAccepting() can close the idle ones.
class ConnectionBase
{
public:
    virtual ~ConnectionBase() = default;
    virtual void closeIfIdle() = 0;
    virtual void closeNow() = 0;
};

} // namespace

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl>
{
    explicit Impl(net::io_context& context) : io(context), acceptor(net::make_strand(context)) {}

    net::io_context& io;
    tcp::acceptor acceptor;
    ServerLimits limits;
    std::optional<ssl::context> tls;
    RequestHandler handler;
    RequestLogger logger;
    std::string host;
    std::uint16_t port = 0;
    std::atomic<bool> accepting{true};
    std::atomic<std::size_t> active{0};

    std::mutex mutex;
    std::unordered_map<ConnectionBase*, std::weak_ptr<ConnectionBase>> connections;

    void accept();
    void track(const std::shared_ptr<ConnectionBase>& c)
    {
        std::lock_guard lock(mutex);
        connections.emplace(c.get(), c);
    }
    void untrack(ConnectionBase* c)
    {
        std::lock_guard lock(mutex);
        connections.erase(c);
    }
    std::vector<std::shared_ptr<ConnectionBase>> live()
    {
        std::vector<std::shared_ptr<ConnectionBase>> result;
        std::lock_guard lock(mutex);
        for (auto& [raw, weak] : connections)
            if (auto c = weak.lock())
                result.push_back(std::move(c));
        return result;
    }
};

namespace {

template<class Stream>
class Connection final : public ConnectionBase, public std::enable_shared_from_this<Connection<Stream>>
{
public:
    static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

    Connection(std::shared_ptr<HttpServer::Impl> server, Stream stream)
        : m_server(std::move(server)), m_stream(std::move(stream)), m_timer(m_stream.get_executor())
    {
        boost::system::error_code ec;
        const auto remote = lowest().socket().remote_endpoint(ec);
        if (!ec)
            m_remote = remote.address().to_string();
        ++m_server->active;
    }

    ~Connection() override
    {
        --m_server->active;
        m_server->untrack(this);
    }

    void start()
    {
        m_server->track(this->shared_from_this());
        net::dispatch(m_stream.get_executor(), [self = this->shared_from_this()] {
            if constexpr (kTls) {
                self->lowest().expires_after(self->m_server->limits.headerTimeout);
                self->m_stream.async_handshake(ssl::stream_base::server,
                                               [self](const boost::system::error_code& ec) {
                                                   if (ec)
                                                       return self->close();
                                                   self->readRequest();
                                               });
            } else {
                self->readRequest();
            }
        });
    }

    void closeIfIdle() override
    {
        net::post(m_stream.get_executor(), [self = this->shared_from_this()] {
            if (self->m_idle)
                self->close();
        });
    }

    void closeNow() override
    {
        net::post(m_stream.get_executor(), [self = this->shared_from_this()] { self->close(); });
    }

    // --- Responder operations; always run on the connection's strand. ---

    bool isHead() const { return m_head; }

    void respond(HttpResponse response)
    {
        enqueue([this, response = std::move(response)]() mutable {
            m_status = response.status;
            if (m_head) {
                auto res = std::make_shared<http::response<http::empty_body>>(
                    static_cast<http::status>(response.status), 11);
                bool hasLength = false;
                for (auto& [k, v] : response.headers) {
                    hasLength = hasLength || k == "content-length";
                    res->set(k, v);
                }
                if (!hasLength)
                    res->content_length(response.body.size());
                res->keep_alive(m_keepAlive);
                writeMessage(res, [this] { completeResponse(); });
            } else {
                auto res = std::make_shared<http::response<http::string_body>>(
                    static_cast<http::status>(response.status), 11);
                for (auto& [k, v] : response.headers)
                    if (k != "content-length")
                        res->set(k, v);
                m_bytes = response.body.size();
                res->body() = std::move(response.body);
                res->prepare_payload();
                res->keep_alive(m_keepAlive);
                writeMessage(res, [this] { completeResponse(); });
            }
        });
    }

    void startStream(int status, HeaderList headers, std::optional<std::uint64_t> length)
    {
        enqueue([this, status, headers = std::move(headers), length] {
            m_status = status;
            auto res = std::make_shared<http::response<http::empty_body>>(static_cast<http::status>(status), 11);
            for (auto& [k, v] : headers)
                if (k != "content-length" && k != "transfer-encoding")
                    res->set(k, v);
            if (length)
                res->content_length(*length);
            else if (!m_head)
                res->chunked(true);
            m_chunked = !length && !m_head;
            m_expected = length;
            res->keep_alive(m_keepAlive);
            auto sr = std::make_shared<http::response_serializer<http::empty_body>>(*res);
            armWriteTimer();
            http::async_write_header(m_stream, *sr,
                                     [this, self = this->shared_from_this(), res, sr](
                                         const boost::system::error_code& ec, std::size_t) {
                                         m_timer.cancel();
                                         if (ec)
                                             return fail();
                                         opDone();
                                     });
        });
    }

    void write(std::string chunk, std::function<void(bool)> onWritten)
    {
        enqueue([this, chunk = std::make_shared<std::string>(std::move(chunk)),
                 onWritten = std::move(onWritten)]() mutable {
            if (m_head || chunk->empty()) {
                opDone();
                return onWritten(!m_broken);
            }
            auto done = [this, self = this->shared_from_this(), chunk,
                         onWritten = std::move(onWritten)](const boost::system::error_code& ec, std::size_t) {
                m_timer.cancel();
                if (ec) {
                    fail();
                    return onWritten(false);
                }
                m_bytes += chunk->size();
                opDone();
                onWritten(true);
            };
            armWriteTimer();
            if (m_chunked)
                net::async_write(m_stream, http::make_chunk(net::buffer(*chunk)), std::move(done));
            else
                net::async_write(m_stream, net::buffer(*chunk), std::move(done));
        });
    }

    void sendFile(int fd, std::uint64_t offset, std::uint64_t length, std::function<void(bool)> done)
    {
        enqueue([this, fd, offset, length, done = std::move(done)]() mutable {
            if (m_head || length == 0) {
                opDone();
                return done(!m_broken);
            }
            if constexpr (kTls) {
                copyFile(fd, offset, length, std::move(done));
            } else {
                if (m_chunked)
                    copyFile(fd, offset, length, std::move(done));
                else
                    sendFileLoop(fd, static_cast<off_t>(offset), length, std::move(done));
            }
        });
    }

    void finish()
    {
        enqueue([this] {
            if (m_expected && !m_head && m_bytes != *m_expected) {
                // A body shorter than announced cannot be followed by another response.
                m_keepAlive = false;
                return fail();
            }
            if (m_chunked) {
                armWriteTimer();
                net::async_write(m_stream, http::make_chunk_last(),
                                 [this, self = this->shared_from_this()](const boost::system::error_code& ec,
                                                                         std::size_t) {
                                     m_timer.cancel();
                                     if (ec)
                                         return fail();
                                     completeResponse();
                                 });
            } else {
                completeResponse();
            }
        });
    }

    void abort()
    {
        net::post(m_stream.get_executor(), [self = this->shared_from_this()] {
            self->m_keepAlive = false;
            self->fail();
        });
    }

private:
    beast::tcp_stream& lowest() { return beast::get_lowest_layer(m_stream); }

    void enqueue(std::function<void()> op)
    {
        net::post(m_stream.get_executor(), [self = this->shared_from_this(), op = std::move(op)]() mutable {
            if (self->m_broken && !self->m_inResponse)
                return;
            self->m_ops.push_back(std::move(op));
            if (!self->m_busy)
                self->runNext();
        });
    }

    void runNext()
    {
        if (m_ops.empty()) {
            m_busy = false;
            return;
        }
        m_busy = true;
        auto op = std::move(m_ops.front());
        m_ops.pop_front();
        op();
    }

    void opDone() { runNext(); }

    void armWriteTimer()
    {
        m_timer.expires_after(m_server->limits.writeTimeout);
        m_timer.async_wait([self = this->shared_from_this()](const boost::system::error_code& ec) {
            if (!ec) // a client that stopped reading
                self->close();
        });
    }

    template<class Message>
    void writeMessage(std::shared_ptr<Message> message, std::function<void()> then)
    {
        armWriteTimer();
        http::async_write(m_stream, *message,
                          [this, self = this->shared_from_this(), message, then = std::move(then)](
                              const boost::system::error_code& ec, std::size_t) {
                              m_timer.cancel();
                              if (ec)
                                  return fail();
                              then();
                          });
    }

    // sendfile(2) straight from the page cache to the socket; on a full socket
    // buffer wait for writability instead of blocking a loop thread.
    void sendFileLoop(int fd, off_t offset, std::uint64_t left, std::function<void(bool)> done)
    {
        auto& socket = lowest().socket();
        boost::system::error_code ec;
        socket.native_non_blocking(true, ec);
        while (left > 0) {
            const auto chunk = static_cast<std::size_t>(std::min<std::uint64_t>(left, 1u << 20));
            const ssize_t n = ::sendfile(socket.native_handle(), fd, &offset, chunk);
            if (n > 0) {
                left -= static_cast<std::uint64_t>(n);
                m_bytes += static_cast<std::uint64_t>(n);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                armWriteTimer();
                socket.async_wait(tcp::socket::wait_write,
                                  [this, self = this->shared_from_this(), fd, offset, left,
                                   done = std::move(done)](const boost::system::error_code& waitEc) mutable {
                                      m_timer.cancel();
                                      if (waitEc) {
                                          fail();
                                          return done(false);
                                      }
                                      sendFileLoop(fd, offset, left, std::move(done));
                                  });
                return;
            }
            // n == 0: the file is shorter than promised; n < 0: the client is gone.
            fail();
            return done(false);
        }
        opDone();
        done(true);
    }

    // For TLS and chunked bodies: read the file through a bounded buffer.
    void copyFile(int fd, std::uint64_t offset, std::uint64_t left, std::function<void(bool)> done)
    {
        if (left == 0) {
            opDone();
            return done(true);
        }
        auto buffer = std::make_shared<std::string>(
            static_cast<std::size_t>(std::min<std::uint64_t>(left, 256 * 1024)), '\0');
        const ssize_t n = ::pread(fd, buffer->data(), buffer->size(), static_cast<off_t>(offset));
        if (n <= 0) {
            fail();
            return done(false);
        }
        buffer->resize(static_cast<std::size_t>(n));
        auto next = [this, self = this->shared_from_this(), buffer, fd, offset, left, done = std::move(done)](
                        const boost::system::error_code& ec, std::size_t) mutable {
            m_timer.cancel();
            if (ec) {
                fail();
                return done(false);
            }
            m_bytes += buffer->size();
            copyFile(fd, offset + buffer->size(), left - buffer->size(), std::move(done));
        };
        armWriteTimer();
        if (m_chunked)
            net::async_write(m_stream, http::make_chunk(net::buffer(*buffer)), std::move(next));
        else
            net::async_write(m_stream, net::buffer(*buffer), std::move(next));
    }

    void readRequest()
    {
        if (!m_server->accepting) {
            return close();
        }
        m_idle = true;
        if (m_buffer.size() > 0) // a pipelined request is already here
            return readHeader();
        lowest().expires_after(m_server->limits.idleTimeout);
        m_stream.async_read_some(m_buffer.prepare(4096), [self = this->shared_from_this()](
                                                             const boost::system::error_code& ec, std::size_t n) {
            if (ec)
                return self->close();
            self->m_buffer.commit(n);
            self->readHeader();
        });
    }

    void readHeader()
    {
        m_idle = false;
        m_parser.emplace();
        m_parser->header_limit(static_cast<std::uint32_t>(m_server->limits.maxHeaderBytes));
        m_parser->body_limit(m_server->limits.maxBodyBytes);
        // A slow-header client gets this long from its first byte.
        lowest().expires_after(m_server->limits.headerTimeout);
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                                    self->onHeader(ec);
                                });
    }

    void onHeader(const boost::system::error_code& ec)
    {
        if (ec == http::error::header_limit)
            return refuse(431, "request header fields too large");
        // The parser checks a declared Content-Length against the body limit with the header.
        if (ec == http::error::body_limit)
            return refuse(413, "request body too large");
        if (ec == beast::error::timeout || ec == net::error::eof || ec == net::error::connection_reset)
            return close();
        if (ec)
            return refuse(400, "malformed request");
        const auto& req = m_parser->get();
        if (req.target().size() + req.method_string().size() + 10 > m_server->limits.maxRequestLine)
            return refuse(414, "request line too long");
        const auto length = m_parser->content_length();
        const bool hasBody = (length && *length > 0) || m_parser->chunked();
        if (hasBody && (m_server->limits.maxBodyBytes == 0 || (length && *length > m_server->limits.maxBodyBytes)))
            return refuse(413, "request body too large");
        if (!hasBody)
            return dispatch();
        lowest().expires_after(m_server->limits.idleTimeout);
        http::async_read(m_stream, m_buffer, *m_parser,
                         [self = this->shared_from_this()](const boost::system::error_code& readEc, std::size_t) {
                             if (readEc == http::error::body_limit)
                                 return self->refuse(413, "request body too large");
                             if (readEc)
                                 return self->close();
                             self->dispatch();
                         });
    }

    // Answers a request we will not hand to the handler, then closes.
    void refuse(int status, std::string_view why)
    {
        m_keepAlive = false;
        m_head = false;
        m_inResponse = true;
        m_started = Clock::now();
        m_method = m_parser && m_parser->is_header_done() ? std::string(m_parser->get().method_string()) : "-";
        m_target = "-";
        HttpResponse response;
        if (m_server->limits.refusal) {
            response = m_server->limits.refusal(status, why);
        } else {
            response.set("content-type", "text/plain; charset=utf-8");
            response.body = std::string(why) + "\n";
        }
        response.status = status;
        respond(std::move(response));
    }

    void dispatch();

    void completeResponse()
    {
        m_inResponse = false;
        if (m_server->logger) {
            const auto ms = std::chrono::duration<double, std::milli>(Clock::now() - m_started).count();
            m_server->logger(RequestLogEntry{m_method, m_target, m_remote, m_status, m_bytes, ms});
        }
        opDone();
        if (m_keepAlive && !m_broken)
            readRequest();
        else
            shutdownGracefully();
    }

    void fail()
    {
        m_broken = true;
        m_ops.clear();
        m_busy = false;
        close();
    }

    void shutdownGracefully()
    {
        boost::system::error_code ec;
        lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
        // Let the client read what was sent; the idle timeout closes the rest.
        lowest().expires_after(std::chrono::seconds(5));
        auto sink = std::make_shared<std::array<char, 512>>();
        drain(sink);
    }

    void drain(std::shared_ptr<std::array<char, 512>> sink)
    {
        lowest().socket().async_read_some(net::buffer(*sink), [self = this->shared_from_this(), sink](
                                                                  const boost::system::error_code& ec, std::size_t) {
            if (ec)
                return self->close();
            self->drain(sink);
        });
    }

    void close()
    {
        m_broken = true;
        m_timer.cancel();
        boost::system::error_code ec;
        lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
        lowest().close();
    }

    friend class ResponderImpl;

    std::shared_ptr<HttpServer::Impl> m_server;
    Stream m_stream;
    net::steady_timer m_timer;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    std::deque<std::function<void()>> m_ops;
    bool m_busy = false;
    bool m_idle = false;
    bool m_broken = false;
    bool m_inResponse = false;
    bool m_keepAlive = false;
    bool m_head = false;
    bool m_chunked = false;
    std::optional<std::uint64_t> m_expected;
    std::string m_remote;
    std::string m_method;
    std::string m_target;
    int m_status = 0;
    std::atomic<std::uint64_t> m_bytes = 0;
    Clock::time_point m_started;

public:
    // The Responder of the current request; kept here so its lifetime ends the
    // response (500 or abort) if the handler forgets it.
    class ResponderImpl final : public Responder
    {
    public:
        explicit ResponderImpl(std::shared_ptr<Connection> c) : m_c(std::move(c)), m_head(m_c->m_head) {}
        ~ResponderImpl() override
        {
            const int state = m_state.load();
            if (state == kNone) {
                HttpResponse r;
                r.status = 500;
                r.set("content-type", "text/plain; charset=utf-8");
                r.body = "internal error: no response\n";
                m_c->respond(std::move(r));
            } else if (state == kStreaming) {
                m_c->abort();
            }
        }
        bool isHead() const override { return m_head; }
        void respond(HttpResponse response) override
        {
            if (transition(kNone, kDone))
                m_c->respond(std::move(response));
        }
        void startStream(int status, HeaderList headers, std::optional<std::uint64_t> length) override
        {
            if (transition(kNone, kStreaming))
                m_c->startStream(status, std::move(headers), length);
        }
        void write(std::string chunk, std::function<void(bool)> onWritten) override
        {
            if (m_state.load() == kStreaming)
                m_c->write(std::move(chunk), std::move(onWritten));
            else
                onWritten(false);
        }
        void sendFile(int fd, std::uint64_t offset, std::uint64_t length, std::function<void(bool)> done) override
        {
            if (m_state.load() == kStreaming)
                m_c->sendFile(fd, offset, length, std::move(done));
            else
                done(false);
        }
        std::uint64_t bodyBytesSent() const override { return m_c->m_bytes.load(); }
        void finish() override
        {
            if (transition(kStreaming, kDone))
                m_c->finish();
        }
        void abort() override
        {
            if (m_state.exchange(kDone) != kDone)
                m_c->abort();
        }

    private:
        static constexpr int kNone = 0, kStreaming = 1, kDone = 2;
        bool transition(int from, int to) { return m_state.compare_exchange_strong(from, to); }
        std::shared_ptr<Connection> m_c;
        bool m_head;
        std::atomic<int> m_state{kNone};
    };
};

template<class Stream>
void Connection<Stream>::dispatch()
{
    auto message = m_parser->release();
    m_keepAlive = message.keep_alive();
    m_head = message.method() == http::verb::head;
    m_inResponse = true;
    m_started = Clock::now();
    m_bytes = 0;
    m_status = 0;
    m_chunked = false;
    m_expected.reset();

    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    splitTarget(request.target, request.path, request.query);
    request.headers.reserve(16);
    for (const auto& field : message) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(message.body());
    request.remoteAddress = m_remote;
    m_method = request.method;
    m_target = request.target;

    auto responder = std::make_shared<ResponderImpl>(this->shared_from_this());
    m_server->handler(std::move(request), std::move(responder));
}

} // namespace

void HttpServer::Impl::accept()
{
    acceptor.async_accept(net::make_strand(io), [self = shared_from_this()](const boost::system::error_code& ec,
                                                                            tcp::socket socket) {
        if (!self->accepting)
            return;
        if (!ec) {
            boost::system::error_code ignored;
            socket.set_option(tcp::no_delay(true), ignored);
            if (self->tls) {
                using TlsStream = beast::ssl_stream<beast::tcp_stream>;
                std::make_shared<Connection<TlsStream>>(self, TlsStream(beast::tcp_stream(std::move(socket)), *self->tls))
                    ->start();
            } else {
                std::make_shared<Connection<beast::tcp_stream>>(self, beast::tcp_stream(std::move(socket)))->start();
            }
        }
        self->accept();
    });
}

Result<std::unique_ptr<HttpServer>> HttpServer::listen(IoRuntime& runtime, const std::string& address,
                                                       const ServerLimits& limits, std::optional<TlsFiles> tlsFiles,
                                                       RequestHandler handler, RequestLogger logger)
{
    auto bad = [&](std::string why) {
        return makeError("listen.invalid", "listen address \"" + address + "\": " + std::move(why));
    };
    std::string host, port;
    if (!address.empty() && address.front() == '[') {
        const auto close = address.find("]:");
        if (close == std::string::npos)
            return bad("expected [IPv6]:PORT");
        host = address.substr(1, close - 1);
        port = address.substr(close + 2);
    } else {
        const auto colon = address.rfind(':');
        if (colon == std::string::npos)
            return bad("expected HOST:PORT");
        host = address.substr(0, colon);
        port = address.substr(colon + 1);
    }
    boost::system::error_code ec;
    const auto ip = net::ip::make_address(host, ec);
    if (ec)
        return bad("\"" + host + "\" is not an IP address");
    unsigned long portNumber = 0;
    try {
        portNumber = std::stoul(port);
    } catch (...) {
        return bad("\"" + port + "\" is not a port");
    }
    if (portNumber > 65535)
        return bad("\"" + port + "\" is not a port");

    auto impl = std::make_shared<Impl>(runtime.impl().io);
    impl->limits = limits;
    impl->handler = std::move(handler);
    impl->logger = std::move(logger);
    if (tlsFiles) {
        impl->tls.emplace(ssl::context::tls_server);
        impl->tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                               ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        impl->tls->use_certificate_chain_file(tlsFiles->certificateChain, ec);
        if (ec)
            return bad("cannot load certificate \"" + tlsFiles->certificateChain + "\": " + ec.message());
        impl->tls->use_private_key_file(tlsFiles->privateKey, ssl::context::pem, ec);
        if (ec)
            return bad("cannot load private key \"" + tlsFiles->privateKey + "\": " + ec.message());
    }
    const tcp::endpoint endpoint(ip, static_cast<std::uint16_t>(portNumber));
    impl->acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        impl->acceptor.bind(endpoint, ec);
    if (!ec)
        impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return bad(ec.message());
    impl->port = impl->acceptor.local_endpoint().port();
    impl->host = ip.is_v6() ? "[" + ip.to_string() + "]" : ip.to_string();
    impl->accept();
    return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::shared_ptr<Impl> impl) : m_impl(std::move(impl)) {}

HttpServer::~HttpServer()
{
    stopAccepting();
}

std::string HttpServer::url() const
{
    return std::string(m_impl->tls ? "https://" : "http://") + m_impl->host + ":" + std::to_string(m_impl->port);
}

std::uint16_t HttpServer::port() const
{
    return m_impl->port;
}

std::size_t HttpServer::activeConnections() const
{
    return m_impl->active.load();
}

void HttpServer::stopAccepting()
{
    if (!m_impl->accepting.exchange(false))
        return;
    net::post(m_impl->acceptor.get_executor(), [impl = m_impl] {
        boost::system::error_code ec;
        impl->acceptor.close(ec);
    });
    for (auto& c : m_impl->live())
        c->closeIfIdle();
}

void HttpServer::closeAll()
{
    stopAccepting();
    for (auto& c : m_impl->live())
        c->closeNow();
}

} // namespace nsgate::proxy
