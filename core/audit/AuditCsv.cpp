#include "audit/AuditCsv.h"

#include "audit/AuditEntryText.h"

#include <QRegularExpression>

namespace budgetdesk {

namespace {

QString number(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : QString();
}

QString attemptsCell(const QList<AuditAttempt> &attempts)
{
    QStringList summaries;
    for (const AuditAttempt &attempt : attempts) {
        QString summary = attempt.summary();
        if (!attempt.requestId.isEmpty())
            summary += QStringLiteral(" Request-ID ") + QString::fromLatin1(attempt.requestId);
        summaries << summary;
    }
    return summaries.join(QStringLiteral("; "));
}

} // namespace

QString AuditCsv::idCell(const QString &id)
{
    // Excel reads a bare 1212000000000002 as a number and keeps 15 significant digits
    // (1.212E+15, the last digit lost for good once saved). A leading tab or apostrophe is
    // not honoured when a CSV is opened by double-click: the tab stays in the cell and the
    // apostrophe is shown. ="…" is: Excel evaluates it to the text inside, every digit kept.
    // It is a formula, so it is written only around IDs made of letters, digits, '-', '_'
    // and '.' — inside a string literal nothing of that can call a function or refer to a
    // cell; any other value goes through textCell's formula neutralising instead.
    static const QRegularExpression plain(QStringLiteral("^[0-9A-Za-z_.-]{1,128}$"));
    if (!plain.match(id).hasMatch())
        return textCell(id);
    return QStringLiteral("=\"%1\"").arg(id);
}

QString AuditCsv::quoted(QString value)
{
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n') || value.contains(u'\r')) {
        value.replace(u'"', QStringLiteral("\"\""));
        return u'"' + value + u'"';
    }
    return value;
}

QString AuditCsv::textCell(const QString &text)
{
    // Never a formula: a leading = + - @, TAB or CR would make Excel (or a macro) evaluate
    // the cell, so such text gets an apostrophe in front.
    if (!text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front()))
        return u'\'' + text;
    return text;
}

QStringList AuditCsv::headers(Language language)
{
    // One row per column, both languages side by side, so the two headers cannot drift apart.
    static const struct
    {
        const char *zh;
        const char *en;
    } Columns[] = {
        {"记录编号", "Entry ID"},
        {"时间", "Time"},
        {"配置", "Profile"},
        {"商户号", "Merchant ID"},
        {"批次号", "Batch ID"},
        {"批次名称", "Batch name"},
        {"修改项", "Dimension"},
        {"原值", "Current"},
        {"目标值", "Target"},
        {"请求单号", "Request number"},
        {"结果", "Outcome"},
        {"错误", "Error"},
        {"错误码", "Error code"},
        {"HTTP 状态", "HTTP status"},
        {"说明", "Explanation"},
        {"详情", "Detail"},
        {"Request-ID", "Request-ID"},
        {"已验签", "Verified"},
        {"核对", "Check"},
        {"核对所见值", "Value seen"},
        {"每次发送", "Attempts"},
        {"系统账户", "OS account"},
        {"操作人", "Operator"},
        {"来源", "Source"},
        {"域名", "Domain"},
        {"耗时（毫秒）", "Duration (ms)"},
    };
    QStringList names;
    for (const auto &column : Columns)
        names << QString::fromUtf8(language == Language::Chinese ? column.zh : column.en);
    return names;
}

QByteArray AuditCsv::write(const QList<AuditEntry> &entries, const Options &options)
{
    const Language language = options.language;
    const bool zh = language == Language::Chinese;
    QStringList lines;
    {
        QStringList header = headers(language);
        for (QString &cell : header)
            cell = quoted(textCell(cell));
        lines << header.join(u',');
    }
    for (const AuditEntry &entry : entries) {
        const AuditChange &c = entry.change;
        const AuditCompletion done = entry.completion.value_or(AuditCompletion{});
        const std::optional<qint64> observed = entry.reconciliation ? entry.reconciliation->observed : done.observed;
        QString reconciliation;
        if (entry.reconciliation)
            reconciliation = AuditEntryText::outcome(entry.reconciliation->outcome).in(language)
                + (entry.reconciliation->note.isEmpty() ? QString()
                                                        : QStringLiteral(": ") + entry.reconciliation->note);
        QStringList cells(ColumnCount);
        cells[EntryId] = idCell(QString::number(entry.id));
        cells[Time] = AuditEntryText::localTime(entry.time, options.zone);
        cells[Profile] = textCell(c.profile);
        cells[Merchant] = idCell(c.mchid);
        cells[StockId] = idCell(c.stockId);
        cells[StockName] = textCell(c.stockName);
        cells[Dimension] = AuditEntryText::dimension(c.dimension).in(language);
        cells[Current] = number(c.current);
        cells[Target] = QString::number(c.target);
        cells[RequestNumber] = idCell(c.requestNumber);
        cells[Outcome] = AuditEntryText::outcome(entry.effectiveOutcome()).in(language);
        cells[ErrorName] = textCell(AuditEntryText::errorName(done).in(language));
        cells[ErrorCode] = textCell(done.code);
        cells[HttpStatus] = done.httpStatus ? QString::number(done.httpStatus) : QString();
        cells[Explanation] = textCell(AuditEntryText::errorExplanation(done).in(language));
        cells[Detail] = textCell(done.message);
        cells[RequestId] = done.requestId.isEmpty() ? QString() : idCell(QString::fromLatin1(done.requestId));
        if (entry.completion)
            cells[Verified] = done.verified ? (zh ? QStringLiteral("是") : QStringLiteral("yes"))
                                            : (zh ? QStringLiteral("否") : QStringLiteral("no"));
        cells[Reconciliation] = textCell(reconciliation);
        cells[Observed] = number(observed);
        cells[Attempts] = textCell(attemptsCell(entry.attempts));
        cells[OsAccount] = textCell(c.osUser);
        cells[Operator] = textCell(c.operatorName);
        cells[Source] = textCell(c.source);
        cells[Domain] = textCell(done.domain);
        cells[DurationMs] = entry.completion ? QString::number(done.durationMs) : QString();
        for (QString &cell : cells)
            cell = quoted(cell);
        lines << cells.join(u',');
    }
    return "\xEF\xBB\xBF" + lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n";
}

} // namespace budgetdesk
