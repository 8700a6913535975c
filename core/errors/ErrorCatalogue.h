#pragma once

#include "auth/ResponseVerification.h"
#include "errors/ErrorExplanation.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace budgetdesk {

// Explanations for every answer the budget endpoints and WeChat Pay's public rules can give:
// the API page's business error table, the public codes, protocol statuses (202, 429, 5xx),
// and a fallback by HTTP status for codes nobody documented.
class ErrorCatalogue
{
public:
    // What an answer means for a budget change.
    static ErrorExplanation explain(int httpStatus, const QString &code, const QString &message);
    // The same answer to a batch lookup, which changes nothing: never a word about a change's
    // outcome or its request number (a lookup has neither).
    static ErrorExplanation explainLookup(int httpStatus, const QString &code, const QString &message);

    enum class Subject { Change, Lookup };
    // Why an answer was not trusted, and what to do.
    static ErrorExplanation explainVerification(const ResponseVerification &verification,
                                                Subject subject = Subject::Change);

    // "批次正在修改中，请稍后重试。" and "批次正在修改中,请稍后重试" are the same message.
    static QString normaliseMessage(const QString &message);

    // 商品券 refusals carry a numeric error code as the Request-ID's last "-" part
    // (`08E68E…-268578704`, PRODUCT_COUPON.md §9.2); nullopt when there is none.
    static std::optional<qint64> errorNumber(const QByteArray &requestId);
    // `explanation` with the error number the Request-ID carries, and what the 商品券
    // troubleshooting manual says it means (support asks for that number).
    static ErrorExplanation withErrorNumber(ErrorExplanation explanation, const QByteArray &requestId);
};

} // namespace budgetdesk
