// Registry host normalization and the `ns` query value. Rows marked
// "distribution" carry the inputs of distribution/reference's TestDomainRegexp;
// where nsgate is stricter (port range, IPv6 validity) the row says so.

#include "core/model/Grammar.h"
#include "core/model/RegistryHost.h"

#include <QByteArray>
#include <QTest>
#include <string>
#include <string_view>

using namespace nsgate::model;

namespace {

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray label(char c, int length)
{
    return QByteArray(length, c);
}

} // namespace

class TestRegistryHost : public QObject
{
    Q_OBJECT

private slots:
    void normalize_data();
    void normalize();
    void normalizeIsIdempotent_data();
    void normalizeIsIdempotent();
    void fieldNamesTheValue();
    void percentDecode_data();
    void percentDecode();
    void normalizeNs_data();
    void normalizeNs();
};

void TestRegistryHost::normalize_data()
{
    QTest::addColumn<QByteArray>("host");
    // The normalized host, or empty when normalization must fail.
    QTest::addColumn<QByteArray>("expected");
    // Part of the expected message when it fails.
    QTest::addColumn<QByteArray>("error");

    const auto ok = [](const char* name, const QByteArray& host, const QByteArray& expected) {
        QTest::newRow(name) << host << expected << QByteArray();
    };
    const auto bad = [](const char* name, const QByteArray& host, const QByteArray& error) {
        QTest::newRow(name) << host << QByteArray() << error;
    };

    // distribution: accepted by the domain grammar, and by nsgate.
    ok("distribution: test.com", "test.com", "test.com");
    ok("distribution: test.com:10304", "test.com:10304", "test.com:10304");
    ok("distribution: localhost", "localhost", "localhost");
    ok("distribution: localhost:8080", "localhost:8080", "localhost:8080");
    ok("distribution: a", "a", "a");
    ok("distribution: a.b", "a.b", "a.b");
    ok("distribution: ab.cd.com", "ab.cd.com", "ab.cd.com");
    ok("distribution: a-b.com", "a-b.com", "a-b.com");
    ok("distribution: ab.c-om", "ab.c-om", "ab.c-om");
    ok("distribution: 0101.com", "0101.com", "0101.com");
    ok("distribution: 001a.com", "001a.com", "001a.com");
    ok("distribution: b.gbc.io:443", "b.gbc.io:443", "b.gbc.io:443");
    ok("distribution: b.gbc.io", "b.gbc.io", "b.gbc.io");
    ok("distribution: xn--n3h.com", "xn--n3h.com", "xn--n3h.com");
    ok("distribution: Asdf.com", "Asdf.com", "asdf.com");
    ok("distribution: test-com:8080", "test-com:8080", "test-com:8080");
    ok("distribution: xn--n3h.com:18080", "xn--n3h.com:18080", "xn--n3h.com:18080");
    ok("distribution: 192.168.1.1", "192.168.1.1", "192.168.1.1");
    ok("distribution: 192.168.1.1:5000", "192.168.1.1:5000", "192.168.1.1:5000");
    ok("distribution: 127.0.0.1:8000", "127.0.0.1:8000", "127.0.0.1:8000");
    ok("distribution: [2001:db8::1]", "[2001:db8::1]", "[2001:db8::1]");
    ok("distribution: [2001:db8::1]:5000", "[2001:db8::1]:5000", "[2001:db8::1]:5000");
    ok("distribution: [2001:db8:1:2:3:4:5:6]", "[2001:db8:1:2:3:4:5:6]", "[2001:db8:1:2:3:4:5:6]");
    ok("distribution: [2001:db8::]:5000", "[2001:db8::]:5000", "[2001:db8::]:5000");
    ok("distribution: [::1]:5000", "[::1]:5000", "[::1]:5000");
    ok("distribution: [fc00:1:2:3:4:5:6:7]:5000", "[fc00:1:2:3:4:5:6:7]:5000", "[fc00:1:2:3:4:5:6:7]:5000");
    ok("distribution: [fd00:1:2::3] with a valid port", "[fd00:1:2::3]:65535", "[fd00:1:2::3]:65535");
    ok("distribution: long IPv6", "[2001:0db8:85a3:0000:0000:8a2e:0370:7334]",
       "[2001:0db8:85a3:0000:0000:8a2e:0370:7334]");

    // Normalization.
    ok("upper-case name", "Docker.IO", "docker.io");
    ok("upper-case with port", "GHCR.io:443", "ghcr.io:443");
    ok("upper-case IPv6", "[2001:DB8::ABCD]:5000", "[2001:db8::abcd]:5000");
    ok("port leading zeros", "localhost:05000", "localhost:5000");
    ok("port 1", "registry:1", "registry:1");
    ok("port 65535", "registry:65535", "registry:65535");
    ok("port 000080", "registry:000080", "registry:80");
    ok("IPv6 unspecified", "[::]", "[::]");
    ok("IPv4 zeros", "0.0.0.0", "0.0.0.0");
    ok("IPv4 255", "255.255.255.255:1", "255.255.255.255:1");
    ok("digit label inside a name", "1.2.3.com", "1.2.3.com");
    ok("all-digit first label", "123.example", "123.example");
    ok("63-character label", label('a', 63) + ".com", label('a', 63) + ".com");
    const QByteArray max =
        label('a', 63) + '.' + label('b', 63) + '.' + label('c', 63) + '.' + label('d', 63);
    ok("255 characters", max, max);

    // distribution: rejected by its grammar.
    bad("distribution: test.com:http", "test.com:http", "port \"http\" must be decimal digits");
    bad("distribution: -ab.com", "-ab.com", "label \"-ab\" must not start or end with '-'");
    bad("distribution: ab-.com", "ab-.com", "label \"ab-\" must not start or end with '-'");
    bad("distribution: ab.-com", "ab.-com", "label \"-com\"");
    bad("distribution: ab.com-", "ab.com-", "label \"com-\"");
    bad("distribution: [fd00:1:2::3]75050", "[fd00:1:2::3]75050", "unexpected '7' at position 14");
    bad("distribution: [fd00:1:2::3]::75050", "[fd00:1:2::3]::75050",
        "port \":75050\" must be decimal digits");
    bad("distribution: [fd00:1:2::3%eth0]:75050", "[fd00:1:2::3%eth0]:75050", "zone identifiers ('%')");
    bad("distribution: fd00:1:2::3:75050", "fd00:1:2::3:75050", "IPv6 addresses must be in brackets");
    bad("distribution: [fe80::1%eth0]:5000", "[fe80::1%eth0]:5000", "zone identifiers");
    bad("distribution: [2001:db8:3:4::192.0.2.33]:5000", "[2001:db8:3:4::192.0.2.33]:5000", "embedded IPv4");
    bad("distribution: foo_bar.com:8080", "foo_bar.com:8080",
        "character '_' at position 4 is not allowed in a host");
    bad("distribution: bad_hostname.com:8080", "bad_hostname.com:8080", "character '_'");
    bad("distribution: https://github.com", "https://github.com", "not a URL");

    // distribution accepts these (range and address checks come later there);
    // nsgate refuses them at once.
    bad("distribution: 192.168.1.1:75050", "192.168.1.1:75050", "port \"75050\" is out of range (1-65535)");
    bad("distribution: 192.168.1.1:750050", "192.168.1.1:750050", "out of range");
    bad("distribution: [fd00:1:2::3]:75050", "[fd00:1:2::3]:75050", "out of range");
    bad("distribution: [fd00123123123]:75050", "[fd00123123123]:75050",
        "\"fd00123123123\" is not a valid IPv6");
    bad("distribution: long IPv6 with port 750505", "[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:750505",
        "out of range");

    // URL parts a host cannot carry.
    bad("empty", "", "must not be empty");
    bad("user info", "user@registry.example", "must not contain user info ('@' at position 5)");
    bad("user and password", "user:secret@registry.example", "user info");
    bad("path", "registry.example/v2", "must not contain a path ('/' at position 17)");
    bad("scheme", "http://registry.example", "no scheme");
    bad("scheme without host", "https://", "no scheme");
    bad("query", "registry.example?x=1", "must not contain a query");
    bad("fragment", "registry.example#top", "must not contain a fragment");
    bad("space", "registry example", "character ' ' at position 9 is not allowed");
    bad("leading space", " docker.io", "character ' ' at position 1");
    bad("tab", "docker.io\t", "character '\\x09' at position 10");
    bad("newline", "docker.io\nx", "character '\\x0a'");
    bad("NUL", QByteArray("docker.io\0", 10), "character '\\x00'");
    bad("DEL", "docker.io\x7f", "character '\\x7f'");
    bad("non-ASCII",
        "b\xc3\xbc"
        "cher.example",
        "punycode");
    bad("percent left encoded", "localhost%3A5000", "character '%'");
    bad("backslash", "host\\name", "character '\\x5c'");

    // Names.
    bad("empty label", "a..b", "empty label at position 3");
    bad("leading dot", ".docker.io", "empty label at position 1");
    bad("trailing dot", "docker.io.", "empty label at position 11");
    bad("lone dot", ".", "empty label");
    bad("64-character label", label('a', 64) + ".com", "is longer than 63 characters (has 64)");
    bad("257 characters", max + ".e", "must be at most 255 characters (has 257)");
    bad("port only", ":5000", "host name before the port is empty");
    bad("underscore", "my_registry", "character '_'");
    bad("plus", "a+b.example", "character '+'");
    bad("brackets without IPv6", "a[1]", "character '['");
    bad("closing bracket", "a]", "character ']'");

    // IPv4-looking names.
    bad("three octets", "1.2.3", "\"1.2.3\" is not a valid IPv4 address");
    bad("five octets", "1.2.3.4.5", "not a valid IPv4");
    bad("octet over 255", "999.1.1.1", "not a valid IPv4");
    bad("256", "1.2.3.256", "not a valid IPv4");
    bad("leading zero octet", "10.0.0.010", "not a valid IPv4");
    bad("all-digit name", "12345:80", "not a valid IPv4");
    bad("last label numeric", "example.123", "not a valid IPv4");

    // IPv6.
    bad("IPv6 without brackets", "::1", "IPv6 addresses must be in brackets");
    bad("IPv6 without brackets, port", "2001:db8::1:5000", "must be in brackets");
    bad("unclosed bracket", "[::1", "no closing ']'");
    bad("unclosed bracket with port", "[::1:5000", "no closing ']'");
    bad("empty brackets", "[]", "empty IPv6 address");
    bad("empty brackets with port", "[]:80", "empty IPv6 address");
    bad("IPv4-mapped", "[::ffff:127.0.0.1]", "embedded IPv4");
    bad("two double colons", "[1::2::3]", "\"1::2::3\" is not a valid IPv6 address");
    bad("nine groups", "[1:2:3:4:5:6:7:8:9]", "not a valid IPv6");
    bad("five-digit group", "[12345::1]", "not a valid IPv6");
    bad("over 39 characters", "[0000:0000:0000:0000:0000:0000:0000:0000:0]", "not a valid IPv6");
    bad("non-hex", "[::g]", "character 'g' is not allowed in an IPv6 address");
    bad("IPv6 with user info", "[::1]@host", "user info");
    bad("text after bracket", "[::1]x", "unexpected 'x' at position 6");
    bad("second bracket", "[::1]]", "unexpected ']'");

    // Ports.
    bad("empty port", "localhost:", "port after ':' is empty");
    bad("empty port after IPv6", "[::1]:", "port after ':' is empty");
    bad("port 0", "localhost:0", "port \"0\" is out of range");
    bad("port 00", "localhost:00", "out of range");
    bad("port 65536", "localhost:65536", "port \"65536\" is out of range");
    bad("port 99999", "localhost:99999", "out of range");
    bad("port with many digits", "localhost:1000000000000000000000", "out of range");
    bad("signed port", "localhost:+80", "must be decimal digits");
    bad("negative port", "localhost:-1", "must be decimal digits");
    bad("hex port", "localhost:0x50", "must be decimal digits");
    bad("two ports", "localhost:80:81", "must be in brackets");
}

