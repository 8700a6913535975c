#include "simulator/BudgetChangeRequest.h"

#include <QJsonDocument>
#include <QTest>

using namespace budgetdesk::sim;

class TestBudgetChangeRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheOfficialExampleBody();
    void parsesADailyChange();
    void boundaries_data();
    void boundaries();
};

void TestBudgetChangeRequest::parsesTheOfficialExampleBody()
{
    // vectors/derived/D2_patch_body.json, from the API page's request example.
    auto request = BudgetChangeRequest::parse(
        R"({"target_max_coupons":3000,"current_max_coupons":500,"modify_budget_request_no":"1002600620019090123143254436"})");
    QVERIFY(request.ok());
    QVERIFY(request->changesTotal());
    QCOMPARE(*request->targetMaxCoupons, 3000);
    QCOMPARE(*request->currentMaxCoupons, 500);
    QVERIFY(!request->targetMaxCouponsByDay);
    QCOMPARE(request->requestNumber, QStringLiteral("1002600620019090123143254436"));
}

void TestBudgetChangeRequest::parsesADailyChange()
{
    auto request = BudgetChangeRequest::parse(
        R"({"modify_budget_request_no":"x","current_max_coupons_by_day":300,"target_max_coupons_by_day":500})");
    QVERIFY(request.ok());
    QVERIFY(!request->changesTotal());
    QCOMPARE(*request->targetMaxCouponsByDay, 500);
    QCOMPARE(*request->currentMaxCouponsByDay, 300);
}

void TestBudgetChangeRequest::boundaries_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorField"); // empty: accepted
    auto total = [](const char *target, const char *current) {
        return QByteArray(R"({"target_max_coupons":)") + target + R"(,"current_max_coupons":)" + current
            + R"(,"modify_budget_request_no":"n"})";
    };
    QTest::newRow("target 1") << total("1", "0") << QString();
    QTest::newRow("target 10^9") << total("1000000000", "1000000000") << QString();
    QTest::newRow("target 0") << total("0", "5") << "target_max_coupons";
    QTest::newRow("target 10^9+1") << total("1000000001", "5") << "target_max_coupons";
    QTest::newRow("target 1e3 notation") << total("1e3", "5") << QString(); // JSON allows it; it is the integer 1000
    QTest::newRow("target 2^63") << total("9223372036854775808", "5") << "target_max_coupons";
    QTest::newRow("current 10^9+1") << total("5", "1000000001") << "current_max_coupons";
    QTest::newRow("request number of 128")
        << QByteArray(R"({"target_max_coupons":5,"current_max_coupons":1,"modify_budget_request_no":")")
            + QByteArray(128, 'a') + "\"}"
        << QString();
    QTest::newRow("request number of 128 Chinese characters")
        << QByteArray(R"({"target_max_coupons":5,"current_max_coupons":1,"modify_budget_request_no":")")
            + QString(128, QChar(0x5355)).toUtf8() + "\"}"
        << QString();
    QTest::newRow("empty body") << QByteArray() << "/";
}

void TestBudgetChangeRequest::boundaries()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, errorField);
    auto request = BudgetChangeRequest::parse(body);
    if (errorField.isEmpty()) {
        QVERIFY(request.ok());
        return;
    }
    QVERIFY(!request.ok());
    QCOMPARE(request.error().status, 400);
    const QJsonObject error = QJsonDocument::fromJson(request.error().body).object();
    QCOMPARE(error[QStringLiteral("code")].toString(), QStringLiteral("PARAM_ERROR"));
    QCOMPARE(error[QStringLiteral("detail")][QStringLiteral("field")].toString(), errorField);
    QVERIFY(!error[QStringLiteral("detail")][QStringLiteral("issue")].toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestBudgetChangeRequest)
#include "TestBudgetChangeRequest.moc"
