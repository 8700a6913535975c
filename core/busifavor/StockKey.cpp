#include "busifavor/StockKey.h"

#include "busifavor/BudgetChange.h"
#include "productcoupon/ProductCouponApi.h"

namespace budgetdesk {

QByteArray StockKey::lookupPath() const
{
    return isProductCoupon() ? ProductCouponApi::stockPath(*this) : BudgetChange::stockPath(stockId);
}

QString StockKey::label() const
{
    return isProductCoupon() ? productCouponId + u'/' + stockId : stockId;
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
