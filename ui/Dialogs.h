#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QWidget;

namespace budgetdesk::ui {

// The few questions the window asks in a modal dialog, behind one seam so that GUI tests can
// answer them (as KeePassXC's MessageBox::setNextAnswer does).
class Dialogs
{
public:
    static bool confirm(QWidget *parent, const QString &title, const QString &text);
    // A secret typed by the user (echo off); nullopt when cancelled.
    static std::optional<QString> askSecret(QWidget *parent, const QString &title, const QString &label);
    // A line of text such as a new profile name, starting from `initial`; nullopt when cancelled.
    static std::optional<QString> askText(QWidget *parent, const QString &title, const QString &label,
                                          const QString &initial);
    static QString saveFileName(QWidget *parent, const QString &title, const QString &suggested, const QString &filter);

    // Test hooks: the next call returns this instead of showing a dialog (confirmations and
    // secrets are queued: two calls answer the next two questions).
    static void setNextConfirmation(bool answer);
    static void setNextSecret(std::optional<QString> secret);
    static void setNextSaveFileName(const QString &name);
    static void setNextText(std::optional<QString> text);
    static QStringList secretLabels(); // what every secret prompt said, oldest first
    static int confirmationsShown();
    static QString lastConfirmationText();
    static QStringList confirmationTexts(); // every question asked, oldest first
};

} // namespace budgetdesk::ui
