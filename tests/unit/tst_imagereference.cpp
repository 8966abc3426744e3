// Image references with docker normalization. The inputs come from the tables
// of distribution/reference (reference_test.go, normalize_test.go) and
// containerd (reference/docker); the expectations are what docker's
// ParseNormalizedNamed gives for them, since that is the parse nsgate does.
// Where nsgate decides otherwise the row says why.

#include "core/model/Grammar.h"
#include "core/model/ImageReference.h"

#include <QByteArray>
#include <QSet>
#include <QTest>
#include <string>
#include <string_view>

using namespace nsgate::model;

namespace {

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray repeat(const char* text, int times)
{
    return QByteArray(text).repeated(times);
}

QByteArray rowName(const QByteArray& input)
{
    if (input.isEmpty())
        return "(empty)";
    for (const char c : input) {
        if (static_cast<unsigned char>(c) < 0x20)
            return QByteArray::fromStdString(quoteForMessage(view(input)));
    }
    if (input.size() <= 90)
        return input;
    return input.left(60) + "... (" + QByteArray::number(input.size()) + " bytes)";
}

const QByteArray kSha256F = "sha256:" + repeat("f", 64);
const QByteArray kSha512F = "sha512:" + repeat("f", 128);
const QByteArray kRedis = "sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";
const QByteArray kBusybox = "sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa";
const QByteArray kBusybox2 = "sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582";
const QByteArray kSerialization = "sha256:1234567890098765432112345667890098765432112345667890098765432112";
const QByteArray kImageId = "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a";

// Builds rows once per input: the same input appears in several upstream
// tables with the same meaning.
class Rows
{
public:
    void ok(const QByteArray& input, const QByteArray& domain, const QByteArray& path,
            const QByteArray& tag = {}, const QByteArray& digest = {})
    {
        if (take(input))
            QTest::newRow(rowName(input).constData())
                << input << domain << path << tag << digest << QByteArray();
    }
    void bad(const QByteArray& input, const QByteArray& error)
    {
        if (take(input))
            QTest::newRow(rowName(input).constData())
                << input << QByteArray() << QByteArray() << QByteArray() << QByteArray() << error;
    }

private:
    bool take(const QByteArray& input)
    {
        if (m_seen.contains(input))
            return false;
        m_seen.insert(input);
        return true;
    }
    QSet<QByteArray> m_seen;
};

} // namespace

class TestImageReference : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void pullAddsLatest_data();
    void pullAddsLatest();
    void pullDockerRef_data();
    void pullDockerRef();
    void familiar_data();
    void familiar();
    void familiarKeepsWhatReparses_data();
    void familiarKeepsWhatReparses();
    void message();
};

