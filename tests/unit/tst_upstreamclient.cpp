// UpstreamClient against real peers on 127.0.0.1: distribution 2.8
// (docker-registry) plain, behind a token realm and with TLS, plus a small
// origin/CDN pair for redirects, Basic challenges and stalls.

#include "core/proxy/UpstreamClient.h"

#include <curl/curl.h>

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

using namespace nsgate;
using namespace nsgate::proxy;
using namespace std::chrono_literals;

namespace {

QString describe(const Error& e)
{
    return QString::fromStdString(e.code + ": " + e.message + " [" + e.detail + "]");
}

quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t length = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
        if (fd >= 0)
            ::close(fd);
        return 0;
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

QByteArray sha256Digest(const QByteArray& data)
{
    return "sha256:" + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// Synchronous libcurl for setting peers up (pushing blobs, reading counters);
// the client under test only does GET and HEAD.
struct SyncResponse
{
    long status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [k, v] : headers)
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
};

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* user)
{
    static_cast<QByteArray*>(user)->append(data, static_cast<qsizetype>(size * count));
    return size * count;
}

std::size_t appendHeader(char* data, std::size_t size, std::size_t count, void* user)
{
    const QByteArray line = QByteArray(data, static_cast<qsizetype>(size * count)).trimmed();
    const auto colon = line.indexOf(':');
    if (colon > 0)
        static_cast<SyncResponse*>(user)->headers.append(
            {line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    return size * count;
}

SyncResponse httpSync(const QByteArray& method, const QByteArray& url, const QByteArray& body = {},
                      const QList<QByteArray>& headers = {}, long timeoutMs = 5000)
{
    SyncResponse response;
    CURL* easy = curl_easy_init();
    curl_slist* list = nullptr;
    for (const auto& h : headers)
        list = curl_slist_append(list, h.constData());
    curl_easy_setopt(easy, CURLOPT_URL, url.constData());
    curl_easy_setopt(easy, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L); // setup only: the TLS registry's readiness probe
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, timeoutMs);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &appendBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, static_cast<void*>(&response.body));
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &appendHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, static_cast<void*>(&response));
    if (method != "GET") {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.constData());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
    if (curl_easy_perform(easy) == CURLE_OK)
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
    curl_slist_free_all(list);
    curl_easy_cleanup(easy);
    return response;
}

// A child process on 127.0.0.1, stopped by its own PID (through QProcess).
class Peer
{
public:
    ~Peer() { stop(); }

    bool start(const QString& program, const QStringList& arguments, const QString& logFile, bool readStdout)
    {
        m_process = std::make_unique<QProcess>();
        if (!readStdout)
            m_process->setStandardOutputFile(logFile);
        m_process->setStandardErrorFile(logFile + ".err");
        // If this test dies before stop() runs, the peer goes with it.
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process->start(program, arguments);
        return m_process->waitForStarted(5000);
    }

    // The first stdout line starting with `prefix`, e.g. "PORT 40123".
    QByteArray readLine(const QByteArray& prefix, int timeoutMs = 15000)
    {
        QByteArray buffer;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (std::chrono::steady_clock::now() < deadline) {
            if (m_process->canReadLine()) {
                const QByteArray line = m_process->readLine().trimmed();
                if (line.startsWith(prefix))
                    return line;
                continue;
            }
            if (m_process->state() != QProcess::Running)
                return {};
            m_process->waitForReadyRead(200);
        }
        return {};
    }

    void stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }

private:
    std::unique_ptr<QProcess> m_process;
};

// Records what a fetch delivered; can pause after chunks to exercise back-pressure.
class Recorder : public FetchObserver
{
public:
    enum class Mode
    {
        Flow,
        PauseEachChunk,
        PauseOnce
    };

    explicit Recorder(Mode mode = Mode::Flow) : m_mode(mode) {}

    void onResponse(int s, const HeaderList& h) override
    {
        const std::lock_guard lock(m_mutex);
        ++responses;
        status = s;
        headers = h;
        m_cv.notify_all();
    }

    bool onData(std::span<const char> chunk) override
    {
        const std::lock_guard lock(m_mutex);
        if (m_paused)
            ++dataWhilePaused;
        body.append(chunk.data(), static_cast<qsizetype>(chunk.size()));
        const bool pause = m_mode == Mode::PauseEachChunk || (m_mode == Mode::PauseOnce && pauses == 0);
        if (pause) {
            m_paused = true;
            ++pauses;
        }
        m_cv.notify_all();
        return !pause;
    }

    void onComplete(Status<> outcome) override
    {
        const std::lock_guard lock(m_mutex);
        ++completions;
        if (!outcome)
            error = outcome.error();
        m_cv.notify_all();
    }

