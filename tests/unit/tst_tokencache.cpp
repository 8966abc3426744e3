// Registry auth pieces without a network: WWW-Authenticate parsing, token
// endpoint answers, and the token cache's expiry and isolation rules.

#include "core/proxy/AuthChallenge.h"
#include "core/proxy/TokenCache.h"

#include <QTest>

#include <chrono>
#include <memory>
#include <string>

using namespace nsgate;
using namespace nsgate::proxy;
using namespace std::chrono_literals;

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// "scheme{k=v;k=v}|scheme{...}" so tables stay readable.
QString render(const std::vector<AuthChallenge>& challenges)
{
    QStringList out;
    for (const auto& c : challenges) {
        QStringList params;
        for (const auto& [k, v] : c.params)
            params << qs(k) + QLatin1Char('=') + qs(v);
        out << qs(c.scheme) + QLatin1Char('{') + params.join(QLatin1Char(';')) + QLatin1Char('}');
    }
    return out.join(QLatin1Char('|'));
}

struct FakeClock
{
    std::shared_ptr<TokenCache::Clock::time_point> now =
        std::make_shared<TokenCache::Clock::time_point>(TokenCache::Clock::time_point{} + 1000h);

    TokenCache::Now fn() const
    {
        return [t = now] {
            return *t;
        };
    }
    void advance(std::chrono::seconds s) const { *now += s; }
};

} // namespace

