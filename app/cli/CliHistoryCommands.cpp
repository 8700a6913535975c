// history and reconcile: the audit log.
#include "audit/AuditCsv.h"
#include "audit/AuditEntryText.h"
#include "audit/AuditTrail.h"
#include "cli/CliConnection.h"
#include "cli/CliOutput.h"
#include "cli/CliSession.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

namespace budgetdesk::cli {

namespace {

QJsonObject entryJson(const AuditEntry &entry)
{
    const AuditChange &c = entry.change;
    QJsonObject json{{QStringLiteral("id"), entry.id},
                     {QStringLiteral("time"), entry.time.toString(Qt::ISODateWithMs)},
                     {QStringLiteral("profile"), c.profile},
                     {QStringLiteral("mchid"), c.mchid},
                     {QStringLiteral("stock_id"), c.stockId},
                     {QStringLiteral("dimension"), BudgetChange::dimensionField(c.dimension)},
                     {QStringLiteral("current"), c.current ? QJsonValue(*c.current) : QJsonValue()},
                     {QStringLiteral("target"), c.target},
                     {QStringLiteral("request_no"), c.requestNumber},
                     {QStringLiteral("outcome"), entry.effectiveOutcome()},
                     {QStringLiteral("os_user"), c.osUser},
                     {QStringLiteral("operator"), c.operatorName},
                     {QStringLiteral("stock_name"), c.stockName},
                     {QStringLiteral("source"), c.source},
                     {QStringLiteral("unresolved"), entry.isUnresolved()}};
    const AuditCompletion done = entry.completion.value_or(AuditCompletion{});
    if (entry.reconciliation && !entry.reconciliation->note.isEmpty())
        json.insert(QStringLiteral("note"), entry.reconciliation->note);
    json.insert(QStringLiteral("code"), done.code);
    json.insert(QStringLiteral("message"), done.message);
    json.insert(QStringLiteral("http_status"), done.httpStatus ? QJsonValue(done.httpStatus) : QJsonValue());
    json.insert(QStringLiteral("request_id"), QString::fromLatin1(done.requestId));
    json.insert(QStringLiteral("verified"),
                done.verified || (entry.reconciliation && entry.reconciliation->outcome != QLatin1String("unknown")));
    json.insert(QStringLiteral("domain"), done.domain);
    json.insert(QStringLiteral("duration_ms"), entry.completion ? QJsonValue(done.durationMs) : QJsonValue());
    json.insert(QStringLiteral("reconciled"), done.reconciled || entry.reconciliation.has_value());
    const std::optional<qint64> observed = entry.reconciliation ? entry.reconciliation->observed : done.observed;
    json.insert(QStringLiteral("observed"), observed ? QJsonValue(*observed) : QJsonValue());
    QJsonArray attempts;
    for (const AuditAttempt &attempt : entry.attempts)
        attempts.append(attempt.toJson());
    json.insert(QStringLiteral("attempts"), attempts);
    // The bulk run (批量修改) that sent it, if one did.
    json.insert(QStringLiteral("run_id"), c.runId.isEmpty() ? QJsonValue() : QJsonValue(c.runId));
    // Which family, and for 商品券 which product coupon, group, brand and signing identity.
    json.insert(QStringLiteral("family"), StockKey::familyName(c.family));
    json.insert(QStringLiteral("mode"), c.mode());
    if (c.family == CouponFamily::ProductCoupon) {
        json.insert(QStringLiteral("product_coupon_id"), c.productCouponId);
        json.insert(QStringLiteral("stock_bundle_id"), c.bundleId.isEmpty() ? QJsonValue() : QJsonValue(c.bundleId));
        json.insert(QStringLiteral("brand_id"), c.brandId);
        json.insert(QStringLiteral("identity"), callerIdentityName(c.identity));
    }
    return json;
}

Result<std::unique_ptr<AuditLog>, int> openLog(const CliContext &context,
                                               AuditLog::Mode mode = AuditLog::Mode::ReadWrite)
{
    auto log = AuditLog::open(context.data.auditDatabase(), mode);
    if (!log)
        return fail(context.options, ExitConfiguration, log.error().text(), "configuration_error");
    return std::move(log).value();
}

} // namespace

int runHistory(const CliContext &context)
{
    const CliOptions &options = context.options;
    QList<AuditEntry> entries;
    // Reading needs no write access: history works from read-only media too.
    if (QFileInfo(context.data.auditDatabase()).exists()) {
        auto log = openLog(context, AuditLog::Mode::ReadOnly);
        if (!log)
            return log.error();
        AuditFilter filter;
        filter.stockId = options.historyStock;
        filter.profile = options.historyProfile;
        filter.since = options.since;
        auto found = (*log)->query(filter);
        if (!found)
            return fail(options, ExitConfiguration, found.error().text(), "configuration_error");
        entries = *found;
    }

    if (!options.csvFile.isEmpty()) {
        // In Chinese, as everything else this command prints for people (documented in --help).
        const QByteArray csv = AuditCsv::write(entries, {Language::Chinese});
        QSaveFile file(options.csvFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
            return fail(options, ExitConfiguration,
                        {QStringLiteral("无法写入 %1。").arg(options.csvFile),
                         QStringLiteral("Cannot write %1.").arg(options.csvFile)},
                        "configuration_error");
        out(QStringLiteral("✔ 已导出 %1 条记录到 %2。").arg(entries.size()).arg(options.csvFile));
        return ExitApplied;
    }
    for (const AuditEntry &entry : entries) {
        if (options.json) {
            printJson(entryJson(entry));
            continue;
        }
        const AuditChange &c = entry.change;
        out(QStringLiteral("#%1  %2  %3  %4  %5 %6 → %7  %8%9")
                .arg(entry.id)
                .arg(entry.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss")), clean(c.profile),
                     c.stockId, BudgetChange::dimensionLabelZh(c.dimension),
                     c.current ? QString::number(*c.current) : QStringLiteral("?"), QString::number(c.target),
                     // The names the window and the CSV use, the machine name beside it.
                     QStringLiteral("%1 (%2)").arg(AuditEntryText::outcome(entry.effectiveOutcome()).zh,
                                                   entry.effectiveOutcome()),
                     entry.isUnresolved() ? QStringLiteral("  ⚠ 未确认，可 reconcile") : QString()));
    }
    if (entries.isEmpty() && !options.json)
        out(QStringLiteral("（没有记录 / no entries）"));
    return ExitApplied;
}

int runReconcile(const CliContext &context)
{
    const CliOptions &options = context.options;
    auto log = openLog(context);
    if (!log)
        return log.error();
    QList<AuditEntry> entries;
    if (options.entryId) {
        const auto entry = (*log)->entry(*options.entryId);
        if (!entry)
            return fail(options, ExitInvalidInput,
                        {QStringLiteral("没有编号为 %1 的记录。").arg(*options.entryId),
                         QStringLiteral("There is no entry %1.").arg(*options.entryId)},
                        "invalid");
        entries.append(*entry);
    } else {
        entries = (*log)->unresolved();
    }

    int exitCode = ExitApplied;
    for (const AuditEntry &entry : entries) {
        // The entry's own profile, unless the command line names the merchant.
        Result<CliConnection, BilingualText> connection = BilingualText{};
        if (options.profile.isEmpty() && !options.hasConnectionOptions()) {
            if (context.profiles.readProblem())
                return fail(options, ExitConfiguration, *context.profiles.readProblem(), "configuration_error");
            const auto profile = context.profiles.profile(entry.change.profile);
            if (!profile)
                return fail(options, ExitConfiguration,
                            {QStringLiteral("记录 #%1 的配置“%2”不存在；请用 --profile 或连接选项指定商户。")
                                 .arg(entry.id)
                                 .arg(entry.change.profile),
                             QStringLiteral("Entry #%1's profile '%2' does not exist; name the merchant with --profile "
                                            "or connection options.")
                                 .arg(entry.id)
                                 .arg(entry.change.profile)},
                            "configuration_error");
            connection = CliConnection::forProfile(options, *profile, context.secrets);
        } else {
            connection = CliConnection::resolve(options, context.profiles, context.secrets);
        }
        if (!connection)
            return fail(options, ExitConfiguration, connection.error(), "configuration_error");
        auto session = openSessionFor(context, connection->profile, connection->secrets);
        if (!session)
            return session.error();

        AuditTrail trail(**log, entry.change.profile, entry.change.mchid, QStringLiteral("cli"));
        QEventLoop loop;
        EntryReconciliationResult result;
        QObject::connect(trail.reconcile((*session)->client(), entry), &EntryReconciliation::finished, &loop,
                         [&](const EntryReconciliationResult &finished) {
                             result = finished;
                             loop.quit();
                         });
        loop.exec();
        const AuditEntry after = (*log)->entry(entry.id).value_or(entry);
        if (after.isUnresolved())
            exitCode = ExitUnknown;
        if (options.json) {
            QJsonObject json = entryJson(after);
            json.insert(QStringLiteral("explanation_zh"), result.explanation.zh);
            json.insert(QStringLiteral("explanation_en"), result.explanation.en);
            json.insert(QStringLiteral("resent"), result.resend.has_value());
            if (!result.lookup.isVerified() && result.outcome.isEmpty())
                json.insert(QStringLiteral("lookup_error"), result.lookup.summary().en);
            if (result.recordError)
                json.insert(QStringLiteral("audit_error"), result.recordError->text().en);
            printJson(json);
        } else {
            out(QStringLiteral("#%1  %2  %3 → %4  %5")
                    .arg(entry.id)
                    .arg(entry.change.stockId, BudgetChange::dimensionLabelZh(entry.change.dimension),
                         QString::number(entry.change.target), after.effectiveOutcome()));
            out(QStringLiteral("    %1").arg(clean(result.explanation.zh)));
            if (result.resend)
                out(QStringLiteral("    已用同一请求单号 %1 重新发送同一修改（不会重复生效）。")
                        .arg(entry.change.requestNumber));
            if (!result.lookup.isVerified() && result.outcome.isEmpty())
                out(QStringLiteral("    核对失败：%1").arg(clean(result.lookup.summary().zh)));
        }
        if (result.recordError)
            warn(result.recordError->text());
    }
    if (entries.isEmpty() && !options.json)
        out(QStringLiteral("（没有待核对的记录 / nothing to reconcile）"));
    return exitCode;
}

} // namespace budgetdesk::cli
