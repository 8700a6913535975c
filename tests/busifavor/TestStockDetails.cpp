#include "busifavor/StockDetails.h"

#include "simulator/StockCatalog.h"

#include <QJsonDocument>
#include <QTest>

using namespace budgetdesk;

class TestStockDetails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheDocumentedFields();
    void batchWithoutDailyCap();
    void rejectsWhatIsNotAStock_data();
    void rejectsWhatIsNotAStock();
    void chineseLabels();
};

void TestStockDetails::readsTheDocumentedFields()
{
    const QByteArray body
        = R"({"stock_id":"98065001","stock_name":"满减券","belong_merchant":"1900000109","stock_state":"RUNNING",
        "stock_type":"DISCOUNT","coupon_code_mode":"MERCHANT_UPLOAD","coupon_code_count":{"total_count":900,"available_count":300},
        "coupon_use_rule":{"coupon_available_time":{"available_begin_time":"2026-01-01T00:00:00+08:00","available_end_time":"2026-12-31T23:59:59+08:00"}},
        "stock_send_rule":{"max_coupons":800,"max_coupons_by_day":100,"max_coupons_per_user":2},
        "send_count_information":{"total_send_num":450,"today_send_num":12}})";
    const auto stock = StockDetails::fromJson(body);
    QVERIFY(stock.has_value());
    QCOMPARE(stock->stockId, QStringLiteral("98065001"));
    QCOMPARE(stock->maxCoupons, 800);
    QCOMPARE(*stock->maxCouponsByDay, 100);
    QCOMPARE(stock->maxCouponsPerUser, 2);
    QCOMPARE(stock->totalSendNum, 450);
    QCOMPARE(*stock->todaySendNum, 12);
    QCOMPARE(*stock->uploadedCodeCount, 900); // the code pool, not the budget
    QCOMPARE(stock->availableEndTime, QDateTime(QDate(2026, 12, 31), QTime(15, 59, 59), Qt::UTC));
    QVERIFY(stock->isRunning());
    QCOMPARE(stock->raw.value(QStringLiteral("coupon_code_mode")).toString(), QStringLiteral("MERCHANT_UPLOAD"));
}

void TestStockDetails::batchWithoutDailyCap()
{
    const sim::StockCatalog demo
        = sim::StockCatalog::demo(QStringLiteral("1900000109"), QDateTime::currentDateTimeUtc());
    const auto stock = StockDetails::fromJson(
        QJsonDocument(demo.stock(QStringLiteral("1212000000000003")).json()).toJson(QJsonDocument::Compact));
    QVERIFY(stock.has_value());
    QVERIFY(!stock->maxCouponsByDay.has_value());
    QVERIFY(!stock->todaySendNum.has_value());
    QCOMPARE(stock->maxCoupons, 8000);
}

void TestStockDetails::rejectsWhatIsNotAStock_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("budget answer") << QByteArray(R"({"max_coupons":3000,"max_coupons_by_day":100})");
    QTest::newRow("no send rule") << QByteArray(R"({"stock_id":"1"})");
    QTest::newRow("HTML") << QByteArray("<html>gateway</html>");
}

void TestStockDetails::rejectsWhatIsNotAStock()
{
    QFETCH(QByteArray, body);
    QVERIFY(!StockDetails::fromJson(body).has_value());
}

void TestStockDetails::chineseLabels()
{
    StockDetails stock;
    const std::pair<const char *, const char *> states[]
        = {{"RUNNING", "运行中"}, {"STOPED", "已停止"}, {"PAUSED", "暂停发放"}, {"UNAUDIT", "审核中"}};
    for (const auto &[state, label] : states) {
        stock.stockState = QString::fromLatin1(state);
        QCOMPARE(stock.stateLabelZh(), QString::fromUtf8(label));
    }
    stock.stockType = QStringLiteral("EXCHANGE");
    QCOMPARE(stock.typeLabelZh(), QStringLiteral("换购券"));
}

QTEST_GUILESS_MAIN(TestStockDetails)
#include "TestStockDetails.moc"
