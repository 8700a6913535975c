#include "watch/BatchForecast.h"

#include <QTimeZone>

#include <cmath>

namespace budgetdesk {

double BatchForecast::paceHours(const QDateTime &now)
{
    const QDateTime local = now.toLocalTime();
    const QDateTime midnight(local.date(), QTime(0, 0));
    const double hours = double(midnight.msecsTo(local)) / 3600000.0;
    return std::max(hours, MinimumPaceHours);
}

BatchForecast BatchForecast::of(const StockDetails &stock, const QDateTime &now, const LowThresholds &thresholds)
{
    BatchForecast f;
    f.remaining = std::max<qint64>(0, stock.maxCoupons - stock.totalSendNum);
    if (stock.maxCouponsByDay)
        f.remainingToday = std::max<qint64>(0, *stock.maxCouponsByDay - stock.todaySendNum.value_or(0));
    const qint64 today = stock.todaySendNum.value_or(0);
    if (today > 0) {
        f.perHour = double(today) / paceHours(now);
        f.hoursToEmpty = double(f.remaining) / *f.perHour;
        if (f.remainingToday)
            f.hoursToDailyCap = double(*f.remainingToday) / *f.perHour;
    }
    // Nothing left is low whatever the total; otherwise strictly below the share.
    f.lowByShare = f.remaining == 0 || double(f.remaining) * 100.0 < thresholds.percent * double(stock.maxCoupons);
    f.lowByTime = f.hoursToEmpty && *f.hoursToEmpty < thresholds.hours;
    return f;
}

double BatchForecast::remainingPercent(const StockDetails &stock) const
{
    return stock.maxCoupons > 0 ? 100.0 * double(remaining) / double(stock.maxCoupons) : 0.0;
}

BilingualText BatchForecast::describeHours(std::optional<double> hours)
{
    if (!hours)
        return {};
    if (*hours < 1.0) {
        const int minutes = std::max(1, int(std::lround(*hours * 60.0)));
        return {QStringLiteral("约 %1 分钟后发完").arg(minutes), QStringLiteral("about %1 min").arg(minutes)};
    }
    if (*hours < 48.0) {
        const int whole = int(std::lround(*hours));
        return {QStringLiteral("约 %1 小时后发完").arg(whole), QStringLiteral("about %1 h").arg(whole)};
    }
    const int days = int(std::lround(*hours / 24.0));
    return {QStringLiteral("约 %1 天后发完").arg(days), QStringLiteral("about %1 days").arg(days)};
}

} // namespace budgetdesk
