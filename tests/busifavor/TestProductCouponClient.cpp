// The product's client for 商品券 (PRODUCT_COUPON.md) against the simulator over HTTP and HTTPS
// (initTestCase_data): as the 服务商 (the demo merchant, for brand 120344) and as the brand
// itself — lookups, every page of a list, single and group changes, what validation stops
// before sending, the refusals of §15, and reconciliation after a change whose answer was lost.
#include "busifavor/BusifavorClient.h"
#include "simulator/DemoMerchant.h"
#include "simulator/FaultPlan.h"

#include "SimulatorFixture.h"

#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;
using budgetdesk::sim::FaultPlan;
using Kind = BudgetOutcome::Kind;

namespace {

const QString Brand = QStringLiteral("120344");
const QString Coupon = QStringLiteral("1000000013"); // the 服务商's single batches
const QString Bundle = QStringLiteral("712315129419284901"); // 1000000014's three-batch group

StockKey partnerKey(const QString &stockId, const QString &coupon = Coupon)
{
    return {CouponFamily::ProductCoupon, stockId, coupon, Brand};
}

BudgetChange change(const QString &stockId, BudgetDimension dimension, qint64 target, const QString &coupon = Coupon)
{
    BudgetChange change(stockId, dimension, target, std::nullopt, QStringLiteral("budgetdesk_test_0001"));
    change.family = CouponFamily::ProductCoupon;
    change.productCouponId = coupon;
    change.brandId = Brand;
    return change;
}

BudgetChange groupChange(qint64 target)
{
    BudgetChange group = change({}, BudgetDimension::Total, target, QStringLiteral("1000000014"));
    group.bundleId = Bundle;
    return group;
}

bool hasProblem(const BudgetOutcome &outcome, BudgetProblem::Code code)
{
    return std::any_of(outcome.problems.cbegin(), outcome.problems.cend(),
                       [code](const BudgetProblem &p) { return p.code() == code; });
}

} // namespace

class TestProductCouponClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimulatorFixture> fixture() const
    {
        QFETCH_GLOBAL(bool, tls);
        return std::make_unique<SimulatorFixture>(tls ? SimulatorFixture::Transport::Https
                                                      : SimulatorFixture::Transport::Http);
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::newRow("http") << false;
        QTest::newRow("https") << true;
    }

    void partnerLookupIsVerified()
    {
        auto sim = fixture();
        auto client = sim->client();
        const StockQueryResult result = SimulatorFixture::wait(client->queryStock(partnerKey(Coupon + "001")));
        QVERIFY2(result.isVerified(), qPrintable(result.summary().en));
        const StockDetails &stock = *result.stock;
        QVERIFY(stock.isProductCoupon());
        QCOMPARE(stock.productCouponId, Coupon);
        QCOMPARE(stock.stockState, QStringLiteral("SENDING"));
        QCOMPARE(stock.maxCoupons, 50000);
        QCOMPARE(stock.maxCouponsByDay, std::optional<qint64>(5000));
        QCOMPARE(stock.totalSendNum, 12840);
        QCOMPARE(stock.todaySendNum, std::optional<qint64>(326));
        QCOMPARE(stock.brandId, Brand);
        QCOMPARE(stock.stateLabelZh(), QStringLiteral("发放中"));
        // The partner path with the brand in the query, signed as sent.
        const QByteArray target = sim->server().receivedRequests().last().request.target;
        QCOMPARE(target,
                 QByteArray("/v3/marketing/partner/product-coupon/product-coupons/1000000013/stocks/"
                            "1000000013001?brand_id=120344"));
    }

    void brandLookupUsesTheBrandScheme()
    {
        auto sim = fixture();
        auto client = sim->brandClient();
        // A brand's lookup names no brand: the client drops one given by mistake.
        StockKey key{CouponFamily::ProductCoupon, QStringLiteral("200000001001"), QStringLiteral("200000001"), Brand};
        const StockQueryResult result = SimulatorFixture::wait(client->queryStock(key));
        QVERIFY2(result.isVerified(), qPrintable(result.summary().en));
        QCOMPARE(result.stock->maxCoupons, 100000);
        const auto &request = sim->server().receivedRequests().last().request;
        QCOMPARE(request.target,
                 QByteArray("/brand/marketing/product-coupon/product-coupons/200000001/stocks/200000001001"));
        QVERIFY(findHeader(request.headers, "Authorization")
                    ->startsWith("WECHATPAY-BRAND-SHA256-RSA2048 brand_id=\"120344\""));
        QCOMPARE(*findHeader(request.headers, "Wechatpay-Serial"),
                 sim::DemoMerchant::instance().publicKeyId.toLatin1());
    }

    void listReadsEveryPage()
    {
        auto sim = fixture();
        auto client = sim->client();
        ProductCouponApi::ListFilter filter;
        filter.pageSize = 20;
        const StockListResult result
            = SimulatorFixture::wait(client->listStocks(QStringLiteral("1000000015"), Brand, filter));
        QVERIFY2(result.isComplete(), qPrintable(result.status.summary().en));
        QCOMPARE(result.pages, 2);
        QCOMPARE(result.stocks.size(), 25);
        QCOMPARE(result.totalCount, std::optional<qint64>(25));
        QSet<QString> ids;
        for (const StockDetails &stock : result.stocks)
            ids.insert(stock.stockId);
        QCOMPARE(ids.size(), 25); // no batch twice, none missing

        filter.state = QStringLiteral("PAUSED");
        const StockListResult paused
            = SimulatorFixture::wait(client->listStocks(QStringLiteral("1000000015"), Brand, filter));
        QVERIFY(paused.isComplete());
        QCOMPARE(paused.stocks.size(), 5);
        for (const StockDetails &stock : paused.stocks)
            QCOMPARE(stock.stockState, QStringLiteral("PAUSED"));

        filter = {};
        filter.bundleId = Bundle;
        const StockListResult group
            = SimulatorFixture::wait(client->listStocks(QStringLiteral("1000000014"), Brand, filter));
        QVERIFY(group.isComplete());
        QCOMPARE(group.stocks.size(), 3);
        for (const StockDetails &stock : group.stocks)
            QCOMPARE(stock.bundleId, Bundle);
    }

    void totalChangeAppliesAndIsVerified()
    {
        auto sim = fixture();
        auto client = sim->client();
        const BudgetOutcome outcome
            = SimulatorFixture::wait(client->modifyBudget(change(Coupon + "001", BudgetDimension::Total, 60000)));
        QCOMPARE(outcome.kind, Kind::Applied);
        QVERIFY(outcome.verified);
        QCOMPARE(outcome.change.current, std::optional<qint64>(50000)); // from the fresh lookup
        QCOMPARE(outcome.maxCoupons, std::optional<qint64>(60000));
        const auto &request = sim->server().receivedRequests().last().request;
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.body,
                 QByteArray("{\"brand_id\":\"120344\",\"current_max_count\":50000,\"out_request_no\":"
                            "\"budgetdesk_test_0001\",\"target_max_count\":60000,\"update_mode\":"
                            "\"MAX_COUNT\"}"));
        const StockQueryResult after = SimulatorFixture::wait(client->queryStock(partnerKey(Coupon + "001")));
        QCOMPARE(after.stock->maxCoupons, 60000);
    }

    void brandPerDayChangeApplies()
    {
        auto sim = fixture();
        auto client = sim->brandClient();
        BudgetChange perDay
            = change(QStringLiteral("200000001001"), BudgetDimension::PerDay, 12000, QStringLiteral("200000001"));
        const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(perDay));
        QCOMPARE(outcome.kind, Kind::Applied);
        QCOMPARE(outcome.maxCouponsByDay, std::optional<qint64>(12000));
        QVERIFY(outcome.change.brandId.isEmpty()); // the brand's own call names no brand
        QVERIFY(!sim->server().receivedRequests().last().request.body.contains("brand_id"));
    }

    void validationStopsWhatCannotApply()
    {
        auto sim = fixture();
        auto client = sim->client();
        using C = BudgetProblem::Code;
        const struct
        {
            BudgetChange change;
            C code;
        } cases[] = {
            {change(Coupon + "002", BudgetDimension::PerDay, 900), C::NoDailyCap}, // created without a daily cap
            {change(Coupon + "004", BudgetDimension::Total, 40000), C::StateRefusesChange}, // STOPPED
            {change(Coupon + "001", BudgetDimension::Total, 12000), C::TargetBelowIssued}, // 12840 issued
            {change(QStringLiteral("1000000014001"), BudgetDimension::Total, 7000, QStringLiteral("1000000014")),
             C::InBundle},
        };
        for (const auto &c : cases) {
            const qsizetype before = sim->server().receivedRequests().size();
            const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(c.change));
            QCOMPARE(outcome.kind, Kind::Invalid);
            QVERIFY2(hasProblem(outcome, c.code), qPrintable(c.change.stockId));
            // Only the lookup went out: no update-budget.
            QCOMPARE(sim->server().receivedRequests().size(), before + 1);
            QCOMPARE(sim->server().receivedRequests().last().request.method, QByteArray("GET"));
        }
        BudgetChange shortNumber = change(Coupon + "001", BudgetDimension::Total, 60000);
        shortNumber.requestNumber = QStringLiteral("abc");
        QVERIFY(hasProblem(SimulatorFixture::wait(client->modifyBudget(shortNumber)), C::OutRequestNumberInvalid));
        BudgetChange noBrand = change(Coupon + "001", BudgetDimension::Total, 60000);
        noBrand.brandId.clear();
        const BudgetOutcome unnamed = SimulatorFixture::wait(client->modifyBudget(noBrand));
        QVERIFY(hasProblem(unnamed, C::BrandIdMissing));
        // A paused batch's budget may change.
        QCOMPARE(
            SimulatorFixture::wait(client->modifyBudget(change(Coupon + "003", BudgetDimension::Total, 11000))).kind,
            Kind::Applied);
    }

    void refusalsAreReported()
    {
        auto sim = fixture();
        auto client = sim->client();
        // A current value that is not the batch's (given, so kept): INVALID_REQUEST, not applied.
        BudgetChange stale = change(Coupon + "001", BudgetDimension::Total, 60000);
        stale.current = 49999;
        const BudgetOutcome refused = SimulatorFixture::wait(client->modifyBudget(stale));
        QCOMPARE(refused.kind, Kind::Rejected);
        QCOMPARE(refused.error->code, QStringLiteral("INVALID_REQUEST"));
        QVERIFY(refused.error->isVerified()); // refusals are signed

        // A brand that has not authorised this 服务商, and a batch another one created.
        StockKey foreignBrand = partnerKey(Coupon + "001");
        foreignBrand.brandId = QStringLiteral("999999");
        const StockQueryResult noAuth = SimulatorFixture::wait(client->queryStock(foreignBrand));
        QCOMPARE(noAuth.kind, StockQueryResult::Kind::Rejected);
        QCOMPARE(noAuth.error->httpStatus, 403);
        QCOMPARE(noAuth.error->code, QStringLiteral("NO_AUTH"));
        const StockQueryResult foreign = SimulatorFixture::wait(client->queryStock(partnerKey(Coupon + "009")));
        QCOMPARE(foreign.error->httpStatus, 404);
        QCOMPARE(foreign.error->code, QStringLiteral("RESOURCE_NOT_EXISTS"));
    }

    void groupChangeAppliesToEveryBatch()
    {
        auto sim = fixture();
        auto client = sim->client();
        const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(groupChange(7000)));
        QCOMPARE(outcome.kind, Kind::Applied);
        QCOMPARE(outcome.change.current, std::optional<qint64>(6000)); // from listing the group
        QCOMPARE(outcome.bundleStocks.size(), 3);
        for (const StockDetails &stock : outcome.bundleStocks)
            QCOMPARE(stock.maxCoupons, 7000);
        QVERIFY(sim->server().receivedRequests().last().request.target.endsWith(
            "/product-coupons/1000000014/stock-bundles/712315129419284901/update-budget"));
        // Below the most issued batch (1500): refused before sending.
        const BudgetOutcome tooLow = SimulatorFixture::wait(client->modifyBudget(groupChange(1400)));
        QCOMPARE(tooLow.kind, Kind::Invalid);
        QVERIFY(hasProblem(tooLow, BudgetProblem::Code::TargetBelowIssued));
    }

    // The answer is lost after the change applied: the checking lookup (a list, for a group)
    // shows the target, and a resend with the same number is a harmless replay.
    void lostAnswersAreReconciled()
    {
        auto sim = fixture();
        auto client = sim->client();
        for (const BudgetChange &lost : {change(Coupon + "001", BudgetDimension::Total, 60000), groupChange(7000)}) {
            sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("drop-after-apply")}).value());
            BudgetModification *modification = client->modifyBudget(lost);
            QObject::connect(modification, &BudgetModification::stageChanged, modification,
                             [&sim](BudgetModification::Stage stage) {
                                 if (stage == BudgetModification::Stage::Reconciling)
                                     sim->simulator().setFaults({});
                             });
            const BudgetOutcome outcome = SimulatorFixture::wait(modification);
            QCOMPARE(outcome.kind, Kind::ReconciledApplied);
            QCOMPARE(outcome.observedValue, std::optional<qint64>(lost.target));

            BudgetChange replay = outcome.change; // the same number and body again
            const BudgetOutcome again = SimulatorFixture::wait(client->modifyBudget(replay));
            QVERIFY2(again.isApplied(), qPrintable(again.summary().en));
        }
        // Lost before it applied, and nothing can still be on its way: not applied.
        sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("drop-before-apply")}).value());
        BudgetModification *modification = client->modifyBudget(groupChange(8000));
        QObject::connect(modification, &BudgetModification::stageChanged, modification,
                         [&sim](BudgetModification::Stage stage) {
                             if (stage == BudgetModification::Stage::Reconciling)
                                 sim->simulator().setFaults({});
                         });
        const BudgetOutcome notApplied = SimulatorFixture::wait(modification);
        QVERIFY2(notApplied.kind == Kind::ReconciledNotApplied || notApplied.kind == Kind::Unknown,
                 qPrintable(BudgetOutcome::kindName(notApplied.kind)));
        QVERIFY(!notApplied.isApplied());
    }
};

QTEST_GUILESS_MAIN(TestProductCouponClient)
#include "TestProductCouponClient.moc"
