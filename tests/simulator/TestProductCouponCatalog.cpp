#include "simulator/ProductCouponCatalog.h"

#include "simulator/StockCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;

namespace {

const QDateTime Now = QDateTime(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC);
const QString Mchid = QStringLiteral("1900000109");
const QString Brand = QStringLiteral("120344");

Result<ProductCouponCatalog, QString> load(const QByteArray &json)
{
    return ProductCouponCatalog::fromJson(json, Mchid, Brand, Now);
}

QByteArray manyBatches(int count)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i)
        array.append(QJsonObject{{QStringLiteral("product_coupon_id"), QStringLiteral("1")},
                                 {QStringLiteral("stock_id"), QString::number(i)}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

} // namespace

class TestProductCouponCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fillsDefaultsForMissingFields();
    void keepsWhatTheFileSays();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void readsAStateOutFile();
    void demoSetCoversEveryCase();
    void stateRoundTrips();
    void answersNeverShowTheOwner();
};

void TestProductCouponCatalog::fillsDefaultsForMissingFields()
{
    auto catalog = load(R"([{"product_coupon_id":"42","stock_id":"42001"}])");
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error()));
    QCOMPARE(catalog->size(), 1);
    const ProductCouponStock stock = catalog->stock(QStringLiteral("42"), QStringLiteral("42001"));
    QCOMPARE(stock.owner(), QStringLiteral("partner:1900000109"));
    QCOMPARE(stock.brandId(), Brand);
    QCOMPARE(stock.state(), QStringLiteral("SENDING"));
    QCOMPARE(stock.maxCount(), 1000);
    QVERIFY(!stock.maxCountPerDay()); // absent: no daily cap
    QCOMPARE(stock.totalSent(), 0);
    QVERIFY(stock.bundleId().isEmpty());
    const QJsonObject json = stock.json();
    // OAPI's required fields of StockEntity, all there.
    for (const char *field : {"product_coupon_id", "stock_id", "coupon_code_mode", "stock_send_rule",
                              "usage_rule_display_info", "coupon_display_info", "notify_config", "store_scope",
                              "sent_count_info", "state", "brand_id", "single_usage_rule"})
        QVERIFY2(json.contains(QLatin1String(field)), field);
    QCOMPARE(json[QStringLiteral("sent_count_info")][QStringLiteral("today_count")].toInt(), 0);
    QVERIFY(json[QStringLiteral("single_usage_rule")][QStringLiteral("coupon_available_period")]
                [QStringLiteral("available_end_time")]
                    .toString()
                    .endsWith(QStringLiteral("+08:00")));
}

void TestProductCouponCatalog::keepsWhatTheFileSays()
{
    const QByteArray file = R"([
        {"product_coupon_id":"200000001","stock_id":"200000001001","owner":"brand:120399","state":"PAUSED",
         "stock_send_rule":{"max_count":500,"max_count_per_day":50,"max_count_per_user":3},
         "sent_count_info":{"total_count":120,"today_count":7},"coupon_code_mode":"UPLOAD","extra_field":"kept"},
        {"product_coupon_id":"1000000014","stock_id":"1000000014001","brand_id":"120345",
         "stock_bundle_info":{"stock_bundle_id":"712315129419284901","stock_bundle_index":1}}])";
    auto catalog = load(file);
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error()));
    const ProductCouponStock own = catalog->stock(QStringLiteral("200000001"), QStringLiteral("200000001001"));
    QCOMPARE(own.owner(), QStringLiteral("brand:120399"));
    QCOMPARE(own.brandId(), QStringLiteral("120399")); // a brand's batch is of that brand
    QCOMPARE(own.state(), QStringLiteral("PAUSED"));
    QCOMPARE(own.maxCount(), 500);
    QCOMPARE(own.maxCountPerDay(), 50);
    QCOMPARE(own.totalSent(), 120);
    QCOMPARE(own.json()[QStringLiteral("coupon_code_mode")].toString(), QStringLiteral("UPLOAD"));
    QCOMPARE(own.json()[QStringLiteral("extra_field")].toString(), QStringLiteral("kept"));

    const ProductCouponStock stage = catalog->stock(QStringLiteral("1000000014"), QStringLiteral("1000000014001"));
    QCOMPARE(stage.owner(), QStringLiteral("partner:1900000109"));
    QCOMPARE(stage.brandId(), QStringLiteral("120345"));
    QCOMPARE(stage.bundleId(), QStringLiteral("712315129419284901"));
    QCOMPARE(stage.bundleIndex(), 1);
    QVERIFY(stage.json().contains(QStringLiteral("progressive_bundle_usage_rule")));
    QVERIFY(!stage.json().contains(QStringLiteral("single_usage_rule")));
}

