// Repository globs of trust policies, and allow/deny evaluation.

#include "core/model/RepositoryGlob.h"

#include <QByteArray>
#include <QStringList>
#include <QTest>
#include <string>
#include <string_view>
#include <vector>

using namespace nsgate::model;

namespace {

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

std::vector<std::string> toStrings(const QStringList& list)
{
    std::vector<std::string> out;
    for (const auto& item : list)
        out.push_back(item.toStdString());
    return out;
}

} // namespace

class TestRepositoryGlob : public QObject
{
    Q_OBJECT

private slots:
    void compile_data();
    void compile();
    void matches_data();
    void matches();
    void policyAllows_data();
    void policyAllows();
};

void TestRepositoryGlob::compile_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("error"); // empty: compiles; else part of the message

    for (const char* pattern :
         {"library/alpine", "library/*", "library/**", "bitnami/*", "**", "*", "*/*", "**/alpine", "a/**/b",
          "team-*/app", "*-dev", "a*b*c", "**/**", "ghcr.io/org/*", "foo__bar/x.y-z", "0", "*/**/*"}) {
        QTest::addRow("compiles %s", pattern) << QByteArray(pattern) << QByteArray();
    }
    QTest::newRow("255 characters") << QByteArray(255, 'a') << QByteArray();

    QTest::newRow("empty") << QByteArray() << QByteArray("glob \"\": must not be empty");
    QTest::newRow("256 characters") << QByteArray(256, 'a')
                                    << QByteArray("must be at most 255 characters (has 256)");
    QTest::newRow("lone slash") << QByteArray("/") << QByteArray("empty segment at position 1");
    QTest::newRow("leading slash") << QByteArray("/library/*") << QByteArray("empty segment at position 1");
    QTest::newRow("trailing slash") << QByteArray("library/") << QByteArray("empty segment at position 9");
    QTest::newRow("double slash") << QByteArray("a//b") << QByteArray("empty segment at position 3");
    QTest::newRow("upper case")
        << QByteArray("Library/*")
        << QByteArray("glob \"Library/*\": must be lower-case, as repositories are (found 'L' "
                      "at position 1)");
    QTest::newRow("upper case later")
        << QByteArray("library/Alp*") << QByteArray("(found 'A' at position 9)");
    QTest::newRow("stars glued to text")
        << QByteArray("a**") << QByteArray("\"**\" must be a whole segment (at position 2)");
    QTest::newRow("three stars") << QByteArray("***")
                                 << QByteArray("\"**\" must be a whole segment (at position 1)");
    QTest::newRow("stars inside later segment") << QByteArray("a/b**c") << QByteArray("(at position 4)");
    QTest::newRow("question mark") << QByteArray("a?c")
                                   << QByteArray("character '?' at position 2 is not allowed");
    QTest::newRow("character class") << QByteArray("foo/**/ba[rz]") << QByteArray("character '['");
    QTest::newRow("tag in pattern") << QByteArray("foo/*/baz:tag") << QByteArray("character ':'");
    QTest::newRow("space") << QByteArray("a b") << QByteArray("character ' '");
    QTest::newRow("backslash") << QByteArray("a\\*") << QByteArray("character '\\x5c'");
    QTest::newRow("newline") << QByteArray("a\n")
                             << QByteArray("glob \"a\\x0a\": character '\\x0a' at position 2");
    QTest::newRow("negation") << QByteArray("!library/*") << QByteArray("character '!'");
}

void TestRepositoryGlob::compile()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, error);

    const auto glob = RepositoryGlob::compile(view(pattern));
    QCOMPARE(glob.ok(), error.isEmpty());
    if (glob.ok()) {
        QCOMPARE(glob->pattern(), std::string(view(pattern)));
        return;
    }
    QCOMPARE(glob.error().code, std::string("glob.invalid"));
    const auto& message = glob.error().message;
    QVERIFY2(message.starts_with("glob \""), message.c_str());
    QVERIFY2(message.find(view(error)) != std::string::npos, message.c_str());
}

