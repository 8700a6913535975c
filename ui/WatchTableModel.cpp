#include "WatchTableModel.h"

#include "UiLanguage.h"

#include <QBrush>
#include <QColor>

namespace budgetdesk::ui {

void WatchTableModel::reload(const QDateTime &now)
{
    beginResetModel();
    m_now = now;
    QList<const WatchBoard *> boards;
    for (const ProfileWatch *watch : std::as_const(m_watches))
        boards.append(&watch->board());
    m_order = WatchBoard::displayOrder(boards, m_grouping);
    m_trends.clear();
    for (const WatchRowRef &ref : std::as_const(m_order))
        m_trends.append(boards.at(ref.board)->chart(ref.index, now).remaining);
    endResetModel();
}

int WatchTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int WatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString count(std::optional<qint64> value)
{
    return value ? QString::number(*value) : QStringLiteral("—");
}

// "5 分钟前" / "5 min ago": how old the values shown are.
QString age(const QDateTime &then, const QDateTime &now)
{
    const qint64 minutes = then.secsTo(now) / 60;
    if (minutes < 1)
        return UiLanguage::pick({QStringLiteral("刚刚"), QStringLiteral("just now")});
    if (minutes < 120)
        return UiLanguage::pick({QStringLiteral("%1 分钟前").arg(minutes), QStringLiteral("%1 min ago").arg(minutes)});
    return UiLanguage::pick(
        {QStringLiteral("%1 小时前").arg(minutes / 60), QStringLiteral("%1 h ago").arg(minutes / 60)});
}

} // namespace

QVariant WatchTableModel::data(const QModelIndex &index, int role) const
{
    const WatchRowRef ref = rowRef(index.row());
    if (!index.isValid() || !ref.isValid())
        return {};
    const ProfileWatch &watch = *m_watches.at(ref.board);
    const WatchRow &row = watch.board().row(ref.index);
    const std::optional<StockDetails> &s = row.lastGood;
    if (role == Qt::BackgroundRole && row.low)
        return QBrush(QColor(231, 76, 60, 55)); // red, translucent: readable on light and dark palettes
    if (role == Qt::ToolTipRole) {
        if (row.failure)
            return UiLanguage::pick(row.failure->summary());
        if (watch.unavailable())
            return UiLanguage::pick(*watch.unavailable());
        return tr("Double-click to open this batch on the budget page.");
    }
    if (role == ShareRole && index.column() == Remaining && s)
        return row.forecast.remainingPercent(*s);
    if (role == PointsRole && index.column() == Trend)
        return QVariant::fromValue(m_trends.value(index.row()));
    if (role == Qt::TextAlignmentRole && index.column() >= Total && index.column() <= RemainingToday)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const bool chinese = UiLanguage::instance().current() == Language::Chinese;
    switch (index.column()) {
    case Name: {
        const QString name = row.batch.name.isEmpty() ? row.batch.text() : row.batch.name;
        return (row.low ? QStringLiteral("⚠ ") : QString()) + name;
    }
    case Family:
        return row.batch.key.isProductCoupon() ? tr("Product coupon") : tr("Merchant coupon");
    case Owner: {
        const QString owner = watch.board().ownerOf(ref.index);
        return owner.isEmpty() ? QStringLiteral("—") : owner;
    }
    case Profile:
        return watch.profileName();
    case State:
        if (row.failure)
            return tr("✘ lookup failed");
        if (watch.unavailable() && !s)
            return tr("✘ profile not open");
        return s ? (chinese ? s->stateLabelZh() : s->stockState) : QStringLiteral("—");
    case Total:
        return s ? count(s->maxCoupons) : QStringLiteral("—");
    case Issued:
        return s ? count(s->totalSendNum) : QStringLiteral("—");
    case Remaining:
        return s ? QStringLiteral("%1 (%2%)").arg(row.forecast.remaining).arg(qRound(row.forecast.remainingPercent(*s)))
                 : QStringLiteral("—");
    case PerDay:
        return s ? (s->maxCouponsByDay ? count(s->maxCouponsByDay) : tr("none")) : QStringLiteral("—");
    case IssuedToday:
        return s ? count(s->todaySendNum) : QStringLiteral("—");
    case RemainingToday:
        return s ? count(row.forecast.remainingToday) : QStringLiteral("—");
    case LookedUp:
        if (!row.lastGoodAt.isValid())
            return QStringLiteral("—");
        return QStringLiteral("%1 (%2)").arg(row.lastGoodAt.toString(QStringLiteral("HH:mm")),
                                             age(row.lastGoodAt, m_now));
    case Forecast: {
        const QString when = UiLanguage::pick(BatchForecast::describeHours(row.forecast.hoursToEmpty));
        return when.isEmpty() ? (s ? tr("nothing issued today") : QStringLiteral("—")) : when;
    }
    default:
        return {};
    }
}

QVariant WatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Batch");
    case Family:
        return tr("Coupon");
    case Owner:
        return tr("Owner");
    case Profile:
        return tr("Profile");
    case State:
        return tr("State");
    case Total:
        return tr("Total cap");
    case Issued:
        return tr("Issued");
    case Remaining:
        return tr("Left");
    case PerDay:
        return tr("Per-day cap");
    case IssuedToday:
        return tr("Issued today");
    case RemainingToday:
        return tr("Left today");
    case LookedUp:
        return tr("Verified");
    case Forecast:
        return tr("Runs out");
    case Trend:
        return tr("Last 24 h");
    default:
        return {};
    }
}

} // namespace budgetdesk::ui