void TestImageReference::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("domain");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("digest");
    QTest::addColumn<QByteArray>("error"); // empty: parses; else part of the message

    Rows rows;

    // TestReferenceParse (distribution/reference, containerd reference/docker).
    rows.ok("test_com", "docker.io", "library/test_com");
    rows.ok("test.com:tag", "docker.io", "library/test.com", "tag");
    rows.ok("test.com:5000", "docker.io", "library/test.com", "5000");
    rows.ok("test.com/repo:tag", "test.com", "repo", "tag");
    rows.ok("test:5000/repo", "test:5000", "repo");
    rows.ok("test:5000/repo:tag", "test:5000", "repo", "tag");
    rows.ok("test:5000/repo@" + kSha256F, "test:5000", "repo", {}, kSha256F);
    rows.ok("test:5000/repo:tag@" + kSha256F, "test:5000", "repo", "tag", kSha256F);
    rows.bad("", "must not be empty");
    rows.bad(":justtag", "has no repository name");
    rows.bad("@" + kSha256F, "has no repository name");
    rows.bad("repo@sha256:ffffffffffffffffffffffffffffffffff",
             "digest \"sha256:ffffffffffffffffffffffffffffffffff\": "
             "sha256 needs 64 hex digits (has 34)");
    rows.bad("validname@invaliddigest:" + repeat("f", 64), "unsupported algorithm \"invaliddigest\"");
    rows.bad("Uppercase:tag", "repository \"Uppercase\": must be lower-case (found 'U' at position 1)");
    rows.bad("test:5000/Uppercase/lowercase:tag", "repository \"Uppercase/lowercase\": must be lower-case");
    rows.ok("lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase");
    rows.bad(repeat("a/", 128) + "a:tag", "must be at most 255 characters (has 257)");
    // Parse() accepts this 255-character name with "a" as its domain, but "a"
    // is no domain to ParseNormalizedNamed: docker.io/ makes it 265.
    rows.bad(repeat("a/", 127) + "a:tag-puts-this-over-max", "must be at most 255 characters (has 265)");
    rows.bad("aa/asdf$$^/aa", "character '$' at position 8 is not allowed");
    rows.ok("sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com", "bar/baz/quux");
    rows.ok("sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux",
            "some-long-tag");
    rows.ok("b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app",
            "test.example.com");
    rows.ok("xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com");
    rows.ok("xn--7o8h.com/myimage:xn--7o8h.com@" + kSha512F, "xn--7o8h.com", "myimage", "xn--7o8h.com",
            kSha512F);
    rows.ok("foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080");
    rows.ok("foo/foo_bar.com:8080", "docker.io", "foo/foo_bar.com", "8080");
    rows.ok("192.168.1.1", "docker.io", "library/192.168.1.1");
    rows.ok("192.168.1.1:tag", "docker.io", "library/192.168.1.1", "tag");
    rows.ok("192.168.1.1:5000", "docker.io", "library/192.168.1.1", "5000");
    rows.ok("192.168.1.1/repo", "192.168.1.1", "repo");
    rows.ok("192.168.1.1:5000/repo", "192.168.1.1:5000", "repo");
    rows.ok("192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050");
    rows.bad("[2001:db8::1]", "repository \"[2001:db8:\": character '['");
    rows.bad("[2001:db8::1]:5000", "character '['");
    rows.bad("[2001:db8::1]:tag", "character '['");
    rows.ok("[2001:db8::1]/repo", "[2001:db8::1]", "repo");
    rows.ok("[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag");
    rows.ok("[2001:db8::1]:5000/repo", "[2001:db8::1]:5000", "repo");
    rows.ok("[2001:db8::1]:5000/repo:tag", "[2001:db8::1]:5000", "repo", "tag");
    rows.ok("[2001:db8::1]:5000/repo@" + kSha256F, "[2001:db8::1]:5000", "repo", {}, kSha256F);
    rows.ok("[2001:db8::1]:5000/repo:tag@" + kSha256F, "[2001:db8::1]:5000", "repo", "tag", kSha256F);
    rows.ok("[2001:db8::]:5000/repo", "[2001:db8::]:5000", "repo");
    rows.ok("[::1]:5000/repo", "[::1]:5000", "repo");
    rows.bad("[fe80::1%eth0]:5000/repo", "domain \"[fe80::1%eth0]:5000\": IPv6 zone identifiers");
    // The '@' starts the digest, so this one fails there or earlier.
    rows.bad("[fe80::1%@invalidzone]:5000/repo", "character '['");

    // TestSerialization, TestWithTag.
    rows.ok("example.com:8000/named", "example.com:8000", "named");
    rows.ok("example.com:8000/named:tagged", "example.com:8000", "named", "tagged");
    rows.ok("other.com/named@" + kSerialization, "other.com", "named", {}, kSerialization);
    rows.ok("test.com/foo:tag", "test.com", "foo", "tag");
    rows.ok("foo:tag2", "docker.io", "library/foo", "tag2");
    rows.ok("test.com:8000/foo:tag4", "test.com:8000", "foo", "tag4");
    rows.ok("test.com:8000/foo:TAG5", "test.com:8000", "foo", "TAG5");
    rows.ok("test.com:8000/foo:latest@" + kRedis, "test.com:8000", "foo", "latest", kRedis);
    // TestWithDigest builds these without validating the digest; parsing
    // them checks its length.
    rows.bad("test.com:8000/foo:TAG5@sha256:1234567890098765432112345667890098765", "(has 37)");
    rows.bad("foo@sha256:1234567890098765432112345667890098765", "sha256 needs 64 hex digits");

    // TestParseNamed and TestNormalizedSplitHostname / TestDomainAndPath.
    rows.ok("test.com/foo", "test.com", "foo");
    rows.ok("test:8080/foo", "test:8080", "foo");
    rows.ok("test_com/foo", "docker.io", "test_com/foo");
    rows.ok("test.com", "docker.io", "library/test.com");
    rows.ok("foo", "docker.io", "library/foo");
    rows.ok("library/foo", "docker.io", "library/foo");
    rows.ok("docker.io/library/foo", "docker.io", "library/foo");
    rows.ok("docker.io/foo", "docker.io", "library/foo");
    rows.ok("docker/migrator", "docker.io", "docker/migrator");
    rows.ok("test.com:8080/foo", "test.com:8080", "foo");
    rows.ok("test-com:8080/foo", "test-com:8080", "foo");
    rows.ok("xn--n3h.com/foo", "xn--n3h.com", "foo");
    rows.ok("xn--n3h.com:18080/foo", "xn--n3h.com:18080", "foo");
    rows.ok("docker.io/library/foo/bar", "docker.io", "library/foo/bar");

    // TestValidateReferenceName.
    rows.ok("docker/docker", "docker.io", "docker/docker");
    rows.ok("library/debian", "docker.io", "library/debian");
    rows.ok("debian", "docker.io", "library/debian");
    rows.ok("docker.io/docker/docker", "docker.io", "docker/docker");
    rows.ok("docker.io/library/debian", "docker.io", "library/debian");
    rows.ok("docker.io/debian", "docker.io", "library/debian");
    rows.ok("index.docker.io/docker/docker", "docker.io", "docker/docker");
    rows.ok("index.docker.io/library/debian", "docker.io", "library/debian");
    rows.ok("index.docker.io/debian", "docker.io", "library/debian");
    rows.ok("127.0.0.1:5000/docker/docker", "127.0.0.1:5000", "docker/docker");
    rows.ok("127.0.0.1:5000/library/debian", "127.0.0.1:5000", "library/debian");
    rows.ok("127.0.0.1:5000/debian", "127.0.0.1:5000", "debian");
    rows.ok("192.168.0.1", "docker.io", "library/192.168.0.1");
    rows.ok("192.168.0.1:80", "docker.io", "library/192.168.0.1", "80");
    rows.ok("192.168.0.1:8/debian", "192.168.0.1:8", "debian");
    rows.ok("192.168.0.2:25000/debian", "192.168.0.2:25000", "debian");
    rows.ok("thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", "docker.io",
            "library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev");
    rows.ok("[fc00::1]:5000/docker", "[fc00::1]:5000", "docker");
    rows.ok("[fc00::1]:5000/docker/docker", "[fc00::1]:5000", "docker/docker");
    rows.ok("[fc00:1:2:3:4:5:6:7]:5000/library/debian", "[fc00:1:2:3:4:5:6:7]:5000", "library/debian");
    rows.ok("docker.io/" + kImageId, "docker.io", "library/" + kImageId);
    rows.ok("Docker/docker", "Docker", "docker");
    rows.ok("DOCKER/docker", "DOCKER", "docker");
    rows.bad("https://github.com/docker/docker", "domain \"https:\": port after ':' is empty");
    rows.bad("docker/Docker", "repository \"docker/Docker\": must be lower-case (found 'D' at position 8)");
    rows.bad("-docker", "repository \"-docker\": path component must start with a letter or digit");
    rows.bad("-docker/docker", "must start with a letter or digit");
    rows.bad("-docker.io/docker/docker",
             "domain \"-docker.io\": label \"-docker\" must not start or end with '-'");
    rows.bad("docker///docker", "empty path component at position 8");
    rows.bad("docker.io/docker/Docker", "must be lower-case");
    rows.bad("docker.io/docker///docker", "empty path component");
    rows.bad("[fc00::1]", "character '['");
    rows.bad("[fc00::1]:5000", "character '['");
    rows.bad("fc00::1:5000/debian", "domain \"fc00::1:5000\": IPv6 addresses must be in brackets");
    rows.bad("[fe80::1%eth0]:5000/debian", "zone identifiers");
    rows.bad("[2001:db8:3:4::192.0.2.33]:5000/debian", "embedded IPv4");
    rows.bad(kImageId, "a bare 64-character hex string is an image ID");

    // TestValidateRemoteName.
    rows.ok("docker-rules/docker", "docker.io", "docker-rules/docker");
    rows.ok("docker---rules/docker", "docker.io", "docker---rules/docker");
    rows.ok("doc/docker", "docker.io", "doc/docker");
    rows.ok("d/docker", "docker.io", "d/docker");
    rows.ok("jess/t", "docker.io", "jess/t");
    rows.ok("dock__er/docker", "docker.io", "dock__er/docker");
    rows.bad("docker-/docker", "must end with a letter or digit");
    rows.bad("-docker-/docker", "must start with a letter or digit");
    rows.bad("____/____", "must start with a letter or digit");
    rows.bad("_docker/_docker", "must start with a letter or digit");
    // With a '.' the first component is a domain, so these fail as hosts.
    rows.bad("dock..er/docker", "domain \"dock..er\": empty label at position 6");
    rows.bad("dock_.er/docker", "domain \"dock_.er\": character '_' at position 5");
    rows.bad("dock-.er/docker", "domain \"dock-.er\": label \"dock-\" must not start or end with '-'");
    rows.bad("docker/", "empty path component");
    rows.bad(
        "this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_"
        "because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_"
        "than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255/docker",
        "must be at most 255 characters");

    // TestParseAnyReference, the named ones.
    rows.ok("redis", "docker.io", "library/redis");
    rows.ok("redis:latest", "docker.io", "library/redis", "latest");
    rows.ok("docker.io/library/redis:latest", "docker.io", "library/redis", "latest");
    rows.ok("redis@" + kRedis, "docker.io", "library/redis", {}, kRedis);
    rows.ok("docker.io/library/redis@" + kRedis, "docker.io", "library/redis", {}, kRedis);
    rows.ok("dmcgowan/myapp", "docker.io", "dmcgowan/myapp");
    rows.ok("dmcgowan/myapp:latest", "docker.io", "dmcgowan/myapp", "latest");
    rows.ok("docker.io/mcgowan/myapp:latest", "docker.io", "mcgowan/myapp", "latest");
    rows.ok("dmcgowan/myapp@" + kRedis, "docker.io", "dmcgowan/myapp", {}, kRedis);
    rows.ok("docker.io/dmcgowan/myapp@" + kRedis, "docker.io", "dmcgowan/myapp", {}, kRedis);
    rows.ok("dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9", "docker.io",
            "library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9");
    rows.ok("dbcc1", "docker.io", "library/dbcc1");
    rows.bad("dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c", "is an image ID");
    // Only ParseAnyReference reads a bare digest; as a name it is
    // repository "sha256" with the hex as its tag, as ParseNormalizedNamed has it.
    rows.ok(kRedis, "docker.io", "library/sha256", kRedis.mid(7));

    // TestParseReferenceWithTagAndDigest.
    rows.ok("busybox:latest@" + kBusybox, "docker.io", "library/busybox", "latest", kBusybox);

    // TestFullNameRegexp / TestReferenceRegexp inputs as references.
    rows.ok("localhost:8080/bar", "localhost:8080", "bar");
    rows.ok("localhost:8080@" + kRedis, "docker.io", "library/localhost", "8080", kRedis);
    rows.ok("localhost@" + kRedis, "docker.io", "library/localhost", {}, kRedis);
    rows.ok("registry.com:8080/myapp:tag2@" + kRedis, "registry.com:8080", "myapp", "tag2", kRedis);
    rows.ok("Asdf.com/foo/bar", "Asdf.com", "foo/bar");
    rows.ok("registry.io/foo/project--id.module--name.ver---sion--name", "registry.io",
            "foo/project--id.module--name.ver---sion--name");
    rows.bad("registry.com:8080/myapp@sha256:badbadbadbad", "(has 12)");
    rows.bad("registry.com:8080/myapp:invalid~tag", "tag \"invalid~tag\": character '~'");
    rows.bad("bad_hostname.com:8080/myapp:tag", "domain \"bad_hostname.com:8080\": character '_'");
    rows.bad("localhost:http/name@" + kRedis, "port \"http\" must be decimal digits");
    rows.bad("registry.com:8080/myapp@bad", "digest \"bad\"");
    rows.bad("registry.com:8080/myapp@2bad", "digest \"2bad\"");
    rows.bad("Foo/FarB", "repository \"FarB\": must be lower-case");
    rows.bad("foo.com:http/bar", "port \"http\"");

    // Beyond the upstream tables: localhost and the special cases nsgate decides.
    rows.ok("localhost/foo", "localhost", "foo");
    rows.ok("localhost:5000/foo", "localhost:5000", "foo");
    rows.ok("localhost", "docker.io", "library/localhost");
    rows.ok("localhost:5000", "docker.io", "library/localhost", "5000");
    rows.ok("[::1]:5000/foo", "[::1]:5000", "foo");
    rows.ok("[::1]:5000/foo:1@" + kRedis, "[::1]:5000", "foo", "1", kRedis);
    rows.ok("ghcr.io/org/app:1.2@" + kSha256F, "ghcr.io", "org/app", "1.2", kSha256F);
    rows.ok("Foo/bar", "Foo", "bar");
    rows.ok("FOO/bar", "FOO", "bar");
    rows.ok("Docker.IO/alpine", "Docker.IO", "alpine"); // as written, as docker has it
    rows.ok("example.com:05000/foo", "example.com:05000", "foo");
    rows.ok("docker.io/library", "docker.io", "library/library");
    rows.ok("index.docker.io/library/foo/bar", "docker.io", "library/foo/bar");
    rows.ok("a.b/c@" + kSha512F, "a.b", "c", {}, kSha512F);
    // Stricter than distribution: the domain must be a usable registry host.
    rows.bad("registry:99999/foo", "domain \"registry:99999\": port \"99999\" is out of range (1-65535)");
    rows.bad("registry:0/foo", "out of range");
    rows.bad("1.2.3/foo", "domain \"1.2.3\": \"1.2.3\" is not a valid IPv4 address");
    rows.bad(repeat("a", 64) + ".com/foo", "is longer than 63 characters");
    rows.bad("[fd00123123123]:5000/foo", "is not a valid IPv6 address");
    // distribution reads this as a path with no domain; a first component
    // with '.' is a domain to every client, so nsgate refuses it.
    rows.bad("foo_bar.com/x", "domain \"foo_bar.com\": character '_'");
    rows.bad("user@ghcr.io/foo", "digest \"ghcr.io/foo\"");
    rows.bad("alpine:", "tag \"\": must not be empty");
    rows.bad("alpine@", "digest \"\": must not be empty");
    rows.bad("alpine:-x", "tag \"-x\": must start with a letter, digit or '_'");
    rows.bad("alpine:latest:more", "character ':'");
    rows.bad("alpine@" + kRedis + "@" + kRedis, "digest");
    rows.bad("alpine@" + kRedis + ":tag", "digest");
    rows.bad(" alpine", "character ' ' at position 1");
    rows.bad("alpine\n", "character '\\x0a' at position 7");
    rows.bad(QByteArray("alp\0ine", 7), "character '\\x00' at position 4");
    rows.bad("/alpine", "empty path component");
    rows.bad("ghcr.io/", "repository \"\": must not be empty");
    rows.bad("ghcr.io//x", "empty path component");

    // Name length: domain + "/" + path, at most 255; tag and digest do not count.
    const QByteArray domain = "example.com"; // 11, + "/" = 12
    rows.ok(domain + "/" + repeat("p", 243), domain, repeat("p", 243));
    rows.bad(domain + "/" + repeat("p", 244), "name \"example.com/ppp");
    rows.bad(domain + "/" + repeat("q", 244), "must be at most 255 characters (has 256)");
    rows.ok(repeat("x", 237), "docker.io", "library/" + repeat("x", 237)); // docker.io/library/ is 18
    rows.bad(repeat("x", 238), "must be at most 255 characters (has 256)");
    const QByteArray longest = domain + "/" + repeat("r", 243) + ":" + repeat("t", 128) + "@" + kSha512F;
    rows.ok(longest, domain, repeat("r", 243), repeat("t", 128), kSha512F);
    rows.bad(longest + "f", "is longer than any valid reference (521 characters)");
    rows.bad(repeat("a", 100000), "is longer than any valid reference (100000 characters)");
}

