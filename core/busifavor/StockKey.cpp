#include "busifavor/StockKey.h"

#include "busifavor/BudgetChange.h"
#include "common/IdText.h"
#include "productcoupon/ProductCouponApi.h"

#include <algorithm>

namespace budgetdesk {

QByteArray StockKey::lookupPath() const
{
    return isProductCoupon() ? ProductCouponApi::stockPath(*this) : BudgetChange::stockPath(stockId);
}

QString StockKey::label() const
{
    return isProductCoupon() ? productCouponId + u'/' + stockId : stockId;
}

bool StockKey::isValidStockId(CouponFamily family, const QString &stockId)
{
    if (family == CouponFamily::ProductCoupon)
        return isIdText(stockId, 1, 40);
    return !stockId.isEmpty() && stockId.size() <= 20 && std::all_of(stockId.cbegin(), stockId.cend(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
    });
}

std::optional<CouponFamily> StockKey::familyFromName(const QString &name)
{
    if (name == familyName(CouponFamily::Busifavor))
        return CouponFamily::Busifavor;
    if (name == familyName(CouponFamily::ProductCoupon))
        return CouponFamily::ProductCoupon;
    return std::nullopt;
}

QString StockKey::familyName(CouponFamily family)
{
    return family == CouponFamily::ProductCoupon ? QStringLiteral("product_coupon") : QStringLiteral("busifavor");
}

QString StockKey::familyLabelZh(CouponFamily family)
{
    return family == CouponFamily::ProductCoupon ? QStringLiteral("商品券") : QStringLiteral("商家券");
}

} // namespace budgetdesk
