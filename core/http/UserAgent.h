#pragma once

#include <QByteArray>

namespace budgetdesk {

// `BudgetDesk/<version> (<OS> <version>) Qt/<version>`, in the style of the official SDKs.
// WeChat Pay refuses requests without a User-Agent (INVALID_REQUEST).
QByteArray userAgent();

} // namespace budgetdesk
