#include "simulator/StockCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace budgetdesk::sim;

namespace {
const QDateTime Now = QDateTime(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC);
}

class TestStockCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fillsDefaultsForMissingFields();
    void keepsWhatTheFileSays();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void demoSetCoversEveryCase();
    void stateRoundTrips();
};

void TestStockCatalog::fillsDefaultsForMissingFields()
{
    auto catalog = StockCatalog::fromJson(R"([{"stock_id":"42"}])", QStringLiteral("1900000109"), Now);
    QVERIFY(catalog.ok());
    const SimulatedStock stock = catalog->stock(QStringLiteral("42"));
    QCOMPARE(stock.owner(), QStringLiteral("1900000109"));
    QCOMPARE(stock.state(), QStringLiteral("RUNNING"));
    QCOMPARE(stock.maxCoupons(), 1000);
    QCOMPARE(stock.maxCouponsByDay(), 0);
    QCOMPARE(stock.totalSent(), 0);
    QCOMPARE(stock.endTime(), Now.addDays(90));
    const QJsonObject json = stock.json();
    for (const char *field :
         {"stock_name", "goods_name", "stock_type", "coupon_code_mode", "coupon_use_rule", "stock_send_rule"})
        QVERIFY2(json.contains(QLatin1String(field)), field);
    QVERIFY(json[QStringLiteral("coupon_use_rule")][QStringLiteral("coupon_available_time")]
                [QStringLiteral("available_begin_time")]
                    .toString()
                    .endsWith(QStringLiteral("+08:00")));
}

void TestStockCatalog::keepsWhatTheFileSays()
{
    const QByteArray file = R"([{"stock_id":"98065001","stock_name":"满减券","belong_merchant":"1900000001",
        "stock_state":"PAUSED","stock_type":"DISCOUNT",
        "coupon_use_rule":{"coupon_available_time":{"available_begin_time":"2026-01-01T00:00:00+08:00",
                                                    "available_end_time":"2027-01-01T00:00:00+08:00"}},
        "stock_send_rule":{"max_coupons":500,"max_coupons_by_day":300,"max_coupons_per_user":3},
        "send_count_information":{"total_send_num":120,"today_send_num":7},
        "extra_field":"kept"}])";
    auto catalog = StockCatalog::fromJson(file, QStringLiteral("1900000109"), Now);
    QVERIFY(catalog.ok());
    const SimulatedStock stock = catalog->stock(QStringLiteral("98065001"));
    QCOMPARE(stock.owner(), QStringLiteral("1900000001"));
    QCOMPARE(stock.state(), QStringLiteral("PAUSED"));
    QCOMPARE(stock.maxCoupons(), 500);
    QCOMPARE(stock.maxCouponsByDay(), 300);
    QCOMPARE(stock.totalSent(), 120);
    QCOMPARE(stock.endTime(), QDateTime(QDate(2026, 12, 31), QTime(16, 0), Qt::UTC));
    QCOMPARE(stock.json()[QStringLiteral("extra_field")].toString(), QStringLiteral("kept"));
    QCOMPARE(stock.json()[QStringLiteral("stock_send_rule")][QStringLiteral("max_coupons_per_user")].toInt(), 3);
}

void TestStockCatalog::rejectsBadFiles_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("error");
    QTest::newRow("not JSON") << QByteArray("[{") << "not valid JSON";
    QTest::newRow("an object") << QByteArray(R"({"stock_id":"1"})") << "expected a JSON array";
    QTest::newRow("no stock_id") << QByteArray(R"([{"stock_name":"x"}])") << "stock #0 has no string stock_id";
    QTest::newRow("numeric stock_id") << QByteArray(R"([{"stock_id":1}])") << "stock #0 has no string stock_id";
    QTest::newRow("duplicate") << QByteArray(R"([{"stock_id":"1"},{"stock_id":"1"}])") << "stock_id 1 appears twice";
}

void TestStockCatalog::rejectsBadFiles()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, error);
    auto catalog = StockCatalog::fromJson(file, QStringLiteral("1"), Now);
    QVERIFY(!catalog.ok());
    QVERIFY2(catalog.error().contains(error), qPrintable(catalog.error()));
}

void TestStockCatalog::demoSetCoversEveryCase()
{
    const StockCatalog demo = StockCatalog::demo(QStringLiteral("1900000109"), Now);
    QSet<QString> states;
    QSet<QString> types;
    int foreign = 0;
    int expired = 0;
    int withDailyCap = 0;
    for (const QString &id : demo.ids()) {
        const SimulatedStock stock = demo.stock(id);
        states.insert(stock.state());
        types.insert(stock.json()[QStringLiteral("stock_type")].toString());
        foreign += stock.owner() != QLatin1String("1900000109");
        expired += stock.endTime() < Now;
        withDailyCap += stock.maxCouponsByDay() > 0;
        QVERIFY(stock.totalSent() <= stock.maxCoupons());
    }
    QCOMPARE(states, QSet<QString>({QStringLiteral("RUNNING"), QStringLiteral("PAUSED"), QStringLiteral("STOPED")}));
    QCOMPARE(types, QSet<QString>({QStringLiteral("NORMAL"), QStringLiteral("DISCOUNT"), QStringLiteral("EXCHANGE")}));
    QCOMPARE(foreign, 1);
    QCOMPARE(expired, 1);
    QVERIFY(withDailyCap >= 2 && withDailyCap < demo.ids().size());
}

void TestStockCatalog::stateRoundTrips()
{
    StockCatalog demo = StockCatalog::demo(QStringLiteral("1900000109"), Now);
    SimulatedStock changed = demo.stock(QStringLiteral("1212000000000001"));
    changed.setMaxCoupons(77777);
    changed.setMaxCouponsByDay(777);
    demo.put(changed);
    auto again = StockCatalog::fromJson(demo.toJson(), QStringLiteral("other"), Now.addDays(3));
    QVERIFY(again.ok());
    QCOMPARE(again->ids(), demo.ids());
    for (const QString &id : demo.ids())
        QCOMPARE(again->stock(id).json(), demo.stock(id).json()); // defaults are not re-applied over real values
    QCOMPARE(again->stock(QStringLiteral("1212000000000001")).maxCoupons(), 77777);
}

QTEST_GUILESS_MAIN(TestStockCatalog)
#include "TestStockCatalog.moc"
