// The cache index: blobs, per-(namespace, repository) access, tag
// resolutions kept per namespace, and eviction of the least recently served.

#include "core/proxy/CacheIndex.h"

#include <QTemporaryDir>
#include <QTest>

using namespace nsgate::proxy;

namespace {

std::string digest(char c)
{
    return "sha256:" + std::string(64, c);
}

} // namespace

class TestCacheIndex : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<CacheIndex> open()
    {
        auto index = CacheIndex::open(m_dir.filePath(QStringLiteral("index.db")).toStdString());
        if (!index)
            qFatal("open: %s", index.error().message.c_str());
        return std::move(index).value();
    }

private slots:
    void init() { QFile::remove(m_dir.filePath(QStringLiteral("index.db"))); }

    void accessIsPerNamespaceAndRepository()
    {
        auto index = open();
        QVERIFY(index->putBlob({digest('a'), 10, "", "http://up", 1}).ok());
        QVERIFY(index->grantAccess("docker.io", "library/a", digest('a')).ok());
        QVERIFY(index->hasAccess("docker.io", "library/a", digest('a')));
        QVERIFY(!index->hasAccess("docker.io", "library/b", digest('a')));
        QVERIFY(!index->hasAccess("quay.io", "library/a", digest('a')));
        QCOMPARE(index->namespacesWithAccess("library/a", digest('a')), std::vector<std::string>{"docker.io"});
        QVERIFY(index->grantAccess("quay.io", "library/a", digest('a')).ok());
        QCOMPARE(index->namespacesWithAccess("library/a", digest('a')).size(), std::size_t(2));
    }

    void tagsAreNeverSharedAcrossNamespaces()
    {
        auto index = open();
        QVERIFY(index->putTag({"docker.io", "library/a", "1", digest('a'), "m", 5, "http://up", 10, 10}).ok());
        QVERIFY(index->tag("docker.io", "library/a", "1").has_value());
        QVERIFY(!index->tag("quay.io", "library/a", "1").has_value());
        QCOMPARE(index->purgeTags("quay.io", "", ""), std::int64_t(0));
        QCOMPARE(index->purgeTags("docker.io", "library/a", ""), std::int64_t(1));
        QVERIFY(!index->tag("docker.io", "library/a", "1").has_value());
    }

    void evictionTakesTheLeastRecentlyServedFirst()
    {
        auto index = open();
        // Fetched at 1, 2, 3; served afterwards in the order c, a: b is the least recent.
        QVERIFY(index->putBlob({digest('a'), 100, "", "u", 1}).ok());
        QVERIFY(index->putBlob({digest('b'), 100, "", "u", 2}).ok());
        QVERIFY(index->putBlob({digest('c'), 100, "", "u", 3}).ok());
        QVERIFY(index->grantAccess("n", "r", digest('b')).ok());
        index->touch(digest('c'), 10);
        index->touch(digest('a'), 20);
        QCOMPARE(index->totals().bytes, std::uint64_t(300));
        QVERIFY(index->evictTo(300).empty());
        QCOMPARE(index->evictTo(250), std::vector<std::string>{digest('b')});
        QVERIFY(!index->blob(digest('b')));
        QVERIFY(!index->hasAccess("n", "r", digest('b')));
        QCOMPARE(index->evictTo(100), std::vector<std::string>{digest('c')});
        QVERIFY(index->blob(digest('a')).has_value());
        QCOMPARE(index->totals().entries, std::uint64_t(1));
    }

    void servedTimesSurviveAReopen()
    {
        {
            auto index = open();
            QVERIFY(index->putBlob({digest('a'), 1, "", "u", 1}).ok());
            QVERIFY(index->putBlob({digest('b'), 1, "", "u", 2}).ok());
            index->touch(digest('a'), 50);
            index->flushTouches();
        }
        auto index = open();
        QCOMPARE(index->evictTo(1), std::vector<std::string>{digest('b')});
    }
};

QTEST_GUILESS_MAIN(TestCacheIndex)
#include "tst_cacheindex.moc"
