// NamespacesModel and UpstreamsModel: pass QAbstractItemModelTester through
// edits, undo and redo, rebase and reload; report edits as minimal
// dataChanged/insert/remove instead of resets; edits in cells become commands.

#include "ui/EditCommands.h"
#include "ui/EditorDocument.h"
#include "ui/NamespacesModel.h"
#include "ui/UpstreamsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace nsgate;
using namespace nsgate::ui;

namespace {

model::MirrorConfig configWith(int count)
{
    model::MirrorConfig config;
    config.revision = 3;
    for (int i = 0; i < count; ++i) {
        model::NamespaceEntry entry;
        entry.name = "r" + std::to_string(i) + ".example.com";
        model::Upstream up;
        up.url = "https://mirror" + std::to_string(i) + ".example.com";
        entry.upstreams = {up, up};
        entry.upstreams[1].url += "/v2proxy";
        config.namespaces.push_back(entry);
    }
    return config;
}

model::NamespaceEntry namedEntry(const std::string& name)
{
    model::NamespaceEntry entry;
    entry.name = name;
    model::Upstream up;
    up.url = "https://" + name;
    entry.upstreams = {up};
    return entry;
}

} // namespace

class TestNamespacesModel : public QObject
{
    Q_OBJECT

private slots:
    void showsNamespaces();
    void editReportsOnlyTheChangedRow();
    void addAndRemoveAcrossUndoRedo();
    void rebaseAndReloadStayConsistent();
    void cellEditsAreCommands();
    void invalidCellsAreMarked();
    void upstreamsFollowTheirNamespace();
    void upstreamCellEditsAreCommands();
};

void TestNamespacesModel::showsNamespaces()
{
    EditorDocument document;
    auto config = configWith(3);
    config.namespaces[1].aliases = {"a.example.com", "b.example.com"};
    config.namespaces[2].policy.tags = model::TagMode::Any;
    config.namespaces[2].policy.tagTtlSeconds = 60;
    document.load(config);
    NamespacesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(&document);

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(NamespacesModel::ColumnCount));
    QCOMPARE(model.namespaceAt(1), QStringLiteral("r1.example.com"));
    QCOMPARE(model.rowOf(QStringLiteral("r2.example.com")), 2);
    QCOMPARE(model.rowOf(QStringLiteral("absent.example.com")), -1);
    QCOMPARE(model.namespaceAt(7), QString());
    QCOMPARE(model.index(1, NamespacesModel::Aliases).data().toString(),
             QStringLiteral("a.example.com, b.example.com"));
    QCOMPARE(model.index(0, NamespacesModel::Upstreams).data().toInt(), 2);
    QCOMPARE(model.index(2, NamespacesModel::Tags).data().toString(), QStringLiteral("any"));
    QCOMPARE(model.index(2, NamespacesModel::Ttl).data(Qt::EditRole).toLongLong(), 60);
    QCOMPARE(model.index(0, NamespacesModel::State).data().toString(), QStringLiteral("ok"));
    QVERIFY(model.flags(model.index(0, NamespacesModel::Namespace)) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.index(0, NamespacesModel::State)) & Qt::ItemIsEditable));
}

void TestNamespacesModel::editReportsOnlyTheChangedRow()
{
    EditorDocument document;
    document.load(configWith(50));
    NamespacesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(&document);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QVERIFY(document.push(edit::setTagTtl("r17.example.com", 42)));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 17);
    QCOMPARE(changed.last().at(1).toModelIndex().row(), 17);
    QCOMPARE(model.index(17, NamespacesModel::Ttl).data(Qt::EditRole).toLongLong(), 42);

    // An upstream URL is not shown in the table: no signal at all.
    QVERIFY(document.push(edit::setUpstreamUrl("r3.example.com", 0, "https://other.example.com")));
    QCOMPARE(changed.count(), 1);

    // A rename is a change of its row, not a remove and insert.
    QVERIFY(document.push(edit::renameNamespace("r5.example.com", "renamed.example.com")));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 5);
    QCOMPARE(model.namespaceAt(5), QStringLiteral("renamed.example.com"));

    document.undoStack()->undo();
    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(model.index(17, NamespacesModel::Ttl).data(Qt::EditRole).toLongLong(), 300);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
}

