#include "auth/RequestSigner.h"
#include "crypto/KeyLoader.h"

#include "FakeClock.h"
#include "FixedNonceSource.h"
#include "TestData.h"
#include "TestKeyFactory.h"

#include <QRegularExpression>
#include <QTest>
#include <QUrl>

using namespace budgetdesk;
using namespace budgetdesk::test;

Q_DECLARE_METATYPE(SigningError::Code)

namespace {

const QString JavaMchid = QStringLiteral("1234567891");
const QString JavaSerial = QStringLiteral("5F1C72E2A8931B72A2E13AF8DEE92471EB397115");

MerchantCredentials javaCredentials()
{
    auto key = KeyLoader::merchantKeyFromFile(dataPath(QStringLiteral("vectors/java/merchant_private_key.pem")));
    return {JavaMchid, JavaSerial, key->key};
}

// Splits `SCHEME k="v",k="v"` into its scheme and parameters.
QHash<QByteArray, QByteArray> authorizationParameters(const QByteArray &header, QByteArray *scheme = nullptr)
{
    const qsizetype space = header.indexOf(' ');
    if (scheme)
        *scheme = header.left(space);
    QHash<QByteArray, QByteArray> parameters;
    const QRegularExpression pair(QStringLiteral("(\\w+)=\"([^\"]*)\""));
    auto matches = pair.globalMatch(QString::fromLatin1(header.mid(space + 1)));
    while (matches.hasNext()) {
        const auto match = matches.next();
        parameters.insert(match.captured(1).toLatin1(), match.captured(2).toLatin1());
    }
    return parameters;
}

} // namespace

class TestRequestSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reproducesDerivedVectors_data();
    void reproducesDerivedVectors();
    void signingMessageLayout_data();
    void signingMessageLayout();
    void canonicalUrlIsTheRequestTargetAsSent_data();
    void canonicalUrlIsTheRequestTargetAsSent();
    void freshKeyRoundTrip();
    void timestampFromTheInjectedClockInSeconds();
    void freshNonceEveryCall();
    void rejectsInputsThatCannotBeSent_data();
    void rejectsInputsThatCannotBeSent();
    void brandIdMustBeQuotable();
};

void TestRequestSigner::reproducesDerivedVectors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<qint64>("timestamp");
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("brand");
    QTest::newRow("D1 GET (wechatpay-java credential test, real signature)")
        << QByteArray("GET") << QByteArray("/v3/pay/transactions/id/1217752501201407033233368018?mchid=1230000109")
        << qint64(1652750623) << QByteArray("eBYqCOxa0QudMnPvVilkTzOg3gHh5Z3u") << QString() << "D1_get" << false;
    QTest::newRow("D2 PATCH budget") << QByteArray("PATCH")
                                     << QByteArray("/v3/marketing/busifavor/stocks/98065001/budget")
                                     << qint64(1700000000) << QByteArray("593BEC0C930BF1AFEB40B4A08C8FB242")
                                     << "vectors/derived/D2_patch_body.json"
                                     << "D2_patch" << false;
    // 商品券 as the brand itself (PRODUCT_COUPON.md §3): the same message, the BRAND scheme
    // naming brand_id. Signatures computed with the openssl command line (tests/data/README.md).
    QTest::newRow("D7 brand GET batch") << QByteArray("GET")
                                        << QByteArray("/brand/marketing/product-coupon/product-coupons/1000000013/"
                                                      "stocks/1000000013001")
                                        << qint64(1700000000) << QByteArray("593BEC0C930BF1AFEB40B4A08C8FB242")
                                        << QString() << "D7_brand_get" << true;
    QTest::newRow("D8 brand POST update-budget")
        << QByteArray("POST")
        << QByteArray("/brand/marketing/product-coupon/product-coupons/1000000013/stocks/1000000013001/update-budget")
        << qint64(1700000000) << QByteArray("593BEC0C930BF1AFEB40B4A08C8FB242")
        << "vectors/derived/D8_brand_update_body.json"
        << "D8_brand_update" << true;
}

void TestRequestSigner::reproducesDerivedVectors()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, url);
    QFETCH(qint64, timestamp);
    QFETCH(QByteArray, nonce);
    QFETCH(QString, body);
    QFETCH(QString, name);
    QFETCH(bool, brand);

    const QByteArray bodyBytes = body.isEmpty() ? QByteArray() : readData(body);
    MerchantCredentials credentials = javaCredentials();
    if (brand) {
        credentials.identity = CallerIdentity::Brand;
        credentials.brandId = QStringLiteral("120344");
        credentials.mchid.clear(); // a brand has no mchid; signing must not need one
    }
    RequestSigner signer(credentials, std::make_shared<FakeClock>(timestamp),
                         std::make_shared<FixedNonceSource>(nonce));
    auto signedRequest = signer.sign(method, url, bodyBytes);
    QVERIFY(signedRequest.ok());
    QCOMPARE(signedRequest->signingMessage, readData(QStringLiteral("vectors/derived/%1_message.txt").arg(name)));
    QCOMPARE(signedRequest->authorization, readData(QStringLiteral("vectors/derived/%1_authorization.txt").arg(name)));
    QCOMPARE(signedRequest->timestamp, timestamp);
    QCOMPARE(signedRequest->nonce, nonce);
}

