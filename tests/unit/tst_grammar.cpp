// Repository, tag and digest grammars. Rows marked "distribution" carry the
// inputs of distribution/reference's regexp_test.go and normalize_test.go
// (repository part only) with the verdict their grammar gives.

#include "core/model/Grammar.h"

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

QByteArray repeat(const char* text, int times)
{
    return QByteArray(text).repeated(times);
}

const QByteArray kHex64 = repeat("f", 64);
const QByteArray kHex128 = repeat("f", 128);

} // namespace

class TestGrammar : public QObject
{
    Q_OBJECT

private slots:
    void repository_data();
    void repository();
    void tag_data();
    void tag();
    void digest_data();
    void digest();
    void customField();
    void quoteForMessage_data();
    void quoteForMessage();
    void quoteCharForMessage_data();
    void quoteCharForMessage();
};

void TestGrammar::repository_data()
{
    QTest::addColumn<QByteArray>("name");
    // Empty: valid. Otherwise a part of the expected message.
    QTest::addColumn<QByteArray>("error");

    // distribution: path-only names that match the remote-name grammar.
    for (const char* name : {"short",
                             "simple/name",
                             "library/ubuntu",
                             "docker/stevvooe/app",
                             "aa/aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb",
                             "aa/aa/bb/bb/bb",
                             "a/a/a/a",
                             "a",
                             "a/aa",
                             "a/aa/a",
                             "foo.com",
                             "foo.com/bar",
                             "foo.com/bar/baz",
                             "sub-dom1.foo.com/bar/baz/quux",
                             "blog.foo.com/bar/baz",
                             "aa-a/a",
                             "foo_bar",
                             "foo_bar.com",
                             "foo.com/foo_bar",
                             "do__cker/docker",
                             "b.gcr.io/test.example.com/my-app",
                             "xn--n3h.com/myimage",
                             "xn--7o8h.com/myimage",
                             "example.com/xn--7o8h.com/myimage",
                             "example.com/some_separator__underscore/myimage",
                             "registry.io/foo/project--id.module--name.ver---sion--name",
                             "docker/docker",
                             "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
                             "docker-rules/docker",
                             "docker---rules/docker",
                             "doc/docker",
                             "d/docker",
                             "jess/t",
                             "dock__er/docker",
                             "library/debian",
                             "debian",
                             "test_com",
                             "test_com/foo",
                             "docker/migrator",
                             "192.168.1.1",
                             "0",
                             "a0/0a/00"}) {
        QTest::addRow("valid %s", name) << QByteArray(name) << QByteArray();
    }

    // distribution: rejected by the remote-name grammar.
    QTest::newRow("empty") << QByteArray() << QByteArray("must not be empty");
    QTest::newRow("a/a/a/a/") << QByteArray("a/a/a/a/") << QByteArray("empty path component at position 9");
    QTest::newRow("a//a/a") << QByteArray("a//a/a") << QByteArray("empty path component at position 3");
    QTest::newRow("foo.com/") << QByteArray("foo.com/") << QByteArray("empty path component");
    QTest::newRow("docker/") << QByteArray("docker/") << QByteArray("empty path component");
    QTest::newRow("docker///docker") << QByteArray("docker///docker") << QByteArray("empty path component");
    QTest::newRow("/leading") << QByteArray("/leading") << QByteArray("empty path component at position 1");
    QTest::newRow("a^a") << QByteArray("a^a") << QByteArray("character '^' at position 2 is not allowed");
    QTest::newRow("aa/asdf$$^/aa") << QByteArray("aa/asdf$$^/aa")
                                   << QByteArray("character '$' at position 8");
    QTest::newRow("asdf$$^/aa") << QByteArray("asdf$$^/aa") << QByteArray("character '$'");
    QTest::newRow("a-/a/a/a") << QByteArray("a-/a/a/a")
                              << QByteArray("must end with a letter or digit (found '-'");
    QTest::newRow("foo.com/a-/a/a") << QByteArray("foo.com/a-/a/a")
                                    << QByteArray("must end with a letter or digit");
    QTest::newRow("-foo/bar") << QByteArray("-foo/bar") << QByteArray("must start with a letter or digit");
    QTest::newRow("foo/bar-") << QByteArray("foo/bar-") << QByteArray("must end with a letter or digit");
    QTest::newRow("foo-/bar") << QByteArray("foo-/bar") << QByteArray("must end with a letter or digit");
    QTest::newRow("foo/-bar") << QByteArray("foo/-bar") << QByteArray("must start with a letter or digit");
    QTest::newRow("_foo/bar") << QByteArray("_foo/bar") << QByteArray("must start with a letter or digit");
    QTest::newRow("____/____") << QByteArray("____/____") << QByteArray("must start with a letter or digit");
    QTest::newRow("_docker/_docker") << QByteArray("_docker/_docker") << QByteArray("must start");
    QTest::newRow("docker_/docker_") << QByteArray("docker_/docker_") << QByteArray("must end");
    QTest::newRow("example.com/__underscore/myimage")
        << QByteArray("example.com/__underscore/myimage") << QByteArray("must start");
    QTest::newRow("example.com/..dots/myimage")
        << QByteArray("example.com/..dots/myimage") << QByteArray("must start");
    QTest::newRow("example.com/.dots/myimage")
        << QByteArray("example.com/.dots/myimage") << QByteArray("must start");
    QTest::newRow("example.com/nodouble..dots/myimage")
        << QByteArray("example.com/nodouble..dots/myimage") << QByteArray("invalid separator at position 22");
    QTest::newRow("docker./docker") << QByteArray("docker./docker") << QByteArray("must end");
    QTest::newRow(".docker/docker") << QByteArray(".docker/docker") << QByteArray("must start");
    QTest::newRow("docker-/docker") << QByteArray("docker-/docker") << QByteArray("must end");
    QTest::newRow("-docker/docker") << QByteArray("-docker/docker") << QByteArray("must start");
    QTest::newRow("-docker-/docker") << QByteArray("-docker-/docker") << QByteArray("must start");
    QTest::newRow("do..cker/docker") << QByteArray("do..cker/docker")
                                     << QByteArray("invalid separator at position 4");
    QTest::newRow("dock..er/docker") << QByteArray("dock..er/docker") << QByteArray("invalid separator");
    QTest::newRow("dock_.er/docker") << QByteArray("dock_.er/docker")
                                     << QByteArray("invalid separator at position 6");
    QTest::newRow("dock-.er/docker") << QByteArray("dock-.er/docker")
                                     << QByteArray("invalid separator at position 6");
    QTest::newRow("dock.-er") << QByteArray("dock.-er") << QByteArray("invalid separator");
    QTest::newRow("dock._er") << QByteArray("dock._er") << QByteArray("invalid separator");
    QTest::newRow("dock___er") << QByteArray("dock___er") << QByteArray("invalid separator at position 7");
    QTest::newRow("dock_-er") << QByteArray("dock_-er") << QByteArray("invalid separator");
    QTest::newRow("do__cker:8080/docker")
        << QByteArray("do__cker:8080/docker") << QByteArray("character ':' at position 9");
    QTest::newRow("foo.com:8080/bar") << QByteArray("foo.com:8080/bar") << QByteArray("character ':'");
    QTest::newRow("localhost:8080/bar") << QByteArray("localhost:8080/bar") << QByteArray("character ':'");
    QTest::newRow("foo_bar.com:8080") << QByteArray("foo_bar.com:8080") << QByteArray("character ':'");
    QTest::newRow("Asdf.com/foo/bar")
        << QByteArray("Asdf.com/foo/bar") << QByteArray("must be lower-case (found 'A' at position 1)");
    QTest::newRow("Foo/FarB") << QByteArray("Foo/FarB")
                              << QByteArray("must be lower-case (found 'F' at position 1)");
    QTest::newRow("docker/Docker") << QByteArray("docker/Docker")
                                   << QByteArray("must be lower-case (found 'D' at position 8)");
    // Upper case is named even when another fault comes first.
    QTest::newRow("-My_App") << QByteArray("-My_App")
                             << QByteArray("must be lower-case (found 'M' at position 2)");
    QTest::newRow("space") << QByteArray("foo bar") << QByteArray("character ' ' at position 4");
    QTest::newRow("tab") << QByteArray("foo\tbar") << QByteArray("character '\\x09' at position 4");
    QTest::newRow("NUL") << QByteArray("foo\0bar", 7) << QByteArray("character '\\x00' at position 4");
    QTest::newRow("non-ASCII") << QByteArray("caf\xc3\xa9") << QByteArray("character '\\xc3' at position 4");
    QTest::newRow("tag separator") << QByteArray("foo:tag") << QByteArray("character ':'");
    QTest::newRow("digest separator") << QByteArray("foo@sha256") << QByteArray("character '@'");

    // Length limit: 255 characters, separators included.
    QTest::newRow("255 characters") << repeat("a", 255) << QByteArray();
    QTest::newRow("256 characters") << repeat("a", 256)
                                    << QByteArray("must be at most 255 characters (has 256)");
    QTest::newRow("a/ x127 + a (255)") << repeat("a/", 127) + "a" << QByteArray();
    QTest::newRow("a/ x128 + a (257)") << repeat("a/", 128) + "a" << QByteArray("(has 257)");
    QTest::newRow("distribution: namespace too long")
        << QByteArray(
               "this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_"
               "namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_"
               "lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_"
               "255/docker")
        << QByteArray("must be at most 255 characters");
}

