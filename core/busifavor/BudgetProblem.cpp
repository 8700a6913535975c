#include "busifavor/BudgetProblem.h"

namespace budgetdesk {

namespace {

constexpr qsizetype MaximumStockIdLength = 20;
constexpr qsizetype MaximumRequestNumberLength = 128;

} // namespace

bool isValidRequestNumber(const QString &number)
{
    if (number.isEmpty() || number.size() > MaximumRequestNumberLength)
        return false;
    for (QChar c : number) {
        const bool allowed = (c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z')
            || c == u'_' || c == u'-';
        if (!allowed)
            return false;
    }
    return true;
}

bool hasBlockingProblem(const QList<BudgetProblem> &problems)
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const BudgetProblem &p) { return p.isBlocking(); });
}

QString BudgetProblem::field() const
{
    switch (m_code) {
    case Code::StockIdInvalid:
    case Code::BatchNotRunning:
    case Code::BatchExpired:
    case Code::OwnedByOtherMerchant:
        return QStringLiteral("stock_id");
    case Code::CurrentOutOfRange:
        return QStringLiteral("current");
    case Code::RequestNumberInvalid:
        return QStringLiteral("request_no");
    default:
        return QStringLiteral("target");
    }
}

BilingualText BudgetProblem::text() const
{
    const QString n = QString::number(m_value);
    switch (m_code) {
    case Code::StockIdInvalid:
        return {QStringLiteral("批次号应为 1–20 个字符。"), QStringLiteral("The batch ID must be 1–20 characters.")};
    case Code::TargetOutOfRange:
        return {QStringLiteral("目标值须在 1 到 1000000000 之间。"),
                QStringLiteral("The target must be between 1 and 1,000,000,000.")};
    case Code::TargetBelowIssued:
        return {QStringLiteral("目标总量不能小于已发放的 %1 张。").arg(n),
                QStringLiteral("The target total cannot be below the %1 coupons already issued.").arg(n)};
    case Code::TargetUnchanged:
        return {QStringLiteral("目标值与当前值相同，无需修改。"),
                QStringLiteral("The target equals the current value; there is nothing to change.")};
    case Code::CurrentOutOfRange:
        return {QStringLiteral("当前值须在 0 到 1000000000 之间。"),
                QStringLiteral("The current value must be between 0 and 1,000,000,000.")};
    case Code::NoDailyCap:
        return {QStringLiteral("该批次没有设置单日上限，只能修改批次总量。"),
                QStringLiteral("This batch has no daily cap; only its total can be changed.")};
    case Code::BatchNotRunning:
        return {QStringLiteral("批次不在运行中，只能修改运行中批次的预算。"),
                QStringLiteral("The batch is not running; only running batches can change budget.")};
    case Code::BatchExpired:
        return {QStringLiteral("批次已过有效期结束时间，不能再修改预算。"),
                QStringLiteral("The batch is past its end time; its budget can no longer change.")};
    case Code::RequestNumberInvalid:
        return {QStringLiteral("请求单号须为 1–128 个字母、数字、下划线或连字符。"),
                QStringLiteral("The request number must be 1–128 letters, digits, underscores or hyphens.")};
    case Code::Cancelled:
        return {QStringLiteral("已取消，修改没有发出。"), QStringLiteral("Cancelled; the change was not sent.")};
    case Code::DailyBelowIssuedToday:
        return {QStringLiteral("今天已发放 %1 张，单日上限低于此数时今天将不再发券。").arg(n),
                QStringLiteral("%1 coupons were issued today; below that, no more are issued today.").arg(n)};
    case Code::OwnedByOtherMerchant:
        return {QStringLiteral("批次归属商户与当前商户号不同：只有创建方能修改预算（服务商模式下这可能正常）。"),
                QStringLiteral("The batch belongs to another merchant ID: only its creator may change the budget "
                               "(this can be normal for service providers).")};
    case Code::AboveUploadedCodes:
        return {QStringLiteral("只上传了 %1 个券码，超出部分无法发放。").arg(n),
                QStringLiteral("Only %1 coupon codes were uploaded; coupons beyond that cannot be issued.").arg(n)};
    }
    return {};
}

QList<BudgetProblem> validateBudgetChange(const BudgetChange &change, const std::optional<StockDetails> &stock,
                                          const QDateTime &now, const QString &mchid)
{
    using C = BudgetProblem::Code;
    QList<BudgetProblem> problems;
    if (change.stockId.isEmpty() || change.stockId.size() > MaximumStockIdLength)
        problems.append(C::StockIdInvalid);
    const bool targetInRange = change.target >= 1 && change.target <= BudgetProblem::MaximumCount;
    if (!targetInRange)
        problems.append(C::TargetOutOfRange);
    if (change.current && (*change.current < 0 || *change.current > BudgetProblem::MaximumCount))
        problems.append(C::CurrentOutOfRange);
    if (!isValidRequestNumber(change.requestNumber))
        problems.append(C::RequestNumberInvalid);
    if (change.current && *change.current == change.target)
        problems.append(C::TargetUnchanged);
    if (!stock)
        return problems;

    const bool total = change.dimension == BudgetDimension::Total;
    if (total && targetInRange && change.target < stock->totalSendNum)
        problems.append({C::TargetBelowIssued, stock->totalSendNum});
    if (!total && !stock->maxCouponsByDay)
        problems.append(C::NoDailyCap);
    if (!stock->isRunning())
        problems.append(C::BatchNotRunning);
    if (stock->availableEndTime.isValid() && stock->availableEndTime <= now)
        problems.append(C::BatchExpired);
    if (!total && stock->todaySendNum && change.target < *stock->todaySendNum)
        problems.append({C::DailyBelowIssuedToday, *stock->todaySendNum});
    if (!mchid.isEmpty() && !stock->belongMerchant.isEmpty() && stock->belongMerchant != mchid)
        problems.append(C::OwnedByOtherMerchant);
    if (total && stock->uploadedCodeCount && change.target > *stock->uploadedCodeCount)
        problems.append({C::AboveUploadedCodes, *stock->uploadedCodeCount});
    return problems;
}

} // namespace budgetdesk
