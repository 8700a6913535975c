#include "simulator/Issuance.h"

#include "simulator/ProductCouponCatalog.h"
#include "simulator/StockCatalog.h"

#include <QDateTime>

#include <cmath>

namespace budgetdesk::sim {

namespace {

// How many of `wanted` a batch may still issue: its total and, with one (> 0), today's cap.
qint64 allowed(qint64 wanted, qint64 total, qint64 sent, qint64 dailyCap, qint64 sentToday)
{
    qint64 room = std::max<qint64>(0, total - sent);
    if (dailyCap > 0)
        room = std::min(room, std::max<qint64>(0, dailyCap - sentToday));
    return std::min(wanted, room);
}

} // namespace

void Issuance::setRate(const QString &stockId, double perMinute)
{
    if (perMinute > 0)
        m_rates.insert(stockId, perMinute);
    else
        m_rates.remove(stockId);
}

void Issuance::advance(qint64 nowMs, StockCatalog &stocks, ProductCouponCatalog &productCoupons)
{
    if (m_lastMs < 0 || nowMs <= m_lastMs) {
        m_lastMs = std::max(m_lastMs, nowMs); // a clock set back issues nothing until it catches up
        return;
    }
    // Day by day: what was issued before midnight counts for that day, then today starts at 0.
    while (true) {
        const QDate lastDay = QDateTime::fromMSecsSinceEpoch(m_lastMs).toLocalTime().date();
        const qint64 nextMidnight = QDateTime(lastDay.addDays(1), QTime(0, 0)).toMSecsSinceEpoch();
        if (nowMs < nextMidnight) {
            issueFor(nowMs - m_lastMs, stocks, productCoupons);
            m_lastMs = nowMs;
            return;
        }
        issueFor(nextMidnight - m_lastMs, stocks, productCoupons);
        startNewDay(stocks, productCoupons);
        m_lastMs = nextMidnight;
    }
}

void Issuance::issueFor(qint64 elapsedMs, StockCatalog &stocks, ProductCouponCatalog &productCoupons)
{
    for (auto it = m_rates.cbegin(); it != m_rates.cend(); ++it) {
        double &carry = m_carry[it.key()];
        carry += it.value() * double(elapsedMs) / 60000.0;
        const qint64 whole = qint64(std::floor(carry));
        if (whole <= 0)
            continue;
        carry -= double(whole);
        if (stocks.contains(it.key())) {
            SimulatedStock stock = stocks.stock(it.key());
            if (stock.state() != QLatin1String("RUNNING"))
                continue;
            stock.recordIssued(
                allowed(whole, stock.maxCoupons(), stock.totalSent(), stock.maxCouponsByDay(), stock.todaySent()));
            stocks.put(stock);
            continue;
        }
        for (const QString &coupon : productCoupons.productCouponIds()) {
            if (!productCoupons.contains(coupon, it.key()))
                continue;
            ProductCouponStock stock = productCoupons.stock(coupon, it.key());
            if (stock.state() != QLatin1String("SENDING"))
                break;
            stock.recordIssued(allowed(whole, stock.maxCount(), stock.totalSent(), stock.maxCountPerDay().value_or(0),
                                       stock.todaySent()));
            productCoupons.put(stock);
            break;
        }
    }
}

void Issuance::startNewDay(StockCatalog &stocks, ProductCouponCatalog &productCoupons)
{
    for (const QString &id : stocks.ids()) {
        SimulatedStock stock = stocks.stock(id);
        stock.startNewDay();
        stocks.put(stock);
    }
    for (const QString &coupon : productCoupons.productCouponIds()) {
        for (ProductCouponStock stock : productCoupons.stocksOf(coupon)) {
            stock.startNewDay();
            productCoupons.put(stock);
        }
    }
}

} // namespace budgetdesk::sim
