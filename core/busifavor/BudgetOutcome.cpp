#include "busifavor/BudgetOutcome.h"

namespace budgetdesk {

QString BudgetOutcome::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Applied:
        return QStringLiteral("applied");
    case Kind::Rejected:
        return QStringLiteral("rejected");
    case Kind::Invalid:
        return QStringLiteral("invalid");
    case Kind::LookupFailed:
        return QStringLiteral("lookup_failed");
    case Kind::NetworkFailed:
        return QStringLiteral("network_failure");
    case Kind::NotRecorded:
        return QStringLiteral("not_recorded");
    case Kind::ReconciledApplied:
        return QStringLiteral("applied");
    case Kind::ReconciledNotApplied:
        return QStringLiteral("not_applied");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString BudgetOutcome::ambiguityName(Ambiguity ambiguity)
{
    switch (ambiguity) {
    case Ambiguity::None:
        return {};
    case Ambiguity::NotVerified:
        return QStringLiteral("answer_not_verified");
    case Ambiguity::ServerError:
        return QStringLiteral("server_error");
    case Ambiguity::Timeout:
        return QStringLiteral("timeout");
    case Ambiguity::ConnectionLost:
        return QStringLiteral("connection_lost");
    case Ambiguity::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

BilingualText BudgetOutcome::summary() const
{
    const QString dimension = BudgetChange::dimensionLabelZh(change.dimension);
    const QString target = QString::number(change.target);
    const QString observed = observedValue ? QString::number(*observedValue) : QString();
    switch (kind) {
    case Kind::Applied:
        return {
            QStringLiteral("修改成功（已验签）：%1 已改为 %2。").arg(dimension, target),
            QStringLiteral("Applied and verified: the %1 is now %2.")
                .arg(change.dimension == BudgetDimension::Total ? QStringLiteral("total") : QStringLiteral("daily cap"),
                     target)};
    case Kind::ReconciledApplied:
        return {QStringLiteral("应答不确定，但重新查询批次确认已生效：%1 现为 %2。").arg(dimension, observed),
                QStringLiteral("The answer was inconclusive, but a fresh lookup shows the change applied (%1).")
                    .arg(observed)};
    case Kind::ReconciledNotApplied:
        return {QStringLiteral("应答不确定，重新查询批次确认未生效：%1 现为 %2，目标为 %3。")
                    .arg(dimension, observed, target),
                QStringLiteral("The answer was inconclusive; a fresh lookup shows the change did not apply (value %1, "
                               "target %2).")
                    .arg(observed, target)};
    case Kind::Unknown:
        return {
            QStringLiteral(
                "无法确认修改是否生效：应答不确定，核对查询也未成功。请稍后查询批次确认，切勿用新的请求单号重复提交。"),
            QStringLiteral("Whether the change applied cannot be confirmed: the answer was inconclusive and the "
                           "checking lookup failed. Look the batch up later; do not resubmit with a new request "
                           "number.")};
    case Kind::Rejected:
        return {QStringLiteral("微信支付拒绝了修改：%1（%2）").arg(error->message, error->code),
                QStringLiteral("WeChat Pay refused the change: %1 (%2)").arg(error->explanation.en, error->code)};
    case Kind::Invalid:
        return {
            QStringLiteral("修改未发送：%1").arg(problems.value(0, BudgetProblem::Code::TargetOutOfRange).text().zh),
            QStringLiteral("Not sent: %1").arg(problems.value(0, BudgetProblem::Code::TargetOutOfRange).text().en)};
    case Kind::LookupFailed:
        return {QStringLiteral("修改未发送：查询批次当前值失败。%1").arg(lookup->summary().zh),
                QStringLiteral("Not sent: looking up the current value failed. %1").arg(lookup->summary().en)};
    case Kind::NotRecorded:
        return {QStringLiteral("修改未发送：%1").arg(notRecordedReason.zh),
                QStringLiteral("Not sent: %1").arg(notRecordedReason.en)};
    case Kind::NetworkFailed: {
        const ErrorExplanation explanation = failure->explanation();
        return {QStringLiteral("所有域名均无法连接，修改未生效。%1").arg(explanation.explanationZh),
                QStringLiteral("No domain could be reached; nothing was applied. %1").arg(explanation.en)};
    }
    }
    return {};
}

} // namespace budgetdesk
