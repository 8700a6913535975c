#include "crypto/KeyLoader.h"
#include "crypto/PrivateKey.h"

#include "TestData.h"
#include "TestKeyFactory.h"

#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

class TestPrivateKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reproducesOfficialSignatures_data();
    void reproducesOfficialSignatures();
    void signaturesVerifyWithTheMatchingPublicKeyOnly();
    void nullKeySignsNothing();
};

void TestPrivateKey::reproducesOfficialSignatures_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("signature");
    // PKCS#1 v1.5 is deterministic, so the SDKs' expected values must come out byte for byte.
    QTest::newRow("wechatpay-go utils/sign_test.go") << "vectors/go/rsa_test_private_key_pkcs8.pem"
                                                     << "vectors/go/rsa_sign_message.txt"
                                                     << "vectors/go/rsa_sign_expected_signature.b64";
    QTest::newRow("wechatpay-java RSAVerifierTest") << "vectors/java/merchant_private_key.pem"
                                                    << "vectors/java/rsa_sign_message.txt"
                                                    << "vectors/java/rsa_sign_expected_signature.b64";
    QTest::newRow("derived D1 GET") << "vectors/java/merchant_private_key.pem"
                                    << "vectors/derived/D1_get_message.txt" << QString();
}

void TestPrivateKey::reproducesOfficialSignatures()
{
    QFETCH(QString, key);
    QFETCH(QString, message);
    QFETCH(QString, signature);
    auto loaded = KeyLoader::merchantKeyFromFile(dataPath(key));
    QVERIFY(loaded.ok());
    QByteArray expected;
    if (signature.isEmpty()) {
        const QByteArray authorization = readData(QStringLiteral("vectors/derived/D1_get_authorization.txt"));
        expected = authorization.mid(authorization.indexOf("signature=\"") + 11).chopped(1);
    } else {
        expected = readData(signature).trimmed();
    }
    QCOMPARE(loaded->key.signSha256(readData(message)).toBase64(), expected);
}

void TestPrivateKey::signaturesVerifyWithTheMatchingPublicKeyOnly()
{
    const PrivateKey key = TestKeyFactory::rsa(2048);
    const PrivateKey other = TestKeyFactory::rsa(2048);
    const QByteArray message = "PATCH\n/v3/marketing/busifavor/stocks/1/budget\n1700000000\nN\n{}\n";
    const QByteArray signature = key.signSha256(message);
    QCOMPARE(signature.size(), 256);
    QVERIFY(key.publicKey().verifySha256(message, signature));
    QVERIFY(!other.publicKey().verifySha256(message, signature));
    QVERIFY(!key.publicKey().verifySha256(message + "x", signature));

    const PrivateKey large = TestKeyFactory::rsa(4096);
    QCOMPARE(large.bits(), 4096);
    QCOMPARE(large.signSha256(message).size(), 512);
}

void TestPrivateKey::nullKeySignsNothing()
{
    QVERIFY(PrivateKey().isNull());
    QVERIFY(PrivateKey().signSha256("x").isEmpty());
    QVERIFY(PrivateKey().publicKey().isNull());
}

QTEST_GUILESS_MAIN(TestPrivateKey)
#include "TestPrivateKey.moc"
