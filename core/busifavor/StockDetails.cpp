#include "busifavor/StockDetails.h"

#include "busifavor/BudgetProblem.h"
#include "busifavor/JsonFields.h"
#include "productcoupon/ProductCouponApi.h"

#include <QJsonDocument>

namespace budgetdesk {

Result<StockDetails, BilingualText> StockDetails::fromJson(const QByteArray &body, const QString &expectedStockId)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return JsonFields::notAnObject();
    const JsonFields json(document.object());

    StockDetails stock;
    stock.raw = document.object();
    // An answer about another batch (a misrouted proxy, a cache, a hostile server) must never
    // stand in for the one asked about: its numbers would pass for this batch's.
    auto stockId = json.requiredString("stock_id");
    if (!stockId)
        return stockId.error();
    if (*stockId != expectedStockId)
        return BilingualText{
            QStringLiteral("应答描述的是另一个批次 %1，而不是所查询的 %2，不予采用。").arg(*stockId, expectedStockId),
            QStringLiteral("The answer describes batch %1, not %2 that was asked for; it is not "
                           "used.")
                .arg(*stockId, expectedStockId)};
    stock.stockId = *stockId;

    constexpr qint64 Max = BudgetProblem::MaximumCount;
    const JsonFields sendRule = json.object("stock_send_rule");
    const JsonFields sent = json.object("send_count_information");
    const JsonFields available = json.object("coupon_use_rule").object("coupon_available_time");
    for (auto [target, fields, name] :
         {std::tuple{&stock.stockName, &json, "stock_name"},
          std::tuple{&stock.belongMerchant, &json, "belong_merchant"},
          std::tuple{&stock.stockState, &json, "stock_state"}, std::tuple{&stock.stockType, &json, "stock_type"}}) {
        auto text = fields->requiredString(name);
        if (!text)
            return text.error();
        *target = *text;
    }
    auto codeMode = json.optionalString("coupon_code_mode");
    auto maxCoupons = sendRule.requiredInteger("max_coupons", 0, Max);
    auto maxByDay = sendRule.optionalInteger("max_coupons_by_day", 0, Max);
    auto perUser = sendRule.requiredInteger("max_coupons_per_user", 0, Max);
    auto totalSent = sent.requiredInteger("total_send_num", 0, Max);
    auto todaySent = sent.optionalInteger("today_send_num", 0, Max);
    auto uploaded = json.object("coupon_code_count").optionalInteger("total_count", 0, Max);
    auto begin = available.requiredTime("available_begin_time");
    auto end = available.requiredTime("available_end_time");
    for (const BilingualText *problem :
         {codeMode.ok() ? nullptr : &codeMode.error(), maxCoupons.ok() ? nullptr : &maxCoupons.error(),
          maxByDay.ok() ? nullptr : &maxByDay.error(), perUser.ok() ? nullptr : &perUser.error(),
          totalSent.ok() ? nullptr : &totalSent.error(), todaySent.ok() ? nullptr : &todaySent.error(),
          uploaded.ok() ? nullptr : &uploaded.error(), begin.ok() ? nullptr : &begin.error(),
          end.ok() ? nullptr : &end.error()}) {
        if (problem)
            return *problem;
    }
    stock.couponCodeMode = codeMode->value_or(QString());
    stock.maxCoupons = *maxCoupons;
    stock.maxCouponsByDay = *maxByDay;
    stock.maxCouponsPerUser = *perUser;
    stock.totalSendNum = *totalSent;
    stock.todaySendNum = *todaySent;
    stock.uploadedCodeCount = *uploaded;
    stock.availableBeginTime = *begin;
    stock.availableEndTime = *end;
    return stock;
}

bool StockDetails::acceptsBudgetChange() const
{
    if (isProductCoupon())
        return stockState == QLatin1String("SENDING") || stockState == QLatin1String("PAUSED");
    return isRunning();
}

QString StockDetails::stateLabelZh() const
{
    if (isProductCoupon())
        return ProductCouponApi::stateLabelZh(stockState);
    if (stockState == QLatin1String("RUNNING"))
        return QStringLiteral("运行中");
    if (stockState == QLatin1String("STOPED"))
        return QStringLiteral("已停止");
    if (stockState == QLatin1String("PAUSED"))
        return QStringLiteral("暂停发放");
    if (stockState == QLatin1String("UNAUDIT"))
        return QStringLiteral("审核中");
    return stockState;
}

QString StockDetails::typeLabelZh() const
{
    if (stockType == QLatin1String("NORMAL"))
        return QStringLiteral("满减券");
    if (stockType == QLatin1String("DISCOUNT"))
        return QStringLiteral("折扣券");
    if (stockType == QLatin1String("EXCHANGE"))
        return QStringLiteral("换购券");
    return stockType;
}

} // namespace budgetdesk
