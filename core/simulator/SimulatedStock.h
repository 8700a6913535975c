#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace budgetdesk::sim {

// A batch as the simulator keeps it: the JSON object the GET stock answer returns
// (PROTOCOL.md §5), with typed access to the fields the budget rules read and write.
class SimulatedStock
{
public:
    SimulatedStock() = default;
    // Fills every field the real answer always has but `json` lacks with a plausible value,
    // so a test or demo file may list only what it cares about.
    static SimulatedStock withDefaults(QJsonObject json, const QString &ownerMchid, const QDateTime &now);

    const QJsonObject &json() const { return m_json; }

    QString id() const;
    QString owner() const;
    QString state() const;
    QDateTime endTime() const;
    qint64 maxCoupons() const;
    qint64 maxCouponsByDay() const; // 0 when the batch has no daily cap
    qint64 totalSent() const;
    qint64 todaySent() const;
    // Issued coupons (the simulator's issuing over time): to the total and to today's count.
    void recordIssued(qint64 count);
    void startNewDay(); // local midnight: today's count back to 0

    void setMaxCoupons(qint64 value);
    void setMaxCouponsByDay(qint64 value);

    // RFC 3339 in China Standard Time, the form WeChat Pay writes.
    static QString formatTime(const QDateTime &time);

private:
    explicit SimulatedStock(QJsonObject json)
        : m_json(std::move(json))
    { }
    qint64 sendRule(const QString &field) const;
    void setSendRule(const QString &field, qint64 value);

    QJsonObject m_json;
};

} // namespace budgetdesk::sim
