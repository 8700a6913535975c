#pragma once

#include "watch/RemainingSamples.h"

#include <QWidget>

namespace budgetdesk::ui {

// The selected batch's picture: remaining total over the last 24 hours (solid), today's
// issuance (thin), and the forecast to where the remaining total runs out (dashed). The data is
// RemainingChart's (tested there); this only draws it.
class RemainingChartView : public QWidget
{
    Q_OBJECT

public:
    explicit RemainingChartView(QWidget *parent = nullptr);
    void setChart(const RemainingChart &chart, const QString &title);
    const RemainingChart &chart() const { return m_chart; }
    QSize sizeHint() const override { return {600, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    RemainingChart m_chart;
    QString m_title;
};

// The sparkline and the remaining bar in the 监控 table.
class WatchRowPainter
{
public:
    static void sparkline(class QPainter &painter, const QRect &rect, const QList<QPointF> &points,
                          const QColor &colour);
    static void bar(QPainter &painter, const QRect &rect, double percent, const QColor &colour);
};

} // namespace budgetdesk::ui
