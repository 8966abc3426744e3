// The admin token (creation, reuse, token files, constant-time matching), the
// instance identity and the data-file helpers under them.

#include "core/proxy/AdminToken.h"
#include "core/proxy/DataFile.h"
#include "core/proxy/InstanceIdentity.h"

#include <QTemporaryDir>
#include <QFile>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>

using namespace nsgate;
using namespace nsgate::proxy;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& path)
{
    // QFile rather than istreambuf_iterator: GCC 12 at -O2 reports a
    // potential null dereference inside libstdc++ for the latter.
    QFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

void writeFile(const fs::path& path, const std::string& content, mode_t mode)
{
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
    }
    ::chmod(path.c_str(), mode);
}

mode_t modeOf(const fs::path& path)
{
    struct stat st
    {
    };
    ::stat(path.c_str(), &st);
    return st.st_mode & 07777;
}

bool isBase64Url(const std::string& text)
{
    for (char c : text)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

} // namespace

class TestAdminToken : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_counter = 0;

    // A fresh, not yet existing directory below the temporary one.
    fs::path freshDir()
    {
        return fs::path(m_tmp.path().toStdString()) / ("d" + std::to_string(++m_counter));
    }

private slots:
    void createsTokenOnFirstStart()
    {
        const fs::path dir = freshDir() / "nested";
        auto token = AdminToken::loadOrCreate(dir);
        QVERIFY2(token.ok(), token.ok() ? "" : token.error().message.c_str());
        const fs::path file = dir / "admin-token";
        QCOMPARE(token->path(), fs::absolute(file));
        QCOMPARE(modeOf(file), mode_t(0600));
        QCOMPARE(modeOf(dir), mode_t(0700));
        const std::string content = readAll(file);
        QVERIFY(content.ends_with('\n'));
        const std::string secret = content.substr(0, content.size() - 1);
        QCOMPARE(secret.size(), std::size_t(43));   // 32 bytes, base64url without padding
        QVERIFY(isBase64Url(secret));
        QVERIFY(token->matches("Bearer " + secret));
        QVERIFY(token->warnings().empty());
    }

    void reusesTokenAfterRestart()
    {
        const fs::path dir = freshDir();
        auto first = AdminToken::loadOrCreate(dir);
        QVERIFY(first.ok());
        const std::string content = readAll(dir / "admin-token");
        auto second = AdminToken::loadOrCreate(dir);
        QVERIFY(second.ok());
        QCOMPARE(readAll(dir / "admin-token"), content);
        QVERIFY(second->matches("Bearer " + content.substr(0, content.size() - 1)));
    }

    void differentDataDirsGetDifferentTokens()
    {
        const fs::path a = freshDir();
        const fs::path b = freshDir();
        QVERIFY(AdminToken::loadOrCreate(a).ok());
        QVERIFY(AdminToken::loadOrCreate(b).ok());
        QVERIFY(readAll(a / "admin-token") != readAll(b / "admin-token"));
    }

    void loosenedTokenFileIsTightened()
    {
        const fs::path dir = freshDir();
        QVERIFY(AdminToken::loadOrCreate(dir).ok());
        ::chmod((dir / "admin-token").c_str(), 0644);
        QVERIFY(AdminToken::loadOrCreate(dir).ok());
        QCOMPARE(modeOf(dir / "admin-token"), mode_t(0600));
    }

    void damagedTokenFileIsAnError()
    {
        const fs::path dir = freshDir();
        fs::create_directories(dir);
        writeFile(dir / "admin-token", "two words\n", 0600);
        auto token = AdminToken::loadOrCreate(dir);
        QVERIFY(!token.ok());
        QVERIFY(token.error().message.find("delete it") != std::string::npos);
    }

    void tokenFileContentIsTrimmed()
    {
        const fs::path dir = freshDir();
        fs::create_directories(dir);
        const fs::path file = dir / "token";
        writeFile(file, "  \tsecret-token-1\r\n\n", 0600);
        auto token = AdminToken::loadOrCreate(dir / "data", file);
        QVERIFY2(token.ok(), token.ok() ? "" : token.error().message.c_str());
        QVERIFY(token->matches("Bearer secret-token-1"));
        QVERIFY(!token->matches("Bearer  secret-token-1x"));
        QCOMPARE(token->path(), fs::absolute(file));
        // With a token file, nothing is created in the data directory.
        QVERIFY(!fs::exists(dir / "data" / "admin-token"));
    }

    void tokenFileProblems_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "" << 0600 << "is empty";
        QTest::newRow("only whitespace") << " \n\t\n" << 0600 << "is empty";
        QTest::newRow("inner space") << "abc def" << 0600 << "visible ASCII";
        QTest::newRow("non-ASCII") << "p\xc3\xa4ss" << 0600 << "visible ASCII";
        QTest::newRow("writable by others") << "token" << 0602 << "writable by group or others (mode 0602)";
        QTest::newRow("writable by group") << "token" << 0620 << "chmod 600";
    }

    void tokenFileProblems()
    {
        QFETCH(QString, content);
        QFETCH(int, mode);
        QFETCH(QString, expected);
        const fs::path dir = freshDir();
        fs::create_directories(dir);
        const fs::path file = dir / "token";
        writeFile(file, content.toStdString(), static_cast<mode_t>(mode));
        auto token = AdminToken::loadOrCreate(dir, file);
        QVERIFY(!token.ok());
        QVERIFY2(token.error().message.find(expected.toStdString()) != std::string::npos,
                 token.error().message.c_str());
        // The message never repeats what was in the file.
        if (content == "token")
            QVERIFY(token.error().message.find("\"token\"") == std::string::npos);
    }

    void missingTokenFileIsAnError()
    {
        const fs::path dir = freshDir();
        auto token = AdminToken::loadOrCreate(dir, dir / "nope");
        QVERIFY(!token.ok());
        QVERIFY(token.error().message.find("nope") != std::string::npos);
    }

    void tokenFileReadableByOthersWarns()
    {
        const fs::path dir = freshDir();
        fs::create_directories(dir);
        const fs::path file = dir / "token";
        writeFile(file, "readable-token\n", 0644);
        auto token = AdminToken::loadOrCreate(dir, file);
        QVERIFY(token.ok());
        QCOMPARE(token->warnings().size(), std::size_t(1));
        QVERIFY(token->warnings().front().find("mode 0644") != std::string::npos);
        QVERIFY(token->warnings().front().find("readable-token") == std::string::npos);
        QVERIFY(token->matches("Bearer readable-token"));
    }

    void matchesParsesTheHeader_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << "Bearer s3cret" << true;
        QTest::newRow("scheme lower-case") << "bearer s3cret" << true;
        QTest::newRow("scheme upper-case") << "BEARER s3cret" << true;
        QTest::newRow("extra spaces") << "  Bearer    s3cret  " << true;
        QTest::newRow("tab") << "Bearer\ts3cret" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("scheme only") << "Bearer" << false;
        QTest::newRow("scheme and space") << "Bearer " << false;
        QTest::newRow("no space") << "Bearers3cret" << false;
        QTest::newRow("basic") << "Basic s3cret" << false;
        QTest::newRow("prefix") << "Bearer s3cre" << false;
        QTest::newRow("longer") << "Bearer s3cret1" << false;
        QTest::newRow("case differs") << "Bearer S3cret" << false;
        QTest::newRow("bare token") << "s3cret" << false;
    }

    void matchesParsesTheHeader()
    {
        QFETCH(QString, header);
        QFETCH(bool, matches);
        const auto token = AdminToken::fromSecret("s3cret");
        QCOMPARE(token.matches(header.toStdString()), matches);
        QVERIFY(token.path().empty());
    }

    void absentHeaderNeverMatches()
    {
        const auto token = AdminToken::fromSecret("s3cret");
        QVERIFY(!token.matchesHeader(std::nullopt));
        QVERIFY(token.matchesHeader(std::string_view("Bearer s3cret")));
    }

    void base64UrlVectors()
    {
        // RFC 4648 section 10, without padding, and the two URL-safe characters.
        QCOMPARE(base64UrlEncode(""), std::string());
        QCOMPARE(base64UrlEncode("f"), std::string("Zg"));
        QCOMPARE(base64UrlEncode("fo"), std::string("Zm8"));
        QCOMPARE(base64UrlEncode("foo"), std::string("Zm9v"));
        QCOMPARE(base64UrlEncode("foob"), std::string("Zm9vYg"));
        QCOMPARE(base64UrlEncode("fooba"), std::string("Zm9vYmE"));
        QCOMPARE(base64UrlEncode("foobar"), std::string("Zm9vYmFy"));
        QCOMPARE(base64UrlEncode(std::string("\xfb\xff", 2)), std::string("-_8"));
    }

    void instanceIdIsStable()
    {
        const fs::path dir = freshDir();
        auto first = InstanceIdentity::loadOrCreate(dir);
        QVERIFY(first.ok());
        const std::string id = first->instanceId();
        QVERIFY(isCanonicalUuid(id));
        QCOMPARE(id[14], '4');   // version 4
        QVERIFY(std::string("89ab").find(id[19]) != std::string::npos);   // RFC 4122 variant
        auto second = InstanceIdentity::loadOrCreate(dir);
        QVERIFY(second.ok());
        QCOMPARE(second->instanceId(), id);
        QCOMPARE(readAll(dir / "instance-id"), id + "\n");
    }

    void instanceIdsDiffer()
    {
        auto a = InstanceIdentity::loadOrCreate(freshDir());
        auto b = InstanceIdentity::loadOrCreate(freshDir());
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a->instanceId() != b->instanceId());
    }

    void damagedInstanceIdIsNotReplaced()
    {
        const fs::path dir = freshDir();
        fs::create_directories(dir);
        writeFile(dir / "instance-id", "not-a-uuid\n", 0644);
        auto identity = InstanceIdentity::loadOrCreate(dir);
        QVERIFY(!identity.ok());
        QCOMPARE(readAll(dir / "instance-id"), std::string("not-a-uuid\n"));
    }

    void canonicalUuidGrammar()
    {
        QVERIFY(isCanonicalUuid("123e4567-e89b-42d3-a456-426614174000"));
        QVERIFY(!isCanonicalUuid("123E4567-E89B-42D3-A456-426614174000"));
        QVERIFY(!isCanonicalUuid("123e4567e89b42d3a456426614174000"));
        QVERIFY(!isCanonicalUuid("123e4567-e89b-42d3-a456-42661417400"));
        QVERIFY(!isCanonicalUuid("123e4567-e89b-42d3-a456-42661417400g"));
    }

    void atomicWriteReplacesWithMode()
    {
        const fs::path dir = freshDir();
        fs::create_directories(dir);
        const fs::path file = dir / "f";
        QVERIFY(writeFileAtomically(file, "one", 0600).ok());
        QVERIFY(writeFileAtomically(file, "two", 0640).ok());
        QCOMPARE(readAll(file), std::string("two"));
        QCOMPARE(modeOf(file), mode_t(0640));
        // No temporary files are left behind.
        int entries = 0;
        for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
            ++entries;
        QCOMPARE(entries, 1);
    }

    void createOnceNeverReplaces()
    {
        const fs::path dir = freshDir();
        fs::create_directories(dir);
        const fs::path file = dir / "f";
        auto first = createFileOnce(file, "first", 0600);
        QVERIFY(first.ok() && *first);
        auto second = createFileOnce(file, "second", 0600);
        QVERIFY(second.ok() && !*second);
        QCOMPARE(readAll(file), std::string("first"));
    }

    void readSmallFileLimits()
    {
        const fs::path dir = freshDir();
        fs::create_directories(dir);
        writeFile(dir / "f", "12345", 0600);
        QVERIFY(readSmallFile(dir / "f", 5).ok());
        auto tooLarge = readSmallFile(dir / "f", 4);
        QVERIFY(!tooLarge.ok());
        QCOMPARE(tooLarge.error().code, std::string("file.too-large"));
        auto missing = readSmallFile(dir / "g", 4);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, std::string("file.missing"));
        QCOMPARE(readSmallFile(dir, 4).ok(), false);
    }

    void trimming()
    {
        QCOMPARE(trimWhitespace(" \t a b \r\n"), std::string_view("a b"));
        QCOMPARE(trimWhitespace(" \n"), std::string_view());
    }
};

QTEST_GUILESS_MAIN(TestAdminToken)
#include "tst_admintoken.moc"
