#pragma once

// The document's problems as a list: where (namespace, upstream, field in
// words) and what. Activating an entry emits its JSON pointer so the page can
// select the offending field.

#include <QPointer>
#include <QString>
#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;

namespace nsgate::ui {

class EditorDocument;
struct IssuePlace;

class ValidationPanel : public QWidget
{
    Q_OBJECT

public:
    // Role of each list item that holds the issue's JSON pointer.
    static constexpr int PointerRole = Qt::UserRole + 1;

    explicit ValidationPanel(QWidget* parent = nullptr);

    void setDocument(EditorDocument* document);
    int issueCount() const;
    // "docker.io › upstream 1 › URL" for a pointer of `document`.
    static QString describePlace(const EditorDocument& document, const IssuePlace& place);

signals:
    void issueActivated(const QString& pointer);

private:
    void refresh();
    void activate(QListWidgetItem* item);

    QPointer<EditorDocument> m_document;
    QLabel* m_summary = nullptr;
    QListWidget* m_list = nullptr;
};

} // namespace nsgate::ui
