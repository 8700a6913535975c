#include "crypto/KeyLoader.h"
#include "crypto/PublicKey.h"

#include "TestData.h"
#include "TestKeyFactory.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace budgetdesk;
using namespace budgetdesk::test;

class TestPublicKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifiesOfficialSignatures_data();
    void verifiesOfficialSignatures();
    void rejectsAlteredSignatures();
    void exportsSpkiPem();
    void nullKeyVerifiesNothing();
    void sharedAcrossThreads();
};

void TestPublicKey::verifiesOfficialSignatures_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("isCertificate");
    QTest::newRow("go SPKI") << "vectors/go/rsa_test_public_key.pem" << false;
    QTest::newRow("go certificate F5765756002FDD77") << "vectors/go/rsa_test_certificate_F5765756002FDD77.pem" << true;
}

void TestPublicKey::verifiesOfficialSignatures()
{
    QFETCH(QString, key);
    QFETCH(bool, isCertificate);
    PublicKey publicKey;
    if (isCertificate) {
        auto certificate = KeyLoader::certificateFromFile(dataPath(key));
        QVERIFY(certificate.ok());
        publicKey = certificate->publicKey();
    } else {
        auto loaded = KeyLoader::publicKeyFromFile(dataPath(key));
        QVERIFY(loaded.ok());
        publicKey = *loaded;
    }
    const QByteArray signature
        = QByteArray::fromBase64(readData(QStringLiteral("vectors/go/rsa_sign_expected_signature.b64")));
    QVERIFY(publicKey.verifySha256(readData(QStringLiteral("vectors/go/rsa_sign_message.txt")), signature));
    QVERIFY(!publicKey.verifySha256("sourcE", signature));
    QCOMPARE(publicKey.signatureSize(), 256);
    QCOMPARE(publicKey.bits(), 2048);
}

void TestPublicKey::rejectsAlteredSignatures()
{
    const PrivateKey key = TestKeyFactory::rsa(2048);
    const QByteArray signature = key.signSha256("message");
    for (int i = 0; i < signature.size(); i += 37) {
        QByteArray flipped = signature;
        flipped[i] = char(flipped[i] ^ 0x01);
        QVERIFY(!key.publicKey().verifySha256("message", flipped));
    }
    QVERIFY(!key.publicKey().verifySha256("message", signature.left(255)));
    QVERIFY(!key.publicKey().verifySha256("message", signature + '\0'));
    QVERIFY(!key.publicKey().verifySha256("message", QByteArray()));
}

void TestPublicKey::exportsSpkiPem()
{
    const QByteArray pem = readData(QStringLiteral("vectors/java/wechat_pay_public_key.pem"));
    auto key = KeyLoader::publicKey(pem);
    QVERIFY(key.ok());
    QCOMPARE(key->toPem().trimmed(), pem.trimmed());
}

void TestPublicKey::nullKeyVerifiesNothing()
{
    QVERIFY(!PublicKey().verifySha256("a", "b"));
    QCOMPARE(PublicKey().signatureSize(), 0);
    QVERIFY(PublicKey() == PublicKey());
}

void TestPublicKey::sharedAcrossThreads()
{
    // One key object, its prepared context copied concurrently by several threads: every
    // good signature must verify and every bad one must fail, in every thread.
    const PrivateKey key = TestKeyFactory::rsa(2048);
    const PublicKey publicKey = key.publicKey();
    const QByteArray good = key.signSha256("message");
    QByteArray bad = good;
    bad[0] = char(bad[0] ^ 1);
    std::atomic<int> failures = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                if (!publicKey.verifySha256("message", good) || publicKey.verifySha256("message", bad))
                    ++failures;
                const QByteArray signature = key.signSha256("thread message");
                if (signature != key.signSha256("thread message")
                    || !publicKey.verifySha256("thread message", signature))
                    ++failures;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(failures.load(), 0);
}

QTEST_GUILESS_MAIN(TestPublicKey)
#include "TestPublicKey.moc"
