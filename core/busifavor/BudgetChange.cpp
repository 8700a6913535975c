#include "busifavor/BudgetChange.h"

#include "productcoupon/ProductCouponApi.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace budgetdesk {

QString BudgetChange::label() const
{
    if (isBundleChange())
        return productCouponId + QStringLiteral("/组 ") + bundleId;
    return key().label();
}

QByteArray BudgetChange::body() const
{
    Q_ASSERT(current.has_value());
    if (isProductCoupon())
        return ProductCouponApi::budgetBody(*this);
    const bool total = dimension == BudgetDimension::Total;
    const QJsonObject json{
        {total ? QStringLiteral("target_max_coupons") : QStringLiteral("target_max_coupons_by_day"), target},
        {total ? QStringLiteral("current_max_coupons") : QStringLiteral("current_max_coupons_by_day"),
         current.value_or(0)},
        {QStringLiteral("modify_budget_request_no"), requestNumber}};
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

QByteArray BudgetChange::stockPath(const QString &stockId)
{
    return "/v3/marketing/busifavor/stocks/" + QUrl::toPercentEncoding(stockId);
}

QByteArray BudgetChange::path() const
{
    if (isProductCoupon())
        return ProductCouponApi::budgetPath(*this);
    return stockPath(stockId) + "/budget";
}

QString BudgetChange::dimensionLabelZh(BudgetDimension dimension)
{
    return dimension == BudgetDimension::Total ? QStringLiteral("批次总量") : QStringLiteral("单日上限");
}

QString BudgetChange::field() const
{
    if (!isProductCoupon())
        return dimensionField(dimension);
    return dimension == BudgetDimension::Total ? QStringLiteral("max_count") : QStringLiteral("max_count_per_day");
}

QString BudgetChange::dimensionField(BudgetDimension dimension)
{
    return dimension == BudgetDimension::Total ? QStringLiteral("max_coupons") : QStringLiteral("max_coupons_by_day");
}

} // namespace budgetdesk
