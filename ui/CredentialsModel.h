#pragma once

// The proxy's upstream credentials as a table. Passwords never reach the
// console (the admin API returns only `hasPassword`), so there is nothing
// secret in here. Each refresh is diffed into remove/change/insert ranges so a
// selection survives a refresh that did not touch the selected row.

#include "core/client/AdminClient.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace nsgate::ui {

class CredentialsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Username,
        HasPassword,
        ColumnCount
    };

    explicit CredentialsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the list (any order; shown sorted by name) with the smallest set
    // of row removals, changes and insertions.
    void setCredentials(QList<client::CredentialInfo> credentials);
    void clear() { setCredentials({}); }

    const client::CredentialInfo& credentialAt(int row) const { return m_rows.at(row); }
    int indexOf(const QString& name) const; // row, or -1
    QStringList names() const;              // sorted

private:
    QList<client::CredentialInfo> m_rows; // sorted by name, names unique
};

} // namespace nsgate::ui
