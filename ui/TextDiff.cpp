#include "ui/TextDiff.h"

#include <QHash>
#include <algorithm>
#include <unordered_map>
#include <vector>

namespace nsgate::ui {

namespace {

// Lines become small integers first: the algorithm compares lines many times,
// and integer compares are what keep large documents fast.
class Differ
{
public:
    Differ(std::vector<int> a, std::vector<int> b) : m_a(std::move(a)), m_b(std::move(b)) {}

    QList<DiffLine> run()
    {
        diff(0, static_cast<int>(m_a.size()), 0, static_cast<int>(m_b.size()));
        return std::move(m_out);
    }

private:
    void same(int x, int y) { m_out.push_back({DiffLine::Kind::Same, x, y}); }
    void removed(int x) { m_out.push_back({DiffLine::Kind::Removed, x, -1}); }
    void added(int y) { m_out.push_back({DiffLine::Kind::Added, -1, y}); }

    bool equal(int x, int y) const
    {
        return m_a[static_cast<std::size_t>(x)] == m_b[static_cast<std::size_t>(y)];
    }

    void diff(int aLo, int aHi, int bLo, int bHi)
    {
        while (aLo < aHi && bLo < bHi && equal(aLo, bLo))
            same(aLo++, bLo++);
        int suffix = 0;
        while (aLo < aHi - suffix && bLo < bHi - suffix && equal(aHi - suffix - 1, bHi - suffix - 1))
            ++suffix;
        aHi -= suffix;
        bHi -= suffix;

        if (aLo == aHi) {
            for (int y = bLo; y < bHi; ++y)
                added(y);
        } else if (bLo == bHi) {
            for (int x = aLo; x < aHi; ++x)
                removed(x);
        } else {
            bisect(aLo, aHi, bLo, bHi);
        }
        for (int i = 0; i < suffix; ++i)
            same(aHi + i, bHi + i);
    }

    // Finds the middle snake of the shortest edit script by searching from both
    // ends at once and splits the problem there (after diff-match-patch's
    // diff_bisect, which is Myers 1986, section 4b).
    void bisect(int aLo, int aHi, int bLo, int bHi)
    {
        const int n = aHi - aLo, m = bHi - bLo;
        const int maxD = (n + m + 1) / 2;
        const int offset = maxD;
        const auto length = static_cast<std::size_t>(2 * maxD + 2);
        std::vector<int> v1(length, -1), v2(length, -1);
        const auto at = [](std::vector<int>& v, int i) -> int& {
            return v[static_cast<std::size_t>(i)];
        };
        at(v1, offset + 1) = 0;
        at(v2, offset + 1) = 0;
        const int delta = n - m;
        const bool front = delta % 2 != 0;
        const int vLength = static_cast<int>(length);
        int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
        for (int d = 0; d < maxD; ++d) {
            for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                const int k1o = offset + k1;
                int x1 = (k1 == -d || (k1 != d && at(v1, k1o - 1) < at(v1, k1o + 1))) ? at(v1, k1o + 1)
                                                                                      : at(v1, k1o - 1) + 1;
                int y1 = x1 - k1;
                while (x1 < n && y1 < m && equal(aLo + x1, bLo + y1)) {
                    ++x1;
                    ++y1;
                }
                at(v1, k1o) = x1;
                if (x1 > n) {
                    k1end += 2;
                } else if (y1 > m) {
                    k1start += 2;
                } else if (front) {
                    const int k2o = offset + delta - k1;
                    if (k2o >= 0 && k2o < vLength && at(v2, k2o) != -1 && x1 >= n - at(v2, k2o))
                        return split(aLo, aHi, bLo, bHi, x1, y1);
                }
            }
            for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                const int k2o = offset + k2;
                int x2 = (k2 == -d || (k2 != d && at(v2, k2o - 1) < at(v2, k2o + 1))) ? at(v2, k2o + 1)
                                                                                      : at(v2, k2o - 1) + 1;
                int y2 = x2 - k2;
                while (x2 < n && y2 < m && equal(aHi - x2 - 1, bHi - y2 - 1)) {
                    ++x2;
                    ++y2;
                }
                at(v2, k2o) = x2;
                if (x2 > n) {
                    k2end += 2;
                } else if (y2 > m) {
                    k2start += 2;
                } else if (!front) {
                    const int k1o = offset + delta - k2;
                    if (k1o >= 0 && k1o < vLength && at(v1, k1o) != -1) {
                        const int x1 = at(v1, k1o);
                        const int y1 = offset + x1 - k1o;
                        if (x1 >= n - x2)
                            return split(aLo, aHi, bLo, bHi, x1, y1);
                    }
                }
            }
        }
        replaceAll(aLo, aHi, bLo, bHi);
    }

    void split(int aLo, int aHi, int bLo, int bHi, int x, int y)
    {
        // A split at either corner would recurse on the same problem forever.
        if ((x <= 0 && y <= 0) || (x >= aHi - aLo && y >= bHi - bLo))
            return replaceAll(aLo, aHi, bLo, bHi);
        diff(aLo, aLo + x, bLo, bLo + y);
        diff(aLo + x, aHi, bLo + y, bHi);
    }

