#include "ui/TopListModels.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <optional>

namespace nsgate::ui {

namespace {

QString number(std::int64_t n)
{
    return QLocale().toString(static_cast<qlonglong>(n));
}

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// Requests without a namespace count under "" (see LogStore.h); say so.
QString namespaceText(const std::string& ns)
{
    return ns.empty() ? QCoreApplication::translate("nsgate::ui::TopNamespacesModel", "(none)") : text(ns);
}

std::int64_t mismatches(const store::Counters& c)
{
    return c.mismatchMissing + c.mismatchUnmapped + c.mismatchConflict;
}

// Hits among the requests the cache answered; nullopt when it answered none.
std::optional<double> hitRatio(const store::Counters& c)
{
    const auto cached = c.hits + c.misses;
    return cached == 0 ? std::nullopt : std::optional(double(c.hits) / double(cached));
}

QVariant numberAlignment()
{
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace

int TopNamespacesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopNamespacesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = namespaceAt(index.row());
    const auto& c = row.counters;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Namespace ? QVariant() : numberAlignment();
    if (role == SortRole) {
        switch (index.column()) {
        case Namespace: return text(row.ns);
        case Requests: return qlonglong(c.requests);
        case HitRatio: return hitRatio(c).value_or(-1.0);
        case Misses: return qlonglong(c.misses);
        case Mismatches: return qlonglong(mismatches(c));
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Namespace: return namespaceText(row.ns);
    case Requests: return number(c.requests);
    case HitRatio: {
        const auto ratio = hitRatio(c);
        return ratio ? QLocale().toString(100.0 * *ratio, 'f', 1) + " %" : QStringLiteral("—");
    }
    case Misses: return number(c.misses);
    case Mismatches: return number(mismatches(c));
    default: return {};
    }
}

QVariant TopNamespacesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Namespace: return tr("Namespace");
    case Requests: return tr("Requests");
    case HitRatio: return tr("Hit ratio");
    case Misses: return tr("Misses");
    case Mismatches: return tr("Mismatches");
    default: return {};
    }
}

int TopRepositoriesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopRepositoriesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = repositoryAt(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() >= Requests ? numberAlignment() : QVariant();
    if (role == SortRole) {
        switch (index.column()) {
        case Namespace: return text(row.ns);
        case Repository: return text(row.repository);
        case Requests: return qlonglong(row.requests);
        case Hits: return qlonglong(row.hits);
        case Misses: return qlonglong(row.misses);
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Namespace: return namespaceText(row.ns);
    case Repository: return text(row.repository);
    case Requests: return number(row.requests);
    case Hits: return number(row.hits);
    case Misses: return number(row.misses);
    default: return {};
    }
}

QVariant TopRepositoriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Namespace: return tr("Namespace");
    case Repository: return tr("Repository");
    case Requests: return tr("Requests");
    case Hits: return tr("Hits");
    case Misses: return tr("Misses");
    default: return {};
    }
}

int TopMismatchSourcesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopMismatchSourcesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = sourceAt(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() == Count ? numberAlignment() : QVariant();
    if (role == Qt::ToolTipRole && index.column() == Source)
        return row.kind == model::Mismatch::Unmapped ? tr("The namespace the client asked for")
                                                     : tr("The client's address");
    if (role == SortRole) {
        switch (index.column()) {
        case Kind: return text(model::toString(row.kind));
        case Source: return text(row.source);
        case Count: return qlonglong(row.count);
        case LastSeen: return qlonglong(row.lastMs);
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Kind: return text(model::toString(row.kind));
    case Source: return row.source.empty() ? tr("(none)") : text(row.source);
    case Count: return number(row.count);
    case LastSeen: return QDateTime::fromMSecsSinceEpoch(row.lastMs).toLocalTime().toString("yyyy-MM-dd HH:mm:ss");
    default: return {};
    }
}

QVariant TopMismatchSourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Kind: return tr("Kind");
    case Source: return tr("Source");
    case Count: return tr("Count");
    case LastSeen: return tr("Last seen");
    default: return {};
    }
}

} // namespace nsgate::ui