void TestProductCouponCatalog::rejectsBadFiles_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("error");
    QTest::newRow("not JSON") << QByteArray("[{") << "not valid JSON at offset";
    QTest::newRow("an object") << QByteArray("{}") << "expected a JSON array of product coupon batches";
    QTest::newRow("a number in the array") << QByteArray("[1]") << "batch #0 is not an object";
    QTest::newRow("no product_coupon_id")
        << QByteArray(R"([{"stock_id":"1"}])") << "batch #0: product_coupon_id must be 1-40 characters";
    QTest::newRow("product_coupon_id of 41 characters")
        << (R"([{"product_coupon_id":")" + QByteArray(41, '1') + R"(","stock_id":"1"}])")
        << "batch #0: product_coupon_id must be 1-40 characters";
    QTest::newRow("product_coupon_id a number")
        << QByteArray(R"([{"product_coupon_id":1000000013,"stock_id":"1"}])") << "product_coupon_id must be";
    QTest::newRow("stock_id with a slash")
        << QByteArray(R"([{"product_coupon_id":"1","stock_id":"1/2"}])") << "stock_id must be 1-64 characters";
    QTest::newRow("owner of no kind") << QByteArray(
        R"([{"product_coupon_id":"1","stock_id":"1","owner":"merchant:1"}])")
                                      << "owner must be \"partner:<mchid>\" or \"brand:<brand_id>\"";
    QTest::newRow("a brand's batch of another brand")
        << QByteArray(R"([{"product_coupon_id":"1","stock_id":"1","owner":"brand:120344","brand_id":"120399"}])")
        << "a batch owned by brand:120344 must have brand_id 120344";
    QTest::newRow("unknown state") << QByteArray(R"([{"product_coupon_id":"1","stock_id":"1","state":"RUNNING"}])")
                                   << "state must be one of AUDITING, SENDING, PAUSED, STOPPED, DEACTIVATED";
    QTest::newRow("max_count 0") << QByteArray(
        R"([{"product_coupon_id":"1","stock_id":"1","stock_send_rule":{"max_count":0}}])")
                                 << "stock_send_rule.max_count must be an integer from 1 to 100000000";
    QTest::newRow("max_count above 10^8")
        << QByteArray(R"([{"product_coupon_id":"1","stock_id":"1","stock_send_rule":{"max_count":100000001}}])")
        << "stock_send_rule.max_count must be an integer from 1 to 100000000";
    QTest::newRow("max_count_per_day a string")
        << QByteArray(R"([{"product_coupon_id":"1","stock_id":"1","stock_send_rule":{"max_count_per_day":"5"}}])")
        << "stock_send_rule.max_count_per_day must be an integer";
    QTest::newRow("total_count negative")
        << QByteArray(R"([{"product_coupon_id":"1","stock_id":"1","sent_count_info":{"total_count":-1}}])")
        << "sent_count_info.total_count must be an integer from 0";
    QTest::newRow("stock_send_rule not an object")
        << QByteArray(R"([{"product_coupon_id":"1","stock_id":"1","stock_send_rule":5}])")
        << "stock_send_rule must be an object";
    QTest::newRow("a group without an ID")
        << QByteArray(R"([{"product_coupon_id":"1","stock_id":"1","stock_bundle_info":{"stock_bundle_index":1}}])")
        << "stock_bundle_info.stock_bundle_id must be";
    QTest::newRow("a group stage 0") << QByteArray(
        R"([{"product_coupon_id":"1","stock_id":"1","stock_bundle_info":{"stock_bundle_id":"7","stock_bundle_index":0}}])")
                                     << "stock_bundle_info.stock_bundle_index must be an integer from 1 to 15";
    QTest::newRow("twice the same batch")
        << QByteArray(R"([{"product_coupon_id":"1","stock_id":"1"},{"product_coupon_id":"1","stock_id":"1"}])")
        << "product_coupon_id 1 stock_id 1 appears twice";
    QTest::newRow("a group of two owners") << QByteArray(
        R"([{"product_coupon_id":"1","stock_id":"1","stock_bundle_info":{"stock_bundle_id":"7","stock_bundle_index":1}},
                          {"product_coupon_id":"1","stock_id":"2","owner":"partner:1900000999",
                           "stock_bundle_info":{"stock_bundle_id":"7","stock_bundle_index":2}}])")
                                           << "the batches of stock_bundle_id 7 have different owners or brands";
    QTest::newRow("a group with two first stages") << QByteArray(
        R"([{"product_coupon_id":"1","stock_id":"1","stock_bundle_info":{"stock_bundle_id":"7","stock_bundle_index":1}},
                          {"product_coupon_id":"1","stock_id":"2","stock_bundle_info":{"stock_bundle_id":"7","stock_bundle_index":1}}])")
                                                   << "stock_bundle_id 7 has two batches at stock_bundle_index 1";
    QTest::newRow("too many batches") << manyBatches(ProductCouponCatalog::MaximumBatches + 1)
                                      << "more than 10000 batches";
    QTest::newRow("too large") << QByteArray(ProductCouponCatalog::MaximumFileBytes + 1, ' ') << "larger than 16 MiB";
}