void TestImageReference::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, domain);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, digest);
    QFETCH(QByteArray, error);

    const auto result = parseNormalizedReference(view(input));
    if (!error.isEmpty()) {
        QVERIFY2(!result.ok(), result.ok() ? result->toString().c_str() : "");
        QCOMPARE(result.error().code, std::string("reference.invalid"));
        const auto& message = result.error().message;
        QVERIFY2(message.starts_with("reference " + nsgate::model::quoteForMessage(view(input)) + ": "),
                 message.c_str());
        QVERIFY2(message.find(view(error)) != std::string::npos, message.c_str());
        return;
    }
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    const auto& ref = *result;
    QCOMPARE(ref.domain, std::string(view(domain)));
    QCOMPARE(ref.path, std::string(view(path)));
    QCOMPARE(ref.tag, std::string(view(tag)));
    QCOMPARE(ref.digest, std::string(view(digest)));

    QCOMPARE(ref.name(), ref.domain + "/" + ref.path);
    QByteArray full = domain + "/" + path;
    if (!tag.isEmpty())
        full += ":" + tag;
    if (!digest.isEmpty())
        full += "@" + digest;
    QCOMPARE(ref.toString(), std::string(view(full)));

    // Both spellings parse back to the same value.
    const auto again = parseNormalizedReference(ref.toString());
    QVERIFY2(again.ok(), again.ok() ? "" : again.error().message.c_str());
    QCOMPARE(again->toString(), ref.toString());
    QVERIFY(*again == ref);
    const auto fromFamiliar = parseNormalizedReference(ref.familiar());
    QVERIFY2(fromFamiliar.ok(), fromFamiliar.ok() ? "" : fromFamiliar.error().message.c_str());
    QCOMPARE(fromFamiliar->toString(), ref.toString());
}