    void replaceAll(int aLo, int aHi, int bLo, int bHi)
    {
        for (int x = aLo; x < aHi; ++x)
            removed(x);
        for (int y = bLo; y < bHi; ++y)
            added(y);
    }

    std::vector<int> m_a, m_b;
    QList<DiffLine> m_out;
};

// The bisection may interleave removals and additions inside one change;
// people read a change as "what went, then what came".
void groupChanges(QList<DiffLine>& lines)
{
    qsizetype i = 0;
    while (i < lines.size()) {
        if (lines[i].kind == DiffLine::Kind::Same) {
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < lines.size() && lines[end].kind != DiffLine::Kind::Same)
            ++end;
        std::stable_partition(lines.begin() + i, lines.begin() + end,
                              [](const DiffLine& l) { return l.kind == DiffLine::Kind::Removed; });
        i = end;
    }
}

} // namespace

QList<DiffLine> diffLines(const QStringList& oldLines, const QStringList& newLines)
{
    // Equal lines share one id across both texts. (std::unordered_map: GCC
    // sees a null dereference inside QHash's iterators at -O2.)
    std::unordered_map<QString, int> ids;
    const auto intern = [&ids](const QStringList& lines) {
        std::vector<int> out;
        out.reserve(static_cast<std::size_t>(lines.size()));
        for (const auto& line : lines)
            out.push_back(ids.try_emplace(line, static_cast<int>(ids.size())).first->second);
        return out;
    };
    auto a = intern(oldLines);
    auto b = intern(newLines);
    auto lines = Differ(std::move(a), std::move(b)).run();
    groupChanges(lines);
    return lines;
}

QList<DiffLine> withContext(const QList<DiffLine>& diff, int context)
{
    const qsizetype n = diff.size();
    std::vector<bool> keep(static_cast<std::size_t>(n), false);
    for (qsizetype i = 0; i < n; ++i) {
        if (diff[i].kind == DiffLine::Kind::Same)
            continue;
        const qsizetype from = std::max<qsizetype>(0, i - context);
        const qsizetype to = std::min<qsizetype>(n - 1, i + context);
        for (qsizetype j = from; j <= to; ++j)
            keep[static_cast<std::size_t>(j)] = true;
    }
    QList<DiffLine> out;
    for (qsizetype i = 0; i < n; ++i)
        if (keep[static_cast<std::size_t>(i)])
            out.push_back(diff[i]);
    return out;
}

int changedLineCount(const QList<DiffLine>& diff)
{
    return static_cast<int>(std::count_if(diff.begin(), diff.end(),
                                          [](const DiffLine& l) { return l.kind != DiffLine::Kind::Same; }));
}

QList<DiffRow> sideBySide(const QList<DiffLine>& diff)
{
    QList<DiffRow> rows;
    qsizetype i = 0;
    while (i < diff.size()) {
        if (diff[i].kind == DiffLine::Kind::Same) {
            rows.push_back({diff[i].oldIndex, diff[i].newIndex, false});
            ++i;
            continue;
        }
        QList<int> removed, added;
        while (i < diff.size() && diff[i].kind == DiffLine::Kind::Removed)
            removed.push_back(diff[i++].oldIndex);
        while (i < diff.size() && diff[i].kind == DiffLine::Kind::Added)
            added.push_back(diff[i++].newIndex);
        const auto count = std::max(removed.size(), added.size());
        for (qsizetype r = 0; r < count; ++r)
            rows.push_back({r < removed.size() ? removed[r] : -1, r < added.size() ? added[r] : -1, true});
    }
    return rows;
}

QList<UnifiedLine> unifiedLines(const QStringList& oldLines, const QStringList& newLines,
                                const QList<DiffLine>& diff)
{
    QList<UnifiedLine> out;
    int nextOld = 0, nextNew = 0;
    for (const auto& line : diff) {
        if ((line.oldIndex >= 0 && line.oldIndex != nextOld) ||
            (line.newIndex >= 0 && line.newIndex != nextNew))
            out.push_back({DiffLine::Kind::Same, true, QStringLiteral("…")});
        if (line.oldIndex >= 0)
            nextOld = line.oldIndex + 1;
        if (line.newIndex >= 0)
            nextNew = line.newIndex + 1;
        switch (line.kind) {
        case DiffLine::Kind::Same:
            out.push_back({line.kind, false, QStringLiteral("  ") + oldLines.value(line.oldIndex)});
            break;
        case DiffLine::Kind::Removed:
            out.push_back({line.kind, false, QStringLiteral("- ") + oldLines.value(line.oldIndex)});
            break;
        case DiffLine::Kind::Added:
            out.push_back({line.kind, false, QStringLiteral("+ ") + newLines.value(line.newIndex)});
            break;
        }
    }
    return out;
}

QString unifiedText(const QStringList& oldLines, const QStringList& newLines, const QList<DiffLine>& diff)
{
    QStringList out;
    for (const auto& line : unifiedLines(oldLines, newLines, diff))
        out << line.text;
    return out.join(QLatin1Char('\n'));
}

} // namespace nsgate::ui
