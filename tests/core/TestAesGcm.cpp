#include "crypto/AesGcm.h"

#include "TestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

Q_DECLARE_METATYPE(AesGcmError)

class TestAesGcm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void javaAes256Vector();
    void encryptsToTheJavaVector();
    void encryptDecryptRoundTrip();
    void javaAes256NegativeCases_data();
    void javaAes256NegativeCases();
    void goAes128Vector();
    void goAes128NegativeCases();
    void goCertificatesBodyDecryptsWithItsSixteenByteKey();
    void rejectsBadShapes_data();
    void rejectsBadShapes();
};

namespace {
const QByteArray JavaKey = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
const QByteArray JavaCiphertext = QByteArray::fromBase64("ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=");
} // namespace

void TestAesGcm::javaAes256Vector()
{
    // vectors/java/aead_aes256gcm_vector.txt
    auto plaintext = aesGcmDecrypt(JavaKey, "uluk4a9R25RW", "associatedData", JavaCiphertext);
    QVERIFY(plaintext.ok());
    QCOMPARE(*plaintext, QByteArray("message"));
}

void TestAesGcm::encryptsToTheJavaVector()
{
    auto ciphertext = aesGcmEncrypt(JavaKey, "uluk4a9R25RW", "associatedData", "message");
    QVERIFY(ciphertext.ok());
    QCOMPARE(ciphertext->toBase64(), QByteArray("ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI="));
}

void TestAesGcm::encryptDecryptRoundTrip()
{
    const QByteArray plaintext
        = readData(QStringLiteral("vectors/java/certificates_response_decrypted_certificate.pem"));
    for (const QByteArray &aad : {QByteArray(), QByteArray("certificate")}) {
        auto ciphertext = aesGcmEncrypt(JavaKey, "0123456789ab", aad, plaintext);
        QVERIFY(ciphertext.ok());
        QCOMPARE(ciphertext->size(), plaintext.size() + 16);
        QCOMPARE(*aesGcmDecrypt(JavaKey, "0123456789ab", aad, *ciphertext), plaintext);
    }
    QCOMPARE(aesGcmEncrypt("short", "0123456789ab", {}, "x").error(), AesGcmError::InvalidKeyLength);
    QCOMPARE(aesGcmEncrypt(JavaKey, "", {}, "x").error(), AesGcmError::InvalidNonce);
}

void TestAesGcm::javaAes256NegativeCases_data()
{
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QByteArray>("aad");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::newRow("bad associated data") << QByteArray("uluk4a9R25RW") << QByteArray("bad-associatedData")
                                         << JavaCiphertext;
    QTest::newRow("bad nonce") << QByteArray("bad-4a9R25RW") << QByteArray("associatedData") << JavaCiphertext;
    QTest::newRow("128 zero bytes") << QByteArray("uluk4a9R25RW") << QByteArray("associatedData")
                                    << QByteArray(128, '\0');
    QByteArray flipped = JavaCiphertext;
    flipped[0] = char(flipped[0] ^ 1);
    QTest::newRow("flipped ciphertext bit") << QByteArray("uluk4a9R25RW") << QByteArray("associatedData") << flipped;
    QByteArray badTag = JavaCiphertext;
    badTag[badTag.size() - 1] = char(badTag[badTag.size() - 1] ^ 1);
    QTest::newRow("flipped tag bit") << QByteArray("uluk4a9R25RW") << QByteArray("associatedData") << badTag;
}

void TestAesGcm::javaAes256NegativeCases()
{
    QFETCH(QByteArray, nonce);
    QFETCH(QByteArray, aad);
    QFETCH(QByteArray, ciphertext);
    auto plaintext = aesGcmDecrypt(JavaKey, nonce, aad, ciphertext);
    QVERIFY(!plaintext.ok());
    QCOMPARE(plaintext.error(), AesGcmError::AuthenticationFailed);
}

