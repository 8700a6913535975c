#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace budgetdesk {

// The two coupon products whose batches have budgets: 商家券 (busifavor, closed to new
// merchants after 2025-12-15) and its successor 商品券 (product coupon, PRODUCT_COUPON.md).
enum class CouponFamily {
    Busifavor,
    ProductCoupon,
};

// Which batch a request is about, and as whom it is asked — everything its path needs.
struct StockKey
{
    CouponFamily family = CouponFamily::Busifavor;
    QString stockId;
    QString productCouponId; // 商品券 only: every batch path names both IDs
    // 商品券 called by a service provider (服务商) for a brand: the brand, sent with every
    // request. Empty when the brand calls itself (its identity is in the Authorization header).
    QString brandId;

    static StockKey busifavor(const QString &stockId) { return {CouponFamily::Busifavor, stockId, {}, {}}; }
    bool isProductCoupon() const { return family == CouponFamily::ProductCoupon; }
    // The lookup's request target: path, and for a 服务商's 商品券 lookup `?brand_id=`.
    QByteArray lookupPath() const;
    // "98065001" or "1000000013/1000000013001": how staff and logs name the batch.
    QString label() const;

    // A batch ID this tool sends: 商家券 1–20 ASCII letters or digits (string[1,20]); 商品券
    // 1–40 of [0-9A-Za-z_-] (PRODUCT_COUPON.md §2.3).
    static bool isValidStockId(CouponFamily family, const QString &stockId);
    static QString familyName(CouponFamily family); // busifavor / product_coupon (JSON, audit log)
    static std::optional<CouponFamily> familyFromName(const QString &name);
    static QString familyLabelZh(CouponFamily family); // 商家券 / 商品券

    bool operator==(const StockKey &) const = default;
};

} // namespace budgetdesk
