// The CSV export for finance, read back cell by cell with a reader of its own.
#include "audit/AuditCsv.h"
#include "audit/AuditEntryText.h"

#include "CsvReader.h"

#include <QRegularExpression>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;
using C = AuditCsv::Column;

namespace {

const QTimeZone Shanghai(8 * 3600); // a fixed offset: the test does not depend on the machine's zone

AuditEntry entry(qint64 id, const QString &stockId, qint64 current, qint64 target, const QString &requestNumber)
{
    AuditEntry e;
    e.id = id;
    e.time = QDateTime(QDate(2026, 12, 3), QTime(13, 50, 7), Qt::UTC);
    e.change.profile = QStringLiteral("门店A");
    e.change.mchid = QStringLiteral("1900000109");
    e.change.stockId = stockId;
    e.change.current = current;
    e.change.target = target;
    e.change.requestNumber = requestNumber;
    e.change.osUser = QStringLiteral("zhangsan");
    e.change.operatorName = QStringLiteral("张三");
    e.change.stockName = QStringLiteral("双十二满100减20");
    e.change.source = QStringLiteral("window");
    return e;
}

// Refused by WeChat Pay: the current value was stale.
AuditEntry refused()
{
    AuditEntry e
        = entry(7, QStringLiteral("1212000000000002"), 20000, 21000, QStringLiteral("20261203215007000000000042"));
    AuditCompletion done;
    done.outcome = QStringLiteral("rejected");
    done.httpStatus = 403;
    done.code = QStringLiteral("RULE_LIMIT");
    done.message = QStringLiteral("批次库存的当前值错误,请获取批次详情查看最新值");
    done.requestId = "08F2A1B3C4D5-1212000000";
    done.verified = true;
    done.domain = QStringLiteral("https://api.mch.weixin.qq.com");
    done.durationMs = 412;
    e.completion = done;
    return e;
}

AuditEntry applied()
{
    AuditEntry e = entry(8, QStringLiteral("1212000000000001"), 5000, 6000, QStringLiteral("req-8"));
    e.change.dimension = BudgetDimension::PerDay;
    e.change.operatorName.clear(); // a profile without 操作人
    e.change.stockName.clear(); // written before names were recorded
    AuditCompletion done;
    done.outcome = QStringLiteral("applied");
    done.verified = true;
    done.requestId = "0A1B";
    e.completion = done;
    return e;
}

AuditEntry pending()
{
    return entry(9, QStringLiteral("1212000000000003"), 100, 200, QStringLiteral("req-9"));
}

AuditEntry lostThenNotApplied()
{
    AuditEntry e = entry(10, QStringLiteral("1212000000000004"), 300, 400, QStringLiteral("req-10"));
    AuditCompletion done;
    done.outcome = QStringLiteral("unknown");
    done.code = QStringLiteral("timeout_after_sending");
    done.message = QStringLiteral("no answer within 15000 ms");
    e.completion = done;
    AuditReconciliation later;
    later.outcome = QStringLiteral("not_applied");
    later.observed = 300;
    later.note = QStringLiteral("settled by entry #11");
    e.reconciliation = later;
    return e;
}

QList<QStringList> parse(const QByteArray &csv)
{
    if (!csv.startsWith("\xEF\xBB\xBF"))
        return {};
    return readCsv(QString::fromUtf8(csv.mid(3)));
}

} // namespace

class TestAuditCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chineseHeadersAndLabels();
    void englishHeadersAndLabels();
    void idsStayTextInExcel();
    void localTimeWithItsOffset();
    void formulasAndQuotesAreNeutralised();
    void networkFailuresAreExplained();
};

