// Every business rule and every fault of the simulator, over real loopback sockets, once over
// HTTP and once over HTTPS (initTestCase_data). Each test starts a fresh simulator with the
// demo merchant and the built-in demo batches.
#include "OpenSslCli.h"
#include "SimulatorFixture.h"

#include "auth/PlatformCertificates.h"
#include "crypto/KeyLoader.h"
#include "http/TlsBackend.h"
#include "simulator/DemoMerchant.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

using Status = ResponseVerification::Status;

namespace {

const QByteArray Weekend = "1212000000000001"; // RUNNING, 50000 total / 5000 daily, 12840 issued
const QByteArray Exchange = "1212000000000003"; // RUNNING, 8000 total, no daily cap
const QByteArray Stopped = "1212000000000005"; // STOPED
const QByteArray Foreign = "1212000000000009"; // another merchant's

QByteArray totalChange(qint64 target, qint64 current, const QByteArray &number)
{
    return R"({"target_max_coupons":)" + QByteArray::number(target) + R"(,"current_max_coupons":)"
        + QByteArray::number(current) + R"(,"modify_budget_request_no":")" + number + R"("})";
}

QByteArray dailyChange(qint64 target, qint64 current, const QByteArray &number)
{
    return R"({"target_max_coupons_by_day":)" + QByteArray::number(target) + R"(,"current_max_coupons_by_day":)"
        + QByteArray::number(current) + R"(,"modify_budget_request_no":")" + number + R"("})";
}

qint64 maxCoupons(const SimAnswer &stock)
{
    return stock.json()[QStringLiteral("stock_send_rule")][QStringLiteral("max_coupons")].toInteger();
}

bool hasSignatureHeaders(const SimAnswer &answer)
{
    return findHeader(answer.headers, "Wechatpay-Signature").has_value();
}

} // namespace

class TestWeChatPaySimulator : public QObject
{
    Q_OBJECT

private:
    SimulatorFixture::Transport transport() const;
    std::unique_ptr<SimulatorFixture> fixture(SimulatorConfig config = SimulatorFixture::demoConfig()) const;
    void expectError(const SimAnswer &answer, int status, const char *code, const QString &message);

private Q_SLOTS:
    void initTestCase_data();

    // Lookup
    void getStockReturnsTheStockSchemaSigned();
    void getUnknownStock();
    void stockIdLength();

    // Budget changes
    void changesTheTotal();
    void changesTheDailyCap();
    void currentValueIsACompareAndSet();
    void totalNotBelowIssued();
    void onlyTheOwnerMayChange();
    void unknownAndExpiredStocks();
    void changeStillBeingApplied();
    void malformedBodies_data();
    void malformedBodies();
    void requestNumberIsIdempotent();
    void requestNumberBelongsToItsBatch();
    void signatureCoversTheTargetAsSent();
    void rateLimitPerMerchant();
    void contentTypeMustBeJson();

    // Like the real service
    void missingAcceptOrUserAgent_data();
    void missingAcceptOrUserAgent();
    void everyAnswerHasARequestId();
    void signErrorsExplainThemselves_data();
    void signErrorsExplainThemselves();
    void timestampWindow_data();
    void timestampWindow();
    void authorizationParametersInAnyOrder();
    void independentlySignedRequestsAndAnswers();
    void requestSerialChoosesTheAnswerKey_data();
    void requestSerialChoosesTheAnswerKey();
    void certificatesDownload();
    void certificatesInPublicKeyOnlyMode();

    // Faults
    void faultsSpoilAnswerSignatures_data();
    void faultsSpoilAnswerSignatures();
    void signTestFraction();
    void skewMovesTheSimulatorsClock();
    void delayHoldsTheAnswer();
    void dropBeforeApply();
    void dropAfterApplyThenRetry();
    void statusFaults_data();
    void statusFaults();
    void busyFault();
    void portalAnswersChangesItself();
    void countLimitsTheFaults();
};

void TestWeChatPaySimulator::initTestCase_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("http") << false;
    QTest::newRow("https") << true;
}

SimulatorFixture::Transport TestWeChatPaySimulator::transport() const
{
    QFETCH_GLOBAL(bool, tls);
    return tls ? SimulatorFixture::Transport::Https : SimulatorFixture::Transport::Http;
}

std::unique_ptr<SimulatorFixture> TestWeChatPaySimulator::fixture(SimulatorConfig config) const
{
    return std::make_unique<SimulatorFixture>(transport(), std::move(config));
}

void TestWeChatPaySimulator::expectError(const SimAnswer &answer, int status, const char *code, const QString &message)
{
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.code(), QString::fromLatin1(code));
    QCOMPARE(answer.message(), message);
    // As with the real service: a refusal of an authenticated request is signed like any
    // answer; a SIGN_ERROR, or a request too broken to authenticate, is not.
    const bool beforeAuthentication = status == 401 || answer.message().contains(QStringLiteral("Http头缺少"));
    if (beforeAuthentication) {
        QVERIFY(!hasSignatureHeaders(answer));
    } else {
        QVERIFY(hasSignatureHeaders(answer));
        QVERIFY2(answer.verified(), qPrintable(answer.verification->text().en));
    }
    QVERIFY(findHeader(answer.headers, "Request-ID").has_value());
}