void TestRequestSigner::signingMessageLayout_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    // vectors/go/authorization_and_validator_format_vectors.txt and
    // vectors/java/credential_test_inputs.txt (SDK tests with mock signers: layout only).
    QTest::newRow("go: without body") << QByteArray("GET") << QByteArray("/v3/certificates") << QByteArray()
                                      << QByteArray("GET\n/v3/certificates\n1624523846\nA1B2C3D4E5F6G7\n\n");
    QTest::newRow("go: body ending in newline gets one more")
        << QByteArray("POST") << QByteArray("/v3/certificates") << QByteArray("Hello World!\n")
        << QByteArray("POST\n/v3/certificates\n1624523846\nA1B2C3D4E5F6G7\nHello World!\n\n");
}

void TestRequestSigner::signingMessageLayout()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, url);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    QCOMPARE(RequestSigner::signingMessage(method, url, 1624523846, "A1B2C3D4E5F6G7", body), expected);
}

void TestRequestSigner::canonicalUrlIsTheRequestTargetAsSent_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("canonical");
    QTest::newRow("path only") << "https://api.mch.weixin.qq.com/v3/marketing/busifavor/stocks/98065001/budget"
                               << QByteArray("/v3/marketing/busifavor/stocks/98065001/budget");
    QTest::newRow("with query, order kept")
        << "https://api.mch.weixin.qq.com/v3/pay/transactions/id/1217752501201407033233368018?mchid=1230000109&b=2&a=1"
        << QByteArray("/v3/pay/transactions/id/1217752501201407033233368018?mchid=1230000109&b=2&a=1");
    QTest::newRow("algorithm_type query") << "https://api2.mch.weixin.qq.com/v3/certificates?algorithm_type=RSA"
                                          << QByteArray("/v3/certificates?algorithm_type=RSA");
    QTest::newRow("percent-encoding kept as sent")
        << "https://127.0.0.1:8443/v3/x/%E5%95%86%20a?q=%E5%88%B8" << QByteArray("/v3/x/%E5%95%86%20a?q=%E5%88%B8");
    QTest::newRow("no path") << "https://api.mch.weixin.qq.com" << QByteArray("/");
}

void TestRequestSigner::canonicalUrlIsTheRequestTargetAsSent()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, canonical);
    QCOMPARE(RequestSigner::canonicalUrl(QUrl(url, QUrl::StrictMode)), canonical);
}

void TestRequestSigner::freshKeyRoundTrip()
{
    const PrivateKey key = TestKeyFactory::rsa(2048);
    RequestSigner signer(
        {QStringLiteral("1900000109"), QStringLiteral("0A1B2C3D4E5F60718293A4B5C6D7E8F901234567"), key});
    const QByteArray body = R"({"target_max_coupons":3000,"current_max_coupons":500,"modify_budget_request_no":"r1"})";
    auto signedRequest = signer.sign("PATCH", "/v3/marketing/busifavor/stocks/1/budget", body);
    QVERIFY(signedRequest.ok());

    QByteArray scheme;
    const auto parameters = authorizationParameters(signedRequest->authorization, &scheme);
    QCOMPARE(scheme, QByteArray("WECHATPAY2-SHA256-RSA2048"));
    QCOMPARE(parameters.size(), 5);
    QCOMPARE(parameters["mchid"], QByteArray("1900000109"));
    QCOMPARE(parameters["serial_no"], QByteArray("0A1B2C3D4E5F60718293A4B5C6D7E8F901234567"));
    QCOMPARE(parameters["nonce_str"], signedRequest->nonce);
    QCOMPARE(parameters["timestamp"].toLongLong(), signedRequest->timestamp);
    // Header order as in the Go and Java SDKs; one line, no spaces between pairs.
    QVERIFY(signedRequest->authorization.startsWith("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",nonce_str=\""));
    QVERIFY(!signedRequest->authorization.contains('\n') && !signedRequest->authorization.contains(", "));

    const QByteArray signature = QByteArray::fromBase64(parameters["signature"]);
    QCOMPARE(signature.toBase64(), parameters["signature"]); // standard, padded Base64
    QVERIFY(key.publicKey().verifySha256(signedRequest->signingMessage, signature));
    QCOMPARE(signedRequest->signingMessage,
             RequestSigner::signingMessage("PATCH", "/v3/marketing/busifavor/stocks/1/budget", signedRequest->timestamp,
                                           signedRequest->nonce, body));
    // One byte of difference in the body and the signature no longer holds.
    QVERIFY(!key.publicKey().verifySha256(
        RequestSigner::signingMessage("PATCH", "/v3/marketing/busifavor/stocks/1/budget", signedRequest->timestamp,
                                      signedRequest->nonce, body + "\n"),
        signature));
}

