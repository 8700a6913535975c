#pragma once

#include "busifavor/StockKey.h"
#include "common/BilingualText.h"
#include "common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace budgetdesk {

// A batch as a verified lookup describes it: what the budget form needs, plus the whole
// answer. 商家券: `GET /v3/marketing/busifavor/stocks/{stock_id}` (PROTOCOL.md §5). 商品券: the
// batch entity of PRODUCT_COUPON.md §4.6, its fields mapped onto the same budget fields
// (max_count → maxCoupons, sent_count_info.total_count → totalSendNum, …).
struct StockDetails
{
    CouponFamily family = CouponFamily::Busifavor;
    QString stockId;
    QString stockName; // 商品券 batches have no name: their 备注 (remark)
    QString belongMerchant; // 商家券 only
    QString
        stockState; // 商家券 UNAUDIT, RUNNING, STOPED, PAUSED; 商品券 AUDITING, SENDING, PAUSED, STOPPED, DEACTIVATED
    QString stockType; // NORMAL, DISCOUNT, EXCHANGE (商家券)
    QString couponCodeMode;
    qint64 maxCoupons = 0;
    std::optional<qint64> maxCouponsByDay; // absent: the batch has no daily cap (商品券: 不限)
    qint64 maxCouponsPerUser = 0;
    qint64 totalSendNum = 0;
    std::optional<qint64> todaySendNum;
    // 商品券 only.
    QString productCouponId;
    QString brandId;
    QString bundleId; // stock_bundle_info: the batch is one of a group (批次组)
    std::optional<qint64> bundleIndex;
    std::optional<qint64> uploadedCodeCount; // coupon_code_count.total_count, MERCHANT_UPLOAD only
    QDateTime availableBeginTime;
    QDateTime availableEndTime;
    QJsonObject raw;

    // How it was obtained.
    QByteArray requestId;
    QUrl domain;
    QDateTime lookedUpAt;

    // The batch `expectedStockId` from an answer's body — or why the body cannot be used: not
    // JSON, another batch, or a field the tool relies on missing or not of the API page's type
    // (a number must be an integer in range; a missing required number is never read as 0).
    static Result<StockDetails, BilingualText> fromJson(const QByteArray &body, const QString &expectedStockId);

    StockKey key() const { return {family, stockId, productCouponId, {}}; }
    bool isProductCoupon() const { return family == CouponFamily::ProductCoupon; }
    bool isInBundle() const { return !bundleId.isEmpty(); }
    // The state in which a budget may change: 商家券 RUNNING; 商品券 SENDING or PAUSED
    // (PRODUCT_COUPON.md §4.2).
    bool acceptsBudgetChange() const;
    bool isRunning() const { return stockState == QLatin1String(isProductCoupon() ? "SENDING" : "RUNNING"); }
    QString stateLabelZh() const; // 运行中, 已停止…
    QString typeLabelZh() const;
};

} // namespace budgetdesk
