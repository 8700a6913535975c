#include "auth/ResponseValidator.h"
#include "crypto/KeyLoader.h"

#include "FakeClock.h"
#include "TestData.h"
#include "TestKeyFactory.h"

#include <QRegularExpression>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

using Status = ResponseVerification::Status;
Q_DECLARE_METATYPE(Status)

namespace {

const QString PublicKeyId = QStringLiteral("PUB_KEY_ID_0000000000000000000000000000000001");
const QString PlatformSerial = QStringLiteral("440024045C4A427599D09BB4E3DE0279F2E813FD");
constexpr qint64 D3Time = 1700000001;
constexpr qint64 D6Time = 1700000002;

enum class Mode { PublicKey, Certificates, Both };

VerificationKeys keysFor(Mode mode)
{
    VerificationKeys keys;
    if (mode != Mode::Certificates)
        keys.setPublicKey(
            PublicKeyId,
            *KeyLoader::publicKeyFromFile(dataPath(QStringLiteral("vectors/java/wechat_pay_public_key.pem"))));
    if (mode != Mode::PublicKey)
        keys.addPlatformCertificate(
            *KeyLoader::certificateFromFile(dataPath(QStringLiteral("vectors/java/wechat_pay_certificate.pem"))));
    return keys;
}

ResponseVerification validate(Mode mode, qint64 now, const HttpHeaders &headers, const QByteArray &body)
{
    return ResponseValidator(keysFor(mode), std::make_shared<FakeClock>(now)).validate(headers, body);
}

HttpHeaders d3Headers()
{
    return readHeaders(QStringLiteral("vectors/derived/D3_response_headers.txt"));
}

QByteArray d3Body()
{
    return readData(QStringLiteral("vectors/derived/D3_response_body.json"));
}

HttpHeaders withHeader(HttpHeaders headers, const QByteArray &name, const QByteArray &value)
{
    for (auto &[headerName, headerValue] : headers) {
        if (headerName == name)
            headerValue = value;
    }
    return headers;
}

HttpHeaders withoutHeader(HttpHeaders headers, const QByteArray &name)
{
    headers.removeIf([&](const auto &header) { return header.first == name; });
    return headers;
}

} // namespace

class TestResponseValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifiesDerivedVectors_data();
    void verifiesDerivedVectors();
    void signatureProbeIsRejected();
    void headerNamesAreCaseInsensitive();
    void requiresTheFourHeaders_data();
    void requiresTheFourHeaders();
    void tamperingIsDetected_data();
    void tamperingIsDetected();
    void clockWindow_data();
    void clockWindow();
    void malformedTimestamps_data();
    void malformedTimestamps();
    void nonCanonicalSignatures_data();
    void nonCanonicalSignatures();
    void keyIsChosenByTheAnswersSerial_data();
    void keyIsChosenByTheAnswersSerial();
    void freshKeyRoundTrips();
    void verdictsExplainThemselvesInBothLanguages();
};

void TestResponseValidator::verifiesDerivedVectors_data()
{
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QString>("body");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<int>("mode");
    QTest::newRow("D3 200, public key") << "D3_response_headers.txt"
                                        << "vectors/derived/D3_response_body.json" << D3Time << int(Mode::PublicKey);
    QTest::newRow("D4 204 empty body, public key")
        << "D4_204_headers.txt" << QString() << D3Time << int(Mode::PublicKey);
    QTest::newRow("D3 in both modes") << "D3_response_headers.txt"
                                      << "vectors/derived/D3_response_body.json" << D3Time << int(Mode::Both);
    QTest::newRow("D6 /v3/certificates, platform certificate")
        << "D6_certificates_response_headers.txt"
        << "vectors/java/certificates_response_body.json" << D6Time << int(Mode::Certificates);
    QTest::newRow("D6 in both modes") << "D6_certificates_response_headers.txt"
                                      << "vectors/java/certificates_response_body.json" << D6Time << int(Mode::Both);
}

void TestResponseValidator::verifiesDerivedVectors()
{
    QFETCH(QString, headers);
    QFETCH(QString, body);
    QFETCH(qint64, now);
    QFETCH(int, mode);
    const QByteArray bodyBytes = body.isEmpty() ? QByteArray() : readData(body);
    const ResponseVerification verdict
        = validate(Mode(mode), now, readHeaders(QStringLiteral("vectors/derived/") + headers), bodyBytes);
    QVERIFY2(verdict.isVerified(), qPrintable(verdict.text().en));
}

