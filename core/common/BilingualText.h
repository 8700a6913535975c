#pragma once

#include <QMetaType>
#include <QString>

namespace budgetdesk {

enum class Language { Chinese, English };

// A user-facing message in both languages the product ships. Core code produces both at
// once so that any caller (window, CLI, audit export) can show either, or both, without a
// translator installed; the window chooses by its current language.
struct BilingualText
{
    QString zh;
    QString en;

    QString in(Language language) const { return language == Language::Chinese ? zh : en; }
    // "中文 / English", for places that show one line to every reader (CLI, logs).
    QString both() const { return zh + QStringLiteral(" / ") + en; }

    bool operator==(const BilingualText &) const = default;
};

} // namespace budgetdesk

Q_DECLARE_METATYPE(budgetdesk::BilingualText)
