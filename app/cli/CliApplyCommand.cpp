// apply: many budget changes from a spreadsheet — previewed, paced, journaled, resumable (issue 16).
#include "audit/AuditTrail.h"
#include "bulk/BulkPreview.h"
#include "bulk/BulkResults.h"
#include "bulk/BulkRun.h"
#include "cli/CliCommands.h"
#include "cli/CliConnection.h"
#include "cli/CliOutput.h"
#include "cli/CliSession.h"
#include "common/StopRequests.h"
#include "watch/LookupPacer.h"

#include <QDir>
#include <QEventLoop>
#include <QJsonValue>
#include <QSaveFile>

#include <cstdio>

namespace budgetdesk::cli {

namespace {

QJsonValue orNull(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

// One object per row, in the contract's fields.
QJsonObject rowJson(const BulkResults::Line &line)
{
    const BulkJournalRow *row = line.row;
    if (!row)
        return {{QStringLiteral("line"), line.line},
                {QStringLiteral("stock_id"), QJsonValue::Null},
                {QStringLiteral("product_coupon_id"), QJsonValue::Null},
                {QStringLiteral("dimension"), QJsonValue::Null},
                {QStringLiteral("current"), QJsonValue::Null},
                {QStringLiteral("target"), QJsonValue::Null},
                {QStringLiteral("outcome"), QStringLiteral("skipped")},
                {QStringLiteral("request_no"), QJsonValue::Null},
                {QStringLiteral("verified"), false},
                {QStringLiteral("code"), QStringLiteral("INVALID")},
                {QStringLiteral("explanation_zh"), line.problem.zh},
                {QStringLiteral("audit_id"), QJsonValue::Null}};
    const bool settled = row->state == BulkJournalRow::State::Settled;
    return {{QStringLiteral("line"), row->line},
            {QStringLiteral("stock_id"), row->key.stockId},
            {QStringLiteral("product_coupon_id"),
             row->key.isProductCoupon() ? QJsonValue(row->key.productCouponId) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("dimension"),
             row->dimension == BudgetDimension::Total ? QStringLiteral("total") : QStringLiteral("per_day")},
            {QStringLiteral("current"), orNull(row->previewCurrent)},
            {QStringLiteral("target"), orNull(row->target)},
            {QStringLiteral("outcome"), settled ? row->outcome : QStringLiteral("pending")},
            {QStringLiteral("request_no"),
             row->requestNumber.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(row->requestNumber)},
            {QStringLiteral("verified"), row->verified},
            {QStringLiteral("code"), row->code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(row->code)},
            {QStringLiteral("explanation_zh"),
             row->explanation.zh.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(row->explanation.zh)},
            {QStringLiteral("audit_id"), row->auditId ? QJsonValue(row->auditId) : QJsonValue(QJsonValue::Null)}};
}

QString rowText(const BulkJournalRow &row, int position, int count)
{
    const QString change
        = row.target ? QStringLiteral("%1 → %2").arg(row.previewCurrent.value_or(0)).arg(*row.target) : row.request;
    QString text = QStringLiteral("[%1/%2] 第 %3 行 %4 %5 %6：%7")
                       .arg(position)
                       .arg(count)
                       .arg(row.line)
                       .arg(row.key.label(), BudgetChange::dimensionLabelZh(row.dimension), change,
                            BulkResults::outcomeLabel(row.outcome).zh);
    if (row.outcome != QLatin1String("applied") && !row.explanation.zh.isEmpty())
        text += QStringLiteral("（%1）").arg(clean(row.explanation.zh));
    if (row.auditId)
        text += QStringLiteral(" 审计记录 #%1").arg(row.auditId);
    return text;
}

// 0 all applied; 4 any row invalid (refused in the file, blocked, or changed since the preview);
// else the worst of 2 (rejected), 3 (unknown, not applied, not finished) and 6 (network).
// With --dry-run, rows still planned are the ones that would be sent: fine.
int exitCodeOf(const BulkJournal &journal, bool refusedLines, bool dryRun = false)
{
    int worst = ExitApplied;
    bool invalid = refusedLines;
    for (const BulkJournalRow &row : journal.rows) {
        if (row.state != BulkJournalRow::State::Settled) {
            if (!dryRun)
                worst = std::max(worst, int(ExitUnknown));
        } else if (row.outcome == QLatin1String("skipped")) {
            invalid = invalid || row.code != QLatin1String("UNCHANGED");
        } else if (row.outcome == QLatin1String("rejected")) {
            worst = std::max(worst, int(ExitRejected));
        } else if (row.outcome != QLatin1String("applied")) {
            worst = std::max(worst, row.network ? int(ExitNetwork) : int(ExitUnknown));
        }
    }
    return invalid ? ExitInvalidInput : worst;
}

void printSummary(const CliOptions &options, const QString &runId, const BulkSummary &summary, const QString &results)
{
    if (options.json) {
        printJson({{QStringLiteral("run_id"), runId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(runId)},
                   {QStringLiteral("rows"), summary.rows},
                   {QStringLiteral("applied"), summary.applied},
                   {QStringLiteral("not_applied"), summary.notApplied},
                   {QStringLiteral("unknown"), summary.unknown + summary.pending},
                   {QStringLiteral("rejected"), summary.rejected},
                   {QStringLiteral("skipped"), summary.skipped}});
        return;
    }
    out(QStringLiteral("批量修改 %1：共 %2 行，已生效 %3，未生效 %4，无法确认 %5，被拒绝 %6，已跳过 %7%8")
            .arg(runId.isEmpty() ? QStringLiteral("（预览）") : runId)
            .arg(summary.rows)
            .arg(summary.applied)
            .arg(summary.notApplied)
            .arg(summary.unknown + summary.pending)
            .arg(summary.rejected)
            .arg(summary.skipped)
            .arg(summary.pending
                     ? QStringLiteral("（%1 行未完成：apply … --resume %2 继续）").arg(summary.pending).arg(runId)
                     : QString()));
    if (!results.isEmpty())
        out(QStringLiteral("结果已写入 %1").arg(QDir::toNativeSeparators(results)));
}

// The dry run's rows: what would be sent, and every reason a row would not be.
int printPreview(const CliOptions &options, const BulkSheet &sheet, const QList<BulkCheck> &checks)
{
    BulkJournal shown = BulkJournal::plan(checks, {}, options.applyFile, {});
    for (BulkJournalRow &row : shown.rows) {
        if (row.state == BulkJournalRow::State::Planned)
            row.requestNumber.clear(); // generated when the run is made, not now
    }
    const QList<BulkResults::Line> lines = BulkResults::lines(shown, sheet.problems());
    for (const BulkResults::Line &line : lines) {
        QJsonObject json = rowJson(line);
        if (line.row && line.row->state == BulkJournalRow::State::Planned)
            json.insert(QStringLiteral("outcome"), QStringLiteral("ready"));
        else if (line.row && line.row->outcome == QLatin1String("not_applied"))
            json.insert(QStringLiteral("outcome"), QStringLiteral("skipped")); // a dry run applies nothing
        if (options.json)
            printJson(json);
        else if (line.row)
            out(QStringLiteral("第 %1 行 %2 %3 %4 → %5：%6")
                    .arg(line.line)
                    .arg(line.row->key.label(), BudgetChange::dimensionLabelZh(line.row->dimension),
                         line.row->previewCurrent ? QString::number(*line.row->previewCurrent) : QStringLiteral("—"),
                         line.row->target ? QString::number(*line.row->target) : QStringLiteral("—"),
                         line.row->state == BulkJournalRow::State::Planned ? QStringLiteral("可发送")
                                                                           : clean(line.row->explanation.zh)));
        else
            out(QStringLiteral("第 %1 行：%2").arg(line.line).arg(clean(line.problem.zh)));
    }
    const BulkTotals totals = BulkTotals::of(checks);
    if (!options.json)
        out(QStringLiteral(
                "预览：可发送 %1 行，不能发送 %2 行（另有 %3 行格式错误），无需修改 %4 行；共增加 %5 张、减少 %6 张")
                .arg(totals.ready)
                .arg(totals.blocked)
                .arg(sheet.problems().size())
                .arg(totals.unchanged)
                .arg(totals.added)
                .arg(totals.removed));
    else
        printSummary(options, {}, BulkSummary::of(shown), {});
    return exitCodeOf(shown, !sheet.problems().isEmpty(), true);
}

} // namespace

int runApply(const CliContext &context)
{
    const CliOptions &options = context.options;
    auto opened = openSession(context);
    if (!opened)
        return opened.error();
    ProfileSession &session = **opened;
    const QString folder = context.data.bulkRunsDirectory();
    LookupPacer pacer(options.ratePerSecond);
    QEventLoop loop;

    BulkJournal journal;
    BulkSheet sheet;
    if (!options.resumeRunId.isEmpty()) {
        if (!BulkJournal::isValidRunId(options.resumeRunId))
            return fail(options, ExitInvalidInput,
                        {QStringLiteral("“%1”不是批量修改编号（形如 20261204-093012-7f3a）").arg(options.resumeRunId),
                         QStringLiteral("'%1' is not a run ID (like 20261204-093012-7f3a)").arg(options.resumeRunId)},
                        "invalid");
        auto loaded = BulkJournal::load(BulkJournal::pathFor(folder, options.resumeRunId));
        if (!loaded)
            return fail(options, ExitInvalidInput, loaded.error(), "invalid");
        journal = std::move(loaded).value();
        if (journal.profile != session.profile().name)
            return fail(
                options, ExitInvalidInput,
                {QStringLiteral("这次批量修改属于配置“%1”，请用 --profile %1 继续").arg(journal.profile),
                 QStringLiteral("That run belongs to profile '%1': resume it with --profile %1").arg(journal.profile)},
                "invalid");
    } else {
        auto read = BulkSheet::load(options.applyFile);
        if (!read)
            return fail(options, ExitInvalidInput, read.error(), "invalid");
        sheet = std::move(read).value();
        QString brand;
        if (!session.profile().isBrand()
            && std::any_of(sheet.rows().cbegin(), sheet.rows().cend(),
                           [](const BulkRow &row) { return row.key.isProductCoupon(); })) {
            const auto chosen = CliConnection::brandFor(options, session.profile());
            if (!chosen)
                return fail(options, ExitInvalidInput, chosen.error(), "invalid");
            brand = *chosen;
        }
        BulkPreview preview(session.client(), pacer, sheet.rows(), brand, session.profile().callerId());
        QObject::connect(&preview, &BulkPreview::finished, &loop, &QEventLoop::quit);
        preview.start();
        if (!sheet.rows().isEmpty())
            loop.exec();
        if (options.dryRun)
            return printPreview(options, sheet, preview.checks());
        journal = BulkJournal::plan(preview.checks(), session.profile().name, options.applyFile, brand);
    }
    const QString journalPath = BulkJournal::pathFor(folder, journal.runId);
    // Before anything is sent: every row, its request number and the run's ID on disk.
    if (const auto problem = journal.save(journalPath))
        return fail(options, ExitConfiguration, *problem, "configuration_error");

    auto log = AuditLog::open(context.data.auditDatabase());
    if (!log)
        return fail(options, ExitConfiguration, log.error().text(), "configuration_error");
    AuditTrail trail(**log, session.profile().name, session.profile().callerId(), QStringLiteral("cli"),
                     session.profile().operatorName);
    if (!options.json)
        out(QStringLiteral("批量修改 %1：%2 行，每秒至多 %3 行；记录 %4")
                .arg(journal.runId)
                .arg(journal.rows.size())
                .arg(options.ratePerSecond)
                .arg(QDir::toNativeSeparators(journalPath)));
    std::fflush(stdout);
    BulkRun run(session.client(), trail, pacer, journal, journalPath, session.profile().callerId());
    int settled = 0;
    QObject::connect(&run, &BulkRun::rowSettled, &loop, [&](int index) {
        ++settled;
        if (!options.json) {
            out(rowText(run.journal().rows.at(index), settled, int(run.journal().rows.size())));
            std::fflush(stdout); // progress, as it happens, even into a pipe or a log file
        }
    });
    QObject::connect(&run, &BulkRun::journalFailed, &loop, [&](const BilingualText &why) { warn(why); });
    QObject::connect(&run, &BulkRun::finished, &loop, &QEventLoop::quit);
    // Ctrl+C is 停止: the row in flight ends as it would, the rest stay in the journal for
    // --resume, and the summary and results are still written. A second Ctrl+C quits at once.
    StopRequests interrupts(StopRequests::Repeat::Kills);
    QObject::connect(&interrupts, &StopRequests::requested, &run, [&] {
        warn({QStringLiteral("正在停止：当前这一行完成后停下，其余行留待 --resume %1 继续（再按一次 Ctrl+C 立即退出）")
                  .arg(journal.runId),
              QStringLiteral("Stopping after the row in flight; the rest wait for --resume %1 (Ctrl+C again quits "
                             "at once)")
                  .arg(journal.runId)});
        run.cancel();
    });
    run.start();
    loop.exec();

    const QString results = options.resultsFile.isEmpty() ? BulkResults::pathBeside(options.applyFile, journal.runId)
                                                          : options.resultsFile;
    QSaveFile file(results);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(BulkResults::csv(run.journal(), sheet.problems(), Language::Chinese)) < 0 || !file.commit())
        warn({QStringLiteral("结果文件未能写入：%1").arg(QDir::toNativeSeparators(results)),
              QStringLiteral("The results file could not be written: %1").arg(QDir::toNativeSeparators(results))});
    if (options.json) {
        for (const BulkResults::Line &line : BulkResults::lines(run.journal(), sheet.problems()))
            printJson(rowJson(line));
    }
    printSummary(options, journal.runId, BulkSummary::of(run.journal()), results);
    return exitCodeOf(run.journal(), !sheet.problems().isEmpty());
}

} // namespace budgetdesk::cli
