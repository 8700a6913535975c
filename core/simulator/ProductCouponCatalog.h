#pragma once

#include "common/Result.h"
#include "simulator/ProductCouponStock.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QString>

namespace budgetdesk::sim {

// The 商品券 batches the simulator serves, by product_coupon_id and then stock_id (the order
// the list endpoint pages in).
class ProductCouponCatalog
{
public:
    static constexpr qsizetype MaximumBatches = 10000;
    static constexpr qsizetype MaximumFileBytes = 16 * 1024 * 1024;

    // A JSON array of StockEntity objects plus `owner` (`--product-coupons FILE`); only
    // product_coupon_id and stock_id are required. Batches default to partner:<mchid> for
    // `brandId`. A --state-out file is read too: its 商家券 entries (belong_merchant and no
    // product_coupon_id) are skipped. The error is one English line for the command line.
    static Result<ProductCouponCatalog, QString> fromJson(const QByteArray &json, const QString &mchid,
                                                          const QString &brandId, const QDateTime &now);
    // The built-in demo set (see the .cpp for every ID), dated around `now`: batches the
    // merchant created as 服务商 for `brandId`, and batches the brand created itself.
    static ProductCouponCatalog demo(const QString &mchid, const QString &brandId, const QDateTime &now);

    bool contains(const QString &productCouponId, const QString &stockId) const;
    ProductCouponStock stock(const QString &productCouponId, const QString &stockId) const;
    void put(const ProductCouponStock &stock);
    // The batches of one 商品券, by stock_id; of one 批次组, by stock_bundle_index.
    QList<ProductCouponStock> stocksOf(const QString &productCouponId) const;
    QList<ProductCouponStock> bundle(const QString &productCouponId, const QString &bundleId) const;
    QStringList productCouponIds() const { return m_stocks.keys(); }
    qsizetype size() const;

    // The stored form (StockEntity + owner), for --state-out and --product-coupons again.
    QJsonArray toJsonArray() const;
    QByteArray toJson() const;

private:
    std::optional<QString> add(const ProductCouponStock &stock);

    QMap<QString, QMap<QString, ProductCouponStock>> m_stocks;
};

} // namespace budgetdesk::sim
