#include "simulator/SimulatedStock.h"

namespace budgetdesk::sim {

namespace {

constexpr int ChinaStandardTimeOffset = 8 * 3600;

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

void insertMissing(QJsonObject &object, const char *name, const QJsonValue &value)
{
    if (!object.contains(key(name)))
        object.insert(key(name), value);
}

} // namespace

QString SimulatedStock::formatTime(const QDateTime &time)
{
    return time.toOffsetFromUtc(ChinaStandardTimeOffset).toString(Qt::ISODate);
}

SimulatedStock SimulatedStock::withDefaults(QJsonObject json, const QString &ownerMchid, const QDateTime &now)
{
    insertMissing(json, "stock_name", QStringLiteral("模拟批次 %1").arg(json.value(key("stock_id")).toString()));
    insertMissing(json, "belong_merchant", ownerMchid);
    insertMissing(json, "comment", QString());
    insertMissing(json, "goods_name", QStringLiteral("全场通用"));
    insertMissing(json, "stock_type", QStringLiteral("NORMAL"));
    insertMissing(json, "stock_state", QStringLiteral("RUNNING"));
    insertMissing(json, "coupon_code_mode", QStringLiteral("WECHATPAY_MODE"));

    QJsonObject useRule = json.value(key("coupon_use_rule")).toObject();
    QJsonObject availableTime = useRule.value(key("coupon_available_time")).toObject();
    insertMissing(availableTime, "available_begin_time", formatTime(now.addDays(-7)));
    insertMissing(availableTime, "available_end_time", formatTime(now.addDays(90)));
    useRule.insert(key("coupon_available_time"), availableTime);
    insertMissing(useRule, "use_method", QStringLiteral("OFF_LINE"));
    if (json.value(key("stock_type")).toString() == QLatin1String("NORMAL"))
        insertMissing(useRule, "fixed_normal_coupon",
                      QJsonObject{{key("discount_amount"), 500}, {key("transaction_minimum"), 5000}});
    json.insert(key("coupon_use_rule"), useRule);

    QJsonObject sendRule = json.value(key("stock_send_rule")).toObject();
    insertMissing(sendRule, "max_coupons", 1000);
    insertMissing(sendRule, "max_coupons_per_user", 1);
    insertMissing(sendRule, "natural_person_limit", false);
    insertMissing(sendRule, "prevent_api_abuse", false);
    json.insert(key("stock_send_rule"), sendRule);

    QJsonObject sent = json.value(key("send_count_information")).toObject();
    insertMissing(sent, "total_send_num", 0);
    if (sendRule.contains(key("max_coupons_by_day")))
        insertMissing(sent, "today_send_num", 0);
    json.insert(key("send_count_information"), sent);
    return SimulatedStock(std::move(json));
}

QString SimulatedStock::id() const
{
    return m_json.value(key("stock_id")).toString();
}

QString SimulatedStock::owner() const
{
    return m_json.value(key("belong_merchant")).toString();
}

QString SimulatedStock::state() const
{
    return m_json.value(key("stock_state")).toString();
}

QDateTime SimulatedStock::endTime() const
{
    const QJsonObject availableTime
        = m_json.value(key("coupon_use_rule")).toObject().value(key("coupon_available_time")).toObject();
    return QDateTime::fromString(availableTime.value(key("available_end_time")).toString(), Qt::ISODate);
}

qint64 SimulatedStock::sendRule(const QString &field) const
{
    return m_json.value(key("stock_send_rule")).toObject().value(field).toInteger();
}

void SimulatedStock::setSendRule(const QString &field, qint64 value)
{
    QJsonObject sendRule = m_json.value(key("stock_send_rule")).toObject();
    sendRule.insert(field, value);
    m_json.insert(key("stock_send_rule"), sendRule);
}

qint64 SimulatedStock::maxCoupons() const
{
    return sendRule(key("max_coupons"));
}

qint64 SimulatedStock::maxCouponsByDay() const
{
    return sendRule(key("max_coupons_by_day"));
}

qint64 SimulatedStock::totalSent() const
{
    return m_json.value(key("send_count_information")).toObject().value(key("total_send_num")).toInteger();
}

void SimulatedStock::setMaxCoupons(qint64 value)
{
    setSendRule(key("max_coupons"), value);
}

void SimulatedStock::setMaxCouponsByDay(qint64 value)
{
    setSendRule(key("max_coupons_by_day"), value);
}

qint64 SimulatedStock::todaySent() const
{
    return m_json.value(key("send_count_information")).toObject().value(key("today_send_num")).toInteger();
}

void SimulatedStock::recordIssued(qint64 count)
{
    if (count <= 0)
        return;
    QJsonObject sent = m_json.value(key("send_count_information")).toObject();
    sent.insert(key("total_send_num"), totalSent() + count);
    if (sent.contains(key("today_send_num"))) // only batches with a daily cap report it
        sent.insert(key("today_send_num"), todaySent() + count);
    m_json.insert(key("send_count_information"), sent);
}

void SimulatedStock::startNewDay()
{
    QJsonObject sent = m_json.value(key("send_count_information")).toObject();
    if (sent.contains(key("today_send_num")))
        sent.insert(key("today_send_num"), 0);
    m_json.insert(key("send_count_information"), sent);
}

} // namespace budgetdesk::sim
