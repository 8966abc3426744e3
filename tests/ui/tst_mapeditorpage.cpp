// MapEditorPage offscreen, driven through its widgets by object name: the empty
// state, adding a namespace and an upstream, an invalid URL showing up in the
// validation list and on the field, clicking the problem to reach the field,
// and undo/redo bringing the widgets back.

#include "ui/EditCommands.h"
#include "ui/EditorDocument.h"
#include "ui/MapEditorPage.h"
#include "ui/NamespaceEditor.h"
#include "ui/UpstreamEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace nsgate;
using namespace nsgate::ui;

class TestMapEditorPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void emptyStateOffersAdd();
    void addNamespaceAndUpstreamThroughWidgets();
    void invalidUrlIsListedMarkedAndReachable();
    void undoRedoRestoresWidgets();
    void policyAndListFieldsAreCommands();
    void defaultNamespaceAndRemove();
    void caFromFile();

private:
    template<class T> T* find(const char* name)
    {
        auto* widget = m_page->findChild<T*>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no widget %s", name);
        return widget;
    }
    // Adds "quay.io" with one upstream "https://quay.io" through the widgets.
    void addQuay();
    void clickIssue(int row);

    EditorDocument* m_document = nullptr;
    MapEditorPage* m_page = nullptr;
};

void TestMapEditorPage::init()
{
    m_document = new EditorDocument;
    m_document->load({});
    m_page = new MapEditorPage(nullptr);
    m_page->setDocument(m_document);
    m_page->setCredentialNames({QStringLiteral("hub"), QStringLiteral("quay-robot")});
    m_page->resize(1280, 900);
    m_page->show();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page));
}

void TestMapEditorPage::cleanup()
{
    delete m_page;
    delete m_document;
}

void TestMapEditorPage::addQuay()
{
    QTest::mouseClick(find<QPushButton>("emptyStateAddButton"), Qt::LeftButton);
    auto* name = find<QLineEdit>("namespaceNameEdit");
    QTRY_VERIFY(name->hasFocus());
    QCOMPARE(name->selectedText(), QStringLiteral("registry.example.com"));
    QTest::keyClicks(name, QStringLiteral("quay.io"));
    QTest::keyClick(name, Qt::Key_Return);
    QTest::mouseClick(find<QPushButton>("addUpstreamButton"), Qt::LeftButton);
    auto* url = find<QLineEdit>("upstreamUrlEdit");
    QTRY_VERIFY(url->hasFocus());
    QTest::keyClicks(url, QStringLiteral("quay.io"));
    QTest::keyClick(url, Qt::Key_Tab); // leaving the field ends its typing run
}

void TestMapEditorPage::clickIssue(int row)
{
    auto* list = find<QListWidget>("validationList");
    QVERIFY(row < list->count());
    list->scrollToItem(list->item(row));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(row)).center());
}

void TestMapEditorPage::emptyStateOffersAdd()
{
    auto* stack = find<QStackedWidget>("mapEditorStack");
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyStatePage"));
    QVERIFY(find<QPushButton>("emptyStateAddButton")->isVisible());
    QVERIFY(!m_page->removeNamespaceAction()->isEnabled());
    QTest::mouseClick(find<QToolButton>("addNamespaceButton"), Qt::LeftButton);
    QCOMPARE(m_document->current().namespaces.size(), std::size_t(1));
    QVERIFY(stack->currentWidget()->objectName() != QStringLiteral("emptyStatePage"));
    QVERIFY(find<QTableView>("namespacesTable")->isVisible());
    QCOMPARE(m_page->currentNamespace(), QStringLiteral("registry.example.com"));
    QVERIFY(m_page->removeNamespaceAction()->isEnabled());
    m_document->undoStack()->undo();
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyStatePage"));
}

void TestMapEditorPage::addNamespaceAndUpstreamThroughWidgets()
{
    auto* list = find<QListWidget>("validationList");
    QTest::mouseClick(find<QPushButton>("emptyStateAddButton"), Qt::LeftButton);
    QCOMPARE(list->count(), 1);
    QVERIFY2(list->item(0)->text().contains(QStringLiteral("needs at least one upstream")),
             qPrintable(list->item(0)->text()));
    QVERIFY(find<QTableView>("upstreamsView")->property("invalid").toBool());
    m_document->undoStack()->undo();

    addQuay();
    const auto& config = m_document->current();
    QCOMPARE(config.namespaces.size(), std::size_t(1));
    QCOMPARE(config.namespaces[0].name, std::string("quay.io"));
    QCOMPARE(config.namespaces[0].upstreams.size(), std::size_t(1));
    QCOMPARE(config.namespaces[0].upstreams[0].url, std::string("https://quay.io"));
    QCOMPARE(find<QTableView>("namespacesTable")->model()->index(0, 0).data().toString(),
             QStringLiteral("quay.io"));
    QCOMPARE(list->count(), 0);
    QVERIFY(!find<QLineEdit>("upstreamUrlEdit")->property("invalid").toBool());
    // Add namespace, rename, add upstream, and the URL typed key by key as one step.
    QCOMPARE(m_document->undoStack()->count(), 4);
    QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Change upstream URL of quay.io"));

    // The credential picker offers the proxy's names and sets the field.
    auto* credential = find<QComboBox>("upstreamCredentialCombo");
    QCOMPARE(credential->count(), 2);
    credential->setFocus();
    QTest::keyClicks(credential, QStringLiteral("quay-robot"));
    QCOMPARE(m_document->current().namespaces[0].upstreams[0].credential,
             std::optional<std::string>("quay-robot"));
}

