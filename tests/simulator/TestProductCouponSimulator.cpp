// The 商品券 endpoints (PRODUCT_COUPON.md §15), partner and brand, over real loopback sockets,
// once over HTTP and once over HTTPS (initTestCase_data). Each test starts a fresh simulator
// with the demo merchant, the demo brand and the demo 商品券 batches (ProductCouponCatalog::demo).
#include "SimulatorFixture.h"

#include "simulator/DemoMerchant.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QUrl>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

using Status = ResponseVerification::Status;

namespace {

const QByteArray Partner = "/v3/marketing/partner/product-coupon/product-coupons/";
const QByteArray Brand = "/brand/marketing/product-coupon/product-coupons/";
const QByteArray DemoBrand = "120344";

// The demo set (ProductCouponCatalog::demo).
const QByteArray Singles = "1000000013"; // partner's
const QByteArray Weekend = "1000000013001"; // SENDING 50000 / 5000 a day, 12840 issued
const QByteArray Uncapped = "1000000013002"; // SENDING 8000, no daily cap
const QByteArray Paused = "1000000013003"; // PAUSED 10000 / 1000, 3300 issued
const QByteArray ForeignPartner = "1000000013009"; // another 服务商's
const QByteArray Progressive = "1000000014"; // partner's, 批次组 below
const QByteArray Bundle = "712315129419284901"; // 1000000014001-003, 6000 / 600, 1500/1200/900 issued
const QByteArray Many = "1000000015"; // partner's, 25 batches
const QByteArray BrandSingles = "200000001"; // the brand's own
const QByteArray BrandWeekend = "200000001001"; // SENDING 100000 / 10000, 45210 issued
const QByteArray BrandProgressive = "200000002";
const QByteArray BrandBundle = "712315129419284902";
const QByteArray BrandMany = "200000003";

const QByteArray Json = "application/json";

QByteArray totalBody(qint64 current, qint64 target, const QByteArray &number, const QByteArray &brand = DemoBrand)
{
    QByteArray body = R"({"out_request_no":")" + number + R"(","update_mode":"MAX_COUNT","current_max_count":)"
        + QByteArray::number(current) + R"(,"target_max_count":)" + QByteArray::number(target);
    if (!brand.isEmpty())
        body += R"(,"brand_id":")" + brand + R"(")";
    return body + '}';
}

QByteArray dailyBody(qint64 current, qint64 target, const QByteArray &number, const QByteArray &brand = DemoBrand)
{
    QByteArray body = R"({"out_request_no":")" + number + R"(","update_mode":"MAX_COUNT_PER_DAY",)"
        + R"("current_max_count_per_day":)" + QByteArray::number(current) + R"(,"target_max_count_per_day":)"
        + QByteArray::number(target);
    if (!brand.isEmpty())
        body += R"(,"brand_id":")" + brand + R"(")";
    return body + '}';
}

qint64 maxCount(const QJsonObject &stock)
{
    return stock[QStringLiteral("stock_send_rule")][QStringLiteral("max_count")].toInteger();
}

qint64 maxCountPerDay(const QJsonObject &stock)
{
    return stock[QStringLiteral("stock_send_rule")][QStringLiteral("max_count_per_day")].toInteger();
}

QByteArray requestId(const SimAnswer &answer)
{
    return findHeader(answer.headers, "Request-ID").value_or(QByteArray());
}

bool signedAnswer(const SimAnswer &answer)
{
    return findHeader(answer.headers, "Wechatpay-Signature").has_value();
}

QStringList stockIds(const QJsonArray &list)
{
    QStringList ids;
    for (const QJsonValue stock : list)
        ids.append(stock[QStringLiteral("stock_id")].toString());
    return ids;
}

} // namespace

class TestProductCouponSimulator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimulatorFixture> fixture(SimulatorConfig config = SimulatorFixture::demoConfig()) const;
    static void expectRefusal(const SimAnswer &answer, int status, const char *code, const QString &message,
                              qint64 number);

    static SimAnswer partnerGet(SimulatorFixture &sim, const QByteArray &pc, const QByteArray &stock,
                                const QByteArray &brand = DemoBrand);
    static SimAnswer brandGet(SimulatorFixture &sim, const QByteArray &pc, const QByteArray &stock);
    static SimAnswer partnerUpdate(SimulatorFixture &sim, const QByteArray &pc, const QByteArray &stock,
                                   const QByteArray &body);
    static SimAnswer brandUpdate(SimulatorFixture &sim, const QByteArray &pc, const QByteArray &stock,
                                 const QByteArray &body);
    static SimAnswer partnerBundleUpdate(SimulatorFixture &sim, const QByteArray &pc, const QByteArray &bundle,
                                         const QByteArray &body);

private Q_SLOTS:
    void initTestCase_data();

    // Reads
    void partnerGetsABatch();
    void brandGetsABatch();
    void everyoneSeesOnlyTheirOwn_data();
    void everyoneSeesOnlyTheirOwn();
    void partnerNeedsABrandId();
    void partnerNeedsTheBrandsAuthorisation();

    // The brand scheme
    void brandSignatureInAnyParameterOrder();
    void brandSignErrors_data();
    void brandSignErrors();
    void schemesDoNotCross();
    void brandRequestsNeedThePublicKeyId_data();
    void brandRequestsNeedThePublicKeyId();

    // Lists
    void listsTwoPages_data();
    void listsTwoPages();
    void pageSizeBounds_data();
    void pageSizeBounds();
    void everyPageSizeListsEachBatchOnce();
    void pageTokensAreCheckedAndOpaque();
    void filtersByStateAndBundle();

    // Single batches
    void changesTheTotal();
    void changesTheDailyCap();
    void brandChangesItsOwnBatch();
    void malformedChanges_data();
    void malformedChanges();
    void currentValueMustBeTheLiveOne();
    void totalNotBelowIssued();
    void noDailyCapCannotBecomeOne();
    void onlySendingOrPausedBatches_data();
    void onlySendingOrPausedBatches();
    void groupBatchesNeedTheGroupCall();
    void contentTypeMustBeJson();

    // 批次组
    void groupChangesEveryBatchTogether();
    void groupIsCheckedAsAWhole();
    void brandChangesItsOwnGroup();
    void unknownAndForeignGroups();

    // Request numbers, rate limit, faults
    void sameNumberSameBodyAnswersTheBatchAsItIsNow();
    void sameNumberDifferentBodyIsRefused();
    void groupRequestNumbersReplayToo();
    void rateLimitPerCaller();
    void faultsOnProductCoupons();
    void dropAfterApplyThenReplay();
    void busyAndModifyWindow();
    void requestIdsOfAnswersAndRefusals();
};

void TestProductCouponSimulator::initTestCase_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("http") << false;
    QTest::newRow("https") << true;
}

std::unique_ptr<SimulatorFixture> TestProductCouponSimulator::fixture(SimulatorConfig config) const
{
    QFETCH_GLOBAL(bool, tls);
    return std::make_unique<SimulatorFixture>(
        tls ? SimulatorFixture::Transport::Https : SimulatorFixture::Transport::Http, std::move(config));
}

// §15: every refusal of an authenticated request is signed and its Request-ID ends in
// -<number>; a 401 SIGN_ERROR is neither (number 0).
void TestProductCouponSimulator::expectRefusal(const SimAnswer &answer, int status, const char *code,
                                               const QString &message, qint64 number)
{
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.code(), QString::fromLatin1(code));
    QCOMPARE(answer.message(), message);
    if (status == 401) {
        QVERIFY(!signedAnswer(answer));
    } else {
        QVERIFY(signedAnswer(answer));
        QVERIFY2(answer.verified(), qPrintable(answer.verification->text().en));
    }
    if (number != 0)
        QVERIFY2(requestId(answer).endsWith('-' + QByteArray::number(number)), requestId(answer).constData());
    else
        QVERIFY2(!requestId(answer).contains('-'), requestId(answer).constData());
}