void TestGrammar::repository()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, error);

    QCOMPARE(isValidRepository(view(name)), error.isEmpty());
    const auto status = checkRepository(view(name));
    QCOMPARE(status.ok(), error.isEmpty());
    if (!status.ok()) {
        const auto& message = status.error().message;
        QCOMPARE(status.error().code, std::string("repository.invalid"));
        QVERIFY2(message.starts_with("repository " + nsgate::model::quoteForMessage(view(name)) + ": "),
                 message.c_str());
        QVERIFY2(message.find(view(error)) != std::string::npos, message.c_str());
    }
}

void TestGrammar::tag_data()
{
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("error");

    // distribution: tags from the reference tables.
    for (const char* tag : {"tag",
                            "5000",
                            "8080",
                            "5050",
                            "Uppercase",
                            "latest",
                            "some-long-tag",
                            "test.example.com",
                            "xn--n3h.com",
                            "xn--7o8h.com",
                            "tag-puts-this-over-max",
                            "tagged",
                            "tag2",
                            "tag4",
                            "TAG5",
                            "justtag",
                            "3.20",
                            "_",
                            "_private",
                            "1.2.3-rc.1_build",
                            "v1__x--y..z"}) {
        QTest::addRow("valid %s", tag) << QByteArray(tag) << QByteArray();
    }
    QTest::newRow("128 characters") << repeat("t", 128) << QByteArray();

    QTest::newRow("empty") << QByteArray() << QByteArray("must not be empty");
    QTest::newRow("129 characters") << repeat("t", 129)
                                    << QByteArray("must be at most 128 characters (has 129)");
    QTest::newRow("-foo") << QByteArray("-foo")
                          << QByteArray("must start with a letter, digit or '_' (found '-')");
    QTest::newRow(".foo") << QByteArray(".foo")
                          << QByteArray("must start with a letter, digit or '_' (found '.')");
    QTest::newRow("invalid~tag") << QByteArray("invalid~tag") << QByteArray("character '~' at position 8");
    QTest::newRow("slash") << QByteArray("a/b") << QByteArray("character '/' at position 2");
    QTest::newRow("colon") << QByteArray("a:b") << QByteArray("character ':'");
    QTest::newRow("at") << QByteArray("a@b") << QByteArray("character '@'");
    QTest::newRow("space") << QByteArray("a b") << QByteArray("character ' '");
    QTest::newRow("newline") << QByteArray("a\nb") << QByteArray("character '\\x0a'");
    QTest::newRow("non-ASCII first") << QByteArray("\xc3\xa9t\xc3\xa9") << QByteArray("(found '\\xc3')");
}

