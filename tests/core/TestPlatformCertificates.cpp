#include "auth/PlatformCertificates.h"

#include "TestData.h"

#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

class TestPlatformCertificates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decryptsJavaCertificatesBody();
    void goCertificatesBodyNeedsARealApiV3Key();
    void wrongApiV3KeyIsNamed();
    void rejectsMalformedBodies_data();
    void rejectsMalformedBodies();
    void rejectsSerialThatDoesNotMatchTheCertificate();
};

namespace {
ApiV3Decryptor javaDecryptor()
{
    return ApiV3Decryptor::create("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").value();
}
} // namespace

void TestPlatformCertificates::decryptsJavaCertificatesBody()
{
    auto certificates = decryptPlatformCertificates(
        readData(QStringLiteral("vectors/java/certificates_response_body.json")), javaDecryptor());
    QVERIFY(certificates.ok());
    QCOMPARE(certificates->size(), 1);
    const PlatformCertificate &entry = certificates->first();
    QCOMPARE(entry.serial, QStringLiteral("5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC"));
    QCOMPARE(entry.certificate.serialNumber(), entry.serial);
    QCOMPARE(entry.effectiveTime, QDateTime(QDate(2023, 9, 19), QTime(15, 15, 58), Qt::UTC));
    QCOMPARE(entry.expireTime, QDateTime(QDate(2028, 9, 17), QTime(15, 15, 58), Qt::UTC));
    QCOMPARE(entry.certificate.toPem().trimmed(),
             readData(QStringLiteral("vectors/java/certificates_response_decrypted_certificate.pem")).trimmed());
}

void TestPlatformCertificates::goCertificatesBodyNeedsARealApiV3Key()
{
    // Go's mock body was encrypted with a 16-byte key, which is not an APIv3 key: the
    // decryptor cannot even be created with it, and a 32-byte key does not open it.
    QCOMPARE(ApiV3Decryptor::create("mockAPIv3Key1234").error().code(), ApiV3Error::Code::KeyNotThirtyTwoBytes);
    auto certificates = decryptPlatformCertificates(
        readData(QStringLiteral("vectors/go/certificates_response_body.json")), javaDecryptor());
    QVERIFY(!certificates.ok());
    QCOMPARE(certificates.error().code(), CertificateDownloadError::Code::DecryptionFailed);
    QCOMPARE(certificates.error().decryption()->code(), ApiV3Error::Code::AuthenticationFailed);
}

void TestPlatformCertificates::wrongApiV3KeyIsNamed()
{
    auto certificates
        = decryptPlatformCertificates(readData(QStringLiteral("vectors/java/certificates_response_body.json")),
                                      ApiV3Decryptor::create(QByteArray(32, 'x')).value());
    QVERIFY(!certificates.ok());
    QCOMPARE(certificates.error().code(), CertificateDownloadError::Code::DecryptionFailed);
    QVERIFY(certificates.error().text().zh.contains(QStringLiteral("APIv3 密钥")));
    QVERIFY(certificates.error().text().en.contains(QStringLiteral("APIv3 key")));
}

void TestPlatformCertificates::rejectsMalformedBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << QByteArray("<html>");
    QTest::newRow("no data") << QByteArray("{}");
    QTest::newRow("data not an array") << QByteArray("{\"data\":{}}");
    QTest::newRow("entry without serial")
        << QByteArray("{\"data\":[{\"encrypt_certificate\":{\"ciphertext\":\"x\"}}]}");
    QTest::newRow("entry without ciphertext") << QByteArray("{\"data\":[{\"serial_no\":\"01\"}]}");
}

void TestPlatformCertificates::rejectsMalformedBodies()
{
    QFETCH(QByteArray, body);
    auto certificates = decryptPlatformCertificates(body, javaDecryptor());
    QVERIFY(!certificates.ok());
    QCOMPARE(certificates.error().code(), CertificateDownloadError::Code::MalformedResponse);
}

void TestPlatformCertificates::rejectsSerialThatDoesNotMatchTheCertificate()
{
    QByteArray body = readData(QStringLiteral("vectors/java/certificates_response_body.json"));
    body.replace("5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC", "440024045C4A427599D09BB4E3DE0279F2E813FD");
    auto certificates = decryptPlatformCertificates(body, javaDecryptor());
    QVERIFY(!certificates.ok());
    QCOMPARE(certificates.error().code(), CertificateDownloadError::Code::SerialMismatch);
}

QTEST_GUILESS_MAIN(TestPlatformCertificates)
#include "TestPlatformCertificates.moc"