void TestRegistryHost::normalize()
{
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, error);

    const auto result = normalizeRegistryHost(view(host));
    if (!expected.isEmpty()) {
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QCOMPARE(*result, std::string(view(expected)));
        return;
    }
    QVERIFY2(!result.ok(), result.ok() ? result->c_str() : "");
    const auto& message = result.error().message;
    QCOMPARE(result.error().code, std::string("host.invalid"));
    const std::string prefix = "host " + nsgate::model::quoteForMessage(view(host)) + ": ";
    QVERIFY2(message.starts_with(prefix), message.c_str());
    QVERIFY2(message.find(view(error)) != std::string::npos, message.c_str());
}

void TestRegistryHost::normalizeIsIdempotent_data()
{
    normalize_data();
}

void TestRegistryHost::normalizeIsIdempotent()
{
    QFETCH(QByteArray, host);
    const auto once = normalizeRegistryHost(view(host));
    if (!once.ok())
        return;
    const auto twice = normalizeRegistryHost(*once);
    QVERIFY2(twice.ok(), twice.ok() ? "" : twice.error().message.c_str());
    QCOMPARE(*twice, *once);
    const auto viaNs = nsgate::model::normalizeNs(*once);
    QVERIFY(viaNs.ok());
    QCOMPARE(*viaNs, *once);
}

