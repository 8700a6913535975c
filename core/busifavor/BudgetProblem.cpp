#include "busifavor/BudgetProblem.h"

#include "common/IdText.h"

#include "productcoupon/ProductCouponApi.h"

#include <QLocale>

namespace budgetdesk {

namespace {

constexpr qsizetype MaximumStockIdLength = 20;
constexpr qsizetype MaximumRequestNumberLength = 128;
constexpr qsizetype MaximumProductCouponIdLength = 40; // string(40), PRODUCT_COUPON.md §2.3

} // namespace

bool isValidRequestNumber(const QString &number)
{
    return isIdText(number, 1, MaximumRequestNumberLength);
}

bool hasBlockingProblem(const QList<BudgetProblem> &problems)
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const BudgetProblem &p) { return p.isBlocking(); });
}

QString BudgetProblem::field() const
{
    switch (m_code) {
    case Code::StockIdInvalid:
    case Code::ProductCouponIdInvalid:
    case Code::BrandIdMissing:
    case Code::StateRefusesChange:
    case Code::InBundle:
    case Code::BatchNotRunning:
    case Code::BatchExpired:
    case Code::OwnedByOtherMerchant:
        return QStringLiteral("stock_id");
    case Code::CurrentOutOfRange:
        return QStringLiteral("current");
    case Code::RequestNumberInvalid:
    case Code::OutRequestNumberInvalid:
        return QStringLiteral("request_no");
    case Code::BundleValuesDiffer:
        return QStringLiteral("current");
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
    case Code::TargetOutOfRange: {
        const qint64 maximum = m_value > 0 ? m_value : MaximumCount;
        return {QStringLiteral("目标值须在 1 到 %1 之间。").arg(maximum),
                QStringLiteral("The target must be between 1 and %1.").arg(QLocale::c().toString(maximum))};
    }
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
    case Code::ProductCouponIdInvalid:
        return {QStringLiteral("商品券ID应为 1–40 个字符。"),
                QStringLiteral("The product coupon ID must be 1–40 characters.")};
    case Code::BrandIdMissing:
        return {QStringLiteral("以服务商身份修改商品券时必须指定品牌ID（brand_id）。"),
                QStringLiteral("A service provider must name the brand (brand_id) whose product coupon it changes.")};
    case Code::OutRequestNumberInvalid:
        return {QStringLiteral("商品券的请求单号须为 6–40 个字母、数字、下划线或连字符。"),
                QStringLiteral("A product coupon request number must be 6–40 letters, digits, underscores or "
                               "hyphens.")};
    case Code::StateRefusesChange:
        return {QStringLiteral("批次不是发放中或已暂停状态，不能修改预算。"),
                QStringLiteral("The batch is neither sending nor paused; its budget cannot change.")};
    case Code::InBundle:
        return {QStringLiteral("该批次属于批次组（多次优惠），只能整组修改预算：请改用批次组修改。"),
                QStringLiteral("This batch belongs to a group (multi-use coupon); only the whole group's budget can "
                               "change: use the group change.")};
    case Code::BundleValuesDiffer:
        return {QStringLiteral("批次组内各批次的当前值不一致，无法作为一次修改提交。"),
                QStringLiteral("The group's batches do not share one current value; they cannot change as one.")};
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

namespace {

// What can be checked without the batch: IDs, range, request number, a change at all.
QList<BudgetProblem> validateRequest(const BudgetChange &change)
{
    using C = BudgetProblem::Code;
    QList<BudgetProblem> problems;
    const bool productCoupon = change.isProductCoupon();
    if (!change.isBundleChange() && (change.stockId.isEmpty() || change.stockId.size() > MaximumStockIdLength))
        problems.append(C::StockIdInvalid);
    if (productCoupon
        && (change.productCouponId.isEmpty() || change.productCouponId.size() > MaximumProductCouponIdLength
            || (change.isBundleChange() && change.bundleId.size() > MaximumProductCouponIdLength)))
        problems.append(C::ProductCouponIdInvalid);
    const qint64 maximum = productCoupon ? ProductCouponApi::MaximumCount : BudgetProblem::MaximumCount;
    const bool targetInRange = change.target >= 1 && change.target <= maximum;
    if (!targetInRange)
        problems.append({C::TargetOutOfRange, maximum});
    if (change.current && (*change.current < 0 || *change.current > BudgetProblem::MaximumCount))
        problems.append(C::CurrentOutOfRange);
    if (productCoupon && !ProductCouponApi::isValidRequestNumber(change.requestNumber))
        problems.append(C::OutRequestNumberInvalid);
    else if (!productCoupon && !isValidRequestNumber(change.requestNumber))
        problems.append(C::RequestNumberInvalid);
    if (change.current && *change.current == change.target)
        problems.append(C::TargetUnchanged);
    return problems;
}

std::optional<qint64> currentValueOf(BudgetDimension dimension, const StockDetails &stock)
{
    return dimension == BudgetDimension::Total ? std::optional<qint64>(stock.maxCoupons) : stock.maxCouponsByDay;
}

// The rules one batch sets for the change: the issued floor, a daily cap to change, its state,
// what today's issuance and uploaded codes mean for the target.
void validateAgainst(const BudgetChange &change, const StockDetails &stock, const QDateTime &now, const QString &mchid,
                     QList<BudgetProblem> &problems)
{
    using C = BudgetProblem::Code;
    const bool total = change.dimension == BudgetDimension::Total;
    if (total && change.target >= 1 && change.target < stock.totalSendNum)
        problems.append({C::TargetBelowIssued, stock.totalSendNum});
    if (!total && !stock.maxCouponsByDay)
        problems.append(C::NoDailyCap);
    if (!stock.acceptsBudgetChange())
        problems.append(stock.isProductCoupon() ? C::StateRefusesChange : C::BatchNotRunning);
    // 商家券 batches carry their end time and owner; 商品券 batches say STOPPED themselves, and
    // only their creator ever sees them (PRODUCT_COUPON.md §3).
    if (!stock.isProductCoupon() && stock.availableEndTime.isValid() && stock.availableEndTime <= now)
        problems.append(C::BatchExpired);
    if (!total && stock.todaySendNum && change.target < *stock.todaySendNum)
        problems.append({C::DailyBelowIssuedToday, *stock.todaySendNum});
    if (!stock.isProductCoupon() && !mchid.isEmpty() && !stock.belongMerchant.isEmpty()
        && stock.belongMerchant != mchid)
        problems.append(C::OwnedByOtherMerchant);
    if (total && stock.uploadedCodeCount && change.target > *stock.uploadedCodeCount)
        problems.append({C::AboveUploadedCodes, *stock.uploadedCodeCount});
    if (stock.isInBundle() && !change.isBundleChange())
        problems.append(C::InBundle);
}

} // namespace

QList<BudgetProblem> validateBudgetChange(const BudgetChange &change, const std::optional<StockDetails> &stock,
                                          const QDateTime &now, const QString &mchid)
{
    QList<BudgetProblem> problems = validateRequest(change);
    if (!stock)
        return problems;
    validateAgainst(change, *stock, now, mchid, problems);
    return problems;
}

QList<BudgetProblem> validateBundleChange(const BudgetChange &change, const QList<StockDetails> &stocks)
{
    using C = BudgetProblem::Code;
    QList<BudgetProblem> problems = validateRequest(change);
    for (const StockDetails &stock : stocks) {
        const std::optional<qint64> value = currentValueOf(change.dimension, stock);
        QList<BudgetProblem> found;
        if (change.current && value && *value != *change.current)
            found.append(C::BundleValuesDiffer);
        validateAgainst(change, stock, {}, {}, found);
        for (const BudgetProblem &problem : std::as_const(found)) {
            // One line per kind of problem, quoting the strictest batch (the most issued).
            auto same = std::find_if(problems.begin(), problems.end(),
                                     [&](const BudgetProblem &p) { return p.code() == problem.code(); });
            if (same == problems.end())
                problems.append(problem);
            else if (problem.value() > same->value())
                *same = problem;
        }
    }
    return problems;
}

} // namespace budgetdesk
