// The 商品券 side of WeChatPaySimulator as a pure function (no sockets, a fake clock to the
// millisecond), with its route matching and page tokens.
#include "BrandSigner.h"
#include "FakeClock.h"

#include "crypto/KeyLoader.h"
#include "simulator/DemoMerchant.h"
#include "simulator/ProductCouponRoute.h"
#include "simulator/StockListPageToken.h"
#include "simulator/WeChatPaySimulator.h"

#include <QJsonDocument>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

namespace {

const QByteArray BrandBatch = "/brand/marketing/product-coupon/product-coupons/200000001/stocks/200000001001";
const QByteArray PartnerBatch
    = "/v3/marketing/partner/product-coupon/product-coupons/1000000013/stocks/1000000013001?brand_id=120344";

struct Simulated
{
    std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>(1796300000);
    std::unique_ptr<WeChatPaySimulator> simulator;

    explicit Simulated(SimulatorConfig config = DemoMerchant::instance().simulatorConfig())
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(clock->nowSeconds(), Qt::UTC);
        const DemoMerchant &demo = DemoMerchant::instance();
        simulator
            = std::make_unique<WeChatPaySimulator>(std::move(config), StockCatalog::demo(demo.mchid, now),
                                                   ProductCouponCatalog::demo(demo.mchid, demo.brandId, now), clock);
    }

    SimRequest brandRequest(const QByteArray &method, const QByteArray &target, const QByteArray &body = {}) const
    {
        const DemoMerchant &demo = DemoMerchant::instance();
        return {
            method,
            target,
            {{"Accept", "application/json"},
             {"User-Agent", "t"},
             {"Content-Type", "application/json"},
             {"Wechatpay-Serial", demo.publicKeyId.toLatin1()},
             {"Authorization",
              brandAuthorization(KeyLoader::merchantKey(demo.brandPrivateKeyPem)->key, demo.brandId, demo.brandSerial,
                                 method, target, body, clock->nowSeconds(), "0123456789abcdef0123456789abcdef")}},
            body};
    }

    SimResponse brand(const QByteArray &method, const QByteArray &target, const QByteArray &body = {})
    {
        return simulator->handle(brandRequest(method, target, body));
    }
};

QJsonObject jsonOf(const SimResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

} // namespace

class TestProductCouponService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersAsAPureFunction();
    void rateLimitSlidesOverOneSecond();
    void withoutAuthenticationThePathNamesTheCaller();
    void dropAfterApplyLosesAnAppliedAnswer();
    void noBrandServedNoBrandRequests();
    void routes_data();
    void routes();
    void pageTokensContinueTheirQueryOnly();
};

void TestProductCouponService::answersAsAPureFunction()
{
    Simulated sim;
    const SimResponse answer = sim.brand("GET", BrandBatch);
    QCOMPARE(answer.status, 200);
    QCOMPARE(jsonOf(answer)[QStringLiteral("stock_id")].toString(), QStringLiteral("200000001001"));
    QCOMPARE(findHeader(answer.headers, "Wechatpay-Serial"), DemoMerchant::instance().publicKeyId.toLatin1());
    QVERIFY(!findHeader(answer.headers, "Request-ID")->contains('-'));
    QCOMPARE(answer.errorNumber, 0);

    const SimResponse refusal = sim.brand("GET", BrandBatch + "99");
    QCOMPARE(refusal.status, 404);
    QCOMPARE(refusal.errorNumber, 268578608);
    QVERIFY(findHeader(refusal.headers, "Request-ID")->endsWith("-268578608"));
    QVERIFY(findHeader(refusal.headers, "Wechatpay-Signature").has_value());
}

void TestProductCouponService::rateLimitSlidesOverOneSecond()
{
    Simulated sim; // the default: 20 a second
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(sim.brand("GET", BrandBatch).status, 200);
        sim.clock->advanceMilliseconds(10);
    }
    QCOMPARE(sim.brand("GET", BrandBatch).status, 429); // 21st within 200 ms
    sim.clock->advanceMilliseconds(799); // the first is 999 ms old
    QCOMPARE(sim.brand("GET", BrandBatch).status, 429); // refusals do not count: still 20 in the window
    sim.clock->advanceMilliseconds(1);
    QCOMPARE(sim.brand("GET", BrandBatch).status, 200); // the first has left the window

    SimulatorConfig unlimited = DemoMerchant::instance().simulatorConfig();
    unlimited.productCouponRequestsPerSecond = 0;
    Simulated free(unlimited);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(free.brand("GET", BrandBatch).status, 200);
}

void TestProductCouponService::withoutAuthenticationThePathNamesTheCaller()
{
    Simulated sim;
    sim.simulator->setAuthenticationEnabled(false);
    SimRequest brand = sim.brandRequest("GET", BrandBatch);
    brand.headers.removeIf([](const auto &header) { return header.first == "Authorization"; });
    const SimResponse brandAnswer = sim.simulator->handle(brand);
    QCOMPARE(brandAnswer.status, 200);
    QVERIFY(!findHeader(brandAnswer.headers, "Wechatpay-Signature")); // nothing signed either
    const SimResponse partnerAnswer
        = sim.simulator->handle({"GET", PartnerBatch, {{"Accept", "application/json"}, {"User-Agent", "t"}}, {}});
    QCOMPARE(partnerAnswer.status, 200);
    QCOMPARE(jsonOf(partnerAnswer)[QStringLiteral("brand_id")].toString(), QStringLiteral("120344"));
}

