#include "simulator/ProductCouponCatalog.h"

#include "simulator/SimulatedStock.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>

namespace budgetdesk::sim {

namespace {

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

struct DemoBatch
{
    const char *productCouponId;
    const char *stockId;
    const char *remark;
    const char *state;
    qint64 maxCount;
    qint64 maxCountPerDay; // 0: no daily cap
    qint64 totalSent;
    qint64 todaySent;
};

QJsonObject demoEntity(const DemoBatch &batch, const QString &owner, const QDateTime &begin, const QDateTime &end)
{
    QJsonObject sendRule{{key("max_count"), batch.maxCount}, {key("max_count_per_user"), 2}};
    if (batch.maxCountPerDay > 0)
        sendRule.insert(key("max_count_per_day"), batch.maxCountPerDay);
    QJsonObject entity{
        {key("product_coupon_id"), QString::fromLatin1(batch.productCouponId)},
        {key("stock_id"), QString::fromLatin1(batch.stockId)},
        {key("remark"), QString::fromUtf8(batch.remark)},
        {key("owner"), owner},
        {key("state"), QString::fromLatin1(batch.state)},
        {key("stock_send_rule"), sendRule},
        {key("sent_count_info"),
         QJsonObject{{key("total_count"), batch.totalSent}, {key("today_count"), batch.todaySent}}},
        {key("single_usage_rule"),
         QJsonObject{{key("coupon_available_period"),
                      QJsonObject{{key("available_begin_time"), SimulatedStock::formatTime(begin)},
                                  {key("available_end_time"), SimulatedStock::formatTime(end)}}},
                     {key("normal_coupon"), QJsonObject{{key("threshold"), 10000}, {key("discount_amount"), 1000}}}}},
    };
    if (QByteArrayView(batch.state) == "DEACTIVATED") {
        entity.insert(key("deactivate_request_no"), QStringLiteral("deactivate_%1").arg(key(batch.stockId)));
        entity.insert(key("deactivate_time"), SimulatedStock::formatTime(begin.addDays(3)));
        entity.insert(key("deactivate_reason"), QStringLiteral("活动提前结束"));
    }
    return entity;
}

// A 批次组 of a PROGRESSIVE_BUNDLE 商品券: one batch per stage, created with one send rule.
QList<QJsonObject> demoBundle(const char *productCouponId, const char *bundleId, const QString &owner,
                              const QDateTime &begin, const QDateTime &end)
{
    QList<QJsonObject> stages;
    const qint64 sent[] = {1500, 1200, 900};
    for (int index = 1; index <= 3; ++index) {
        const QByteArray stockId = QByteArray(productCouponId) + "00" + QByteArray::number(index);
        const QByteArray remark = QStringLiteral("第%1次优惠").arg(index).toUtf8();
        QJsonObject stage = demoEntity({productCouponId, stockId.constData(), remark.constData(), "SENDING", 6000, 600,
                                        sent[index - 1], 40 - 10 * index},
                                       owner, begin, end);
        stage.insert(key("progressive_bundle_usage_rule"), stage.take(key("single_usage_rule")));
        stage.insert(
            key("stock_bundle_info"),
            QJsonObject{{key("stock_bundle_id"), QString::fromLatin1(bundleId)}, {key("stock_bundle_index"), index}});
        stages.append(stage);
    }
    return stages;
}

// More batches than the list's default page of 20, some paused, half with a daily cap.
QList<QJsonObject> demoManyBatches(const QString &productCouponId, const QString &owner, const QDateTime &begin,
                                   const QDateTime &end)
{
    QList<QJsonObject> batches;
    for (int i = 1; i <= 25; ++i) {
        const QByteArray pc = productCouponId.toLatin1();
        const QByteArray stockId = pc + QByteArray::number(i).rightJustified(3, '0');
        const QByteArray remark = QStringLiteral("门店批次 %1").arg(i).toUtf8();
        batches.append(demoEntity({pc.constData(), stockId.constData(), remark.constData(),
                                   i % 5 == 0 ? "PAUSED" : "SENDING", 2000, i % 2 == 0 ? 200 : 0, i * 10, i % 7},
                                  owner, begin, end));
    }
    return batches;
}

} // namespace

std::optional<QString> ProductCouponCatalog::add(const ProductCouponStock &stock)
{
    if (contains(stock.productCouponId(), stock.stockId()))
        return QStringLiteral("product_coupon_id %1 stock_id %2 appears twice")
            .arg(stock.productCouponId(), stock.stockId());
    put(stock);
    return std::nullopt;
}

Result<ProductCouponCatalog, QString> ProductCouponCatalog::fromJson(const QByteArray &json, const QString &mchid,
                                                                     const QString &brandId, const QDateTime &now)
{
    if (json.size() > MaximumFileBytes)
        return QStringLiteral("larger than %1 MiB").arg(MaximumFileBytes / (1024 * 1024));
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return QStringLiteral("not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
    if (!document.isArray())
        return QStringLiteral("expected a JSON array of product coupon batches");
    if (document.array().size() > MaximumBatches)
        return QStringLiteral("more than %1 batches").arg(MaximumBatches);

    ProductCouponCatalog catalog;
    const QString defaultOwner = ProductCouponStock::partnerOwner(mchid);
    int index = 0;
    for (const QJsonValue value : document.array()) {
        const QJsonObject object = value.toObject();
        if (!value.isObject())
            return QStringLiteral("batch #%1 is not an object").arg(index);
        const bool busifavorEntry
            = object.contains(key("belong_merchant")) && !object.contains(key("product_coupon_id"));
        if (!busifavorEntry) {
            auto stock = ProductCouponStock::withDefaults(object, defaultOwner, brandId, now);
            if (!stock)
                return QStringLiteral("batch #%1: %2").arg(index).arg(stock.error());
            if (auto problem = catalog.add(*stock))
                return *problem;
        }
        ++index;
    }

    // A 批次组 is created as one: one owner, one brand, one batch per stage.
    QHash<QString, ProductCouponStock> firstOfBundle;
    QSet<QString> stages;
    for (const auto &batches : std::as_const(catalog.m_stocks)) {
        for (const ProductCouponStock &stock : batches) {
            if (stock.bundleId().isEmpty())
                continue;
            const QString bundle = stock.productCouponId() + u'/' + stock.bundleId();
            const ProductCouponStock first = firstOfBundle.value(bundle, stock);
            firstOfBundle.insert(bundle, first);
            if (first.owner() != stock.owner() || first.brandId() != stock.brandId())
                return QStringLiteral("the batches of stock_bundle_id %1 have different owners or brands")
                    .arg(stock.bundleId());
            const QString stage = bundle + u'#' + QString::number(stock.bundleIndex());
            if (stages.contains(stage))
                return QStringLiteral("stock_bundle_id %1 has two batches at stock_bundle_index %2")
                    .arg(stock.bundleId())
                    .arg(stock.bundleIndex());
            stages.insert(stage);
        }
    }
    return catalog;
}

// Every ID and case of the demo set, for the demo window and the tests:
//   as 服务商 <mchid> for <brandId>:
//     1000000013 (SINGLE): 001 SENDING 50000 total / 5000 a day, 12840 issued (326 today);
//       002 SENDING 8000, no daily cap, 1200 issued; 003 PAUSED 10000 / 1000, 3300 issued;
//       004 STOPPED 30000 / 3000, 29876 issued; 005 DEACTIVATED; 006 AUDITING;
//       009 created by another 服务商 (1900000999): not ours to see.
//     1000000014 (PROGRESSIVE_BUNDLE): 批次组 712315129419284901 = 001, 002, 003, each 6000 / 600.
//     1000000015 (SINGLE): 25 batches 001…025, 2000 each, even ones capped at 200 a day,
//       every fifth PAUSED — two pages at the default page size.
//   as the brand <brandId> itself: 200000001 (SINGLE): 001 SENDING 100000 / 10000, 002 SENDING
//     no daily cap, 003 PAUSED, 004 STOPPED; 200000002 (PROGRESSIVE_BUNDLE): 批次组
//     712315129419284902 = 001, 002, 003; 200000003 (SINGLE): 25 batches as 1000000015.
ProductCouponCatalog ProductCouponCatalog::demo(const QString &mchid, const QString &brandId, const QDateTime &now)
{
    const QDateTime begin = now.addDays(-14);
    const QDateTime end = now.addDays(76);
    const QDateTime pastBegin = now.addDays(-60);
    const QDateTime pastEnd = now.addDays(-15);
    const QString partner = ProductCouponStock::partnerOwner(mchid);
    const QString brand = ProductCouponStock::brandOwner(brandId);

    QList<QJsonObject> entities{
        demoEntity({"1000000013", "1000000013001", "满100减10元 周末券", "SENDING", 50000, 5000, 12840, 326}, partner,
                   begin, end),
        demoEntity({"1000000013", "1000000013002", "1元换购饮品", "SENDING", 8000, 0, 1200, 0}, partner, begin, end),
        demoEntity({"1000000013", "1000000013003", "新客立减券（暂停发放）", "PAUSED", 10000, 1000, 3300, 0}, partner,
                   begin, end),
        demoEntity({"1000000013", "1000000013004", "双十一满减券（已停止）", "STOPPED", 30000, 3000, 29876, 0}, partner,
                   pastBegin, pastEnd),
        demoEntity({"1000000013", "1000000013005", "试吃券（已失效）", "DEACTIVATED", 5000, 0, 700, 0}, partner, begin,
                   end),
        demoEntity({"1000000013", "1000000013006", "会员日券（审批中）", "AUDITING", 3000, 300, 0, 0}, partner, begin,
                   end),
        demoEntity({"1000000013", "1000000013009", "其他服务商的批次", "SENDING", 5000, 0, 100, 0},
                   ProductCouponStock::partnerOwner(QStringLiteral("1900000999")), begin, end),
        demoEntity({"200000001", "200000001001", "品牌满200减30元", "SENDING", 100000, 10000, 45210, 1830}, brand,
                   begin, end),
        demoEntity({"200000001", "200000001002", "品牌换购券", "SENDING", 30000, 0, 2980, 0}, brand, begin, end),
        demoEntity({"200000001", "200000001003", "品牌新品券（暂停发放）", "PAUSED", 12000, 1200, 4100, 0}, brand,
                   begin, end),
        demoEntity({"200000001", "200000001004", "品牌周年庆券（已停止）", "STOPPED", 20000, 2000, 19990, 0}, brand,
                   pastBegin, pastEnd),
    };
    entities += demoBundle("1000000014", "712315129419284901", partner, begin, end);
    entities += demoBundle("200000002", "712315129419284902", brand, begin, end);
    entities += demoManyBatches(QStringLiteral("1000000015"), partner, begin, end);
    entities += demoManyBatches(QStringLiteral("200000003"), brand, begin, end);

    ProductCouponCatalog catalog;
    for (QJsonObject &entity : entities) {
        if (!entity.contains(key("brand_id")))
            entity.insert(key("brand_id"), brandId);
        auto stock = ProductCouponStock::withDefaults(entity, partner, brandId, now);
        if (!stock)
            qFatal("ProductCouponCatalog::demo: %s", qPrintable(stock.error()));
        catalog.put(*stock);
    }
    return catalog;
}

bool ProductCouponCatalog::contains(const QString &productCouponId, const QString &stockId) const
{
    return m_stocks.value(productCouponId).contains(stockId);
}

ProductCouponStock ProductCouponCatalog::stock(const QString &productCouponId, const QString &stockId) const
{
    return m_stocks.value(productCouponId).value(stockId);
}

void ProductCouponCatalog::put(const ProductCouponStock &stock)
{
    m_stocks[stock.productCouponId()].insert(stock.stockId(), stock);
}

QList<ProductCouponStock> ProductCouponCatalog::stocksOf(const QString &productCouponId) const
{
    return m_stocks.value(productCouponId).values();
}

QList<ProductCouponStock> ProductCouponCatalog::bundle(const QString &productCouponId, const QString &bundleId) const
{
    QList<ProductCouponStock> stages;
    for (const ProductCouponStock &stock : m_stocks.value(productCouponId)) {
        if (!bundleId.isEmpty() && stock.bundleId() == bundleId)
            stages.append(stock);
    }
    std::sort(stages.begin(), stages.end(), [](const ProductCouponStock &a, const ProductCouponStock &b) {
        return a.bundleIndex() < b.bundleIndex();
    });
    return stages;
}

qsizetype ProductCouponCatalog::size() const
{
    qsizetype total = 0;
    for (const auto &batches : m_stocks)
        total += batches.size();
    return total;
}

QJsonArray ProductCouponCatalog::toJsonArray() const
{
    QJsonArray array;
    for (const auto &batches : m_stocks) {
        for (const ProductCouponStock &stock : batches)
            array.append(stock.json());
    }
    return array;
}

QByteArray ProductCouponCatalog::toJson() const
{
    return QJsonDocument(toJsonArray()).toJson(QJsonDocument::Indented);
}

} // namespace budgetdesk::sim