void TestResponseValidator::signatureProbeIsRejected()
{
    const ResponseVerification verdict = validate(
        Mode::PublicKey, D3Time, readHeaders(QStringLiteral("vectors/derived/D5_signtest_headers.txt")), d3Body());
    QCOMPARE(verdict.status(), Status::SignatureProbe);
    QVERIFY(!verdict.isVerified());
    QVERIFY(verdict.text().zh.contains(QStringLiteral("签名探测")));
}

void TestResponseValidator::headerNamesAreCaseInsensitive()
{
    HttpHeaders headers = d3Headers();
    for (auto &header : headers)
        header.first = header.first.toLower();
    QVERIFY(validate(Mode::PublicKey, D3Time, headers, d3Body()).isVerified());
    // Request-ID is not needed to verify.
    QVERIFY(validate(Mode::PublicKey, D3Time, withoutHeader(d3Headers(), "Request-ID"), d3Body()).isVerified());
}

void TestResponseValidator::requiresTheFourHeaders_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("emptyInsteadOfMissing");
    for (const char *name : {"Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"}) {
        QTest::addRow("%s missing", name) << QByteArray(name) << false;
        QTest::addRow("%s empty", name) << QByteArray(name) << true;
    }
}

void TestResponseValidator::requiresTheFourHeaders()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, emptyInsteadOfMissing);
    const HttpHeaders headers
        = emptyInsteadOfMissing ? withHeader(d3Headers(), header, "  ") : withoutHeader(d3Headers(), header);
    const ResponseVerification verdict = validate(Mode::PublicKey, D3Time, headers, d3Body());
    QCOMPARE(verdict.status(), Status::MissingHeader);
    QCOMPARE(verdict.header(), header);
    QVERIFY(verdict.text().zh.contains(QString::fromLatin1(header)));
    QVERIFY(verdict.text().en.contains(QString::fromLatin1(header)));
}

void TestResponseValidator::tamperingIsDetected_data()
{
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Status>("status");
    const QByteArray body = d3Body();
    QTest::newRow("one digit of the body")
        << d3Headers() << QByteArray(body).replace("3000", "3001") << Status::SignatureMismatch;
    QTest::newRow("re-serialised body") << d3Headers()
                                        << QByteArray("{\"max_coupons\": 3000, \"max_coupons_by_day\": 100}")
                                        << Status::SignatureMismatch;
    QTest::newRow("trailing newline added") << d3Headers() << body + "\n" << Status::SignatureMismatch;
    QTest::newRow("body dropped") << d3Headers() << QByteArray() << Status::SignatureMismatch;
    QTest::newRow("timestamp +1 s") << withHeader(d3Headers(), "Wechatpay-Timestamp", "1700000002") << body
                                    << Status::SignatureMismatch;
    QTest::newRow("nonce changed") << withHeader(d3Headers(), "Wechatpay-Nonce", "c5ac7061fccab6bf3e254dcf98995b8d")
                                   << body << Status::SignatureMismatch;
    QByteArray signature = *findHeader(d3Headers(), "Wechatpay-Signature");
    signature[10] = signature[10] == 'A' ? 'B' : 'A';
    QTest::newRow("signature character") << withHeader(d3Headers(), "Wechatpay-Signature", signature) << body
                                         << Status::SignatureMismatch;
    // The D6 signature belongs to the platform certificate; presented under the public key ID
    // (a swapped serial) it must not verify.
    const HttpHeaders d6 = readHeaders(QStringLiteral("vectors/derived/D6_certificates_response_headers.txt"));
    QTest::newRow("swapped serial") << withHeader(withHeader(d6, "Wechatpay-Serial", PublicKeyId.toLatin1()),
                                                  "Wechatpay-Timestamp", "1700000001")
                                    << readData(QStringLiteral("vectors/java/certificates_response_body.json"))
                                    << Status::SignatureMismatch;
    QTest::newRow("serial of a key we do not hold")
        << withHeader(d3Headers(), "Wechatpay-Serial", "PUB_KEY_ID_0000000000000000000000000000000002") << body
        << Status::UnknownSerial;
}

void TestResponseValidator::tamperingIsDetected()
{
    QFETCH(HttpHeaders, headers);
    QFETCH(QByteArray, body);
    QFETCH(Status, status);
    QCOMPARE(validate(Mode::Both, D3Time, headers, body).status(), status);
}

