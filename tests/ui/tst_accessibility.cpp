// Keyboard and screen-reader reachability of the console, on the real window
// connected to a real nsgate: on every page, pressing Tab from the page's first
// control reaches every control an operator can use (and Tab leaves tables
// instead of walking their cells); every control says what it is to a screen
// reader (a button by its text or accessible name, an input by its label's
// buddy or an accessible name); and Tab moves in reading order: between two
// neighbouring controls in one container, the next is to the right on the
// same row or further down, never back up or to the left. The same for the
// window's dialogs.

#include "tests/ui/TestConsole.h"
#include "tests/ui/TestProxy.h"
#include "ui/MainWindow.h"
#include "ui/ProfileDialog.h"
#include "ui/ProxySession.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextEdit>

#include <memory>

using namespace nsgate;
using nsgate::test::TestProxy;

namespace {

bool isInteractive(const QWidget* w)
{
    return qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QLineEdit*>(w) ||
           qobject_cast<const QComboBox*>(w) || qobject_cast<const QAbstractSpinBox*>(w) ||
           qobject_cast<const QAbstractItemView*>(w) || qobject_cast<const QPlainTextEdit*>(w) ||
           qobject_cast<const QTextEdit*>(w);
}

// Focusable by Tab now: shown, enabled, accepting tab focus.
bool tabbable(const QWidget* w)
{
    return w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus) &&
           !w->focusProxy();
}

QString describe(const QWidget* w)
{
    return QStringLiteral("%1 \"%2\"").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
}

// The controls of `root` an operator can use: interactive, tabbable, not part
// of another control (a combo's line edit, a spin box's editor, a scroll bar).
QList<QWidget*> controls(QWidget* root)
{
    QList<QWidget*> out;
    for (auto* w : root->findChildren<QWidget*>()) {
        if (!isInteractive(w) || !tabbable(w))
            continue;
        bool inner = false;
        for (QWidget* p = w->parentWidget(); p && p != root; p = p->parentWidget())
            if (qobject_cast<QComboBox*>(p) || qobject_cast<QAbstractSpinBox*>(p) ||
                qobject_cast<QAbstractItemView*>(p))
                inner = true;
        if (!inner)
            out << w;
    }
    return out;
}

// Whatever a screen reader would announce for `w`.
QString spokenName(QWidget* w, QWidget* root)
{
    if (!w->accessibleName().isEmpty())
        return w->accessibleName();
    if (auto* b = qobject_cast<QAbstractButton*>(w); b && !b->text().isEmpty())
        return b->text();
    for (auto* label : root->findChildren<QLabel*>())
        if (label->buddy() == w && !label->text().isEmpty())
            return label->text();
    return {};
}