SimAnswer TestProductCouponSimulator::partnerGet(SimulatorFixture &sim, const QByteArray &pc, const QByteArray &stock,
                                                 const QByteArray &brand)
{
    return sim.send("GET", Partner + pc + "/stocks/" + stock + "?brand_id=" + brand);
}

SimAnswer TestProductCouponSimulator::brandGet(SimulatorFixture &sim, const QByteArray &pc, const QByteArray &stock)
{
    return sim.sendAsBrand("GET", Brand + pc + "/stocks/" + stock);
}

SimAnswer TestProductCouponSimulator::partnerUpdate(SimulatorFixture &sim, const QByteArray &pc,
                                                    const QByteArray &stock, const QByteArray &body)
{
    return sim.send("POST", Partner + pc + "/stocks/" + stock + "/update-budget", body, {{"Content-Type", Json}});
}

SimAnswer TestProductCouponSimulator::brandUpdate(SimulatorFixture &sim, const QByteArray &pc, const QByteArray &stock,
                                                  const QByteArray &body)
{
    return sim.sendAsBrand("POST", Brand + pc + "/stocks/" + stock + "/update-budget", body, {{"Content-Type", Json}});
}

SimAnswer TestProductCouponSimulator::partnerBundleUpdate(SimulatorFixture &sim, const QByteArray &pc,
                                                          const QByteArray &bundle, const QByteArray &body)
{
    return sim.send("POST", Partner + pc + "/stock-bundles/" + bundle + "/update-budget", body,
                    {{"Content-Type", Json}});
}

void TestProductCouponSimulator::partnerGetsABatch()
{
    auto sim = fixture();
    const SimAnswer answer = partnerGet(*sim, Singles, Weekend);
    QCOMPARE(answer.status, 200);
    QVERIFY2(answer.verified(), qPrintable(answer.verification->text().en));
    const QJsonObject stock = answer.json();
    QCOMPARE(stock[QStringLiteral("product_coupon_id")].toString(), QString::fromLatin1(Singles));
    QCOMPARE(stock[QStringLiteral("stock_id")].toString(), QString::fromLatin1(Weekend));
    QCOMPARE(stock[QStringLiteral("brand_id")].toString(), QString::fromLatin1(DemoBrand));
    QCOMPARE(stock[QStringLiteral("state")].toString(), QStringLiteral("SENDING"));
    QCOMPARE(maxCount(stock), 50000);
    QCOMPARE(maxCountPerDay(stock), 5000);
    QCOMPARE(stock[QStringLiteral("sent_count_info")][QStringLiteral("total_count")].toInteger(), 12840);
    QCOMPARE(stock[QStringLiteral("sent_count_info")][QStringLiteral("today_count")].toInteger(), 326);
    QVERIFY(!stock.contains(QStringLiteral("owner"))); // the simulator's bookkeeping, never served
    QVERIFY(!stock.contains(QStringLiteral("stock_bundle_info")));
    for (const char *field : {"coupon_code_mode", "usage_rule_display_info", "coupon_display_info", "notify_config",
                              "store_scope", "single_usage_rule"})
        QVERIFY2(stock.contains(QLatin1String(field)), field);
    QVERIFY(!requestId(answer).contains('-'));

    // A 批次组 batch says which group and stage it is.
    const QJsonObject stage = partnerGet(*sim, Progressive, "1000000014002").json();
    QCOMPARE(stage[QStringLiteral("stock_bundle_info")][QStringLiteral("stock_bundle_id")].toString(),
             QString::fromLatin1(Bundle));
    QCOMPARE(stage[QStringLiteral("stock_bundle_info")][QStringLiteral("stock_bundle_index")].toInt(), 2);
}

void TestProductCouponSimulator::brandGetsABatch()
{
    auto sim = fixture();
    const SimAnswer answer = brandGet(*sim, BrandSingles, BrandWeekend);
    QCOMPARE(answer.status, 200);
    QVERIFY2(answer.verified(), qPrintable(answer.verification->text().en));
    // "使用微信支付公钥验签…不是品牌API证书" — and never the platform certificate.
    QCOMPARE(*findHeader(answer.headers, "Wechatpay-Serial"), DemoMerchant::instance().publicKeyId.toLatin1());
    const QJsonObject stock = answer.json();
    QCOMPARE(stock[QStringLiteral("stock_id")].toString(), QString::fromLatin1(BrandWeekend));
    QCOMPARE(maxCount(stock), 100000);
    QVERIFY(!stock.contains(QStringLiteral("brand_id"))); // the brand variant has none
    QVERIFY(!stock.contains(QStringLiteral("owner")));
}

void TestProductCouponSimulator::everyoneSeesOnlyTheirOwn_data()
{
    QTest::addColumn<bool>("asBrand");
    QTest::addColumn<QByteArray>("productCoupon");
    QTest::addColumn<QByteArray>("stock");
    QTest::newRow("partner: another 服务商's batch") << false << Singles << ForeignPartner;
    QTest::newRow("partner: the brand's own batch") << false << BrandSingles << BrandWeekend;
    QTest::newRow("partner: a batch of another product coupon") << false << Progressive << Weekend;
    QTest::newRow("partner: unknown") << false << QByteArray("1000000099") << QByteArray("1000000099001");
    QTest::newRow("brand: a batch its 服务商 created") << true << Singles << Weekend;
    QTest::newRow("brand: a batch of another product coupon") << true << BrandProgressive << BrandWeekend;
    QTest::newRow("brand: unknown") << true << BrandSingles << QByteArray("200000001999");
}

void TestProductCouponSimulator::everyoneSeesOnlyTheirOwn()
{
    QFETCH(bool, asBrand);
    QFETCH(QByteArray, productCoupon);
    QFETCH(QByteArray, stock);
    auto sim = fixture();
    const QString message = QStringLiteral("当前访问对象不存在，请确认 ID 是否合法、属于当前品牌且由当前服务商创建");
    expectRefusal(asBrand ? brandGet(*sim, productCoupon, stock) : partnerGet(*sim, productCoupon, stock), 404,
                  "RESOURCE_NOT_EXISTS", message, 268578608);
    const QByteArray body = asBrand ? totalBody(5000, 6000, "not-mine-1", {}) : totalBody(5000, 6000, "not-mine-1");
    expectRefusal(asBrand ? brandUpdate(*sim, productCoupon, stock, body)
                          : partnerUpdate(*sim, productCoupon, stock, body),
                  404, "RESOURCE_NOT_EXISTS", message, 268578608);
}

void TestProductCouponSimulator::partnerNeedsABrandId()
{
    auto sim = fixture();
    const SimAnswer get = sim->send("GET", Partner + Singles + "/stocks/" + Weekend);
    expectRefusal(get, 400, "PARAM_ERROR", QStringLiteral("brand_id 为必填字段"), 268578101);
    QCOMPARE(get.json()[QStringLiteral("detail")][QStringLiteral("location")].toString(), QStringLiteral("query"));
    expectRefusal(sim->send("GET", Partner + Singles + "/stocks?brand_id="), 400, "PARAM_ERROR",
                  QStringLiteral("brand_id 为必填字段"), 268578101);
    const SimAnswer post = partnerUpdate(*sim, Singles, Weekend, totalBody(50000, 60000, "no-brand-1", {}));
    expectRefusal(post, 400, "PARAM_ERROR", QStringLiteral("brand_id 为必填字段"), 268578101);
    QCOMPARE(post.json()[QStringLiteral("detail")][QStringLiteral("field")].toString(), QStringLiteral("brand_id"));
}

