#include "auth/VerificationKeys.h"
#include "crypto/KeyLoader.h"

#include "TestData.h"
#include "TestKeyFactory.h"

#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

class TestVerificationKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publicKeyIdSelectsThePublicKey();
    void certificateSerialsSelectCertificates();
    void bothModesAtOnce();
    void preferredSerial();
};

void TestVerificationKeys::publicKeyIdSelectsThePublicKey()
{
    auto key = KeyLoader::publicKeyFromFile(dataPath(QStringLiteral("vectors/java/wechat_pay_public_key.pem")));
    VerificationKeys keys;
    QVERIFY(keys.isEmpty());
    keys.setPublicKey(QStringLiteral("PUB_KEY_ID_0000000000000000000000000000000001"), *key);
    QVERIFY(!keys.isEmpty());
    QVERIFY(keys.keyForSerial("PUB_KEY_ID_0000000000000000000000000000000001") == *key);
    // The public key ID is an identifier, not hex: matched exactly.
    QVERIFY(keys.keyForSerial("pub_key_id_0000000000000000000000000000000001").isNull());
    QVERIFY(keys.keyForSerial("PUB_KEY_ID_0000000000000000000000000000000002").isNull());
    QVERIFY(keys.keyForSerial("").isNull());
}

void TestVerificationKeys::certificateSerialsSelectCertificates()
{
    auto certificate
        = KeyLoader::certificateFromFile(dataPath(QStringLiteral("vectors/java/wechat_pay_certificate.pem")));
    VerificationKeys keys;
    keys.addPlatformCertificate(*certificate);
    QVERIFY(keys.keyForSerial("440024045C4A427599D09BB4E3DE0279F2E813FD") == certificate->publicKey());
    QVERIFY(keys.keyForSerial("440024045c4a427599d09bb4e3de0279f2e813fd") == certificate->publicKey());
    QVERIFY(keys.keyForSerial("440024045C4A427599D09BB4E3DE0279F2E813FE").isNull());
    QCOMPARE(keys.platformCertificates().size(), 1);
}

void TestVerificationKeys::bothModesAtOnce()
{
    const PrivateKey publicKeyPair = TestKeyFactory::rsa(2048);
    const PrivateKey certificateKeyPair = TestKeyFactory::rsa(2048);
    const Certificate certificate
        = TestKeyFactory::certificate(certificateKeyPair, "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", "Tenpay");
    VerificationKeys keys;
    keys.setPublicKey(QStringLiteral("PUB_KEY_ID_0114232134912410000000000000000001"), publicKeyPair.publicKey());
    keys.addPlatformCertificate(certificate);
    QVERIFY(keys.keyForSerial("PUB_KEY_ID_0114232134912410000000000000000001") == publicKeyPair.publicKey());
    QVERIFY(keys.keyForSerial("5157F09EFDC096DE15EBE81A47057A7232F1B8E1") == certificate.publicKey());
    QVERIFY(!(keys.keyForSerial("5157F09EFDC096DE15EBE81A47057A7232F1B8E1") == publicKeyPair.publicKey()));
}

void TestVerificationKeys::preferredSerial()
{
    const PrivateKey key = TestKeyFactory::rsa(2048);
    VerificationKeys keys;
    QCOMPARE(keys.preferredSerial(), QString());
    keys.addPlatformCertificate(TestKeyFactory::certificate(key, "AA01", "old", 30));
    keys.addPlatformCertificate(TestKeyFactory::certificate(key, "AA02", "new", 365));
    keys.addPlatformCertificate(TestKeyFactory::certificate(key, "AA03", "middle", 100));
    QCOMPARE(keys.preferredSerial(), QStringLiteral("AA02")); // valid longest
    keys.setPublicKey(QStringLiteral("PUB_KEY_ID_01"), key.publicKey());
    QCOMPARE(keys.preferredSerial(), QStringLiteral("PUB_KEY_ID_01")); // the public key wins once configured
}

QTEST_GUILESS_MAIN(TestVerificationKeys)
#include "TestVerificationKeys.moc"
