// The simulator's request check against signatures made outside BudgetDesk: the derived
// vectors D1 and D2 were signed with `openssl dgst -sha256 -sign` (tests/data/README.md).
#include "simulator/RequestAuthenticator.h"

#include "crypto/KeyLoader.h"

#include "OpenSslCli.h"
#include "TestData.h"

#include <QJsonDocument>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

namespace {

SimulatorConfig javaMerchant()
{
    SimulatorConfig config;
    config.mchid = QStringLiteral("1234567891");
    config.merchantSerial = QStringLiteral("5F1C72E2A8931B72A2E13AF8DEE92471EB397115");
    config.merchantPublicKey
        = KeyLoader::certificateFromFile(dataPath(QStringLiteral("vectors/java/merchant_certificate.pem")))
              ->publicKey();
    return config;
}

SimRequest d2Request()
{
    return {"PATCH",
            "/v3/marketing/busifavor/stocks/98065001/budget",
            {{"Authorization", readData(QStringLiteral("vectors/derived/D2_patch_authorization.txt"))}},
            readData(QStringLiteral("vectors/derived/D2_patch_body.json"))};
}

QJsonObject errorOf(const std::optional<SimResponse> &response)
{
    return QJsonDocument::fromJson(response->body).object();
}

} // namespace

class TestRequestAuthenticator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsTheDerivedVectors();
    void expectedMessageMatchesTheVector();
    void parsesAuthorizationInAnyForm();
    void rejectsMalformedAuthorization_data();
    void rejectsMalformedAuthorization();
    void tamperedRequestsAreRefusedWithTheExpectedMessage_data();
    void tamperedRequestsAreRefusedWithTheExpectedMessage();
    void serialIsCaseInsensitive();
    void brandSchemeSignedByOpenssl();
    void productCouponRefusalsShareOneMessage_data();
    void productCouponRefusalsShareOneMessage();
};

void TestRequestAuthenticator::acceptsTheDerivedVectors()
{
    const SimulatorConfig config = javaMerchant();
    RequestAuthenticator authenticator(config);
    QVERIFY(!authenticator.check(d2Request(), 1700000000).has_value());
    const SimRequest d1{"GET",
                        "/v3/pay/transactions/id/1217752501201407033233368018?mchid=1230000109",
                        {{"authorization", readData(QStringLiteral("vectors/derived/D1_get_authorization.txt"))}},
                        {}};
    QVERIFY(!authenticator.check(d1, 1652750623).has_value());
}

void TestRequestAuthenticator::expectedMessageMatchesTheVector()
{
    QCOMPARE(RequestAuthenticator::expectedMessage(d2Request(), "1700000000", "593BEC0C930BF1AFEB40B4A08C8FB242"),
             readData(QStringLiteral("vectors/derived/D2_patch_message.txt")));
}

void TestRequestAuthenticator::parsesAuthorizationInAnyForm()
{
    auto header = AuthorizationHeader::parse(
        R"(WECHATPAY2-SHA256-RSA2048 serial_no="AB", signature="a+b/c==",mchid="1", timestamp=17,nonce_str="x,y")");
    QVERIFY(header.has_value());
    QCOMPARE(header->scheme, QByteArray("WECHATPAY2-SHA256-RSA2048"));
    QCOMPARE(header->parameters.value("serial_no"), QByteArray("AB"));
    QCOMPARE(header->parameters.value("signature"), QByteArray("a+b/c=="));
    QCOMPARE(header->parameters.value("timestamp"), QByteArray("17"));
    QCOMPARE(header->parameters.value("nonce_str"), QByteArray("x,y"));
    QCOMPARE(header->parameters.size(), 5);
}

void TestRequestAuthenticator::rejectsMalformedAuthorization_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("no parameters") << QByteArray("WECHATPAY2-SHA256-RSA2048");
    QTest::newRow("unterminated quote") << QByteArray(R"(WECHATPAY2-SHA256-RSA2048 mchid="1)");
    QTest::newRow("no equals") << QByteArray("WECHATPAY2-SHA256-RSA2048 mchid");
    QTest::newRow("duplicate") << QByteArray(R"(WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="2")");
}

