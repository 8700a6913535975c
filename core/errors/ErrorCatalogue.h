#pragma once

#include "auth/ResponseVerification.h"
#include "errors/ErrorExplanation.h"

#include <QString>

namespace budgetdesk {

// Explanations for every answer the budget endpoints and WeChat Pay's public rules can give:
// the API page's business error table, the public codes, protocol statuses (202, 429, 5xx),
// and a fallback by HTTP status for codes nobody documented.
class ErrorCatalogue
{
public:
    static ErrorExplanation explain(int httpStatus, const QString &code, const QString &message);

    // Why a 2xx answer was not trusted, and what to do.
    static ErrorExplanation explainVerification(const ResponseVerification &verification);

    // "批次正在修改中，请稍后重试。" and "批次正在修改中,请稍后重试" are the same message.
    static QString normaliseMessage(const QString &message);
};

} // namespace budgetdesk
