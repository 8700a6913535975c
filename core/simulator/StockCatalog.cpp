#include "simulator/StockCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace budgetdesk::sim {

namespace {

QJsonObject demoStock(const char *id, const QString &name, const char *type, const char *state, qint64 maxCoupons,
                      qint64 maxByDay, qint64 totalSent, qint64 todaySent, const QDateTime &begin, const QDateTime &end)
{
    QJsonObject sendRule{{QStringLiteral("max_coupons"), maxCoupons}, {QStringLiteral("max_coupons_per_user"), 1}};
    QJsonObject sent{{QStringLiteral("total_send_num"), totalSent}};
    if (maxByDay > 0) {
        sendRule.insert(QStringLiteral("max_coupons_by_day"), maxByDay);
        sent.insert(QStringLiteral("today_send_num"), todaySent);
    }
    QJsonObject useRule{{QStringLiteral("coupon_available_time"),
                         QJsonObject{{QStringLiteral("available_begin_time"), SimulatedStock::formatTime(begin)},
                                     {QStringLiteral("available_end_time"), SimulatedStock::formatTime(end)}}},
                        {QStringLiteral("use_method"), QStringLiteral("OFF_LINE")}};
    if (QByteArrayView(type) == "DISCOUNT")
        useRule.insert(
            QStringLiteral("discount_coupon"),
            QJsonObject{{QStringLiteral("discount_percent"), 88}, {QStringLiteral("transaction_minimum"), 10000}});
    else if (QByteArrayView(type) == "EXCHANGE")
        useRule.insert(
            QStringLiteral("exchange_coupon"),
            QJsonObject{{QStringLiteral("exchange_price"), 100}, {QStringLiteral("transaction_minimum"), 3000}});
    else
        useRule.insert(
            QStringLiteral("fixed_normal_coupon"),
            QJsonObject{{QStringLiteral("discount_amount"), 1000}, {QStringLiteral("transaction_minimum"), 10000}});
    return {{QStringLiteral("stock_id"), QString::fromLatin1(id)},
            {QStringLiteral("stock_name"), name},
            {QStringLiteral("stock_type"), QString::fromLatin1(type)},
            {QStringLiteral("stock_state"), QString::fromLatin1(state)},
            {QStringLiteral("coupon_use_rule"), useRule},
            {QStringLiteral("stock_send_rule"), sendRule},
            {QStringLiteral("send_count_information"), sent}};
}

} // namespace

Result<StockCatalog, QString> StockCatalog::fromJson(const QByteArray &json, const QString &ownerMchid,
                                                     const QDateTime &now)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return QStringLiteral("not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
    if (!document.isArray())
        return QStringLiteral("expected a JSON array of stocks");

    StockCatalog catalog;
    int index = 0;
    for (const QJsonValue value : document.array()) {
        const QJsonObject object = value.toObject();
        if (object.contains(QStringLiteral("product_coupon_id"))) {
            ++index;
            continue;
        }
        const QString id = object.value(QStringLiteral("stock_id")).toString();
        if (id.isEmpty())
            return QStringLiteral("stock #%1 has no string stock_id").arg(index);
        if (catalog.contains(id))
            return QStringLiteral("stock_id %1 appears twice").arg(id);
        catalog.put(SimulatedStock::withDefaults(object, ownerMchid, now));
        ++index;
    }
    return catalog;
}

StockCatalog StockCatalog::demo(const QString &ownerMchid, const QDateTime &now)
{
    const QDateTime begin = now.addDays(-14);
    const QDateTime end = now.addDays(76);
    StockCatalog catalog;
    const QJsonObject stocks[] = {
        demoStock("1212000000000001", QStringLiteral("满100减10元 周末券"), "NORMAL", "RUNNING", 50000, 5000, 12840,
                  326, begin, end),
        demoStock("1212000000000002", QStringLiteral("咖啡8.8折券"), "DISCOUNT", "RUNNING", 20000, 2000, 19650, 1480,
                  begin, end),
        demoStock("1212000000000003", QStringLiteral("1元换购饮品"), "EXCHANGE", "RUNNING", 8000, 0, 1200, 0, begin,
                  end),
        demoStock("1212000000000004", QStringLiteral("新客立减券（暂停发放）"), "NORMAL", "PAUSED", 10000, 1000, 3300,
                  0, begin, end),
        demoStock("1212000000000005", QStringLiteral("双十一满减券（已过期）"), "NORMAL", "STOPED", 30000, 3000, 29876,
                  0, now.addDays(-60), now.addDays(-15)),
    };
    for (const QJsonObject &stock : stocks)
        catalog.put(SimulatedStock::withDefaults(stock, ownerMchid, now));

    // A batch another merchant created: visible to lookups of its ID, not changeable by us.
    QJsonObject foreign = demoStock("1212000000000009", QStringLiteral("其他商户的批次"), "NORMAL", "RUNNING", 5000, 0,
                                    100, 0, begin, end);
    foreign.insert(QStringLiteral("belong_merchant"), QStringLiteral("1900000999"));
    catalog.put(SimulatedStock::withDefaults(foreign, ownerMchid, now));
    return catalog;
}

QJsonArray StockCatalog::toJsonArray() const
{
    QJsonArray array;
    for (const SimulatedStock &stock : m_stocks)
        array.append(stock.json());
    return array;
}

QByteArray StockCatalog::toJson() const
{
    return QJsonDocument(toJsonArray()).toJson(QJsonDocument::Indented);
}

} // namespace budgetdesk::sim