void TestRequestAuthenticator::rejectsMalformedAuthorization()
{
    QFETCH(QByteArray, value);
    const auto parsed = AuthorizationHeader::parse(value);
    QVERIFY(!parsed || parsed->parameters.isEmpty());
    const SimulatorConfig config = javaMerchant();
    SimRequest request = d2Request();
    request.headers = {{"Authorization", value}};
    const auto refusal = RequestAuthenticator(config).check(request, 1700000000);
    QVERIFY(refusal.has_value());
    QCOMPARE(refusal->status, 401);
    QCOMPARE(errorOf(refusal)[QStringLiteral("code")].toString(), QStringLiteral("SIGN_ERROR"));
}

void TestRequestAuthenticator::tamperedRequestsAreRefusedWithTheExpectedMessage_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    const SimRequest d2 = d2Request();
    QTest::newRow("body re-serialised") << d2.method << d2.target
                                        << QJsonDocument::fromJson(d2.body).toJson(QJsonDocument::Indented);
    QTest::newRow("body with trailing newline") << d2.method << d2.target << d2.body + "\n";
    QTest::newRow("other stock") << d2.method << QByteArray("/v3/marketing/busifavor/stocks/98065002/budget")
                                 << d2.body;
    QTest::newRow("query added") << d2.method << d2.target + "?x=1" << d2.body;
    QTest::newRow("method") << QByteArray("POST") << d2.target << d2.body;
}

void TestRequestAuthenticator::tamperedRequestsAreRefusedWithTheExpectedMessage()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    const SimulatorConfig config = javaMerchant();
    SimRequest request = d2Request();
    request.method = method;
    request.target = target;
    request.body = body;
    const auto refusal = RequestAuthenticator(config).check(request, 1700000000);
    QVERIFY(refusal.has_value());
    const QJsonObject error = errorOf(refusal);
    QCOMPARE(error[QStringLiteral("message")].toString(), QStringLiteral("错误的签名，验签失败"));
    const QJsonObject information = error[QStringLiteral("detail")][QStringLiteral("sign_information")].toObject();
    QCOMPARE(information[QStringLiteral("truncated_sign_message")].toString().toUtf8(),
             RequestAuthenticator::expectedMessage(request, "1700000000", "593BEC0C930BF1AFEB40B4A08C8FB242"));
}

void TestRequestAuthenticator::serialIsCaseInsensitive()
{
    SimulatorConfig config = javaMerchant();
    config.merchantSerial = config.merchantSerial.toLower();
    QVERIFY(!RequestAuthenticator(config).check(d2Request(), 1700000000).has_value());
    config.mchid = QStringLiteral("1234567890");
    const auto refusal = RequestAuthenticator(config).check(d2Request(), 1700000000);
    QCOMPARE(errorOf(refusal)[QStringLiteral("detail")][QStringLiteral("detail")][QStringLiteral("issue")].toString(),
             QStringLiteral("mchid not match"));
}

namespace {

// The Java SDK's merchant key plays a brand's: brand_id 120344, its certificate's serial.
SimulatorConfig javaBrand()
{
    SimulatorConfig config = javaMerchant();
    config.brandId = QStringLiteral("120344");
    config.brandSerial = config.merchantSerial;
    config.brandPublicKey = config.merchantPublicKey;
    return config;
}

// A brand request signed by the openssl command line, nothing of BudgetDesk involved.
SimRequest opensslBrandRequest(const QByteArray &target, const QByteArray &parameterOrder)
{
    const QByteArray nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
    const QByteArray signature = opensslSign(dataPath(QStringLiteral("vectors/java/merchant_private_key.pem")),
                                             "GET\n" + target + "\n1700000000\n" + nonce + "\n\n")
                                     .toBase64();
    QByteArray authorization = "WECHATPAY-BRAND-SHA256-RSA2048 " + parameterOrder;
    authorization.replace("{SIG}", signature).replace("{NONCE}", nonce);
    return {"GET", target, {{"Authorization", authorization}}, {}};
}

const QByteArray JavaOrder = "brand_id=\"120344\",nonce_str=\"{NONCE}\",signature=\"{SIG}\",timestamp=\"1700000000\","
                             "serial_no=\"5F1C72E2A8931B72A2E13AF8DEE92471EB397115\"";

} // namespace

