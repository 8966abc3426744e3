#include "ui/NamespaceEditor.h"

#include "ui/StatusColors.h"
#include "core/client/MessageText.h"
#include "core/model/ConfigValidator.h"
#include "ui/EditCommands.h"
#include "ui/EditorDocument.h"
#include "ui/UpstreamEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QTextBlock>
#include <QVBoxLayout>

namespace nsgate::ui {

namespace {

// One entry per non-empty line, trimmed: what a list field means.
std::vector<std::string> linesOf(const QString& text)
{
    std::vector<std::string> lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            lines.push_back(trimmed.toStdString());
    }
    return lines;
}

QString joinLines(const std::vector<std::string>& lines)
{
    QStringList out;
    for (const auto& line : lines)
        out << QString::fromStdString(line);
    return out.join(QLatin1Char('\n'));
}

QPlainTextEdit* listEdit(const QString& objectName, const QString& placeholder)
{
    auto* edit = new QPlainTextEdit;
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setMaximumHeight(edit->fontMetrics().lineSpacing() * 5 + 12);
    return edit;
}

} // namespace

NamespaceEditor::NamespaceEditor(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("namespaceEditor"));
    buildUi();
    connectEdits();
    refresh();
}

void NamespaceEditor::buildUi()
{
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("namespaceEditorScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_scroll);

    auto* container = new QWidget;
    auto* layout = new QVBoxLayout(container);
    m_placeholder = new QLabel(tr("Select a namespace to edit its upstreams and policy."));
    m_placeholder->setObjectName(QStringLiteral("namespaceEditorPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    layout->addWidget(m_placeholder);

    m_content = new QWidget;
    auto* content = new QVBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_content);
    layout->addStretch(1);
    m_scroll->setWidget(container);

    auto* nsBox = new QGroupBox(tr("Namespace"));
    auto* nsForm = new QFormLayout(nsBox);
    m_nameEdit = new QLineEdit;
    m_nameEdit->setObjectName(QStringLiteral("namespaceNameEdit"));
    m_nameEdit->setToolTip(tr("The registry host as clients write it in image references"));
    m_aliasesEdit = listEdit(QStringLiteral("aliasesEdit"), tr("Other spellings, one per line"));
    m_aliasesEdit->setToolTip(tr("Other spellings of the same registry, one per line"));
    nsForm->addRow(tr("&Name:"), m_nameEdit);
    nsForm->addRow(tr("&Aliases:"), m_aliasesEdit);
    content->addWidget(nsBox);

    auto* upBox = new QGroupBox(tr("Upstreams (tried in order)"));
    auto* upLayout = new QVBoxLayout(upBox);
    m_upstreams = new UpstreamEditor;
    upLayout->addWidget(m_upstreams);
    content->addWidget(upBox);

    auto* policyBox = new QGroupBox(tr("Trust policy"));
    auto* policyForm = new QFormLayout(policyBox);
    m_allowEdit = listEdit(QStringLiteral("allowEdit"), tr("library/** — empty allows every repository"));
    m_allowEdit->setToolTip(tr("Repository globs, one per line (* = one segment, ** = any)"));
    m_denyEdit = listEdit(QStringLiteral("denyEdit"), tr("One glob per line; deny wins over allow"));
    m_denyEdit->setToolTip(tr("Repository globs refused even when allowed, one per line"));
    m_tagsCombo = new QComboBox;
    m_tagsCombo->setObjectName(QStringLiteral("tagsModeCombo"));
    m_tagsCombo->addItem(tr("primary: only the first upstream resolves tags"), int(model::TagMode::Primary));
    m_tagsCombo->addItem(tr("any: upstreams resolve tags in order"), int(model::TagMode::Any));
    m_tagsCombo->addItem(tr("digest-only: tag requests are refused"), int(model::TagMode::DigestOnly));
    m_ttlSpin = new QSpinBox;
    m_ttlSpin->setObjectName(QStringLiteral("tagTtlSpin"));
    m_ttlSpin->setRange(0, static_cast<int>(model::kMaxTagTtlSeconds));
    m_ttlSpin->setSuffix(tr(" s"));
    m_ttlSpin->setToolTip(tr("How long a cached tag is served without asking upstream (0 = always ask)"));
    // Short texts here, the explanation in tool tips: a check box does not
    // wrap, and a long one would make the editor scroll sideways in German.
    m_serveStale = new QCheckBox(tr("Serve stale tags"));
    m_serveStale->setObjectName(QStringLiteral("serveStaleCheck"));
    m_serveStale->setToolTip(tr("Serve the last known tag when every upstream fails"));
    m_missingCombo = new QComboBox;
    m_missingCombo->setObjectName(QStringLiteral("onMissingNsCombo"));
    m_missingCombo->addItem(tr("reject requests without ns"), int(model::MissingNsMode::Reject));
    m_missingCombo->addItem(tr("serve them from this namespace"), int(model::MissingNsMode::Serve));
    m_missingCombo->setToolTip(tr("Only used when this is the default namespace"));
    // The choices are sentences; the closed boxes may be narrower than the
    // longest (the open list still shows it whole).
    for (auto* combo : {m_tagsCombo, m_missingCombo}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(16);
    }
    policyForm->addRow(tr("A&llow:"), m_allowEdit);
    policyForm->addRow(tr("&Deny:"), m_denyEdit);
    policyForm->addRow(tr("&Tags:"), m_tagsCombo);
    policyForm->addRow(tr("Tag TT&L:"), m_ttlSpin);
    policyForm->addRow(QString(), m_serveStale);
    policyForm->addRow(tr("&Missing ns:"), m_missingCombo);
    content->addWidget(policyBox);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("editorMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(errorLabelStyle());
    m_message->hide();
    content->addWidget(m_message);

    // Invalid fields get a red frame; the selector follows the "invalid" property.
    m_content->setStyleSheet(invalidBorderStyle(QStringLiteral("*[invalid=\"true\"]")));
    for (QWidget* w : {static_cast<QWidget*>(m_nameEdit), static_cast<QWidget*>(m_aliasesEdit),
                       static_cast<QWidget*>(m_allowEdit), static_cast<QWidget*>(m_denyEdit),
                       static_cast<QWidget*>(m_tagsCombo), static_cast<QWidget*>(m_ttlSpin),
                       static_cast<QWidget*>(m_serveStale), static_cast<QWidget*>(m_missingCombo)}) {
        m_baseToolTips[w] = w->toolTip();
        w->installEventFilter(this);
    }
    for (QWidget* w : m_upstreams->markableWidgets())
        m_baseToolTips[w] = w->toolTip();
}

void NamespaceEditor::connectEdits()
{
    const auto ns = [this] {
        return m_namespace.toStdString();
    };
    connect(m_nameEdit, &QLineEdit::editingFinished, this, &NamespaceEditor::commitName);
    connect(m_aliasesEdit, &QPlainTextEdit::textChanged, this, [=, this] {
        if (!m_updating)
            pushEdit(edit::setAliases(ns(), linesOf(m_aliasesEdit->toPlainText())));
    });
    connect(m_allowEdit, &QPlainTextEdit::textChanged, this, [=, this] {
        if (!m_updating)
            pushEdit(edit::setAllow(ns(), linesOf(m_allowEdit->toPlainText())));
    });
    connect(m_denyEdit, &QPlainTextEdit::textChanged, this, [=, this] {
        if (!m_updating)
            pushEdit(edit::setDeny(ns(), linesOf(m_denyEdit->toPlainText())));
    });
    connect(m_tagsCombo, &QComboBox::activated, this, [=, this](int index) {
        pushEdit(edit::setTagMode(ns(), static_cast<model::TagMode>(m_tagsCombo->itemData(index).toInt())),
                 false);
    });
    connect(m_ttlSpin, &QSpinBox::valueChanged, this, [=, this](int value) {
        if (!m_updating)
            pushEdit(edit::setTagTtl(ns(), value));
    });
    connect(m_serveStale, &QCheckBox::clicked, this,
            [=, this](bool checked) { pushEdit(edit::setServeStale(ns(), checked), false); });
    connect(m_missingCombo, &QComboBox::activated, this, [=, this](int index) {
        const auto mode = static_cast<model::MissingNsMode>(m_missingCombo->itemData(index).toInt());
        pushEdit(edit::setOnMissingNs(ns(), mode), false);
    });

    connect(m_upstreams, &UpstreamEditor::message, this, &NamespaceEditor::showMessage);
    connect(m_upstreams, &UpstreamEditor::currentUpstreamChanged, this, &NamespaceEditor::markIssues);
}

void NamespaceEditor::setDocument(EditorDocument* document)
{
    if (document == m_document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    // The upstream editor updates first, so markIssues() sees its current row.
    m_upstreams->setDocument(document);
    m_document = document;
    if (m_document) {
        connect(m_document, &EditorDocument::namespaceRenamed, this,
                [this](const QString& from, const QString& to) {
                    if (from == m_namespace)
                        m_namespace = to;
                });
        connect(m_document, &EditorDocument::changed, this, &NamespaceEditor::refresh);
    }
    refresh();
}

void NamespaceEditor::setNamespace(const QString& name)
{
    if (name == m_namespace)
        return;
    if (EditorDocument* document = m_document)
        document->sealEdits();
    m_namespace = name;
    m_upstreams->setNamespace(name);
    m_message->hide();
    {
        QScopedValueRollback guard(m_updating, true);
        m_nameEdit->setText(name);
    }
    refresh();
}

void NamespaceEditor::setCredentialNames(const QStringList& names)
{
    m_upstreams->setCredentialNames(names);
}

int NamespaceEditor::currentUpstream() const
{
    return m_upstreams->currentUpstream();
}

void NamespaceEditor::setCurrentUpstream(int row)
{
    m_upstreams->setCurrentUpstream(row);
}

int NamespaceEditor::namespaceIndex() const
{
    const EditorDocument* document = m_document;
    if (!document || m_namespace.isEmpty())
        return -1;
    const std::string name = m_namespace.toStdString();
    const auto& namespaces = document->current().namespaces;
    for (std::size_t i = 0; i < namespaces.size(); ++i) {
        if (namespaces[i].name == name)
            return static_cast<int>(i);
    }
    return -1;
}

bool NamespaceEditor::pushEdit(std::unique_ptr<EditCommand> command, bool typing)
{
    EditorDocument* document = m_document;
    if (!document || namespaceIndex() < 0)
        return false;
    if (!typing)
        document->sealEdits();
    QString why;
    const bool applied = document->push(std::move(command), &why);
    if (!typing)
        document->sealEdits();
    if (applied)
        m_message->hide();
    else
        showMessage(why);
    return applied;
}

void NamespaceEditor::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void NamespaceEditor::editName()
{
    m_scroll->ensureWidgetVisible(m_nameEdit);
    m_nameEdit->setFocus(Qt::OtherFocusReason);
    m_nameEdit->selectAll();
}

void NamespaceEditor::commitName()
{
    const QString to = m_nameEdit->text().trimmed();
    if (m_updating || to == m_namespace || namespaceIndex() < 0)
        return;
    const QString from = m_namespace;
    pushEdit(edit::renameNamespace(from.toStdString(), to.toStdString()), false);
    // On success m_namespace followed the rename; on failure the old name comes back.
    QScopedValueRollback guard(m_updating, true);
    m_nameEdit->setText(m_namespace);
}

bool NamespaceEditor::eventFilter(QObject* watched, QEvent* event)
{
    // Leaving a field ends its typing run: coming back later is a new undo step.
    EditorDocument* document = m_document;
    if (event->type() == QEvent::FocusOut && document)
        document->sealEdits();
    return QWidget::eventFilter(watched, event);
}

void NamespaceEditor::refresh()
{
    const int index = namespaceIndex();
    const EditorDocument* document = m_document;
    m_placeholder->setVisible(index < 0);
    m_content->setVisible(index >= 0);
    if (index < 0 || !document)
        return;
    const auto& entry = document->current().namespaces[static_cast<std::size_t>(index)];
    QScopedValueRollback guard(m_updating, true);

    // Write a widget only when it means something else than the document says,
    // so the cursor of a field being typed into never jumps.
    if (!m_nameEdit->isModified())
        m_nameEdit->setText(m_namespace);
    const auto syncList = [](QPlainTextEdit* edit, const std::vector<std::string>& value) {
        if (linesOf(edit->toPlainText()) != value)
            edit->setPlainText(joinLines(value));
    };
    syncList(m_aliasesEdit, entry.aliases);
    syncList(m_allowEdit, entry.policy.allow);
    syncList(m_denyEdit, entry.policy.deny);
    m_tagsCombo->setCurrentIndex(m_tagsCombo->findData(int(entry.policy.tags)));
    const auto ttl =
        static_cast<int>(std::clamp<std::int64_t>(entry.policy.tagTtlSeconds, 0, model::kMaxTagTtlSeconds));
    if (m_ttlSpin->value() != ttl)
        m_ttlSpin->setValue(ttl);
    m_serveStale->setChecked(entry.policy.serveStale);
    m_missingCombo->setCurrentIndex(m_missingCombo->findData(int(entry.policy.onMissingNs)));

    markIssues();
}

QWidget* NamespaceEditor::widgetFor(const IssuePlace& place) const
{
    const QString& s = place.section;
    if (s == QLatin1String("namespace"))
        return m_nameEdit;
    if (s == QLatin1String("aliases"))
        return m_aliasesEdit;
    if (s == QLatin1String("upstreams"))
        return m_upstreams->widgetFor(place);
    if (s == QLatin1String("policy")) {
        const QString& f = place.field;
        if (f == QLatin1String("allow"))
            return m_allowEdit;
        if (f == QLatin1String("deny"))
            return m_denyEdit;
        if (f == QLatin1String("tags"))
            return m_tagsCombo;
        if (f == QLatin1String("tagTtlSeconds"))
            return m_ttlSpin;
        if (f == QLatin1String("serveStale"))
            return m_serveStale;
        if (f == QLatin1String("onMissingNs"))
            return m_missingCombo;
    }
    return nullptr;
}

void NamespaceEditor::markIssues()
{
    std::map<QWidget*, QString> problems;
    const int index = namespaceIndex();
    if (const EditorDocument* document = m_document; document && index >= 0) {
        for (int issueIndex : document->issuesOfNamespace(index)) {
            const auto& issue = document->issues()[static_cast<std::size_t>(issueIndex)];
            if (QWidget* w = widgetFor(parseIssuePointer(issue.pointer))) {
                QString& text = problems[w];
                if (!text.isEmpty())
                    text += QLatin1Char('\n');
                text += client::translated(issue);
            }
        }
    }
    for (const auto& [widget, baseToolTip] : m_baseToolTips) {
        const auto found = problems.find(widget);
        const bool invalid = found != problems.end();
        widget->setToolTip(invalid ? found->second : baseToolTip);
        if (widget->property("invalid").toBool() == invalid)
            continue;
        widget->setProperty("invalid", invalid);
        // A dynamic property in a style sheet selector needs a re-polish.
        widget->style()->unpolish(widget);
        widget->style()->polish(widget);
    }
}

bool NamespaceEditor::focusIssue(const QString& pointer)
{
    const IssuePlace place = parseIssuePointer(pointer.toStdString());
    if (place.namespaceIndex < 0 || place.namespaceIndex != namespaceIndex())
        return false;
    if (place.section == QLatin1String("upstreams") && place.upstreamIndex >= 0)
        setCurrentUpstream(place.upstreamIndex);
    QWidget* widget = widgetFor(place);
    if (!widget)
        return false;
    // List fields: put the cursor on the offending line (blank lines are not entries).
    auto* text = qobject_cast<QPlainTextEdit*>(widget);
    if (text && place.item >= 0 && place.section != QLatin1String("upstreams")) {
        int entry = -1;
        for (QTextBlock block = text->document()->begin(); block.isValid(); block = block.next()) {
            if (!block.text().trimmed().isEmpty() && ++entry == place.item) {
                QTextCursor cursor(block);
                cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
                text->setTextCursor(cursor);
                break;
            }
        }
    }
    m_scroll->ensureWidgetVisible(widget);
    widget->setFocus(Qt::OtherFocusReason);
    return true;
}

} // namespace nsgate::ui
