#include "ui/WelcomePage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace nsgate::ui {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent)
{
    setObjectName("welcomePage");
    auto* title = new QLabel(tr("<h2>No proxy yet</h2>"
                                "<p>Start a local nsgate to try things out, or add a proxy that already runs.</p>"),
                             this);
    title->setWordWrap(true);
    title->setAlignment(Qt::AlignCenter);
    auto* startLocal = new QPushButton(tr("Start a local nsgate"), this);
    startLocal->setObjectName("startLocalButton");
    startLocal->setDefault(true);
    auto* addRemote = new QPushButton(tr("Add a proxy…"), this);
    addRemote->setObjectName("addProxyButton");
    connect(startLocal, &QPushButton::clicked, this, &WelcomePage::startLocalRequested);
    connect(addRemote, &QPushButton::clicked, this, &WelcomePage::addProxyRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(startLocal);
    buttons->addWidget(addRemote);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(title);
    layout->addLayout(buttons);
    layout->addStretch(2);
}

} // namespace nsgate::ui
