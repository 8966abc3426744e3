#pragma once

#include <QMainWindow>

namespace nsgate::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace nsgate::ui
