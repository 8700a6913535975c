#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace budgetdesk::sim {

// A 商品券 batch as the simulator keeps it: the StockEntity the GET batch answer returns
// (PRODUCT_COUPON.md §4.6) plus `owner` — "partner:<mchid>" for a batch a 服务商 created for
// `brand_id`, "brand:<brand_id>" for one the brand created itself — with typed access to what
// the budget rules read and write.
class ProductCouponStock
{
public:
    static constexpr qint64 MaximumCount = 100000000; // the create-time maximum (SK, §4.5)

    ProductCouponStock() = default;
    // Checks what `json` says and fills every field the real entity always has but `json`
    // lacks with a plausible value, so a file may list only what it cares about. The owner
    // and brand default to the given ones. The error is one English line.
    static Result<ProductCouponStock, QString> withDefaults(QJsonObject json, const QString &defaultOwner,
                                                            const QString &defaultBrandId, const QDateTime &now);

    static QString partnerOwner(const QString &mchid) { return QStringLiteral("partner:") + mchid; }
    static QString brandOwner(const QString &brandId) { return QStringLiteral("brand:") + brandId; }
    static const QStringList &states();

    const QJsonObject &json() const { return m_json; } // as stored, `owner` included
    // As served: never `owner`; `brand_id` only to a 服务商 (the brand variant has none).
    QJsonObject answer(bool toBrand) const;

    QString productCouponId() const;
    QString stockId() const;
    QString owner() const;
    QString brandId() const;
    QString state() const;
    qint64 maxCount() const;
    std::optional<qint64> maxCountPerDay() const; // nullopt: no daily cap
    qint64 totalSent() const;
    qint64 todaySent() const;
    // Issued coupons (the simulator's issuing over time): to the total and to today's count.
    void recordIssued(qint64 count);
    void startNewDay(); // local midnight: today's count back to 0
    QString bundleId() const; // empty outside a 批次组
    qint64 bundleIndex() const;

    void setMaxCount(qint64 value);
    void setMaxCountPerDay(qint64 value);

private:
    explicit ProductCouponStock(QJsonObject json)
        : m_json(std::move(json))
    { }
    void setSendRule(const QString &field, qint64 value);

    QJsonObject m_json;
};

} // namespace budgetdesk::sim