void TestImageReference::pullAddsLatest_data()
{
    parse_data();
}

void TestImageReference::pullAddsLatest()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, digest);
    QFETCH(QByteArray, error);

    const auto pull = parsePullReference(view(input));
    QCOMPARE(pull.ok(), error.isEmpty());
    if (!pull.ok()) {
        QVERIFY(pull.error() == parseNormalizedReference(view(input)).error());
        return;
    }
    const QByteArray expectedTag = tag.isEmpty() && digest.isEmpty() ? QByteArray("latest") : tag;
    QCOMPARE(pull->tag, std::string(view(expectedTag)));
    QCOMPARE(pull->digest, std::string(view(digest)));
    const auto again = parsePullReference(pull->toString());
    QVERIFY(again.ok());
    QVERIFY(*again == *pull);
}

void TestImageReference::pullDockerRef_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    // TestParseDockerRef: the same expectations, except that a reference with
    // both tag and digest keeps both (ParseDockerRef drops the tag).
    QTest::newRow("nothing") << QByteArray("busybox") << QByteArray("docker.io/library/busybox:latest");
    QTest::newRow("tag only") << QByteArray("busybox:latest")
                              << QByteArray("docker.io/library/busybox:latest");
    QTest::newRow("digest only") << "busybox@" + kBusybox2 << "docker.io/library/busybox@" + kBusybox2;
    QTest::newRow("path only") << QByteArray("library/busybox")
                               << QByteArray("docker.io/library/busybox:latest");
    QTest::newRow("hostname only") << QByteArray("docker.io/busybox")
                                   << QByteArray("docker.io/library/busybox:latest");
    QTest::newRow("no tag") << QByteArray("docker.io/library/busybox")
                            << QByteArray("docker.io/library/busybox:latest");
    QTest::newRow("no path") << QByteArray("docker.io/busybox:latest")
                             << QByteArray("docker.io/library/busybox:latest");
    QTest::newRow("no hostname") << QByteArray("library/busybox:latest")
                                 << QByteArray("docker.io/library/busybox:latest");
    QTest::newRow("full reference with tag")
        << QByteArray("docker.io/library/busybox:latest") << QByteArray("docker.io/library/busybox:latest");
    QTest::newRow("gcr reference without tag")
        << QByteArray("gcr.io/library/busybox") << QByteArray("gcr.io/library/busybox:latest");
    QTest::newRow("both tag and digest")
        << "gcr.io/library/busybox:latest@" + kBusybox2 << "gcr.io/library/busybox:latest@" + kBusybox2;
    QTest::newRow("alpine") << QByteArray("alpine") << QByteArray("docker.io/library/alpine:latest");
    QTest::newRow("IPv6 with port") << QByteArray("[::1]:5000/foo") << QByteArray("[::1]:5000/foo:latest");
    QTest::newRow("explicit other tag")
        << QByteArray("alpine:3.20") << QByteArray("docker.io/library/alpine:3.20");
}