void TestWeChatPaySimulator::getStockReturnsTheStockSchemaSigned()
{
    auto sim = fixture();
    const SimAnswer answer = sim->getStock(Weekend);
    QCOMPARE(answer.status, 200);
    QVERIFY2(answer.verified(), qPrintable(answer.verification->text().en));
    // The HTTPS rows run on the TLS backend the programs ship (tests/support/TestEnvironment.cpp).
    QCOMPARE(QSslSocket::activeBackend(), shippedTlsBackend());
    const QJsonObject stock = answer.json();
    QCOMPARE(stock[QStringLiteral("stock_id")].toString(), QString::fromLatin1(Weekend));
    QCOMPARE(stock[QStringLiteral("stock_state")].toString(), QStringLiteral("RUNNING"));
    QCOMPARE(stock[QStringLiteral("belong_merchant")].toString(), DemoMerchant::instance().mchid);
    QCOMPARE(maxCoupons(answer), 50000);
    QCOMPARE(stock[QStringLiteral("stock_send_rule")][QStringLiteral("max_coupons_by_day")].toInteger(), 5000);
    QCOMPARE(stock[QStringLiteral("send_count_information")][QStringLiteral("total_send_num")].toInteger(), 12840);
    const QJsonObject window
        = stock[QStringLiteral("coupon_use_rule")][QStringLiteral("coupon_available_time")].toObject();
    QVERIFY(QDateTime::fromString(window[QStringLiteral("available_end_time")].toString(), Qt::ISODate).isValid());
    QVERIFY(window[QStringLiteral("available_begin_time")].toString().endsWith(QStringLiteral("+08:00")));
}

void TestWeChatPaySimulator::getUnknownStock()
{
    auto sim = fixture();
    expectError(sim->getStock("99999"), 404, "RESOURCE_NOT_EXISTS", QStringLiteral("批次不存在"));
}

void TestWeChatPaySimulator::stockIdLength()
{
    auto sim = fixture();
    const SimAnswer tooLong = sim->getStock(QByteArray(21, '1'));
    expectError(tooLong, 400, "PARAM_ERROR", QStringLiteral("参数错误"));
    QCOMPARE(tooLong.json()[QStringLiteral("detail")][QStringLiteral("field")].toString(), QStringLiteral("stock_id"));
    const SimAnswer patch = sim->patchBudget(QByteArray(21, '1'), totalChange(60000, 50000, "n1"));
    QCOMPARE(patch.json()[QStringLiteral("detail")][QStringLiteral("field")].toString(), QStringLiteral("stock_id"));
    QCOMPARE(sim->getStock(QByteArray(20, '1')).status, 404); // 20 characters is a valid ID, just unknown
}

void TestWeChatPaySimulator::changesTheTotal()
{
    auto sim = fixture();
    const SimAnswer answer = sim->patchBudget(Weekend, totalChange(60000, 50000, "total-1"));
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.verified());
    QCOMPARE(answer.json(),
             QJsonObject({{QStringLiteral("max_coupons"), 60000}, {QStringLiteral("max_coupons_by_day"), 5000}}));
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 60000);

    // Lowering is allowed too, down to the issued count.
    QCOMPARE(sim->patchBudget(Weekend, totalChange(12840, 60000, "total-2")).status, 200);
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 12840);

    // A batch without a daily cap answers max_coupons only.
    const SimAnswer exchange = sim->patchBudget(Exchange, totalChange(9000, 8000, "total-3"));
    QCOMPARE(exchange.json(), QJsonObject({{QStringLiteral("max_coupons"), 9000}}));
}

void TestWeChatPaySimulator::changesTheDailyCap()
{
    auto sim = fixture();
    const SimAnswer answer = sim->patchBudget(Weekend, dailyChange(6000, 5000, "daily-1"));
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.verified());
    QCOMPARE(answer.json(),
             QJsonObject({{QStringLiteral("max_coupons"), 50000}, {QStringLiteral("max_coupons_by_day"), 6000}}));
    const QJsonObject rule = sim->getStock(Weekend).json()[QStringLiteral("stock_send_rule")].toObject();
    QCOMPARE(rule[QStringLiteral("max_coupons_by_day")].toInteger(), 6000);
    QCOMPARE(rule[QStringLiteral("max_coupons")].toInteger(), 50000);
}

void TestWeChatPaySimulator::currentValueIsACompareAndSet()
{
    auto sim = fixture();
    expectError(sim->patchBudget(Weekend, totalChange(60000, 49999, "cas-1")), 403, "RULE_LIMIT",
                QStringLiteral("批次库存的当前值错误,请获取批次详情查看最新值"));
    expectError(sim->patchBudget(Weekend, dailyChange(6000, 4000, "cas-2")), 403, "RULE_LIMIT",
                QStringLiteral("批次库存的当前值错误,请获取批次详情查看最新值"));
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 50000);
}

void TestWeChatPaySimulator::totalNotBelowIssued()
{
    auto sim = fixture();
    expectError(sim->patchBudget(Weekend, totalChange(12839, 50000, "low-1")), 403, "RULE_LIMIT",
                QStringLiteral("目标库存数目不能小于批次已发放库存数目"));
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 50000);
}

