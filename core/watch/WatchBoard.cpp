#include "watch/WatchBoard.h"

#include <QHash>

namespace budgetdesk {

void WatchBoard::setWatchlist(const Watchlist &list)
{
    QList<WatchRow> rows;
    for (const WatchedBatch &batch : list.batches()) {
        const auto same = std::find_if(m_rows.cbegin(), m_rows.cend(),
                                       [&](const WatchRow &row) { return row.batch.sameBatch(batch); });
        WatchRow row = same != m_rows.cend() ? *same : WatchRow{};
        row.batch = batch;
        rows.append(row);
    }
    for (const WatchRow &old : std::as_const(m_rows)) {
        if (!list.contains(old.batch)) {
            m_alarm.forget(old.batch.id());
            m_samples.forget(old.batch.id());
        }
    }
    m_rows = std::move(rows);
}

void WatchBoard::setDefaults(const LowThresholds &defaults)
{
    m_defaults = defaults;
}

LowThresholds WatchBoard::thresholdsFor(int index) const
{
    return m_rows.at(index).batch.thresholds.value_or(m_defaults);
}

bool WatchBoard::apply(int index, const StockQueryResult &result, const QDateTime &now)
{
    if (index < 0 || index >= m_rows.size())
        return false;
    WatchRow &row = m_rows[index];
    if (!result.isVerified()) {
        row.failure = result;
        return false; // the last good values stand, and so does the alarm
    }
    row.failure.reset();
    row.lastGood = result.stock;
    row.lastGoodAt = now;
    if (row.batch.name != result.stock->stockName)
        row.batch.name = result.stock->stockName.left(Watchlist::MaximumNameLength);
    row.forecast = BatchForecast::of(*row.lastGood, now, thresholdsFor(index));
    row.low = row.forecast.isLow();
    m_samples.add(row.batch.id(),
                  {now.toMSecsSinceEpoch(), row.forecast.remaining, row.lastGood->todaySendNum.value_or(0),
                   row.lastGood->maxCoupons});
    return m_alarm.update(row.batch.id(), row.low);
}

void WatchBoard::reforecast(const QDateTime &now)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        WatchRow &row = m_rows[i];
        if (!row.lastGood)
            continue;
        row.forecast = BatchForecast::of(*row.lastGood, now, thresholdsFor(i));
        row.low = row.forecast.isLow();
    }
}

int WatchBoard::lowCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const WatchRow &row) { return row.low; }));
}

QString WatchBoard::ownerOf(int index) const
{
    const WatchRow &row = m_rows.at(index);
    if (!row.batch.key.isProductCoupon())
        return row.lastGood ? row.lastGood->belongMerchant : QString();
    if (!row.batch.key.brandId.isEmpty())
        return row.batch.key.brandId;
    if (row.lastGood && !row.lastGood->brandId.isEmpty())
        return row.lastGood->brandId;
    return m_callerBrand;
}

QList<int> WatchBoard::displayOrder(Grouping grouping) const
{
    QList<int> order;
    for (const WatchRowRef &ref : displayOrder({this}, grouping))
        order.append(ref.index);
    return order;
}

QList<WatchRowRef> WatchBoard::displayOrder(const QList<const WatchBoard *> &boards, Grouping grouping)
{
    QStringList groups; // in the order of their first row
    QHash<QString, QList<WatchRowRef>> low;
    QHash<QString, QList<WatchRowRef>> rest;
    for (int b = 0; b < boards.size(); ++b) {
        const QList<WatchRow> &rows = boards.at(b)->rows();
        for (int i = 0; i < rows.size(); ++i) {
            const QString group = grouping == Grouping::Owner ? boards.at(b)->ownerOf(i)
                : grouping == Grouping::Profile               ? QString::number(b)
                                                              : QString();
            if (!groups.contains(group))
                groups.append(group);
            (rows.at(i).low ? low : rest)[group].append({b, i});
        }
    }
    QList<WatchRowRef> order;
    for (const QString &group : std::as_const(groups))
        order += low.value(group) + rest.value(group);
    return order;
}

RemainingChart WatchBoard::chart(int index, const QDateTime &now) const
{
    const WatchRow &row = m_rows.at(index);
    return m_samples.chart(row.batch.id(), now.toMSecsSinceEpoch(), row.forecast.perHour);
}

} // namespace budgetdesk
