#include "busifavor/StockDetails.h"

#include <QJsonDocument>

namespace budgetdesk {

namespace {

std::optional<qint64> optionalInteger(const QJsonObject &object, const char *name)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (!value.isDouble())
        return std::nullopt;
    return value.toInteger();
}

} // namespace

std::optional<StockDetails> StockDetails::fromJson(const QByteArray &body)
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QJsonObject sendRule = json.value(QStringLiteral("stock_send_rule")).toObject();
    if (json.value(QStringLiteral("stock_id")).toString().isEmpty() || sendRule.isEmpty())
        return std::nullopt;

    StockDetails stock;
    stock.raw = json;
    stock.stockId = json.value(QStringLiteral("stock_id")).toString();
    stock.stockName = json.value(QStringLiteral("stock_name")).toString();
    stock.belongMerchant = json.value(QStringLiteral("belong_merchant")).toString();
    stock.stockState = json.value(QStringLiteral("stock_state")).toString();
    stock.stockType = json.value(QStringLiteral("stock_type")).toString();
    stock.couponCodeMode = json.value(QStringLiteral("coupon_code_mode")).toString();
    stock.maxCoupons = sendRule.value(QStringLiteral("max_coupons")).toInteger();
    stock.maxCouponsByDay = optionalInteger(sendRule, "max_coupons_by_day");
    stock.maxCouponsPerUser = sendRule.value(QStringLiteral("max_coupons_per_user")).toInteger();
    const QJsonObject sent = json.value(QStringLiteral("send_count_information")).toObject();
    stock.totalSendNum = sent.value(QStringLiteral("total_send_num")).toInteger();
    stock.todaySendNum = optionalInteger(sent, "today_send_num");
    stock.uploadedCodeCount
        = optionalInteger(json.value(QStringLiteral("coupon_code_count")).toObject(), "total_count");
    const QJsonObject available = json.value(QStringLiteral("coupon_use_rule"))
                                      .toObject()
                                      .value(QStringLiteral("coupon_available_time"))
                                      .toObject();
    stock.availableBeginTime
        = QDateTime::fromString(available.value(QStringLiteral("available_begin_time")).toString(), Qt::ISODate);
    stock.availableEndTime
        = QDateTime::fromString(available.value(QStringLiteral("available_end_time")).toString(), Qt::ISODate);
    return stock;
}

QString StockDetails::stateLabelZh() const
{
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