void TestWeChatPaySimulator::onlyTheOwnerMayChange()
{
    auto sim = fixture();
    QCOMPARE(sim->getStock(Foreign).status, 200); // visible…
    expectError(sim->patchBudget(Foreign, totalChange(6000, 5000, "foreign-1")), 403, "RULE_LIMIT",
                QStringLiteral("仅创建方有权限使券失效")); // …but not ours to change
}

void TestWeChatPaySimulator::unknownAndExpiredStocks()
{
    auto sim = fixture();
    expectError(sim->patchBudget("404404", totalChange(6000, 5000, "u-1")), 404, "RESOURCE_NOT_EXISTS",
                QStringLiteral("批次不存在"));
    expectError(sim->patchBudget(Stopped, totalChange(40000, 30000, "u-2")), 404, "RESOURCE_NOT_EXISTS",
                QStringLiteral("批次已过期"));
    // A running batch past its end time has expired too (both ends' clocks move together).
    sim->clock().advance(77 * 24 * 3600);
    expectError(sim->patchBudget(Weekend, totalChange(60000, 50000, "u-3")), 404, "RESOURCE_NOT_EXISTS",
                QStringLiteral("批次已过期"));
}

void TestWeChatPaySimulator::changeStillBeingApplied()
{
    SimulatorConfig config = SimulatorFixture::demoConfig();
    config.modificationWindowMs = 30000;
    auto sim = fixture(config);
    QCOMPARE(sim->patchBudget(Weekend, totalChange(60000, 50000, "w-1")).status, 200);
    expectError(sim->patchBudget(Weekend, totalChange(70000, 60000, "w-2")), 403, "RULE_LIMIT",
                QStringLiteral("批次正在修改中,请稍后重试"));
    // Other batches are not affected.
    QCOMPARE(sim->patchBudget(Exchange, totalChange(9000, 8000, "w-3")).status, 200);
    sim->clock().advanceMilliseconds(30000);
    QCOMPARE(sim->patchBudget(Weekend, totalChange(70000, 60000, "w-4")).status, 200);
}

void TestWeChatPaySimulator::malformedBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("both") << QByteArray(R"({"target_max_coupons":60000,"current_max_coupons":50000,)"
                                        R"("target_max_coupons_by_day":6000,"current_max_coupons_by_day":5000,)"
                                        R"("modify_budget_request_no":"b"})")
                          << "target_max_coupons";
    QTest::newRow("neither") << QByteArray(R"({"modify_budget_request_no":"n"})") << "target_max_coupons";
    QTest::newRow("total without current")
        << QByteArray(R"({"target_max_coupons":60000,"modify_budget_request_no":"c"})") << "current_max_coupons";
    QTest::newRow("daily without current")
        << QByteArray(R"({"target_max_coupons_by_day":60,"modify_budget_request_no":"d"})")
        << "current_max_coupons_by_day";
    QTest::newRow("not JSON") << QByteArray("target_max_coupons=3000") << "/";
    QTest::newRow("JSON array") << QByteArray("[]") << "/";
    QTest::newRow("target as string") << QByteArray(
        R"({"target_max_coupons":"60000","current_max_coupons":50000,"modify_budget_request_no":"m"})")
                                      << "target_max_coupons";
    QTest::newRow("target fractional") << QByteArray(
        R"({"target_max_coupons":60000.5,"current_max_coupons":50000,"modify_budget_request_no":"m"})")
                                       << "target_max_coupons";
    QTest::newRow("current null") << QByteArray(
        R"({"target_max_coupons":60000,"current_max_coupons":null,"modify_budget_request_no":"m"})")
                                  << "current_max_coupons";
    QTest::newRow("daily as boolean") << QByteArray(
        R"({"target_max_coupons_by_day":true,"current_max_coupons_by_day":5000,"modify_budget_request_no":"m"})")
                                      << "target_max_coupons_by_day";
    QTest::newRow("target 0") << totalChange(0, 50000, "m") << "target_max_coupons";
    QTest::newRow("target negative") << totalChange(-5, 50000, "m") << "target_max_coupons";
    QTest::newRow("target above 10^9") << totalChange(1000000001, 50000, "m") << "target_max_coupons";
    QTest::newRow("daily above 10^9") << dailyChange(1000000001, 5000, "m") << "target_max_coupons_by_day";
    QTest::newRow("current negative") << totalChange(60000, -1, "m") << "current_max_coupons";
    QTest::newRow("request number missing")
        << QByteArray(R"({"target_max_coupons":60000,"current_max_coupons":50000})") << "modify_budget_request_no";
    QTest::newRow("request number empty") << totalChange(60000, 50000, "") << "modify_budget_request_no";
    QTest::newRow("request number 129 characters")
        << totalChange(60000, 50000, QByteArray(129, 'x')) << "modify_budget_request_no";
    QTest::newRow("request number a number")
        << QByteArray(R"({"target_max_coupons":60000,"current_max_coupons":50000,"modify_budget_request_no":42})")
        << "modify_budget_request_no";
}

void TestWeChatPaySimulator::malformedBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    auto sim = fixture();
    const SimAnswer answer = sim->patchBudget(Weekend, body);
    expectError(answer, 400, "PARAM_ERROR", QStringLiteral("参数错误"));
    QCOMPARE(answer.json()[QStringLiteral("detail")][QStringLiteral("field")].toString(), field);
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 50000);
}