void TestProductCouponSimulator::partnerNeedsTheBrandsAuthorisation()
{
    auto sim = fixture();
    const QString message = QStringLiteral("服务商没有此接口权限");
    expectRefusal(partnerGet(*sim, Singles, Weekend, "120399"), 403, "NO_AUTH", message, 268579803);
    expectRefusal(sim->send("GET", Partner + Singles + "/stocks?brand_id=120399"), 403, "NO_AUTH", message, 268579803);
    expectRefusal(partnerUpdate(*sim, Singles, Weekend, totalBody(50000, 60000, "no-auth-1", "120399")), 403, "NO_AUTH",
                  message, 268579803);
    expectRefusal(partnerBundleUpdate(*sim, Progressive, Bundle, totalBody(6000, 7000, "no-auth-2", "120399")), 403,
                  "NO_AUTH", message, 268579803);

    // The brand withdraws its authorisation: its batches are out of the merchant's reach.
    SimulatorConfig config = SimulatorFixture::demoConfig();
    config.authorisedBrands.clear();
    auto withdrawn = fixture(config);
    expectRefusal(partnerGet(*withdrawn, Singles, Weekend), 403, "NO_AUTH", message, 268579803);
    QCOMPARE(brandGet(*withdrawn, BrandSingles, BrandWeekend).status, 200); // the brand itself is unaffected
}

void TestProductCouponSimulator::brandSignatureInAnyParameterOrder()
{
    auto sim = fixture();
    const DemoMerchant &demo = DemoMerchant::instance();
    const QByteArray target = Brand + BrandSingles + "/stocks/" + BrandWeekend;
    // The helper writes the Java utility's order; here the merchant scheme's order instead.
    const QByteArray javaOrder = SimulatorFixture::brandAuthorizationFor("GET", target, {}, sim->clock().nowSeconds());
    auto parameter = [&](const char *name) {
        const QByteArray start = QByteArray(name) + "=\"";
        const qsizetype at = javaOrder.indexOf(start) + start.size();
        return javaOrder.mid(at, javaOrder.indexOf('"', at) - at);
    };
    const QByteArray reordered = "WECHATPAY-BRAND-SHA256-RSA2048 serial_no=\"" + parameter("serial_no")
        + "\",timestamp=\"" + parameter("timestamp") + "\",signature=\"" + parameter("signature") + "\",nonce_str=\""
        + parameter("nonce_str") + "\",brand_id=\"" + parameter("brand_id") + "\"";
    for (const QByteArray &authorization : {javaOrder, reordered}) {
        const SimAnswer answer = sim->sendRaw("GET", target, {},
                                              {{"Accept", "application/json"},
                                               {"User-Agent", "t"},
                                               {"Wechatpay-Serial", demo.publicKeyId.toLatin1()},
                                               {"Authorization", authorization}});
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.verified());
    }
}

void TestProductCouponSimulator::brandSignErrors_data()
{
    QTest::addColumn<QByteArray>("authorization"); // "{GOOD}" is the correct header for the request
    QTest::addColumn<QString>("issue");
    QTest::addColumn<qint64>("timestampShift");
    QTest::newRow("no Authorization") << QByteArray() << "authorization missing" << qint64(0);
    QTest::newRow("other brand_id") << QByteArray("{GOOD}").replace("{GOOD}", "{GOOD:brand_id=120399}")
                                    << "brand_id not match" << qint64(0);
    QTest::newRow("other serial_no") << QByteArray("{GOOD:serial_no=4DE9A1C37B0F2E5968D4A7B3C1E0F29384A5B6C7}")
                                     << "serial_no not match" << qint64(0);
    QTest::newRow("signature missing") << QByteArray("{GOOD:signature=}") << "signature missing" << qint64(0);
    QTest::newRow("timestamp 301 s old") << QByteArray("{GOOD}") << "timestamp expired" << qint64(-301);
    QTest::newRow("timestamp 301 s ahead") << QByteArray("{GOOD}") << "timestamp expired" << qint64(301);
    QTest::newRow("signature over another body") << QByteArray("{OTHER-BODY}") << "sign not match" << qint64(0);
    QTest::newRow("scheme without BRAND")
        << QByteArray("{GOOD:scheme=WECHATPAY2-SHA256-RSA2048}")
        << "authorization scheme must be WECHATPAY-BRAND-SHA256-RSA2048 on this path" << qint64(0);
}

void TestProductCouponSimulator::brandSignErrors()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QString, issue);
    QFETCH(qint64, timestampShift);
    auto sim = fixture();
    const QByteArray target = Brand + BrandSingles + "/stocks/" + BrandWeekend + "/update-budget";
    const QByteArray body = totalBody(100000, 120000, "sign-error-1", {});
    const qint64 timestamp = sim->clock().nowSeconds() + timestampShift;
    QByteArray header;
    if (authorization == "{OTHER-BODY}") {
        header = SimulatorFixture::brandAuthorizationFor("POST", target, body + " ", timestamp);
    } else if (authorization.startsWith("{GOOD")) {
        header = SimulatorFixture::brandAuthorizationFor("POST", target, body, timestamp);
        if (authorization.startsWith("{GOOD:")) {
            const QByteArray change = authorization.mid(6, authorization.size() - 7);
            const QByteArray name = change.left(change.indexOf('='));
            const QByteArray value = change.mid(change.indexOf('=') + 1);
            if (name == "scheme") {
                header = value + header.mid(header.indexOf(' '));
            } else {
                const qsizetype at = header.indexOf(name + "=\"") + name.size() + 2;
                header.replace(at, header.indexOf('"', at) - at, value);
            }
        }
    }
    HttpHeaders headers{{"Accept", "application/json"},
                        {"User-Agent", "t"},
                        {"Content-Type", Json},
                        {"Wechatpay-Serial", DemoMerchant::instance().publicKeyId.toLatin1()}};
    if (!header.isEmpty())
        headers.append({"Authorization", header});
    const SimAnswer answer = sim->sendRaw("POST", target, body, headers);
    expectRefusal(answer, 401, "SIGN_ERROR", QStringLiteral("错误的签名，验签失败"), 0);
    QCOMPARE(answer.json()[QStringLiteral("detail")][QStringLiteral("detail")][QStringLiteral("issue")].toString(),
             issue);
    QCOMPARE(maxCount(brandGet(*sim, BrandSingles, BrandWeekend).json()), 100000); // nothing applied
}

// "用了服务商的 WXPayUtility 去调品牌直连接口…都会导致 401 SIGN_ERROR" — and the reverse.
void TestProductCouponSimulator::schemesDoNotCross()
{
    auto sim = fixture();
    // The merchant's own valid signature, on a brand path.
    const SimAnswer merchantOnBrand = sim->send("GET", Brand + BrandSingles + "/stocks/" + BrandWeekend, {}, {},
                                                DemoMerchant::instance().publicKeyId.toLatin1());
    expectRefusal(merchantOnBrand, 401, "SIGN_ERROR", QStringLiteral("错误的签名，验签失败"), 0);
    // The brand's own valid signature, on a partner path and on a 商家券 path.
    const SimAnswer brandOnPartner
        = sim->sendAsBrand("GET", Partner + Singles + "/stocks/" + Weekend + "?brand_id=" + DemoBrand);
    expectRefusal(brandOnPartner, 401, "SIGN_ERROR", QStringLiteral("错误的签名，验签失败"), 0);
    QCOMPARE(
        brandOnPartner.json()[QStringLiteral("detail")][QStringLiteral("detail")][QStringLiteral("issue")].toString(),
        QStringLiteral("authorization scheme must be WECHATPAY2-SHA256-RSA2048 on this path"));
    const SimAnswer brandOnBusifavor = sim->sendAsBrand("GET", "/v3/marketing/busifavor/stocks/1212000000000001");
    QCOMPARE(brandOnBusifavor.status, 401);
    QCOMPARE(brandOnBusifavor.code(), QStringLiteral("SIGN_ERROR"));
}

