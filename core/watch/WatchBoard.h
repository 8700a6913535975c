#pragma once

#include "busifavor/StockQueryResult.h"
#include "watch/BatchForecast.h"
#include "watch/RemainingSamples.h"
#include "watch/ThresholdAlarm.h"
#include "watch/Watchlist.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace budgetdesk {

// One watched batch as the watch last saw it. Only a verified lookup updates its values; a
// failed one leaves the last good values (with their time, so their age can be shown) and says
// why it failed.
struct WatchRow
{
    WatchedBatch batch;
    std::optional<StockDetails> lastGood;
    QDateTime lastGoodAt;
    std::optional<StockQueryResult> failure; // the last lookup, when it failed
    BatchForecast forecast; // from the last good values, at the time of the last refresh
    bool low = false;

    bool hasValues() const { return lastGood.has_value(); }
};

// A row of one of several boards: the 监控 tab showing every profile's rows.
struct WatchRowRef
{
    int board = -1;
    int index = -1;

    bool isValid() const { return board >= 0 && index >= 0; }
    bool operator==(const WatchRowRef &other) const = default;
};

// The watchlist's state for the window's 监控 tab and `budgetdesk-cli watch`: rows in the
// list's order, the remaining-stock samples behind the sparklines, and the alarm that decides
// when a batch crossing its threshold is worth a notification.
class WatchBoard
{
public:
    explicit WatchBoard(LowThresholds defaults = {})
        : m_defaults(defaults)
    { }

    // Rows for `list`, in its order; a batch already on the board keeps what was seen of it.
    void setWatchlist(const Watchlist &list);
    const QList<WatchRow> &rows() const { return m_rows; }
    const WatchRow &row(int index) const { return m_rows.at(index); }
    int size() const { return int(m_rows.size()); }

    void setDefaults(const LowThresholds &defaults);
    const LowThresholds &defaults() const { return m_defaults; }
    LowThresholds thresholdsFor(int index) const;

    // One lookup's end. True when the batch has just crossed into "low" (alert once).
    bool apply(int index, const StockQueryResult &result, const QDateTime &now);
    // Recomputes every forecast for `now` (time passes between refreshes; no new lookup).
    void reforecast(const QDateTime &now);
    int lowCount() const;
    // Low rows first (in list order), then the rest: the order the tab shows. Grouped, the
    // rows of one owner (the 商家券 batch's owning merchant, the 商品券 batch's brand) or of one
    // board (its profile) stay together, groups in the order of their first row, low ones first
    // within each. Several boards are taken one after another, as one list.
    enum class Grouping { None, Owner, Profile };
    QList<int> displayOrder(Grouping grouping = Grouping::None) const;
    static QList<WatchRowRef> displayOrder(const QList<const WatchBoard *> &boards, Grouping grouping);
    // Who the batch of row `index` belongs to: its owning merchant (商家券) or brand (商品券),
    // as last seen; a brand's own 商品券 (asked for with no brand_id) is the caller's.
    QString ownerOf(int index) const;
    void setCallerBrand(const QString &brandId) { m_callerBrand = brandId; }

    RemainingSamples &samples() { return m_samples; }
    const RemainingSamples &samples() const { return m_samples; }
    void setSamples(RemainingSamples samples) { m_samples = std::move(samples); }
    RemainingChart chart(int index, const QDateTime &now) const;

private:
    LowThresholds m_defaults;
    QList<WatchRow> m_rows;
    RemainingSamples m_samples;
    ThresholdAlarm m_alarm;
    QString m_callerBrand; // the profile's own brand_id when it is a brand
};

} // namespace budgetdesk
