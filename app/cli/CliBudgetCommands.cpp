// lookup and modify.
#include "audit/AuditTrail.h"
#include "busifavor/RequestNumberGenerator.h"
#include "cli/CliConnection.h"
#include "cli/CliOutput.h"
#include "cli/CliSession.h"

#include <QEventLoop>
#include <QJsonArray>

namespace budgetdesk::cli {

namespace {

// The batch the command names: a 商家券 batch, or a 商品券 batch of --product-coupon for `brand`.
StockKey stockKey(const CliOptions &options, const QString &brand)
{
    if (!options.isProductCoupon())
        return StockKey::busifavor(options.stockId);
    return {CouponFamily::ProductCoupon, options.stockId, options.productCouponId, brand};
}

// The command that changes a group, for a batch that belongs to one.
QString groupCommand(const CliOptions &options, const QString &bundleId)
{
    return QStringLiteral("budgetdesk-cli modify --product-coupon %1 --bundle %2 (--total N | --per-day N)")
        .arg(options.productCouponId, bundleId);
}

BilingualText inBundleRefusal(const CliOptions &options, const StockDetails &stock)
{
    const BilingualText text = BudgetProblem(BudgetProblem::Code::InBundle).text();
    const QString command = groupCommand(options, stock.bundleId);
    return {QStringLiteral("%1 批次组 %2：%3").arg(text.zh, stock.bundleId, command),
            QStringLiteral("%1 Group %2: %3").arg(text.en, stock.bundleId, command)};
}

std::optional<QString> groupCommandHint(const CliOptions &options, const BudgetOutcome &outcome)
{
    const bool inBundle = std::any_of(outcome.problems.cbegin(), outcome.problems.cend(),
                                      [](const BudgetProblem &p) { return p.code() == BudgetProblem::Code::InBundle; });
    if (!inBundle || !outcome.lookup || !outcome.lookup->stock)
        return std::nullopt;
    return QStringLiteral("  批次组 %1：%2")
        .arg(outcome.lookup->stock->bundleId, groupCommand(options, outcome.lookup->stock->bundleId));
}

// 商品券 as a 服务商 needs a brand; exit 4 when none can be chosen.
std::optional<int> chooseBrand(const CliOptions &options, const ProfileSession &session, QString &brand)
{
    if (!options.isProductCoupon())
        return std::nullopt;
    auto chosen = CliConnection::brandFor(options, session.profile());
    if (!chosen)
        return fail(options, ExitInvalidInput, chosen.error(), "invalid");
    brand = session.profile().isBrand() ? QString() : *chosen;
    return std::nullopt;
}

int lookup(const CliContext &context, ProfileSession &session)
{
    const CliOptions &options = context.options;
    QString brand;
    if (const auto exitCode = chooseBrand(options, session, brand))
        return *exitCode;
    const QString caller = session.profile().brandId;
    QEventLoop loop;
    int exitCode = ExitUnknown;
    QObject::connect(session.client().queryStock(stockKey(options, brand)), &StockQuery::finished, &loop,
                     [&](const StockQueryResult &result) {
                         if (options.json && result.isVerified())
                             printJson(result.stock->isProductCoupon()
                                           ? productCouponJson(*result.stock, brand.isEmpty() ? caller : brand)
                                           : stockJson(*result.stock));
                         else if (options.json)
                             printJson(lookupFailureJson(result));
                         else
                             printLookupText(result);
                         exitCode = lookupExitCode(result);
                         loop.quit();
                     });
    loop.exec();
    return exitCode;
}

// --stop-issuing: the total becomes what the batch has issued, which only a lookup can tell.
// The lookup also supplies the current value, unless --current gave one.
std::optional<int> readStopTarget(const CliOptions &options, BusifavorClient &client, BudgetChange &change,
                                  QString &stockName)
{
    std::optional<StockQueryResult> answer;
    QEventLoop loop;
    QObject::connect(client.queryStock(change.key()), &StockQuery::finished, &loop,
                     [&](const StockQueryResult &result) {
                         answer = result;
                         loop.quit();
                     });
    loop.exec();
    if (!answer->isVerified()) {
        if (options.json)
            printJson(lookupFailureJson(*answer));
        else
            printLookupText(*answer);
        return lookupExitCode(*answer);
    }
    const StockDetails &stock = *answer->stock;
    // Refused from the fresh lookup, before anything is sent: a stop must be able to work.
    std::optional<BilingualText> refusal;
    if (!stock.acceptsBudgetChange())
        refusal = {QStringLiteral("批次不在可修改预算的状态（%1），无需也无法停止发放。").arg(stock.stateLabelZh()),
                   QStringLiteral("The batch is not in a state whose budget can change (%1); there is nothing to "
                                  "stop.")
                       .arg(stock.stockState)};
    else if (stock.isInBundle())
        refusal = inBundleRefusal(options, stock);
    else if (stock.availableEndTime.isValid() && stock.availableEndTime <= client.now())
        refusal = BudgetProblem(BudgetProblem::Code::BatchExpired).text();
    else if (!stock.belongMerchant.isEmpty() && stock.belongMerchant != client.signer().credentials().mchid)
        refusal = {QStringLiteral("批次属于商户 %1，只有创建方能修改它的预算。").arg(stock.belongMerchant),
                   QStringLiteral("The batch belongs to merchant %1; only its creator can change its budget.")
                       .arg(stock.belongMerchant)};
    else if (stock.totalSendNum < 1)
        refusal = {QStringLiteral("批次尚未发放任何券：总量最小为 1，无法以此停止发放。"),
                   QStringLiteral("The batch has issued nothing yet: the smallest total is 1, which would still "
                                  "allow one more coupon.")};
    else if (stock.maxCoupons <= stock.totalSendNum)
        refusal = {QStringLiteral("批次已停止发放：总量 %1 已等于已发放数。").arg(stock.maxCoupons),
                   QStringLiteral("The batch has already stopped issuing: its total %1 equals the issued count.")
                       .arg(stock.maxCoupons)};
    if (refusal)
        return fail(options, ExitInvalidInput, *refusal, "invalid");
    change.target = stock.totalSendNum;
    stockName = stock.stockName;
    if (!change.current)
        change.current = stock.maxCoupons;
    return std::nullopt;
}

int modify(const CliContext &context, ProfileSession &session)
{
    const CliOptions &options = context.options;
    QString brand;
    if (const auto exitCode = chooseBrand(options, session, brand))
        return *exitCode;
    auto log = AuditLog::open(context.data.auditDatabase());
    if (!log)
        return fail(options, ExitConfiguration, log.error().text(), "configuration_error");

    BudgetChange change;
    QString stockName; // known when a lookup ran here; else the modification's own lookup names it
    change.stockId = options.stockId;
    if (options.isProductCoupon()) {
        change.family = CouponFamily::ProductCoupon;
        change.productCouponId = options.productCouponId;
        change.bundleId = options.bundleId;
        change.brandId = brand;
    }
    change.dimension = *options.dimension;
    change.target = options.target;
    change.current = options.current;
    if (options.stopIssuing) {
        if (const std::optional<int> exitCode = readStopTarget(options, session.client(), change, stockName))
            return *exitCode;
    }
    change.requestNumber = options.requestNumber.isEmpty() ? RequestNumberGenerator().next() : options.requestNumber;

    AuditTrail trail(**log, session.profile().name, session.profile().callerId(), QStringLiteral("cli"),
                     session.profile().operatorName);
    auto recording = std::make_shared<AuditRecording>();
    QEventLoop loop;
    int exitCode = ExitUnknown;
    QObject::connect(
        trail.modify(session.client(), change, recording, stockName), &BudgetModification::finished, &loop,
        [&](const BudgetOutcome &outcome) {
            const qint64 entryId = recording->entryId;
            // The outcome stands (and so does its exit code) even if the log refused it; the
            // user must hear that the log is behind, and how it catches up.
            std::optional<BilingualText> auditProblem;
            if (recording->completionError) {
                const BilingualText why = recording->completionError->text();
                auditProblem = recording->keptForLater
                    ? BilingualText{QStringLiteral(
                                        "审计日志未能记录第 #%1 条的结果（%2）；结果已暂存，下次启动时补记。")
                                        .arg(entryId)
                                        .arg(why.zh),
                                    QStringLiteral("The audit log could not record entry #%1's outcome (%2); it is "
                                                   "kept and written at the next start.")
                                        .arg(entryId)
                                        .arg(why.en)}
                    : BilingualText{QStringLiteral("审计日志未能记录第 #%1 条的结果（%2）；该记录仍为待核对，可用 "
                                                   "reconcile %1 核对。")
                                        .arg(entryId)
                                        .arg(why.zh),
                                    QStringLiteral("The audit log could not record entry #%1's outcome (%2); it stays "
                                                   "pending — settle it with `reconcile %1`.")
                                        .arg(entryId)
                                        .arg(why.en)};
            }
            if (options.json) {
                QJsonObject json = modifyJson(outcome);
                if (const auto hint = groupCommandHint(options, outcome)) {
                    json.insert(QStringLiteral("stock_bundle_id"), outcome.lookup->stock->bundleId);
                    json.insert(QStringLiteral("group_command"),
                                groupCommand(options, outcome.lookup->stock->bundleId));
                }
                if (entryId)
                    json.insert(QStringLiteral("audit_id"), entryId);
                if (auditProblem) {
                    json.insert(QStringLiteral("audit_error"), auditProblem->en);
                    json.insert(QStringLiteral("audit_error_zh"), auditProblem->zh);
                }
                if (!recording->settledEntries.isEmpty()) {
                    QJsonArray settled;
                    for (qint64 id : std::as_const(recording->settledEntries))
                        settled.append(id);
                    json.insert(QStringLiteral("settled_entries"), settled);
                }
                printJson(json);
            } else {
                printModifyText(outcome);
                if (const auto hint = groupCommandHint(options, outcome))
                    out(*hint);
                if (entryId)
                    out(QStringLiteral("  审计记录    #%1 (%2)").arg(entryId).arg(context.data.auditDatabase()));
                for (qint64 id : std::as_const(recording->settledEntries))
                    out(QStringLiteral("  同一修改的未确认记录 #%1 已确认生效。").arg(id));
            }
            if (auditProblem)
                warn(*auditProblem);
            exitCode = modifyExitCode(outcome);
            loop.quit();
        });
    loop.exec();
    return exitCode;
}

int list(const CliContext &context, ProfileSession &session)
{
    const CliOptions &options = context.options;
    QString brand;
    if (const auto exitCode = chooseBrand(options, session, brand))
        return *exitCode;
    const QString shownBrand = brand.isEmpty() ? session.profile().brandId : brand;
    ProductCouponApi::ListFilter filter;
    filter.state = options.stateFilter;
    filter.bundleId = options.bundleId;
    QEventLoop loop;
    int exitCode = ExitUnknown;
    QObject::connect(session.client().listStocks(options.productCouponId, brand, filter), &StockListQuery::finished,
                     &loop, [&](const StockListResult &result) {
                         // A list that ended early is never printed as if it were whole.
                         if (!result.isComplete()) {
                             if (options.json)
                                 printJson(lookupFailureJson(result.status));
                             else
                                 printLookupText(result.status);
                             exitCode = lookupExitCode(result.status);
                         } else {
                             if (options.json) {
                                 for (const StockDetails &stock : result.stocks)
                                     printJson(productCouponJson(stock, shownBrand));
                             } else {
                                 printStockTable(result, options.productCouponId);
                             }
                             exitCode = ExitApplied;
                         }
                         loop.quit();
                     });
    loop.exec();
    return exitCode;
}

} // namespace

int runLookupOrModify(const CliContext &context)
{
    const CliOptions &options = context.options;
    auto session = openSession(context);
    if (!session)
        return session.error();
    switch (options.command) {
    case CliOptions::Command::Lookup:
        return lookup(context, **session);
    case CliOptions::Command::List:
        return list(context, **session);
    default:
        return modify(context, **session);
    }
}

} // namespace budgetdesk::cli
