// The HTTP server under the proxy, driven over real sockets on 127.0.0.1:
// complete and streamed answers, HEAD, sendfile, keep-alive, and the input
// limits and timeouts of the contract.

#include "core/proxy/HttpServer.h"
#include "core/proxy/IoRuntime.h"

#include <QTemporaryFile>
#include <QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

using namespace nsgate::proxy;
using namespace std::chrono_literals;

namespace {

// A blocking client with a deadline on every read, so a failing server shows
// up as a failed check instead of a hang.
class Client
{
public:
    explicit Client(std::uint16_t port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
            qFatal("connect failed");
    }
    ~Client() { ::close(m_fd); }

    void send(const std::string& data)
    {
        std::size_t off = 0;
        while (off < data.size()) {
            const ssize_t n = ::send(m_fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
            if (n <= 0)
                return;
            off += static_cast<std::size_t>(n);
        }
    }

    // Reads until `done(received)` or EOF or the deadline; returns what arrived.
    std::string readUntil(const std::function<bool(const std::string&)>& done, std::chrono::milliseconds limit = 5s)
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done(m_buffer)) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                break;
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
                break;
            char buf[65536];
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0) {
                m_eof = true;
                break;
            }
            m_buffer.append(buf, static_cast<std::size_t>(n));
        }
        return m_buffer;
    }

    // One complete response with a Content-Length or chunked body.
    std::string readResponse(bool head = false)
    {
        readUntil([&](const std::string& b) { return complete(b, head) != std::string::npos; });
        const auto end = complete(m_buffer, head);
        if (end == std::string::npos)
            return std::exchange(m_buffer, {});
        std::string one = m_buffer.substr(0, end);
        m_buffer.erase(0, end);
        return one;
    }

    bool waitForEof(std::chrono::milliseconds limit = 5s)
    {
        readUntil([&](const std::string&) { return m_eof; }, limit);
        return m_eof;
    }

private:
    static std::size_t complete(const std::string& b, bool head)
    {
        const auto headerEnd = b.find("\r\n\r\n");
        if (headerEnd == std::string::npos)
            return std::string::npos;
        const std::string header = b.substr(0, headerEnd);
        if (head)
            return headerEnd + 4;
        const auto cl = header.find("Content-Length: ");
        if (cl != std::string::npos) {
            const std::size_t length = std::stoul(header.substr(cl + 16));
            return b.size() >= headerEnd + 4 + length ? headerEnd + 4 + length : std::string::npos;
        }
        const auto last = b.find("\r\n0\r\n\r\n", headerEnd);
        return last == std::string::npos ? std::string::npos : last + 7;
    }

    int m_fd = -1;
    std::string m_buffer;
    bool m_eof = false;
};