void TestImageReference::pullDockerRef()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);

    const auto ref = parsePullReference(view(input));
    QVERIFY2(ref.ok(), ref.ok() ? "" : ref.error().message.c_str());
    QCOMPARE(ref->toString(), std::string(view(expected)));
}

void TestImageReference::familiar_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("familiar");
    QTest::addColumn<QByteArray>("full");

    // TestParseRepositoryInfo: every spelling of a row gives its familiar and
    // full names.
    struct Info
    {
        const char* familiar;
        const char* full;
        const char* ambiguous;
    };
    const Info infos[] = {
        {"fooo/bar", "docker.io/fooo/bar", "index.docker.io/fooo/bar"},
        {"ubuntu", "docker.io/library/ubuntu", "library/ubuntu"},
        {"nonlibrary/ubuntu", "docker.io/nonlibrary/ubuntu", nullptr},
        {"other/library", "docker.io/other/library", nullptr},
        {"127.0.0.1:8000/private/moonbase", "127.0.0.1:8000/private/moonbase", nullptr},
        {"127.0.0.1:8000/privatebase", "127.0.0.1:8000/privatebase", nullptr},
        {"example.com/private/moonbase", "example.com/private/moonbase", nullptr},
        {"example.com/privatebase", "example.com/privatebase", nullptr},
        {"example.com:8000/private/moonbase", "example.com:8000/private/moonbase", nullptr},
        {"example.com:8000/privatebasee", "example.com:8000/privatebasee", nullptr},
        {"ubuntu-12.04-base", "docker.io/library/ubuntu-12.04-base",
         "index.docker.io/library/ubuntu-12.04-base"},
        {"foo", "docker.io/library/foo", "docker.io/foo"},
        {"library/foo/bar", "docker.io/library/foo/bar", nullptr},
        {"store/foo/bar", "docker.io/store/foo/bar", nullptr},
        {"Foo/bar", "Foo/bar", nullptr},
        {"FOO/bar", "FOO/bar", nullptr},
    };
    for (const auto& info : infos) {
        for (const char* spelling : {info.familiar, info.full, info.ambiguous}) {
            if (spelling)
                QTest::addRow("%s", spelling)
                    << QByteArray(spelling) << QByteArray(info.familiar) << QByteArray(info.full);
        }
    }

    // TestParseReferenceWithTagAndDigest.
    const QByteArray shortRef = "busybox:latest@" + kBusybox;
    QTest::newRow("busybox tag and digest") << shortRef << shortRef << "docker.io/library/" + shortRef;
    QTest::newRow("digest only") << "docker.io/library/redis@" + kRedis << "redis@" + kRedis
                                 << "docker.io/library/redis@" + kRedis;
    QTest::newRow("other registry tag") << QByteArray("ghcr.io/org/app:1") << QByteArray("ghcr.io/org/app:1")
                                        << QByteArray("ghcr.io/org/app:1");
    QTest::newRow("IPv6") << QByteArray("[::1]:5000/foo:1") << QByteArray("[::1]:5000/foo:1")
                          << QByteArray("[::1]:5000/foo:1");
}

