#pragma once

#include "busifavor/StockDetails.h"

#include <QDateTime>

#include <optional>

namespace budgetdesk {

// When a batch is "low": below a share of its total, or running out within some hours at
// today's pace. Defaults as the watchlist offers them (issue 15): 10 % and 4 hours.
struct LowThresholds
{
    double percent = 10.0;
    double hours = 4.0;

    static constexpr double MaximumPercent = 100.0;
    static constexpr double MaximumHours = 24.0 * 366;
    bool isValid() const { return percent >= 0 && percent <= MaximumPercent && hours >= 0 && hours <= MaximumHours; }
};

// What a verified lookup says about how long a batch lasts. Today's pace is what was issued
// today divided by the time since local midnight — counted as at least half an hour, so that a
// burst in the first minutes of the day does not read as "empty in ten minutes". With nothing
// issued today there is no pace and no forecast.
struct BatchForecast
{
    qint64 remaining = 0; // max_coupons − issued, never below 0
    std::optional<qint64> remainingToday; // the daily cap − issued today; nullopt: no daily cap
    std::optional<double> perHour; // today's pace
    std::optional<double> hoursToEmpty; // the total, at today's pace
    std::optional<double> hoursToDailyCap; // today's cap, at today's pace
    bool lowByShare = false;
    bool lowByTime = false;

    bool isLow() const { return lowByShare || lowByTime; }
    // The remaining share of the total, 0–100 (0 for a batch with no total).
    double remainingPercent(const StockDetails &stock) const;

    static BatchForecast of(const StockDetails &stock, const QDateTime &now, const LowThresholds &thresholds);
    // Local midnight of `now`'s day, and the hours since then counted for the pace.
    static double paceHours(const QDateTime &now);
    static constexpr double MinimumPaceHours = 0.5;

    // "约 3 小时后发完" / "about 3 hours", "约 25 分钟" …; empty when there is no forecast.
    static BilingualText describeHours(std::optional<double> hours);
};

} // namespace budgetdesk