void TestRepositoryGlob::matches_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("repository");
    QTest::addColumn<bool>("expected");

    const auto row = [](const QByteArray& pattern, const QByteArray& repository, bool expected) {
        QTest::addRow("%s ~ %s", pattern.constData(), repository.constData())
            << pattern << repository << expected;
    };

    // Literal.
    row("library/alpine", "library/alpine", true);
    row("library/alpine", "library/alpine2", false);
    row("library/alpine", "library", false);
    row("library/alpine", "library/alpine/x", false);
    row("library/alpine", "x/library/alpine", false);

    // '*': exactly one segment.
    row("*", "alpine", true);
    row("*", "library/alpine", false);
    row("bitnami/*", "bitnami/redis", true);
    row("bitnami/*", "bitnami", false);
    row("bitnami/*", "bitnami/redis/sub", false);
    row("bitnami/*", "other/redis", false);
    row("*/*", "a/b", true);
    row("*/*", "a", false);
    row("*/*", "a/b/c", false);
    row("*/alpine", "library/alpine", true);
    row("*/alpine", "alpine", false);

    // '**': any number of segments, zero included.
    row("**", "alpine", true);
    row("**", "a/b/c/d", true);
    row("library/**", "library/alpine", true);
    row("library/**", "library/a/b/c", true);
    row("library/**", "library", true);
    row("library/**", "libraryx/alpine", false);
    row("library/**", "other/library/alpine", false);
    row("**/alpine", "alpine", true);
    row("**/alpine", "library/alpine", true);
    row("**/alpine", "a/b/c/alpine", true);
    row("**/alpine", "alpine/x", false);
    row("**/alpine", "library/alpine2", false);
    row("a/**/b", "a/b", true);
    row("a/**/b", "a/x/b", true);
    row("a/**/b", "a/x/y/z/b", true);
    row("a/**/b", "a/x/c", false);
    row("a/**/b", "a/b/c", false);
    row("a/**/b", "a/b/b", true);
    row("**/**", "x", true);
    row("**/b/**", "a/b/c", true);
    row("**/b/**", "b", true);
    row("**/b/**", "a/c", false);
    row("**/a/*", "x/a/a/a", true);
    row("**/a/*", "x/a", false);
    row("*/**/*", "a", false);
    row("*/**/*", "a/b", true);
    row("*/**/*", "a/b/c/d", true);
    // carried from distribution's TestMatch (repository part, no classes):
    row("foo/**/bar", "foo", false);
    row("foo/**/bar", "foo/any/bat", false);
    row("foo/**/bar", "foo/a/bar", true);
    row("foo/**/baz", "foo/b/baz", true);
    row("foo/*/baz", "foo/c/baz", true);
    row("foo/c/baz", "foo/c/baz", true);
    row("*/foo/c/baz", "example.com/foo/c/baz", true);

    // '*' inside a segment: any run within that segment.
    row("team-*/app", "team-a/app", true);
    row("team-*/app", "team-platform/app", true);
    row("team-*/app", "team-/app", true);
    row("team-*/app", "team/app", false);
    row("team-*/app", "teams-a/app", false);
    row("team-*/app", "team-a/b/app", false);
    row("*-dev", "app-dev", true);
    row("*-dev", "app-dev-2", false);
    row("*-dev", "dev", false);
    row("a*b*c", "abc", true);
    row("a*b*c", "axxbyyc", true);
    row("a*b*c", "abcbc", true);
    row("a*b*c", "acb", false);
    row("a*b*c", "abcx", false);
    row("*a*", "banana", true);
    row("*a*", "xyz", false);
    row("library/alp*", "library/alpine", true);
    row("library/alp*", "library/alp", true);
    row("library/alp*", "library/busybox", false);
    row("**/*-debug", "org/team/svc-debug", true);
    row("**/*-debug", "org/team/svc", false);

    // Matching is literal otherwise: '.', '_' and '-' are ordinary characters.
    row("a.b", "axb", false);
    row("a_b", "a_b", true);

    row("library/*", "", false);
}

void TestRepositoryGlob::matches()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, repository);
    QFETCH(bool, expected);

    const auto glob = RepositoryGlob::compile(view(pattern));
    QVERIFY2(glob.ok(), glob.ok() ? "" : glob.error().message.c_str());
    QCOMPARE(glob->matches(view(repository)), expected);
}

void TestRepositoryGlob::policyAllows_data()
{
    QTest::addColumn<QStringList>("allow");
    QTest::addColumn<QStringList>("deny");
    QTest::addColumn<QByteArray>("repository");
    QTest::addColumn<bool>("expected");

    const QStringList none;
    QTest::newRow("empty allow allows all") << none << none << QByteArray("any/thing") << true;
    QTest::newRow("allow match") << QStringList{"library/**", "bitnami/*"} << none
                                 << QByteArray("library/alpine") << true;
    QTest::newRow("second allow matches")
        << QStringList{"library/**", "bitnami/*"} << none << QByteArray("bitnami/redis") << true;
    QTest::newRow("no allow matches")
        << QStringList{"library/**", "bitnami/*"} << none << QByteArray("bitnami/redis/sub") << false;
    QTest::newRow("deny only") << none << QStringList{"evil/**"} << QByteArray("evil/miner") << false;
    QTest::newRow("deny only, no match")
        << none << QStringList{"evil/**"} << QByteArray("library/alpine") << true;
    QTest::newRow("deny wins over allow") << QStringList{"library/**"} << QStringList{"library/old-*"}
                                          << QByteArray("library/old-app") << false;
    QTest::newRow("allow beside deny")
        << QStringList{"library/**"} << QStringList{"library/old-*"} << QByteArray("library/new-app") << true;
    QTest::newRow("invalid allow matches nothing")
        << QStringList{"Library/**"} << none << QByteArray("library/alpine") << false;
    QTest::newRow("invalid allow beside valid")
        << QStringList{"[bad", "library/*"} << none << QByteArray("library/alpine") << true;
    QTest::newRow("invalid deny matches nothing")
        << none << QStringList{"***"} << QByteArray("library/alpine") << true;
    QTest::newRow("empty pattern matches nothing")
        << QStringList{""} << none << QByteArray("library/alpine") << false;
}

void TestRepositoryGlob::policyAllows()
{
    QFETCH(QStringList, allow);
    QFETCH(QStringList, deny);
    QFETCH(QByteArray, repository);
    QFETCH(bool, expected);

    QCOMPARE(nsgate::model::policyAllows(toStrings(allow), toStrings(deny), view(repository)), expected);
}

QTEST_GUILESS_MAIN(TestRepositoryGlob)
#include "tst_repositoryglob.moc"