void TestMapEditorPage::invalidUrlIsListedMarkedAndReachable()
{
    addQuay();
    auto* url = find<QLineEdit>("upstreamUrlEdit");
    url->setFocus();
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("ftp://quay.io"));
    QCOMPARE(m_document->current().namespaces[0].upstreams[0].url, std::string("ftp://quay.io"));

    auto* list = find<QListWidget>("validationList");
    QCOMPARE(list->count(), 1);
    QVERIFY2(list->item(0)->text().contains(QStringLiteral("ftp://quay.io")),
             qPrintable(list->item(0)->text()));
    QVERIFY2(list->item(0)->text().startsWith(QStringLiteral("quay.io › upstream 1 › URL")),
             qPrintable(list->item(0)->text()));
    QCOMPARE(list->item(0)->data(Qt::UserRole + 1).toString(),
             QStringLiteral("/namespaces/0/upstreams/0/url"));
    QVERIFY(url->property("invalid").toBool());
    QVERIFY2(url->toolTip().contains(QStringLiteral("http://")), qPrintable(url->toolTip()));
    auto* table = find<QTableView>("namespacesTable");
    QCOMPARE(table->model()->index(0, 5).data().toString(), QStringLiteral("1 problem(s)"));

    // A second namespace (without upstreams) takes the selection away.
    m_page->addNamespaceAction()->trigger();
    QCOMPARE(m_page->currentNamespace(), QStringLiteral("registry.example.com"));
    QCOMPARE(list->count(), 2);
    table->setFocus();
    QVERIFY(!url->hasFocus());

    // Clicking the URL problem goes back to quay.io and into the field.
    int urlRow = -1;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole + 1).toString().endsWith(QStringLiteral("/url")))
            urlRow = i;
    }
    QVERIFY(urlRow >= 0);
    clickIssue(urlRow);
    QCOMPARE(m_page->currentNamespace(), QStringLiteral("quay.io"));
    QTRY_VERIFY(url->hasFocus());
    QCOMPARE(url->text(), QStringLiteral("ftp://quay.io"));

    // The other problem (no upstream at all) lands on the upstream list.
    clickIssue(1 - urlRow);
    QCOMPARE(m_page->currentNamespace(), QStringLiteral("registry.example.com"));
    QTRY_VERIFY(find<QTableView>("upstreamsView")->hasFocus());
}

void TestMapEditorPage::undoRedoRestoresWidgets()
{
    addQuay();
    auto* url = find<QLineEdit>("upstreamUrlEdit");
    url->setFocus();
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("ftp://quay.io"));
    QVERIFY(url->property("invalid").toBool());
    auto* stack = m_document->undoStack();
    QCOMPARE(stack->count(), 5);

    stack->undo();
    QCOMPARE(url->text(), QStringLiteral("https://quay.io"));
    QVERIFY(!url->property("invalid").toBool());
    QCOMPARE(find<QListWidget>("validationList")->count(), 0);
    stack->redo();
    QCOMPARE(url->text(), QStringLiteral("ftp://quay.io"));
    QVERIFY(url->property("invalid").toBool());

    auto* name = find<QLineEdit>("namespaceNameEdit");
    stack->setIndex(1); // only the added namespace, with its placeholder name
    QCOMPARE(name->text(), QStringLiteral("registry.example.com"));
    QCOMPARE(m_page->currentNamespace(), QStringLiteral("registry.example.com"));
    QVERIFY(!find<QWidget>("upstreamForm")->isEnabled());
    stack->setIndex(0);
    QCOMPARE(find<QStackedWidget>("mapEditorStack")->currentWidget()->objectName(),
             QStringLiteral("emptyStatePage"));
    stack->setIndex(stack->count());
    QCOMPARE(m_page->currentNamespace(), QStringLiteral("quay.io"));
    QCOMPARE(name->text(), QStringLiteral("quay.io"));
    QCOMPARE(url->text(), QStringLiteral("ftp://quay.io"));
    QVERIFY(find<QWidget>("upstreamForm")->isEnabled());
}

