// The line diff behind the conflict view and the history page: it must
// reproduce both texts, be minimal (checked against a plain LCS table on many
// random inputs), group each change as removals then additions, and stay fast
// on documents the size of a 2,000-namespace config.

#include "ui/TextDiff.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>
#include <vector>

using nsgate::ui::DiffLine;
using nsgate::ui::DiffRow;

namespace {

QStringList lines(const QString& text)
{
    return text.isEmpty() ? QStringList() : text.split(QLatin1Char(','));
}

// Rebuilds both sides from the script; fails the test when the script is not
// an in-order walk over every line of both texts.
void checkReconstructs(const QStringList& a, const QStringList& b, const QList<DiffLine>& diff)
{
    int nextA = 0, nextB = 0;
    for (const auto& l : diff) {
        switch (l.kind) {
        case DiffLine::Kind::Same:
            QCOMPARE(l.oldIndex, nextA);
            QCOMPARE(l.newIndex, nextB);
            QCOMPARE(a[nextA], b[nextB]);
            ++nextA;
            ++nextB;
            break;
        case DiffLine::Kind::Removed:
            QCOMPARE(l.oldIndex, nextA);
            QCOMPARE(l.newIndex, -1);
            ++nextA;
            break;
        case DiffLine::Kind::Added:
            QCOMPARE(l.newIndex, nextB);
            QCOMPARE(l.oldIndex, -1);
            ++nextB;
            break;
        }
    }
    QCOMPARE(nextA, static_cast<int>(a.size()));
    QCOMPARE(nextB, static_cast<int>(b.size()));
}

int lcsLength(const QStringList& a, const QStringList& b)
{
    const auto n = static_cast<std::size_t>(a.size()), m = static_cast<std::size_t>(b.size());
    std::vector<std::vector<int>> t(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j)
            t[i][j] = a[static_cast<qsizetype>(i - 1)] == b[static_cast<qsizetype>(j - 1)]
                          ? t[i - 1][j - 1] + 1
                          : std::max(t[i - 1][j], t[i][j - 1]);
    return t[n][m];
}

} // namespace

class TestTextDiff : public QObject
{
    Q_OBJECT

private slots:
    void examples_data()
    {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::addColumn<QString>("unified");
        QTest::newRow("equal") << "a,b,c"
                               << "a,b,c"
                               << "  a\n  b\n  c";
        QTest::newRow("both empty") << ""
                                    << ""
                                    << "";
        QTest::newRow("all added") << ""
                                   << "x,y"
                                   << "+ x\n+ y";
        QTest::newRow("all removed") << "x,y"
                                     << ""
                                     << "- x\n- y";
        QTest::newRow("replace middle") << "a,b,c"
                                        << "a,B,c"
                                        << "  a\n- b\n+ B\n  c";
        QTest::newRow("insert") << "a,c"
                                << "a,b,c"
                                << "  a\n+ b\n  c";
        QTest::newRow("delete") << "a,b,c"
                                << "a,c"
                                << "  a\n- b\n  c";
        QTest::newRow("shifted") << "p,q"
                                 << "q,r"
                                 << "- p\n  q\n+ r";
        QTest::newRow("swap") << "a,b"
                              << "b,a"
                              << "- a\n  b\n+ a";
        QTest::newRow("replace all") << "a,b"
                                     << "c,d"
                                     << "- a\n- b\n+ c\n+ d";
    }

    void examples()
    {
        QFETCH(QString, oldText);
        QFETCH(QString, newText);
        QFETCH(QString, unified);
        const auto a = lines(oldText), b = lines(newText);
        const auto diff = nsgate::ui::diffLines(a, b);
        checkReconstructs(a, b, diff);
        QCOMPARE(nsgate::ui::unifiedText(a, b, diff), unified);
    }