void TestWeChatPaySimulator::requestNumberIsIdempotent()
{
    auto sim = fixture();
    QCOMPARE(sim->patchBudget(Weekend, totalChange(60000, 50000, QByteArray(128, 'r'))).status, 200); // 128 is fine

    const QByteArray body = totalChange(61000, 60000, "same-number");
    const SimAnswer first = sim->patchBudget(Weekend, body);
    const SimAnswer again = sim->patchBudget(Weekend, body);
    QCOMPARE(first.status, 200);
    QCOMPARE(again.status, 200);
    QVERIFY(again.verified());
    QCOMPARE(again.body, first.body);
    QVERIFY(*findHeader(again.headers, "Request-ID") != *findHeader(first.headers, "Request-ID"));
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 61000); // applied once

    const SimAnswer different = sim->patchBudget(Weekend, totalChange(62000, 61000, "same-number"));
    expectError(different, 400, "PARAM_ERROR", QStringLiteral("参数错误"));
    QCOMPARE(different.json()[QStringLiteral("detail")][QStringLiteral("field")].toString(),
             QStringLiteral("modify_budget_request_no"));
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 61000);

    // A refused change does not use its number up: corrected, it goes through.
    QCOMPARE(sim->patchBudget(Weekend, totalChange(63000, 1, "retry-me")).status, 403);
    QCOMPARE(sim->patchBudget(Weekend, totalChange(63000, 61000, "retry-me")).status, 200);
}

// The same number for another batch is a change of its own, not a replay of the first.
void TestWeChatPaySimulator::requestNumberBelongsToItsBatch()
{
    auto sim = fixture();
    QCOMPARE(sim->patchBudget(Weekend, totalChange(60000, 50000, "shared-number")).status, 200);
    const SimAnswer other = sim->patchBudget(Exchange, totalChange(9000, 8000, "shared-number"));
    QCOMPARE(other.status, 200);
    QCOMPARE(other.json()[QStringLiteral("max_coupons")].toInteger(), 9000);
    QCOMPARE(maxCoupons(sim->getStock(Exchange)), 9000);
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 60000);
}

// The signature is checked over the request target exactly as it arrived: a signature over
// the decoded form does not cover the encoded one, and the reverse is accepted.
void TestWeChatPaySimulator::signatureCoversTheTargetAsSent()
{
    auto sim = fixture();
    const QByteArray decoded = "/v3/marketing/busifavor/stocks/" + Weekend;
    const QByteArray encoded = "/v3/marketing/busifavor/stocks/%31" + Weekend.mid(1);
    auto request = [&](const QByteArray &signedTarget, const QByteArray &sentTarget) {
        const QByteArray authorization = sim->signer().sign("GET", signedTarget, {})->authorization;
        return sim->rawExchange("GET " + sentTarget
                                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                                  "User-Agent: raw/1.0\r\nAuthorization: "
                                + authorization + "\r\n\r\n");
    };
    QVERIFY(request(encoded, encoded).startsWith("HTTP/1.1 200"));
    const QByteArray mismatch = request(decoded, encoded);
    QVERIFY2(mismatch.startsWith("HTTP/1.1 401"), mismatch.constData());
    QVERIFY(mismatch.contains(encoded)); // truncated_sign_message shows what was checked
}

void TestWeChatPaySimulator::rateLimitPerMerchant()
{
    SimulatorConfig config = SimulatorFixture::demoConfig();
    config.requestsPerSecond = 3;
    auto sim = fixture(config); // the fake clock stands still, so all of these fall in one second
    for (int i = 0; i < 3; ++i)
        QCOMPARE(sim->getStock(Weekend).status, 200);
    expectError(sim->getStock(Weekend), 429, "FREQUENCY_LIMITED", QStringLiteral("调用太频繁，请降低调用接口频率"));
    expectError(sim->patchBudget(Weekend, totalChange(60000, 50000, "rate")), 429, "FREQUENCY_LIMITED",
                QStringLiteral("调用太频繁，请降低调用接口频率"));
    sim->clock().advanceMilliseconds(1000);
    QCOMPARE(sim->patchBudget(Weekend, totalChange(60000, 50000, "rate")).status, 200);
}

void TestWeChatPaySimulator::contentTypeMustBeJson()
{
    auto sim = fixture();
    const SimAnswer answer = sim->send("PATCH", "/v3/marketing/busifavor/stocks/" + Weekend + "/budget",
                                       totalChange(60000, 50000, "ct"), {{"Content-Type", "text/plain"}});
    expectError(answer, 400, "INVALID_REQUEST", QStringLiteral("Http头Content-Type值必须为application/json"));
}

void TestWeChatPaySimulator::missingAcceptOrUserAgent_data()
{
    QTest::addColumn<QByteArray>("omit");
    QTest::newRow("Accept") << QByteArray("Accept");
    QTest::newRow("User-Agent") << QByteArray("User-Agent");
}

