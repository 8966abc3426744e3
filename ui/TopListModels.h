#pragma once

// The Live page's "top" lists: namespaces (from the per-minute aggregates),
// repositories and mismatch sources (from the window's events). Each refresh
// hands the store's rows to setRows(), which diffs them by key: a row that
// stays keeps its position (dataChanged when its numbers moved), rows that
// went are removed in ranges, new rows are inserted at the end in one go. The
// views sort through a QSortFilterProxyModel, so the ranking follows the
// numbers while selections and the scroll position stay on their rows.

#include "core/store/LogStore.h"

#include <QAbstractTableModel>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

namespace nsgate::ui {

// Rows of `Row` identified by `Key`; the concrete models say how.
template<class Row, class Key>
class KeyedTableModel : public QAbstractTableModel
{
public:
    // The value views sort by: numbers as numbers (the display text of a
    // count is localised and would sort as text).
    static constexpr int SortRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    const Row& rowAt(int row) const { return m_rows.at(std::size_t(row)); }
    const std::vector<Row>& rows() const { return m_rows; }
    // -1 when the key is not listed.
    int indexOf(const Key& key) const
    {
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            if (keyOf(m_rows[i]) == key)
                return int(i);
        return -1;
    }

    void setRows(std::vector<Row> fresh)
    {
        std::map<Key, std::size_t> incoming;
        for (std::size_t i = 0; i < fresh.size(); ++i)
            incoming.emplace(keyOf(fresh[i]), i);
        // Removals from the back, one range at a time, so earlier row numbers stay valid.
        for (int last = int(m_rows.size()) - 1; last >= 0;) {
            if (incoming.count(keyOf(m_rows[std::size_t(last)]))) {
                --last;
                continue;
            }
            int first = last;
            while (first > 0 && !incoming.count(keyOf(m_rows[std::size_t(first - 1)])))
                --first;
            beginRemoveRows({}, first, last);
            m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
            endRemoveRows();
            last = first - 1;
        }
        std::vector<bool> placed(fresh.size(), false);
        int changedFirst = -1, changedLast = -1;
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            const std::size_t from = incoming.at(keyOf(m_rows[i]));
            placed[from] = true;
            if (!sameContent(m_rows[i], fresh[from])) {
                m_rows[i] = std::move(fresh[from]);
                changedFirst = changedFirst < 0 ? int(i) : changedFirst;
                changedLast = int(i);
            }
        }
        if (changedFirst >= 0)
            emit dataChanged(index(changedFirst, 0), index(changedLast, columnCount() - 1));
        std::vector<Row> added;
        for (std::size_t i = 0; i < fresh.size(); ++i)
            if (!placed[i])
                added.push_back(std::move(fresh[i]));
        if (!added.empty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(added.size()) - 1);
            std::move(added.begin(), added.end(), std::back_inserter(m_rows));
            endInsertRows();
        }
    }

protected:
    virtual Key keyOf(const Row& row) const = 0;
    virtual bool sameContent(const Row& a, const Row& b) const = 0;

private:
    std::vector<Row> m_rows;
};

class TopNamespacesModel : public KeyedTableModel<store::NamespaceCounters, std::string>
{
    Q_OBJECT

public:
    enum Column { Namespace, Requests, HitRatio, Misses, Mismatches, ColumnCount };
    Q_ENUM(Column)

    using KeyedTableModel::KeyedTableModel;

    const store::NamespaceCounters& namespaceAt(int row) const { return rowAt(row); }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    std::string keyOf(const store::NamespaceCounters& row) const override { return row.ns; }
    bool sameContent(const store::NamespaceCounters& a, const store::NamespaceCounters& b) const override
    {
        return a.counters == b.counters;
    }
};

using RepositoryKey = std::pair<std::string, std::string>;   // namespace key, repository

class TopRepositoriesModel : public KeyedTableModel<store::RepositoryCount, RepositoryKey>
{
    Q_OBJECT

public:
    enum Column { Namespace, Repository, Requests, Hits, Misses, ColumnCount };
    Q_ENUM(Column)

    using KeyedTableModel::KeyedTableModel;

    const store::RepositoryCount& repositoryAt(int row) const { return rowAt(row); }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    RepositoryKey keyOf(const store::RepositoryCount& row) const override { return {row.ns, row.repository}; }
    bool sameContent(const store::RepositoryCount& a, const store::RepositoryCount& b) const override
    {
        return a.requests == b.requests && a.hits == b.hits && a.misses == b.misses;
    }
};

using MismatchSourceKey = std::pair<model::Mismatch, std::string>;

class TopMismatchSourcesModel : public KeyedTableModel<store::MismatchSource, MismatchSourceKey>
{
    Q_OBJECT

public:
    enum Column { Kind, Source, Count, LastSeen, ColumnCount };
    Q_ENUM(Column)

    using KeyedTableModel::KeyedTableModel;

    const store::MismatchSource& sourceAt(int row) const { return rowAt(row); }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    MismatchSourceKey keyOf(const store::MismatchSource& row) const override { return {row.kind, row.source}; }
    bool sameContent(const store::MismatchSource& a, const store::MismatchSource& b) const override
    {
        return a.count == b.count && a.lastMs == b.lastMs;
    }
};

} // namespace nsgate::ui
