#pragma once

#include "simulator/RequestAuthenticator.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace budgetdesk::sim {

// Which 商品券 endpoint a request is for (PRODUCT_COUPON.md §4-§8), under either prefix:
// /v3/marketing/partner/product-coupon (服务商, merchant scheme) or
// /brand/marketing/product-coupon (品牌, brand scheme). IDs are percent-decoded.
struct ProductCouponRoute
{
    enum class Endpoint { GetStock, ListStocks, UpdateStockBudget, UpdateBundleBudget };

    Endpoint endpoint = Endpoint::GetStock;
    QString productCouponId;
    QString stockId; // the stock_bundle_id for UpdateBundleBudget; empty for ListStocks

    // The scheme every path under a 商品券 prefix demands, whether or not an endpoint
    // matches; nullopt for every other path.
    static std::optional<SignatureScheme> schemeFor(const QByteArray &path);
    static std::optional<ProductCouponRoute> match(const QByteArray &method, const QByteArray &path);
};

} // namespace budgetdesk::sim
