#pragma once

// How a list model turns "old rows, new rows" into one removal and one
// insertion instead of a reset: the rows both lists share at the start and at
// the end stay, the block between them is replaced. Models then report content
// changes of the rows that stayed with dataChanged.

#include <cstddef>

namespace nsgate::ui {

struct RowAlignment
{
    std::size_t prefix = 0;     // rows equal at the start
    std::size_t oldBlock = 0;   // rows of the old list between the equal ends
    std::size_t newBlock = 0;   // rows of the new list in their place
};

// `same(oldRow, newRow)` decides whether two rows are the same row.
template<class OldRows, class NewRows, class Same>
RowAlignment alignRows(const OldRows& oldRows, const NewRows& newRows, Same same)
{
    const std::size_t oldCount = oldRows.size(), newCount = newRows.size();
    std::size_t prefix = 0;
    while (prefix < oldCount && prefix < newCount && same(oldRows[prefix], newRows[prefix]))
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < oldCount - prefix && suffix < newCount - prefix &&
           same(oldRows[oldCount - 1 - suffix], newRows[newCount - 1 - suffix]))
        ++suffix;
    return {prefix, oldCount - prefix - suffix, newCount - prefix - suffix};
}

} // namespace nsgate::ui