void TestProductCouponSimulator::brandRequestsNeedThePublicKeyId_data()
{
    const DemoMerchant &demo = DemoMerchant::instance();
    QTest::addColumn<QByteArray>("serial");
    QTest::addColumn<int>("status");
    QTest::newRow("the public key ID") << demo.publicKeyId.toLatin1() << 200;
    QTest::newRow("none") << QByteArray() << 400;
    QTest::newRow("the platform certificate's serial") << demo.platformSerial.toLatin1() << 400;
    QTest::newRow("another public key ID") << QByteArray("PUB_KEY_ID_0119000001092026112700000000000099") << 400;
}

void TestProductCouponSimulator::brandRequestsNeedThePublicKeyId()
{
    QFETCH(QByteArray, serial);
    QFETCH(int, status);
    auto sim = fixture();
    const SimAnswer answer = sim->sendAsBrand("GET", Brand + BrandSingles + "/stocks/" + BrandWeekend, {}, {}, serial);
    if (status == 400) {
        expectRefusal(answer, 400, "PARAM_ERROR", QStringLiteral("Wechatpay-Serial 与 brand_id 不匹配"), 268435461);
        QCOMPARE(answer.json()[QStringLiteral("detail")][QStringLiteral("location")].toString(),
                 QStringLiteral("header"));
    }
    QCOMPARE(answer.status, status);
    // Signed with the public key whatever the request named (the platform certificate would
    // otherwise be the default).
    QCOMPARE(*findHeader(answer.headers, "Wechatpay-Serial"), DemoMerchant::instance().publicKeyId.toLatin1());
}

void TestProductCouponSimulator::listsTwoPages_data()
{
    QTest::addColumn<bool>("asBrand");
    QTest::addColumn<QByteArray>("productCoupon");
    QTest::newRow("partner") << false << Many;
    QTest::newRow("brand") << true << BrandMany;
}

void TestProductCouponSimulator::listsTwoPages()
{
    QFETCH(bool, asBrand);
    QFETCH(QByteArray, productCoupon);
    auto sim = fixture();
    auto list = [&](const QByteArray &query) {
        return asBrand ? sim->sendAsBrand("GET", Brand + productCoupon + "/stocks" + query)
                       : sim->send("GET",
                                   Partner + productCoupon + "/stocks?brand_id=" + DemoBrand
                                       + (query.isEmpty() ? QByteArray() : '&' + query.mid(1)));
    };
    const SimAnswer first = list({});
    QCOMPARE(first.status, 200);
    QVERIFY(first.verified());
    const QJsonObject page1 = first.json();
    QCOMPARE(page1[QStringLiteral("total_count")].toInt(), 25);
    const QJsonArray list1 = page1[QStringLiteral("stock_list")].toArray();
    QCOMPARE(list1.size(), 20); // the default page size
    const QString token = page1[QStringLiteral("next_page_token")].toString();
    QVERIFY(!token.isEmpty());
    QVERIFY2(token.endsWith(QLatin1String("==")), qPrintable(token)); // Base64: a client must percent-encode it
    QVERIFY(QByteArray::fromBase64Encoding(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors));
    // The list entries are the GET answers.
    const QJsonObject firstStock = list1.first().toObject();
    QCOMPARE(firstStock[QStringLiteral("stock_id")].toString(), QString::fromLatin1(productCoupon + "001"));
    QCOMPARE(firstStock,
             (asBrand ? brandGet(*sim, productCoupon, productCoupon + "001")
                      : partnerGet(*sim, productCoupon, productCoupon + "001"))
                 .json());

    const SimAnswer second = list("?page_token=" + QUrl::toPercentEncoding(token));
    QCOMPARE(second.status, 200);
    QVERIFY(second.verified());
    const QJsonObject page2 = second.json();
    QVERIFY(!page2.contains(QStringLiteral("total_count"))); // only when page_token is empty
    QVERIFY(!page2.contains(QStringLiteral("next_page_token"))); // the last page
    const QJsonArray list2 = page2[QStringLiteral("stock_list")].toArray();
    QCOMPARE(list2.size(), 5);
    QStringList all = stockIds(list1) + stockIds(list2);
    QStringList sorted = all;
    sorted.sort();
    QCOMPARE(all, sorted); // by stock_id, stable across pages
    QCOMPARE(QSet<QString>(all.cbegin(), all.cend()).size(), 25);
    QCOMPARE(all.last(), QString::fromLatin1(productCoupon + "025"));
}

void TestProductCouponSimulator::pageSizeBounds_data()
{
    QTest::addColumn<QByteArray>("pageSize");
    QTest::addColumn<int>("listed"); // 0: refused
    QTest::newRow("1") << QByteArray("1") << 1;
    QTest::newRow("50, the maximum") << QByteArray("50") << 25;
    QTest::newRow("empty: the default") << QByteArray() << 20;
    QTest::newRow("0") << QByteArray("0") << 0;
    QTest::newRow("51") << QByteArray("51") << 0;
    QTest::newRow("-1") << QByteArray("-1") << 0;
    QTest::newRow("not a number") << QByteArray("ten") << 0;
}

void TestProductCouponSimulator::pageSizeBounds()
{
    QFETCH(QByteArray, pageSize);
    QFETCH(int, listed);
    auto sim = fixture();
    const SimAnswer answer = sim->sendAsBrand("GET", Brand + BrandMany + "/stocks?page_size=" + pageSize);
    if (listed == 0) {
        expectRefusal(answer, 400, "PARAM_ERROR", QStringLiteral("page_size 取值范围为1-50"), 268435464);
        QCOMPARE(answer.json()[QStringLiteral("detail")][QStringLiteral("field")].toString(),
                 QStringLiteral("page_size"));
        return;
    }
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json()[QStringLiteral("stock_list")].toArray().size(), listed);
    QCOMPARE(answer.json().contains(QStringLiteral("next_page_token")), listed < 25);
}

void TestProductCouponSimulator::everyPageSizeListsEachBatchOnce()
{
    auto sim = fixture();
    for (int size : {7, 12, 25}) {
        QStringList seen;
        QByteArray token;
        int pages = 0;
        do {
            sim->clock().advance(1); // well inside the rate limit
            QByteArray target
                = Partner + Many + "/stocks?brand_id=" + DemoBrand + "&page_size=" + QByteArray::number(size);
            if (!token.isEmpty())
                target += "&page_token=" + QUrl::toPercentEncoding(QString::fromLatin1(token));
            const SimAnswer answer = sim->send("GET", target);
            QCOMPARE(answer.status, 200);
            seen += stockIds(answer.json()[QStringLiteral("stock_list")].toArray());
            token = answer.json()[QStringLiteral("next_page_token")].toString().toLatin1();
            ++pages;
        } while (!token.isEmpty() && pages < 10);
        QCOMPARE(seen.size(), 25);
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), 25);
        QCOMPARE(pages, (25 + size - 1) / size);
    }
}

void TestProductCouponSimulator::pageTokensAreCheckedAndOpaque()
{
    auto sim = fixture();
    const QByteArray list = Partner + Many + "/stocks?brand_id=" + DemoBrand;
    const QString token = sim->send("GET", list).json()[QStringLiteral("next_page_token")].toString();
    const QString message = QStringLiteral("page_token 无效，请传入上一次查询返回的 next_page_token");
    auto withToken = [&](const QByteArray &base, const QString &value) {
        return sim->send("GET", base + "&page_token=" + QUrl::toPercentEncoding(value));
    };

    QCOMPARE(withToken(list, token).status, 200); // twice: a token may be used again
    QCOMPARE(withToken(list, token).status, 200);
    const SimAnswer forged = withToken(list, QStringLiteral("MTIzMjUK"));
    expectRefusal(forged, 400, "PARAM_ERROR", message, 268435461);
    QCOMPARE(forged.json()[QStringLiteral("detail")][QStringLiteral("field")].toString(), QStringLiteral("page_token"));
    QString altered = token;
    altered[2] = altered[2] == u'A' ? u'B' : u'A';
    expectRefusal(withToken(list, altered), 400, "PARAM_ERROR", message, 268435461);
    expectRefusal(withToken(list, token + QStringLiteral("AA==")), 400, "PARAM_ERROR", message, 268435461);
    // A token continues its own query only: not another filter, product coupon or caller.
    expectRefusal(withToken(list + "&state=SENDING", token), 400, "PARAM_ERROR", message, 268435461);
    expectRefusal(withToken(Partner + Singles + "/stocks?brand_id=" + DemoBrand, token), 400, "PARAM_ERROR", message,
                  268435461);
    expectRefusal(sim->sendAsBrand("GET", Brand + Many + "/stocks?page_token=" + QUrl::toPercentEncoding(token)), 400,
                  "PARAM_ERROR", message, 268435461);
}

