#include "Dialogs.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>

namespace budgetdesk::ui {

namespace {
std::optional<bool> nextConfirmation;
std::optional<std::optional<QString>> nextSecret;
std::optional<QString> nextSaveFileName;
int confirmations = 0;
QString lastConfirmation;
} // namespace

bool Dialogs::confirm(QWidget *parent, const QString &title, const QString &text)
{
    ++confirmations;
    lastConfirmation = text;
    if (nextConfirmation) {
        const bool answer = *nextConfirmation;
        nextConfirmation.reset();
        return answer;
    }
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes;
}

std::optional<QString> Dialogs::askSecret(QWidget *parent, const QString &title, const QString &label)
{
    if (nextSecret) {
        auto answer = *nextSecret;
        nextSecret.reset();
        return answer;
    }
    bool ok = false;
    const QString secret = QInputDialog::getText(parent, title, label, QLineEdit::Password, {}, &ok);
    return ok ? std::optional<QString>(secret) : std::nullopt;
}

QString Dialogs::saveFileName(QWidget *parent, const QString &title, const QString &suggested, const QString &filter)
{
    if (nextSaveFileName) {
        QString name = *nextSaveFileName;
        nextSaveFileName.reset();
        return name;
    }
    return QFileDialog::getSaveFileName(parent, title, suggested, filter);
}

void Dialogs::setNextConfirmation(bool answer)
{
    nextConfirmation = answer;
}

void Dialogs::setNextSecret(std::optional<QString> secret)
{
    nextSecret = std::move(secret);
}

void Dialogs::setNextSaveFileName(const QString &name)
{
    nextSaveFileName = name;
}

int Dialogs::confirmationsShown()
{
    return confirmations;
}

QString Dialogs::lastConfirmationText()
{
    return lastConfirmation;
}

} // namespace budgetdesk::ui
