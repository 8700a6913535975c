#include "busifavor/StockQueryResult.h"

namespace budgetdesk {

StockQueryResult StockQueryResult::fromExchange(const ExchangeResult &exchange)
{
    StockQueryResult result;
    result.attempts = exchange.attempts;
    if (!exchange.answer || exchange.failure) {
        result.kind = Kind::NetworkFailed;
        result.failure = exchange.failure;
        return result;
    }
    const HttpAnswer &answer = *exchange.answer;
    if (!answer.isSuccess()) {
        result.kind = Kind::Rejected;
        result.error = ApiError::fromAnswer(answer.status, answer.headers, answer.body);
        return result;
    }
    result.verification = answer.verification;
    std::optional<StockDetails> stock = StockDetails::fromJson(answer.body);
    if (!answer.isVerified() || !stock) {
        result.kind = Kind::NotVerified;
        return result;
    }
    stock->requestId = answer.requestId();
    stock->domain = answer.domain;
    stock->lookedUpAt = QDateTime::currentDateTime();
    result.kind = Kind::Verified;
    result.stock = std::move(stock);
    return result;
}

BilingualText StockQueryResult::summary() const
{
    switch (kind) {
    case Kind::Verified:
        return {QStringLiteral("查询成功，应答已验签。"), QStringLiteral("Looked up; the answer is verified.")};
    case Kind::Rejected:
        return {QStringLiteral("查询被拒绝：%1 %2").arg(error->code, error->message),
                QStringLiteral("Lookup refused: %1 %2").arg(error->code, error->message)};
    case Kind::NotVerified:
        if (verification && !verification->isVerified())
            return verification->text();
        return {QStringLiteral("应答不是批次详情，不可信。"),
                QStringLiteral("The answer is not a batch; it is not trusted.")};
    case Kind::NetworkFailed:
        if (failure) {
            const ErrorExplanation explanation = failure->explanation();
            return {explanation.explanationZh, explanation.en};
        }
        break;
    }
    return {QStringLiteral("查询失败。"), QStringLiteral("Lookup failed.")};
}

} // namespace budgetdesk
