#pragma once

#include <QString>

#include <algorithm>

namespace budgetdesk {

// The character set WeChat Pay allows in request numbers and that this tool accepts for IDs it
// quotes in headers or puts in paths: ASCII letters, digits, '_' and '-'. Nothing in it needs
// escaping, and nothing in it can be rewritten on the way (a full-width digit, a space).
inline bool isIdText(const QString &text, qsizetype minimum, qsizetype maximum)
{
    if (text.size() < minimum || text.size() > maximum)
        return false;
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_'
            || c == u'-';
    });
}

} // namespace budgetdesk
