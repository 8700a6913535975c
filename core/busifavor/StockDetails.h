#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace budgetdesk {

// A batch (商家券批次) as a verified `GET /v3/marketing/busifavor/stocks/{stock_id}` answer
// describes it (PROTOCOL.md §5): what the budget form needs, plus the whole answer.
struct StockDetails
{
    QString stockId;
    QString stockName;
    QString belongMerchant;
    QString stockState; // UNAUDIT, RUNNING, STOPED, PAUSED
    QString stockType; // NORMAL, DISCOUNT, EXCHANGE
    QString couponCodeMode;
    qint64 maxCoupons = 0;
    std::optional<qint64> maxCouponsByDay; // absent: the batch has no daily cap
    qint64 maxCouponsPerUser = 0;
    qint64 totalSendNum = 0;
    std::optional<qint64> todaySendNum;
    std::optional<qint64> uploadedCodeCount; // coupon_code_count.total_count, MERCHANT_UPLOAD only
    QDateTime availableBeginTime;
    QDateTime availableEndTime;
    QJsonObject raw;

    // How it was obtained.
    QByteArray requestId;
    QUrl domain;
    QDateTime lookedUpAt;

    // nullopt when the body is not a stock (no stock_id, or no stock_send_rule).
    static std::optional<StockDetails> fromJson(const QByteArray &body);

    bool isRunning() const { return stockState == QLatin1String("RUNNING"); }
    QString stateLabelZh() const; // 运行中, 已停止…
    QString typeLabelZh() const;
};

} // namespace budgetdesk