void TestRequestSigner::timestampFromTheInjectedClockInSeconds()
{
    auto clock = std::make_shared<FakeClock>(1700000123);
    RequestSigner signer(javaCredentials(), clock);
    QCOMPARE(signer.sign("GET", "/v3/certificates", {})->timestamp, 1700000123);
    clock->advance(299);
    auto later = signer.sign("GET", "/v3/certificates", {});
    QCOMPARE(later->timestamp, 1700000422);
    QVERIFY(later->authorization.contains("timestamp=\"1700000422\""));
    QVERIFY(later->signingMessage.startsWith("GET\n/v3/certificates\n1700000422\n"));

    // The default clock is the real one, in seconds (10 digits), never milliseconds.
    RequestSigner realTime(javaCredentials());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY(qAbs(realTime.sign("GET", "/v3/certificates", {})->timestamp - now) <= 2);
}

void TestRequestSigner::freshNonceEveryCall()
{
    RequestSigner signer(javaCredentials(), std::make_shared<FakeClock>());
    auto first = signer.sign("GET", "/v3/certificates", {});
    auto second = signer.sign("GET", "/v3/certificates", {});
    QCOMPARE(first->nonce.size(), 32);
    QVERIFY(first->nonce != second->nonce);
    QVERIFY(first->authorization != second->authorization);
}

void TestRequestSigner::rejectsInputsThatCannotBeSent_data()
{
    QTest::addColumn<QString>("mchid");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<bool>("withKey");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<SigningError::Code>("code");
    using C = SigningError::Code;
    QTest::newRow("mchid with a quote") << "123\"4" << JavaSerial << true << QByteArray("GET") << QByteArray("/v3/x")
                                        << C::InvalidMchid;
    QTest::newRow("empty mchid") << QString() << JavaSerial << true << QByteArray("GET") << QByteArray("/v3/x")
                                 << C::InvalidMchid;
    QTest::newRow("serial not hex") << JavaMchid << "PUB_KEY_ID_01" << true << QByteArray("GET") << QByteArray("/v3/x")
                                    << C::InvalidSerial;
    QTest::newRow("no key") << JavaMchid << JavaSerial << false << QByteArray("GET") << QByteArray("/v3/x")
                            << C::MissingKey;
    QTest::newRow("lowercase method") << JavaMchid << JavaSerial << true << QByteArray("patch") << QByteArray("/v3/x")
                                      << C::InvalidMethod;
    QTest::newRow("absolute URL") << JavaMchid << JavaSerial << true << QByteArray("GET")
                                  << QByteArray("https://api.mch.weixin.qq.com/v3/x") << C::UrlNotAbsolutePath;
    QTest::newRow("relative path") << JavaMchid << JavaSerial << true << QByteArray("GET") << QByteArray("v3/x")
                                   << C::UrlNotAbsolutePath;
}

void TestRequestSigner::rejectsInputsThatCannotBeSent()
{
    QFETCH(QString, mchid);
    QFETCH(QString, serial);
    QFETCH(bool, withKey);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, url);
    QFETCH(SigningError::Code, code);
    MerchantCredentials credentials = javaCredentials();
    credentials.mchid = mchid;
    credentials.certificateSerial = serial;
    if (!withKey)
        credentials.privateKey = PrivateKey();
    auto result = RequestSigner(credentials).sign(method, url, {});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), code);
    QVERIFY(!result.error().text().zh.isEmpty() && !result.error().text().en.isEmpty());
}

void TestRequestSigner::brandIdMustBeQuotable()
{
    MerchantCredentials credentials = javaCredentials();
    credentials.identity = CallerIdentity::Brand;
    for (const QString &bad : {QString(), QStringLiteral("1203\"44"), QStringLiteral("120 344"), QString(33, u'1')}) {
        credentials.brandId = bad;
        auto result = RequestSigner(credentials).sign("GET", "/brand/x", {});
        QVERIFY2(!result.ok(), qPrintable(bad));
        QCOMPARE(result.error().code(), SigningError::Code::InvalidBrandId);
    }
    credentials.brandId = QStringLiteral("brand_120-344");
    auto signedRequest = RequestSigner(credentials).sign("GET", "/brand/x", {});
    QVERIFY(signedRequest.ok());
    QByteArray scheme;
    const auto parameters = authorizationParameters(signedRequest->authorization, &scheme);
    QCOMPARE(scheme, QByteArray("WECHATPAY-BRAND-SHA256-RSA2048"));
    QCOMPARE(parameters.value("brand_id"), QByteArray("brand_120-344"));
    QVERIFY(!parameters.contains("mchid"));
}

QTEST_GUILESS_MAIN(TestRequestSigner)
#include "TestRequestSigner.moc"