void TestWeChatPaySimulator::missingAcceptOrUserAgent()
{
    QFETCH(QByteArray, omit);
    auto sim = fixture();
    const QByteArray target = "/v3/marketing/busifavor/stocks/" + Weekend;
    const QByteArray authorization = sim->signer().sign("GET", target, {})->authorization;
    QByteArray request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization + "\r\n";
    if (omit != "Accept")
        request += "Accept: application/json\r\n";
    if (omit != "User-Agent")
        request += "User-Agent: raw-socket/1.0\r\n";
    request += "\r\n";
    const QByteArray raw = sim->rawExchange(request);
    QVERIFY2(raw.startsWith("HTTP/1.1 400"), raw.constData());
    const QJsonObject body = QJsonDocument::fromJson(raw.mid(raw.indexOf("\r\n\r\n") + 4)).object();
    QCOMPARE(body[QStringLiteral("code")].toString(), QStringLiteral("INVALID_REQUEST"));
    QCOMPARE(body[QStringLiteral("message")].toString(), QStringLiteral("Http头缺少Accept或User-Agent"));
}

void TestWeChatPaySimulator::everyAnswerHasARequestId()
{
    auto sim = fixture();
    QSet<QByteArray> ids;
    for (const SimAnswer &answer : {sim->getStock(Weekend), sim->getStock("1"), sim->patchBudget(Weekend, "{}"),
                                    sim->send("GET", "/v3/unknown/path")}) {
        const auto id = findHeader(answer.headers, "Request-ID");
        QVERIFY(id.has_value() && id->size() >= 32);
        ids.insert(*id);
    }
    QCOMPARE(ids.size(), 4);
}

void TestWeChatPaySimulator::signErrorsExplainThemselves_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("issue");
    const DemoMerchant &demo = DemoMerchant::instance();
    const QByteArray good = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + demo.mchid.toLatin1()
        + "\",nonce_str=\"N\",timestamp=\"T\",serial_no=\"" + demo.merchantSerial.toLatin1() + "\",signature=\"S\"";
    QTest::newRow("no Authorization") << QByteArray() << "Http头缺少Authorization"
                                      << "authorization missing";
    QTest::newRow("other scheme") << QByteArray("Bearer abc")
                                  << "Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》"
                                  << "authorization format invalid";
    QTest::newRow("signature missing") << QByteArray(good).replace(",signature=\"S\"", "")
                                       << "Http头Authorization缺少signature"
                                       << "signature missing";
    QTest::newRow("other mchid") << QByteArray(good).replace(demo.mchid.toLatin1(), "1900000999")
                                 << "错误的签名，验签失败"
                                 << "mchid not match";
    QTest::newRow("other serial") << QByteArray(good).replace(demo.merchantSerial.toLatin1(), "ABCDEF")
                                  << "商户证书序列号有误。请使用签名私钥匹配的证书序列号"
                                  << "serial_no not match";
    QTest::newRow("timestamp in milliseconds") << QByteArray(good).replace("\"T\"", "\"1700000000000\"")
                                               << "Http头Authorization中的timestamp与发起请求的时间不得超过5分钟"
                                               << "timestamp expired";
    // Far outside any integer's range: refused, without an overflow on the way (UBSan watches).
    for (const char *huge : {"9223372036854775807", "-9223372036854775808", "99999999999999999999999", "1e9", " 1"}) {
        QTest::newRow(qPrintable(QStringLiteral("timestamp %1").arg(QLatin1String(huge))))
            << QByteArray(good).replace("\"T\"", "\"" + QByteArray(huge) + "\"")
            << "Http头Authorization中的timestamp与发起请求的时间不得超过5分钟"
            << "timestamp expired";
    }
}

void TestWeChatPaySimulator::signErrorsExplainThemselves()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QString, message);
    QFETCH(QString, issue);
    auto sim = fixture();
    HttpHeaders headers = {{"Accept", "application/json"}, {"User-Agent", "tests"}};
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const SimAnswer answer = sim->sendRaw("GET", "/v3/marketing/busifavor/stocks/" + Weekend, {}, headers);
    expectError(answer, 401, "SIGN_ERROR", message);
    QCOMPARE(answer.json()[QStringLiteral("detail")][QStringLiteral("detail")][QStringLiteral("issue")].toString(),
             issue);
}

void TestWeChatPaySimulator::timestampWindow_data()
{
    QTest::addColumn<qint64>("clientAhead");
    QTest::addColumn<int>("status");
    QTest::newRow("in step") << qint64(0) << 200;
    QTest::newRow("client 300 s ahead") << qint64(300) << 200;
    QTest::newRow("client 300 s behind") << qint64(-300) << 200;
    QTest::newRow("client 301 s ahead") << qint64(301) << 401;
    QTest::newRow("client 301 s behind") << qint64(-301) << 401;
}

void TestWeChatPaySimulator::timestampWindow()
{
    QFETCH(qint64, clientAhead);
    QFETCH(int, status);
    auto sim = fixture();
    const QByteArray target = "/v3/marketing/busifavor/stocks/" + Weekend;
    const QByteArray timestamp = QByteArray::number(sim->clock().nowSeconds() + clientAhead);
    const QByteArray message = "GET\n" + target + "\n" + timestamp + "\nnonce\n\n";
    const QByteArray signature
        = KeyLoader::merchantKey(DemoMerchant::instance().merchantPrivateKeyPem)->key.signSha256(message).toBase64();
    const QByteArray authorization = "WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",nonce_str=\"nonce\",timestamp=\""
        + timestamp + "\",serial_no=\"" + DemoMerchant::instance().merchantSerial.toLatin1() + "\",signature=\""
        + signature + "\"";
    const SimAnswer answer
        = sim->sendRaw("GET", target, {}, {{"Accept", "*/*"}, {"User-Agent", "t"}, {"Authorization", authorization}});
    QCOMPARE(answer.status, status);
    if (status == 401)
        QCOMPARE(answer.message(), QStringLiteral("Http头Authorization中的timestamp与发起请求的时间不得超过5分钟"));
}