    // Random texts over a tiny alphabet produce many equal lines in odd
    // places, which is where a bisection bug shows up as a longer script.
    void minimalOnRandomInputs()
    {
        QRandomGenerator random(4711);
        for (int round = 0; round < 2000; ++round) {
            QStringList a, b;
            const int n = random.bounded(0, 14), m = random.bounded(0, 14);
            const int alphabet = random.bounded(1, 5);
            for (int i = 0; i < n; ++i)
                a << QString(QChar(u'a' + random.bounded(alphabet)));
            for (int i = 0; i < m; ++i)
                b << QString(QChar(u'a' + random.bounded(alphabet)));
            const auto diff = nsgate::ui::diffLines(a, b);
            checkReconstructs(a, b, diff);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(
                    QStringLiteral("not a valid script for %1 -> %2").arg(a.join(','), b.join(','))));
            const int expected = static_cast<int>(a.size() + b.size()) - 2 * lcsLength(a, b);
            if (nsgate::ui::changedLineCount(diff) != expected)
                QFAIL(qPrintable(QStringLiteral("not minimal: %1 -> %2: %3 changes, expected %4")
                                     .arg(a.join(','), b.join(','))
                                     .arg(nsgate::ui::changedLineCount(diff))
                                     .arg(expected)));
        }
    }

    void changesAreGroupedRemovalsFirst()
    {
        const QStringList a{"k", "1", "2", "3", "z"}, b{"k", "x", "2", "y", "z"};
        const auto diff = nsgate::ui::diffLines(a, b);
        checkReconstructs(a, b, diff);
        for (qsizetype i = 1; i < diff.size(); ++i)
            QVERIFY2(!(diff[i - 1].kind == DiffLine::Kind::Added && diff[i].kind == DiffLine::Kind::Removed),
                     "an addition came before a removal in the same change");
    }

    void sideBySidePairsReplacements()
    {
        const QStringList a{"a", "b", "c", "d"}, b{"a", "B", "C", "C2", "d"};
        const auto rows = nsgate::ui::sideBySide(nsgate::ui::diffLines(a, b));
        const QList<DiffRow> expected{
            {0, 0, false}, {1, 1, true}, {2, 2, true}, {-1, 3, true}, {3, 4, false}};
        QCOMPARE(rows, expected);
    }

    void contextLeavesOutFarLines()
    {
        QStringList a;
        for (int i = 0; i < 20; ++i)
            a << QString::number(i);
        QStringList b = a;
        b[2] = QStringLiteral("two");
        b[15] = QStringLiteral("fifteen");
        const auto diff = nsgate::ui::diffLines(a, b);
        const auto shown = nsgate::ui::withContext(diff, 1);
        QCOMPARE(shown.size(), 3 + 1 + 3 + 1);
        QCOMPARE(nsgate::ui::unifiedText(a, b, shown),
                 QStringLiteral("…\n  1\n- 2\n+ two\n  3\n…\n  14\n- 15\n+ fifteen\n  16"));
    }

    // A 2,000-namespace document pretty-prints to ~40,000 lines; a few edits
    // in it must not cost the quadratic time a plain LCS table would.
    void largeDocumentWithFewChanges()
    {
        QStringList a;
        for (int i = 0; i < 40000; ++i)
            a << QStringLiteral("    \"line\": %1,").arg(i % 97);
        QStringList b = a;
        b.removeAt(100);
        b.insert(20000, QStringLiteral("inserted"));
        b[39000] = QStringLiteral("changed");
        QElapsedTimer timer;
        timer.start();
        const auto diff = nsgate::ui::diffLines(a, b);
        const auto elapsed = timer.elapsed();
        checkReconstructs(a, b, diff);
        QCOMPARE(nsgate::ui::changedLineCount(diff), 4);
        qInfo("40,000 lines, 4 changed: %lld ms", static_cast<long long>(elapsed));
    }

    // Nothing in common: the worst case for Myers, still linear space.
    void completelyDifferent()
    {
        QStringList a, b;
        for (int i = 0; i < 3000; ++i) {
            a << QStringLiteral("a%1").arg(i);
            b << QStringLiteral("b%1").arg(i);
        }
        const auto diff = nsgate::ui::diffLines(a, b);
        checkReconstructs(a, b, diff);
        QCOMPARE(nsgate::ui::changedLineCount(diff), 6000);
    }
};

QTEST_GUILESS_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
