#include "busifavor/BudgetProblem.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace budgetdesk;

using Code = BudgetProblem::Code;
Q_DECLARE_METATYPE(Code)

namespace {

const QDateTime Now(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC);

StockDetails runningStock()
{
    StockDetails stock;
    stock.stockId = QStringLiteral("1212000000000001");
    stock.belongMerchant = QStringLiteral("1900000109");
    stock.stockState = QStringLiteral("RUNNING");
    stock.maxCoupons = 50000;
    stock.maxCouponsByDay = 5000;
    stock.totalSendNum = 12840;
    stock.todaySendNum = 326;
    stock.availableEndTime = Now.addDays(30);
    return stock;
}

QList<Code> codes(const QList<BudgetProblem> &problems)
{
    QList<Code> result;
    for (const BudgetProblem &problem : problems)
        result.append(problem.code());
    return result;
}

} // namespace

class TestBudgetProblem : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aGoodChangeHasNoProblem();
    void eachRule_data();
    void eachRule();
    void withoutALookupOnlyTheChangeItselfIsChecked();
    void requestNumbers_data();
    void requestNumbers();
    void everyTextIsBilingual();
};

void TestBudgetProblem::aGoodChangeHasNoProblem()
{
    const BudgetChange change{QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, 50000,
                              QStringLiteral("n-1")};
    QVERIFY(validateBudgetChange(change, runningStock(), Now, QStringLiteral("1900000109")).isEmpty());
    // Down to exactly the issued count is allowed: that stops issuing.
    BudgetChange stop = change;
    stop.target = 12840;
    QVERIFY(validateBudgetChange(stop, runningStock(), Now, QStringLiteral("1900000109")).isEmpty());
}

void TestBudgetProblem::eachRule_data()
{
    QTest::addColumn<int>("dimension");
    QTest::addColumn<qint64>("target");
    QTest::addColumn<qint64>("current");
    QTest::addColumn<QString>("stockId");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("endInDays");
    QTest::addColumn<bool>("dailyCap");
    QTest::addColumn<Code>("expected");
    QTest::addColumn<bool>("blocking");
    const QString id = QStringLiteral("1212000000000001");
    QTest::newRow("target 0") << 0 << qint64(0) << qint64(50000) << id << "RUNNING" << 30 << true
                              << Code::TargetOutOfRange << true;
    QTest::newRow("target 10^9+1") << 0 << qint64(1000000001) << qint64(50000) << id << "RUNNING" << 30 << true
                                   << Code::TargetOutOfRange << true;
    QTest::newRow("below issued") << 0 << qint64(12839) << qint64(50000) << id << "RUNNING" << 30 << true
                                  << Code::TargetBelowIssued << true;
    QTest::newRow("unchanged") << 0 << qint64(50000) << qint64(50000) << id << "RUNNING" << 30 << true
                               << Code::TargetUnchanged << true;
    QTest::newRow("stock id 21 characters") << 0 << qint64(60000) << qint64(50000) << QString(21, u'1') << "RUNNING"
                                            << 30 << true << Code::StockIdInvalid << true;
    QTest::newRow("paused") << 0 << qint64(60000) << qint64(50000) << id << "PAUSED" << 30 << true
                            << Code::BatchNotRunning << true;
    QTest::newRow("stopped") << 0 << qint64(60000) << qint64(50000) << id << "STOPED" << 30 << true
                             << Code::BatchNotRunning << true;
    QTest::newRow("past end time") << 0 << qint64(60000) << qint64(50000) << id << "RUNNING" << -1 << true
                                   << Code::BatchExpired << true;
    QTest::newRow("no daily cap") << 1 << qint64(600) << qint64(0) << id << "RUNNING" << 30 << false << Code::NoDailyCap
                                  << true;
    QTest::newRow("daily below today's issued")
        << 1 << qint64(300) << qint64(5000) << id << "RUNNING" << 30 << true << Code::DailyBelowIssuedToday << false;
}

void TestBudgetProblem::eachRule()
{
    QFETCH(int, dimension);
    QFETCH(qint64, target);
    QFETCH(qint64, current);
    QFETCH(QString, stockId);
    QFETCH(QString, state);
    QFETCH(int, endInDays);
    QFETCH(bool, dailyCap);
    QFETCH(Code, expected);
    QFETCH(bool, blocking);
    StockDetails stock = runningStock();
    stock.stockState = state;
    stock.availableEndTime = Now.addDays(endInDays);
    if (!dailyCap)
        stock.maxCouponsByDay.reset();
    const BudgetChange change{stockId, BudgetDimension(dimension), target, current, QStringLiteral("n-1")};
    const QList<BudgetProblem> problems = validateBudgetChange(change, stock, Now, QStringLiteral("1900000109"));
    QCOMPARE(codes(problems), QList<Code>{expected});
    QCOMPARE(problems.first().isBlocking(), blocking);
    QCOMPARE(hasBlockingProblem(problems), blocking);
}

void TestBudgetProblem::withoutALookupOnlyTheChangeItselfIsChecked()
{
    const BudgetChange change{QStringLiteral("1"), BudgetDimension::Total, 100, 200, QStringLiteral("bad number!")};
    QCOMPARE(codes(validateBudgetChange(change, std::nullopt, Now, QStringLiteral("1"))),
             QList<Code>{Code::RequestNumberInvalid});
    StockDetails foreign = runningStock();
    foreign.belongMerchant = QStringLiteral("1900000999");
    foreign.uploadedCodeCount = 55000;
    const BudgetChange big{QStringLiteral("1"), BudgetDimension::Total, 60000, 50000, QStringLiteral("n")};
    const QList<BudgetProblem> warnings = validateBudgetChange(big, foreign, Now, QStringLiteral("1900000109"));
    QCOMPARE(codes(warnings), (QList<Code>{Code::OwnedByOtherMerchant, Code::AboveUploadedCodes}));
    QVERIFY(!hasBlockingProblem(warnings));
}

void TestBudgetProblem::requestNumbers_data()
{
    QTest::addColumn<QString>("number");
    QTest::addColumn<bool>("valid");
    QTest::newRow("official example") << "1002600620019090123143254436" << true;
    QTest::newRow("letters, underscore, hyphen") << "BD_2026-11-27_a" << true;
    QTest::newRow("128 characters") << QString(128, u'x') << true;
    QTest::newRow("129 characters") << QString(129, u'x') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << "a b" << false;
    QTest::newRow("Chinese") << "单号1" << false;
    QTest::newRow("dot") << "a.b" << false;
}

void TestBudgetProblem::requestNumbers()
{
    QFETCH(QString, number);
    QFETCH(bool, valid);
    QCOMPARE(isValidRequestNumber(number), valid);
}

void TestBudgetProblem::everyTextIsBilingual()
{
    const QRegularExpression han(QStringLiteral("\\p{Han}"));
    for (int code = int(Code::StockIdInvalid); code <= int(Code::AboveUploadedCodes); ++code) {
        const BudgetProblem problem(Code(code), 42);
        QVERIFY(problem.text().zh.contains(han));
        QVERIFY(!problem.text().en.isEmpty() && !problem.text().en.contains(han));
        QVERIFY(!problem.field().isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestBudgetProblem)
#include "TestBudgetProblem.moc"
