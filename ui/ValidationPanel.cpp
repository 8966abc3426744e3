#include "ui/ValidationPanel.h"

#include "core/client/MessageText.h"

#include "ui/EditorDocument.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace nsgate::ui {

namespace {

QString fieldName(const QString& field)
{
    // Words an operator reads in the editor, not JSON keys.
    if (field == QLatin1String("url"))
        return ValidationPanel::tr("URL");
    if (field == QLatin1String("credential"))
        return ValidationPanel::tr("credential");
    if (field == QLatin1String("caPem"))
        return ValidationPanel::tr("CA");
    if (field == QLatin1String("repositoryPrefix"))
        return ValidationPanel::tr("repository prefix");
    if (field == QLatin1String("tlsVerify"))
        return ValidationPanel::tr("TLS verification");
    if (field == QLatin1String("forwardNs"))
        return ValidationPanel::tr("ns forwarding");
    if (field == QLatin1String("allow"))
        return ValidationPanel::tr("allow");
    if (field == QLatin1String("deny"))
        return ValidationPanel::tr("deny");
    if (field == QLatin1String("tags"))
        return ValidationPanel::tr("tags");
    if (field == QLatin1String("tagTtlSeconds"))
        return ValidationPanel::tr("tag TTL");
    if (field == QLatin1String("serveStale"))
        return ValidationPanel::tr("serve stale");
    if (field == QLatin1String("onMissingNs"))
        return ValidationPanel::tr("missing ns");
    if (field == QLatin1String("defaultNamespace"))
        return ValidationPanel::tr("default namespace");
    return field;
}

} // namespace

ValidationPanel::ValidationPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("validationPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("validationSummary"));
    layout->addWidget(m_summary);
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("validationList"));
    m_list->setAccessibleName(tr("Problems"));
    m_list->setUniformItemSizes(true); // thousands of problems still lay out at once
    m_list->setWordWrap(false);
    layout->addWidget(m_list);
    connect(m_list, &QListWidget::itemActivated, this, &ValidationPanel::activate);
    connect(m_list, &QListWidget::itemClicked, this, &ValidationPanel::activate);
    refresh();
}

void ValidationPanel::setDocument(EditorDocument* document)
{
    if (document == m_document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &EditorDocument::issuesChanged, this, &ValidationPanel::refresh);
        // A rename changes the words of a place without changing any issue.
        connect(m_document, &EditorDocument::namespaceRenamed, this, &ValidationPanel::refresh);
    }
    refresh();
}

int ValidationPanel::issueCount() const
{
    return m_list->count();
}

QString ValidationPanel::describePlace(const EditorDocument& document, const IssuePlace& place)
{
    const auto& namespaces = document.current().namespaces;
    if (place.namespaceIndex < 0)
        return fieldName(place.section);
    QStringList parts;
    if (static_cast<std::size_t>(place.namespaceIndex) < namespaces.size()) {
        const auto& name = namespaces[static_cast<std::size_t>(place.namespaceIndex)].name;
        parts << (name.empty() ? tr("namespace %1 (unnamed)").arg(place.namespaceIndex + 1)
                               : QString::fromStdString(name));
    } else {
        parts << tr("namespace %1").arg(place.namespaceIndex + 1);
    }
    if (place.section == QLatin1String("namespace")) {
        parts << tr("name");
    } else if (place.section == QLatin1String("aliases")) {
        parts << (place.item >= 0 ? tr("alias %1").arg(place.item + 1) : tr("aliases"));
    } else if (place.section == QLatin1String("upstreams")) {
        if (place.upstreamIndex < 0)
            parts << tr("upstreams");
        else
            parts << tr("upstream %1").arg(place.upstreamIndex + 1);
        if (!place.field.isEmpty())
            parts << fieldName(place.field);
    } else if (place.section == QLatin1String("policy")) {
        QString field = fieldName(place.field);
        if (place.item >= 0)
            field = tr("%1 line %2").arg(field).arg(place.item + 1);
        parts << field;
    } else if (!place.section.isEmpty()) {
        parts << fieldName(place.section);
    }
    return parts.join(QStringLiteral(" › "));
}

void ValidationPanel::refresh()
{
    m_list->clear();
    const EditorDocument* document = m_document;
    const int count = document ? static_cast<int>(document->issues().size()) : 0;
    m_summary->setText(count == 0 ? tr("No problems: the map can be pushed.")
                                  : tr("%n problem(s) must be fixed before a push:", nullptr, count));
    // An empty list would only take room from the table and the details.
    m_list->setVisible(count > 0);
    if (!document)
        return;
    const QIcon icon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const auto& issue : document->issues()) {
        const QString pointer = QString::fromStdString(issue.pointer);
        const QString place = describePlace(*document, parseIssuePointer(issue.pointer));
        auto* item =
            new QListWidgetItem(icon, tr("%1: %2").arg(place, client::translated(issue)));
        item->setData(PointerRole, pointer);
        item->setToolTip(pointer);
        m_list->addItem(item);
    }
}

void ValidationPanel::activate(QListWidgetItem* item)
{
    if (item)
        emit issueActivated(item->data(PointerRole).toString());
}

} // namespace nsgate::ui
