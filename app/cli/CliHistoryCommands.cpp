// history and reconcile: the audit log.
#include "audit/AuditTrail.h"
#include "cli/CliConnection.h"
#include "cli/CliOutput.h"
#include "cli/CliSession.h"

#include <QEventLoop>
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
                     {QStringLiteral("source"), c.source},
                     {QStringLiteral("unresolved"), entry.isUnresolved()}};
    const AuditCompletion done = entry.completion.value_or(AuditCompletion{});
    json.insert(QStringLiteral("code"), done.code);
    json.insert(QStringLiteral("message"), done.message);
    json.insert(QStringLiteral("http_status"), done.httpStatus ? QJsonValue(done.httpStatus) : QJsonValue());
    json.insert(QStringLiteral("request_id"), QString::fromLatin1(done.requestId));
    json.insert(QStringLiteral("verified"), done.verified || (entry.reconciliation.has_value()));
    json.insert(QStringLiteral("domain"), done.domain);
    json.insert(QStringLiteral("duration_ms"), entry.completion ? QJsonValue(done.durationMs) : QJsonValue());
    json.insert(QStringLiteral("reconciled"), done.reconciled || entry.reconciliation.has_value());
    const std::optional<qint64> observed = entry.reconciliation ? entry.reconciliation->observed : done.observed;
    json.insert(QStringLiteral("observed"), observed ? QJsonValue(*observed) : QJsonValue());
    return json;
}

Result<std::unique_ptr<AuditLog>, int> openLog(const CliContext &context)
{
    auto log = AuditLog::open(context.data.auditDatabase());
    if (!log)
        return fail(context.options, ExitConfiguration, log.error().text(), "configuration_error");
    return std::move(log).value();
}

} // namespace

int runHistory(const CliContext &context)
{
    const CliOptions &options = context.options;
    auto log = openLog(context);
    if (!log)
        return log.error();
    AuditFilter filter;
    filter.stockId = options.historyStock;
    filter.profile = options.historyProfile;
    filter.since = options.since;
    const QList<AuditEntry> entries = (*log)->query(filter);

    if (!options.csvFile.isEmpty()) {
        const QByteArray csv = AuditLog::toCsv(entries);
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
                .arg(entry.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss")), c.profile, c.stockId,
                     BudgetChange::dimensionLabelZh(c.dimension),
                     c.current ? QString::number(*c.current) : QStringLiteral("?"), QString::number(c.target),
                     entry.effectiveOutcome(),
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
        CliConnection connection;
        if (options.profile.isEmpty() && !options.hasConnectionOptions()) {
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
            connection.profile = *profile;
            context.secrets.readNow(SecretStore::passphraseKey(profile->name), connection.secrets.keyPassphrase);
            CliConnection::secretsFromEnvironment(options, connection.secrets);
        } else {
            auto resolved = CliConnection::resolve(options, context.profiles, context.secrets);
            if (!resolved)
                return fail(options, ExitConfiguration, resolved.error(), "configuration_error");
            connection = *resolved;
        }
        auto session = openSessionFor(context, connection.profile, connection.secrets);
        if (!session)
            return session.error();

        AuditTrail trail(**log, entry.change.profile, entry.change.mchid, QStringLiteral("cli"));
        QEventLoop loop;
        StockQueryResult lookup;
        QObject::connect(trail.reconcile((*session)->client(), entry), &StockQuery::finished, &loop,
                         [&](const StockQueryResult &result) {
                             lookup = result;
                             loop.quit();
                         });
        loop.exec();
        const AuditEntry after = (*log)->entry(entry.id).value_or(entry);
        if (after.isUnresolved())
            exitCode = ExitUnknown;
        if (options.json) {
            QJsonObject json = entryJson(after);
            if (!lookup.isVerified())
                json.insert(QStringLiteral("lookup_error"), lookup.summary().en);
            printJson(json);
        } else {
            out(QStringLiteral("#%1  %2  %3 → %4  %5")
                    .arg(entry.id)
                    .arg(entry.change.stockId, BudgetChange::dimensionLabelZh(entry.change.dimension),
                         QString::number(entry.change.target), after.effectiveOutcome()));
            if (!lookup.isVerified())
                out(QStringLiteral("    核对失败：%1").arg(lookup.summary().zh));
        }
        (*session)->client().closeConnections();
    }
    if (entries.isEmpty() && !options.json)
        out(QStringLiteral("（没有待核对的记录 / nothing to reconcile）"));
    return exitCode;
}

} // namespace budgetdesk::cli
