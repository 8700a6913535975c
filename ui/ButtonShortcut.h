#pragma once

#include <QAbstractButton>
#include <QKeySequence>
#include <QShortcut>

namespace budgetdesk::ui {

// A keyboard shortcut that presses `button` when it could be clicked. Not
// QAbstractButton::setShortcut: every setText() — a retranslation, a new result — replaces
// that shortcut with the text's mnemonic.
inline void addButtonShortcut(QAbstractButton *button, const QKeySequence &keys)
{
    auto *shortcut = new QShortcut(keys, button);
    QObject::connect(shortcut, &QShortcut::activated, button, [button] {
        if (button->isEnabled() && button->isVisible())
            button->animateClick();
    });
}

} // namespace budgetdesk::ui
