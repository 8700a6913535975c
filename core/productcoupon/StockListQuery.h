#pragma once

#include "busifavor/StockQueryResult.h"
#include "productcoupon/ProductCouponApi.h"

#include <QObject>
#include <QPointer>

namespace budgetdesk {

class BusifavorClient;
class SignedExchange;

// The end of a 商品券 batch list: every page, or why the list is incomplete.
struct StockListResult
{
    StockQueryResult status; // Verified when every page was read and verified; else the reason
    QList<StockDetails> stocks;
    std::optional<qint64> totalCount; // as the first page announced it
    int pages = 0;

    bool isComplete() const { return status.isVerified(); }
};

// Lists the batches of one product coupon (PRODUCT_COUPON.md §6), following
// `next_page_token` until the last page. Each page is a verified exchange of its own; the first
// that fails ends the list with its reason, since a partial list would pass for a whole one.
// Deletes itself after finished().
class StockListQuery : public QObject
{
    Q_OBJECT

public:
    void cancel();

Q_SIGNALS:
    void finished(const budgetdesk::StockListResult &result);

private:
    friend class BusifavorClient;
    StockListQuery(BusifavorClient &client, QString productCouponId, QString brandId,
                   ProductCouponApi::ListFilter filter);
    void fetch(const QString &pageToken);
    void pageFinished();
    void finish();

    BusifavorClient &m_client;
    StockKey m_key; // the product coupon and brand; no batch
    ProductCouponApi::ListFilter m_filter;
    QPointer<SignedExchange> m_exchange;
    QStringList m_tokensSeen;
    StockListResult m_result;
    bool m_cancelled = false;
};

} // namespace budgetdesk

Q_DECLARE_METATYPE(budgetdesk::StockListResult)