void TestNamespacesModel::addAndRemoveAcrossUndoRedo()
{
    EditorDocument document;
    document.load(configWith(10));
    NamespacesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(&document);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    QVERIFY(document.push(edit::addNamespace(namedEntry("quay.io"), 4)));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.last().at(1).toInt(), 4);
    QCOMPARE(inserted.last().at(2).toInt(), 4);
    QCOMPARE(model.namespaceAt(4), QStringLiteral("quay.io"));
    QCOMPARE(model.rowCount(), 11);

    QVERIFY(document.push(edit::removeNamespace("r7.example.com")));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.last().at(1).toInt(), 8);
    QCOMPARE(model.rowCount(), 10);

    document.undoStack()->undo(); // r7 back
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(model.namespaceAt(8), QStringLiteral("r7.example.com"));
    document.undoStack()->undo(); // quay.io gone
    QCOMPARE(removed.count(), 2);
    QCOMPARE(removed.last().at(1).toInt(), 4);
    QCOMPARE(model.rowCount(), 10);
    document.undoStack()->redo();
    document.undoStack()->redo();
    QCOMPARE(model.rowOf(QStringLiteral("quay.io")), 4);
    QCOMPARE(model.rowOf(QStringLiteral("r7.example.com")), -1);

    // Jumping several steps at once (an undo view click) stays consistent too.
    document.undoStack()->setIndex(0);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.namespaceAt(4), QStringLiteral("r4.example.com"));
    QCOMPARE(reset.count(), 0);
}

void TestNamespacesModel::rebaseAndReloadStayConsistent()
{
    EditorDocument document;
    document.load(configWith(6));
    NamespacesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(&document);
    QVERIFY(document.push(edit::addNamespace(namedEntry("quay.io"))));
    QVERIFY(document.push(edit::removeNamespace("r0.example.com")));

    auto theirs = configWith(6);
    theirs.revision = 4;
    theirs.namespaces.erase(theirs.namespaces.begin() + 2, theirs.namespaces.begin() + 4);
    theirs.namespaces.push_back(namedEntry("their.example.com"));
    QVERIFY(document.rebase(theirs).isEmpty());
    QCOMPARE(model.rowCount(), static_cast<int>(document.current().namespaces.size()));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.namespaceAt(row),
                 QString::fromStdString(document.current().namespaces[static_cast<std::size_t>(row)].name));

    document.load(configWith(2));
    QCOMPARE(model.rowCount(), 2);
    document.load({});
    QCOMPARE(model.rowCount(), 0);
    model.setDocument(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestNamespacesModel::cellEditsAreCommands()
{
    EditorDocument document;
    document.load(configWith(3));
    NamespacesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(&document);

    QVERIFY(model.setData(model.index(1, NamespacesModel::Namespace), QStringLiteral("new.example.com")));
    QCOMPARE(document.current().namespaces[1].name, std::string("new.example.com"));
    QVERIFY(!model.setData(model.index(1, NamespacesModel::Namespace), QStringLiteral("r0.example.com")));
    QVERIFY(!model.setData(model.index(1, NamespacesModel::Namespace), QStringLiteral("  ")));
    QVERIFY(model.setData(model.index(2, NamespacesModel::Ttl), 77));
    QCOMPARE(document.current().namespaces[2].policy.tagTtlSeconds, 77);
    QVERIFY(model.setData(model.index(2, NamespacesModel::Tags), QStringLiteral("digest-only")));
    QVERIFY(document.current().namespaces[2].policy.tags == model::TagMode::DigestOnly);
    QVERIFY(!model.setData(model.index(2, NamespacesModel::Tags), QStringLiteral("sometimes")));
    QVERIFY(!model.setData(model.index(2, NamespacesModel::State), QStringLiteral("ok")));
    QCOMPARE(document.undoStack()->count(), 3);
    document.undoStack()->setIndex(0);
    QCOMPARE(document.current(), configWith(3));
    QCOMPARE(model.namespaceAt(1), QStringLiteral("r1.example.com"));
}

void TestNamespacesModel::invalidCellsAreMarked()
{
    EditorDocument document;
    document.load(configWith(3));
    NamespacesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(&document);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QVERIFY(document.push(edit::setUpstreamUrl("r1.example.com", 0, "ftp://x")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 1);
    const QModelIndex upstreams = model.index(1, NamespacesModel::Upstreams);
    QVERIFY(upstreams.data(Qt::ToolTipRole).toString().contains(QStringLiteral("ftp://x")));
    QVERIFY(upstreams.data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(1, NamespacesModel::State).data().toString(), QStringLiteral("1 problem(s)"));
    QVERIFY(model.index(1, NamespacesModel::State).data(Qt::DecorationRole).isValid());
    QVERIFY(!model.index(1, NamespacesModel::Ttl).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(0, NamespacesModel::Upstreams).data(Qt::ToolTipRole).isValid());
    QCOMPARE(model.problemCountAt(1), 1);

    QVERIFY(document.push(edit::setTagTtl("r2.example.com", -1)));
    QVERIFY(model.index(2, NamespacesModel::Ttl)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("TTL")));
    // A duplicate marks the later claim's row and column.
    QVERIFY(document.push(edit::setAliases("r2.example.com", {"r0.example.com"})));
    QVERIFY(model.index(2, NamespacesModel::Aliases)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("already used")));
    QCOMPARE(model.problemCountAt(2), 2);
    QCOMPARE(NamespacesModel::columnForIssue(QStringLiteral("policy"), QStringLiteral("tags")),
             NamespacesModel::Tags);
    QCOMPARE(NamespacesModel::columnForIssue(QStringLiteral("policy"), QStringLiteral("allow")),
             NamespacesModel::State);
}

