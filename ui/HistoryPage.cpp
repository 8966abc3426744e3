#include "ui/HistoryPage.h"

#include "ui/StatusColors.h"
#include "core/client/AdminClient.h"
#include "core/client/ProxyConnection.h"
#include "core/model/ConfigCodec.h"
#include "core/model/ConfigDiff.h"
#include "ui/RevisionsModel.h"
#include "ui/TextDiff.h"

#include <QColor>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBlock>
#include <QVBoxLayout>
#include <algorithm>

namespace nsgate::ui {

namespace {

QStringList prettyLines(const model::MirrorConfig& config)
{
    return QString::fromStdString(model::encodeConfig(config, model::JsonStyle::Pretty))
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// Unchanged lines kept around each change in the history diff.
constexpr int kContextLines = 3;

} // namespace

HistoryPage::HistoryPage(QWidget* parent) : QWidget(parent), m_model(new RevisionsModel(this))
{
    setObjectName(QStringLiteral("historyPage"));

    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshHistoryButton"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_rollback = new QPushButton(tr("Roll back to this revision…"), this);
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_rollback->setToolTip(tr("Load the selected revision into the editor; it is pushed as a new revision "
                              "after the usual review."));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_refresh);
    bar->addWidget(m_rollback);
    bar->addWidget(m_status, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("historyError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(errorBannerStyle());
    m_error->hide();

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("revisionsTable"));
    m_table->setAccessibleName(tr("Config revisions"));
    m_table->setTabKeyNavigation(false);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(RevisionsModel::RevisionColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RevisionsModel::TimeColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RevisionsModel::ActorColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);

    m_diffTitle = new QLabel(this);
    m_diffTitle->setObjectName(QStringLiteral("diffTitle"));
    m_diffTitle->setWordWrap(true);
    m_diffTitle->setTextFormat(Qt::PlainText);
    m_diff = new QPlainTextEdit(this);
    m_diff->setObjectName(QStringLiteral("revisionDiff"));
    m_diff->setAccessibleName(tr("Changes of the selected revisions"));
    m_diff->setReadOnly(true);
    m_diff->setTabChangesFocus(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setPlaceholderText(tr("Select a revision to see what it changed, or two to compare them."));

    auto* diffBox = new QWidget(this);
    auto* diffLayout = new QVBoxLayout(diffBox);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addWidget(m_diffTitle);
    diffLayout->addWidget(m_diff, 1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(diffBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_refresh, &QPushButton::clicked, this, &HistoryPage::refresh);
    connect(m_rollback, &QPushButton::clicked, this, &HistoryPage::rollback);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPage::selectionChanged);
    resetContext();
    updateButtons();
}

HistoryPage::~HistoryPage() = default;

void HistoryPage::setProxy(client::ProxyConnection* proxy)
{
    if (m_proxy)
        disconnect(m_proxy, nullptr, this, nullptr);
    m_proxy = proxy;
    if (proxy) {
        // A push from anywhere (this console, nsgatectl, a colleague) shows up
        // as a new config revision in the proxy's info.
        connect(proxy, &client::ProxyConnection::infoChanged, this, [this] {
            if (!m_proxy || m_loading)
                return;
            if (const auto info = m_proxy->info(); info && info->configRevision != m_model->newestRevision())
                refresh();
        });
        // A new token or URL means a new client; the history is the same proxy's.
        connect(proxy, &client::ProxyConnection::clientChanged, this, [this](client::AdminClient* c) {
            m_client = c;
            resetContext();
            refresh();
        });
    }
    setClient(proxy ? proxy->client() : nullptr);
}

void HistoryPage::setClient(client::AdminClient* client)
{
    if (client == m_client && client)
        return;
    m_client = client;
    m_documents.clear();
    m_model->clear();
    m_diff->clear();
    m_diffTitle->clear();
    resetContext();
    refresh();
}

void HistoryPage::resetContext()
{
    // Answers for the previous proxy must not land in this one's view.
    delete m_context;
    m_context = new QObject(this);
    m_loading = false;
    ++m_diffGeneration;
}

void HistoryPage::refresh()
{
    if (m_loading) // one request at a time; its answer is the fresh list
        return;
    showError({});
    if (!m_client) {
        m_status->setText(tr("No proxy selected."));
        updateButtons();
        return;
    }
    m_loading = true;
    m_status->setText(tr("Loading the history…"));
    updateButtons();
    m_client->revisions(m_limit, m_context, [this](client::ApiResult<QList<client::RevisionInfo>> got) {
        m_loading = false;
        if (!got) {
            m_status->clear();
            showError(tr("Could not load the history: %1").arg(got.error().message()));
        } else {
            m_model->setRevisions(std::move(got).value());
            m_status->setText(tr("%n revision(s)", "", m_model->rowCount()));
            if (!m_table->selectionModel()->hasSelection() && m_model->rowCount() > 0)
                m_table->selectRow(0);
        }
        updateButtons();
        emit refreshed();
    });
}

void HistoryPage::selectRevisions(std::int64_t first, std::int64_t second)
{
    auto* selection = m_table->selectionModel();
    QItemSelection rows;
    for (const auto revision : {first, second}) {
        const int row = revision > 0 ? m_model->rowOf(revision) : -1;
        if (row >= 0)
            rows.select(m_model->index(row, 0), m_model->index(row, RevisionsModel::ColumnCount - 1));
    }
    selection->select(rows, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QList<std::int64_t> HistoryPage::selectedRevisions() const
{
    QList<std::int64_t> out;
    for (const auto& index : m_table->selectionModel()->selectedRows())
        out << m_model->revisionAt(index.row()).revision;
    std::sort(out.begin(), out.end(), std::greater<>());
    return out;
}

void HistoryPage::selectionChanged()
{
    updateButtons();
    const auto revisions = selectedRevisions();
    if (revisions.size() == 1)
        showDiff(revisions[0] - 1, revisions[0]);
    else if (revisions.size() == 2)
        showDiff(revisions[1], revisions[0]);
    else {
        ++m_diffGeneration;
        m_diff->clear();
        m_diffTitle->setText(revisions.isEmpty() ? QString()
                                                 : tr("Select one or two revisions to see a diff."));
    }
}

void HistoryPage::fetch(std::int64_t revision, Fetched done)
{
    if (revision <= 0) {
        // Before the first revision there was nothing: diff against an empty document.
        static const model::MirrorConfig nothing;
        return done(&nothing, {});
    }
    if (auto it = m_documents.constFind(revision); it != m_documents.constEnd())
        return done(&it.value(), {});
    if (!m_client)
        return done(nullptr, tr("No proxy selected."));
    m_client->revision(revision, m_context,
                       [this, revision, done](client::ApiResult<client::ConfigDocument> got) {
                           if (!got)
                               return done(nullptr, got.error().message());
                           const auto it = m_documents.insert(revision, std::move(got).value().config);
                           done(&it.value(), {});
                       });
}

void HistoryPage::showDiff(std::int64_t older, std::int64_t newer)
{
    const auto generation = ++m_diffGeneration;
    m_diffTitle->setText(tr("Loading revisions %1 and %2…").arg(older).arg(newer));
    fetch(older, [this, generation, older, newer](const model::MirrorConfig* from, const QString& error) {
        if (generation != m_diffGeneration)
            return;
        if (!from) {
            showError(tr("Could not load revision %1: %2").arg(older).arg(error));
            return emit diffShown();
        }
        const model::MirrorConfig fromCopy = *from;
        fetch(newer,
              [this, generation, older, newer, fromCopy](const model::MirrorConfig* to, const QString& e) {
                  if (generation != m_diffGeneration)
                      return;
                  if (!to) {
                      showError(tr("Could not load revision %1: %2").arg(newer).arg(e));
                      return emit diffShown();
                  }
                  renderDiff(older, fromCopy, newer, *to);
                  emit diffShown();
              });
    });
}

void HistoryPage::renderDiff(std::int64_t older, const model::MirrorConfig& from, std::int64_t newer,
                             const model::MirrorConfig& to)
{
    showError({});
    const auto oldLines = older > 0 ? prettyLines(from) : QStringList();
    const auto newLines = prettyLines(to);
    const auto diff = diffLines(oldLines, newLines);
    const auto lines = unifiedLines(oldLines, newLines, withContext(diff, kContextLines));
    const auto summary = QString::fromStdString(model::summarizeChanges(from, to));
    m_diffTitle->setText(older > 0
                             ? tr("Revision %1 → %2: %3 (%n changed line(s))", "", changedLineCount(diff))
                                   .arg(older)
                                   .arg(newer)
                                   .arg(summary)
                             : tr("Revision %1: the first stored document").arg(newer));

    QStringList text;
    for (const auto& line : lines)
        text << line.text;
    m_diff->setPlainText(text.join(QLatin1Char('\n')));
    // Tints rather than fixed colours: readable on light and dark palettes.
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = m_diff->document()->firstBlock();
    for (qsizetype i = 0; i < lines.size() && block.isValid(); ++i, block = block.next()) {
        QColor tint;
        if (lines[i].gap)
            tint = QColor(128, 128, 128, 40);
        else if (lines[i].kind == DiffLine::Kind::Removed)
            tint = QColor(220, 50, 47, 70);
        else if (lines[i].kind == DiffLine::Kind::Added)
            tint = QColor(60, 170, 60, 70);
        if (!tint.isValid())
            continue;
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(block);
        s.format.setBackground(tint);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << s;
    }
    m_diff->setExtraSelections(selections);
}

void HistoryPage::rollback()
{
    const auto revisions = selectedRevisions();
    if (revisions.size() != 1)
        return;
    const auto revision = revisions[0];
    m_rollback->setEnabled(false);
    fetch(revision, [this, revision](const model::MirrorConfig* config, const QString& error) {
        updateButtons();
        if (!config)
            return showError(tr("Could not load revision %1: %2").arg(revision).arg(error));
        emit rollbackRequested(*config);
    });
}

void HistoryPage::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void HistoryPage::updateButtons()
{
    const auto revisions = selectedRevisions();
    m_refresh->setEnabled(m_client && !m_loading);
    // Rolling back to what is in force already would only add an empty revision.
    m_rollback->setEnabled(m_client && revisions.size() == 1 && revisions[0] != m_model->newestRevision());
}

} // namespace nsgate::ui