void TestProductCouponSimulator::filtersByStateAndBundle()
{
    auto sim = fixture();
    auto list = [&](const QByteArray &pc, const QByteArray &query) {
        sim->clock().advance(1);
        return sim->send("GET", Partner + pc + "/stocks?brand_id=" + DemoBrand + query);
    };
    const QJsonObject paused = list(Many, "&state=PAUSED").json();
    QCOMPARE(paused[QStringLiteral("total_count")].toInt(), 5);
    QCOMPARE(
        stockIds(paused[QStringLiteral("stock_list")].toArray()),
        QStringList({QStringLiteral("1000000015005"), QStringLiteral("1000000015010"), QStringLiteral("1000000015015"),
                     QStringLiteral("1000000015020"), QStringLiteral("1000000015025")}));
    for (const char *state : {"SENDING", "PAUSED", "STOPPED", "DEACTIVATED", "AUDITING"}) {
        const QJsonArray batches
            = list(Singles, "&state=" + QByteArray(state)).json()[QStringLiteral("stock_list")].toArray();
        QVERIFY2(!batches.isEmpty(), state);
        for (const QJsonValue batch : batches)
            QCOMPARE(batch[QStringLiteral("state")].toString(), QString::fromLatin1(state));
    }
    // Every batch of ours, not the other 服务商's.
    const QJsonObject all = list(Singles, {}).json();
    QCOMPARE(all[QStringLiteral("total_count")].toInt(), 6);
    QVERIFY(!stockIds(all[QStringLiteral("stock_list")].toArray()).contains(QString::fromLatin1(ForeignPartner)));

    const QJsonObject group = list(Progressive, "&stock_bundle_id=" + Bundle).json();
    QCOMPARE(group[QStringLiteral("total_count")].toInt(), 3);
    for (const QJsonValue batch : group[QStringLiteral("stock_list")].toArray())
        QCOMPARE(batch[QStringLiteral("stock_bundle_info")][QStringLiteral("stock_bundle_id")].toString(),
                 QString::fromLatin1(Bundle));
    const QJsonObject none = list(Singles, "&stock_bundle_id=" + Bundle).json();
    QCOMPARE(none[QStringLiteral("total_count")].toInt(), 0);
    QCOMPARE(none[QStringLiteral("stock_list")].toArray().size(), 0);
    QVERIFY(!none.contains(QStringLiteral("next_page_token")));

    expectRefusal(list(Singles, "&state=RUNNING"), 400, "PARAM_ERROR",
                  QStringLiteral("state 只能为 AUDITING、SENDING、PAUSED、STOPPED、DEACTIVATED"), 268435461);
    expectRefusal(list("1000000099", {}), 404, "RESOURCE_NOT_EXISTS",
                  QStringLiteral("当前访问对象不存在，请确认 ID 是否合法、属于当前品牌且由当前服务商创建"), 268578608);
    // The brand's own product coupon is not the 服务商's to list.
    QCOMPARE(list(BrandSingles, {}).status, 404);
}

void TestProductCouponSimulator::changesTheTotal()
{
    auto sim = fixture();
    const SimAnswer answer = partnerUpdate(*sim, Singles, Weekend, totalBody(50000, 60000, "total_0001"));
    QCOMPARE(answer.status, 200);
    QVERIFY2(answer.verified(), qPrintable(answer.verification->text().en));
    const QJsonObject stock = answer.json();
    QCOMPARE(stock[QStringLiteral("stock_id")].toString(), QString::fromLatin1(Weekend)); // the whole entity
    QCOMPARE(stock[QStringLiteral("brand_id")].toString(), QString::fromLatin1(DemoBrand));
    QVERIFY(!stock.contains(QStringLiteral("owner")));
    QCOMPARE(maxCount(stock), 60000);
    QCOMPARE(maxCountPerDay(stock), 5000);
    QCOMPARE(stock, partnerGet(*sim, Singles, Weekend).json());
    // Lowering is allowed too, down to the issued count.
    QCOMPARE(maxCount(partnerUpdate(*sim, Singles, Weekend, totalBody(60000, 12840, "total_0002")).json()), 12840);
    // A paused batch may change as well.
    QCOMPARE(partnerUpdate(*sim, Singles, Paused, totalBody(10000, 11000, "total_0003")).status, 200);
}

void TestProductCouponSimulator::changesTheDailyCap()
{
    auto sim = fixture();
    const SimAnswer answer = partnerUpdate(*sim, Singles, Weekend, dailyBody(5000, 6000, "daily_0001"));
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.verified());
    QCOMPARE(maxCountPerDay(answer.json()), 6000);
    QCOMPARE(maxCount(answer.json()), 50000);
    QCOMPARE(maxCountPerDay(partnerGet(*sim, Singles, Weekend).json()), 6000);
}

void TestProductCouponSimulator::brandChangesItsOwnBatch()
{
    auto sim = fixture();
    const SimAnswer answer = brandUpdate(*sim, BrandSingles, BrandWeekend, totalBody(100000, 150000, "brand_0001", {}));
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.verified());
    QCOMPARE(*findHeader(answer.headers, "Wechatpay-Serial"), DemoMerchant::instance().publicKeyId.toLatin1());
    QCOMPARE(maxCount(answer.json()), 150000);
    QVERIFY(!answer.json().contains(QStringLiteral("brand_id")));
    // A brand_id in the brand's body is not its business: ignored.
    QCOMPARE(brandUpdate(*sim, BrandSingles, BrandWeekend, dailyBody(10000, 9000, "brand_0002", "999")).status, 200);
    QCOMPARE(maxCountPerDay(brandGet(*sim, BrandSingles, BrandWeekend).json()), 9000);
}