void TestProductCouponCatalog::rejectsBadFiles()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, error);
    auto catalog = load(file);
    QVERIFY(!catalog.ok());
    QVERIFY2(catalog.error().contains(error), qPrintable(catalog.error()));
    QVERIFY(!catalog.error().contains(u'\n')); // one line for the terminal
}

// A --state-out file holds 商家券 stocks and 商品券 batches in one array: each catalogue
// reads its own.
void TestProductCouponCatalog::readsAStateOutFile()
{
    const QByteArray state = R"([
        {"stock_id":"1212000000000001","belong_merchant":"1900000109","stock_send_rule":{"max_coupons":5000}},
        {"product_coupon_id":"1000000013","stock_id":"1000000013001","owner":"partner:1900000109",
         "brand_id":"120344","stock_send_rule":{"max_count":7000}}])";
    auto productCoupons = load(state);
    QVERIFY(productCoupons.ok());
    QCOMPARE(productCoupons->size(), 1);
    QCOMPARE(productCoupons->stock(QStringLiteral("1000000013"), QStringLiteral("1000000013001")).maxCount(), 7000);
    auto stocks = StockCatalog::fromJson(state, Mchid, Now);
    QVERIFY(stocks.ok());
    QCOMPARE(stocks->ids(), QStringList{QStringLiteral("1212000000000001")});
    // Without belong_merchant an entry is not a 商家券 one: its missing ID is an error.
    QVERIFY(!load(R"([{"stock_id":"1212000000000001"}])").ok());
}