void TestRequestAuthenticator::brandSchemeSignedByOpenssl()
{
    const QByteArray target = "/brand/marketing/product-coupon/product-coupons/1000000013/stocks/1000000013001";
    const SimulatorConfig config = javaBrand();
    const RequestAuthenticator authenticator(config);
    for (const QByteArray &order :
         {JavaOrder,
          QByteArray("serial_no=\"5F1C72E2A8931B72A2E13AF8DEE92471EB397115\",signature=\"{SIG}\","
                     "timestamp=\"1700000000\",brand_id=\"120344\",nonce_str=\"{NONCE}\"")}) {
        auto caller
            = authenticator.authenticate(opensslBrandRequest(target, order), 1700000000, SignatureScheme::Brand);
        QVERIFY2(caller.ok(), caller.ok() ? "" : caller.error().body.constData());
        QCOMPARE(caller->scheme, SignatureScheme::Brand);
        QCOMPARE(caller->id, QStringLiteral("120344"));
    }
    // The same request where a merchant signature is due, or through the 商家券 check.
    QVERIFY(!authenticator.authenticate(opensslBrandRequest(target, JavaOrder), 1700000000, SignatureScheme::Merchant));
    QVERIFY(authenticator.check(opensslBrandRequest(target, JavaOrder), 1700000000).has_value());
    // And the merchant's own signature (D2) where a brand's is due.
    QVERIFY(!authenticator.authenticate(d2Request(), 1700000000, SignatureScheme::Brand));
    QVERIFY(authenticator.authenticate(d2Request(), 1700000000, SignatureScheme::Merchant));
}

void TestRequestAuthenticator::productCouponRefusalsShareOneMessage_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QString>("issue");
    QTest::newRow("brand_id") << QByteArray("brand_id=\"120344\"") << QByteArray("brand_id=\"120399\"")
                              << qint64(1700000000) << "brand_id not match";
    QTest::newRow("serial_no") << QByteArray("5F1C72E2") << QByteArray("5F1C72E3") << qint64(1700000000)
                               << "serial_no not match";
    QTest::newRow("timestamp") << QByteArray() << QByteArray() << qint64(1700000301) << "timestamp expired";
    QTest::newRow("nonce_str missing") << QByteArray("nonce_str=") << QByteArray("nonce=") << qint64(1700000000)
                                       << "nonce_str missing";
    QTest::newRow("nonce changed") << QByteArray("{NONCE}") << QByteArray("{NONCE}0") << qint64(1700000000)
                                   << "sign not match";
}

void TestRequestAuthenticator::productCouponRefusalsShareOneMessage()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(qint64, now);
    QFETCH(QString, issue);
    const SimulatorConfig config = javaBrand();
    QByteArray order = JavaOrder;
    if (!from.isEmpty())
        order.replace(from, to);
    const auto refusal = RequestAuthenticator(config).authenticate(
        opensslBrandRequest("/brand/marketing/product-coupon/product-coupons/1/stocks/2", order), now,
        SignatureScheme::Brand);
    QVERIFY(!refusal.ok());
    QCOMPARE(refusal.error().status, 401);
    const QJsonObject error = QJsonDocument::fromJson(refusal.error().body).object();
    QCOMPARE(error[QStringLiteral("code")].toString(), QStringLiteral("SIGN_ERROR"));
    QCOMPARE(error[QStringLiteral("message")].toString(), QStringLiteral("错误的签名，验签失败")); // §15
    QCOMPARE(error[QStringLiteral("detail")][QStringLiteral("detail")][QStringLiteral("issue")].toString(), issue);
}

QTEST_GUILESS_MAIN(TestRequestAuthenticator)
#include "TestRequestAuthenticator.moc"