void TestProductCouponSimulator::malformedChanges_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::addColumn<qint64>("number");
    const qint64 illegal = 268435461;
    QTest::newRow("both pairs") << QByteArray(R"({"out_request_no":"both_0001","update_mode":"MAX_COUNT",)"
                                              R"("current_max_count":50000,"target_max_count":60000,)"
                                              R"("current_max_count_per_day":5000,"target_max_count_per_day":6000,)"
                                              R"("brand_id":"120344"})")
                                << "current_max_count_per_day"
                                << "update_mode 为 MAX_COUNT 时不应填写 current_max_count_per_day" << illegal;
    QTest::newRow("neither pair") << QByteArray(
        R"({"out_request_no":"neither_01","update_mode":"MAX_COUNT","brand_id":"120344"})")
                                  << "current_max_count"
                                  << "update_mode 为 MAX_COUNT 时 current_max_count 必填" << illegal;
    QTest::newRow("the daily pair in MAX_COUNT mode")
        << QByteArray(R"({"out_request_no":"mismatch_1","update_mode":"MAX_COUNT",)"
                      R"("current_max_count_per_day":5000,"target_max_count_per_day":6000,"brand_id":"120344"})")
        << "current_max_count_per_day"
        << "update_mode 为 MAX_COUNT 时不应填写 current_max_count_per_day" << illegal;
    QTest::newRow("the total pair in MAX_COUNT_PER_DAY mode")
        << QByteArray(R"({"out_request_no":"mismatch_2","update_mode":"MAX_COUNT_PER_DAY",)"
                      R"("current_max_count":50000,"target_max_count":60000,"brand_id":"120344"})")
        << "current_max_count"
        << "update_mode 为 MAX_COUNT_PER_DAY 时不应填写 current_max_count" << illegal;
    QTest::newRow("unknown update_mode")
        << QByteArray(totalBody(50000, 60000, "mode_00001")).replace("\"MAX_COUNT\"", "\"MAX_AMOUNT\"") << "update_mode"
        << "update_mode 只能为 MAX_COUNT 或 MAX_COUNT_PER_DAY" << illegal;
    QTest::newRow("no update_mode")
        << QByteArray(totalBody(50000, 60000, "mode_00002")).replace(R"("update_mode":"MAX_COUNT",)", "")
        << "update_mode"
        << "update_mode 为必填字段" << illegal;
    QTest::newRow("no current")
        << QByteArray(totalBody(50000, 60000, "current_01")).replace(R"("current_max_count":50000,)", "")
        << "current_max_count"
        << "update_mode 为 MAX_COUNT 时 current_max_count 必填" << illegal;
    QTest::newRow("no target")
        << QByteArray(totalBody(50000, 60000, "target_001")).replace(R"(,"target_max_count":60000)", "")
        << "target_max_count"
        << "update_mode 为 MAX_COUNT 时 target_max_count 必填" << illegal;
    QTest::newRow("target 0") << totalBody(50000, 0, "target_002") << "target_max_count"
                              << "target_max_count 取值范围为1-100000000" << qint64(268435464);
    QTest::newRow("target negative") << totalBody(50000, -5, "target_003") << "target_max_count"
                                     << "target_max_count 取值范围为1-100000000" << qint64(268435464);
    QTest::newRow("target above 10^8") << totalBody(50000, 100000001, "target_004") << "target_max_count"
                                       << "target_max_count 取值范围为1-100000000" << qint64(268435464);
    QTest::newRow("daily target 0") << dailyBody(5000, 0, "target_005") << "target_max_count_per_day"
                                    << "target_max_count_per_day 取值范围为1-100000000" << qint64(268435464);
    QTest::newRow("target as a string")
        << QByteArray(totalBody(50000, 60000, "target_006")).replace("60000", "\"60000\"") << "target_max_count"
        << "target_max_count 应为整数" << illegal;
    QTest::newRow("current fractional") << QByteArray(totalBody(50000, 60000, "current_02")).replace("50000", "50000.5")
                                        << "current_max_count"
                                        << "current_max_count 应为整数" << illegal;
    QTest::newRow("out_request_no 5 characters") << totalBody(50000, 60000, "abcde") << "out_request_no"
                                                 << "out_request_no 长度不能少于6个字符" << qint64(268435463);
    QTest::newRow("out_request_no 41 characters") << totalBody(50000, 60000, QByteArray(41, 'n')) << "out_request_no"
                                                  << "out_request_no 长度不能超过40个字符" << qint64(268435462);
    QTest::newRow("out_request_no with a dot")
        << totalBody(50000, 60000, "number.0001") << "out_request_no"
        << "out_request_no 只能由数字、大小写字母、下划线_、短横线-组成" << illegal;
    QTest::newRow("no out_request_no")
        << QByteArray(totalBody(50000, 60000, "x")).replace(R"("out_request_no":"x",)", "") << "out_request_no"
        << "out_request_no 为必填字符串" << illegal;
    QTest::newRow("not JSON") << QByteArray("update_mode=MAX_COUNT") << "/"
                              << "请求体不是合法的JSON对象" << illegal;
    QTest::newRow("a JSON array") << QByteArray("[]") << "/"
                                  << "请求体不是合法的JSON对象" << illegal;
}

void TestProductCouponSimulator::malformedChanges()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QFETCH(QString, message);
    QFETCH(qint64, number);
    auto sim = fixture();
    const SimAnswer answer = partnerUpdate(*sim, Singles, Weekend, body);
    expectRefusal(answer, 400, "PARAM_ERROR", message, number);
    QCOMPARE(answer.json()[QStringLiteral("detail")][QStringLiteral("field")].toString(), field);
    if (field != QLatin1String("/"))
        QVERIFY(message.contains(field) || field == QLatin1String("update_mode")); // the message names it
    QCOMPARE(maxCount(partnerGet(*sim, Singles, Weekend).json()), 50000);
    QCOMPARE(maxCountPerDay(partnerGet(*sim, Singles, Weekend).json()), 5000);
}

void TestProductCouponSimulator::currentValueMustBeTheLiveOne()
{
    auto sim = fixture();
    const QString message = QStringLiteral("当前值与批次实际值不一致，请先查询批次详情获取最新值");
    expectRefusal(partnerUpdate(*sim, Singles, Weekend, totalBody(49999, 60000, "current_11")), 400, "INVALID_REQUEST",
                  message, 268578224);
    expectRefusal(partnerUpdate(*sim, Singles, Weekend, dailyBody(4000, 6000, "current_12")), 400, "INVALID_REQUEST",
                  message, 268578224);
    QCOMPARE(maxCount(partnerGet(*sim, Singles, Weekend).json()), 50000);
}

void TestProductCouponSimulator::totalNotBelowIssued()
{
    auto sim = fixture();
    expectRefusal(partnerUpdate(*sim, Singles, Weekend, totalBody(50000, 12839, "floor_0001")), 400, "INVALID_REQUEST",
                  QStringLiteral("目标发放次数总上限不得小于当前已发放总次数"), 268578224);
    QCOMPARE(maxCount(partnerGet(*sim, Singles, Weekend).json()), 50000);
    // The daily cap has no such floor (§14 item 6: not documented).
    QCOMPARE(partnerUpdate(*sim, Singles, Weekend, dailyBody(5000, 1, "floor_0002")).status, 200);
}

void TestProductCouponSimulator::noDailyCapCannotBecomeOne()
{
    auto sim = fixture();
    expectRefusal(partnerUpdate(*sim, Singles, Uncapped, dailyBody(0, 500, "uncapped_1")), 400, "INVALID_REQUEST",
                  QStringLiteral("批次未限制每日发放次数，无法修改为限制次数"), 268578224);
    QVERIFY(!partnerGet(*sim, Singles, Uncapped)
                 .json()[QStringLiteral("stock_send_rule")]
                 .toObject()
                 .contains(QStringLiteral("max_count_per_day")));
    QCOMPARE(partnerUpdate(*sim, Singles, Uncapped, totalBody(8000, 9000, "uncapped_2")).status, 200);
}

void TestProductCouponSimulator::onlySendingOrPausedBatches_data()
{
    QTest::addColumn<QByteArray>("stock");
    QTest::addColumn<qint64>("current");
    QTest::newRow("STOPPED") << QByteArray("1000000013004") << qint64(30000);
    QTest::newRow("DEACTIVATED") << QByteArray("1000000013005") << qint64(5000);
    QTest::newRow("AUDITING") << QByteArray("1000000013006") << qint64(3000);
}

void TestProductCouponSimulator::onlySendingOrPausedBatches()
{
    QFETCH(QByteArray, stock);
    QFETCH(qint64, current);
    auto sim = fixture();
    expectRefusal(partnerUpdate(*sim, Singles, stock, totalBody(current, current + 1000, "state_0001")), 400,
                  "INVALID_REQUEST", QStringLiteral("批次状态不允许修改预算"), 268577984);
    QCOMPARE(maxCount(partnerGet(*sim, Singles, stock).json()), current);
}

void TestProductCouponSimulator::groupBatchesNeedTheGroupCall()
{
    auto sim = fixture();
    expectRefusal(partnerUpdate(*sim, Progressive, "1000000014002", totalBody(6000, 7000, "stage_0001")), 400,
                  "INVALID_REQUEST", QStringLiteral("批次组内的批次请使用修改商品券批次组发放预算接口"), 268578224);
    QCOMPARE(maxCount(partnerGet(*sim, Progressive, "1000000014002").json()), 6000);
}

