#include "bulk/BulkResults.h"

#include "audit/AuditCsv.h"
#include "audit/AuditEntryText.h"

#include <QDir>
#include <QFileInfo>

namespace budgetdesk {

QList<BulkResults::Line> BulkResults::lines(const BulkJournal &journal, const QList<BulkLineProblem> &refused)
{
    QList<Line> lines;
    for (const BulkJournalRow &row : journal.rows)
        lines.append({row.line, &row, {}});
    for (const BulkLineProblem &problem : refused)
        lines.append({problem.line, nullptr, problem.why});
    std::stable_sort(lines.begin(), lines.end(), [](const Line &a, const Line &b) { return a.line < b.line; });
    return lines;
}

BilingualText BulkResults::outcomeLabel(const QString &outcome)
{
    if (outcome == QLatin1String("skipped"))
        return {QStringLiteral("已跳过"), QStringLiteral("Skipped")};
    if (outcome.isEmpty())
        return {QStringLiteral("未发送"), QStringLiteral("Not sent")};
    return AuditEntryText::outcome(outcome); // as History names them
}

QByteArray BulkResults::csv(const BulkJournal &journal, const QList<BulkLineProblem> &refused, Language language)
{
    const bool zh = language == Language::Chinese;
    const char *const headers[][2] = {
        {"行号", "line"},           {"批次号", "stock_id"},   {"商品券ID", "product_coupon_id"},
        {"批次名称", "stock_name"}, {"修改项", "dimension"},  {"请求", "request"},
        {"修改前", "current"},      {"目标值", "target"},     {"结果", "outcome"},
        {"请求单号", "request_no"}, {"已验签", "verified"},   {"错误码", "code"},
        {"说明", "explanation"},    {"审计记录", "audit_id"}, {"时间", "time"},
        {"备注", "note"},
    };
    QStringList header;
    for (const auto &name : headers)
        header << AuditCsv::quoted(QString::fromUtf8(name[zh ? 0 : 1]));
    QStringList out{header.join(u',')};
    for (const Line &line : lines(journal, refused)) {
        QStringList cells;
        const BulkJournalRow *row = line.row;
        if (!row) {
            cells << QString::number(line.line) << QString() << QString() << QString() << QString() << QString()
                  << QString() << QString() << outcomeLabel(QStringLiteral("skipped")).in(language) << QString()
                  << QString() << QStringLiteral("INVALID") << AuditCsv::textCell(line.problem.in(language))
                  << QString() << QString() << QString();
        } else {
            cells << QString::number(row->line) << AuditCsv::idCell(row->key.stockId)
                  << (row->key.productCouponId.isEmpty() ? QString() : AuditCsv::idCell(row->key.productCouponId))
                  << AuditCsv::textCell(row->stockName)
                  << (zh ? BudgetChange::dimensionLabelZh(row->dimension)
                         : BudgetChange::dimensionField(row->dimension))
                  << AuditCsv::textCell(row->request)
                  << (row->previewCurrent ? QString::number(*row->previewCurrent) : QString())
                  << (row->target ? QString::number(*row->target) : QString())
                  << outcomeLabel(row->state == BulkJournalRow::State::Settled ? row->outcome : QString()).in(language)
                  << (row->requestNumber.isEmpty() ? QString() : AuditCsv::idCell(row->requestNumber))
                  << (row->verified ? (zh ? QStringLiteral("是") : QStringLiteral("yes")) : QString())
                  << AuditCsv::textCell(row->code) << AuditCsv::textCell(row->explanation.in(language))
                  << (row->auditId ? QString::number(row->auditId) : QString())
                  << (row->settledAt.isValid()
                          ? row->settledAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : QString())
                  << AuditCsv::textCell(row->note);
        }
        for (QString &cell : cells)
            cell = AuditCsv::quoted(cell);
        out << cells.join(u',');
    }
    return QByteArray("\xEF\xBB\xBF") + out.join(QStringLiteral("\r\n")).toUtf8() + "\r\n";
}

QString BulkResults::pathBeside(const QString &input, const QString &runId)
{
    const QFileInfo info(input);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".results-") + runId + QStringLiteral(".csv"));
}

} // namespace budgetdesk
