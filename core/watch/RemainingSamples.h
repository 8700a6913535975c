#pragma once

#include "common/BilingualText.h"
#include "common/Result.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>

#include <optional>

namespace budgetdesk {

// What a verified lookup showed of a batch at one moment.
struct RemainingSample
{
    qint64 atMs = 0; // since the epoch
    qint64 remaining = 0; // max_coupons − issued
    qint64 sentToday = 0;
    qint64 total = 0; // max_coupons then

    bool operator==(const RemainingSample &other) const = default;
};

// The pictures of a batch: its remaining stock and today's issuance over the last 24 hours (from
// the watch's own verified samples), and the forecast from the last sample to where the
// remaining stock reaches 0 at today's pace. X in ms since the epoch, Y in coupons.
struct RemainingChart
{
    QList<QPointF> remaining;
    QList<QPointF> sentToday;
    QList<QPointF> forecast; // empty without a pace; else two points, the second at 0 (or the horizon)
    qint64 fromMs = 0;
    qint64 toMs = 0; // the right edge: now, or the forecast's end when it is sooner than the horizon

    // Where the time axis is labelled: whole local hours from fromMs to toMs, every 1, 2, 3, 6,
    // 12 or 24 hours — the smallest step that gives at most `maximumTicks` — on hours of the day
    // divisible by the step (so 00:00, 06:00, 12:00 rather than 01:00, 07:00).
    QList<qint64> hourTicks(int maximumTicks = 8) const;
};

// Verified samples of every watched batch, the last 24 hours of each, kept in the data directory
// so that the sparklines survive a restart. Bounded: per batch at most MaximumPerBatch samples
// (older ones are thinned, every other one dropped, before any recent one is), at most
// MaximumBatches batches, and the file read back is checked the same way.
class RemainingSamples
{
public:
    static constexpr qint64 WindowMs = 24LL * 3600 * 1000;
    static constexpr int MaximumPerBatch = 1440; // one a minute for a day
    static constexpr int MaximumBatches = 1000;
    static constexpr qint64 MaximumFileBytes = 16 * 1024 * 1024;
    static constexpr qint64 ForecastHorizonMs = 24LL * 3600 * 1000;

    void add(const QString &batch, const RemainingSample &sample);
    QList<RemainingSample> samples(const QString &batch) const { return m_samples.value(batch); }
    void forget(const QString &batch) { m_samples.remove(batch); }
    int batchCount() const { return int(m_samples.size()); }
    // Drops what is older than the window before `nowMs` (and batches left without samples).
    void prune(qint64 nowMs);

    // The chart of `batch` as of `nowMs`; `perHour` is today's pace (BatchForecast), if any.
    RemainingChart chart(const QString &batch, qint64 nowMs, std::optional<double> perHour) const;

    QByteArray toJson() const;
    static Result<RemainingSamples, BilingualText> fromJson(const QByteArray &json);
    static Result<RemainingSamples, BilingualText> load(const QString &path); // missing: empty
    std::optional<BilingualText> save(const QString &path) const;
    // Beside the profile's watchlist (Watchlist::pathFor), named by the same digest.
    static QString pathFor(const QString &folder, const QString &profileName);

private:
    QHash<QString, QList<RemainingSample>> m_samples; // oldest first
};

} // namespace budgetdesk
