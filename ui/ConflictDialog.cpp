#include "ui/ConflictDialog.h"

#include "core/model/ConfigCodec.h"
#include "core/model/ConfigDiff.h"
#include "ui/EditorDocument.h"
#include "ui/TextDiff.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>

namespace nsgate::ui {

namespace {

QStringList prettyLines(const model::MirrorConfig& config)
{
    return QString::fromStdString(model::encodeConfig(config, model::JsonStyle::Pretty))
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QPlainTextEdit* makeView(const QString& name, QWidget* parent)
{
    auto* view = new QPlainTextEdit(parent);
    view->setObjectName(name);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

// Translucent tints read on light and dark palettes alike.
const QColor kRemovedTint(220, 50, 47, 70);
const QColor kAddedTint(60, 170, 60, 70);
const QColor kFillerTint(128, 128, 128, 40);

void fill(QPlainTextEdit* view, const QStringList& rows, const QList<QColor>& tints)
{
    view->setPlainText(rows.join(QLatin1Char('\n')));
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = view->document()->firstBlock();
    for (qsizetype i = 0; i < tints.size() && block.isValid(); ++i, block = block.next()) {
        if (!tints[i].isValid())
            continue;
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(block);
        s.format.setBackground(tints[i]);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << s;
    }
    view->setExtraSelections(selections);
}

} // namespace

ConflictDialog::ConflictDialog(EditorDocument* document, QWidget* parent)
    : QDialog(parent), m_document(document)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Config changed on the proxy"));

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("conflictHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::PlainText);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("conflictSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_theirsView = makeView(QStringLiteral("theirsView"), this);
    m_yoursView = makeView(QStringLiteral("yoursView"), this);
    auto* theirsBox = new QWidget(this);
    auto* theirsLayout = new QVBoxLayout(theirsBox);
    theirsLayout->setContentsMargins(0, 0, 0, 0);
    theirsLayout->addWidget(new QLabel(tr("Theirs (on the proxy now)"), theirsBox));
    theirsLayout->addWidget(m_theirsView);
    auto* yoursBox = new QWidget(this);
    auto* yoursLayout = new QVBoxLayout(yoursBox);
    yoursLayout->setContentsMargins(0, 0, 0, 0);
    yoursLayout->addWidget(new QLabel(tr("Yours (loaded version plus your edits)"), yoursBox));
    yoursLayout->addWidget(m_yoursView);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(theirsBox);
    splitter->addWidget(yoursBox);

    // Rows are aligned (blank filler lines), so one scroll position fits both.
    const auto sync = [](QScrollBar* from, QScrollBar* to) {
        connect(from, &QScrollBar::valueChanged, to, &QScrollBar::setValue);
    };
    sync(m_theirsView->verticalScrollBar(), m_yoursView->verticalScrollBar());
    sync(m_yoursView->verticalScrollBar(), m_theirsView->verticalScrollBar());
    sync(m_theirsView->horizontalScrollBar(), m_yoursView->horizontalScrollBar());
    sync(m_yoursView->horizontalScrollBar(), m_theirsView->horizontalScrollBar());

    m_outcome = new QLabel(this);
    m_outcome->setObjectName(QStringLiteral("rebaseOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->hide();
    m_failureList = new QListWidget(this);
    m_failureList->setObjectName(QStringLiteral("rebaseFailures"));
    m_failureList->setMaximumHeight(120);
    m_failureList->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_takeTheirs = buttons->addButton(tr("Take theirs"), QDialogButtonBox::DestructiveRole);
    m_takeTheirs->setObjectName(QStringLiteral("takeTheirsButton"));
    m_takeTheirs->setToolTip(tr("Load their version and discard your edits."));
    m_reapply = buttons->addButton(tr("Re-apply my edits on theirs"), QDialogButtonBox::AcceptRole);
    m_reapply->setObjectName(QStringLiteral("reapplyButton"));
    m_reapply->setToolTip(tr("Replay your edits on top of their version; review and push again afterwards."));
    m_reapply->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelConflictButton"));
    m_cancel->setToolTip(tr("Keep your document as it is and push nothing."));
    connect(m_takeTheirs, &QPushButton::clicked, this, &ConflictDialog::takeTheirs);
    connect(m_reapply, &QPushButton::clicked, this, &ConflictDialog::reapply);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    // Escape and the window's close button mean Cancel too.
    connect(this, &QDialog::rejected, this, &ConflictDialog::cancelConflict);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_outcome);
    layout->addWidget(m_failureList);
    layout->addWidget(buttons);
    resize(980, 640);
}

void ConflictDialog::setConflict(const QString& proxyName, const model::MirrorConfig& theirs)
{
    m_theirs = theirs;
    m_failures.clear();
    m_resolved = false;
    m_outcome->hide();
    m_failureList->clear();
    m_failureList->hide();
    m_takeTheirs->setEnabled(true);
    m_reapply->setEnabled(true);
    m_cancel->setText(tr("Cancel"));

    const auto base = m_document ? m_document->base() : model::MirrorConfig{};
    m_headline->setText(tr("Someone pushed to %1 after you loaded revision %2; it is now at revision %3. "
                           "Nothing was overwritten.")
                            .arg(proxyName)
                            .arg(base.revision)
                            .arg(theirs.revision));
    if (m_document) {
        const auto theirChanges = QString::fromStdString(model::summarizeChanges(base, theirs));
        const auto yourChanges = QString::fromStdString(model::summarizeChanges(base, m_document->current()));
        m_summary->setText(tr("Their changes: %1\nYour edits: %2").arg(theirChanges, yourChanges));
    }
    showVersions();
}

void ConflictDialog::showVersions()
{
    const auto theirLines = prettyLines(m_theirs);
    const auto yourLines = m_document ? prettyLines(m_document->current()) : QStringList();
    const auto rows = sideBySide(diffLines(theirLines, yourLines));
    QStringList left, right;
    QList<QColor> leftTints, rightTints;
    for (const auto& row : rows) {
        left << (row.oldIndex >= 0 ? theirLines[row.oldIndex] : QString());
        right << (row.newIndex >= 0 ? yourLines[row.newIndex] : QString());
        leftTints << (!row.changed ? QColor() : row.oldIndex >= 0 ? kRemovedTint : kFillerTint);
        rightTints << (!row.changed ? QColor() : row.newIndex >= 0 ? kAddedTint : kFillerTint);
    }
    fill(m_theirsView, left, leftTints);
    fill(m_yoursView, right, rightTints);

    // The revision line always differs; open at the first change that matters
    // (the views scroll together, so moving one moves both).
    const auto isRevisionLine = [](const QString& line) {
        return line.trimmed().startsWith(QLatin1String("\"revision\":"));
    };
    m_firstChange = -1;
    for (qsizetype i = 0; i < rows.size() && m_firstChange < 0; ++i)
        if (rows[i].changed && !isRevisionLine(left[i]) && !isRevisionLine(right[i]))
            m_firstChange = static_cast<int>(i);
    scrollToFirstChange();
}

void ConflictDialog::scrollToFirstChange()
{
    if (m_firstChange < 0)
        return;
    m_yoursView->setTextCursor(QTextCursor(m_yoursView->document()->findBlockByNumber(m_firstChange)));
    m_yoursView->centerCursor();
}

void ConflictDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    // Centering needs the final geometry, which a dialog only has once shown.
    scrollToFirstChange();
}

void ConflictDialog::takeTheirs()
{
    if (!m_document || m_resolved)
        return;
    m_resolved = true;
    m_document->load(m_theirs);
    emit choice(Choice::TakeTheirs);
    accept();
}

void ConflictDialog::reapply()
{
    if (!m_document || m_resolved)
        return;
    m_resolved = true;
    m_failures = m_document->rebase(m_theirs);
    const auto issues = m_document->issues().size();
    emit choice(Choice::Reapply);
    if (m_failures.isEmpty() && issues == 0) {
        accept();
        return;
    }
    // Stay open so the operator sees what did not survive before reviewing again.
    QStringList parts;
    if (!m_failures.isEmpty())
        parts << tr("%n edit(s) could not be re-applied on their version and were dropped:", "",
                    static_cast<int>(m_failures.size()));
    if (issues > 0)
        parts << tr("The result has %n validation problem(s); fix them before pushing again.", "",
                    static_cast<int>(issues));
    if (m_failures.isEmpty())
        parts << tr("Your edits were re-applied.");
    m_outcome->setText(parts.join(QLatin1Char(' ')));
    m_outcome->show();
    m_failureList->addItems(m_failures);
    m_failureList->setVisible(!m_failures.isEmpty());
    m_takeTheirs->setEnabled(false);
    m_reapply->setEnabled(false);
    m_cancel->setText(tr("Close"));
    showVersions();
}

void ConflictDialog::cancelConflict()
{
    if (m_resolved)
        return;
    m_resolved = true;
    emit choice(Choice::Cancel);
}

} // namespace nsgate::ui
