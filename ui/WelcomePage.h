#pragma once

// Shown instead of a proxy's pages while the console knows no proxy: the two
// ways in, a local nsgate or an existing proxy.

#include <QWidget>

namespace nsgate::ui {

class WelcomePage : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);

signals:
    void startLocalRequested();
    void addProxyRequested();
};

} // namespace nsgate::ui
