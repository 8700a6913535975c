#include "busifavor/BudgetOutcome.h"

namespace budgetdesk {

QString BudgetOutcome::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Applied:
    case Kind::ReconciledApplied:
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
    case Kind::SigningFailed:
        return QStringLiteral("configuration_error");
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
    case Ambiguity::AnswerMismatch:
        return QStringLiteral("answer_mismatch");
    case Ambiguity::ServerError:
        return QStringLiteral("server_error");
    case Ambiguity::Timeout:
        return QStringLiteral("timeout");
    case Ambiguity::ConnectionLost:
        return QStringLiteral("connection_lost");
    case Ambiguity::Cancelled:
        return QStringLiteral("cancelled");
    case Ambiguity::RefusedAfterRetry:
        return QStringLiteral("refused_after_retry");
    case Ambiguity::UnexpectedAnswer:
        return QStringLiteral("unexpected_answer");
    }
    return {};
}

BilingualText BudgetOutcome::summary() const
{
    const QString dimension = BudgetChange::dimensionLabelZh(change.dimension);
    const QString dimensionEn
        = change.dimension == BudgetDimension::Total ? QStringLiteral("total") : QStringLiteral("daily cap");
    const QString target = QString::number(change.target);
    const BilingualText why = verdict ? verdict->text(change.target) : BilingualText{};
    switch (kind) {
    case Kind::Applied:
        return {QStringLiteral("修改成功（已验签）：%1 已改为 %2。").arg(dimension, target),
                QStringLiteral("Applied and verified: the %1 is now %2.").arg(dimensionEn, target)};
    case Kind::ReconciledApplied:
        return {QStringLiteral("已生效：应答不确定，但%1").arg(why.zh),
                QStringLiteral("Applied: the answer was inconclusive, but %1").arg(why.en)};
    case Kind::ReconciledNotApplied:
        return {QStringLiteral("未生效：%1").arg(why.zh), QStringLiteral("Not applied: %1").arg(why.en)};
    case Kind::Unknown:
        return {QStringLiteral("无法确认修改是否生效。%1请稍后核对，需要重试时请用同一请求单号，切勿换新单号重复提交。")
                    .arg(why.zh),
                QStringLiteral("Whether the change applied cannot be confirmed. %1 Check again later; to retry, use "
                               "the same request number, never a new one.")
                    .arg(why.en)};
    case Kind::Rejected: {
        const BilingualText trust = error->trustText();
        return {QStringLiteral("微信支付拒绝了修改（%1）：%2（%3）").arg(trust.zh, error->message, error->code),
                QStringLiteral("WeChat Pay refused the change (%1): %2 (%3)")
                    .arg(trust.en, error->explanation.en, error->code)};
    }
    case Kind::Invalid: {
        const BilingualText first = problems.value(0, BudgetProblem::Code::TargetOutOfRange).text();
        return {QStringLiteral("修改未发送：%1").arg(first.zh), QStringLiteral("Not sent: %1").arg(first.en)};
    }
    case Kind::LookupFailed:
        return {QStringLiteral("修改未发送：查询批次当前值失败。%1").arg(lookup->summary().zh),
                QStringLiteral("Not sent: looking up the current value failed. %1").arg(lookup->summary().en)};
    case Kind::NotRecorded:
    case Kind::SigningFailed:
        return {QStringLiteral("修改未发送：%1").arg(reason.zh), QStringLiteral("Not sent: %1").arg(reason.en)};
    case Kind::NetworkFailed: {
        const ErrorExplanation explanation = failure->explanation();
        return {QStringLiteral("没有一个域名连得上，修改没有送达，未生效。%1").arg(explanation.explanationZh),
                QStringLiteral("No domain could be reached; nothing was delivered or applied. %1").arg(explanation.en)};
    }
    }
    return {};
}

} // namespace budgetdesk
