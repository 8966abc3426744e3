#pragma once

// The proxy's config history: every stored revision with time, actor and the
// proxy's summary, newest first. Selecting one revision shows what it changed
// against the one before; selecting two shows the diff between them. "Roll
// back to this revision" hands the old document to the window, which loads it
// into the editor on top of the current base and runs the usual review and
// push: a rollback is a new revision, never a rewrite of history.

#include "core/model/MirrorConfig.h"

#include <QHash>
#include <QPointer>
#include <QWidget>
#include <cstdint>
#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace nsgate::client {
class AdminClient;
class ProxyConnection;
} // namespace nsgate::client

namespace nsgate::ui {

class RevisionsModel;

class HistoryPage : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPage(QWidget* parent = nullptr);
    ~HistoryPage() override;

    // The proxy whose history is shown (nullptr = none). Refreshes at once and
    // again whenever the proxy reports a config revision that is not listed.
    void setProxy(client::ProxyConnection* proxy);
    // The same without a connection object (nsgatectl-style callers, tests).
    void setClient(client::AdminClient* client);

    RevisionsModel* model() const { return m_model; }
    // How many revisions one refresh asks for (newest first).
    void setLimit(int limit) { m_limit = limit; }

public slots:
    void refresh();
    // Selects the rows of these revisions (one or two) and shows their diff.
    void selectRevisions(std::int64_t first, std::int64_t second = 0);

signals:
    // The document of the selected revision; its `revision` field is the old
    // number, so the receiver sets the If-Match it pushes with.
    void rollbackRequested(const nsgate::model::MirrorConfig& oldConfig);
    // A refresh or a diff finished (successfully or not).
    void refreshed();
    void diffShown();

private:
    using Fetched = std::function<void(const model::MirrorConfig*, const QString& error)>;
    void fetch(std::int64_t revision, Fetched done);
    void resetContext();
    void selectionChanged();
    void showDiff(std::int64_t older, std::int64_t newer);
    void renderDiff(std::int64_t older, const model::MirrorConfig& from, std::int64_t newer,
                    const model::MirrorConfig& to);
    void rollback();
    void showError(const QString& text);
    void updateButtons();
    QList<std::int64_t> selectedRevisions() const; // newest first

    QPointer<client::ProxyConnection> m_proxy;
    QPointer<client::AdminClient> m_client;
    QObject* m_context = nullptr; // parent of pending callbacks; replaced when the proxy changes
    RevisionsModel* m_model = nullptr;
    QHash<std::int64_t, model::MirrorConfig> m_documents; // revisions are immutable: cache them
    int m_limit = 100;
    bool m_loading = false;
    quint64 m_diffGeneration = 0;

    QTableView* m_table = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_diffTitle = nullptr;
    QPlainTextEdit* m_diff = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_rollback = nullptr;
};

} // namespace nsgate::ui