void TestResponseValidator::clockWindow_data()
{
    QTest::addColumn<qint64>("localMinusAnswer");
    QTest::addColumn<bool>("verified");
    QTest::newRow("equal") << qint64(0) << true;
    QTest::newRow("local 299 s ahead") << qint64(299) << true;
    QTest::newRow("local 299 s behind") << qint64(-299) << true;
    QTest::newRow("local 300 s ahead") << qint64(300) << false;
    QTest::newRow("local 300 s behind") << qint64(-300) << false;
    QTest::newRow("local 301 s ahead") << qint64(301) << false;
    QTest::newRow("local 301 s behind") << qint64(-301) << false;
    QTest::newRow("local a day ahead") << qint64(86400) << false;
}

void TestResponseValidator::clockWindow()
{
    QFETCH(qint64, localMinusAnswer);
    QFETCH(bool, verified);
    const ResponseVerification verdict = validate(Mode::PublicKey, D3Time + localMinusAnswer, d3Headers(), d3Body());
    QCOMPARE(verdict.isVerified(), verified);
    if (!verified) {
        QCOMPARE(verdict.status(), Status::ClockSkew);
        QCOMPARE(verdict.offsetSeconds(), -localMinusAnswer);
        QVERIFY(verdict.text().zh.contains(QString::number(qAbs(localMinusAnswer))));
        QVERIFY(verdict.text().en.contains(QString::number(qAbs(localMinusAnswer))));
        QVERIFY(verdict.text().en.contains(localMinusAnswer > 0 ? QStringLiteral("ahead") : QStringLiteral("behind")));
    }
}

void TestResponseValidator::malformedTimestamps_data()
{
    QTest::addColumn<QByteArray>("timestamp");
    QTest::newRow("letter") << QByteArray("17000000O1");
    QTest::newRow("negative") << QByteArray("-1700000001");
    QTest::newRow("fraction") << QByteArray("1700000001.0");
    QTest::newRow("milliseconds") << QByteArray("1700000001000");
    QTest::newRow("huge") << QByteArray("99999999999999999999999");
    QTest::newRow("date") << QByteArray("Tue, 14 Nov 2023 22:13:21 GMT");
}

void TestResponseValidator::malformedTimestamps()
{
    QFETCH(QByteArray, timestamp);
    QCOMPARE(
        validate(Mode::PublicKey, D3Time, withHeader(d3Headers(), "Wechatpay-Timestamp", timestamp), d3Body()).status(),
        Status::MalformedTimestamp);
}

void TestResponseValidator::nonCanonicalSignatures_data()
{
    QTest::addColumn<QByteArray>("signature");
    const QByteArray good = *findHeader(d3Headers(), "Wechatpay-Signature");
    const QByteArray raw = QByteArray::fromBase64(good);
    QTest::newRow("padding dropped") << good.chopped(2);
    QTest::newRow("line break inside") << good.left(100) + "\n" + good.mid(100);
    QTest::newRow("space inside") << good.left(100) + " " + good.mid(100);
    QTest::newRow("URL-safe alphabet") << raw.toBase64(QByteArray::Base64UrlEncoding);
    QTest::newRow("255 bytes") << raw.left(255).toBase64();
    QTest::newRow("257 bytes") << (raw + '\0').toBase64();
    QTest::newRow("512 bytes") << (raw + raw).toBase64();
    QTest::newRow("probe without prefix position") << "X" + good;
    QTest::newRow("just the probe prefix") << QByteArray("WECHATPAY/SIGNTEST/");
    QTest::newRow("hex instead of Base64") << raw.toHex();
}

void TestResponseValidator::nonCanonicalSignatures()
{
    QFETCH(QByteArray, signature);
    const ResponseVerification verdict
        = validate(Mode::PublicKey, D3Time, withHeader(d3Headers(), "Wechatpay-Signature", signature), d3Body());
    QVERIFY(!verdict.isVerified());
    QVERIFY(verdict.status() == Status::MalformedSignature || verdict.status() == Status::SignatureProbe);
}

