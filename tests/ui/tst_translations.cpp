// The catalogues reach real widgets: with the German translator installed
// through ui/Translations the main window's menus, tabs and plurals are German;
// English gets its plural forms ("1 namespace"); the language menu stores its
// choice for the next start; core's validation messages reach the map editor
// in German.

#include "TestConsole.h"
#include "ui/EditorDocument.h"
#include "ui/LanguageMenu.h"
#include "ui/MainWindow.h"
#include "ui/MapEditorPage.h"
#include "ui/Translations.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace nsgate;

namespace {

struct Window : test::TestConsole
{
    QStringList menuTitles() const
    {
        QStringList titles;
        for (auto* action : window->menuBar()->actions())
            titles << action->text();
        return titles;
    }
};

QString translate(const char* context, const char* text, int n = -1)
{
    return QCoreApplication::translate(context, text, nullptr, n);
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void cleanup()
    {
        (void)ui::Translations::installTranslators(*QCoreApplication::instance(), QStringLiteral("en"));
    }

    void choosesTheLanguage()
    {
        using ui::Translations;
        QCOMPARE(Translations::choose({}, {"de-DE", "en-US"}), QStringLiteral("de"));
        QCOMPARE(Translations::choose({}, {"fr-FR", "de-AT"}), QStringLiteral("de"));
        QCOMPARE(Translations::choose({}, {"fr-FR"}), QStringLiteral("en"));
        QCOMPARE(Translations::choose({}, {}), QStringLiteral("en"));
        QCOMPARE(Translations::choose(QStringLiteral("en"), {"de-DE"}), QStringLiteral("en"));
        QCOMPARE(Translations::choose(QStringLiteral("de_DE.UTF-8"), {"en"}), QStringLiteral("de"));
        // A language without a catalogue falls back to the system's.
        QCOMPARE(Translations::choose(QStringLiteral("fr"), {"de"}), QStringLiteral("de"));
    }

    void germanReachesTheMainWindow()
    {
        const auto loaded =
            ui::Translations::installTranslators(*QCoreApplication::instance(), QStringLiteral("de"));
        QCOMPARE(loaded.language, QStringLiteral("de"));
        QVERIFY2(loaded.files.contains(QStringLiteral(":/i18n/nsgate_de.qm")),
                 qPrintable(loaded.files.join(' ')));
        QVERIFY(loaded.problem.isEmpty());
        const QString qtbase = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + "/qtbase_de.qm";
        if (QFile::exists(qtbase))
            QVERIFY2(loaded.files.contains(qtbase), qPrintable(loaded.files.join(' ')));

        Window w;
        const QStringList titles = w.menuTitles();
        QVERIFY2(titles.contains(QStringLiteral("&Datei")), qPrintable(titles.join(' ')));
        QVERIFY2(titles.contains(QStringLiteral("&Bearbeiten")), qPrintable(titles.join(' ')));
        QVERIFY2(titles.contains(QStringLiteral("&Hilfe")), qPrintable(titles.join(' ')));
        QCOMPARE(w.window->action("addProxyAction")->text(), QStringLiteral("Proxy &hinzufügen…"));
        auto* quit = w.window->findChild<QAction*>("quitAction");
        QVERIFY(quit);
        QCOMPARE(quit->text(), QStringLiteral("&Beenden"));
        QStringList tabTitles;
        for (const auto* tabs : w.window->findChildren<QTabWidget*>())
            for (int i = 0; i < tabs->count(); ++i)
                tabTitles << tabs->tabText(i);
        QVERIFY2(tabTitles.contains(QStringLiteral("&Verlauf")), qPrintable(tabTitles.join(' ')));

        // German plurals, and a message of the client library.
        QCOMPARE(translate("nsgate::ui::NamespacesModel", "%n problem(s)", 1), QStringLiteral("1 Problem"));
        QCOMPARE(translate("nsgate::ui::NamespacesModel", "%n problem(s)", 3), QStringLiteral("3 Probleme"));
        QCOMPARE(translate("nsgate::client::AdminClient", "network error"), QStringLiteral("Netzwerkfehler"));
        // Edit commands inherit tr(): their texts are found in the base's context.
        QCOMPARE(translate("nsgate::ui::EditCommand", "Add namespace %1"),
                 QStringLiteral("Namespace %1 hinzufügen"));
    }

    void englishHasItsPlurals()
    {
        const auto loaded =
            ui::Translations::installTranslators(*QCoreApplication::instance(), QStringLiteral("en"));
        QCOMPARE(loaded.language, QStringLiteral("en"));
        QCOMPARE(loaded.files, QStringList{QStringLiteral(":/i18n/nsgate_en.qm")});
        QCOMPARE(translate("nsgate::ui::NamespacesModel", "%n problem(s)", 1), QStringLiteral("1 problem"));
        QCOMPARE(translate("nsgate::ui::NamespacesModel", "%n problem(s)", 2), QStringLiteral("2 problems"));
        QCOMPARE(translate("nsgate::ui::MainWindow", "Imported %n namespace(s) as a draft.", 1),
                 QStringLiteral("Imported 1 namespace as a draft."));
        QCOMPARE(translate("nsgate::ui::PushProgressDialog", "Pushing to %n proxy(s)…", 2),
                 QStringLiteral("Pushing to 2 proxies…"));

        Window w;
        QVERIFY2(w.menuTitles().contains(QStringLiteral("&File")), qPrintable(w.menuTitles().join(' ')));
    }

    void numbersFollowTheLanguage()
    {
        // Counts, ratios and sizes on the Live and Audit pages go through QLocale().
        (void)ui::Translations::installTranslators(*QCoreApplication::instance(), QStringLiteral("de"));
        QCOMPARE(QLocale().language(), QLocale::German);
        QCOMPARE(QLocale().toString(1234567.5, 'f', 1), QStringLiteral("1.234.567,5"));
        (void)ui::Translations::installTranslators(*QCoreApplication::instance(), QStringLiteral("en"));
        QCOMPARE(QLocale().language(), QLocale::English);
        QCOMPARE(QLocale().toString(1234567.5, 'f', 1), QStringLiteral("1,234,567.5"));
    }

    void switchingBackRemovesGerman()
    {
        (void)ui::Translations::installTranslators(*QCoreApplication::instance(), QStringLiteral("de"));
        (void)ui::Translations::installTranslators(*QCoreApplication::instance(), QStringLiteral("en"));
        QCOMPARE(translate("nsgate::client::AdminClient", "network error"), QStringLiteral("network error"));
    }

    void languageMenuStoresTheChoice()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("console.ini");
        {
            QSettings settings(file, QSettings::IniFormat);
            ui::LanguageMenu menu(&settings);
            QCOMPARE(menu.objectName(), QStringLiteral("languageMenu"));
            auto* system = menu.findChild<QAction*>("languageSystemAction");
            auto* english = menu.findChild<QAction*>("languageEnglishAction");
            auto* german = menu.findChild<QAction*>("languageGermanAction");
            QVERIFY(system && english && german);
            QVERIFY(system->isChecked());
            QCOMPARE(german->text(), QStringLiteral("Deutsch"));

            QSignalSpy changed(&menu, &ui::LanguageMenu::languageChanged);
            german->trigger();
            QVERIFY(german->isChecked());
            QCOMPARE(changed.count(), 1);
            QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("de"));
            QVERIFY(!changed.at(0).at(1).toString().isEmpty());
            QCOMPARE(menu.chosenLanguage(), QStringLiteral("de"));
            german->trigger(); // the same choice again: nothing to say
            QCOMPARE(changed.count(), 1);
        }
        QCOMPARE(ui::Translations::languageSetting(file), QStringLiteral("de"));
        {
            QSettings settings(file, QSettings::IniFormat);
            ui::LanguageMenu menu(&settings);
            QVERIFY(menu.findChild<QAction*>("languageGermanAction")->isChecked());
            menu.findChild<QAction*>("languageSystemAction")->trigger();
        }
        QCOMPARE(ui::Translations::languageSetting(file), QString());
    }

    void languageMenuSpeaksGerman()
    {
        (void)ui::Translations::installTranslators(*QCoreApplication::instance(), QStringLiteral("de"));
        ui::LanguageMenu menu(nullptr);
        QCOMPARE(menu.title(), QStringLiteral("&Sprache"));
        QCOMPARE(menu.findChild<QAction*>("languageSystemAction")->text(), QStringLiteral("&Systemsprache"));
        QCOMPARE(menu.findChild<QAction*>("languageEnglishAction")->text(), QStringLiteral("English"));
    }

    // The messages come from core (model::validateConfig); the pattern and the
    // nested problem are both translated, the values stay as typed.
    void germanValidationInTheNamespaceEditor()
    {
        (void)ui::Translations::installTranslators(*QCoreApplication::instance(), QStringLiteral("de"));
        ui::EditorDocument document;
        document.load({});
        ui::MapEditorPage page(nullptr);
        page.setDocument(&document);
        page.resize(1280, 900);
        page.show();
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));

        QTest::mouseClick(page.findChild<QPushButton*>("emptyStateAddButton"), Qt::LeftButton);
        auto* name = page.findChild<QLineEdit*>("namespaceNameEdit");
        QVERIFY(name);
        QTRY_VERIFY(name->hasFocus());
        QTest::keyClicks(name, QStringLiteral("quay.io:0"));
        QTest::keyClick(name, Qt::Key_Return);
        QTRY_COMPARE(name->toolTip(), QStringLiteral("namespace \"quay.io:0\": Port \"0\" liegt außerhalb des "
                                                     "zulässigen Bereichs (1-65535)"));

        QTest::mouseClick(page.findChild<QPushButton*>("addUpstreamButton"), Qt::LeftButton);
        auto* url = page.findChild<QLineEdit*>("upstreamUrlEdit");
        QVERIFY(url);
        QTRY_VERIFY(url->hasFocus());
        url->selectAll(); // a new upstream starts as "https://"
        QTest::keyClicks(url, QStringLiteral("ftp://quay.io"));
        QTest::keyClick(url, Qt::Key_Tab);
        const QString urlProblem =
            QStringLiteral("Upstream-URL \"ftp://quay.io\" muss mit http:// oder https:// beginnen");
        QTRY_COMPARE(url->toolTip(), urlProblem);
        auto* list = page.findChild<QListWidget*>("validationList");
        QVERIFY(list);
        QStringList shown;
        for (int i = 0; i < list->count(); ++i)
            shown << list->item(i)->text();
        QVERIFY2(shown.join('\n').contains(urlProblem), qPrintable(shown.join('\n')));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
