#pragma once

#include <QLineEdit>

#include <optional>

namespace budgetdesk::ui {

// A field for a count that shows exactly what was typed: never clamped, rounded or rewritten
// behind the user's back (a spin box replaces out-of-range input with its last valid value,
// so the box and the change could disagree). Full-width digits and thousands separators are
// read (parseTypedCount); anything else leaves value() empty, for the form to say why.
class CountField : public QLineEdit
{
    Q_OBJECT

public:
    explicit CountField(QWidget *parent = nullptr);

    std::optional<qint64> value() const;
    void setValue(qint64 value); // plain digits
    bool isBlank() const { return text().trimmed().isEmpty(); }
    // Marks the field as holding a value that blocks sending (a red frame), or not.
    void setFlagged(bool flagged);
};

} // namespace budgetdesk::ui
