#pragma once

// The console's language menu: System, English, Deutsch. The choice goes to
// the setting ui/language and applies at the next start (widgets built in one
// language are not rebuilt in another); the menu says so with a signal.

#include <QMenu>

class QActionGroup;
class QSettings;

namespace nsgate::ui {

class LanguageMenu : public QMenu
{
    Q_OBJECT

public:
    // `settings` may be null (nothing is stored then).
    explicit LanguageMenu(QSettings* settings, QWidget* parent = nullptr);

    // The value of ui/language the checked action stands for ("" = system).
    QString chosenLanguage() const;

signals:
    // The operator picked another language; `message` tells them it applies
    // when the console next starts (for a status bar or a message box).
    void languageChanged(const QString& language, const QString& message);

private:
    void choose(QAction* action);

    QSettings* m_settings;
    QActionGroup* m_group;
};

} // namespace nsgate::ui