void TestImageReference::familiar()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, familiar);
    QFETCH(QByteArray, full);

    const auto ref = parseNormalizedReference(view(input));
    QVERIFY2(ref.ok(), ref.ok() ? "" : ref.error().message.c_str());
    QCOMPARE(ref->familiar(), std::string(view(familiar)));
    QCOMPARE(ref->toString(), std::string(view(full)));
}

void TestImageReference::familiarKeepsWhatReparses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("familiar");

    // Stripping "docker.io/" or "library/" here would change what the short
    // form means when it is parsed again.
    QTest::newRow("dotted first component") << QByteArray("docker.io/a.b/c") << QByteArray("docker.io/a.b/c");
    QTest::newRow("localhost first component")
        << QByteArray("docker.io/localhost/foo") << QByteArray("docker.io/localhost/foo");
    QTest::newRow("index host as a path")
        << QByteArray("docker.io/index.docker.io/x") << QByteArray("docker.io/index.docker.io/x");
    QTest::newRow("image ID as a name") << "docker.io/" + kImageId << "library/" + kImageId;
    QTest::newRow("image ID with a tag") << "docker.io/" + kImageId + ":1"
                                         << "library/" + kImageId + ":1";
    QTest::newRow("dotted single name") << QByteArray("docker.io/library/a.b:1") << QByteArray("a.b:1");
    QTest::newRow("dotted second component") << QByteArray("docker.io/org/a.b") << QByteArray("org/a.b");
}

