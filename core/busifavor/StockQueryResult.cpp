#include "busifavor/StockQueryResult.h"

#include "errors/ErrorCatalogue.h"
#include "productcoupon/ProductCouponApi.h"

namespace budgetdesk {

StockQueryResult StockQueryResult::fromExchange(const ExchangeResult &exchange, const StockKey &key)
{
    StockQueryResult result = fromAnswer(exchange, key);
    if (!result.isVerified())
        return result;
    const HttpAnswer &answer = *exchange.answer;
    auto stock = key.isProductCoupon() ? ProductCouponApi::stockFromJson(answer.body, key)
                                       : StockDetails::fromJson(answer.body, key.stockId);
    if (!stock) {
        result.kind = Kind::Unusable;
        result.problem = stock.error();
        return result;
    }
    stock->requestId = answer.requestId();
    stock->domain = answer.domain;
    stock->lookedUpAt = QDateTime::currentDateTime();
    result.stock = std::move(stock).value();
    return result;
}

StockQueryResult StockQueryResult::fromAnswer(const ExchangeResult &exchange, const StockKey &key)
{
    StockQueryResult result;
    result.stockId = key.stockId;
    result.key = key;
    result.attempts = exchange.attempts;
    if (exchange.signingError) {
        result.kind = Kind::SigningFailed;
        result.problem = *exchange.signingError;
        return result;
    }
    if (!exchange.answer || exchange.failure) {
        result.kind = Kind::NetworkFailed;
        result.failure = exchange.failure;
        return result;
    }
    const HttpAnswer &answer = *exchange.answer;
    result.verification = answer.verification;
    if (answer.status >= 400) {
        result.kind = Kind::Rejected;
        result.error = ApiError::fromAnswer(answer.status, answer.headers, answer.body, answer.verification);
        result.error->explanation = ErrorCatalogue::withErrorNumber(
            ErrorCatalogue::explainLookup(answer.status, result.error->code, result.error->message),
            result.error->requestId);
        return result;
    }
    if (!answer.isSuccess()) {
        result.kind = Kind::Unusable;
        result.problem = {
            QStringLiteral("收到意外的 HTTP %1 应答（微信支付的查询接口不会这样应答），不予采用。").arg(answer.status),
            QStringLiteral("An unexpected HTTP %1 answer (WeChat Pay's lookup never answers so); it is "
                           "not used.")
                .arg(answer.status)};
        return result;
    }
    if (!answer.isVerified()) {
        result.kind = Kind::NotVerified;
        return result;
    }
    result.kind = Kind::Verified;
    return result;
}

BilingualText StockQueryResult::summary() const
{
    switch (kind) {
    case Kind::Verified:
        return {QStringLiteral("查询成功，应答已验签。"), QStringLiteral("Looked up; the answer is verified.")};
    case Kind::Rejected: {
        const BilingualText trust = error->trustText();
        return {QStringLiteral("查询被拒绝（%1）：%2 %3").arg(trust.zh, error->code, error->message),
                QStringLiteral("Lookup refused (%1): %2 %3").arg(trust.en, error->code, error->message)};
    }
    case Kind::NotVerified:
        if (verification && !verification->isVerified())
            return verification->text();
        break;
    case Kind::Unusable:
    case Kind::SigningFailed:
        return problem;
    case Kind::NetworkFailed:
        if (failure) {
            const ErrorExplanation explanation = failure->explanation(NetworkFailure::Context::Lookup);
            return {explanation.explanationZh, explanation.en};
        }
        break;
    }
    return {QStringLiteral("查询失败。"), QStringLiteral("Lookup failed.")};
}

} // namespace budgetdesk