    bool waitDone(std::chrono::milliseconds timeout = 15s)
    {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, timeout, [this] { return completions > 0; });
    }

    bool waitResponse(std::chrono::milliseconds timeout = 15s)
    {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, timeout, [this] { return responses > 0 || completions > 0; }) &&
               responses > 0;
    }

    // Waits until the observer has paused the transfer and marks it running
    // again; the caller then resumes the handle. False once the fetch is over.
    bool takePause(std::chrono::milliseconds timeout = 15s)
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait_for(lock, timeout, [this] { return m_paused || completions > 0; });
        if (!m_paused)
            return false;
        m_paused = false;
        return true;
    }

    qsizetype bodySize()
    {
        const std::lock_guard lock(m_mutex);
        return body.size();
    }

    std::optional<QByteArray> header(const std::string& name) const
    {
        for (const auto& [k, v] : headers)
            if (k == name)
                return QByteArray::fromStdString(v);
        return std::nullopt;
    }

    // Read these once waitDone() returned true: the worker is done with them.
    int responses = 0;
    int status = 0;
    HeaderList headers;
    QByteArray body;
    int completions = 0;
    std::optional<Error> error;
    int pauses = 0;
    int dataWhilePaused = 0;

private:
    Mode m_mode;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_paused = false;
};

struct Fetched
{
    std::shared_ptr<Recorder> recorder;
    std::shared_ptr<FetchHandle> handle;
};

Fetched startFetch(UpstreamClient& client, const UpstreamTarget& target, std::string path,
                   std::string scope = {}, HeaderList headers = {},
                   Recorder::Mode mode = Recorder::Mode::Flow, std::string method = "GET")
{
    auto recorder = std::make_shared<Recorder>(mode);
    UpstreamRequest request;
    request.method = std::move(method);
    request.pathAndQuery = std::move(path);
    request.scope = std::move(scope);
    request.headers = std::move(headers);
    auto handle = client.start(target, std::move(request), recorder);
    return {recorder, handle};
}

// A clock the test can move forward, for token expiry.
struct TestClock
{
    std::shared_ptr<std::atomic<long long>> offsetSeconds = std::make_shared<std::atomic<long long>>(0);

    TokenCache::Now now() const
    {
        return [offset = offsetSeconds] {
            return std::chrono::steady_clock::now() + std::chrono::seconds(offset->load());
        };
    }
};

} // namespace

#define VERIFY_DONE(rec)                                                                                     \
    QVERIFY2((rec)->waitDone(), "the fetch did not complete in time");                                       \
    QCOMPARE((rec)->completions, 1)

#define VERIFY_OK(rec)                                                                                       \
    VERIFY_DONE(rec);                                                                                        \
    QVERIFY2(!(rec)->error, (rec)->error ? qPrintable(describe(*(rec)->error)) : "")