void TestGrammar::tag()
{
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, error);

    QCOMPARE(isValidTag(view(tag)), error.isEmpty());
    const auto status = checkTag(view(tag));
    QCOMPARE(status.ok(), error.isEmpty());
    if (!status.ok()) {
        const auto& message = status.error().message;
        QCOMPARE(status.error().code, std::string("tag.invalid"));
        QVERIFY2(message.starts_with("tag " + nsgate::model::quoteForMessage(view(tag)) + ": "),
                 message.c_str());
        QVERIFY2(message.find(view(error)) != std::string::npos, message.c_str());
    }
}

void TestGrammar::digest_data()
{
    QTest::addColumn<QByteArray>("digest");
    QTest::addColumn<QByteArray>("error");

    QTest::newRow("sha256") << "sha256:" + kHex64 << QByteArray();
    QTest::newRow("sha512") << "sha512:" + kHex128 << QByteArray();
    QTest::newRow("distribution: redis")
        << QByteArray("sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c")
        << QByteArray();
    QTest::newRow("distribution: busybox")
        << QByteArray("sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa")
        << QByteArray();
    QTest::newRow("distribution: serialization")
        << QByteArray("sha256:1234567890098765432112345667890098765432112345667890098765432112")
        << QByteArray();

    QTest::newRow("empty") << QByteArray() << QByteArray("must not be empty");
    QTest::newRow("no algorithm") << kHex64 << QByteArray("must be <algorithm>:<hex>");
    QTest::newRow("distribution: too short") << QByteArray("sha256:ffffffffffffffffffffffffffffffffff")
                                             << QByteArray("sha256 needs 64 hex digits (has 34)");
    QTest::newRow("distribution: WithDigest short")
        << QByteArray("sha256:1234567890098765432112345667890098765")
        << QByteArray("needs 64 hex digits (has 37)");
    QTest::newRow("distribution: invaliddigest")
        << "invaliddigest:" + kHex64
        << QByteArray("unsupported algorithm \"invaliddigest\" (sha256 or sha512)");
    QTest::newRow("distribution: bare word") << QByteArray("foo") << QByteArray("must be <algorithm>:<hex>");
    QTest::newRow("distribution: badbadbadbad")
        << QByteArray("sha256:badbadbadbad") << QByteArray("(has 12)");
    QTest::newRow("distribution: upper-case hex")
        << QByteArray("sha256:7EC43B381E5AEFE6E04EFB0B3F0693FF2A4A50652D64AEC573905F2DB5889A1C")
        << QByteArray("character 'E' at position 9 is not a lower-case hex digit");
    QTest::newRow("63 digits") << "sha256:" + repeat("0", 63) << QByteArray("(has 63)");
    QTest::newRow("65 digits") << "sha256:" + repeat("0", 65) << QByteArray("(has 65)");
    QTest::newRow("sha512 with 64") << "sha512:" + kHex64
                                    << QByteArray("sha512 needs 128 hex digits (has 64)");
    QTest::newRow("sha384 unsupported") << "sha384:" + repeat("0", 96) << QByteArray("unsupported algorithm");
    QTest::newRow("upper-case algorithm")
        << "SHA256:" + kHex64 << QByteArray("unsupported algorithm \"SHA256\"");
    QTest::newRow("empty algorithm") << ":" + kHex64 << QByteArray("unsupported algorithm \"\"");
    QTest::newRow("empty hex") << QByteArray("sha256:") << QByteArray("(has 0)");
    QTest::newRow("non-hex") << "sha256:" + repeat("g", 64) << QByteArray("character 'g' at position 8");
    QTest::newRow("trailing newline") << "sha256:" + kHex64 + "\n"
                                      << QByteArray("character '\\x0a' at position 72");
    QTest::newRow("second colon") << "sha256:" + kHex64 + ":" << QByteArray("character ':'");
}