void TestProductCouponCatalog::demoSetCoversEveryCase()
{
    const ProductCouponCatalog demo = ProductCouponCatalog::demo(Mchid, Brand, Now);
    const QString partner = QStringLiteral("partner:1900000109");
    const QString brand = QStringLiteral("brand:120344");
    struct Expected
    {
        const char *productCoupon;
        const char *stock;
        const char *state;
        qint64 maxCount;
        std::optional<qint64> perDay;
        QString owner;
    } const expected[] = {
        {"1000000013", "1000000013001", "SENDING", 50000, 5000, partner},
        {"1000000013", "1000000013002", "SENDING", 8000, std::nullopt, partner},
        {"1000000013", "1000000013003", "PAUSED", 10000, 1000, partner},
        {"1000000013", "1000000013004", "STOPPED", 30000, 3000, partner},
        {"1000000013", "1000000013005", "DEACTIVATED", 5000, std::nullopt, partner},
        {"1000000013", "1000000013006", "AUDITING", 3000, 300, partner},
        {"1000000013", "1000000013009", "SENDING", 5000, std::nullopt, QStringLiteral("partner:1900000999")},
        {"200000001", "200000001001", "SENDING", 100000, 10000, brand},
        {"200000001", "200000001002", "SENDING", 30000, std::nullopt, brand},
        {"200000001", "200000001003", "PAUSED", 12000, 1200, brand},
        {"200000001", "200000001004", "STOPPED", 20000, 2000, brand},
    };
    for (const Expected &batch : expected) {
        QVERIFY2(demo.contains(QLatin1String(batch.productCoupon), QLatin1String(batch.stock)), batch.stock);
        const ProductCouponStock stock = demo.stock(QLatin1String(batch.productCoupon), QLatin1String(batch.stock));
        QCOMPARE(stock.state(), QLatin1String(batch.state));
        QCOMPARE(stock.maxCount(), batch.maxCount);
        QCOMPARE(stock.maxCountPerDay(), batch.perDay);
        QCOMPARE(stock.owner(), batch.owner);
        QCOMPARE(stock.brandId(), Brand);
    }
    for (const auto &[productCoupon, bundle, owner] : {std::tuple{"1000000014", "712315129419284901", partner},
                                                       std::tuple{"200000002", "712315129419284902", brand}}) {
        const QList<ProductCouponStock> stages = demo.bundle(QLatin1String(productCoupon), QLatin1String(bundle));
        QCOMPARE(stages.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(stages[i].bundleIndex(), i + 1);
            QCOMPARE(stages[i].owner(), owner);
            QVERIFY(stages[i].maxCountPerDay().has_value());
            QVERIFY(stages[i].json().contains(QStringLiteral("progressive_bundle_usage_rule")));
        }
    }
    for (const auto &[productCoupon, owner] : {std::pair{"1000000015", partner}, std::pair{"200000003", brand}}) {
        const QList<ProductCouponStock> batches = demo.stocksOf(QLatin1String(productCoupon));
        QCOMPARE(batches.size(), 25); // more than the list's default page of 20
        QCOMPARE(batches.first().stockId(), QLatin1String(productCoupon) + QLatin1String("001"));
        QCOMPARE(batches.last().stockId(), QLatin1String(productCoupon) + QLatin1String("025"));
        for (const ProductCouponStock &stock : batches)
            QCOMPARE(stock.owner(), owner);
    }
    // Dated around now: what is sending has not ended, what stopped has.
    const auto endOf = [&](const char *productCoupon, const char *stock) {
        return QDateTime::fromString(demo.stock(QLatin1String(productCoupon), QLatin1String(stock))
                                         .json()[QStringLiteral("single_usage_rule")][QStringLiteral(
                                             "coupon_available_period")][QStringLiteral("available_end_time")]
                                         .toString(),
                                     Qt::ISODate);
    };
    QVERIFY(endOf("1000000013", "1000000013001") > Now);
    QVERIFY(endOf("1000000013", "1000000013004") < Now);
}

void TestProductCouponCatalog::stateRoundTrips()
{
    ProductCouponCatalog demo = ProductCouponCatalog::demo(Mchid, Brand, Now);
    ProductCouponStock changed = demo.stock(QStringLiteral("1000000013"), QStringLiteral("1000000013001"));
    changed.setMaxCount(65000);
    changed.setMaxCountPerDay(6500);
    demo.put(changed);

    // Read back with other defaults: everything comes from the file.
    auto again = ProductCouponCatalog::fromJson(demo.toJson(), QStringLiteral("1900000001"), QStringLiteral("1"),
                                                Now.addDays(30));
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error()));
    QCOMPARE(again->size(), demo.size());
    QCOMPARE(again->productCouponIds(), demo.productCouponIds());
    QCOMPARE(again->toJsonArray(), demo.toJsonArray());
    QCOMPARE(again->stock(QStringLiteral("1000000013"), QStringLiteral("1000000013001")).maxCount(), 65000);
}

void TestProductCouponCatalog::answersNeverShowTheOwner()
{
    const ProductCouponCatalog demo = ProductCouponCatalog::demo(Mchid, Brand, Now);
    const ProductCouponStock stock = demo.stock(QStringLiteral("1000000013"), QStringLiteral("1000000013001"));
    QVERIFY(stock.json().contains(QStringLiteral("owner")));
    const QJsonObject toPartner = stock.answer(false);
    QVERIFY(!toPartner.contains(QStringLiteral("owner")));
    QCOMPARE(toPartner[QStringLiteral("brand_id")].toString(), Brand);
    const QJsonObject toBrand = stock.answer(true);
    QVERIFY(!toBrand.contains(QStringLiteral("owner")));
    QVERIFY(!toBrand.contains(QStringLiteral("brand_id")));
    QCOMPARE(toBrand.size(), stock.json().size() - 2);
}

QTEST_GUILESS_MAIN(TestProductCouponCatalog)
#include "TestProductCouponCatalog.moc"