std::string bodyOf(const std::string& response)
{
    const auto end = response.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : response.substr(end + 4);
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

    std::unique_ptr<IoRuntime> m_runtime;
    std::thread m_loop;
    std::unique_ptr<HttpServer> m_server;
    RequestHandler m_handler;
    std::vector<RequestLogEntry> m_log;
    std::mutex m_logMutex;

    void startServer(ServerLimits limits = {})
    {
        m_runtime = std::make_unique<IoRuntime>(2);
        auto server = HttpServer::listen(
            *m_runtime, "127.0.0.1:0", limits, std::nullopt,
            [this](HttpRequest request, std::shared_ptr<Responder> responder) {
                m_handler(std::move(request), std::move(responder));
            },
            [this](const RequestLogEntry& e) {
                std::lock_guard lock(m_logMutex);
                m_log.push_back(e);
            });
        QVERIFY(server.ok());
        m_server = std::move(server).value();
        m_loop = std::thread([this] { m_runtime->run(); });
    }

private slots:
    void cleanup()
    {
        m_server.reset();
        if (m_runtime)
            m_runtime->stop();
        if (m_loop.joinable())
            m_loop.join();
        m_runtime.reset();
        m_log.clear();
    }

    void completeResponsesAndKeepAlive()
    {
        m_handler = [](HttpRequest req, std::shared_ptr<Responder> r) {
            HttpResponse res;
            res.set("Content-Type", "text/plain");
            res.body = req.method + " " + req.path + " q=" + req.query + " ns=" +
                       std::string(req.queryParam("ns").value_or("-")) + " ua=" +
                       std::string(req.header("User-Agent").value_or("-"));
            r->respond(std::move(res));
        };
        startServer();
        QVERIFY(m_server->url().starts_with("http://127.0.0.1:"));
        Client c(m_server->port());
        c.send("GET /v2/a/manifests/1?ns=docker.io&x=1 HTTP/1.1\r\nHost: p\r\nUser-Agent: t/1\r\n\r\n");
        const auto first = c.readResponse();
        QVERIFY(first.starts_with("HTTP/1.1 200"));
        QCOMPARE(bodyOf(first), std::string("GET /v2/a/manifests/1 q=ns=docker.io&x=1 ns=docker.io ua=t/1"));
        c.send("GET /second HTTP/1.1\r\nHost: p\r\n\r\n");
        QCOMPARE(bodyOf(c.readResponse()), std::string("GET /second q= ns=- ua=-"));
        QTRY_COMPARE(m_log.size(), std::size_t(2));
        QCOMPARE(m_log[0].status, 200);
        QCOMPARE(m_log[0].remoteAddress, std::string("127.0.0.1"));
    }

    void headHasLengthButNoBody()
    {
        m_handler = [](HttpRequest, std::shared_ptr<Responder> r) {
            HttpResponse res;
            res.body = std::string(1234, 'x');
            r->respond(std::move(res));
        };
        startServer();
        Client c(m_server->port());
        c.send("HEAD /x HTTP/1.1\r\nHost: p\r\n\r\nGET /x HTTP/1.1\r\nHost: p\r\n\r\n");
        const auto head = c.readResponse(true);
        QVERIFY(head.find("Content-Length: 1234") != std::string::npos);
        QVERIFY(bodyOf(head).empty());
        // The pipelined GET proves no body bytes followed the HEAD answer.
        const auto get = c.readResponse();
        QVERIFY(get.starts_with("HTTP/1.1 200"));
        QCOMPARE(bodyOf(get).size(), std::size_t(1234));
    }

    void streamingWithBackPressure_data()
    {
        QTest::addColumn<bool>("knownLength");
        QTest::newRow("content-length") << true;
        QTest::newRow("chunked") << false;
    }

    void streamingWithBackPressure()
    {
        QFETCH(bool, knownLength);
        const int chunks = 64;
        const std::string piece(64 * 1024, 'z');
        m_handler = [&](HttpRequest, std::shared_ptr<Responder> r) {
            r->startStream(200, {{"content-type", "application/octet-stream"}},
                           knownLength ? std::optional<std::uint64_t>(chunks * piece.size()) : std::nullopt);
            auto sendNext = std::make_shared<std::function<void(int)>>();
            *sendNext = [r, sendNext, &piece, chunks](int i) {
                if (i == chunks) {
                    r->finish();
                    *sendNext = nullptr; // break the cycle
                    return;
                }
                r->write(piece, [sendNext, i](bool ok) {
                    if (ok && *sendNext)
                        (*sendNext)(i + 1);
                });
            };
            (*sendNext)(0);
        };
        startServer();
        Client c(m_server->port());
        c.send("GET /blob HTTP/1.1\r\nHost: p\r\n\r\n");
        const auto res = c.readResponse();
        QVERIFY(res.starts_with("HTTP/1.1 200"));
        if (knownLength) {
            QCOMPARE(bodyOf(res).size(), chunks * piece.size());
        } else {
            QVERIFY(res.find("Transfer-Encoding: chunked") != std::string::npos);
            QVERIFY(bodyOf(res).size() > chunks * piece.size());
        }
        QTRY_COMPARE(m_log.size(), std::size_t(1));
        QCOMPARE(m_log[0].bytes, std::uint64_t(chunks * piece.size()));
    }

    void sendFileServesAFileRange()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        std::string content;
        for (int i = 0; i < 300000; ++i)
            content += static_cast<char>('a' + i % 26);
        file.write(content.data(), static_cast<qint64>(content.size()));
        file.flush();
        const int fd = ::open(file.fileName().toLocal8Bit().constData(), O_RDONLY);
        m_handler = [fd](HttpRequest, std::shared_ptr<Responder> r) {
            r->startStream(206, {}, 250000);
            r->sendFile(fd, 1000, 250000, [r](bool ok) {
                if (ok)
                    r->finish();
            });
        };
        startServer();
        Client c(m_server->port());
        c.send("GET /f HTTP/1.1\r\nHost: p\r\n\r\n");
        const auto res = c.readResponse();
        QVERIFY(res.starts_with("HTTP/1.1 206"));
        QVERIFY(bodyOf(res) == content.substr(1000, 250000));
        ::close(fd);
    }

    void droppedResponderAnswers500()
    {
        m_handler = [](HttpRequest, std::shared_ptr<Responder>) {};
        startServer();
        Client c(m_server->port());
        c.send("GET / HTTP/1.1\r\nHost: p\r\n\r\n");
        QVERIFY(c.readResponse().starts_with("HTTP/1.1 500"));
    }

    void abortTruncatesTheBody()
    {
        m_handler = [](HttpRequest, std::shared_ptr<Responder> r) {
            r->startStream(200, {}, 1000);
            r->write(std::string(10, 'a'), [r](bool) { r->abort(); });
        };
        startServer();
        Client c(m_server->port());
        c.send("GET / HTTP/1.1\r\nHost: p\r\n\r\n");
        QVERIFY(c.waitForEof());
        const auto got = c.readUntil([](const std::string&) { return true; });
        QVERIFY(got.starts_with("HTTP/1.1 200"));
        QCOMPARE(bodyOf(got), std::string(10, 'a'));
    }

    void limits_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("request line over 8 KiB")
            << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: p\r\n\r\n") << QByteArray("414");
        QTest::newRow("headers over 64 KiB")
            << QByteArray("GET / HTTP/1.1\r\nHost: p\r\nX-Big: " + QByteArray(70000, 'b') + "\r\n\r\n")
            << QByteArray("431");
        QTest::newRow("body on a listener without bodies")
            << QByteArray("GET / HTTP/1.1\r\nHost: p\r\nContent-Length: 5\r\n\r\nhello") << QByteArray("413");
        QTest::newRow("chunked body refused")
            << QByteArray("POST / HTTP/1.1\r\nHost: p\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
            << QByteArray("413");
        QTest::newRow("garbage") << QByteArray("\x01\x02 nonsense\r\n\r\n") << QByteArray("400");
    }

    void limits()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        bool called = false;
        m_handler = [&called](HttpRequest, std::shared_ptr<Responder> r) {
            called = true;
            r->respond({});
        };
        startServer();
        Client c(m_server->port());
        c.send(request.toStdString());
        const auto res = c.readResponse();
        QVERIFY2(res.starts_with("HTTP/1.1 " + status.toStdString()), res.substr(0, 40).c_str());
        QVERIFY(c.waitForEof());
        QVERIFY(!called);
    }

    void refusalsUseTheListenersFormat()
    {
        bool called = false;
        m_handler = [&called](HttpRequest, std::shared_ptr<Responder> r) {
            called = true;
            r->respond({});
        };
        ServerLimits limits;
        limits.refusal = [](int status, std::string_view why) {
            HttpResponse r;
            r.set("content-type", "application/problem+json");
            r.body = "{\"status\":" + std::to_string(status) + ",\"detail\":\"" + std::string(why) + "\"}";
            return r;
        };
        startServer(limits);
        Client c(m_server->port());
        c.send("GET / HTTP/1.1\r\nHost: p\r\nContent-Length: 5\r\n\r\nhello");
        const auto res = c.readResponse();
        QVERIFY(res.starts_with("HTTP/1.1 413"));
        QVERIFY(res.find("application/problem+json") != std::string::npos);
        QCOMPARE(bodyOf(res), std::string("{\"status\":413,\"detail\":\"request body too large\"}"));
        QVERIFY(!called);
    }

    void bodiesUpToTheLimitArrive()
    {
        m_handler = [](HttpRequest req, std::shared_ptr<Responder> r) {
            HttpResponse res;
            res.body = std::to_string(req.body.size());
            r->respond(std::move(res));
        };
        ServerLimits limits;
        limits.maxBodyBytes = 100;
        startServer(limits);
        Client c(m_server->port());
        c.send("PUT / HTTP/1.1\r\nHost: p\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'x'));
        QCOMPARE(bodyOf(c.readResponse()), std::string("100"));
        c.send("PUT / HTTP/1.1\r\nHost: p\r\nContent-Length: 101\r\n\r\n" + std::string(101, 'x'));
        QVERIFY(c.readResponse().starts_with("HTTP/1.1 413"));
    }

    void slowHeadersAndIdleConnectionsAreClosed()
    {
        m_handler = [](HttpRequest, std::shared_ptr<Responder> r) { r->respond({}); };
        ServerLimits limits;
        limits.headerTimeout = 300ms;
        limits.idleTimeout = 300ms;
        startServer(limits);
        Client slow(m_server->port());
        slow.send("GET / HTTP/1.1\r\nHo");
        QVERIFY(slow.waitForEof());
        QVERIFY(slow.readUntil([](const std::string&) { return true; }).empty());
        Client idle(m_server->port());
        QVERIFY(idle.waitForEof());
    }

    void stopAcceptingClosesIdleConnections()
    {
        m_handler = [](HttpRequest, std::shared_ptr<Responder> r) { r->respond({}); };
        startServer();
        Client c(m_server->port());
        c.send("GET / HTTP/1.1\r\nHost: p\r\n\r\n");
        QVERIFY(c.readResponse().starts_with("HTTP/1.1 200"));
        QTRY_COMPARE(m_server->activeConnections(), std::size_t(1));
        m_server->stopAccepting();
        QVERIFY(c.waitForEof());
        QTRY_COMPARE(m_server->activeConnections(), std::size_t(0));
    }

    void badListenAddressesAreErrors()
    {
        IoRuntime runtime(1);
        for (const char* address : {"localhost:80", "127.0.0.1", "127.0.0.1:99999", "[::1]5000", "1.2.3.4.5:1"}) {
            auto server = HttpServer::listen(runtime, address, {}, std::nullopt, {});
            QVERIFY2(!server.ok(), address);
            QVERIFY(server.error().message.find(address) != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