void TestAuditCsv::chineseHeadersAndLabels()
{
    const QByteArray csv
        = AuditCsv::write({refused(), applied(), pending(), lostThenNotApplied()}, {Language::Chinese, Shanghai});
    QVERIFY(csv.startsWith("\xEF\xBB\xBF")); // Excel reads the Chinese as UTF-8
    QVERIFY(csv.endsWith("\r\n"));
    const QList<QStringList> rows = parse(csv);
    QCOMPARE(rows.size(), 5);
    for (const QStringList &row : rows)
        QCOMPARE(row.size(), int(C::ColumnCount));
    const QStringList &header = rows[0];
    QCOMPARE(header[C::EntryId], QStringLiteral("记录编号"));
    QCOMPARE(header[C::Time], QStringLiteral("时间"));
    QCOMPARE(header[C::StockId], QStringLiteral("批次号"));
    QCOMPARE(header[C::StockName], QStringLiteral("批次名称"));
    QCOMPARE(header[C::RequestNumber], QStringLiteral("请求单号"));
    QCOMPARE(header[C::Outcome], QStringLiteral("结果"));
    QCOMPARE(header[C::Explanation], QStringLiteral("说明"));
    QCOMPARE(header[C::Detail], QStringLiteral("详情"));
    QCOMPARE(header[C::Operator], QStringLiteral("操作人"));
    QCOMPARE(header[C::OsAccount], QStringLiteral("系统账户"));

    const QStringList &r = rows[1];
    QCOMPARE(r[C::EntryId], QStringLiteral("=\"7\""));
    QCOMPARE(r[C::Time], QStringLiteral("2026-12-03 21:50:07 +08:00"));
    QCOMPARE(r[C::Profile], QStringLiteral("门店A"));
    QCOMPARE(r[C::Merchant], QStringLiteral("=\"1900000109\""));
    QCOMPARE(r[C::StockId], QStringLiteral("=\"1212000000000002\""));
    QCOMPARE(r[C::StockName], QStringLiteral("双十二满100减20"));
    QCOMPARE(r[C::Dimension], QStringLiteral("批次总量"));
    QCOMPARE(r[C::Current], QStringLiteral("20000"));
    QCOMPARE(r[C::Target], QStringLiteral("21000"));
    QCOMPARE(r[C::RequestNumber], QStringLiteral("=\"20261203215007000000000042\""));
    QCOMPARE(r[C::Outcome], QStringLiteral("被拒绝"));
    QCOMPARE(r[C::ErrorName], QStringLiteral("提交的“当前值”与批次现在的预算不一致"));
    QCOMPARE(r[C::ErrorCode], QStringLiteral("RULE_LIMIT"));
    QCOMPARE(r[C::HttpStatus], QStringLiteral("403"));
    QVERIFY2(r[C::Explanation].contains(QStringLiteral("重新查询批次")), qPrintable(r[C::Explanation]));
    QCOMPARE(r[C::Detail], QStringLiteral("批次库存的当前值错误,请获取批次详情查看最新值")); // WeChat Pay's words
    QCOMPARE(r[C::RequestId], QStringLiteral("=\"08F2A1B3C4D5-1212000000\""));
    QCOMPARE(r[C::Verified], QStringLiteral("是"));
    QCOMPARE(r[C::OsAccount], QStringLiteral("zhangsan"));
    QCOMPARE(r[C::Operator], QStringLiteral("张三"));
    QCOMPARE(r[C::Source], QStringLiteral("window"));
    QCOMPARE(r[C::DurationMs], QStringLiteral("412"));

    QCOMPARE(rows[2][C::Outcome], QStringLiteral("已生效"));
    QCOMPARE(rows[2][C::Dimension], QStringLiteral("单日上限"));
    QCOMPARE(rows[2][C::StockName], QString()); // an old entry: blank, not invented
    QCOMPARE(rows[2][C::Operator], QString());
    QCOMPARE(rows[2][C::ErrorName], QString());
    QCOMPARE(rows[2][C::Explanation], QString());
    QCOMPARE(rows[3][C::Outcome], QStringLiteral("无法确认")); // pending
    QCOMPARE(rows[3][C::Verified], QString()); // no outcome yet: neither yes nor no
    QCOMPARE(rows[4][C::Outcome], QStringLiteral("未生效")); // settled later by a lookup
    QCOMPARE(rows[4][C::Observed], QStringLiteral("300"));
    QVERIFY(rows[4][C::Reconciliation].startsWith(QStringLiteral("未生效")));
    QVERIFY(rows[4][C::Reconciliation].contains(QStringLiteral("#11")));
}

void TestAuditCsv::englishHeadersAndLabels()
{
    const QList<QStringList> rows = parse(
        AuditCsv::write({refused(), applied(), pending(), lostThenNotApplied()}, {Language::English, Shanghai}));
    QCOMPARE(rows.size(), 5);
    QCOMPARE(rows[0], AuditCsv::headers(Language::English));
    QCOMPARE(rows[0][C::EntryId], QStringLiteral("Entry ID"));
    QCOMPARE(rows[0][C::Operator], QStringLiteral("Operator"));
    QCOMPARE(rows[1][C::Outcome], QStringLiteral("Rejected"));
    QCOMPARE(rows[1][C::Dimension], QStringLiteral("Batch total"));
    QCOMPARE(rows[1][C::Verified], QStringLiteral("yes"));
    QVERIFY2(rows[1][C::Explanation].startsWith(QStringLiteral("The current value sent differs")),
             qPrintable(rows[1][C::Explanation]));
    QCOMPARE(rows[1][C::ErrorName], QStringLiteral("The current value sent differs from the batch's budget now"));
    QCOMPARE(rows[2][C::Outcome], QStringLiteral("Applied"));
    QCOMPARE(rows[2][C::Dimension], QStringLiteral("Per-day cap"));
    QCOMPARE(rows[3][C::Outcome], QStringLiteral("Unconfirmed"));
    QCOMPARE(rows[4][C::Outcome], QStringLiteral("Not applied"));
}