void TestProductCouponSimulator::contentTypeMustBeJson()
{
    auto sim = fixture();
    const SimAnswer answer = sim->send("POST", Partner + Singles + "/stocks/" + Weekend + "/update-budget",
                                       totalBody(50000, 60000, "ctype_0001"), {{"Content-Type", "text/plain"}});
    expectRefusal(answer, 400, "INVALID_REQUEST", QStringLiteral("Http头Content-Type值必须为application/json"),
                  268435461);
}

void TestProductCouponSimulator::groupChangesEveryBatchTogether()
{
    auto sim = fixture();
    const SimAnswer answer = partnerBundleUpdate(*sim, Progressive, Bundle, totalBody(6000, 8000, "group_0001"));
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.verified());
    QCOMPARE(answer.json()[QStringLiteral("stock_bundle_id")].toString(), QString::fromLatin1(Bundle));
    const QJsonArray stages = answer.json()[QStringLiteral("stock_list")].toArray();
    QCOMPARE(stockIds(stages),
             QStringList(
                 {QStringLiteral("1000000014001"), QStringLiteral("1000000014002"), QStringLiteral("1000000014003")}));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(maxCount(stages[i].toObject()), 8000);
        QCOMPARE(stages[i][QStringLiteral("stock_bundle_info")][QStringLiteral("stock_bundle_index")].toInt(), i + 1);
        QCOMPARE(stages[i][QStringLiteral("brand_id")].toString(), QString::fromLatin1(DemoBrand));
        QVERIFY(!stages[i].toObject().contains(QStringLiteral("owner")));
        QCOMPARE(maxCount(partnerGet(*sim, Progressive, "100000001400" + QByteArray::number(i + 1)).json()), 8000);
    }
    const SimAnswer daily = partnerBundleUpdate(*sim, Progressive, Bundle, dailyBody(600, 700, "group_0002"));
    QCOMPARE(daily.status, 200);
    for (const QJsonValue stage : daily.json()[QStringLiteral("stock_list")].toArray())
        QCOMPARE(maxCountPerDay(stage.toObject()), 700);
}

void TestProductCouponSimulator::groupIsCheckedAsAWhole()
{
    auto sim = fixture();
    // 1400 would do for the stages that issued 1200 and 900, not for the one that issued 1500.
    expectRefusal(partnerBundleUpdate(*sim, Progressive, Bundle, totalBody(6000, 1400, "group_0011")), 400,
                  "INVALID_REQUEST", QStringLiteral("目标发放次数总上限不得小于当前已发放总次数"), 268578224);
    expectRefusal(partnerBundleUpdate(*sim, Progressive, Bundle, totalBody(5999, 7000, "group_0012")), 400,
                  "INVALID_REQUEST", QStringLiteral("当前值与批次实际值不一致，请先查询批次详情获取最新值"), 268578224);
    for (const char *stage : {"1000000014001", "1000000014002", "1000000014003"})
        QCOMPARE(maxCount(partnerGet(*sim, Progressive, stage).json()), 6000); // none changed
    QCOMPARE(partnerBundleUpdate(*sim, Progressive, Bundle, totalBody(6000, 1500, "group_0013")).status, 200);
}

void TestProductCouponSimulator::brandChangesItsOwnGroup()
{
    auto sim = fixture();
    const SimAnswer answer
        = sim->sendAsBrand("POST", Brand + BrandProgressive + "/stock-bundles/" + BrandBundle + "/update-budget",
                           dailyBody(600, 650, "bgroup_001", {}), {{"Content-Type", Json}});
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.verified());
    const QJsonArray stages = answer.json()[QStringLiteral("stock_list")].toArray();
    QCOMPARE(stages.size(), 3);
    for (const QJsonValue stage : stages) {
        QCOMPARE(maxCountPerDay(stage.toObject()), 650);
        QVERIFY(!stage.toObject().contains(QStringLiteral("brand_id")));
    }
}

void TestProductCouponSimulator::unknownAndForeignGroups()
{
    auto sim = fixture();
    const QString message = QStringLiteral("当前访问对象不存在，请确认 ID 是否合法、属于当前品牌且由当前服务商创建");
    expectRefusal(partnerBundleUpdate(*sim, Progressive, "999999999999", totalBody(6000, 7000, "group_0021")), 404,
                  "RESOURCE_NOT_EXISTS", message, 268578608);
    expectRefusal(partnerBundleUpdate(*sim, Singles, Bundle, totalBody(6000, 7000, "group_0022")), 404,
                  "RESOURCE_NOT_EXISTS", message, 268578608);
    expectRefusal(partnerBundleUpdate(*sim, BrandProgressive, BrandBundle, totalBody(6000, 7000, "group_0023")), 404,
                  "RESOURCE_NOT_EXISTS", message, 268578608);
    expectRefusal(sim->sendAsBrand("POST", Brand + Progressive + "/stock-bundles/" + Bundle + "/update-budget",
                                   totalBody(6000, 7000, "group_0024", {}), {{"Content-Type", Json}}),
                  404, "RESOURCE_NOT_EXISTS", message, 268578608);
}

void TestProductCouponSimulator::sameNumberSameBodyAnswersTheBatchAsItIsNow()
{
    auto sim = fixture();
    const QByteArray first = totalBody(50000, 60000, "replay_0001");
    QCOMPARE(partnerUpdate(*sim, Singles, Weekend, first).status, 200);
    QCOMPARE(partnerUpdate(*sim, Singles, Weekend, totalBody(60000, 70000, "replay_0002")).status, 200);

    const SimAnswer replay = partnerUpdate(*sim, Singles, Weekend, first);
    QCOMPARE(replay.status, 200);
    QVERIFY(replay.verified());
    QCOMPARE(maxCount(replay.json()), 70000); // the batch as it is now, not as the first answer said
    QCOMPARE(maxCount(partnerGet(*sim, Singles, Weekend).json()), 70000); // and not applied again

    // The same number for another batch is a change of its own.
    QCOMPARE(maxCount(partnerUpdate(*sim, Singles, Uncapped, totalBody(8000, 9000, "replay_0001")).json()), 9000);
    // A refused change does not use its number up: corrected, it goes through.
    QCOMPARE(partnerUpdate(*sim, Singles, Weekend, totalBody(1, 80000, "replay_0003")).status, 400);
    QCOMPARE(partnerUpdate(*sim, Singles, Weekend, totalBody(70000, 80000, "replay_0003")).status, 200);
}

void TestProductCouponSimulator::sameNumberDifferentBodyIsRefused()
{
    auto sim = fixture();
    QCOMPARE(brandUpdate(*sim, BrandSingles, BrandWeekend, totalBody(100000, 110000, "reuse_0001", {})).status, 200);
    const SimAnswer reused = brandUpdate(*sim, BrandSingles, BrandWeekend, totalBody(110000, 120000, "reuse_0001", {}));
    expectRefusal(reused, 400, "INVALID_REQUEST", QStringLiteral("使用了相同单号，但与上次请求的数据不一致"),
                  268578927);
    QCOMPARE(maxCount(brandGet(*sim, BrandSingles, BrandWeekend).json()), 110000);
    // Byte for byte: the same values written differently are a different body.
    const QByteArray spaced = QByteArray(totalBody(100000, 110000, "reuse_0001", {})).replace(",", ", ");
    QCOMPARE(brandUpdate(*sim, BrandSingles, BrandWeekend, spaced).status, 400);
}

void TestProductCouponSimulator::groupRequestNumbersReplayToo()
{
    auto sim = fixture();
    const QByteArray body = totalBody(6000, 7000, "greplay_01");
    QCOMPARE(partnerBundleUpdate(*sim, Progressive, Bundle, body).status, 200);
    const SimAnswer again = partnerBundleUpdate(*sim, Progressive, Bundle, body);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json()[QStringLiteral("stock_list")].toArray().size(), 3);
    QCOMPARE(maxCount(again.json()[QStringLiteral("stock_list")][0].toObject()), 7000);
    expectRefusal(partnerBundleUpdate(*sim, Progressive, Bundle, totalBody(7000, 7500, "greplay_01")), 400,
                  "INVALID_REQUEST", QStringLiteral("使用了相同单号，但与上次请求的数据不一致"), 268578927);
}