class TestUpstreamClient : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Peer m_tokenServer;
    Peer m_registry;
    Peer m_tokenRegistry;
    Peer m_tlsRegistry;
    Peer m_fixture;
    quint16 m_tokenPort = 0;
    quint16 m_registryPort = 0;
    quint16 m_tokenRegistryPort = 0;
    quint16 m_tlsRegistryPort = 0;
    quint16 m_originPort = 0;
    quint16 m_cdnPort = 0;
    quint16 m_deadPort = 0;
    QByteArray m_tlsCaPem;

    QByteArray m_smallBlob;
    QByteArray m_smallDigest;
    QByteArray m_bigBlob;
    QByteArray m_bigDigest;
    QByteArray m_privateBlob;
    QByteArray m_privateDigest;
    QByteArray m_manifest;
    QByteArray m_manifestDigest;

    static constexpr const char* kManifestType = "application/vnd.oci.image.manifest.v1+json";

    UpstreamTarget plainTarget() const { return {url(m_registryPort), {}, {}, true}; }
    UpstreamTarget tokenTarget() const { return {url(m_tokenRegistryPort), {}, {}, true}; }
    UpstreamTarget originTarget() const { return {url(m_originPort), {}, {}, true}; }

    static std::string url(quint16 port) { return "http://127.0.0.1:" + std::to_string(port); }

    static std::string blobPath(const std::string& repository, const QByteArray& digest)
    {
        return "/v2/" + repository + "/blobs/" + digest.toStdString();
    }

    QString fixture(const QString& name) const { return QStringLiteral(NSGATE_FIXTURES "/upstream/") + name; }

    bool writeFile(const QString& path, const QByteArray& content)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
    }

    bool startRegistry(Peer& peer, const QString& name, quint16 port, const QByteArray& extra)
    {
        const QByteArray config = "version: 0.1\n"
                                  "log: {level: error, accesslog: {disabled: true}}\n"
                                  "storage: {filesystem: {rootdirectory: \"" +
                                  m_dir.filePath(QStringLiteral("storage")).toUtf8() +
                                  "\"}, delete: {enabled: true}}\n"
                                  "http:\n"
                                  "  addr: \"127.0.0.1:" +
                                  QByteArray::number(port) + "\"\n  secret: test-secret\n" + extra;
        const QString path = m_dir.filePath(name + QStringLiteral(".yml"));
        return writeFile(path, config) &&
               peer.start(QStringLiteral("docker-registry"), {QStringLiteral("serve"), path},
                          m_dir.filePath(name + QStringLiteral(".log")), false);
    }

    // distribution answers /v2/ within ~0.1 s of starting; poll rather than sleep.
    static bool waitReady(const QByteArray& base)
    {
        for (int i = 0; i < 200; ++i) {
            const auto r = httpSync("GET", base + "/v2/", {}, {"Accept: */*"}, 500);
            if (r.status > 0)
                return true;
            std::this_thread::sleep_for(50ms);
        }
        return false;
    }

    bool pushBlob(quint16 port, const QByteArray& repository, const QByteArray& data)
    {
        const QByteArray base = "http://127.0.0.1:" + QByteArray::number(port);
        const auto started = httpSync("POST", base + "/v2/" + repository + "/blobs/uploads/");
        if (started.status != 202)
            return false;
        QByteArray location = started.header("Location");
        if (location.startsWith('/'))
            location.prepend(base);
        location += (location.contains('?') ? "&digest=" : "?digest=") + sha256Digest(data);
        return httpSync("PUT", location, data, {"Content-Type: application/octet-stream"}).status == 201;
    }

    QJsonObject stats(quint16 port)
    {
        const auto r = httpSync("GET", "http://127.0.0.1:" + QByteArray::number(port) + "/stats");
        return QJsonDocument::fromJson(r.body).object();
    }

    int tokenRequests() { return stats(m_tokenPort).value(QStringLiteral("tokenRequests")).toInt(-1); }

    QJsonArray fixtureRequests(const QString& pathPrefix)
    {
        QJsonArray out;
        for (const auto v : stats(m_originPort).value(QStringLiteral("requests")).toArray())
            if (v.toObject().value(QStringLiteral("path")).toString().startsWith(pathPrefix))
                out.append(v);
        return out;
    }

