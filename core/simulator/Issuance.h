#pragma once

#include <QHash>
#include <QString>

namespace budgetdesk::sim {

class ProductCouponCatalog;
class StockCatalog;

// Batches that issue coupons as time passes (`--issue-rate STOCK_ID=N_PER_MINUTE`, and the demo),
// so that remaining stock, forecasts and alerts can be watched offline. Issuing is worked out
// when the simulator is asked, from the time since it last was: whole coupons only (the
// fraction carried over), never past the total or today's cap, only while the batch is running
// (RUNNING / SENDING). At local midnight every batch's today count starts again from 0.
class Issuance
{
public:
    void setRate(const QString &stockId, double perMinute);
    const QHash<QString, double> &rates() const { return m_rates; }
    // Issues what the time since the last call allows (the first call only starts the clock).
    void advance(qint64 nowMs, StockCatalog &stocks, ProductCouponCatalog &productCoupons);

private:
    void issueFor(qint64 elapsedMs, StockCatalog &stocks, ProductCouponCatalog &productCoupons);
    static void startNewDay(StockCatalog &stocks, ProductCouponCatalog &productCoupons);

    QHash<QString, double> m_rates; // stock_id → coupons a minute
    QHash<QString, double> m_carry; // the fraction of a coupon not yet issued
    qint64 m_lastMs = -1;
};

} // namespace budgetdesk::sim
