// lookup and modify.
#include "audit/AuditTrail.h"
#include "busifavor/RequestNumberGenerator.h"
#include "cli/CliOutput.h"
#include "cli/CliSession.h"

#include <QEventLoop>

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
std::optional<int> readStopTarget(const CliOptions &options, BusifavorClient &client, BudgetChange &change)
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
    if (stock.totalSendNum < 1)
        return fail(options, ExitInvalidInput,
                    {QStringLiteral("批次尚未发放任何券：总量最小为 1，无法以此停止发放。"),
                     QStringLiteral("The batch has issued nothing yet: the smallest total is 1, which would still "
                                    "allow one more coupon.")},
                    "invalid");
    change.target = stock.totalSendNum;
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
    change.stockId = options.stockId;
    change.dimension = *options.dimension;
    change.target = options.target;
    change.current = options.current;
    if (options.stopIssuing) {
        if (const std::optional<int> exitCode = readStopTarget(options, session.client(), change))
            return *exitCode;
    }
    change.requestNumber = options.requestNumber.isEmpty() ? RequestNumberGenerator().next() : options.requestNumber;

    AuditTrail trail(**log, session.profile().name, session.profile().mchid, QStringLiteral("cli"));
    qint64 entryId = 0;
    QEventLoop loop;
    int exitCode = ExitUnknown;
    QObject::connect(
        trail.modify(session.client(), change, &entryId), &BudgetModification::finished, &loop,
        [&](const BudgetOutcome &outcome) {
            if (options.json) {
                QJsonObject json = modifyJson(outcome);
                if (entryId)
                    json.insert(QStringLiteral("audit_id"), entryId);
                printJson(json);
            } else {
                printModifyText(outcome);
                if (entryId)
                    out(QStringLiteral("  审计记录    #%1 (%2)").arg(entryId).arg(context.data.auditDatabase()));
            }
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
    if (options.stockId.isEmpty() || options.stockId.size() > 20)
        return fail(options, ExitInvalidInput, BudgetProblem(BudgetProblem::Code::StockIdInvalid).text(), "invalid");
    if (options.command == CliOptions::Command::Modify && !options.requestNumber.isEmpty()
        && !isValidRequestNumber(options.requestNumber))
        return fail(options, ExitInvalidInput, BudgetProblem(BudgetProblem::Code::RequestNumberInvalid).text(),
                    "invalid");

    auto session = openSession(context);
    if (!session)
        return session.error();
    const int exitCode = options.command == CliOptions::Command::Lookup ? lookup(context, (*session)->client())
                                                                        : modify(context, **session);
    // Close pooled connections before the process ends rather than during its teardown.
    (*session)->client().closeConnections();
    return exitCode;
}

} // namespace budgetdesk::cli