void TestRegistryHost::fieldNamesTheValue()
{
    const auto result = normalizeRegistryHost("user@ghcr.io", "/namespaces/2/namespace");
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message,
             std::string(
                 "/namespaces/2/namespace \"user@ghcr.io\": must not contain user info ('@' at position 5)"));
}

void TestRegistryHost::percentDecode_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("expected"); // the decoded text, or part of the message

    QTest::newRow("plain") << QByteArray("docker.io") << true << QByteArray("docker.io");
    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("colon upper") << QByteArray("127.0.0.1%3A5001") << true << QByteArray("127.0.0.1:5001");
    QTest::newRow("colon lower") << QByteArray("127.0.0.1%3a5001") << true << QByteArray("127.0.0.1:5001");
    QTest::newRow("brackets") << QByteArray("%5B%3A%3A1%5D%3A5000") << true << QByteArray("[::1]:5000");
    QTest::newRow("plus is space") << QByteArray("a+b") << true << QByteArray("a b");
    QTest::newRow("encoded plus") << QByteArray("a%2Bb") << true << QByteArray("a+b");
    QTest::newRow("encoded percent") << QByteArray("%25") << true << QByteArray("%");
    QTest::newRow("double encoded") << QByteArray("%253A") << true << QByteArray("%3A");
    QTest::newRow("NUL") << QByteArray("a%00") << true << QByteArray("a\0", 2);
    QTest::newRow("high byte") << QByteArray("%FF") << true << QByteArray("\xff");

    QTest::newRow("lone percent")
        << QByteArray("%") << false
        << QByteArray("value \"%\": malformed percent escape at position 1 (expected %XX)");
    QTest::newRow("one digit") << QByteArray("ab%4") << false
                               << QByteArray("malformed percent escape at position 3");
    QTest::newRow("non-hex") << QByteArray("%zz") << false << QByteArray("at position 1");
    QTest::newRow("half hex") << QByteArray("%4g") << false << QByteArray("malformed percent escape");
    QTest::newRow("second escape bad") << QByteArray("%3A%3") << false << QByteArray("at position 4");
}