void TestMapEditorPage::policyAndListFieldsAreCommands()
{
    addQuay();
    const int before = m_document->undoStack()->count();
    auto* aliases = find<QPlainTextEdit>("aliasesEdit");
    aliases->setFocus();
    QTest::keyClicks(aliases, QStringLiteral("mirror.quay.io"));
    QCOMPARE(m_document->current().namespaces[0].aliases, std::vector<std::string>{"mirror.quay.io"});
    QCOMPARE(m_document->undoStack()->count(), before + 1);

    auto* allow = find<QPlainTextEdit>("allowEdit");
    allow->setFocus();
    QTest::keyClicks(allow, QStringLiteral("org/**"));
    QTest::keyClick(allow, Qt::Key_Return);
    QTest::keyClicks(allow, QStringLiteral("bad["));
    QCOMPARE(m_document->current().namespaces[0].policy.allow, (std::vector<std::string>{"org/**", "bad["}));
    QCOMPARE(m_document->undoStack()->count(), before + 2);
    // The bad glob is the second line: its problem puts the cursor there.
    QVERIFY(allow->property("invalid").toBool());
    find<QTableView>("namespacesTable")->setFocus();
    QVERIFY(m_page->showIssue(QStringLiteral("/namespaces/0/policy/allow/1")));
    QTRY_VERIFY(allow->hasFocus());
    QCOMPARE(allow->textCursor().selectedText(), QStringLiteral("bad["));

    auto* ttl = find<QSpinBox>("tagTtlSpin");
    ttl->setFocus();
    ttl->selectAll();
    QTest::keyClicks(ttl, QStringLiteral("60"));
    QCOMPARE(m_document->current().namespaces[0].policy.tagTtlSeconds, 60);
    QCOMPARE(m_document->undoStack()->count(), before + 3);

    auto* stale = find<QCheckBox>("serveStaleCheck");
    // On its box: the check box is as wide as the form, its text is short.
    QTest::mouseClick(stale, Qt::LeftButton, {}, QPoint(8, stale->height() / 2));
    QCOMPARE(m_document->current().namespaces[0].policy.serveStale, false);
    auto* tags = find<QComboBox>("tagsModeCombo");
    tags->setFocus();
    QTest::keyClick(tags, Qt::Key_Down);
    QVERIFY(m_document->current().namespaces[0].policy.tags == model::TagMode::Any);
    QCOMPARE(m_document->undoStack()->count(), before + 5);

    m_document->undoStack()->setIndex(before);
    QCOMPARE(aliases->toPlainText(), QString());
    QCOMPARE(allow->toPlainText(), QString());
    QCOMPARE(ttl->value(), 300);
    QVERIFY(stale->isChecked());
    QCOMPARE(tags->currentIndex(), 0);
    QVERIFY(!allow->property("invalid").toBool());
}

void TestMapEditorPage::defaultNamespaceAndRemove()
{
    addQuay();
    auto* combo = find<QComboBox>("defaultNamespaceCombo");
    QCOMPARE(combo->count(), 2);
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(m_document->current().defaultNamespace, std::optional<std::string>("quay.io"));

    // Renaming the default namespace in the table keeps it the default.
    auto* table = find<QTableView>("namespacesTable");
    QVERIFY(table->model()->setData(table->model()->index(0, 0), QStringLiteral("quay.example.com")));
    QCOMPARE(m_document->current().defaultNamespace, std::optional<std::string>("quay.example.com"));
    QCOMPARE(combo->currentText(), QStringLiteral("quay.example.com"));
    QCOMPARE(find<QLineEdit>("namespaceNameEdit")->text(), QStringLiteral("quay.example.com"));

    m_page->removeNamespaceAction()->trigger();
    QVERIFY(m_document->current().namespaces.empty());
    QVERIFY(!m_document->current().defaultNamespace);
    QCOMPARE(combo->currentIndex(), 0);
    m_document->undoStack()->undo();
    QCOMPARE(m_document->current().namespaces.size(), std::size_t(1));
    QCOMPARE(combo->currentText(), QStringLiteral("quay.example.com"));
    QCOMPARE(m_page->currentNamespace(), QStringLiteral("quay.example.com"));
}

void TestMapEditorPage::caFromFile()
{
    addQuay();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ca.pem"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    file.close();
    auto* upstreams = m_page->namespaceEditor()->upstreamEditor();
    QVERIFY(upstreams->loadCaFromFile(path));
    QVERIFY(
        m_document->current().namespaces[0].upstreams[0].caPem->starts_with("-----BEGIN CERTIFICATE-----"));
    QVERIFY(find<QPlainTextEdit>("upstreamCaEdit")->toPlainText().startsWith(QStringLiteral("-----BEGIN")));
    QVERIFY(!upstreams->loadCaFromFile(dir.filePath(QStringLiteral("missing.pem"))));
    QVERIFY(find<QLabel>("editorMessageLabel")->isVisibleTo(m_page));
    m_document->undoStack()->undo();
    QCOMPARE(find<QPlainTextEdit>("upstreamCaEdit")->toPlainText(), QString());
}

QTEST_MAIN(TestMapEditorPage)
#include "tst_mapeditorpage.moc"