void TestWeChatPaySimulator::authorizationParametersInAnyOrder()
{
    auto sim = fixture();
    const QByteArray target = "/v3/marketing/busifavor/stocks/" + Weekend;
    const QByteArray authorization = sim->signer().sign("GET", target, {})->authorization;
    // Rebuild as WXPayUtility orders it (mchid, nonce_str, signature, timestamp, serial_no),
    // and with spaces after the commas.
    QHash<QByteArray, QByteArray> parts;
    for (const QByteArray &pair : authorization.mid(authorization.indexOf(' ') + 1).split(',')) {
        const qsizetype equals = pair.indexOf('=');
        parts.insert(pair.left(equals), pair.mid(equals + 1));
    }
    const QByteArray reordered = "WECHATPAY2-SHA256-RSA2048 mchid=" + parts["mchid"]
        + ", nonce_str=" + parts["nonce_str"] + ", signature=" + parts["signature"]
        + ", timestamp=" + parts["timestamp"] + ", serial_no=" + parts["serial_no"];
    const SimAnswer answer = sim->sendRaw(
        "GET", target, {}, {{"Accept", "application/json"}, {"User-Agent", "t"}, {"Authorization", reordered}});
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.verified());
}

void TestWeChatPaySimulator::independentlySignedRequestsAndAnswers()
{
    // Requests signed by the openssl command line, answers checked by it: nothing of
    // core/auth or the simulator's own signing code on the other side.
    auto sim = fixture();
    QTemporaryDir dir;
    const DemoMerchant &demo = DemoMerchant::instance();
    QVERIFY(demo.writeClientFiles(dir.path()));

    const QByteArray target = "/v3/marketing/busifavor/stocks/" + Weekend + "/budget";
    const QByteArray body = totalChange(70000, 50000, "openssl-signed-1");
    const QByteArray timestamp = QByteArray::number(sim->clock().nowSeconds());
    const QByteArray nonce = "0penSSLn0nce0penSSLn0nce0penSSL1";
    const QByteArray signature = opensslSign(dir.filePath(DemoMerchant::MerchantKeyFile),
                                             "PATCH\n" + target + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n");
    QCOMPARE(signature.size(), 256);
    const QByteArray authorization = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + demo.mchid.toLatin1() + "\",nonce_str=\""
        + nonce + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + demo.merchantSerial.toLatin1() + "\",signature=\""
        + signature.toBase64() + "\"";
    const SimAnswer answer = sim->sendRaw("PATCH", target, body,
                                          {{"Accept", "application/json"},
                                           {"User-Agent", "openssl"},
                                           {"Content-Type", "application/json"},
                                           {"Wechatpay-Serial", demo.publicKeyId.toLatin1()},
                                           {"Authorization", authorization}});
    QCOMPARE(answer.status, 200);

    const QByteArray answerMessage = *findHeader(answer.headers, "Wechatpay-Timestamp") + "\n"
        + *findHeader(answer.headers, "Wechatpay-Nonce") + "\n" + answer.body + "\n";
    const QByteArray answerSignature = QByteArray::fromBase64(*findHeader(answer.headers, "Wechatpay-Signature"));
    QVERIFY(opensslVerify(dir.filePath(DemoMerchant::WechatPayPublicKeyFile), answerMessage, answerSignature));
    QVERIFY(!opensslVerify(dir.filePath(DemoMerchant::WechatPayPublicKeyFile), answerMessage + " ", answerSignature));

    // One byte changed after signing: the simulator must refuse, and say what it expected.
    const SimAnswer tampered = sim->sendRaw("PATCH", target, QByteArray(body).replace("70000", "70001"),
                                            {{"Accept", "application/json"},
                                             {"User-Agent", "openssl"},
                                             {"Content-Type", "application/json"},
                                             {"Authorization", authorization}});
    expectError(tampered, 401, "SIGN_ERROR", QStringLiteral("错误的签名，验签失败"));
    const QJsonObject information
        = tampered.json()[QStringLiteral("detail")][QStringLiteral("sign_information")].toObject();
    const QByteArray expected = "PATCH\n" + target + "\n" + timestamp + "\n" + nonce + "\n"
        + QByteArray(body).replace("70000", "70001") + "\n";
    QCOMPARE(information[QStringLiteral("truncated_sign_message")].toString().toUtf8(), expected);
    QCOMPARE(information[QStringLiteral("sign_message_length")].toInt(), expected.size());
    QCOMPARE(information[QStringLiteral("url")].toString().toLatin1(), target);
    QCOMPARE(information[QStringLiteral("method")].toString(), QStringLiteral("PATCH"));
}

void TestWeChatPaySimulator::requestSerialChoosesTheAnswerKey_data()
{
    const DemoMerchant &demo = DemoMerchant::instance();
    QTest::addColumn<QByteArray>("requestSerial");
    QTest::addColumn<QByteArray>("answerSerial");
    QTest::newRow("public key ID") << demo.publicKeyId.toLatin1() << demo.publicKeyId.toLatin1();
    QTest::newRow("platform serial") << demo.platformSerial.toLatin1() << demo.platformSerial.toLatin1();
    QTest::newRow("none: the platform certificate, as WeChat Pay defaults")
        << QByteArray() << demo.platformSerial.toLatin1();
    QTest::newRow("unknown: the default")
        << QByteArray("PUB_KEY_ID_0000000000000000000000000000000077") << demo.platformSerial.toLatin1();
}

void TestWeChatPaySimulator::requestSerialChoosesTheAnswerKey()
{
    QFETCH(QByteArray, requestSerial);
    QFETCH(QByteArray, answerSerial);
    auto sim = fixture();
    const SimAnswer answer = sim->send("GET", "/v3/marketing/busifavor/stocks/" + Weekend, {}, {}, requestSerial);
    QCOMPARE(*findHeader(answer.headers, "Wechatpay-Serial"), answerSerial);
    QVERIFY(answer.verified());
}

void TestWeChatPaySimulator::certificatesDownload()
{
    auto sim = fixture();
    const SimAnswer answer = sim->send("GET", "/v3/certificates?algorithm_type=RSA");
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.verified());
    const DemoMerchant &demo = DemoMerchant::instance();
    QCOMPARE(*findHeader(answer.headers, "Wechatpay-Serial"), demo.platformSerial.toLatin1());
    auto certificates = decryptPlatformCertificates(answer.body, ApiV3Decryptor::create(demo.apiV3Key).value());
    QVERIFY(certificates.ok());
    QCOMPARE(certificates->size(), 1);
    QCOMPARE(certificates->first().serial, demo.platformSerial);
    QCOMPARE(certificates->first().certificate.toPem(), KeyLoader::certificate(demo.platformCertificatePem)->toPem());
    QCOMPARE(
        answer
            .json()[QStringLiteral("data")][0][QStringLiteral("encrypt_certificate")][QStringLiteral("associated_data")]
            .toString(),
        QStringLiteral("certificate"));
    // The wrong APIv3 key cannot open it.
    QVERIFY(!decryptPlatformCertificates(answer.body, ApiV3Decryptor::create(QByteArray(32, 'k')).value()).ok());
}

