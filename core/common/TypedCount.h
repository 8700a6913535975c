#pragma once

#include <QString>

#include <optional>

namespace budgetdesk {

// A count as staff type or paste it: ASCII or full-width digits (１５０００), with thousands
// separators (15,000 · 15，000 · 15 000) and surrounding spaces. Anything else — letters, a
// sign, a decimal point, separators in odd places — is not a count: nullopt. The value is
// never clamped: 2000000000 reads as 2000000000, for the form to call out of range.
std::optional<qint64> parseTypedCount(const QString &text);

} // namespace budgetdesk
