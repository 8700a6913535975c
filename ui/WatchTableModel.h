#pragma once

#include "watch/ProfileWatch.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QPointF>

namespace budgetdesk::ui {

// The 监控 table: the rows of one profile's board, or of every profile's, low ones first (then
// in the lists' order). The remaining
// column carries its share for the bar (Qt::UserRole), the trend column the sparkline's points
// (Qt::UserRole: QList<QPointF> of the last 24 hours).
class WatchTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Family,
        Owner, // owning merchant (商家券) or brand (商品券)
        Profile, // whose watchlist the row is on (shown with every profile's rows)
        State,
        Total,
        Issued,
        Remaining,
        PerDay,
        IssuedToday,
        RemainingToday,
        LookedUp,
        Forecast,
        Trend,
        ColumnCount
    };
    static constexpr int ShareRole = Qt::UserRole; // Remaining: 0–100
    static constexpr int PointsRole = Qt::UserRole + 1; // Trend: QList<QPointF>

    using QAbstractTableModel::QAbstractTableModel;

    // The profiles shown, the one in use first; then reload().
    void setWatches(QList<const ProfileWatch *> watches) { m_watches = std::move(watches); }
    // A board changed (a refresh, a list edited): rows re-sorted as of `now`.
    void reload(const QDateTime &now);
    void setGrouping(WatchBoard::Grouping grouping) { m_grouping = grouping; }
    // The board row shown on `row` of the table, and back.
    WatchRowRef rowRef(int row) const { return m_order.value(row); }
    int rowOf(const WatchRowRef &ref) const { return int(m_order.indexOf(ref)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<const ProfileWatch *> m_watches;
    QList<WatchRowRef> m_order;
    QList<QList<QPointF>> m_trends; // per table row, read at reload(): not once per paint of a cell
    WatchBoard::Grouping m_grouping = WatchBoard::Grouping::None;
    QDateTime m_now;
};

} // namespace budgetdesk::ui
