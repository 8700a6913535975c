#include "simulator/ProductCouponStock.h"

#include "simulator/SimulatedStock.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace budgetdesk::sim {

namespace {

constexpr qint64 MaximumPerUser = 100;
constexpr qint64 MaximumBundleIndex = 15; // a 批次组 has 3-15 stages (§2.1)

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

void insertMissing(QJsonObject &object, const char *name, const QJsonValue &value)
{
    if (!object.contains(key(name)))
        object.insert(key(name), value);
}

bool isIdentifier(const QJsonValue &value, int maximumLength)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9A-Za-z_-]+$"));
    const QString text = value.toString();
    return value.isString() && !text.isEmpty() && text.size() <= maximumLength && pattern.match(text).hasMatch();
}

bool isInteger(const QJsonValue &value, qint64 minimum, qint64 maximum)
{
    const double number = value.toDouble();
    return value.isDouble() && std::floor(number) == number && number >= double(minimum) && number <= double(maximum);
}

// An optional nested object; absent is an empty one.
Result<QJsonObject, QString> objectMember(const QJsonObject &json, const char *name)
{
    const QJsonValue value = json.value(key(name));
    if (value.isUndefined())
        return QJsonObject();
    if (!value.isObject())
        return QStringLiteral("%1 must be an object").arg(key(name));
    return value.toObject();
}

std::optional<QString> checkCount(const QJsonObject &object, const char *parent, const char *name, qint64 minimum,
                                  qint64 maximum)
{
    const QJsonValue value = object.value(key(name));
    if (value.isUndefined() || isInteger(value, minimum, maximum))
        return std::nullopt;
    return QStringLiteral("%1.%2 must be an integer from %3 to %4")
        .arg(key(parent), key(name))
        .arg(minimum)
        .arg(maximum);
}

QJsonObject usageRule(const QDateTime &now)
{
    return {{key("coupon_available_period"),
             QJsonObject{{key("available_begin_time"), SimulatedStock::formatTime(now.addDays(-7))},
                         {key("available_end_time"), SimulatedStock::formatTime(now.addDays(90))}}},
            {key("normal_coupon"), QJsonObject{{key("threshold"), 10000}, {key("discount_amount"), 1000}}}};
}

} // namespace

const QStringList &ProductCouponStock::states()
{
    static const QStringList states{QStringLiteral("AUDITING"), QStringLiteral("SENDING"), QStringLiteral("PAUSED"),
                                    QStringLiteral("STOPPED"), QStringLiteral("DEACTIVATED")};
    return states;
}

Result<ProductCouponStock, QString> ProductCouponStock::withDefaults(QJsonObject json, const QString &defaultOwner,
                                                                     const QString &defaultBrandId,
                                                                     const QDateTime &now)
{
    if (!isIdentifier(json.value(key("product_coupon_id")), 40))
        return QStringLiteral("product_coupon_id must be 1-40 characters of 0-9, A-Z, a-z, _ and -");
    if (!isIdentifier(json.value(key("stock_id")), 64))
        return QStringLiteral("stock_id must be 1-64 characters of 0-9, A-Z, a-z, _ and -");

    insertMissing(json, "owner", defaultOwner);
    const QString owner = json.value(key("owner")).toString();
    static const QRegularExpression ownerPattern(QStringLiteral("^(partner:[0-9]{1,32}|brand:[0-9A-Za-z_-]{1,64})$"));
    if (!ownerPattern.match(owner).hasMatch())
        return QStringLiteral("owner must be \"partner:<mchid>\" or \"brand:<brand_id>\"");
    const bool brandOwned = owner.startsWith(QLatin1String("brand:"));
    insertMissing(json, "brand_id", brandOwned ? owner.mid(6) : defaultBrandId);
    if (!isIdentifier(json.value(key("brand_id")), 64))
        return QStringLiteral("brand_id must be 1-64 characters of 0-9, A-Z, a-z, _ and -");
    if (brandOwned && json.value(key("brand_id")).toString() != owner.mid(6))
        return QStringLiteral("a batch owned by %1 must have brand_id %2").arg(owner, owner.mid(6));

    insertMissing(json, "state", QStringLiteral("SENDING"));
    if (!states().contains(json.value(key("state")).toString()))
        return QStringLiteral("state must be one of %1").arg(states().join(QStringLiteral(", ")));

    auto sendRule = objectMember(json, "stock_send_rule");
    if (!sendRule)
        return sendRule.error();
    insertMissing(*sendRule, "max_count", 1000);
    insertMissing(*sendRule, "max_count_per_user", 1);
    for (const auto &problem : {checkCount(*sendRule, "stock_send_rule", "max_count", 1, MaximumCount),
                                checkCount(*sendRule, "stock_send_rule", "max_count_per_day", 1, MaximumCount),
                                checkCount(*sendRule, "stock_send_rule", "max_count_per_user", 1, MaximumPerUser)}) {
        if (problem)
            return *problem;
    }
    json.insert(key("stock_send_rule"), *sendRule);

    auto sent = objectMember(json, "sent_count_info");
    if (!sent)
        return sent.error();
    insertMissing(*sent, "total_count", 0);
    insertMissing(*sent, "today_count", 0);
    for (const auto &problem : {checkCount(*sent, "sent_count_info", "total_count", 0, MaximumCount),
                                checkCount(*sent, "sent_count_info", "today_count", 0, MaximumCount)}) {
        if (problem)
            return *problem;
    }
    json.insert(key("sent_count_info"), *sent);

    auto bundle = objectMember(json, "stock_bundle_info");
    if (!bundle)
        return bundle.error();
    const bool inBundle = json.contains(key("stock_bundle_info"));
    if (inBundle) {
        if (!isIdentifier(bundle->value(key("stock_bundle_id")), 64))
            return QStringLiteral(
                "stock_bundle_info.stock_bundle_id must be 1-64 characters of 0-9, A-Z, a-z, _ and -");
        if (!isInteger(bundle->value(key("stock_bundle_index")), 1, MaximumBundleIndex))
            return QStringLiteral("stock_bundle_info.stock_bundle_index must be an integer from 1 to %1")
                .arg(MaximumBundleIndex);
    }

    // What every real entity has (OAPI's required list), plausible rather than meaningful.
    insertMissing(json, "coupon_code_mode", QStringLiteral("WECHATPAY"));
    insertMissing(json, inBundle ? "progressive_bundle_usage_rule" : "single_usage_rule", usageRule(now));
    insertMissing(json, "usage_rule_display_info",
                  QJsonObject{{key("coupon_usage_method_list"), QJsonArray{QStringLiteral("OFFLINE")}},
                              {key("usage_description"), QStringLiteral("到店出示券码使用")}});
    insertMissing(json, "coupon_display_info",
                  QJsonObject{{key("code_display_mode"), QStringLiteral("QRCODE")},
                              {key("background_color"), QStringLiteral("Color020")}});
    insertMissing(json, "notify_config", QJsonObject{{key("notify_appid"), QStringLiteral("wx23232232323")}});
    insertMissing(json, "store_scope", QStringLiteral("NONE"));
    return ProductCouponStock(std::move(json));
}

