#include "RemainingChartView.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace budgetdesk::ui {

RemainingChartView::RemainingChartView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("remainingChart"));
    setMinimumHeight(120);
}

void RemainingChartView::setChart(const RemainingChart &chart, const QString &title)
{
    m_chart = chart;
    m_title = title;
    update();
}

namespace {

// Maps (ms, count) into `area`, with y from 0 to the largest count.
struct Scale
{
    QRectF area;
    double fromX;
    double toX;
    double maxY;
    QPointF operator()(const QPointF &p) const
    {
        const double x = area.left() + (p.x() - fromX) / std::max(1.0, toX - fromX) * area.width();
        const double y = area.bottom() - p.y() / std::max(1.0, maxY) * area.height();
        return {x, y};
    }
};

double largest(const QList<QPointF> &points)
{
    double maximum = 0;
    for (const QPointF &p : points)
        maximum = std::max(maximum, p.y());
    return maximum;
}

} // namespace

void RemainingChartView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(52, 28, -12, -20);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRectF(rect()).adjusted(8, 2, -8, 0), Qt::AlignLeft | Qt::AlignTop, m_title);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(area);
    if (m_chart.remaining.isEmpty()) {
        painter.drawText(area, Qt::AlignCenter, tr("No verified samples yet: refresh to start the picture."));
        return;
    }
    const double maxY = std::max({largest(m_chart.remaining), largest(m_chart.sentToday), largest(m_chart.forecast)});
    const Scale scale{area, double(m_chart.fromMs), double(m_chart.toMs), maxY};
    painter.drawText(QRectF(0, area.top() - 8, 44, 16), Qt::AlignRight | Qt::AlignVCenter,
                     QString::number(qint64(maxY)));
    painter.drawText(QRectF(0, area.bottom() - 8, 44, 16), Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
    // The time axis: local clock times on whole hours, under small ticks.
    for (const qint64 tick : m_chart.hourTicks(std::max(2, int(area.width() / 70)))) {
        const double x = scale(QPointF(double(tick), 0)).x();
        painter.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 3));
        painter.drawText(QRectF(x - 30, area.bottom() + 3, 60, 16), Qt::AlignHCenter | Qt::AlignTop,
                         QDateTime::fromMSecsSinceEpoch(tick).toString(QStringLiteral("HH:mm")));
    }
    auto polyline = [&](const QList<QPointF> &points, const QPen &pen) {
        if (points.isEmpty())
            return;
        // The first samples (minutes apart on a 24-hour axis): a dot until there is a line to see.
        if (scale(points.last()).x() - scale(points.first()).x() < 3) {
            painter.setPen(pen);
            painter.setBrush(pen.color());
            painter.drawEllipse(scale(points.last()), pen.widthF() + 1.5, pen.widthF() + 1.5);
            painter.setBrush(Qt::NoBrush);
            return;
        }
        QPainterPath path(scale(points.first()));
        for (const QPointF &p : points)
            path.lineTo(scale(p));
        painter.setPen(pen);
        painter.drawPath(path);
    };
    polyline(m_chart.sentToday, QPen(QColor(127, 140, 141), 1));
    polyline(m_chart.remaining, QPen(QColor(41, 128, 185), 2));
    QPen dashed(QColor(192, 57, 43), 2, Qt::DashLine);
    polyline(m_chart.forecast, dashed);
}

void WatchRowPainter::sparkline(QPainter &painter, const QRect &rect, const QList<QPointF> &points,
                                const QColor &colour)
{
    if (points.size() < 2)
        return;
    double minX = points.first().x(), maxX = points.last().x(), maxY = 0;
    for (const QPointF &p : points)
        maxY = std::max(maxY, p.y());
    const QRectF area = QRectF(rect).adjusted(3, 4, -3, -4);
    QPainterPath path;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const QPointF &p = points.at(i);
        const QPointF at(area.left() + (p.x() - minX) / std::max(1.0, maxX - minX) * area.width(),
                         area.bottom() - p.y() / std::max(1.0, maxY) * area.height());
        if (i == 0)
            path.moveTo(at);
        else
            path.lineTo(at);
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour, 1.5));
    painter.drawPath(path);
    painter.restore();
}

void WatchRowPainter::bar(QPainter &painter, const QRect &rect, double percent, const QColor &colour)
{
    const QRect track = rect.adjusted(3, rect.height() - 6, -3, -2);
    painter.fillRect(track, QColor(127, 127, 127, 60));
    QRect filled = track;
    filled.setWidth(int(track.width() * std::clamp(percent, 0.0, 100.0) / 100.0));
    painter.fillRect(filled, colour);
}

} // namespace budgetdesk::ui
