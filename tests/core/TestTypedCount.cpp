// parseTypedCount: counts as staff type or paste them, and nothing else.
#include "common/TypedCount.h"

#include <QTest>

using namespace budgetdesk;

class TestTypedCount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts_data();
    void counts();
};

void TestTypedCount::counts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("value"); // -1: not a count
    QTest::newRow("plain") << "15000" << qint64(15000);
    QTest::newRow("spaces around") << "  15000\t" << qint64(15000);
    QTest::newRow("comma groups") << "1,500,000" << qint64(1500000);
    QTest::newRow("full-width digits") << "１５０００" << qint64(15000);
    QTest::newRow("full-width comma") << "１５，０００" << qint64(15000);
    QTest::newRow("space groups") << "15 000" << qint64(15000);
    QTest::newRow("ideographic space groups") << "15　000" << qint64(15000);
    QTest::newRow("never clamped") << "2000000000" << qint64(2000000000);
    QTest::newRow("zero") << "0" << qint64(0);
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("letters") << "abc" << qint64(-1);
    QTest::newRow("sign") << "-5" << qint64(-1);
    QTest::newRow("plus") << "+5" << qint64(-1);
    QTest::newRow("decimal") << "15000.5" << qint64(-1);
    QTest::newRow("group of two") << "15,00" << qint64(-1);
    QTest::newRow("group of four") << "1,5000" << qint64(-1);
    QTest::newRow("leading group of four") << "1500,000" << qint64(-1);
    QTest::newRow("trailing comma") << "15," << qint64(-1);
    QTest::newRow("leading comma") << ",15" << qint64(-1);
    QTest::newRow("Arabic-Indic digits") << "١٥٠٠٠" << qint64(-1);
    QTest::newRow("19 digits") << "1234567890123456789" << qint64(-1);
    QTest::newRow("exponent") << "1e5" << qint64(-1);
}

void TestTypedCount::counts()
{
    QFETCH(QString, text);
    QFETCH(qint64, value);
    const std::optional<qint64> parsed = parseTypedCount(text);
    if (value < 0)
        QVERIFY2(!parsed.has_value(), qPrintable(text));
    else
        QCOMPARE(parsed, std::optional<qint64>(value));
}

QTEST_GUILESS_MAIN(TestTypedCount)
#include "TestTypedCount.moc"