// Excel turns a bare 1212000000000002 into 1.212E+15 and loses the last digits for good; the
// ="…" form is shown as the text inside.
void TestAuditCsv::idsStayTextInExcel()
{
    const QByteArray csv = AuditCsv::write({refused()}, {Language::Chinese, Shanghai});
    QVERIFY(csv.contains("\"=\"\"1212000000000002\"\"\""));
    QVERIFY(!csv.contains(",1212000000000002,"));
    QCOMPARE(AuditCsv::idCell(QStringLiteral("1212000000000002")), QStringLiteral("=\"1212000000000002\""));
    QCOMPARE(AuditCsv::idCell(QStringLiteral("a_b-c.9")), QStringLiteral("=\"a_b-c.9\""));
    // Anything else is no safe string literal: not wrapped, but neutralised as any text.
    QCOMPARE(AuditCsv::idCell(QStringLiteral("=1+1\")&HYPERLINK(\"x")), QStringLiteral("'=1+1\")&HYPERLINK(\"x"));
    QCOMPARE(AuditCsv::idCell(QStringLiteral("12 34")), QStringLiteral("12 34"));
}

void TestAuditCsv::localTimeWithItsOffset()
{
    const QDateTime time(QDate(2026, 12, 3), QTime(13, 50, 7), Qt::UTC);
    QCOMPARE(AuditEntryText::localTime(time, Shanghai), QStringLiteral("2026-12-03 21:50:07 +08:00"));
    QCOMPARE(AuditEntryText::localTime(time, QTimeZone(-5 * 3600)), QStringLiteral("2026-12-03 08:50:07 -05:00"));
    QCOMPARE(AuditEntryText::localTime(time, QTimeZone(5 * 3600 + 1800)), QStringLiteral("2026-12-03 19:20:07 +05:30"));
    QCOMPARE(AuditEntryText::localTime(time, QTimeZone(0)), QStringLiteral("2026-12-03 13:50:07 +00:00"));
    // The machine's own zone by default, with whatever offset it has.
    const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d\\d:\\d\\d$"));
    QVERIFY(shape.match(AuditEntryText::localTime(time)).hasMatch());
    const QList<QStringList> rows = parse(AuditCsv::write({pending()}, {Language::English, QTimeZone(-5 * 3600)}));
    QCOMPARE(rows[1][C::Time], QStringLiteral("2026-12-03 08:50:07 -05:00"));
}

void TestAuditCsv::formulasAndQuotesAreNeutralised()
{
    AuditEntry tricky = refused();
    tricky.change.profile = QStringLiteral("=HYPERLINK(\"http://x\",\"y\")");
    tricky.change.stockName = QStringLiteral("门店A, \"旗舰\"\n第二行");
    tricky.change.operatorName = QStringLiteral("@SUM(A1)");
    tricky.change.osUser = QStringLiteral("+1");
    tricky.change.requestNumber = QStringLiteral("-1+1"); // not a real one, but never a formula
    const QList<QStringList> rows = parse(AuditCsv::write({tricky}, {Language::Chinese, Shanghai}));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[1][C::Profile], QStringLiteral("'=HYPERLINK(\"http://x\",\"y\")"));
    QCOMPARE(rows[1][C::StockName], QStringLiteral("门店A, \"旗舰\"\n第二行")); // quoted, whole
    QCOMPARE(rows[1][C::Operator], QStringLiteral("'@SUM(A1)"));
    QCOMPARE(rows[1][C::OsAccount], QStringLiteral("'+1"));
    QCOMPARE(rows[1][C::RequestNumber], QStringLiteral("'-1+1")); // '+' is no ID character: plain text
    for (const QString &start : {QStringLiteral("\t=1"), QStringLiteral("\r=1"), QStringLiteral("-2")}) {
        AuditEntry cell = pending();
        cell.change.profile = start;
        QCOMPARE(parse(AuditCsv::write({cell}, {Language::English, Shanghai}))[1][C::Profile], u'\'' + start);
    }
}

void TestAuditCsv::networkFailuresAreExplained()
{
    const QList<QStringList> zh = parse(AuditCsv::write({lostThenNotApplied()}, {Language::Chinese, Shanghai}));
    QCOMPARE(zh[1][C::ErrorName], QStringLiteral("应答超时"));
    QCOMPARE(zh[1][C::ErrorCode], QStringLiteral("timeout_after_sending"));
    QVERIFY2(zh[1][C::Explanation].contains(QStringLiteral("超时前没有收到应答")), qPrintable(zh[1][C::Explanation]));
    QCOMPARE(zh[1][C::Detail], QStringLiteral("no answer within 15000 ms"));
    const QList<QStringList> en = parse(AuditCsv::write({lostThenNotApplied()}, {Language::English, Shanghai}));
    QCOMPARE(en[1][C::ErrorName], QStringLiteral("No answer in time"));
    QVERIFY(en[1][C::Explanation].contains(QStringLiteral("no answer came before the timeout")));
}

QTEST_GUILESS_MAIN(TestAuditCsv)
#include "TestAuditCsv.moc"
