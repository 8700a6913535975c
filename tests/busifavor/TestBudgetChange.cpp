#include "busifavor/BudgetChange.h"

#include "TestData.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

class TestBudgetChange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void totalBodyHoldsOnlyWhatApplies();
    void perDayBody();
    void requestNumberIsEscapedAsJson();
    void pathIsPercentEncoded_data();
    void pathIsPercentEncoded();
};

void TestBudgetChange::totalBodyHoldsOnlyWhatApplies()
{
    const BudgetChange change{QStringLiteral("98065001"), BudgetDimension::Total, 3000, 500,
                              QStringLiteral("1002600620019090123143254436")};
    const QByteArray body = change.body();
    QCOMPARE(
        body,
        QByteArray(
            R"({"current_max_coupons":500,"modify_budget_request_no":"1002600620019090123143254436","target_max_coupons":3000})"));
    // The same fields as the derived vector D2, from the API page's example (order aside).
    QCOMPARE(QJsonDocument::fromJson(body).object(),
             QJsonDocument::fromJson(readData(QStringLiteral("vectors/derived/D2_patch_body.json"))).object());
    QVERIFY(!body.contains("stock_id") && !body.contains("null") && !body.contains(' ') && !body.contains('\n'));
    QCOMPARE(change.body(), body); // the same bytes every time
}

void TestBudgetChange::perDayBody()
{
    const BudgetChange change{QStringLiteral("1"), BudgetDimension::PerDay, 500, 300, QStringLiteral("n")};
    QCOMPARE(
        change.body(),
        QByteArray(
            R"({"current_max_coupons_by_day":300,"modify_budget_request_no":"n","target_max_coupons_by_day":500})"));
    QCOMPARE(BudgetChange::dimensionField(BudgetDimension::PerDay), QStringLiteral("max_coupons_by_day"));
    QCOMPARE(BudgetChange::dimensionLabelZh(BudgetDimension::PerDay), QStringLiteral("单日上限"));
}

void TestBudgetChange::requestNumberIsEscapedAsJson()
{
    const BudgetChange change{QStringLiteral("1"), BudgetDimension::Total, 5, 1, QStringLiteral("a\"b\\c")};
    QCOMPARE(
        QJsonDocument::fromJson(change.body()).object().value(QStringLiteral("modify_budget_request_no")).toString(),
        QStringLiteral("a\"b\\c"));
}

void TestBudgetChange::pathIsPercentEncoded_data()
{
    QTest::addColumn<QString>("stockId");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("digits") << "98065001" << QByteArray("/v3/marketing/busifavor/stocks/98065001/budget");
    QTest::newRow("space and slash") << "12 3/4" << QByteArray("/v3/marketing/busifavor/stocks/12%203%2F4/budget");
    QTest::newRow("Chinese") << "券" << QByteArray("/v3/marketing/busifavor/stocks/%E5%88%B8/budget");
    QTest::newRow("query characters") << "1?a=b#c" << QByteArray("/v3/marketing/busifavor/stocks/1%3Fa%3Db%23c/budget");
}

void TestBudgetChange::pathIsPercentEncoded()
{
    QFETCH(QString, stockId);
    QFETCH(QByteArray, path);
    BudgetChange change;
    change.stockId = stockId;
    QCOMPARE(change.path(), path);
    QCOMPARE(BudgetChange::stockPath(stockId) + "/budget", path);
}

QTEST_GUILESS_MAIN(TestBudgetChange)
#include "TestBudgetChange.moc"
