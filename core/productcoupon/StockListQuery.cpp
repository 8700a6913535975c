#include "productcoupon/StockListQuery.h"

#include "busifavor/BusifavorClient.h"
#include "http/SignedExchange.h"

namespace budgetdesk {

StockListQuery::StockListQuery(BusifavorClient &client, QString productCouponId, QString brandId,
                               ProductCouponApi::ListFilter filter)
    : QObject(&client)
    , m_client(client)
    , m_key{CouponFamily::ProductCoupon, {}, std::move(productCouponId), std::move(brandId)}
    , m_filter(std::move(filter))
{ }

void StockListQuery::cancel()
{
    m_cancelled = true;
    if (m_exchange)
        m_exchange->cancel();
}

void StockListQuery::fetch(const QString &pageToken)
{
    const QByteArray path = ProductCouponApi::listPath(m_key.productCouponId, m_key.brandId, m_filter, pageToken);
    m_exchange = m_client.exchange({"GET", path, {}}, this);
    connect(m_exchange, &SignedExchange::finished, this, &StockListQuery::pageFinished);
    m_exchange->start();
}

void StockListQuery::pageFinished()
{
    const ExchangeResult &exchange = m_exchange->result();
    m_result.status = StockQueryResult::fromAnswer(exchange, m_key);
    m_result.status.attempts = exchange.attempts;
    if (!m_result.status.isVerified()) {
        finish();
        return;
    }
    auto page = ProductCouponApi::pageFromJson(exchange.answer->body, m_key.productCouponId);
    if (!page) {
        m_result.status.kind = StockQueryResult::Kind::Unusable;
        m_result.status.problem = page.error();
        finish();
        return;
    }
    if (m_result.pages == 0)
        m_result.totalCount = page->totalCount;
    ++m_result.pages;
    for (StockDetails &stock : page->stocks) {
        stock.requestId = exchange.answer->requestId();
        stock.domain = exchange.answer->domain;
        stock.lookedUpAt = QDateTime::currentDateTime();
        m_result.stocks.append(std::move(stock));
    }
    const QString &next = page->nextPageToken;
    if (next.isEmpty()) {
        finish();
        return;
    }
    // A server that hands back a token it gave before, or lists without end, would keep this
    // running forever: neither is a product coupon's list.
    if (m_tokensSeen.contains(next) || m_result.stocks.size() >= ProductCouponApi::MaximumListedStocks) {
        m_result.status.kind = StockQueryResult::Kind::Unusable;
        m_result.status.problem
            = {QStringLiteral("批次列表没有结束（重复的分页标记或超过 %1 个批次），不予采用。")
                   .arg(ProductCouponApi::MaximumListedStocks),
               QStringLiteral("The batch list does not end (a repeated page token, or more than %1 batches); it "
                              "is not used.")
                   .arg(ProductCouponApi::MaximumListedStocks)};
        finish();
        return;
    }
    if (m_cancelled) {
        m_result.status.kind = StockQueryResult::Kind::NetworkFailed;
        NetworkFailure cancelled;
        cancelled.kind = NetworkFailure::Kind::Cancelled;
        m_result.status.failure = cancelled;
        finish();
        return;
    }
    m_tokensSeen.append(next);
    fetch(next);
}

void StockListQuery::finish()
{
    Q_EMIT finished(m_result);
    deleteLater();
}

} // namespace budgetdesk