void TestResponseValidator::keyIsChosenByTheAnswersSerial_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QString>("body");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<Status>("status");
    const QString d3 = QStringLiteral("D3_response_headers.txt");
    const QString d3Body = QStringLiteral("vectors/derived/D3_response_body.json");
    const QString d6 = QStringLiteral("D6_certificates_response_headers.txt");
    const QString d6Body = QStringLiteral("vectors/java/certificates_response_body.json");
    QTest::newRow("public-key answer, certificate-only profile")
        << int(Mode::Certificates) << d3 << d3Body << D3Time << Status::UnknownSerial;
    QTest::newRow("certificate answer, public-key-only profile")
        << int(Mode::PublicKey) << d6 << d6Body << D6Time << Status::UnknownSerial;
    QTest::newRow("public-key answer, both") << int(Mode::Both) << d3 << d3Body << D3Time << Status::Verified;
    QTest::newRow("certificate answer, both") << int(Mode::Both) << d6 << d6Body << D6Time << Status::Verified;
}

void TestResponseValidator::keyIsChosenByTheAnswersSerial()
{
    QFETCH(int, mode);
    QFETCH(QString, headers);
    QFETCH(QString, body);
    QFETCH(qint64, now);
    QFETCH(Status, status);
    const HttpHeaders headerList = readHeaders(QStringLiteral("vectors/derived/") + headers);
    const ResponseVerification verdict = validate(Mode(mode), now, headerList, readData(body));
    QCOMPARE(verdict.status(), status);
    if (status == Status::UnknownSerial) {
        QCOMPARE(verdict.serial(), *findHeader(headerList, "Wechatpay-Serial"));
        QVERIFY(verdict.text().zh.contains(QString::fromLatin1(verdict.serial())));
    }
}

void TestResponseValidator::freshKeyRoundTrips()
{
    const PrivateKey platformKey = TestKeyFactory::rsa(2048);
    const Certificate platform
        = TestKeyFactory::certificate(platformKey, "7E57C0DE00112233445566778899AABBCCDDEEFF", "Tenpay");
    VerificationKeys keys;
    keys.addPlatformCertificate(platform);
    auto clock = std::make_shared<FakeClock>(1800000000);
    ResponseValidator validator(keys, clock);

    for (const QByteArray &body : {QByteArray(), QByteArray("{}"), QByteArray("{\"max_coupons\":1}\n"),
                                   QByteArray("{\"stock_name\":\"满100减10\"}"), QByteArray(100000, 'x')}) {
        const QByteArray timestamp = QByteArray::number(clock->nowSeconds());
        const QByteArray nonce = "n0nce";
        const QByteArray signature = platformKey.signSha256(timestamp + "\n" + nonce + "\n" + body + "\n").toBase64();
        const HttpHeaders headers = {{"Wechatpay-Timestamp", timestamp},
                                     {"Wechatpay-Nonce", nonce},
                                     {"Wechatpay-Signature", signature},
                                     {"Wechatpay-Serial", "7e57c0de00112233445566778899aabbccddeeff"}};
        QVERIFY(validator.validate(headers, body).isVerified());
        QCOMPARE(validator.validate(headers, body + " ").status(), Status::SignatureMismatch);
    }
}

void TestResponseValidator::verdictsExplainThemselvesInBothLanguages()
{
    const QRegularExpression han(QStringLiteral("\\p{Han}"));
    const ResponseVerification verdicts[] = {
        ResponseVerification::verified(),           ResponseVerification::missingHeader("Wechatpay-Nonce"),
        ResponseVerification::malformedTimestamp(), ResponseVerification::clockSkew(-400),
        ResponseVerification::unknownSerial("AB"),  ResponseVerification::signatureProbe(),
        ResponseVerification::malformedSignature(), ResponseVerification::signatureMismatch(),
    };
    QSet<QString> english;
    for (const ResponseVerification &verdict : verdicts) {
        QVERIFY(verdict.text().zh.contains(han));
        QVERIFY(!verdict.text().en.isEmpty() && !verdict.text().en.contains(han));
        english.insert(verdict.text().en);
    }
    QCOMPARE(english.size(), int(std::size(verdicts))); // each reason is told apart

    // An unknown serial comes from an unverified header: shown, but short and printable.
    const ResponseVerification hostile = ResponseVerification::unknownSerial("AB\n\x01" + QByteArray(200, 'C'));
    QCOMPARE(hostile.serial(), "AB??" + QByteArray(60, 'C') + "...");
}

QTEST_GUILESS_MAIN(TestResponseValidator)
#include "TestResponseValidator.moc"
