#pragma once

#include <QScrollArea>
#include <QVBoxLayout>

namespace budgetdesk::ui {

// A tab's page that scrolls rather than forcing its size on the window: below 1092×543 (a
// 1366×768 laptop at 125 %) a scroll bar appears instead of widgets running off the screen.
// `page` gets a frameless scroll area; what the page shows goes into the returned layout
// (addWidget() moves each widget into the scrolled content).
inline QVBoxLayout *scrollingContent(QWidget *page, const QString &scrollName = {})
{
    auto *outer = new QVBoxLayout(page);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(page);
    scroll->setObjectName(scrollName);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    outer->addWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);
    return layout;
}

} // namespace budgetdesk::ui
