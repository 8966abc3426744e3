#pragma once

// The ordered upstreams of one namespace of an EditorDocument. The namespace is
// followed by name (also through renames); updates are diffed like
// NamespacesModel's, and edits in the table become document commands.

#include <QAbstractTableModel>
#include <QPointer>
#include <QString>
#include <array>
#include <vector>

namespace nsgate::ui {

class EditorDocument;

class UpstreamsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Url,
        Credential,
        TlsVerify,
        ForwardNs,
        RepositoryPrefix,
        ColumnCount
    };

    explicit UpstreamsModel(QObject* parent = nullptr);

    void setDocument(EditorDocument* document);
    // The namespace whose upstreams are shown; empty (or unknown) shows none.
    void setNamespace(const QString& name);
    const QString& namespaceName() const { return m_namespace; }

    QString urlAt(int row) const;
    // Problems located in the upstream of `row`.
    int problemCountAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // "url" -> Url, ...; ColumnCount for a pointer to the whole upstream.
    static Column columnForField(const QString& field);

private:
    struct RowView
    {
        QString url;
        QString credential;
        bool tlsVerify = true;
        bool forwardNs = false;
        QString repositoryPrefix;
        bool hasCa = false;
        int problems = 0;
        std::array<QString, ColumnCount> messages;

        friend bool operator==(const RowView&, const RowView&) = default;
    };

    std::vector<RowView> buildRows() const;
    void sync();
    void reset();

    QPointer<EditorDocument> m_document;
    QString m_namespace;
    std::vector<RowView> m_rows;
};

} // namespace nsgate::ui
