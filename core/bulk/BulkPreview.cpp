#include "bulk/BulkPreview.h"

#include "watch/WatchRefresh.h"

namespace budgetdesk {

BulkCheck::Status BulkCheck::status() const
{
    if (blockedBecause)
        return Status::Blocked;
    if (current && target && *current == *target)
        return Status::Unchanged;
    return Status::Ready;
}

BudgetChange BulkCheck::change(const QString &brandId) const
{
    BudgetChange change(row.key.stockId, row.dimension, target.value_or(0), current, row.requestNumber);
    change.family = row.key.family;
    change.productCouponId = row.key.productCouponId;
    change.brandId = row.key.isProductCoupon() ? brandId : QString();
    return change;
}

std::optional<qint64> BulkCheck::remainingAfter() const
{
    if (!target || !lookup || !lookup->stock)
        return std::nullopt;
    const StockDetails &stock = *lookup->stock;
    if (row.dimension == BudgetDimension::Total)
        return *target - stock.totalSendNum;
    return *target - stock.todaySendNum.value_or(0);
}

BulkCheck BulkCheck::of(const BulkRow &row, const StockQueryResult &lookup, const QDateTime &now, const QString &mchid)
{
    BulkCheck check;
    check.row = row;
    check.lookup = lookup;
    if (!lookup.isVerified()) {
        const BilingualText why = lookup.summary();
        check.blockedBecause = BilingualText{QStringLiteral("查询失败：%1").arg(why.zh),
                                             QStringLiteral("Lookup failed: %1").arg(why.en)};
        return check;
    }
    const StockDetails &stock = *lookup.stock;
    check.current = row.dimension == BudgetDimension::Total ? std::optional(stock.maxCoupons) : stock.maxCouponsByDay;
    if (!check.current) {
        check.problems.append(BudgetProblem(BudgetProblem::Code::NoDailyCap));
        check.blockedBecause = check.problems.last().text();
        return check;
    }
    check.target = row.request.targetFrom(*check.current, stock.totalSendNum);
    if (!check.target) {
        check.blockedBecause = BilingualText{
            QStringLiteral("%1 后小于 0（当前 %2）").arg(row.request.text()).arg(*check.current),
            QStringLiteral("%1 leaves less than 0 (now %2)").arg(row.request.text()).arg(*check.current)};
        return check;
    }
    BudgetChange change = check.change(QString());
    if (change.requestNumber.isEmpty())
        change.requestNumber = QStringLiteral("preview"); // checked when the row is sent
    check.problems = validateBudgetChange(change, stock, now, mchid);
    // Already at the target is not a problem here: the row is skipped, and says so.
    check.problems.removeIf([](const BudgetProblem &p) { return p.code() == BudgetProblem::Code::TargetUnchanged; });
    for (const BudgetProblem &problem : std::as_const(check.problems)) {
        if (problem.isBlocking()) {
            check.blockedBecause = problem.text();
            break;
        }
    }
    return check;
}

BulkTotals BulkTotals::of(const QList<BulkCheck> &checks)
{
    BulkTotals totals;
    for (const BulkCheck &check : checks) {
        switch (check.status()) {
        case BulkCheck::Status::Ready: {
            ++totals.ready;
            const qint64 change = *check.target - *check.current;
            (change > 0 ? totals.added : totals.removed) += change > 0 ? change : -change;
            break;
        }
        case BulkCheck::Status::Blocked:
            ++totals.blocked;
            break;
        case BulkCheck::Status::Unchanged:
            ++totals.unchanged;
            break;
        }
    }
    return totals;
}

BulkPreview::BulkPreview(BusifavorClient &client, LookupPacer &pacer, const QList<BulkRow> &rows, QString brandId,
                         QString mchid, QObject *parent)
    : QObject(parent)
    , m_mchid(std::move(mchid))
{
    QList<StockKey> keys;
    for (const BulkRow &row : rows) {
        BulkCheck check;
        check.row = row;
        m_checks.append(check);
        StockKey key = row.key;
        if (key.isProductCoupon())
            key.brandId = brandId;
        keys.append(key);
    }
    m_lookups = new WatchRefresh(client, pacer, keys, this);
    connect(m_lookups, &WatchRefresh::lookedUp, this, [this](int index, const StockQueryResult &result) {
        m_checks[index] = BulkCheck::of(m_checks.at(index).row, result, QDateTime::currentDateTime(), m_mchid);
        ++m_checked;
        Q_EMIT checked(index);
    });
    connect(m_lookups, &WatchRefresh::finished, this, &BulkPreview::finished);
}

BulkPreview::~BulkPreview()
{
    delete m_lookups; // before anything it reports to
}

void BulkPreview::start()
{
    m_lookups->start();
}

void BulkPreview::cancel()
{
    m_lookups->cancel();
}

} // namespace budgetdesk
