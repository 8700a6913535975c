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
    static QString saveFileName(QWidget *parent, const QString &title, const QString &suggested, const QString &filter);

    // Test hooks: the next call returns this instead of showing a dialog (confirmations are
    // queued: two calls answer the next two questions).
    static void setNextConfirmation(bool answer);
    static void setNextSecret(std::optional<QString> secret);
    static void setNextSaveFileName(const QString &name);
    static int confirmationsShown();
    static QString lastConfirmationText();
    static QStringList confirmationTexts(); // every question asked, oldest first
};

} // namespace budgetdesk::ui
