#include "CountField.h"

#include "common/TypedCount.h"

namespace budgetdesk::ui {

CountField::CountField(QWidget *parent)
    : QLineEdit(parent)
{
    setInputMethodHints(Qt::ImhFormattedNumbersOnly);
}

std::optional<qint64> CountField::value() const
{
    return parseTypedCount(text());
}

void CountField::setValue(qint64 value)
{
    setText(QString::number(value));
}

void CountField::setFlagged(bool flagged)
{
    setStyleSheet(flagged ? QStringLiteral("QLineEdit { border: 1px solid #c0392b; }") : QString());
}

} // namespace budgetdesk::ui
