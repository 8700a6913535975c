#include "common/TypedCount.h"

namespace budgetdesk {

namespace {

// Eighteen digits stay inside qint64; no count here comes near it.
constexpr qsizetype MaximumDigits = 18;

bool isSeparator(QChar c)
{
    return c == u',' || c == u'\uFF0C' || c == u' ' || c == u'\u00A0' || c == u'\u3000' || c == u'\u2009';
}

} // namespace

std::optional<qint64> parseTypedCount(const QString &text)
{
    const QString trimmed = text.trimmed();
    QString digits;
    qsizetype sinceSeparator = -1; // digits since the last separator; -1: none seen yet
    qsizetype beforeFirstSeparator = 0;
    for (QChar c : trimmed) {
        if (c >= u'\uFF10' && c <= u'\uFF19')
            c = QChar(u'0' + (c.unicode() - 0xFF10));
        if (c >= u'0' && c <= u'9') {
            digits += c;
            if (sinceSeparator >= 0)
                ++sinceSeparator;
            else
                ++beforeFirstSeparator;
            continue;
        }
        if (!isSeparator(c))
            return std::nullopt;
        // Groups of three after the first separator: "15,000" and "1,500,000", not "1,5".
        if (digits.isEmpty() || (sinceSeparator >= 0 && sinceSeparator != 3) || beforeFirstSeparator > 3)
            return std::nullopt;
        sinceSeparator = 0;
    }
    if (digits.isEmpty() || digits.size() > MaximumDigits || (sinceSeparator >= 0 && sinceSeparator != 3))
        return std::nullopt;
    return digits.toLongLong();
}

} // namespace budgetdesk
