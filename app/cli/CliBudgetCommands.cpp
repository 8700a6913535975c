// lookup and modify.
#include "audit/AuditTrail.h"
#include "busifavor/RequestNumberGenerator.h"
#include "cli/CliOutput.h"
#include "cli/CliSession.h"

#include <QEventLoop>
#include <QJsonArray>

namespace budgetdesk::cli {

namespace {

int lookup(const CliContext &context, BusifavorClient &client)
{
    const CliOptions &options = context.options;
    QEventLoop loop;
    int exitCode = ExitUnknown;
    QObject::connect(client.queryStock(options.stockId), &StockQuery::finished, &loop,
                     [&](const StockQueryResult &result) {
                         if (options.json)
                             printJson(result.isVerified() ? stockJson(*result.stock) : lookupFailureJson(result));
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
    QObject::connect(client.queryStock(options.stockId), &StockQuery::finished, &loop,
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
    if (!stock.isRunning())
        refusal = {QStringLiteral("批次不在运行中（%1），无需也无法停止发放。").arg(stock.stateLabelZh()),
                   QStringLiteral("The batch is not running (%1); there is nothing to stop.").arg(stock.stockState)};
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
    auto log = AuditLog::open(context.data.auditDatabase());
    if (!log)
        return fail(options, ExitConfiguration, log.error().text(), "configuration_error");

    BudgetChange change;
    QString stockName; // known when a lookup ran here; else the modification's own lookup names it
    change.stockId = options.stockId;
    change.dimension = *options.dimension;
    change.target = options.target;
    change.current = options.current;
    if (options.stopIssuing) {
        if (const std::optional<int> exitCode = readStopTarget(options, session.client(), change, stockName))
            return *exitCode;
    }
    change.requestNumber = options.requestNumber.isEmpty() ? RequestNumberGenerator().next() : options.requestNumber;

    AuditTrail trail(**log, session.profile().name, session.profile().mchid, QStringLiteral("cli"),
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

} // namespace

int runLookupOrModify(const CliContext &context)
{
    const CliOptions &options = context.options;
    auto session = openSession(context);
    if (!session)
        return session.error();
    return options.command == CliOptions::Command::Lookup ? lookup(context, (*session)->client())
                                                          : modify(context, **session);
}

} // namespace budgetdesk::cli
