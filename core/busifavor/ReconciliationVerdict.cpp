#include "busifavor/ReconciliationVerdict.h"

namespace budgetdesk {

ReconciliationVerdict ReconciliationVerdict::judge(BudgetDimension dimension, std::optional<qint64> starting,
                                                   qint64 target, const StockQueryResult &lookup,
                                                   bool attemptMayStillBeInFlight)
{
    ReconciliationVerdict verdict;
    if (!lookup.isVerified())
        return verdict; // unknown: nothing verified to go by
    const StockDetails &stock = *lookup.stock;
    verdict.observed
        = dimension == BudgetDimension::Total ? std::optional<qint64>(stock.maxCoupons) : stock.maxCouponsByDay;
    if (!verdict.observed) {
        verdict.reason = Reason::DimensionMissing;
        return verdict;
    }
    if (*verdict.observed == target) {
        verdict.verdict = Verdict::Applied;
        verdict.reason = Reason::TargetSeen;
        return verdict;
    }
    if (!starting) {
        verdict.reason = Reason::StartingValueUnknown;
        return verdict;
    }
    if (*verdict.observed != *starting) {
        verdict.reason = Reason::ThirdValue;
        return verdict;
    }
    if (attemptMayStillBeInFlight) {
        verdict.reason = Reason::StartingValueWhileInFlight;
        return verdict;
    }
    verdict.verdict = Verdict::NotApplied;
    verdict.reason = Reason::StartingValueSeen;
    return verdict;
}

QString ReconciliationVerdict::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Applied:
        return QStringLiteral("applied");
    case Verdict::NotApplied:
        return QStringLiteral("not_applied");
    case Verdict::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

BilingualText ReconciliationVerdict::text(qint64 target) const
{
    const QString seen = observed ? QString::number(*observed) : QString();
    switch (reason) {
    case Reason::TargetSeen:
        return {QStringLiteral("重新查询（已验签）显示批次已是目标值 %1。").arg(seen),
                QStringLiteral("A fresh, verified lookup shows the target %1.").arg(seen)};
    case Reason::StartingValueSeen:
        return {QStringLiteral("重新查询（已验签）显示批次仍是原值 %1，且没有仍在途中的请求。").arg(seen),
                QStringLiteral("A fresh, verified lookup shows the starting value %1, and no request can still be "
                               "on its way.")
                    .arg(seen)};
    case Reason::StartingValueWhileInFlight:
        return {QStringLiteral("重新查询显示批次仍是原值 %1，但请求可能仍在微信支付处理中，之后仍可能生效。").arg(seen),
                QStringLiteral("A fresh lookup shows the starting value %1, but the request may still be in "
                               "WeChat Pay's hands and could still apply.")
                    .arg(seen)};
    case Reason::ThirdValue:
        return {QStringLiteral("重新查询显示批次现为 %1，既不是原值也不是目标值 %2：可能有人同时修改了它。")
                    .arg(seen)
                    .arg(target),
                QStringLiteral("A fresh lookup shows %1, neither the starting value nor the target %2: someone else "
                               "may have changed the batch.")
                    .arg(seen)
                    .arg(target)};
    case Reason::DimensionMissing:
        return {QStringLiteral("重新查询显示批次没有单日上限，无法判断修改是否生效。"),
                QStringLiteral("A fresh lookup shows no daily cap; whether the change applied cannot be told.")};
    case Reason::StartingValueUnknown:
        return {QStringLiteral("重新查询显示批次现为 %1；修改前的值未知，无法判断是否生效。").arg(seen),
                QStringLiteral("A fresh lookup shows %1; the value before the change is unknown.").arg(seen)};
    case Reason::LookupFailed:
        break;
    }
    return {QStringLiteral("核对查询没有得到已验签的批次详情。"),
            QStringLiteral("The checking lookup brought no verified batch details.")};
}

} // namespace budgetdesk