void TestGrammar::digest()
{
    QFETCH(QByteArray, digest);
    QFETCH(QByteArray, error);

    QCOMPARE(isValidDigest(view(digest)), error.isEmpty());
    const auto status = checkDigest(view(digest));
    QCOMPARE(status.ok(), error.isEmpty());
    if (!status.ok()) {
        const auto& message = status.error().message;
        QCOMPARE(status.error().code, std::string("digest.invalid"));
        QVERIFY2(message.starts_with("digest " + nsgate::model::quoteForMessage(view(digest)) + ": "),
                 message.c_str());
        QVERIFY2(message.find(view(error)) != std::string::npos, message.c_str());
    }
}

void TestGrammar::customField()
{
    const auto repository = checkRepository("Foo/bar", "/namespaces/0/policy/allow/1");
    QVERIFY(!repository.ok());
    QCOMPARE(repository.error().message,
             std::string(
                 "/namespaces/0/policy/allow/1 \"Foo/bar\": must be lower-case (found 'F' at position 1)"));

    const auto tag = checkTag("-x", "reference");
    QVERIFY(!tag.ok());
    QCOMPARE(tag.error().message,
             std::string("reference \"-x\": must start with a letter, digit or '_' (found '-')"));

    const auto digest = checkDigest("md5:abc", "manifest digest");
    QVERIFY(!digest.ok());
    QCOMPARE(digest.error().message,
             std::string("manifest digest \"md5:abc\": unsupported algorithm \"md5\" (sha256 or sha512)"));
}