private slots:
    void initTestCase()
    {
        for (const char* tool : {"docker-registry", "python3", "openssl"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is not installed (scripts/deps.sh installs it)")
                                     .arg(QString::fromLatin1(tool))));
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("storage")));
        curl_global_init(CURL_GLOBAL_DEFAULT);

        // The token realm first: it writes the certificate the registry trusts.
        QVERIFY(m_tokenServer.start(QStringLiteral("python3"),
                                    {fixture(QStringLiteral("token_server.py")), QStringLiteral("--dir"),
                                     m_dir.path(), QStringLiteral("--user"), QStringLiteral("alice:secret")},
                                    m_dir.filePath(QStringLiteral("token")), true));
        const QByteArray tokenLine = m_tokenServer.readLine("PORT ");
        QVERIFY2(!tokenLine.isEmpty(), "token server did not report its port");
        m_tokenPort = static_cast<quint16>(tokenLine.mid(5).toUInt());

        QVERIFY(m_fixture.start(QStringLiteral("python3"), {fixture(QStringLiteral("origin_cdn_server.py"))},
                                m_dir.filePath(QStringLiteral("fixture")), true));
        const QList<QByteArray> ports = m_fixture.readLine("PORTS ").split(' ');
        QCOMPARE(ports.size(), 4);
        m_originPort = static_cast<quint16>(ports[1].toUInt());
        m_cdnPort = static_cast<quint16>(ports[2].toUInt());
        m_deadPort = static_cast<quint16>(ports[3].toUInt());

        m_registryPort = freePort();
        m_tokenRegistryPort = freePort();
        m_tlsRegistryPort = freePort();
        QVERIFY(m_registryPort && m_tokenRegistryPort && m_tlsRegistryPort);
        QVERIFY(startRegistry(m_registry, QStringLiteral("plain"), m_registryPort, {}));
        // Same storage, behind the token realm: pushed once, pulled both ways.
        QVERIFY(startRegistry(
            m_tokenRegistry, QStringLiteral("token"), m_tokenRegistryPort,
            "auth:\n  token:\n    realm: \"http://127.0.0.1:" + QByteArray::number(m_tokenPort) +
                "/token\"\n    service: test\n    issuer: test-issuer\n    rootcertbundle: \"" +
                m_dir.filePath(QStringLiteral("token.crt")).toUtf8() + "\"\n"));

        const QString key = m_dir.filePath(QStringLiteral("tls.key"));
        const QString crt = m_dir.filePath(QStringLiteral("tls.crt"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                       QStringLiteral("-out"), crt, QStringLiteral("-days"), QStringLiteral("2"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QVERIFY(openssl.waitForFinished(30000) && openssl.exitCode() == 0);
        QFile crtFile(crt);
        QVERIFY(crtFile.open(QIODevice::ReadOnly));
        m_tlsCaPem = crtFile.readAll();
        QVERIFY(startRegistry(m_tlsRegistry, QStringLiteral("tls"), m_tlsRegistryPort,
                              "  tls:\n    certificate: \"" + crt.toUtf8() + "\"\n    key: \"" +
                                  key.toUtf8() + "\"\n"));

        QVERIFY2(waitReady("http://127.0.0.1:" + QByteArray::number(m_registryPort)), "registry not ready");
        QVERIFY2(waitReady("http://127.0.0.1:" + QByteArray::number(m_tokenRegistryPort)),
                 "token registry not ready");
        QVERIFY2(waitReady("https://127.0.0.1:" + QByteArray::number(m_tlsRegistryPort)),
                 "TLS registry not ready");

        m_smallBlob = "hello from the upstream side\n";
        m_smallDigest = sha256Digest(m_smallBlob);
        m_bigBlob.resize(8 * 1024 * 1024);
        QRandomGenerator rng(20250101);
        rng.fillRange(reinterpret_cast<quint32*>(m_bigBlob.data()), m_bigBlob.size() / 4);
        m_bigDigest = sha256Digest(m_bigBlob);
        m_privateBlob = "only alice may read this\n";
        m_privateDigest = sha256Digest(m_privateBlob);
        QVERIFY(pushBlob(m_registryPort, "library/alpine", m_smallBlob));
        QVERIFY(pushBlob(m_registryPort, "library/alpine", m_bigBlob));
        QVERIFY(pushBlob(m_registryPort, "private/secret", m_privateBlob));

        const QByteArray config =
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
            "\"diff_ids\":[\"" +
            m_smallDigest + "\"]}}";
        QVERIFY(pushBlob(m_registryPort, "library/alpine", config));
        m_manifest =
            "{\"schemaVersion\":2,\"mediaType\":\"" + QByteArray(kManifestType) +
            "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" +
            sha256Digest(config) + "\",\"size\":" + QByteArray::number(config.size()) +
            "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" +
            m_smallDigest + "\",\"size\":" + QByteArray::number(m_smallBlob.size()) + "}]}";
        m_manifestDigest = sha256Digest(m_manifest);
        const auto put = httpSync("PUT",
                                  "http://127.0.0.1:" + QByteArray::number(m_registryPort) +
                                      "/v2/library/alpine/manifests/3.20",
                                  m_manifest, {"Content-Type: " + QByteArray(kManifestType)});
        QVERIFY2(put.status == 201, put.body.constData());
    }

    void cleanupTestCase()
    {
        m_tlsRegistry.stop();
        m_tokenRegistry.stop();
        m_registry.stop();
        m_fixture.stop();
        m_tokenServer.stop();
    }

    void fetchesBlob()
    {
        UpstreamClient client;
        auto [rec, handle] = startFetch(client, plainTarget(), blobPath("library/alpine", m_smallDigest));
        VERIFY_OK(rec);
        QCOMPARE(rec->responses, 1);
        QCOMPARE(rec->status, 200);
        QCOMPARE(rec->body, m_smallBlob);
        QCOMPARE(rec->header("docker-content-digest").value_or(QByteArray()), m_smallDigest);
    }

    void headHasNoBody()
    {
        UpstreamClient client;
        auto [rec, handle] = startFetch(client, plainTarget(), blobPath("library/alpine", m_bigDigest), {},
                                        {}, Recorder::Mode::Flow, "HEAD");
        VERIFY_OK(rec);
        QCOMPARE(rec->status, 200);
        QCOMPARE(rec->header("content-length").value_or(QByteArray()), QByteArray::number(m_bigBlob.size()));
        QVERIFY(rec->body.isEmpty());
    }

    void forwardsAcceptForManifests()
    {
        UpstreamClient client;
        auto [rec, handle] =
            startFetch(client, plainTarget(), "/v2/library/alpine/manifests/3.20?ns=docker.io", {},
                       {{"Accept", kManifestType}});
        VERIFY_OK(rec);
        QCOMPARE(rec->status, 200);
        QCOMPARE(rec->body, m_manifest);
        QCOMPARE(rec->header("content-type").value_or(QByteArray()), QByteArray(kManifestType));
        QCOMPARE(rec->header("docker-content-digest").value_or(QByteArray()), m_manifestDigest);
    }

    void errorStatusesAreResponses()
    {
        UpstreamClient client;
        auto [rec, handle] =
            startFetch(client, plainTarget(), blobPath("library/alpine", sha256Digest("absent")));
        VERIFY_OK(rec);
        QCOMPARE(rec->status, 404);
        QVERIFY(rec->body.contains("BLOB_UNKNOWN"));
    }

    void tokenAuthAgainstDistribution()
    {
        UpstreamClient client;
        const int before = tokenRequests();
        auto [rec, handle] = startFetch(client, tokenTarget(), blobPath("library/alpine", m_smallDigest),
                                        "repository:library/alpine:pull");
        VERIFY_OK(rec);
        // The 401 that led to the token never reaches the observer.
        QCOMPARE(rec->responses, 1);
        QCOMPARE(rec->status, 200);
        QCOMPARE(rec->body, m_smallBlob);
        QCOMPARE(tokenRequests(), before + 1);
        const QJsonObject last =
            stats(m_tokenPort).value(QStringLiteral("requests")).toArray().last().toObject();
        QCOMPARE(last.value(QStringLiteral("service")).toString(), QStringLiteral("test"));
        QCOMPARE(last.value(QStringLiteral("scopes")).toArray().first().toString(),
                 QStringLiteral("repository:library/alpine:pull"));
        QVERIFY(last.value(QStringLiteral("user")).isNull());
    }

    void cachesTokensPerScopeUntilExpiry()
    {
        TestClock clock;
        UpstreamClientOptions options;
        options.now = clock.now();
        UpstreamClient client(options);
        const int before = tokenRequests();
        const std::string scope = "repository:library/alpine:pull";

        auto first = startFetch(client, tokenTarget(), blobPath("library/alpine", m_smallDigest), scope);
        VERIFY_OK(first.recorder);
        QCOMPARE(tokenRequests(), before + 1);

        auto second = startFetch(client, tokenTarget(), blobPath("library/alpine", m_bigDigest), scope, {},
                                 Recorder::Mode::Flow, "HEAD");
        VERIFY_OK(second.recorder);
        QCOMPARE(second.recorder->status, 200);
        QCOMPARE(tokenRequests(), before + 1); // served by the cached token

        auto other = startFetch(client, tokenTarget(), blobPath("library/other", m_smallDigest),
                                "repository:library/other:pull");
        VERIFY_OK(other.recorder);
        QCOMPARE(other.recorder->status, 404); // authorised, just absent
        QCOMPARE(tokenRequests(), before + 2);

        // The fixture's tokens live 300 s; past that the cache must ask again.
        clock.offsetSeconds->store(301);
        auto later = startFetch(client, tokenTarget(), blobPath("library/alpine", m_smallDigest), scope);
        VERIFY_OK(later.recorder);
        QCOMPARE(later.recorder->body, m_smallBlob);
        QCOMPARE(tokenRequests(), before + 3);
    }

    void concurrentFetchesShareOneTokenRequest()
    {
        UpstreamClient client;
        const int before = tokenRequests();
        std::vector<Fetched> fetches;
        for (int i = 0; i < 4; ++i)
            fetches.push_back(startFetch(client, tokenTarget(), blobPath("library/alpine", m_smallDigest),
                                         "repository:library/alpine:pull"));
        for (auto& f : fetches) {
            VERIFY_OK(f.recorder);
            QCOMPARE(f.recorder->body, m_smallBlob);
        }
        QCOMPARE(tokenRequests(), before + 1);
    }

    void credentialGoesToTheRealm()
    {
        UpstreamClient client;
        UpstreamTarget target = tokenTarget();
        target.basicCredential = {{"alice", "secret"}};
        auto [rec, handle] = startFetch(client, target, blobPath("private/secret", m_privateDigest),
                                        "repository:private/secret:pull");
        VERIFY_OK(rec);
        QCOMPARE(rec->status, 200);
        QCOMPARE(rec->body, m_privateBlob);
        const QJsonObject last =
            stats(m_tokenPort).value(QStringLiteral("requests")).toArray().last().toObject();
        QCOMPARE(last.value(QStringLiteral("user")).toString(), QStringLiteral("alice"));
    }

    void deniedAfterOneRetry()
    {
        UpstreamClient client;
        const int before = tokenRequests();
        auto [rec, handle] = startFetch(client, tokenTarget(), blobPath("private/secret", m_privateDigest),
                                        "repository:private/secret:pull");
        VERIFY_OK(rec);
        // Anonymous tokens carry no access to private/: the second 401 is the answer.
        QCOMPARE(rec->responses, 1);
        QCOMPARE(rec->status, 401);
        QVERIFY(rec->body.contains("UNAUTHORIZED"));
        QCOMPARE(tokenRequests(), before + 1);
    }

    void realmRefusalIsAnAuthError()
    {
        UpstreamClient client;
        UpstreamTarget target = tokenTarget();
        target.basicCredential = {{"alice", "wrong-password"}};
        auto [rec, handle] = startFetch(client, target, blobPath("private/secret", m_privateDigest),
                                        "repository:private/secret:pull");
        VERIFY_DONE(rec);
        QVERIFY(rec->error);
        QCOMPARE(rec->error->code, std::string("upstream.auth"));
        QCOMPARE(rec->responses, 0);
        const std::string text = rec->error->message + rec->error->detail;
        QVERIFY2(text.find("http://127.0.0.1:" + std::to_string(m_tokenPort) + "/token") != std::string::npos,
                 text.c_str());
        QVERIFY(text.find("wrong-password") == std::string::npos);
    }

    void redirectDropsCredentialsOnOtherOrigin()
    {
        UpstreamClient client;
        // A client's own Authorization is for nsgate, never for upstream.
        auto [rec, handle] =
            startFetch(client, originTarget(), "/v2/redirect/blobs/sha256:aa", "repository:redirect:pull",
                       {{"Authorization", "Bearer client-token"}});
        VERIFY_OK(rec);
        QCOMPARE(rec->responses, 1);
        QCOMPARE(rec->status, 200);
        QCOMPARE(rec->body, QByteArray("cdn:sha256:aa"));

        const QJsonArray origin = fixtureRequests(QStringLiteral("/v2/redirect/blobs/sha256:aa"));
        QCOMPARE(origin.size(), 2);
        QVERIFY(origin[0].toObject().value(QStringLiteral("authorization")).isNull());
        QCOMPARE(origin[1].toObject().value(QStringLiteral("authorization")).toString(),
                 QStringLiteral("Bearer fixture-token"));
        int cdnHits = 0;
        for (const auto v : stats(m_originPort).value(QStringLiteral("requests")).toArray()) {
            const auto o = v.toObject();
            if (o.value(QStringLiteral("server")).toString() != QStringLiteral("cdn") ||
                !o.value(QStringLiteral("path")).toString().startsWith(QStringLiteral("/cdn/sha256:aa")))
                continue;
            ++cdnHits;
            QVERIFY2(o.value(QStringLiteral("authorization")).isNull(),
                     "the CDN received the registry token");
        }
        QCOMPARE(cdnHits, 1);
    }

    void redirectKeepsCredentialsOnSameOrigin()
    {
        UpstreamClient client;
        auto [rec, handle] =
            startFetch(client, originTarget(), "/v2/same/blobs/sha256:bb", "repository:same:pull");
        VERIFY_OK(rec);
        QCOMPARE(rec->status, 200);
        QCOMPARE(rec->body, QByteArray("same-origin:sha256:bb"));
        const QJsonArray finals = fixtureRequests(QStringLiteral("/v2/same/final/sha256:bb"));
        QCOMPARE(finals.size(), 1);
        QCOMPARE(finals[0].toObject().value(QStringLiteral("authorization")).toString(),
                 QStringLiteral("Bearer fixture-token"));
    }

    void redirectLimit()
    {
        UpstreamClient client;
        auto [rec, handle] = startFetch(client, originTarget(), "/loop/0");
        VERIFY_DONE(rec);
        QVERIFY(rec->error);
        QCOMPARE(rec->error->code, std::string("upstream.redirect"));
        QCOMPARE(rec->responses, 0);
        QCOMPARE(fixtureRequests(QStringLiteral("/loop/")).size(), 6); // the request and 5 redirects
    }

    void errorsNameTheUrlWithoutSecrets()
    {
        UpstreamClient client;
        auto [rec, handle] =
            startFetch(client, originTarget(), "/v2/dead/blobs/sha256:cc", "repository:dead:pull");
        VERIFY_DONE(rec);
        QVERIFY(rec->error);
        QCOMPARE(rec->error->code, std::string("upstream.connect"));
        const std::string text = rec->error->message + " " + rec->error->detail;
        QVERIFY2(text.find("http://127.0.0.1:" + std::to_string(m_deadPort) + "/cdn/sha256:cc") !=
                     std::string::npos,
                 text.c_str());
        QVERIFY2(text.find("dead-signature") == std::string::npos, text.c_str());
        QVERIFY2(text.find("fixture-token") == std::string::npos, text.c_str());
    }

    void basicChallengeUsesTheCredential()
    {
        UpstreamClient client;
        UpstreamTarget target = originTarget();
        target.basicCredential = {{"alice", "secret"}};
        auto first = startFetch(client, target, "/basic/one");
        VERIFY_OK(first.recorder);
        QCOMPARE(first.recorder->status, 200);
        QCOMPARE(first.recorder->body, QByteArray("basic:one"));
        QCOMPARE(fixtureRequests(QStringLiteral("/basic/one")).size(), 2);

        // Known to want Basic: the credential goes along up front.
        auto second = startFetch(client, target, "/basic/two");
        VERIFY_OK(second.recorder);
        QCOMPARE(second.recorder->body, QByteArray("basic:two"));
        const QJsonArray two = fixtureRequests(QStringLiteral("/basic/two"));
        QCOMPARE(two.size(), 1);
        QCOMPARE(two[0].toObject().value(QStringLiteral("authorization")).toString(),
                 QStringLiteral("Basic YWxpY2U6c2VjcmV0"));

        auto anonymous = startFetch(client, originTarget(), "/basic/three");
        VERIFY_OK(anonymous.recorder);
        QCOMPARE(anonymous.recorder->status, 401);
        QCOMPARE(anonymous.recorder->body, QByteArray("no"));
    }

    void filtersRequestHeaders()
    {
        UpstreamClient client;
        auto [rec, handle] = startFetch(client, originTarget(), "/echo", {},
                                        {{"Accept", "application/x-test"},
                                         {"Range", "bytes=0-1"},
                                         {"Authorization", "Basic Y2xpZW50OnNlY3JldA=="},
                                         {"Cookie", "session=1"},
                                         {"Accept-Encoding", "gzip"},
                                         {"X-Injected", "a\r\nX-Evil: 1"}});
        VERIFY_OK(rec);
        const QJsonObject seen = QJsonDocument::fromJson(rec->body).object();
        QCOMPARE(seen.value(QStringLiteral("accept")).toString(), QStringLiteral("application/x-test"));
        QCOMPARE(seen.value(QStringLiteral("range")).toString(), QStringLiteral("bytes=0-1"));
        for (const char* absent : {"authorization", "cookie", "accept-encoding", "x-injected", "x-evil"})
            QVERIFY2(!seen.contains(QString::fromLatin1(absent)), absent);
    }

    void pauseAndResume()
    {
        UpstreamClient client;
        auto [rec, handle] = startFetch(client, plainTarget(), blobPath("library/alpine", m_bigDigest), {},
                                        {}, Recorder::Mode::PauseEachChunk);
        int resumes = 0;
        while (rec->takePause()) {
            // Long enough for data to pile up if the pause were ignored.
            if (resumes % 64 == 0)
                std::this_thread::sleep_for(20ms);
            ++resumes;
            handle->resume();
        }
        VERIFY_OK(rec);
        QCOMPARE(rec->dataWhilePaused, 0);
        QVERIFY2(rec->pauses > 16, qPrintable(QString::number(rec->pauses)));
        QCOMPARE(rec->body.size(), m_bigBlob.size());
        QCOMPARE(sha256Digest(rec->body), m_bigDigest);
    }

    void pauseOutlastsNoProgressTimeout()
    {
        UpstreamClientOptions options;
        options.noProgressTimeout = 1s;
        UpstreamClient client(options);
        auto [rec, handle] = startFetch(client, plainTarget(), blobPath("library/alpine", m_bigDigest), {},
                                        {}, Recorder::Mode::PauseOnce);
        QVERIFY(rec->takePause());
        const auto sizeAtPause = rec->bodySize();
        std::this_thread::sleep_for(2500ms); // a slow client downstream, not a stalled upstream
        QCOMPARE(rec->bodySize(), sizeAtPause);
        handle->resume();
        VERIFY_OK(rec);
        QCOMPARE(rec->dataWhilePaused, 0);
        QCOMPARE(sha256Digest(rec->body), m_bigDigest);
    }

    void cancelStopsTheTransfer()
    {
        UpstreamClient client;
        auto [rec, handle] = startFetch(client, originTarget(), "/stall-body");
        QVERIFY(rec->waitResponse());
        QCOMPARE(rec->status, 200);
        handle->cancel();
        QVERIFY(rec->waitDone(3s));
        QCOMPARE(rec->completions, 1);
        QVERIFY(rec->error);
        QCOMPARE(rec->error->code, std::string("upstream.cancelled"));
        QVERIFY(rec->body.size() <= 1000);

        // And while paused.
        auto paused = startFetch(client, plainTarget(), blobPath("library/alpine", m_bigDigest), {}, {},
                                 Recorder::Mode::PauseOnce);
        QVERIFY(paused.recorder->takePause());
        paused.handle->cancel();
        QVERIFY(paused.recorder->waitDone(3s));
        QCOMPARE(paused.recorder->error.value_or(Error{}).code, std::string("upstream.cancelled"));
        QVERIFY(paused.recorder->body.size() < m_bigBlob.size());
        handle->cancel(); // after completion: nothing happens
        std::this_thread::sleep_for(100ms);
        QCOMPARE(rec->completions, 1);
    }

    void noProgressTimeout()
    {
        UpstreamClientOptions options;
        options.noProgressTimeout = 1s;
        UpstreamClient client(options);
        const auto started = std::chrono::steady_clock::now();
        auto headers = startFetch(client, originTarget(), "/stall-headers");
        auto body = startFetch(client, originTarget(), "/stall-body");
        VERIFY_DONE(headers.recorder);
        VERIFY_DONE(body.recorder);
        QVERIFY(std::chrono::steady_clock::now() - started < 10s);
        QCOMPARE(headers.recorder->error.value_or(Error{}).code, std::string("upstream.timeout"));
        QCOMPARE(headers.recorder->responses, 0);
        QCOMPARE(body.recorder->error.value_or(Error{}).code, std::string("upstream.timeout"));
        QCOMPARE(body.recorder->status, 200); // the body was cut short: an error, not a success
    }

    void connectionRefused()
    {
        UpstreamClient client;
        auto [rec, handle] = startFetch(client, {url(m_deadPort), {}, {}, true}, "/v2/");
        VERIFY_DONE(rec);
        QVERIFY(rec->error);
        QCOMPARE(rec->error->code, std::string("upstream.connect"));
        QCOMPARE(rec->responses, 0);
        QVERIFY2(rec->error->message.find("GET http://127.0.0.1:" + std::to_string(m_deadPort) + "/v2/") !=
                     std::string::npos,
                 rec->error->message.c_str());
    }

    void loopbackBypassesProxyEnvironment()
    {
        const QByteArray saved = qgetenv("http_proxy");
        // Nobody listens there: a proxied request would fail to connect.
        qputenv("http_proxy", "http://127.0.0.1:" + QByteArray::number(m_deadPort));
        {
            UpstreamClient client;
            auto [rec, handle] = startFetch(client, plainTarget(), blobPath("library/alpine", m_smallDigest));
            VERIFY_OK(rec);
            QCOMPARE(rec->body, m_smallBlob);
        }
        if (saved.isNull())
            qunsetenv("http_proxy");
        else
            qputenv("http_proxy", saved);
    }

    void tlsTrustComesFromTheTarget()
    {
        const std::string base = "https://127.0.0.1:" + std::to_string(m_tlsRegistryPort);
        UpstreamClient client;

        auto trusted = startFetch(client, {base, {}, m_tlsCaPem.toStdString(), true},
                                  blobPath("library/alpine", m_smallDigest));
        VERIFY_OK(trusted.recorder);
        QCOMPARE(trusted.recorder->body, m_smallBlob);

        auto untrusted = startFetch(client, {base, {}, {}, true}, blobPath("library/alpine", m_smallDigest));
        VERIFY_DONE(untrusted.recorder);
        QCOMPARE(untrusted.recorder->error.value_or(Error{}).code, std::string("upstream.tls"));

        auto unverified =
            startFetch(client, {base, {}, {}, false}, blobPath("library/alpine", m_smallDigest));
        VERIFY_OK(unverified.recorder);
        QCOMPARE(unverified.recorder->body, m_smallBlob);
    }

    void rejectsBadRequests()
    {
        UpstreamClient client;
        auto post = startFetch(client, plainTarget(), "/v2/", {}, {}, Recorder::Mode::Flow, "POST");
        VERIFY_DONE(post.recorder);
        QCOMPARE(post.recorder->error.value_or(Error{}).code, std::string("upstream.invalid"));

        auto userInfo = startFetch(
            client, {"http://bob:hunter2@127.0.0.1:" + std::to_string(m_registryPort), {}, {}, true}, "/v2/");
        VERIFY_DONE(userInfo.recorder);
        QCOMPARE(userInfo.recorder->error.value_or(Error{}).code, std::string("upstream.invalid"));
        QVERIFY(userInfo.recorder->error->message.find("hunter2") == std::string::npos);

        auto relative = startFetch(client, plainTarget(), "v2/");
        VERIFY_DONE(relative.recorder);
        QCOMPARE(relative.recorder->error.value_or(Error{}).code, std::string("upstream.invalid"));
    }

    void destructionCancelsWhatRuns()
    {
        std::shared_ptr<Recorder> rec;
        std::shared_ptr<FetchHandle> handle;
        {
            UpstreamClient client;
            auto started = startFetch(client, originTarget(), "/stall-headers");
            rec = started.recorder;
            handle = started.handle;
        }
        QCOMPARE(rec->completions, 1);
        QCOMPARE(rec->error.value_or(Error{}).code, std::string("upstream.cancelled"));
        handle->resume(); // the client is gone: harmless
        handle->cancel();
    }
};

QTEST_GUILESS_MAIN(TestUpstreamClient)
#include "tst_upstreamclient.moc"