class TestTokenCache : public QObject
{
    Q_OBJECT

private slots:
    void challenges_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("expected");
        QTest::newRow("docker hub")
            << QStringLiteral("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                              "scope=\"repository:library/alpine:pull\"")
            << QStringLiteral("bearer{realm=https://auth.docker.io/token;"
                              "service=registry.docker.io;scope=repository:library/alpine:pull}");
        QTest::newRow("distribution error")
            << QStringLiteral(
                   "Bearer realm=\"http://127.0.0.1:1/token\",service=\"test\",scope=\"repository:a:pull\","
                   "error=\"invalid_token\"")
            << QStringLiteral("bearer{realm=http://127.0.0.1:1/token;service=test;"
                              "scope=repository:a:pull;error=invalid_token}");
        QTest::newRow("basic") << QStringLiteral("Basic realm=\"Registry Realm\"")
                               << QStringLiteral("basic{realm=Registry Realm}");
        QTest::newRow("case and spaces") << QStringLiteral("  BEARER  Realm = \"r\" , Service=s ")
                                         << QStringLiteral("bearer{realm=r;service=s}");
        QTest::newRow("two challenges")
            << QStringLiteral("Basic realm=\"b\", Bearer realm=\"t\",scope=\"x y\"")
            << QStringLiteral("basic{realm=b}|bearer{realm=t;scope=x y}");
        QTest::newRow("escaped quote")
            << QStringLiteral("Bearer realm=\"a\\\"b\\\\c\"") << QStringLiteral("bearer{realm=a\"b\\c}");
        QTest::newRow("comma inside quotes") << QStringLiteral("Bearer scope=\"a,b\",realm=\"r\"")
                                             << QStringLiteral("bearer{scope=a,b;realm=r}");
        QTest::newRow("scheme only") << QStringLiteral("Negotiate") << QStringLiteral("negotiate{}");
        QTest::newRow("token68") << QStringLiteral("Negotiate abc==, Basic realm=\"x\"")
                                 << QStringLiteral("negotiate{}|basic{realm=x}");
        QTest::newRow("unterminated")
            << QStringLiteral("Bearer realm=\"r\",service=\"oops") << QStringLiteral("bearer{realm=r}");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("garbage") << QStringLiteral("\"=,=") << QString();
    }

    void challenges()
    {
        QFETCH(QString, header);
        QFETCH(QString, expected);
        QCOMPARE(render(parseAuthChallenges(header.toStdString())), expected);
    }

    void challengeParamLookupIgnoresCase()
    {
        const auto c = parseAuthChallenges("Bearer Realm=\"r\"");
        QCOMPARE(c.size(), std::size_t(1));
        QCOMPARE(qs(c[0].param("REALM").value_or("-")), QStringLiteral("r"));
        QVERIFY(!c[0].param("scope"));
    }

    void tokenResponses_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("token"); // empty: an error is expected
        QTest::addColumn<int>("expiresIn");
        QTest::newRow("token") << QStringLiteral("{\"token\":\"t1\",\"expires_in\":300}")
                               << QStringLiteral("t1") << 300;
        QTest::newRow("access_token")
            << QStringLiteral("{\"access_token\":\"t2\"}") << QStringLiteral("t2") << 60;
        QTest::newRow("both prefer token")
            << QStringLiteral("{\"token\":\"a\",\"access_token\":\"b\"}") << QStringLiteral("a") << 60;
        QTest::newRow("empty token falls back")
            << QStringLiteral("{\"token\":\"\",\"access_token\":\"b\"}") << QStringLiteral("b") << 60;
        QTest::newRow("fractional expiry")
            << QStringLiteral("{\"token\":\"t\",\"expires_in\":90.5}") << QStringLiteral("t") << 90;
        QTest::newRow("zero expiry is default")
            << QStringLiteral("{\"token\":\"t\",\"expires_in\":0}") << QStringLiteral("t") << 60;
        QTest::newRow("string expiry is default")
            << QStringLiteral("{\"token\":\"t\",\"expires_in\":\"300\"}") << QStringLiteral("t") << 60;
        QTest::newRow("no token") << QStringLiteral("{\"expires_in\":300}") << QString() << 0;
        QTest::newRow("not json") << QStringLiteral("<html>") << QString() << 0;
        QTest::newRow("array") << QStringLiteral("[]") << QString() << 0;
        QTest::newRow("header injection")
            << QStringLiteral("{\"token\":\"a\\r\\nX-Evil: 1\"}") << QString() << 0;
        QTest::newRow("space in token") << QStringLiteral("{\"token\":\"a b\"}") << QString() << 0;
    }

    void tokenResponses()
    {
        QFETCH(QString, json);
        QFETCH(QString, token);
        QFETCH(int, expiresIn);
        const auto parsed = parseTokenResponse(json.toStdString());
        if (token.isEmpty()) {
            QVERIFY(!parsed.ok());
            QCOMPARE(qs(parsed.error().code), QStringLiteral("upstream.auth"));
            return;
        }
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        QCOMPARE(qs(parsed->token), token);
        QCOMPARE(static_cast<int>(parsed->expiresIn.count()), expiresIn);
    }

    void expiresBeforeTheTokenDoes()
    {
        FakeClock clock;
        TokenCache cache(clock.fn());
        const TokenKey key{"https://r", "", "repository:a:pull"};
        cache.store(key, "t", 60s); // margin: a tenth of the lifetime, at most 10 s
        clock.advance(53s);
        QCOMPARE(qs(cache.find(key).value_or("")), QStringLiteral("t"));
        clock.advance(1s);
        QVERIFY(!cache.find(key));
        QCOMPARE(cache.size(), std::size_t(0));

        cache.store(key, "long", 3600s);
        clock.advance(3589s);
        QVERIFY(cache.find(key));
        clock.advance(1s);
        QVERIFY(!cache.find(key));
    }

    void keysSeparateUsersAndScopes()
    {
        FakeClock clock;
        TokenCache cache(clock.fn());
        cache.store({"https://r", "alice", "repository:a:pull"}, "alice-token", 300s);
        QVERIFY(!cache.find({"https://r", "", "repository:a:pull"}));
        QVERIFY(!cache.find({"https://r", "bob", "repository:a:pull"}));
        QVERIFY(!cache.find({"https://r", "alice", "repository:b:pull"}));
        QVERIFY(!cache.find({"https://other", "alice", "repository:a:pull"}));
        QVERIFY(cache.find({"https://r", "alice", "repository:a:pull"}));
    }

    void eraseOnlyTheTokenThatFailed()
    {
        FakeClock clock;
        TokenCache cache(clock.fn());
        const TokenKey key{"https://r", "", "s"};
        cache.store(key, "new", 300s);
        cache.erase(key, "old"); // a fetch that used an older token must not drop the newer one
        QCOMPARE(qs(cache.find(key).value_or("")), QStringLiteral("new"));
        cache.erase(key, "new");
        QVERIFY(!cache.find(key));
        cache.store(key, "again", 300s);
        cache.erase(key);
        QVERIFY(!cache.find(key));
    }

    void boundedSize()
    {
        FakeClock clock;
        TokenCache cache(clock.fn());
        for (std::size_t i = 0; i < TokenCache::kMaxEntries + 10; ++i)
            cache.store({"https://r", "", "repository:r" + std::to_string(i) + ":pull"}, "t",
                        std::chrono::seconds(300 + static_cast<long long>(i)));
        QCOMPARE(cache.size(), TokenCache::kMaxEntries);
        // The ones closest to expiry went first.
        QVERIFY(!cache.find({"https://r", "", "repository:r0:pull"}));
        QVERIFY(cache.find(
            {"https://r", "", "repository:r" + std::to_string(TokenCache::kMaxEntries + 9) + ":pull"}));
    }
};

QTEST_GUILESS_MAIN(TestTokenCache)
#include "tst_tokencache.moc"
