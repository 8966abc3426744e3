#include "ui/LanguageMenu.h"

#include "ui/Translations.h"

#include <QActionGroup>
#include <QSettings>

namespace nsgate::ui {

LanguageMenu::LanguageMenu(QSettings* settings, QWidget* parent)
    : QMenu(tr("&Language"), parent), m_settings(settings), m_group(new QActionGroup(this))
{
    setObjectName("languageMenu");
    m_group->setExclusive(true);
    const QString current =
        m_settings ? m_settings->value(QString::fromLatin1(Translations::kSettingKey)).toString() : QString();
    struct Entry
    {
        const char* objectName;
        QString text;
        QString language;
    };
    // Each language is named in itself, so it can be found in any of them.
    const Entry entries[] = {
        {"languageSystemAction", tr("&System Language"), QString()},
        {"languageEnglishAction", QStringLiteral("English"), QStringLiteral("en")},
        {"languageGermanAction", QStringLiteral("Deutsch"), QStringLiteral("de")},
    };
    bool checked = false;
    for (const auto& entry : entries) {
        auto* action = addAction(entry.text);
        action->setObjectName(QString::fromLatin1(entry.objectName));
        action->setCheckable(true);
        action->setData(entry.language);
        m_group->addAction(action);
        if (entry.language == current) {
            action->setChecked(true);
            checked = true;
        }
        if (entry.language.isEmpty())
            addSeparator();
    }
    if (!checked)
        m_group->actions().constFirst()->setChecked(true);
    connect(m_group, &QActionGroup::triggered, this, &LanguageMenu::choose);
}

QString LanguageMenu::chosenLanguage() const
{
    const auto* action = m_group->checkedAction();
    return action ? action->data().toString() : QString();
}

void LanguageMenu::choose(QAction* action)
{
    const QString language = action->data().toString();
    if (m_settings) {
        if (m_settings->value(QString::fromLatin1(Translations::kSettingKey)).toString() == language)
            return;
        m_settings->setValue(QString::fromLatin1(Translations::kSettingKey), language);
        m_settings->sync();
    }
    emit languageChanged(language, tr("The language changes when the console next starts."));
}

} // namespace nsgate::ui
