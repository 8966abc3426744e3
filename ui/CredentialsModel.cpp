#include "ui/CredentialsModel.h"

#include <QSet>
#include <algorithm>

namespace nsgate::ui {

CredentialsModel::CredentialsModel(QObject* parent) : QAbstractTableModel(parent) {}

int CredentialsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CredentialsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CredentialsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& c = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Name:
            return c.name;
        case Username:
            return c.username;
        case HasPassword:
            return c.hasPassword ? tr("set") : tr("none");
        default:
            return {};
        }
    }
    if (role == Qt::UserRole && index.column() == HasPassword)
        return c.hasPassword;
    return {};
}

QVariant CredentialsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Username:
        return tr("Username");
    case HasPassword:
        return tr("Password");
    default:
        return {};
    }
}

void CredentialsModel::setCredentials(QList<client::CredentialInfo> credentials)
{
    std::sort(credentials.begin(), credentials.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    // A well-behaved proxy never lists a name twice; keep the first if one does,
    // because the rows are keyed by name.
    credentials.erase(std::unique(credentials.begin(), credentials.end(),
                                  [](const auto& a, const auto& b) { return a.name == b.name; }),
                      credentials.end());

    QSet<QString> wantedNames;
    for (const auto& c : credentials)
        wantedNames.insert(c.name);
    const auto contains = [&wantedNames](const QString& name) {
        return wantedNames.contains(name);
    };

    // Removals first, as contiguous ranges from the end so rows stay valid.
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0;) {
        if (contains(m_rows.at(row).name)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !contains(m_rows.at(first - 1).name))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + row + 1);
        endRemoveRows();
        row = first - 1;
    }

    // What is left of the old list is a sorted subsequence of the new one:
    // walk both, changing equal names in place and inserting runs of new ones.
    int row = 0;
    for (qsizetype i = 0; i < credentials.size();) {
        const auto& wanted = credentials.at(i);
        if (row < m_rows.size() && m_rows.at(row).name == wanted.name) {
            auto& have = m_rows[row];
            if (have.username != wanted.username || have.hasPassword != wanted.hasPassword) {
                have = wanted;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            ++row;
            ++i;
            continue;
        }
        qsizetype end = i + 1;
        while (end < credentials.size() &&
               (row >= m_rows.size() || credentials.at(end).name < m_rows.at(row).name))
            ++end;
        const int count = static_cast<int>(end - i);
        beginInsertRows({}, row, row + count - 1);
        for (qsizetype k = i; k < end; ++k)
            m_rows.insert(row + (k - i), credentials.at(k));
        endInsertRows();
        row += count;
        i = end;
    }
}

int CredentialsModel::indexOf(const QString& name) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).name == name)
            return row;
    }
    return -1;
}

QStringList CredentialsModel::names() const
{
    QStringList out;
    out.reserve(m_rows.size());
    for (const auto& c : m_rows)
        out << c.name;
    return out;
}

} // namespace nsgate::ui
