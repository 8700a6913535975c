#include "common/Utc.h"
#include "crypto/Certificate.h"
#include "crypto/KeyLoader.h"

#include "TestData.h"
#include "TestKeyFactory.h"

#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

class TestCertificate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsOfficialCertificates_data();
    void readsOfficialCertificates();
    void serialKeepsLeadingZeroBytesOfHex();
    void matchesOnlyItsOwnKey();
    void pemRoundTrip();
};

void TestCertificate::readsOfficialCertificates_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<QString>("commonName");
    QTest::addColumn<QDateTime>("notAfter");
    QTest::newRow("java merchant") << "vectors/java/merchant_certificate.pem"
                                   << "5F1C72E2A8931B72A2E13AF8DEE92471EB397115"
                                   << "test" << QDateTime(QDate(2025, 5, 9), QTime(1, 57, 10), utc());
    QTest::newRow("java platform") << "vectors/java/wechat_pay_certificate.pem"
                                   << "440024045C4A427599D09BB4E3DE0279F2E813FD" << QString() << QDateTime();
    QTest::newRow("go") << "vectors/go/rsa_test_certificate_F5765756002FDD77.pem"
                        << "F5765756002FDD77" << QString() << QDateTime();
    QTest::newRow("go mock platform") << "vectors/go/mock_wechatpay_certificate_D7CE59D1F522D701.pem"
                                      << "D7CE59D1F522D701" << QString() << QDateTime();
    QTest::newRow("java decrypted Tenpay platform")
        << "vectors/java/certificates_response_decrypted_certificate.pem"
        << "5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC" << QString() << QDateTime();
}

void TestCertificate::readsOfficialCertificates()
{
    QFETCH(QString, file);
    QFETCH(QString, serial);
    QFETCH(QString, commonName);
    QFETCH(QDateTime, notAfter);
    auto certificate = KeyLoader::certificateFromFile(dataPath(file));
    QVERIFY(certificate.ok());
    QCOMPARE(certificate->serialNumber(), serial);
    if (!commonName.isEmpty())
        QCOMPARE(certificate->subjectCommonName(), commonName);
    if (notAfter.isValid())
        QCOMPARE(certificate->notAfter(), notAfter);
    QVERIFY(certificate->notBefore() < certificate->notAfter());
}

void TestCertificate::serialKeepsLeadingZeroBytesOfHex()
{
    const PrivateKey key = TestKeyFactory::rsa(2048);
    // 0x0A…: a serial whose first byte is below 0x10 keeps its leading zero digit.
    const Certificate certificate = TestKeyFactory::certificate(key, "0A1B2C3D4E5F60718293A4B5C6D7E8F901234567", "x");
    QCOMPARE(certificate.serialNumber(), QStringLiteral("0A1B2C3D4E5F60718293A4B5C6D7E8F901234567"));
}

void TestCertificate::matchesOnlyItsOwnKey()
{
    const PrivateKey key = TestKeyFactory::rsa(2048);
    const PrivateKey other = TestKeyFactory::rsa(2048);
    const Certificate certificate = TestKeyFactory::certificate(key, "01", QStringLiteral("1900000001"));
    QVERIFY(certificate.matches(key));
    QVERIFY(!certificate.matches(other));
    QVERIFY(!certificate.matches(PrivateKey()));
    QVERIFY(!Certificate().matches(key));
    QCOMPARE(certificate.subjectCommonName(), QStringLiteral("1900000001"));
}

void TestCertificate::pemRoundTrip()
{
    const QByteArray pem = readData(QStringLiteral("vectors/java/merchant_certificate.pem"));
    auto certificate = KeyLoader::certificate(pem);
    QVERIFY(certificate.ok());
    auto again = KeyLoader::certificate(certificate->toPem());
    QVERIFY(again.ok());
    QCOMPARE(again->serialNumber(), certificate->serialNumber());
    QVERIFY(again->publicKey() == certificate->publicKey());
}

QTEST_GUILESS_MAIN(TestCertificate)
#include "TestCertificate.moc"
