#pragma once

#include "busifavor/StockKey.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace budgetdesk {

enum class BudgetDimension {
    Total, // 批次总量: max_coupons (商品券 MAX_COUNT: max_count)
    PerDay, // 单日上限: max_coupons_by_day (商品券 MAX_COUNT_PER_DAY: max_count_per_day)
};

// One budget change: a single dimension (the API takes one per call), its target, the value
// it replaces (a compare-and-set on WeChat Pay's side) and the request number that makes
// retries of this change idempotent.
struct BudgetChange
{
    BudgetChange() = default;
    BudgetChange(QString stock, BudgetDimension changed, qint64 targetValue, std::optional<qint64> currentValue = {},
                 QString number = {})
        : stockId(std::move(stock))
        , dimension(changed)
        , target(targetValue)
        , current(currentValue)
        , requestNumber(std::move(number))
    { }

    QString stockId; // empty for a 商品券 group change
    BudgetDimension dimension = BudgetDimension::Total;
    qint64 target = 0;
    std::optional<qint64> current; // from a fresh lookup unless the user gave it
    QString requestNumber;

    // 商品券 (PRODUCT_COUPON.md): the product coupon, the brand a 服务商 acts for (empty when
    // the brand calls itself), and for a group change (批次组) the group instead of a batch.
    CouponFamily family = CouponFamily::Busifavor;
    QString productCouponId;
    QString brandId;
    QString bundleId;

    bool isProductCoupon() const { return family == CouponFamily::ProductCoupon; }
    bool isBundleChange() const { return isProductCoupon() && !bundleId.isEmpty(); }
    StockKey key() const { return {family, stockId, productCouponId, brandId}; }
    // "98065001", "1000000013/1000000013001" or "1000000014/组 712315129419284901".
    QString label() const;

    // The body, compact JSON with only the fields that apply — never an ID of the path, never
    // null. Built once per change; these exact bytes are signed and sent. Needs `current`.
    QByteArray body() const;
    // The budget call's path: "/v3/marketing/busifavor/stocks/<percent-encoded id>/budget"
    // (PATCH), or a 商品券 update-budget (POST).
    QByteArray path() const;
    QByteArray method() const { return isProductCoupon() ? "POST" : "PATCH"; }
    static QByteArray stockPath(const QString &stockId);

    static QString dimensionLabelZh(BudgetDimension dimension); // 批次总量 / 单日上限
    static QString dimensionField(BudgetDimension dimension); // max_coupons / max_coupons_by_day
    QString field() const; // dimensionField, or max_count / max_count_per_day for 商品券
};

} // namespace budgetdesk