void TestNamespacesModel::upstreamsFollowTheirNamespace()
{
    EditorDocument document;
    document.load(configWith(3));
    UpstreamsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(&document);
    QCOMPARE(model.rowCount(), 0);
    model.setNamespace(QStringLiteral("r1.example.com"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.urlAt(1), QStringLiteral("https://mirror1.example.com/v2proxy"));
    QCOMPARE(model.index(0, UpstreamsModel::TlsVerify).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model::Upstream extra;
    extra.url = "https://extra.example.com";
    QVERIFY(document.push(edit::addUpstream("r1.example.com", extra, 1)));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.last().at(1).toInt(), 1);
    QCOMPARE(model.urlAt(1), QStringLiteral("https://extra.example.com"));
    QVERIFY(document.push(edit::moveUpstream("r1.example.com", 2, 0)));
    QCOMPARE(model.urlAt(0), QStringLiteral("https://mirror1.example.com/v2proxy"));
    QVERIFY(document.push(edit::renameNamespace("r1.example.com", "moved.example.com")));
    QCOMPARE(model.namespaceName(), QStringLiteral("moved.example.com"));
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(document.push(edit::setUpstreamUrl("moved.example.com", 2, "nope")));
    QVERIFY(model.index(2, UpstreamsModel::Url)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("nope")));
    QCOMPARE(model.problemCountAt(2), 1);
    QVERIFY(document.push(edit::removeUpstream("moved.example.com", 0)));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 2);

    document.undoStack()->setIndex(0);
    QCOMPARE(model.namespaceName(), QStringLiteral("r1.example.com"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.urlAt(0), QStringLiteral("https://mirror1.example.com"));
    QCOMPARE(reset.count(), 0);

    // Its namespace removed: no rows; back again with undo.
    QVERIFY(document.push(edit::removeNamespace("r1.example.com")));
    QCOMPARE(model.rowCount(), 0);
    document.undoStack()->undo();
    QCOMPARE(model.rowCount(), 2);
}

void TestNamespacesModel::upstreamCellEditsAreCommands()
{
    EditorDocument document;
    document.load(configWith(2));
    UpstreamsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(&document);
    model.setNamespace(QStringLiteral("r0.example.com"));
    QVERIFY(model.setData(model.index(0, UpstreamsModel::TlsVerify), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(document.current().namespaces[0].upstreams[0].tlsVerify, false);
    QVERIFY(model.setData(model.index(1, UpstreamsModel::Credential), QStringLiteral("hub")));
    QCOMPARE(document.current().namespaces[0].upstreams[1].credential, std::optional<std::string>("hub"));
    QVERIFY(model.setData(model.index(1, UpstreamsModel::Credential), QString()));
    QVERIFY(!document.current().namespaces[0].upstreams[1].credential);
    QVERIFY(model.setData(model.index(1, UpstreamsModel::RepositoryPrefix), QStringLiteral("hub/")));
    QCOMPARE(document.current().namespaces[0].upstreams[1].repositoryPrefix,
             std::optional<std::string>("hub/"));
    QCOMPARE(document.undoStack()->count(), 4);
}

QTEST_MAIN(TestNamespacesModel)
#include "tst_namespacesmodel.moc"