void TestGrammar::quoteForMessage_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("plain") << QByteArray("docker.io") << QByteArray("\"docker.io\"");
    QTest::newRow("empty") << QByteArray() << QByteArray("\"\"");
    QTest::newRow("quote") << QByteArray("a\"b") << QByteArray("\"a\\\"b\"");
    QTest::newRow("backslash") << QByteArray("a\\b") << QByteArray("\"a\\\\b\"");
    QTest::newRow("newline") << QByteArray("a\nb") << QByteArray("\"a\\x0ab\"");
    QTest::newRow("CR LF") << QByteArray("x\r\n") << QByteArray("\"x\\x0d\\x0a\"");
    QTest::newRow("NUL") << QByteArray("\0", 1) << QByteArray("\"\\x00\"");
    QTest::newRow("DEL") << QByteArray("\x7f") << QByteArray("\"\\x7f\"");
    QTest::newRow("UTF-8") << QByteArray("\xc3\xa9") << QByteArray("\"\\xc3\\xa9\"");
    QTest::newRow("300 bytes") << repeat("a", 300) << "\"" + repeat("a", 300) + "\"";
    QTest::newRow("301 bytes") << repeat("a", 301) << "\"" + repeat("a", 300) + "\"... (301 bytes)";
}

void TestGrammar::quoteForMessage()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(nsgate::model::quoteForMessage(view(value)), std::string(view(expected)));
}

void TestGrammar::quoteCharForMessage_data()
{
    QTest::addColumn<char>("c");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("letter") << 'a' << QByteArray("'a'");
    QTest::newRow("space") << ' ' << QByteArray("' '");
    QTest::newRow("dollar") << '$' << QByteArray("'$'");
    QTest::newRow("single quote") << '\'' << QByteArray("'\\x27'");
    QTest::newRow("backslash") << '\\' << QByteArray("'\\x5c'");
    QTest::newRow("tab") << '\t' << QByteArray("'\\x09'");
    QTest::newRow("high byte") << static_cast<char>(0xff) << QByteArray("'\\xff'");
}

void TestGrammar::quoteCharForMessage()
{
    QFETCH(char, c);
    QFETCH(QByteArray, expected);
    QCOMPARE(nsgate::model::quoteCharForMessage(c), std::string(view(expected)));
}

QTEST_GUILESS_MAIN(TestGrammar)
#include "tst_grammar.moc"