// Presses Tab from `start` until the focus comes back to a widget seen before;
// returns the widgets that held the focus.
QList<QWidget*> tabCycle(QWidget* start, int limit = 400)
{
    QList<QWidget*> seen;
    // The offscreen platform does not always hand activation to a new dialog.
    QApplication::setActiveWindow(start->window());
    start->setFocus(Qt::TabFocusReason);
    for (int i = 0; i < limit; ++i) {
        QWidget* focus = QApplication::focusWidget();
        if (!focus || seen.contains(focus))
            break;
        seen << focus;
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    return seen;
}

// Consecutive stops of `cycle` (inside `root`, sharing a parent) where Tab
// goes against reading order: back up, or to the left on the same row.
// Controls in different containers (a splitter's panes, a group box and the
// list beside it) are not compared: each container is read on its own.
QStringList readingOrderBreaks(const QList<QWidget*>& cycle, QWidget* root)
{
    QList<QWidget*> inside;
    for (auto* w : cycle)
        if (root->isAncestorOf(w))
            inside << w;
    QStringList out;
    for (qsizetype i = 1; i < inside.size(); ++i) {
        QWidget* a = inside[i - 1];
        QWidget* b = inside[i];
        if (a->parentWidget() != b->parentWidget())
            continue;
        const QRect ra = a->geometry();
        const QRect rb = b->geometry();
        const bool sameRow = ra.top() <= rb.bottom() && rb.top() <= ra.bottom();
        const bool forward = sameRow ? rb.left() >= ra.left() : rb.top() >= ra.top();
        if (!forward)
            out << describe(a) + " -> " + describe(b);
    }
    return out;
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

    TestProxy m_proxy;
    std::unique_ptr<test::TestConsole> m_console;
    ui::MainWindow* m_window = nullptr;

    void checkReachableAndNamed(QWidget* root, const QString& where)
    {
        const QList<QWidget*> wanted = controls(root);
        QVERIFY2(!wanted.isEmpty(), qPrintable(where + ": no controls"));
        const QList<QWidget*> reached = tabCycle(wanted.front());
        QStringList missing, unnamed;
        for (auto* w : wanted) {
            // A control inside a reached container that forwards focus counts.
            if (!reached.contains(w))
                missing << describe(w);
            if (spokenName(w, root).isEmpty() && !qobject_cast<QAbstractItemView*>(w) &&
                !qobject_cast<QPlainTextEdit*>(w) && !qobject_cast<QTextEdit*>(w))
                unnamed << describe(w);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(where + ": Tab never reaches " + missing.join(", ")));
        const QStringList backwards = readingOrderBreaks(reached, root);
        QVERIFY2(backwards.isEmpty(), qPrintable(where + ": Tab goes against reading order: " + backwards.join("; ")));
        QVERIFY2(unnamed.isEmpty(), qPrintable(where + ": no label or accessible name: " + unnamed.join(", ")));
        // Views and text areas must say what they show, as labelled regions.
        QStringList anonymous;
        for (auto* w : wanted)
            if ((qobject_cast<QAbstractItemView*>(w) || qobject_cast<QPlainTextEdit*>(w) ||
                 qobject_cast<QTextEdit*>(w)) &&
                spokenName(w, root).isEmpty())
                anonymous << describe(w);
        QVERIFY2(anonymous.isEmpty(), qPrintable(where + ": views without a name: " + anonymous.join(", ")));
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_proxy.start(), QString());
        m_console = std::make_unique<test::TestConsole>(QString(), true);
        m_window = m_console->window.get();
        m_window->resize(1280, 880);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_console->add("a11y", m_proxy);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->currentSession() && m_window->currentSession()->configLoaded(), 10000);
    }

    void everyPageIsReachableByTabAndNamed_data()
    {
        QTest::addColumn<int>("page");
        auto* tabs = m_window->findChild<QTabWidget*>("proxyPages");
        for (int i = 0; i < tabs->count(); ++i)
            QTest::newRow(qPrintable(tabs->tabText(i).remove('&'))) << i;
    }

    void everyPageIsReachableByTabAndNamed()
    {
        QFETCH(int, page);
        auto* tabs = m_window->findChild<QTabWidget*>("proxyPages");
        tabs->setCurrentIndex(page);
        QWidget* widget = tabs->widget(page);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        checkReachableAndNamed(widget, tabs->tabText(page));
    }

    void theProxyListAndTabsAreReachable()
    {
        // From the proxy list, Tab reaches the page tabs (and back around).
        auto* list = m_window->findChild<QAbstractItemView*>("proxyList");
        QVERIFY(list);
        const auto reached = tabCycle(list);
        auto* tabBar = m_window->findChild<QTabWidget*>("proxyPages")->tabBar();
        QVERIFY(reached.contains(tabBar));
        QVERIFY(!spokenName(list, m_window).isEmpty());
    }

    void theProfileDialogIsReachableAndNamed()
    {
        ui::ProfileDialog dialog(m_window);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        checkReachableAndNamed(&dialog, "profile dialog");
    }

    void theLogSettingsDialogIsReachableAndNamed()
    {
        m_window->action("logStoreSettingsAction")->trigger();
        QDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<QDialog*>("logStoreSettingsDialog")) && dialog->isVisible());
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        checkReachableAndNamed(dialog, "local event log dialog");
        dialog->reject();
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
