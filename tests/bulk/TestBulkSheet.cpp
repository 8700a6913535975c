// Reading a bulk change file (issue 16): encodings as spreadsheets save them, English and
// Chinese headers, tab-separated paste, every kind of bad line with its line number, duplicates,
// and the delta and percentage arithmetic with its rounding.
#include "bulk/BulkSheet.h"

#include <QTest>

using namespace budgetdesk;

namespace {

BulkSheet readOk(const QByteArray &bytes)
{
    auto sheet = BulkSheet::read(bytes);
    if (!sheet)
        qWarning("%s", qPrintable(sheet.error().en));
    return sheet ? *sheet : BulkSheet();
}

QList<int> problemLines(const BulkSheet &sheet)
{
    QList<int> lines;
    for (const BulkLineProblem &problem : sheet.problems())
        lines << problem.line;
    return lines;
}

} // namespace

class TestBulkSheet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void utf8WithAndWithoutBom()
    {
        const QByteArray csv = "stock_id,product_coupon_id,dimension,target,request_no,note\r\n"
                               "1212000000000001,,total,8000,REQ-1,周末\r\n"
                               "1000000013001,1000000013,per_day,1200,,\r\n";
        for (const QByteArray &bytes : {csv, QByteArray("\xEF\xBB\xBF") + csv}) {
            const BulkSheet sheet = readOk(bytes);
            QCOMPARE(sheet.encoding(), QStringLiteral("UTF-8"));
            QCOMPARE(sheet.rows().size(), 2);
            QVERIFY(sheet.problems().isEmpty());
            const BulkRow &first = sheet.rows().at(0);
            QCOMPARE(first.line, 2);
            QCOMPARE(first.key.stockId, QStringLiteral("1212000000000001"));
            QVERIFY(!first.key.isProductCoupon());
            QCOMPARE(first.request.kind, BulkRequest::Kind::Target);
            QCOMPARE(first.request.value, 8000);
            QCOMPARE(first.requestNumber, QStringLiteral("REQ-1"));
            QCOMPARE(first.note, QStringLiteral("周末"));
            const BulkRow &second = sheet.rows().at(1);
            QVERIFY(second.key.isProductCoupon());
            QCOMPARE(second.key.productCouponId, QStringLiteral("1000000013"));
            QCOMPARE(second.dimension, BudgetDimension::PerDay);
        }
    }

    // What Excel saves as "CSV (逗号分隔)" on a Chinese Windows: GB18030, Chinese headers. The
    // bytes were written by Python's gb18030 codec, not by the decoder under test.
    void gb18030AsExcelSavesIt()
    {
        const QByteArray bytes(
            "\xC5\xFA\xB4\xCE\xBA\xC5\x2C\xCE\xAC\xB6\xC8\x2C\xD4\xF6\xBC\xF5\x2C\xB1\xB8\xD7\xA2\x0D\x0A"
            "\x31\x32\x31\x32\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x31\x2C\xB5\xA5\xC8\xD5\xC9"
            "\xCF\xCF\xDE\x2C\x2B\x31\x30\x25\x2C\xD6\xDC\xC4\xA9\xBC\xD3\xC1\xBF\x0D\x0A");
        const BulkSheet sheet = readOk(bytes);
        QCOMPARE(sheet.encoding(), QStringLiteral("GB18030"));
        QCOMPARE(sheet.rows().size(), 1);
        QCOMPARE(sheet.rows().first().dimension, BudgetDimension::PerDay);
        QCOMPARE(sheet.rows().first().request.kind, BulkRequest::Kind::Percent);
        QCOMPARE(sheet.rows().first().request.value, 1000);
        QCOMPARE(sheet.rows().first().note, QStringLiteral("周末加量"));
    }

    // Excel's "Unicode text": UTF-16 with a BOM, tab-separated.
    void utf16TabSeparated()
    {
        const QString text = QStringLiteral("批次号\t维度\t目标值\r\n1212000000000001\t批次总量\t9000\r\n");
        QByteArray bytes("\xFF\xFE");
        for (QChar c : text)
            bytes.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        const BulkSheet sheet = readOk(bytes);
        QCOMPARE(sheet.encoding(), QStringLiteral("UTF-16"));
        QCOMPARE(sheet.rows().size(), 1);
        QCOMPARE(sheet.rows().first().request.value, 9000);
    }

    // Pasted from Excel: tabs, Chinese headers, IDs forced to text, a column we do not know.
    void pastedFromExcel()
    {
        const BulkSheet sheet = readOk("批次号\t商品券ID\t维度\t停止发放\t负责人\n"
                                       "=\"1212000000000002\"\t\t批次总量\t是\t张三\n"
                                       "'1000000013002\t1000000013\t\tyes\t李四\n\n\n");
        QCOMPARE(sheet.rows().size(), 2);
        QCOMPARE(sheet.rows().at(0).key.stockId, QStringLiteral("1212000000000002"));
        QCOMPARE(sheet.rows().at(0).request.kind, BulkRequest::Kind::Stop);
        QCOMPARE(sheet.rows().at(1).key.stockId, QStringLiteral("1000000013002"));
        QCOMPARE(sheet.rows().at(1).dimension, BudgetDimension::Total); // stop: the total
        QCOMPARE(sheet.ignoredColumns(), QStringList{QStringLiteral("负责人")});
    }

    // Every bad row is named by its line (a quoted line break counts), the good ones stand.
    void badLinesAreNamed()
    {
        const BulkSheet sheet = readOk("stock_id,product_coupon_id,dimension,target,delta,stop,note\n"
                                       ",,total,100,,,\n" // 2: no ID
                                       "1.212E+15,,total,100,,,\n" // 3: Excel's notation
                                       "1212000000000003,,total,100,+5,,\n" // 4: two kinds
                                       "1212000000000004,,total,,5k,,\n" // 5: bad delta
                                       "1212000000000005,,weekly,100,,,\n" // 6: bad dimension
                                       "1212000000000006,,per_day,,,yes,\n" // 7: stop per day
                                       "1212000000000007,,total,10.5,,,\n" // 8: fraction
                                       "1212000000000008,,total,100,,,\"two\nlines\"\n" // 9–10: fine
                                       "12/34,,total,100,,,\n" // 11: bad ID
                                       "1212000000000009,,total,,+5.5,,\n" // 12: fraction
                                       "1212000000000010,,per_day,,-12.5%,,\n" // 13: fine
                                       "1212000000000011,,,,+10,,\n" // 14: no dimension
                                       "1212000000000012,,total,,,maybe,\n"); // 15: bad stop
        QCOMPARE(problemLines(sheet), (QList<int>{2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15}));
        QCOMPARE(sheet.rows().size(), 2);
        QCOMPARE(sheet.rows().at(0).line, 9);
        QCOMPARE(sheet.rows().at(0).note, QStringLiteral("two\nlines"));
        QCOMPARE(sheet.rows().at(1).line, 13);
        QCOMPARE(sheet.rows().at(1).request.value, -1250);
        for (const BulkLineProblem &problem : sheet.problems())
            QVERIFY(!problem.why.zh.isEmpty() && !problem.why.en.isEmpty());
        QVERIFY(sheet.problems().at(1).why.zh.contains(QStringLiteral("科学计数法")));
    }

    // The same batch and dimension twice, or one request number twice: all of them refused.
    void duplicatesAreRefused()
    {
        const BulkSheet sheet = readOk("stock_id,dimension,target,request_no\n"
                                       "1212000000000001,total,100,\n"
                                       "1212000000000001,per_day,10,\n"
                                       "1212000000000001,total,200,\n"
                                       "1212000000000002,total,100,A1\n"
                                       "1212000000000003,total,100,A1\n");
        QCOMPARE(problemLines(sheet), (QList<int>{2, 4, 5, 6}));
        QCOMPARE(sheet.rows().size(), 1);
        QCOMPARE(sheet.rows().first().line, 3);
        QVERIFY(sheet.problems().first().why.en.contains(QStringLiteral("line 4")));
    }

    void wholeFileErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no stock_id") << QByteArray("id,target\n1,2\n");
        QTest::newRow("no target, delta or stop") << QByteArray("stock_id,dimension\n1,total\n");
        QTest::newRow("a column twice") << QByteArray("stock_id,target,目标值\n1,2,3\n");
        QTest::newRow("too big") << QByteArray(BulkSheet::MaximumFileBytes + 1, 'a');
        QByteArray many("stock_id,dimension,target\n");
        for (int i = 0; i <= BulkSheet::MaximumRows; ++i)
            many += QByteArray::number(1212000000000000LL + i) + ",total,1\n";
        QTest::newRow("too many rows") << many;
    }

    void wholeFileErrors()
    {
        QFETCH(QByteArray, bytes);
        const auto sheet = BulkSheet::read(bytes);
        QVERIFY(!sheet);
        QVERIFY(!sheet.error().zh.isEmpty() && !sheet.error().en.isEmpty());
    }

    // The README's example file reads as it says: five rows, one of each kind.
    void exampleFileReads()
    {
        const auto sheet = BulkSheet::load(QStringLiteral(BULK_EXAMPLE));
        QVERIFY(sheet);
        QVERIFY(sheet->problems().isEmpty());
        QCOMPARE(sheet->rows().size(), 5);
        QCOMPARE(sheet->rows().at(1).request.kind, BulkRequest::Kind::Percent);
        QCOMPARE(sheet->rows().at(2).request.kind, BulkRequest::Kind::Target);
        QVERIFY(sheet->rows().at(3).key.isProductCoupon());
        QCOMPARE(sheet->rows().at(4).request.kind, BulkRequest::Kind::Stop);
    }

    // Percentages are of the current value, rounded to the nearest coupon, halves away from 0.
    void arithmetic()
    {
        using Kind = BulkRequest::Kind;
        QCOMPARE(BulkRequest({Kind::Target, 8000}).targetFrom(5000, 100), 8000);
        QCOMPARE(BulkRequest({Kind::Delta, 5000}).targetFrom(5000, 100), 10000);
        QCOMPARE(BulkRequest({Kind::Delta, -6000}).targetFrom(5000, 100), std::nullopt); // below 0
        QCOMPARE(BulkRequest({Kind::Percent, 1000}).targetFrom(1005, 0), 1106); // +100.5 → +101
        QCOMPARE(BulkRequest({Kind::Percent, -1000}).targetFrom(1005, 0), 904); // −100.5 → −101
        QCOMPARE(BulkRequest({Kind::Percent, 1000}).targetFrom(1004, 0), 1104); // +100.4 → +100
        QCOMPARE(BulkRequest({Kind::Percent, 1250}).targetFrom(8000, 0), 9000);
        QCOMPARE(BulkRequest({Kind::Percent, -10000}).targetFrom(8000, 0), 0);
        QCOMPARE(BulkRequest({Kind::Stop, 0}).targetFrom(8000, 1234), 1234);
        QCOMPARE(BulkRequest({Kind::Percent, -1250}).text(), QStringLiteral("-12.50%"));
        QCOMPARE(BulkRequest({Kind::Percent, 1000}).text(), QStringLiteral("+10%"));
        QCOMPARE(BulkRequest({Kind::Delta, -20}).text(), QStringLiteral("-20"));
    }
};

QTEST_GUILESS_MAIN(TestBulkSheet)
#include "TestBulkSheet.moc"
