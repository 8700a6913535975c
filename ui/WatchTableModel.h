#pragma once

#include "watch/WatchBoard.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QPointF>

namespace budgetdesk::ui {

// The 监控 table: the board's rows, low ones first (then in the list's order). The remaining
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

    explicit WatchTableModel(const WatchBoard &board, QObject *parent = nullptr);

    // The board changed (a refresh, the list edited): rows re-sorted as of `now`.
    void reload(const QDateTime &now);
    void setGrouping(WatchBoard::Grouping grouping) { m_grouping = grouping; }
    // The board row shown on `row` of the table.
    int boardIndex(int row) const { return m_order.value(row, -1); }
    int rowOf(int boardIndex) const { return int(m_order.indexOf(boardIndex)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const WatchBoard &m_board;
    QList<int> m_order;
    QList<QList<QPointF>> m_trends; // per board row, read at reload(): not once per paint of a cell
    WatchBoard::Grouping m_grouping = WatchBoard::Grouping::None;
    QDateTime m_now;
};

} // namespace budgetdesk::ui