QJsonObject ProductCouponStock::answer(bool toBrand) const
{
    QJsonObject served = m_json;
    served.remove(key("owner"));
    if (toBrand)
        served.remove(key("brand_id"));
    return served;
}

QString ProductCouponStock::productCouponId() const
{
    return m_json.value(key("product_coupon_id")).toString();
}

QString ProductCouponStock::stockId() const
{
    return m_json.value(key("stock_id")).toString();
}

QString ProductCouponStock::owner() const
{
    return m_json.value(key("owner")).toString();
}

QString ProductCouponStock::brandId() const
{
    return m_json.value(key("brand_id")).toString();
}

QString ProductCouponStock::state() const
{
    return m_json.value(key("state")).toString();
}

qint64 ProductCouponStock::maxCount() const
{
    return m_json.value(key("stock_send_rule")).toObject().value(key("max_count")).toInteger();
}

std::optional<qint64> ProductCouponStock::maxCountPerDay() const
{
    const QJsonValue value = m_json.value(key("stock_send_rule")).toObject().value(key("max_count_per_day"));
    if (value.isUndefined())
        return std::nullopt;
    return value.toInteger();
}

qint64 ProductCouponStock::totalSent() const
{
    return m_json.value(key("sent_count_info")).toObject().value(key("total_count")).toInteger();
}

QString ProductCouponStock::bundleId() const
{
    return m_json.value(key("stock_bundle_info")).toObject().value(key("stock_bundle_id")).toString();
}

qint64 ProductCouponStock::bundleIndex() const
{
    return m_json.value(key("stock_bundle_info")).toObject().value(key("stock_bundle_index")).toInteger();
}

void ProductCouponStock::setSendRule(const QString &field, qint64 value)
{
    QJsonObject sendRule = m_json.value(key("stock_send_rule")).toObject();
    sendRule.insert(field, value);
    m_json.insert(key("stock_send_rule"), sendRule);
}

void ProductCouponStock::setMaxCount(qint64 value)
{
    setSendRule(key("max_count"), value);
}

void ProductCouponStock::setMaxCountPerDay(qint64 value)
{
    setSendRule(key("max_count_per_day"), value);
}

qint64 ProductCouponStock::todaySent() const
{
    return m_json.value(key("sent_count_info")).toObject().value(key("today_count")).toInteger();
}

void ProductCouponStock::recordIssued(qint64 count)
{
    if (count <= 0)
        return;
    QJsonObject sent = m_json.value(key("sent_count_info")).toObject();
    sent.insert(key("total_count"), totalSent() + count);
    sent.insert(key("today_count"), todaySent() + count);
    m_json.insert(key("sent_count_info"), sent);
}

void ProductCouponStock::startNewDay()
{
    QJsonObject sent = m_json.value(key("sent_count_info")).toObject();
    sent.insert(key("today_count"), 0);
    m_json.insert(key("sent_count_info"), sent);
}

} // namespace budgetdesk::sim