void TestProductCouponService::dropAfterApplyLosesAnAppliedAnswer()
{
    Simulated sim;
    sim.simulator->setFaults(FaultPlan::parse({QStringLiteral("drop-after-apply")}).value());
    const QByteArray body
        = R"({"out_request_no":"pure_00001","update_mode":"MAX_COUNT","current_max_count":100000,"target_max_count":90000})";
    const SimResponse lost = sim.brand("POST", BrandBatch + "/update-budget", body);
    QCOMPARE(lost.delivery, SimResponse::Delivery::DropConnection);
    QCOMPARE(
        sim.simulator->productCoupons().stock(QStringLiteral("200000001"), QStringLiteral("200000001001")).maxCount(),
        90000);
    // A refusal applies nothing, so it is answered.
    const SimResponse refused
        = sim.brand("POST", BrandBatch + "/update-budget", QByteArray(body).replace("pure_", "other"));
    QCOMPARE(refused.delivery, SimResponse::Delivery::Answer);
    QCOMPARE(refused.status, 400);
}

void TestProductCouponService::noBrandServedNoBrandRequests()
{
    SimulatorConfig config = DemoMerchant::instance().simulatorConfig();
    config.brandId.clear();
    Simulated sim(config);
    const SimResponse answer = sim.brand("GET", BrandBatch);
    QCOMPARE(answer.status, 401);
    QCOMPARE(jsonOf(answer)[QStringLiteral("detail")][QStringLiteral("detail")][QStringLiteral("issue")].toString(),
             QStringLiteral("brand_id not match"));
    QVERIFY(!findHeader(answer.headers, "Wechatpay-Signature"));
}

void TestProductCouponService::routes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("endpoint"); // -1: no endpoint
    QTest::addColumn<QString>("productCoupon");
    QTest::addColumn<QString>("id");
    using E = ProductCouponRoute::Endpoint;
    const QByteArray p = "/v3/marketing/partner/product-coupon/product-coupons/";
    const QByteArray b = "/brand/marketing/product-coupon/product-coupons/";
    QTest::newRow("GET batch") << QByteArray("GET") << p + "1/stocks/2" << int(E::GetStock) << "1"
                               << "2";
    QTest::newRow("GET batch, brand") << QByteArray("GET") << b + "1/stocks/2" << int(E::GetStock) << "1"
                                      << "2";
    QTest::newRow("list") << QByteArray("GET") << p + "1/stocks" << int(E::ListStocks) << "1"
                          << "";
    QTest::newRow("update") << QByteArray("POST") << b + "1/stocks/2/update-budget" << int(E::UpdateStockBudget) << "1"
                            << "2";
    QTest::newRow("group update") << QByteArray("POST") << p + "1/stock-bundles/7/update-budget"
                                  << int(E::UpdateBundleBudget) << "1"
                                  << "7";
    QTest::newRow("percent-encoded IDs") << QByteArray("GET") << p + "1%30/stocks/2%2D3" << int(E::GetStock) << "10"
                                         << "2-3";
    QTest::newRow("PATCH is not POST") << QByteArray("PATCH") << p + "1/stocks/2/update-budget" << -1 << ""
                                       << "";
    QTest::newRow("GET an update") << QByteArray("GET") << p + "1/stocks/2/update-budget" << -1 << ""
                                   << "";
    QTest::newRow("POST a batch") << QByteArray("POST") << p + "1/stocks/2" << -1 << ""
                                  << "";
    QTest::newRow("the product coupon itself") << QByteArray("GET") << p + "1" << -1 << ""
                                               << "";
    QTest::newRow("an empty ID") << QByteArray("GET") << p + "/stocks/2" << -1 << ""
                                 << "";
    QTest::newRow("a trailing slash") << QByteArray("GET") << p + "1/stocks/" << -1 << ""
                                      << "";
    QTest::newRow("group GET") << QByteArray("GET") << p + "1/stock-bundles/7" << -1 << ""
                               << "";
}

void TestProductCouponService::routes()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(int, endpoint);
    QFETCH(QString, productCoupon);
    QFETCH(QString, id);
    QCOMPARE(ProductCouponRoute::schemeFor(path),
             path.startsWith("/brand/") ? SignatureScheme::Brand : SignatureScheme::Merchant);
    const auto route = ProductCouponRoute::match(method, path);
    QCOMPARE(route.has_value(), endpoint >= 0);
    if (!route)
        return;
    QCOMPARE(int(route->endpoint), endpoint);
    QCOMPARE(route->productCouponId, productCoupon);
    QCOMPARE(route->stockId, id);
    QVERIFY(!ProductCouponRoute::schemeFor("/v3/marketing/busifavor/stocks/1"));
    QVERIFY(!ProductCouponRoute::schemeFor("/brand/marketing/product-couponX/1"));
}

void TestProductCouponService::pageTokensContinueTheirQueryOnly()
{
    const StockListPageToken tokens("key");
    const QByteArray token = tokens.issue("query", 20);
    QCOMPARE(token.size(), 24);
    QVERIFY(token.endsWith("=="));
    QCOMPARE(tokens.redeem("query", token), 20);
    QCOMPARE(tokens.issue("query", 20), token); // the same continuation, the same token
    QVERIFY(tokens.issue("query", 40) != token);
    QVERIFY(!tokens.redeem("other query", token));
    QVERIFY(!StockListPageToken("other key").redeem("query", token));
    QVERIFY(!tokens.redeem("query", token.chopped(2))); // not canonical Base64
    QVERIFY(!tokens.redeem("query", "MTIzMjUK"));
    QVERIFY(!tokens.redeem("query", QByteArray()));
}

QTEST_GUILESS_MAIN(TestProductCouponService)
#include "TestProductCouponService.moc"
