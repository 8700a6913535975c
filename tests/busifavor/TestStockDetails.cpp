// StockDetails::fromJson: the documented fields, and nothing that is not this batch or not of
// the API page's type is ever used.
#include "busifavor/StockDetails.h"

#include "simulator/StockCatalog.h"

#include <QJsonDocument>
#include <QTest>

using namespace budgetdesk;

namespace {

const QByteArray Documented
    = R"({"stock_id":"98065001","stock_name":"满减券","belong_merchant":"1900000109","stock_state":"RUNNING",
        "stock_type":"DISCOUNT","coupon_code_mode":"MERCHANT_UPLOAD","coupon_code_count":{"total_count":900,"available_count":300},
        "coupon_use_rule":{"coupon_available_time":{"available_begin_time":"2026-01-01T00:00:00+08:00","available_end_time":"2026-12-31T23:59:59+08:00"}},
        "stock_send_rule":{"max_coupons":800,"max_coupons_by_day":100,"max_coupons_per_user":2},
        "send_count_information":{"total_send_num":450,"today_send_num":12}})";

// The documented answer with one field replaced (or removed, for an undefined value).
QByteArray withField(const QStringList &path, const QJsonValue &value)
{
    QJsonObject root = QJsonDocument::fromJson(Documented).object();
    std::function<void(QJsonObject &, int)> set = [&](QJsonObject &object, int depth) {
        const QString &key = path.at(depth);
        if (depth + 1 == path.size()) {
            if (value.isUndefined())
                object.remove(key);
            else
                object.insert(key, value);
            return;
        }
        QJsonObject inner = object.value(key).toObject();
        set(inner, depth + 1);
        object.insert(key, inner);
    };
    set(root, 0);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace

class TestStockDetails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheDocumentedFields();
    void batchWithoutDailyCap();
    void rejectsWhatIsNotAStock_data();
    void rejectsWhatIsNotAStock();
    void anotherBatchIsNeverUsed();
    void fieldsMustHaveThePagesType_data();
    void fieldsMustHaveThePagesType();
    void integralNumbersInAnyJsonSpelling();
    void chineseLabels();
};

void TestStockDetails::readsTheDocumentedFields()
{
    const auto stock = StockDetails::fromJson(Documented, QStringLiteral("98065001"));
    QVERIFY(stock.ok());
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
    const QString id = QStringLiteral("1212000000000003");
    const auto stock = StockDetails::fromJson(QJsonDocument(demo.stock(id).json()).toJson(QJsonDocument::Compact), id);
    QVERIFY(stock.ok());
    QVERIFY(!stock->maxCouponsByDay.has_value());
    QVERIFY(!stock->todaySendNum.has_value());
    QCOMPARE(stock->maxCoupons, 8000);
}

void TestStockDetails::rejectsWhatIsNotAStock_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("budget answer") << QByteArray(R"({"max_coupons":3000,"max_coupons_by_day":100})");
    QTest::newRow("no send rule") << QByteArray(R"({"stock_id":"98065001"})");
    QTest::newRow("HTML") << QByteArray("<html>gateway</html>");
    QTest::newRow("array") << QByteArray("[1,2]");
}

void TestStockDetails::rejectsWhatIsNotAStock()
{
    QFETCH(QByteArray, body);
    const auto stock = StockDetails::fromJson(body, QStringLiteral("98065001"));
    QVERIFY(!stock.ok());
    QVERIFY(!stock.error().zh.isEmpty());
    QVERIFY(!stock.error().en.isEmpty());
}

void TestStockDetails::anotherBatchIsNeverUsed()
{
    const auto stock = StockDetails::fromJson(Documented, QStringLiteral("98065002"));
    QVERIFY(!stock.ok());
    QVERIFY(stock.error().en.contains(QStringLiteral("98065001")));
    QVERIFY(stock.error().zh.contains(QStringLiteral("另一个批次")));
    // Not a prefix match either.
    QVERIFY(!StockDetails::fromJson(Documented, QStringLiteral("9806500")).ok());
}

void TestStockDetails::fieldsMustHaveThePagesType_data()
{
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("named"); // the field the error must name
    const QJsonValue missing(QJsonValue::Undefined);
    auto row = [](const char *name, const char *path, const QJsonValue &value) {
        QTest::newRow(name) << QString::fromLatin1(path).split(u'.') << value << QString::fromLatin1(path);
    };
    row("max_coupons missing: never 0", "stock_send_rule.max_coupons", missing);
    row("max_coupons a string", "stock_send_rule.max_coupons", QStringLiteral("800"));
    row("max_coupons a fraction", "stock_send_rule.max_coupons", 800.5);
    row("max_coupons negative", "stock_send_rule.max_coupons", -1);
    row("max_coupons beyond 1e9", "stock_send_rule.max_coupons", 2000000000.0);
    row("max_coupons null", "stock_send_rule.max_coupons", QJsonValue::Null);
    row("daily cap a string", "stock_send_rule.max_coupons_by_day", QStringLiteral("100"));
    row("daily cap a boolean", "stock_send_rule.max_coupons_by_day", true);
    row("per-user limit missing", "stock_send_rule.max_coupons_per_user", missing);
    row("issued missing: never 0", "send_count_information.total_send_num", missing);
    row("issued a fraction", "send_count_information.total_send_num", 1.25);
    row("issued today an object", "send_count_information.today_send_num", QJsonObject{});
    row("state a number", "stock_state", 1);
    row("state missing", "stock_state", missing);
    row("owner missing", "belong_merchant", missing);
    row("stock_id a number", "stock_id", 98065001);
    row("end time not a time", "coupon_use_rule.coupon_available_time.available_end_time", QStringLiteral("soon"));
    row("end time missing", "coupon_use_rule.coupon_available_time.available_end_time", missing);
    row("uploaded codes a string", "coupon_code_count.total_count", QStringLiteral("900"));
}

void TestStockDetails::fieldsMustHaveThePagesType()
{
    QFETCH(QStringList, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, named);
    const auto stock = StockDetails::fromJson(withField(path, value), QStringLiteral("98065001"));
    QVERIFY2(!stock.ok(), qPrintable(named));
    QVERIFY2(stock.error().en.contains(named), qPrintable(stock.error().en));
    QVERIFY(stock.error().zh.contains(named));
}

void TestStockDetails::integralNumbersInAnyJsonSpelling()
{
    // JSON has one number type: 8e2 and 800.0 are the integer 800.
    for (const QByteArray &spelling : {QByteArray("8e2"), QByteArray("800.0")}) {
        QByteArray body = Documented;
        body.replace("\"max_coupons\":800", "\"max_coupons\":" + spelling);
        const auto stock = StockDetails::fromJson(body, QStringLiteral("98065001"));
        QVERIFY(stock.ok());
        QCOMPARE(stock->maxCoupons, 800);
    }
    // A daily cap that is absent or null is "no daily cap", not an error.
    QVERIFY(!StockDetails::fromJson(
                 withField({QStringLiteral("stock_send_rule"), QStringLiteral("max_coupons_by_day")}, QJsonValue::Null),
                 QStringLiteral("98065001"))
                 ->maxCouponsByDay);
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
