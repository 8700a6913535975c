// 商品券 against servers that lie or never end (tests/support/HostileServer: the simulator's
// real rules, each test's twist on the answers): a group answer in which one batch did not
// change, a list whose pages never end, a lookup about another product coupon's batch.
#include "busifavor/BusifavorClient.h"

#include "HostileServer.h"
#include "SimulatorFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;
using Kind = BudgetOutcome::Kind;

namespace {

const QString Brand = QStringLiteral("120344");
const QString GroupCoupon = QStringLiteral("1000000014");
const QString Bundle = QStringLiteral("712315129419284901");

BudgetChange groupChange(qint64 target)
{
    BudgetChange change({}, BudgetDimension::Total, target, std::nullopt, QStringLiteral("hostile_group_0001"));
    change.family = CouponFamily::ProductCoupon;
    change.productCouponId = GroupCoupon;
    change.brandId = Brand;
    change.bundleId = Bundle;
    return change;
}

// Every batch entity in `body` whose stock_id ends in `suffix` shows `maxCount` as its total.
QJsonObject withTotal(const QByteArray &body, const QString &suffix, qint64 maxCount)
{
    QJsonObject json = QJsonDocument::fromJson(body).object();
    QJsonArray stocks = json.value(QStringLiteral("stock_list")).toArray();
    for (QJsonValueRef entry : stocks) {
        QJsonObject stock = entry.toObject();
        if (!stock.value(QStringLiteral("stock_id")).toString().endsWith(suffix))
            continue;
        QJsonObject rule = stock.value(QStringLiteral("stock_send_rule")).toObject();
        rule.insert(QStringLiteral("max_count"), maxCount);
        stock.insert(QStringLiteral("stock_send_rule"), rule);
        entry = stock;
    }
    json.insert(QStringLiteral("stock_list"), stocks);
    return json;
}

} // namespace

class TestProductCouponHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The group's second batch never changes, and every answer — the signed update answer and
    // the checking list — says so: some batches applied, one did not. Neither 已生效 nor 未生效.
    void groupWithOneBatchLeftBehindIsUnknown()
    {
        HostileServer server;
        server.setTwist([&](const SimRequest &request, SimResponse honest) {
            if (!honest.isSuccess() || !honest.body.contains("stock_list"))
                return honest;
            return server.signedJson(withTotal(honest.body, QStringLiteral("002"), 6000), request);
        });
        auto client = server.client();
        const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(groupChange(7000)));
        QCOMPARE(outcome.kind, Kind::Unknown);
        QCOMPARE(outcome.ambiguity, BudgetOutcome::Ambiguity::AnswerMismatch);
        QVERIFY(outcome.reconciliation && outcome.reconciliation->isVerified());
        QVERIFY(!outcome.isApplied());
    }

    // Every page names the same next page: the list is refused as unending after one repeat,
    // never printed as if it were whole.
    void pagesThatNeverEndAreRefused()
    {
        HostileServer server;
        QJsonObject firstPage; // served again for every page token, which the server ignores
        server.setTwist([&](const SimRequest &request, SimResponse honest) {
            if (request.method != "GET" || !request.target.contains("/stocks?"))
                return honest;
            if (firstPage.isEmpty())
                firstPage = QJsonDocument::fromJson(honest.body).object();
            QJsonObject page = firstPage;
            page.insert(QStringLiteral("next_page_token"), QStringLiteral("QUFBQUFBQUE="));
            return server.signedJson(page, request);
        });
        auto client = server.client();
        const StockListResult result = SimulatorFixture::wait(client->listStocks(GroupCoupon, Brand));
        QVERIFY(!result.isComplete());
        QCOMPARE(result.status.kind, StockQueryResult::Kind::Unusable);
        QCOMPARE(server.receivedCount("GET"), 2); // the first page and one repeat, no more
    }

    // A signed lookup answer about a batch of another product coupon stands in for nothing, and
    // a change that needed it is not sent.
    void lookupAboutAnotherProductCouponIsNotUsed()
    {
        HostileServer server;
        server.setTwist([&](const SimRequest &request, SimResponse honest) {
            if (request.method != "GET" || !honest.isSuccess())
                return honest;
            QJsonObject stock = QJsonDocument::fromJson(honest.body).object();
            stock.insert(QStringLiteral("product_coupon_id"), QStringLiteral("1000000015"));
            return server.signedJson(stock, request);
        });
        auto client = server.client();
        const StockKey key{CouponFamily::ProductCoupon, QStringLiteral("1000000013001"), QStringLiteral("1000000013"),
                           Brand};
        const StockQueryResult lookup = SimulatorFixture::wait(client->queryStock(key));
        QCOMPARE(lookup.kind, StockQueryResult::Kind::Unusable);
        QVERIFY(lookup.verification->isVerified());
        BudgetChange change(key.stockId, BudgetDimension::Total, 60000, std::nullopt, QStringLiteral("hostile_0002"));
        change.family = CouponFamily::ProductCoupon;
        change.productCouponId = key.productCouponId;
        change.brandId = Brand;
        QCOMPARE(SimulatorFixture::wait(client->modifyBudget(change)).kind, Kind::LookupFailed);
        QCOMPARE(server.receivedCount("POST"), 0);
    }
};

QTEST_GUILESS_MAIN(TestProductCouponHostile)
#include "TestProductCouponHostile.moc"
