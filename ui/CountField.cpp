#include "CountField.h"

#include "StatusColours.h"
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
    setStyleSheet(flagged ? QStringLiteral("QLineEdit { border: 1px solid %1; }")
                                .arg(StatusColours::text(StatusTone::Failure, palette()).name())
                          : QString());
}

} // namespace budgetdesk::ui