void TestWeChatPaySimulator::certificatesInPublicKeyOnlyMode()
{
    SimulatorConfig config = SimulatorFixture::demoConfig();
    config.certificateIdentity.reset();
    auto sim = fixture(config);
    const SimAnswer answer = sim->send("GET", "/v3/certificates");
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.code(), QStringLiteral("RESOURCE_NOT_EXISTS"));
    QVERIFY(answer.message().startsWith(QStringLiteral("无可用的平台证书")));
    // Everything else is signed with the public key.
    const SimAnswer stock = sim->getStock(Weekend);
    QVERIFY(stock.verified());
    QCOMPARE(*findHeader(stock.headers, "Wechatpay-Serial"), DemoMerchant::instance().publicKeyId.toLatin1());
}

void TestWeChatPaySimulator::faultsSpoilAnswerSignatures_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<Status>("status");
    QTest::newRow("bad-signature") << "bad-signature" << Status::SignatureMismatch;
    QTest::newRow("signtest") << "signtest" << Status::SignatureProbe;
    QTest::newRow("wrong-serial") << "wrong-serial" << Status::UnknownSerial;
    QTest::newRow("omit-signature-headers") << "omit-signature-headers" << Status::MissingHeader;
}

void TestWeChatPaySimulator::faultsSpoilAnswerSignatures()
{
    QFETCH(QString, fault);
    QFETCH(Status, status);
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({fault}).value());
    const SimAnswer lookup = sim->getStock(Weekend);
    QCOMPARE(lookup.status, 200);
    QCOMPARE(lookup.verification->status(), status);
    // A budget change under the same fault is applied, but its answer cannot be trusted.
    const SimAnswer change = sim->patchBudget(Weekend, totalChange(60000, 50000, "fault"));
    QCOMPARE(change.status, 200);
    QCOMPARE(change.verification->status(), status);
    sim->simulator().setFaults({});
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 60000);
}

void TestWeChatPaySimulator::signTestFraction()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("signtest=0")}).value());
    QVERIFY(sim->getStock(Weekend).verified());
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("signtest=0.5")}).value());
    int probes = 0;
    for (int i = 0; i < 30; ++i) {
        const SimAnswer answer = sim->getStock(Weekend);
        if (answer.verification->status() == Status::SignatureProbe)
            ++probes;
        else
            QVERIFY(answer.verified());
    }
    QVERIFY2(probes >= 5 && probes <= 25, qPrintable(QString::number(probes))); // seeded: the same every run
}

void TestWeChatPaySimulator::skewMovesTheSimulatorsClock()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("skew=250")}).value());
    const SimAnswer answer = sim->getStock(Weekend);
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.verified()); // 250 s is inside the window
    QCOMPARE(findHeader(answer.headers, "Wechatpay-Timestamp")->toLongLong(), sim->clock().nowSeconds() + 250);
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(*findHeader(answer.headers, "Date")),
                                             QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    date.setTimeSpec(Qt::UTC);
    QCOMPARE(date.toSecsSinceEpoch(), sim->clock().nowSeconds() + 250);

    // 400 s off, the simulator refuses our timestamps, as WeChat Pay refuses a skewed PC's.
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("skew=-400")}).value());
    expectError(sim->getStock(Weekend), 401, "SIGN_ERROR",
                QStringLiteral("Http头Authorization中的timestamp与发起请求的时间不得超过5分钟"));
}