void TestImageReference::familiarKeepsWhatReparses()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, familiar);

    const auto ref = parseNormalizedReference(view(input));
    QVERIFY2(ref.ok(), ref.ok() ? "" : ref.error().message.c_str());
    QCOMPARE(ref->familiar(), std::string(view(familiar)));
    const auto again = parseNormalizedReference(ref->familiar());
    QVERIFY2(again.ok(), again.ok() ? "" : again.error().message.c_str());
    QVERIFY(*again == *ref);
}

void TestImageReference::message()
{
    const auto upper = parseNormalizedReference("test:5000/Uppercase/lowercase:tag");
    QVERIFY(!upper.ok());
    QCOMPARE(upper.error().message,
             std::string(
                 "reference \"test:5000/Uppercase/lowercase:tag\": repository \"Uppercase/lowercase\": must "
                 "be lower-case (found 'U' at position 1)"));

    const auto control = parseNormalizedReference("alpine:1\r\nX-Evil: 1");
    QVERIFY(!control.ok());
    QVERIFY2(control.error().message.find('\n') == std::string::npos, control.error().message.c_str());
    QVERIFY2(control.error().message.starts_with("reference \"alpine:1\\x0d\\x0aX-Evil: 1\": "),
             control.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestImageReference)
#include "tst_imagereference.moc"
