#include "simulator/ProductCouponRoute.h"

#include <QUrl>

namespace budgetdesk::sim {

namespace {

const QByteArray PartnerPrefix = "/v3/marketing/partner/product-coupon/";
const QByteArray BrandPrefix = "/brand/marketing/product-coupon/";

} // namespace

std::optional<SignatureScheme> ProductCouponRoute::schemeFor(const QByteArray &path)
{
    if (path.startsWith(PartnerPrefix))
        return SignatureScheme::Merchant;
    if (path.startsWith(BrandPrefix))
        return SignatureScheme::Brand;
    return std::nullopt;
}

std::optional<ProductCouponRoute> ProductCouponRoute::match(const QByteArray &method, const QByteArray &path)
{
    const auto scheme = schemeFor(path);
    if (!scheme)
        return std::nullopt;
    const QByteArray rest = path.mid((*scheme == SignatureScheme::Brand ? BrandPrefix : PartnerPrefix).size());
    const QList<QByteArray> segments = rest.split('/');
    if (segments.size() < 3 || segments[0] != "product-coupons")
        return std::nullopt;
    for (const QByteArray &segment : segments) {
        if (segment.isEmpty())
            return std::nullopt;
    }

    ProductCouponRoute route;
    route.productCouponId = QUrl::fromPercentEncoding(segments[1]);
    const QByteArray &collection = segments[2];
    if (segments.size() > 3)
        route.stockId = QUrl::fromPercentEncoding(segments[3]);
    if (method == "GET" && collection == "stocks" && segments.size() == 3)
        route.endpoint = Endpoint::ListStocks;
    else if (method == "GET" && collection == "stocks" && segments.size() == 4)
        route.endpoint = Endpoint::GetStock;
    else if (method == "POST" && collection == "stocks" && segments.size() == 5 && segments[4] == "update-budget")
        route.endpoint = Endpoint::UpdateStockBudget;
    else if (method == "POST" && collection == "stock-bundles" && segments.size() == 5
             && segments[4] == "update-budget")
        route.endpoint = Endpoint::UpdateBundleBudget;
    else
        return std::nullopt;
    return route;
}

} // namespace budgetdesk::sim