void TestWeChatPaySimulator::delayHoldsTheAnswer()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("delay=400")}).value());
    QElapsedTimer timer;
    timer.start();
    const SimAnswer answer = sim->getStock(Weekend);
    QCOMPARE(answer.status, 200);
    QVERIFY(timer.elapsed() >= 350);

    // A client that gives up first sees a timeout, while the change still happened.
    auto signedRequest = sim->signer().sign("PATCH", "/v3/marketing/busifavor/stocks/" + Weekend + "/budget",
                                            totalChange(60000, 50000, "slow"));
    const SimAnswer timedOut = sim->sendRaw("PATCH", "/v3/marketing/busifavor/stocks/" + Weekend + "/budget",
                                            totalChange(60000, 50000, "slow"),
                                            {{"Accept", "application/json"},
                                             {"User-Agent", "t"},
                                             {"Content-Type", "application/json"},
                                             {"Authorization", signedRequest->authorization}},
                                            100);
    QCOMPARE(timedOut.error, QNetworkReply::OperationCanceledError);
    sim->simulator().setFaults({});
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 60000);
}

void TestWeChatPaySimulator::dropBeforeApply()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("drop-before-apply")}).value());
    const SimAnswer answer = sim->patchBudget(Weekend, totalChange(60000, 50000, "drop-1"));
    QCOMPARE(answer.status, 0);
    QCOMPARE(answer.error, QNetworkReply::RemoteHostClosedError);
    // The lookup that checks the lost change is answered, the fault still on.
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 50000);
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("drop")}).value());
    QCOMPARE(sim->getStock(Weekend).error, QNetworkReply::RemoteHostClosedError); // `drop` closes everything
}

void TestWeChatPaySimulator::dropAfterApplyThenRetry()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("drop-after-apply")}).value());
    const QByteArray body = totalChange(60000, 50000, "drop-2");
    const SimAnswer lost = sim->patchBudget(Weekend, body);
    QCOMPARE(lost.status, 0);
    QCOMPARE(lost.error, QNetworkReply::RemoteHostClosedError);
    sim->simulator().setFaults({});
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 60000); // applied nonetheless, and only once

    // The retry with the same number and body gets the first answer, and changes nothing more.
    const SimAnswer retry = sim->patchBudget(Weekend, body);
    QCOMPARE(retry.status, 200);
    QVERIFY(retry.verified());
    QCOMPARE(retry.json()[QStringLiteral("max_coupons")].toInteger(), 60000);
}

void TestWeChatPaySimulator::statusFaults_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("500") << 500 << "SYSTEM_ERROR";
    QTest::newRow("502") << 502 << "SERVICE_UNAVAILABLE";
    QTest::newRow("503") << 503 << "SERVICE_UNAVAILABLE";
}

void TestWeChatPaySimulator::statusFaults()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("status=%1").arg(status)}).value());
    const SimAnswer answer = sim->patchBudget(Weekend, totalChange(60000, 50000, "status"));
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.code(), code);
    QVERIFY(answer.verified()); // WeChat Pay's own server errors are signed too
    sim->simulator().setFaults({});
    QCOMPARE(maxCoupons(sim->getStock(Weekend)), 50000);
}

void TestWeChatPaySimulator::busyFault()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("busy")}).value());
    QCOMPARE(sim->getStock(Weekend).status, 200); // lookups are unaffected
    expectError(sim->patchBudget(Weekend, totalChange(60000, 50000, "busy")), 403, "RULE_LIMIT",
                QStringLiteral("批次正在修改中,请稍后重试"));
}

// A captive portal's page for the change, never WeChat Pay's: nothing applied, nothing signed,
// no Request-ID; the checking lookup still reaches the service and is signed.
void TestWeChatPaySimulator::portalAnswersChangesItself()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("portal")}).value());
    const SimAnswer answer = sim->patchBudget(Weekend, totalChange(60000, 50000, "portal-1"));
    QCOMPARE(answer.status, 200);
    QVERIFY(!hasSignatureHeaders(answer));
    QVERIFY(!findHeader(answer.headers, "Request-ID"));
    QCOMPARE(findHeader(answer.headers, "Content-Type").value_or(QByteArray()), QByteArray("text/html; charset=utf-8"));
    QVERIFY(answer.body.contains("Please sign in"));
    const SimAnswer lookup = sim->getStock(Weekend);
    QVERIFY(lookup.verified());
    QCOMPARE(maxCoupons(lookup), 50000); // not applied
}

void TestWeChatPaySimulator::countLimitsTheFaults()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("status=503"), QStringLiteral("count=2")}).value());
    const QByteArray body = totalChange(60000, 50000, "count");
    QCOMPARE(sim->patchBudget(Weekend, body).status, 503);
    QCOMPARE(sim->patchBudget(Weekend, body).status, 503);
    const SimAnswer third = sim->patchBudget(Weekend, body);
    QCOMPARE(third.status, 200);
    QVERIFY(third.verified());
}

QTEST_GUILESS_MAIN(TestWeChatPaySimulator)
#include "TestWeChatPaySimulator.moc"
