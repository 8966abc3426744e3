#pragma once

// A line diff for the conflict view and the revision history: the shortest
// edit script (Myers' O(ND) algorithm, linear-space bisection), so two
// 30,000-line config documents that differ in a few lines diff in
// milliseconds. Qt Core only, so it is tested without widgets.

#include <QList>
#include <QString>
#include <QStringList>

namespace nsgate::ui {

struct DiffLine
{
    enum class Kind
    {
        Same,
        Removed,
        Added
    };

    Kind kind = Kind::Same;
    int oldIndex = -1; // line in the old text; -1 for Added
    int newIndex = -1; // line in the new text; -1 for Removed

    friend bool operator==(const DiffLine&, const DiffLine&) = default;
};

// Every line of both texts in order. Within one change the removed lines come
// before the added ones, so a replaced line reads "- old" then "+ new".
QList<DiffLine> diffLines(const QStringList& oldLines, const QStringList& newLines);

// Only the changes and up to `context` unchanged lines around each; a jump in
// oldIndex between two consecutive lines marks where unchanged lines were left out.
QList<DiffLine> withContext(const QList<DiffLine>& diff, int context);

// Number of removed plus added lines.
int changedLineCount(const QList<DiffLine>& diff);

// One row of a side-by-side view. A run of removals is paired with the run of
// additions that follows it, so a changed line sits next to its replacement;
// the shorter side of a change gets blank rows (-1).
struct DiffRow
{
    int oldIndex = -1;
    int newIndex = -1;
    bool changed = false;

    friend bool operator==(const DiffRow&, const DiffRow&) = default;
};

QList<DiffRow> sideBySide(const QList<DiffLine>& diff);

// One line of a unified view: "  same", "- removed", "+ added", or a gap
// ("…") where unchanged lines were left out (see withContext).
struct UnifiedLine
{
    DiffLine::Kind kind = DiffLine::Kind::Same;
    bool gap = false;
    QString text; // with its two-character prefix
};

QList<UnifiedLine> unifiedLines(const QStringList& oldLines, const QStringList& newLines,
                                const QList<DiffLine>& diff);
// The lines of unifiedLines() joined with newlines.
QString unifiedText(const QStringList& oldLines, const QStringList& newLines, const QList<DiffLine>& diff);

} // namespace nsgate::ui