void TestProductCouponSimulator::rateLimitPerCaller()
{
    SimulatorConfig config = SimulatorFixture::demoConfig();
    config.productCouponRequestsPerSecond = 3;
    config.authorisedBrands.append(QStringLiteral("120345"));
    auto sim = fixture(config); // the fake clock stands still: all of these fall in one second
    QCOMPARE(partnerGet(*sim, Singles, Weekend).status, 200);
    QCOMPARE(partnerGet(*sim, Singles, Weekend).status, 200);
    // "服务商代理多品牌时各品牌共用频率配额": another brand draws on the same quota.
    QCOMPARE(partnerGet(*sim, Singles, Weekend, "120345").status, 404);
    expectRefusal(partnerGet(*sim, Singles, Weekend), 429, "RATELIMIT_EXCEEDED", QStringLiteral("超过频率限制"),
                  270924289);
    expectRefusal(partnerUpdate(*sim, Singles, Weekend, totalBody(50000, 60000, "rate_00001")), 429,
                  "RATELIMIT_EXCEEDED", QStringLiteral("超过频率限制"), 270924289);
    // The brand has a quota of its own, and 商家券 are not counted here.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(brandGet(*sim, BrandSingles, BrandWeekend).status, 200);
    QCOMPARE(brandGet(*sim, BrandSingles, BrandWeekend).status, 429);
    QCOMPARE(sim->getStock("1212000000000001").status, 200);

    sim->clock().advanceMilliseconds(1000);
    QCOMPARE(partnerUpdate(*sim, Singles, Weekend, totalBody(50000, 60000, "rate_00001")).status, 200);
}

void TestProductCouponSimulator::faultsOnProductCoupons()
{
    auto sim = fixture();
    auto faults = [&](const QString &fault) { sim->simulator().setFaults(FaultPlan::parse({fault}).value()); };

    faults(QStringLiteral("drop-before-apply"));
    const SimAnswer dropped = partnerUpdate(*sim, Singles, Weekend, totalBody(50000, 60000, "fault_0001"));
    QCOMPARE(dropped.status, 0);
    QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(maxCount(partnerGet(*sim, Singles, Weekend).json()), 50000); // lookups are answered

    faults(QStringLiteral("status=503"));
    const SimAnswer unavailable = brandUpdate(*sim, BrandSingles, BrandWeekend, totalBody(100000, 1, "fault_0002", {}));
    QCOMPARE(unavailable.status, 503);
    QCOMPARE(unavailable.code(), QStringLiteral("SERVICE_UNAVAILABLE"));
    QVERIFY(unavailable.verified());

    faults(QStringLiteral("portal"));
    const SimAnswer portal = partnerUpdate(*sim, Singles, Weekend, totalBody(50000, 60000, "fault_0003"));
    QCOMPARE(portal.status, 200);
    QVERIFY(!signedAnswer(portal));
    QVERIFY(portal.body.contains("Please sign in"));
    QVERIFY(partnerGet(*sim, Singles, Weekend).verified());

    faults(QStringLiteral("bad-signature"));
    const SimAnswer badlySigned
        = brandUpdate(*sim, BrandSingles, BrandWeekend, totalBody(100000, 110000, "fault_0004", {}));
    QCOMPARE(badlySigned.status, 200);
    QCOMPARE(badlySigned.verification->status(), Status::SignatureMismatch);

    faults(QStringLiteral("skew=-400"));
    expectRefusal(brandGet(*sim, BrandSingles, BrandWeekend), 401, "SIGN_ERROR", QStringLiteral("错误的签名，验签失败"),
                  0);

    faults(QStringLiteral("delay=300"));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(brandGet(*sim, BrandSingles, BrandWeekend).status, 200);
    QVERIFY(timer.elapsed() >= 250);

    sim->simulator().setFaults({});
    QCOMPARE(maxCount(partnerGet(*sim, Singles, Weekend).json()), 50000); // neither drop nor portal applied it
    QCOMPARE(maxCount(brandGet(*sim, BrandSingles, BrandWeekend).json()), 110000); // the badly signed one did
}

void TestProductCouponSimulator::dropAfterApplyThenReplay()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("drop-after-apply")}).value());
    const QByteArray body = totalBody(6000, 9000, "dropped_01");
    const SimAnswer lost = partnerBundleUpdate(*sim, Progressive, Bundle, body);
    QCOMPARE(lost.status, 0);
    QCOMPARE(lost.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(partnerBundleUpdate(*sim, Progressive, Bundle, body).status, 0); // a replay is "applied" too
    sim->simulator().setFaults({});
    QCOMPARE(maxCount(partnerGet(*sim, Progressive, "1000000014003").json()), 9000); // applied, once
    const SimAnswer retry = partnerBundleUpdate(*sim, Progressive, Bundle, body);
    QCOMPARE(retry.status, 200);
    QVERIFY(retry.verified());
    QCOMPARE(maxCount(retry.json()[QStringLiteral("stock_list")][2].toObject()), 9000);
}

void TestProductCouponSimulator::busyAndModifyWindow()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("busy")}).value());
    QCOMPARE(partnerGet(*sim, Singles, Weekend).status, 200); // lookups are unaffected
    const SimAnswer busy = partnerUpdate(*sim, Singles, Weekend, totalBody(50000, 60000, "busy_00001"));
    QCOMPARE(busy.status, 403);
    QCOMPARE(busy.code(), QStringLiteral("RULE_LIMIT"));
    QCOMPARE(busy.message(), QStringLiteral("批次正在修改中,请稍后重试"));
    QVERIFY(busy.verified());
    sim->simulator().setFaults({});
    QCOMPARE(maxCount(partnerGet(*sim, Singles, Weekend).json()), 50000);

    SimulatorConfig config = SimulatorFixture::demoConfig();
    config.modificationWindowMs = 30000;
    auto windowed = fixture(config);
    QCOMPARE(partnerUpdate(*windowed, Singles, Weekend, totalBody(50000, 60000, "window_001")).status, 200);
    QCOMPARE(partnerUpdate(*windowed, Singles, Weekend, totalBody(60000, 70000, "window_002")).status, 403);
    QCOMPARE(partnerUpdate(*windowed, Singles, Uncapped, totalBody(8000, 9000, "window_003")).status, 200);
    windowed->clock().advanceMilliseconds(30000);
    QCOMPARE(partnerUpdate(*windowed, Singles, Weekend, totalBody(60000, 70000, "window_002")).status, 200);
}

void TestProductCouponSimulator::requestIdsOfAnswersAndRefusals()
{
    auto sim = fixture();
    const QByteArray answered = requestId(partnerGet(*sim, Singles, Weekend));
    QVERIFY(answered.size() >= 32);
    QVERIFY(!answered.contains('-'));
    const QByteArray refused = requestId(partnerGet(*sim, Singles, "1000000013999"));
    QCOMPARE(refused.mid(refused.lastIndexOf('-') + 1), QByteArray("268578608"));
    QVERIFY(refused.left(refused.lastIndexOf('-')).size() >= 32);
    // A path under a 商品券 prefix that is no endpoint: the gateway's 404, without a number.
    const SimAnswer nowhere = sim->send("GET", Partner + Singles + "?brand_id=" + DemoBrand);
    QCOMPARE(nowhere.status, 404);
    QCOMPARE(nowhere.code(), QStringLiteral("NOT_FOUND"));
    QVERIFY(!requestId(nowhere).contains('-'));
}

QTEST_GUILESS_MAIN(TestProductCouponSimulator)
#include "TestProductCouponSimulator.moc"
