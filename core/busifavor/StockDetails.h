#pragma once

#include "common/BilingualText.h"
#include "common/Result.h"

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

    // The batch `expectedStockId` from an answer's body — or why the body cannot be used: not
    // JSON, another batch, or a field the tool relies on missing or not of the API page's type
    // (a number must be an integer in range; a missing required number is never read as 0).
    static Result<StockDetails, BilingualText> fromJson(const QByteArray &body, const QString &expectedStockId);

    bool isRunning() const { return stockState == QLatin1String("RUNNING"); }
    QString stateLabelZh() const; // 运行中, 已停止…
    QString typeLabelZh() const;
};

} // namespace budgetdesk