void TestRegistryHost::percentDecode()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, expected);

    const auto result = nsgate::model::percentDecode(view(text));
    QCOMPARE(result.ok(), ok);
    if (ok) {
        QCOMPARE(*result, std::string(view(expected)));
    } else {
        QCOMPARE(result.error().code, std::string("encoding.invalid"));
        QVERIFY2(result.error().message.find(view(expected)) != std::string::npos,
                 result.error().message.c_str());
    }
}

void TestRegistryHost::normalizeNs_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected"); // empty when it must fail
    QTest::addColumn<QByteArray>("error");    // the whole message when it fails

    const auto ok = [](const char* name, const QByteArray& raw, const QByteArray& expected) {
        QTest::newRow(name) << raw << expected << QByteArray();
    };
    const auto bad = [](const char* name, const QByteArray& raw, const QByteArray& error) {
        QTest::newRow(name) << raw << QByteArray() << error;
    };

    // As containerd sends it.
    ok("docker.io", "docker.io", "docker.io");
    ok("encoded port", "127.0.0.1%3A5001", "127.0.0.1:5001");
    ok("lower-case escape", "localhost%3a5000", "localhost:5000");
    ok("unencoded port", "localhost:5000", "localhost:5000");
    ok("upper-case host", "GHCR.IO", "ghcr.io");
    ok("encoded IPv6", "%5B%3A%3A1%5D%3A5000", "[::1]:5000");
    ok("half encoded IPv6", "[2001:DB8::1]%3A5000", "[2001:db8::1]:5000");
    ok("encoded letters", "%64ocker.io", "docker.io");
    ok("port leading zero", "registry%3A0443", "registry:443");

    bad("empty", "", "ns \"\": must not be empty");
    bad("plus is a space", "a+b",
        "ns \"a+b\" (decoded \"a b\"): character ' ' at position 2 is not allowed (no "
        "spaces, control or non-ASCII characters; write international names in punycode)");
    bad("encoded slash", "docker.io%2Flibrary",
        "ns \"docker.io%2Flibrary\" (decoded \"docker.io/library\"): must not contain a path ('/' at "
        "position 10)");
    bad("encoded user info", "user%40docker.io",
        "ns \"user%40docker.io\" (decoded \"user@docker.io\"): must not contain user info ('@' at position "
        "5)");
    bad("encoded scheme", "https%3A%2F%2Fghcr.io",
        "ns \"https%3A%2F%2Fghcr.io\" (decoded \"https://ghcr.io\"): must be a registry host, not a URL (no "
        "scheme "
        "such as \"https://\")");
    bad("double encoded", "localhost%253A5000",
        "ns \"localhost%253A5000\" (decoded \"localhost%3A5000\"): character '%' at position 10 is not "
        "allowed in a "
        "host name (only a-z, 0-9, '-' and '.')");
    bad("encoded query", "ghcr.io%3Fx",
        "ns \"ghcr.io%3Fx\" (decoded \"ghcr.io?x\"): must not contain a query ('?' "
        "at position 8)");
    bad("encoded newline", "ghcr.io%0D%0AX-Injected:1",
        "ns \"ghcr.io%0D%0AX-Injected:1\" (decoded \"ghcr.io\\x0d\\x0aX-Injected:1\"): character '\\x0d' at "
        "position 8 is not allowed");
    bad("encoded NUL", "ghcr.io%00",
        "ns \"ghcr.io%00\" (decoded \"ghcr.io\\x00\"): character '\\x00' at position 8");
    bad("malformed escape", "localhost%3",
        "ns \"localhost%3\": malformed percent escape at position 10 (expected %XX)");
    bad("bad port", "localhost%3A99999",
        "ns \"localhost%3A99999\" (decoded \"localhost:99999\"): port \"99999\" is out of range (1-65535)");
    bad("no decoding needed", "exa_mple.com",
        "ns \"exa_mple.com\": character '_' at position 4 is not allowed in a host name (only a-z, 0-9, '-' "
        "and '.')");
    bad("over 255 decoded", QByteArray(256, 'a'), "must be at most 255 characters (has 256)");
    bad("over 765 raw", QByteArray(766, 'a'), "must be at most 255 characters");
    bad("763 raw bytes are decoded", QByteArray("%61").repeated(254) + "%",
        "malformed percent escape at position 763");
}

void TestRegistryHost::normalizeNs()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, error);

    const auto result = nsgate::model::normalizeNs(view(raw));
    if (!expected.isEmpty()) {
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QCOMPARE(*result, std::string(view(expected)));
        const auto again = nsgate::model::normalizeNs(*result);
        QVERIFY(again.ok());
        QCOMPARE(*again, *result);
        return;
    }
    QVERIFY2(!result.ok(), result.ok() ? result->c_str() : "");
    QCOMPARE(result.error().code, std::string("ns.invalid"));
    const auto& message = result.error().message;
    QVERIFY2(message.starts_with("ns \""), message.c_str());
    QVERIFY2(message.find(view(error)) != std::string::npos, message.c_str());
}

QTEST_GUILESS_MAIN(TestRegistryHost)
#include "tst_registryhost.moc"
