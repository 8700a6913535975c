#include "Dialogs.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QStringList>

namespace budgetdesk::ui {

namespace {
QList<bool> nextConfirmations; // answered in order
QList<std::optional<QString>> nextSecrets; // answered in order
std::optional<QString> nextSaveFileName;
std::optional<std::optional<QString>> nextText;
QStringList secretLabelsShown;
int confirmations = 0;
QStringList confirmationTextsShown;
} // namespace

bool Dialogs::confirm(QWidget *parent, const QString &title, const QString &text)
{
    ++confirmations;
    confirmationTextsShown.append(text);
    if (!nextConfirmations.isEmpty())
        return nextConfirmations.takeFirst();
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes;
}

std::optional<QString> Dialogs::askSecret(QWidget *parent, const QString &title, const QString &label)
{
    secretLabelsShown.append(label);
    if (!nextSecrets.isEmpty())
        return nextSecrets.takeFirst();
    bool ok = false;
    const QString secret = QInputDialog::getText(parent, title, label, QLineEdit::Password, {}, &ok);
    return ok ? std::optional<QString>(secret) : std::nullopt;
}

std::optional<QString> Dialogs::askText(QWidget *parent, const QString &title, const QString &label,
                                        const QString &initial)
{
    if (nextText) {
        auto answer = *nextText;
        nextText.reset();
        return answer;
    }
    bool ok = false;
    const QString text = QInputDialog::getText(parent, title, label, QLineEdit::Normal, initial, &ok);
    return ok ? std::optional<QString>(text) : std::nullopt;
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
    nextConfirmations.append(answer);
}

void Dialogs::setNextSecret(std::optional<QString> secret)
{
    nextSecrets.append(std::move(secret));
}

void Dialogs::setNextSaveFileName(const QString &name)
{
    nextSaveFileName = name;
}

void Dialogs::setNextText(std::optional<QString> text)
{
    nextText = std::move(text);
}

QStringList Dialogs::secretLabels()
{
    return secretLabelsShown;
}

int Dialogs::confirmationsShown()
{
    return confirmations;
}

QString Dialogs::lastConfirmationText()
{
    return confirmationTextsShown.value(confirmationTextsShown.size() - 1);
}

QStringList Dialogs::confirmationTexts()
{
    return confirmationTextsShown;
}

} // namespace budgetdesk::ui
