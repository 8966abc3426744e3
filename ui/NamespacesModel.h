#pragma once

// The namespaces of an EditorDocument as a table. The model keeps its own copy
// of what it shows and, on every document change, emits only what differs
// (dataChanged for edited rows, insert/remove for added/removed ones), so views
// keep their selection and scroll position and an edit in a map of thousands of
// namespaces repaints one row. Edits made in the table become document commands.

#include <QAbstractTableModel>
#include <QPointer>
#include <QString>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace nsgate::ui {

class EditorDocument;

class NamespacesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Namespace,
        Aliases,
        Upstreams,
        Tags,
        Ttl,
        State,
        ColumnCount
    };

    explicit NamespacesModel(QObject* parent = nullptr);

    void setDocument(EditorDocument* document);
    EditorDocument* document() const { return m_document; }

    // The namespace shown in `row` (empty when out of range), and the row of a
    // namespace (-1 when absent).
    QString namespaceAt(int row) const;
    int rowOf(const QString& name) const;
    // Problems located in the namespace of `row`.
    int problemCountAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // The column that shows the field an issue pointer names ("/namespaces/3/policy/tags"
    // -> Tags); State for fields without a column of their own.
    static Column columnForIssue(const QString& section, const QString& field);

private:
    // Exactly what a row shows; rows compare equal when nothing visible changed.
    struct RowView
    {
        QString name;
        QString aliases;
        int upstreams = 0;
        QString tags;
        std::int64_t ttl = 0;
        int problems = 0;
        std::array<QString, ColumnCount> messages; // issue messages per column, one per line

        friend bool operator==(const RowView&, const RowView&) = default;
    };

    std::vector<RowView> buildRows() const;
    void sync();

    QPointer<EditorDocument> m_document;
    std::vector<RowView> m_rows;
};

} // namespace nsgate::ui
