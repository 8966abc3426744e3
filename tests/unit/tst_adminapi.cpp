// The admin API as a request -> response function: auth on every endpoint but
// health, problem+json errors, the config PUT protocol, credentials, revisions,
// info, and the delegating endpoints (events, stats, cache) through fakes.

#include "core/model/ConfigCodec.h"
#include "core/proxy/AdminApi.h"
#include "core/proxy/AdminToken.h"
#include "core/proxy/CacheAdmin.h"
#include "core/proxy/ConfigRepository.h"
#include "core/proxy/CredentialStore.h"
#include "core/proxy/EventQuery.h"
#include "core/proxy/StatsSource.h"

#include <boost/json.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace nsgate;
using namespace nsgate::proxy;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr std::string_view kSecret = "correct-horse-battery-staple";
constexpr std::int64_t kStartedAt = 1'800'000'000'000;   // 2027-01-15T08:00:00.000Z
const std::string kInstanceId = "123e4567-e89b-42d3-a456-426614174000";

class FakeEvents : public EventQuery
{
public:
    std::int64_t after = -1;
    std::size_t limit = 0;
    EventPage next;

    Result<EventPage> page(std::int64_t a, std::size_t l) override
    {
        after = a;
        limit = l;
        return next;
    }
};

class FakeStats : public StatsSource
{
public:
    ProxyStats next;
    Result<ProxyStats> stats() override { return next; }
};

class FakeCache : public CacheAdmin
{
public:
    CacheFilter lastFilter;
    std::size_t lastLimit = 0;
    std::vector<CacheEntry> entries;
    bool fail = false;

    Result<std::vector<CacheEntry>> list(const CacheFilter& filter, std::size_t limit) override
    {
        lastFilter = filter;
        lastLimit = limit;
        if (fail)
            return makeError("cache.io", "disk on fire");
        return entries;
    }
    Result<std::int64_t> forgetTags(const CacheFilter& filter) override
    {
        lastFilter = filter;
        return std::int64_t(3);
    }
};

// Everything an AdminApi needs, on one data directory.
struct Fixture
{
    fs::path dir;
    AdminToken token = AdminToken::fromSecret(kSecret);
    std::unique_ptr<CredentialStore> credentials;
    std::unique_ptr<ConfigRepository> config;
    FakeEvents events;
    FakeStats stats;
    FakeCache cache;
    std::unique_ptr<AdminApi> api;

    explicit Fixture(fs::path d, bool withDelegates = true) : dir(std::move(d))
    {
        auto store = CredentialStore::open(dir);
        if (store.ok())
            credentials = std::move(*store);
        ConfigRepository::Options options;
        options.clock = [] { return kStartedAt + 60'000; };
        CredentialStore* creds = credentials.get();
        options.knownCredentials = [creds] { return creds->names(); };
        auto repository = ConfigRepository::open(dir, std::move(options));
        if (repository.ok())
            config = std::move(*repository);
        AdminApiOptions apiOptions{"1.2.3", kInstanceId, "http://127.0.0.1:5000", kStartedAt};
        AdminApiServices services{&token, config.get(), credentials.get(), nullptr, nullptr, nullptr};
        if (withDelegates) {
            services.events = &events;
            services.stats = &stats;
            services.cache = &cache;
        }
        api = std::make_unique<AdminApi>(apiOptions, services);
    }

    bool ok() const { return credentials && config; }
};

enum class Auth { Good, None, Wrong, Basic };

HttpRequest request(std::string method, std::string target, std::string body = {}, Auth auth = Auth::Good,
                    HeaderList headers = {})
{
    HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    splitTarget(r.target, r.path, r.query);
    r.body = std::move(body);
    r.remoteAddress = "127.0.0.1";
    r.headers = std::move(headers);
    switch (auth) {
    case Auth::Good: r.headers.emplace_back("authorization", "Bearer " + std::string(kSecret)); break;
    case Auth::Wrong: r.headers.emplace_back("authorization", "Bearer wrong-token-value"); break;
    case Auth::Basic: r.headers.emplace_back("authorization", "Basic " + std::string(kSecret)); break;
    case Auth::None: break;
    }
    return r;
}

json::value parse(const HttpResponse& response)
{
    boost::system::error_code ec;
    json::value v = json::parse(response.body, ec);
    if (ec)
        qWarning("not JSON: %s", response.body.c_str());
    return v;
}

std::string header(const HttpResponse& response, std::string_view name)
{
    return std::string(response.header(name).value_or("<absent>"));
}

QString describe(const HttpResponse& response)
{
    return QString::number(response.status) + " " + QString::fromStdString(response.body);
}

// A problem+json answer with every member RFC 9457 and the contract ask for.
bool isProblem(const HttpResponse& response, int status)
{
    if (response.status != status || header(response, "content-type") != "application/problem+json")
        return false;
    const json::value v = parse(response);
    const auto* o = v.if_object();
    return o && o->contains("type") && o->at("type") == "about:blank" && o->contains("title")
           && o->at("title").is_string() && !o->at("title").as_string().empty() && o->contains("status")
           && o->at("status") == status && o->contains("detail") && o->at("detail").is_string()
           && o->contains("errors") && o->at("errors").is_array();
}

QStringList errorPointers(const HttpResponse& response)
{
    QStringList out;
    const json::value body = parse(response);
    for (const auto& e : body.at("errors").as_array())
        out << QString::fromStdString(std::string(e.at("pointer").as_string()));
    return out;
}

std::string configBody(std::optional<std::int64_t> revision, std::vector<std::string> names,
                       std::optional<std::string> credential = std::nullopt)
{
    json::array namespaces;
    for (const auto& name : names) {
        json::object upstream{{"url", "https://" + name}};
        if (credential)
            upstream["credential"] = *credential;
        namespaces.emplace_back(json::object{{"namespace", name}, {"upstreams", json::array{upstream}}});
    }
    json::object doc{{"schemaVersion", 1}, {"namespaces", std::move(namespaces)}};
    if (revision)
        doc["revision"] = *revision;
    return json::serialize(doc);
}

HeaderList ifMatch(std::string value)
{
    return {{"if-match", std::move(value)}};
}

// Every endpoint the contract lists except health, with a method it answers.
const std::vector<std::pair<std::string, std::string>>& protectedEndpoints()
{
    static const std::vector<std::pair<std::string, std::string>> endpoints{
        {"GET", "/admin/v1/info"},
        {"GET", "/admin/v1/config"},
        {"PUT", "/admin/v1/config"},
        {"PUT", "/admin/v1/config?dryRun=true"},
        {"GET", "/admin/v1/config/revisions?limit=50"},
        {"GET", "/admin/v1/config/revisions/1"},
        {"PUT", "/admin/v1/credentials/dockerhub"},
        {"GET", "/admin/v1/credentials"},
        {"DELETE", "/admin/v1/credentials/dockerhub"},
        {"GET", "/admin/v1/events?after=0&limit=10"},
        {"GET", "/admin/v1/events/stream?after=0"},
        {"GET", "/admin/v1/stats"},
        {"GET", "/admin/v1/cache?namespace=&repository=&limit="},
        {"DELETE", "/admin/v1/cache?namespace=docker.io&repository=library/alpine&tag=3.20"},
        // Also unknown paths and wrong methods: nothing is revealed without the token.
        {"GET", "/admin/v1/nope"},
        {"POST", "/admin/v1/config"},
        {"GET", "/admin/v1"},
    };
    return endpoints;
}

} // namespace

class TestAdminApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_counter = 0;

    fs::path freshDir() { return fs::path(m_tmp.path().toStdString()) / ("d" + std::to_string(++m_counter)); }

private slots:
    void healthNeedsNoToken()
    {
        Fixture f(freshDir());
        QVERIFY(f.ok());
        for (Auth auth : {Auth::None, Auth::Wrong, Auth::Good}) {
            const auto response = f.api->handle(request("GET", "/admin/v1/health", {}, auth));
            QCOMPARE(response.status, 200);
            QCOMPARE(parse(response), json::value(json::object{{"status", "ok"}}));
            QCOMPARE(header(response, "content-type"), std::string("application/json"));
        }
        const auto post = f.api->handle(request("POST", "/admin/v1/health", {}, Auth::None));
        QVERIFY(isProblem(post, 405));
        QCOMPARE(header(post, "allow"), std::string("GET, HEAD"));
    }

    void everyEndpointNeedsTheToken_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("auth");
        for (const auto& [method, target] : protectedEndpoints())
            for (auto [auth, name] : {std::pair{Auth::None, "no token"}, std::pair{Auth::Wrong, "wrong token"},
                                      std::pair{Auth::Basic, "basic scheme"}}) {
                const std::string row = method + " " + target + " " + name;
                QTest::newRow(row.c_str()) << QString::fromStdString(method) << QString::fromStdString(target)
                                           << static_cast<int>(auth);
            }
    }

    void everyEndpointNeedsTheToken()
    {
        QFETCH(QString, method);
        QFETCH(QString, target);
        QFETCH(int, auth);
        Fixture f(freshDir());
        QVERIFY(f.ok());
        QVERIFY(f.credentials->set("dockerhub", {"u", "p"}).ok());
        const std::string body = method == "PUT" ? configBody(1, {}) : std::string();
        const auto r = request(method.toStdString(), target.toStdString(), body, static_cast<Auth>(auth),
                               ifMatch("\"1\""));
        const auto response = f.api->handle(r);
        QVERIFY2(isProblem(response, 401), qPrintable(describe(response)));
        QCOMPARE(header(response, "www-authenticate"), std::string("Bearer realm=\"nsgate-admin\""));
        QVERIFY(response.body.find(kSecret) == std::string::npos);
        QVERIFY(response.body.find("wrong-token-value") == std::string::npos);
        // Nothing happened.
        QCOMPARE(f.config->currentRevision(), std::int64_t(1));
        QVERIFY(f.credentials->get("dockerhub"));
        QCOMPARE(f.events.after, std::int64_t(-1));
        if (target.startsWith("/admin/v1/events/stream")) {
            const auto stream = f.api->openEventStream(r);
            QVERIFY(std::holds_alternative<HttpResponse>(stream));
            QVERIFY(isProblem(std::get<HttpResponse>(stream), 401));
        }
    }

    void theTokenOpensEveryEndpoint()
    {
        Fixture f(freshDir());
        QVERIFY(f.credentials->set("dockerhub", {"u", "p"}).ok());
        for (const auto& [method, target] : protectedEndpoints()) {
            if (target == "/admin/v1/nope" || target == "/admin/v1" || method == "POST"
                || target.starts_with("/admin/v1/events/stream"))
                continue;
            const std::string body = method == "PUT" && target.find("credentials") != std::string::npos
                                         ? "{\"username\":\"u\",\"password\":\"p\"}"
                                     : method == "PUT" ? configBody(std::nullopt, {})
                                                       : std::string();
            const auto response = f.api->handle(
                request(method, target, body, Auth::Good, ifMatch(etagFor(f.config->currentRevision()))));
            QVERIFY2(response.status >= 200 && response.status < 300,
                     qPrintable(QString::fromStdString(method + " " + target + ": ") + describe(response)));
            QCOMPARE(header(response, "cache-control"), std::string("no-store"));
        }
    }

    void unknownPathsAndMethods()
    {
        Fixture f(freshDir());
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1/nope")), 404));
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1/config/")), 404));
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1//config")), 404));
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1/config/revisions/1/x")), 404));
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v2/config", {}, Auth::None)), 404));
        QVERIFY(isProblem(f.api->handle(request("GET", "/", {}, Auth::None)), 404));

        const std::vector<std::tuple<std::string, std::string, std::string>> wrong{
            {"DELETE", "/admin/v1/info", "GET, HEAD"},
            {"POST", "/admin/v1/config", "GET, HEAD, PUT"},
            {"PATCH", "/admin/v1/config", "GET, HEAD, PUT"},
            {"PUT", "/admin/v1/config/revisions", "GET, HEAD"},
            {"DELETE", "/admin/v1/config/revisions/1", "GET, HEAD"},
            {"GET", "/admin/v1/credentials/x", "PUT, DELETE"},
            {"POST", "/admin/v1/credentials", "GET, HEAD"},
            {"POST", "/admin/v1/events", "GET, HEAD"},
            {"POST", "/admin/v1/events/stream", "GET"},
            {"PUT", "/admin/v1/stats", "GET, HEAD"},
            {"PUT", "/admin/v1/cache", "GET, HEAD, DELETE"},
        };
        for (const auto& [method, target, allow] : wrong) {
            const auto response = f.api->handle(request(method, target));
            QVERIFY2(isProblem(response, 405), qPrintable(QString::fromStdString(target) + describe(response)));
            QCOMPARE(header(response, "allow"), allow);
        }
    }

    void oversizedBodies()
    {
        Fixture f(freshDir());
        const std::string big(kMaxAdminBodyBytes + 1, ' ');
        QVERIFY(isProblem(f.api->handle(request("PUT", "/admin/v1/config", big, Auth::Good, ifMatch("\"1\""))), 413));
        QVERIFY(isProblem(f.api->handle(request("PUT", "/admin/v1/credentials/x", big)), 413));
        // Exactly the limit is fine (and then just not JSON).
        const std::string limit(kMaxAdminBodyBytes, ' ');
        QVERIFY(isProblem(f.api->handle(request("PUT", "/admin/v1/config", limit, Auth::Good, ifMatch("\"1\""))),
                          400));
    }

    void info()
    {
        Fixture f(freshDir());
        const auto response = f.api->handle(request("GET", "/admin/v1/info"));
        QCOMPARE(response.status, 200);
        const json::value expected = json::object{
            {"product", "nsgate"},
            {"version", "1.2.3"},
            {"apiVersion", 1},
            {"instanceId", kInstanceId},
            {"registryUrl", "http://127.0.0.1:5000"},
            {"startedAt", "2027-01-15T08:00:00.000Z"},
            {"configRevision", 1},
        };
        QCOMPARE(json::serialize(parse(response)), json::serialize(expected));
    }

    void getConfig()
    {
        Fixture f(freshDir());
        const auto response = f.api->handle(request("GET", "/admin/v1/config"));
        QCOMPARE(response.status, 200);
        QCOMPARE(header(response, "etag"), std::string("\"1\""));
        QCOMPARE(header(response, "content-type"), std::string("application/json"));
        auto decoded = model::decodeConfig(response.body);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->revision, std::int64_t(1));
        // Every field is present, even in the empty config.
        const auto v = parse(response).as_object();
        QVERIFY(v.contains("schemaVersion") && v.contains("revision") && v.contains("defaultNamespace")
                && v.contains("namespaces"));

        const auto head = f.api->handle(request("HEAD", "/admin/v1/config"));
        QCOMPARE(head.status, 200);
        QCOMPARE(header(head, "etag"), std::string("\"1\""));
    }

    void putConfigProtocol()
    {
        Fixture f(freshDir());
        const auto without = f.api->handle(request("PUT", "/admin/v1/config", configBody(1, {"docker.io"})));
        QVERIFY2(isProblem(without, 428), qPrintable(describe(without)));

        const auto stale =
            f.api->handle(request("PUT", "/admin/v1/config", configBody(0, {"docker.io"}), Auth::Good, ifMatch("\"0\"")));
        QVERIFY2(isProblem(stale, 412), qPrintable(describe(stale)));
        QCOMPARE(parse(stale).at("currentRevision"), json::value(1));
        QCOMPARE(header(stale, "etag"), std::string("\"1\""));

        HeaderList headers = ifMatch("\"1\"");
        headers.emplace_back("x-nsgate-actor", "alice@console");
        const auto stored =
            f.api->handle(request("PUT", "/admin/v1/config", configBody(1, {"docker.io"}), Auth::Good, headers));
        QVERIFY2(stored.status == 200, qPrintable(describe(stored)));
        QCOMPARE(header(stored, "etag"), std::string("\"2\""));
        QCOMPARE(header(stored, "content-type"), std::string("application/json"));
        auto decoded = model::decodeConfig(stored.body);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->revision, std::int64_t(2));
        QCOMPARE(decoded->namespaces.size(), std::size_t(1));
        // GET returns exactly what PUT answered.
        const auto get = f.api->handle(request("GET", "/admin/v1/config"));
        QCOMPARE(get.body, stored.body);
        QCOMPARE(header(get, "etag"), std::string("\"2\""));

        const auto again =
            f.api->handle(request("PUT", "/admin/v1/config", configBody(1, {"quay.io"}), Auth::Good, ifMatch("\"1\"")));
        QVERIFY(isProblem(again, 412));
        QCOMPARE(parse(again).at("currentRevision"), json::value(2));

        const auto revisions = f.api->handle(request("GET", "/admin/v1/config/revisions"));
        QCOMPARE(revisions.status, 200);
        const auto list = parse(revisions).as_array();
        QCOMPARE(list.size(), std::size_t(2));
        QCOMPARE(list[0].at("revision"), json::value(2));
        QCOMPARE(list[0].at("actor"), json::value("alice@console"));
        QCOMPARE(list[0].at("summary"), json::value("+docker.io"));
        QCOMPARE(list[0].at("time"), json::value("2027-01-15T08:01:00.000Z"));
        QCOMPARE(list[1].at("revision"), json::value(1));
    }

    void putConfigErrors()
    {
        Fixture f(freshDir());
        const auto mismatch =
            f.api->handle(request("PUT", "/admin/v1/config", configBody(5, {"docker.io"}), Auth::Good, ifMatch("\"1\"")));
        QVERIFY2(isProblem(mismatch, 422), qPrintable(describe(mismatch)));
        QCOMPARE(errorPointers(mismatch), QStringList{"/revision"});

        json::object doc{{"schemaVersion", 1},
                         {"namespaces",
                          json::array{json::object{{"namespace", "docker.io"},
                                                   {"upstreams", json::array{json::object{{"url", "ftp://x"}}}}},
                                      json::object{{"namespace", "docker.io"},
                                                   {"upstreams", json::array{json::object{
                                                                     {"url", "https://y"}, {"credential", "nope"}}}}}}}};
        const auto invalid =
            f.api->handle(request("PUT", "/admin/v1/config", json::serialize(doc), Auth::Good, ifMatch("\"1\"")));
        QVERIFY2(isProblem(invalid, 422), qPrintable(describe(invalid)));
        const QStringList pointers = errorPointers(invalid);
        QVERIFY2(pointers.contains("/namespaces/0/upstreams/0/url"), qPrintable(describe(invalid)));
        QVERIFY2(pointers.contains("/namespaces/1/namespace"), qPrintable(describe(invalid)));
        QVERIFY2(pointers.contains("/namespaces/1/upstreams/0/credential"), qPrintable(describe(invalid)));
        const json::value invalidBody = parse(invalid);
        for (const auto& e : invalidBody.at("errors").as_array())
            QVERIFY(e.at("message").is_string() && !e.at("message").as_string().empty());

        const auto notJson =
            f.api->handle(request("PUT", "/admin/v1/config", "{nope", Auth::Good, ifMatch("\"1\"")));
        QVERIFY(isProblem(notJson, 400));
        QCOMPARE(f.config->currentRevision(), std::int64_t(1));
    }

    void dryRun()
    {
        Fixture f(freshDir());
        const auto valid = f.api->handle(
            request("PUT", "/admin/v1/config?dryRun=true", configBody(1, {"docker.io"}), Auth::Good, ifMatch("\"1\"")));
        QVERIFY2(valid.status == 200, qPrintable(describe(valid)));
        QCOMPARE(json::serialize(parse(valid)),
                 json::serialize(json::value(json::object{{"valid", true}, {"changes", json::array{"+docker.io"}}})));
        QCOMPARE(header(valid, "etag"), std::string("<absent>"));
        QCOMPARE(f.config->currentRevision(), std::int64_t(1));

        const auto noIfMatch =
            f.api->handle(request("PUT", "/admin/v1/config?dryRun=true", configBody(std::nullopt, {"docker.io"})));
        QCOMPARE(noIfMatch.status, 200);

        const auto invalid =
            f.api->handle(request("PUT", "/admin/v1/config?dryRun=true", configBody(std::nullopt, {"-x-"})));
        QVERIFY(isProblem(invalid, 422));
        QCOMPARE(parse(invalid).at("valid"), json::value(false));

        const auto explicitFalse = f.api->handle(
            request("PUT", "/admin/v1/config?dryRun=false", configBody(1, {"docker.io"}), Auth::Good, ifMatch("\"1\"")));
        QCOMPARE(explicitFalse.status, 200);
        QCOMPARE(f.config->currentRevision(), std::int64_t(2));

        const auto bad = f.api->handle(request("PUT", "/admin/v1/config?dryRun=yes", configBody(2, {})));
        QVERIFY(isProblem(bad, 400));
        QCOMPARE(parse(bad).at("parameter"), json::value("dryRun"));
        QCOMPARE(f.config->currentRevision(), std::int64_t(2));
    }

    void revisionLimits_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::newRow("default") << "" << 200;
        QTest::newRow("empty") << "?limit=" << 200;
        QTest::newRow("one") << "?limit=1" << 200;
        QTest::newRow("max") << "?limit=1000" << 200;
        QTest::newRow("zero") << "?limit=0" << 400;
        QTest::newRow("too many") << "?limit=1001" << 400;
        QTest::newRow("negative") << "?limit=-1" << 400;
        QTest::newRow("text") << "?limit=abc" << 400;
        QTest::newRow("fraction") << "?limit=1.5" << 400;
        QTest::newRow("huge") << "?limit=99999999999999999999999" << 400;
        QTest::newRow("bad escape") << "?limit=%zz" << 400;
    }

    void revisionLimits()
    {
        QFETCH(QString, query);
        QFETCH(int, status);
        Fixture f(freshDir());
        const auto response = f.api->handle(request("GET", "/admin/v1/config/revisions" + query.toStdString()));
        QCOMPARE(response.status, status);
        if (status == 400) {
            QVERIFY(isProblem(response, 400));
            QCOMPARE(parse(response).at("parameter"), json::value("limit"));
            QVERIFY(parse(response).at("detail").as_string().find("\"limit\"") != json::string::npos);
        }
    }

    void revisionLimitIsApplied()
    {
        Fixture f(freshDir());
        for (std::int64_t r = 1; r <= 3; ++r)
            QCOMPARE(f.api->handle(request("PUT", "/admin/v1/config", configBody(r, {}), Auth::Good, ifMatch(etagFor(r))))
                         .status,
                     200);
        const auto two = parse(f.api->handle(request("GET", "/admin/v1/config/revisions?limit=2"))).as_array();
        QCOMPARE(two.size(), std::size_t(2));
        QCOMPARE(two[0].at("revision"), json::value(4));
        QCOMPARE(two[1].at("revision"), json::value(3));
    }

    void singleRevision()
    {
        Fixture f(freshDir());
        QCOMPARE(f.api->handle(request("PUT", "/admin/v1/config", configBody(1, {"docker.io"}), Auth::Good,
                                       ifMatch("\"1\"")))
                     .status,
                 200);
        const auto first = f.api->handle(request("GET", "/admin/v1/config/revisions/1"));
        QCOMPARE(first.status, 200);
        auto decoded = model::decodeConfig(first.body);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->revision, std::int64_t(1));
        QVERIFY(decoded->namespaces.empty());
        const auto second = f.api->handle(request("GET", "/admin/v1/config/revisions/2"));
        QCOMPARE(second.body, f.api->handle(request("GET", "/admin/v1/config")).body);
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1/config/revisions/3")), 404));
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1/config/revisions/0")), 404));
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1/config/revisions/abc")), 404));
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1/config/revisions/-1")), 404));

        // Rollback: the old document with the current revision (or none), If-Match current.
        auto old = model::decodeConfig(first.body);
        old->revision = 2;
        const auto rollback = f.api->handle(
            request("PUT", "/admin/v1/config", model::encodeConfig(*old), Auth::Good, ifMatch("\"2\"")));
        QCOMPARE(rollback.status, 200);
        QCOMPARE(header(rollback, "etag"), std::string("\"3\""));
        QVERIFY(model::decodeConfig(rollback.body)->namespaces.empty());
    }

    void credentials()
    {
        Fixture f(freshDir());
        const std::string password = "Sup3r-s3cret-pa55";
        const auto put = f.api->handle(request("PUT", "/admin/v1/credentials/dockerhub",
                                               "{\"username\":\"alice\",\"password\":\"" + password + "\"}"));
        QVERIFY2(put.status == 200, qPrintable(describe(put)));
        QCOMPARE(json::serialize(parse(put)),
                 json::serialize(json::value(json::object{{"name", "dockerhub"}, {"username", "alice"}, {"hasPassword", true}})));
        QVERIFY(f.api->handle(request("PUT", "/admin/v1/credentials/anon", "{\"username\":\"bob\"}")).status == 200);

        const auto list = f.api->handle(request("GET", "/admin/v1/credentials"));
        QCOMPARE(list.status, 200);
        const json::value expected = json::array{
            json::object{{"name", "anon"}, {"username", "bob"}, {"hasPassword", false}},
            json::object{{"name", "dockerhub"}, {"username", "alice"}, {"hasPassword", true}},
        };
        QCOMPARE(json::serialize(parse(list)), json::serialize(expected));
        QVERIFY(list.body.find(password) == std::string::npos);
        QCOMPARE(f.credentials->get("dockerhub")->password, std::optional<std::string>(password));

        // The config may now use it; then it cannot be deleted.
        QCOMPARE(f.api->handle(request("PUT", "/admin/v1/config", configBody(1, {"docker.io", "ghcr.io"}, "dockerhub"),
                                       Auth::Good, ifMatch("\"1\"")))
                     .status,
                 200);
        const auto referenced = f.api->handle(request("DELETE", "/admin/v1/credentials/dockerhub"));
        QVERIFY2(isProblem(referenced, 409), qPrintable(describe(referenced)));
        QCOMPARE(errorPointers(referenced),
                 (QStringList{"/namespaces/0/upstreams/0/credential", "/namespaces/1/upstreams/0/credential"}));
        QVERIFY(parse(referenced).at("detail").as_string().find("/namespaces/0/upstreams/0/credential")
                != json::string::npos);
        QVERIFY(f.credentials->get("dockerhub"));

        const auto deleted = f.api->handle(request("DELETE", "/admin/v1/credentials/anon"));
        QCOMPARE(deleted.status, 204);
        QVERIFY(deleted.body.empty());
        QVERIFY(isProblem(f.api->handle(request("DELETE", "/admin/v1/credentials/anon")), 404));
        QVERIFY(isProblem(f.api->handle(request("DELETE", "/admin/v1/credentials/bad%20name")), 404));

        // Unreferenced again: deletable.
        QCOMPARE(f.api->handle(request("PUT", "/admin/v1/config", configBody(2, {}), Auth::Good, ifMatch("\"2\""))).status,
                 200);
        QCOMPARE(f.api->handle(request("DELETE", "/admin/v1/credentials/dockerhub")).status, 204);
        QCOMPARE(f.api->handle(request("GET", "/admin/v1/credentials")).body, std::string("[]"));
    }

    void credentialBodyErrors()
    {
        Fixture f(freshDir());
        const auto unknown = f.api->handle(
            request("PUT", "/admin/v1/credentials/x", "{\"username\":\"u\",\"password\":\"p\",\"token\":\"t\"}"));
        QVERIFY2(isProblem(unknown, 422), qPrintable(describe(unknown)));
        QCOMPARE(errorPointers(unknown), QStringList{"/token"});
        const auto missing = f.api->handle(request("PUT", "/admin/v1/credentials/x", "{\"password\":\"hunter2\"}"));
        QVERIFY(isProblem(missing, 422));
        QCOMPARE(errorPointers(missing), QStringList{"/username"});
        QVERIFY(missing.body.find("hunter2") == std::string::npos);
        QVERIFY(isProblem(f.api->handle(request("PUT", "/admin/v1/credentials/x", "not json")), 400));
        QVERIFY(isProblem(f.api->handle(request("PUT", "/admin/v1/credentials/x", "")), 400));
        const auto badName = f.api->handle(request("PUT", "/admin/v1/credentials/a%2Fb", "{\"username\":\"u\"}"));
        QVERIFY(isProblem(badName, 400));
        QVERIFY(isProblem(f.api->handle(request("PUT", "/admin/v1/credentials/" + std::string(65, 'a'),
                                                "{\"username\":\"u\"}")),
                          400));
        QVERIFY(f.credentials->list().empty());
        // A percent-encoded valid name is the name.
        QCOMPARE(f.api->handle(request("PUT", "/admin/v1/credentials/%61b", "{\"username\":\"u\"}")).status, 200);
        QVERIFY(f.credentials->get("ab"));
    }

    void events()
    {
        Fixture f(freshDir());
        model::Event e;
        e.seq = 41;
        e.timeMs = kStartedAt;
        e.method = "GET";
        e.repository = "library/alpine";
        e.reference = "3.20";
        e.status = 200;
        f.events.next.events = {e};
        f.events.next.lastSeq = 1042;
        f.events.next.oldestSeq = 41;
        f.events.next.gap = EventGap{6, 40};

        const auto response = f.api->handle(request("GET", "/admin/v1/events?after=5&limit=10"));
        QVERIFY2(response.status == 200, qPrintable(describe(response)));
        QCOMPARE(f.events.after, std::int64_t(5));
        QCOMPARE(f.events.limit, std::size_t(10));
        const auto v = parse(response).as_object();
        QCOMPARE(v.at("instanceId"), json::value(kInstanceId));
        QCOMPARE(v.at("lastSeq"), json::value(1042));
        QCOMPARE(v.at("oldestSeq"), json::value(41));
        QCOMPARE(json::serialize(v.at("gap")), std::string("{\"from\":6,\"to\":40}"));
        QCOMPARE(v.at("events").as_array().size(), std::size_t(1));
        QCOMPARE(json::serialize(v.at("events").as_array()[0]), json::serialize(model::eventToJson(e)));

        f.events.next.gap.reset();
        const auto defaults = f.api->handle(request("GET", "/admin/v1/events"));
        QCOMPARE(defaults.status, 200);
        QCOMPARE(f.events.after, std::int64_t(0));
        QCOMPARE(f.events.limit, std::size_t(1000));
        QVERIFY(!parse(defaults).as_object().contains("gap"));

        QCOMPARE(f.api->handle(request("GET", "/admin/v1/events?limit=10000")).status, 200);
        for (const char* bad : {"?limit=10001", "?limit=0", "?after=-1", "?after=x", "?limit=1e3"}) {
            const auto response400 = f.api->handle(request("GET", std::string("/admin/v1/events") + bad));
            QVERIFY2(isProblem(response400, 400), bad);
            const auto parameter = parse(response400).at("parameter");
            QVERIFY(parameter == "limit" || parameter == "after");
        }
    }

    void eventStream()
    {
        Fixture f(freshDir());
        QVERIFY(AdminApi::isEventStream(request("GET", "/admin/v1/events/stream?after=3")));
        QVERIFY(!AdminApi::isEventStream(request("GET", "/admin/v1/events?after=3")));

        auto start = f.api->openEventStream(request("GET", "/admin/v1/events/stream?after=3"));
        QVERIFY(std::holds_alternative<EventStreamStart>(start));
        QCOMPARE(std::get<EventStreamStart>(start).after, std::int64_t(3));

        auto fromZero = f.api->openEventStream(request("GET", "/admin/v1/events/stream"));
        QCOMPARE(std::get<EventStreamStart>(fromZero).after, std::int64_t(0));

        auto resumed = f.api->openEventStream(
            request("GET", "/admin/v1/events/stream?after=3", {}, Auth::Good, {{"last-event-id", "17"}}));
        QCOMPARE(std::get<EventStreamStart>(resumed).after, std::int64_t(17));

        auto badId = f.api->openEventStream(
            request("GET", "/admin/v1/events/stream", {}, Auth::Good, {{"last-event-id", "x"}}));
        QVERIFY(isProblem(std::get<HttpResponse>(badId), 400));
        auto badAfter = f.api->openEventStream(request("GET", "/admin/v1/events/stream?after=-2"));
        QVERIFY(isProblem(std::get<HttpResponse>(badAfter), 400));
        auto post = f.api->openEventStream(request("POST", "/admin/v1/events/stream"));
        QVERIFY(isProblem(std::get<HttpResponse>(post), 405));

        model::Event e;
        e.seq = 9;
        const std::string message = AdminApi::formatStreamEvent(e);
        QVERIFY(message.starts_with("id: 9\nevent: request\ndata: {"));
        QVERIFY(message.ends_with("}\n\n"));
        QCOMPARE(std::count(message.begin(), message.end(), '\n'), std::ptrdiff_t(4));
    }

    void stats()
    {
        Fixture f(freshDir());
        f.stats.next.sinceStart = {10, 6, 3, 1, 1000, 400};
        f.stats.next.total = {20, 12, 6, 2, 2000, 800};
        f.stats.next.cache = {5, 4096};
        f.stats.next.eventsDropped = 7;
        f.stats.next.namespaces = {{"docker.io", {10, 6, 3, 1, 1000, 400}, {20, 12, 6, 2, 2000, 800}, {5, 4096}}};
        const auto response = f.api->handle(request("GET", "/admin/v1/stats"));
        QCOMPARE(response.status, 200);
        const auto v = parse(response).as_object();
        QCOMPARE(v.at("instanceId"), json::value(kInstanceId));
        QCOMPARE(json::serialize(v.at("sinceStart")),
                 std::string("{\"requests\":10,\"hits\":6,\"misses\":3,\"mismatches\":1,\"bytesServed\":1000,"
                             "\"bytesFetched\":400}"));
        QCOMPARE(json::serialize(v.at("cache")), std::string("{\"entries\":5,\"bytes\":4096}"));
        QCOMPARE(v.at("eventsDropped"), json::value(7));
        QCOMPARE(v.at("startedAt"), json::value("2027-01-15T08:00:00.000Z"));
        QCOMPARE(v.at("namespaces").as_array()[0].at("namespace"), json::value("docker.io"));
        QCOMPARE(v.at("namespaces").as_array()[0].at("total").at("requests"), json::value(20));
    }

    void cache()
    {
        Fixture f(freshDir());
        f.cache.entries = {{"docker.io", "library/alpine", "3.20", "sha256:" + std::string(64, 'a'),
                            "application/vnd.oci.image.index.v1+json", 1601, "https://registry-1.docker.io",
                            kStartedAt, std::nullopt}};
        const auto response =
            f.api->handle(request("GET", "/admin/v1/cache?namespace=Docker.IO&repository=library%2Falpine&limit=5"));
        QVERIFY2(response.status == 200, qPrintable(describe(response)));
        QCOMPARE(f.cache.lastFilter, (CacheFilter{"docker.io", "library/alpine", std::nullopt}));
        QCOMPARE(f.cache.lastLimit, std::size_t(5));
        const auto entry = parse(response).as_array().at(0).as_object();
        QCOMPARE(entry.at("namespace"), json::value("docker.io"));
        QCOMPARE(entry.at("tag"), json::value("3.20"));
        QCOMPARE(entry.at("size"), json::value(1601));
        QCOMPARE(entry.at("fetchedAt"), json::value("2027-01-15T08:00:00.000Z"));
        QVERIFY(entry.at("lastServedAt").is_null());
        QCOMPARE(entry.size(), std::size_t(9));

        QCOMPARE(f.api->handle(request("GET", "/admin/v1/cache?namespace=&repository=&limit=")).status, 200);
        QCOMPARE(f.cache.lastFilter, CacheFilter{});
        QCOMPARE(f.cache.lastLimit, std::size_t(1000));

        const auto forgotten =
            f.api->handle(request("DELETE", "/admin/v1/cache?namespace=docker.io&repository=library/alpine&tag=3.20"));
        QCOMPARE(forgotten.status, 200);
        QCOMPARE(parse(forgotten).at("forgotten"), json::value(3));
        QCOMPARE(f.cache.lastFilter, (CacheFilter{"docker.io", "library/alpine", "3.20"}));

        for (const char* bad : {"?namespace=not%20a%20host", "?repository=UPPER", "?limit=0", "?limit=10001"})
            QVERIFY2(isProblem(f.api->handle(request("GET", std::string("/admin/v1/cache") + bad)), 400), bad);
        QVERIFY(isProblem(f.api->handle(request("DELETE", "/admin/v1/cache?tag=-bad")), 400));

        f.cache.fail = true;
        const auto failed = f.api->handle(request("GET", "/admin/v1/cache"));
        QVERIFY(isProblem(failed, 500));
        QVERIFY(failed.body.find("disk on fire") != std::string::npos);
    }

    void delegatesNotYetAvailable()
    {
        Fixture f(freshDir(), false);
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1/events")), 503));
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1/stats")), 503));
        QVERIFY(isProblem(f.api->handle(request("GET", "/admin/v1/cache")), 503));
        QVERIFY(isProblem(f.api->handle(request("DELETE", "/admin/v1/cache")), 503));
        auto stream = f.api->openEventStream(request("GET", "/admin/v1/events/stream"));
        QVERIFY(isProblem(std::get<HttpResponse>(stream), 503));
    }

    void concurrentPutsThroughTheApi()
    {
        Fixture f(freshDir());
        constexpr int kThreads = 6;
        std::vector<int> statuses(kThreads);
        std::vector<std::thread> threads;
        std::atomic<int> ready{0};
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                ++ready;
                while (ready.load() < kThreads)
                    std::this_thread::yield();
                statuses[static_cast<std::size_t>(t)] =
                    f.api->handle(request("PUT", "/admin/v1/config", configBody(1, {"n" + std::to_string(t) + ".io"}),
                                          Auth::Good, ifMatch("\"1\"")))
                        .status;
            });
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(std::count(statuses.begin(), statuses.end(), 200), std::ptrdiff_t(1));
        QCOMPARE(std::count(statuses.begin(), statuses.end(), 412), std::ptrdiff_t(kThreads - 1));
        QCOMPARE(f.config->currentRevision(), std::int64_t(2));
    }

    void stateSurvivesRestart()
    {
        const fs::path dir = freshDir();
        std::string document;
        {
            Fixture f(dir);
            QCOMPARE(f.api->handle(request("PUT", "/admin/v1/credentials/hub", "{\"username\":\"u\",\"password\":\"p\"}"))
                         .status,
                     200);
            const auto put = f.api->handle(
                request("PUT", "/admin/v1/config", configBody(1, {"docker.io"}, "hub"), Auth::Good, ifMatch("\"1\"")));
            QCOMPARE(put.status, 200);
            document = put.body;
        }
        Fixture f(dir);
        QVERIFY(f.ok());
        const auto get = f.api->handle(request("GET", "/admin/v1/config"));
        QCOMPARE(get.body, document);
        QCOMPARE(header(get, "etag"), std::string("\"2\""));
        QCOMPARE(parse(f.api->handle(request("GET", "/admin/v1/info"))).at("configRevision"), json::value(2));
        QCOMPARE(parse(f.api->handle(request("GET", "/admin/v1/credentials"))).as_array().size(), std::size_t(1));
        QVERIFY(isProblem(f.api->handle(request("DELETE", "/admin/v1/credentials/hub")), 409));
    }

    void problemResponseHelper()
    {
        const auto response = problemResponse(413, "too big");
        QVERIFY(isProblem(response, 413));
        QCOMPARE(parse(response).at("title"), json::value("Content Too Large"));
        QCOMPARE(parse(response).at("detail"), json::value("too big"));
    }
};

QTEST_GUILESS_MAIN(TestAdminApi)
#include "tst_adminapi.moc"