void TestAesGcm::goAes128Vector()
{
    // vectors/go/aes128gcm_vector.txt: the Go SDK's own test uses a 16-byte key.
    auto plaintext = aesGcmDecrypt("testAPIv3Key0000", "wCq51qZv4Yfg", "Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8",
                                   QByteArray::fromBase64("FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC"));
    QVERIFY(plaintext.ok());
    QCOMPARE(*plaintext, QByteArray("Hello World"));
}

void TestAesGcm::goAes128NegativeCases()
{
    const QByteArray ciphertext = QByteArray::fromBase64("FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC");
    QCOMPARE(aesGcmDecrypt("testAPIv3Key1111", "wCq51qZv4Yfg", "Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8", ciphertext).error(),
             AesGcmError::AuthenticationFailed);
    QCOMPARE(aesGcmDecrypt("not a aes key", "wCq51qZv4Yfg", "Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8", ciphertext).error(),
             AesGcmError::InvalidKeyLength);
    QCOMPARE(aesGcmDecrypt("testAPIv3Key0000", "wCq51qZv4Yfg", "Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8",
                           QByteArray::fromBase64("SGVsbG8gV29ybGQK"))
                 .error(),
             AesGcmError::CiphertextTooShort);
}

void TestAesGcm::goCertificatesBodyDecryptsWithItsSixteenByteKey()
{
    // The Go mock /v3/certificates body is AES-128-GCM (key mockAPIv3Key1234); APIv3 proper
    // refuses that key (TestApiV3Decryptor), but the primitive must still decrypt it exactly.
    const QJsonObject entry
        = QJsonDocument::fromJson(readData(QStringLiteral("vectors/go/certificates_response_body.json")))
              .object()[QStringLiteral("data")]
              .toArray()[0]
              .toObject();
    const QJsonObject encrypted = entry[QStringLiteral("encrypt_certificate")].toObject();
    auto plaintext = aesGcmDecrypt("mockAPIv3Key1234", encrypted[QStringLiteral("nonce")].toString().toUtf8(),
                                   encrypted[QStringLiteral("associated_data")].toString().toUtf8(),
                                   QByteArray::fromBase64(encrypted[QStringLiteral("ciphertext")].toString().toUtf8()));
    QVERIFY(plaintext.ok());
    QCOMPARE(*plaintext, readData(QStringLiteral("vectors/go/certificates_response_decrypted_certificate.pem")));
}

void TestAesGcm::rejectsBadShapes_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<AesGcmError>("error");
    QTest::newRow("31-byte key") << JavaKey.left(31) << QByteArray("uluk4a9R25RW") << JavaCiphertext
                                 << AesGcmError::InvalidKeyLength;
    QTest::newRow("33-byte key") << JavaKey + "x" << QByteArray("uluk4a9R25RW") << JavaCiphertext
                                 << AesGcmError::InvalidKeyLength;
    QTest::newRow("empty key") << QByteArray() << QByteArray("uluk4a9R25RW") << JavaCiphertext
                               << AesGcmError::InvalidKeyLength;
    QTest::newRow("empty nonce") << JavaKey << QByteArray() << JavaCiphertext << AesGcmError::InvalidNonce;
    QTest::newRow("15 bytes") << JavaKey << QByteArray("uluk4a9R25RW") << JavaCiphertext.left(15)
                              << AesGcmError::CiphertextTooShort;
    QTest::newRow("tag only") << JavaKey << QByteArray("uluk4a9R25RW") << JavaCiphertext.right(16)
                              << AesGcmError::AuthenticationFailed;
}

void TestAesGcm::rejectsBadShapes()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, nonce);
    QFETCH(QByteArray, ciphertext);
    QFETCH(AesGcmError, error);
    auto plaintext = aesGcmDecrypt(key, nonce, "associatedData", ciphertext);
    QVERIFY(!plaintext.ok());
    QCOMPARE(plaintext.error(), error);
}

QTEST_GUILESS_MAIN(TestAesGcm)
#include "TestAesGcm.moc"
