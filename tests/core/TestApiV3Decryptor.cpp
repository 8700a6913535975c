#include "auth/ApiV3Decryptor.h"

#include <QRegularExpression>
#include <QTest>

using namespace budgetdesk;

Q_DECLARE_METATYPE(ApiV3Error::Code)

namespace {
const QByteArray JavaKey = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
const QByteArray Algorithm = "AEAD_AES_256_GCM";
} // namespace

class TestApiV3Decryptor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decryptsJavaVector();
    void keyMustBeThirtyTwoBytes_data();
    void keyMustBeThirtyTwoBytes();
    void typedFailures_data();
    void typedFailures();
    void errorsAreBilingualAndKeyFree();
};

void TestApiV3Decryptor::decryptsJavaVector()
{
    auto decryptor = ApiV3Decryptor::create(JavaKey);
    QVERIFY(decryptor.ok());
    auto plaintext
        = decryptor->decrypt(Algorithm, "uluk4a9R25RW", "associatedData", "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=");
    QVERIFY(plaintext.ok());
    QCOMPARE(*plaintext, QByteArray("message"));
}

void TestApiV3Decryptor::keyMustBeThirtyTwoBytes_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("16 bytes (Go SDK test key)") << QByteArray("mockAPIv3Key1234");
    QTest::newRow("31 bytes") << JavaKey.left(31);
    QTest::newRow("33 bytes") << JavaKey + "0";
    QTest::newRow("32 characters, 35 bytes") << QByteArray("密钥" + JavaKey.left(30)); // UTF-8 widens it
}

void TestApiV3Decryptor::keyMustBeThirtyTwoBytes()
{
    QFETCH(QByteArray, key);
    auto decryptor = ApiV3Decryptor::create(key);
    QVERIFY(!decryptor.ok());
    QCOMPARE(decryptor.error().code(), ApiV3Error::Code::KeyNotThirtyTwoBytes);
}

void TestApiV3Decryptor::typedFailures_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("algorithm");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<ApiV3Error::Code>("code");
    using C = ApiV3Error::Code;
    QTest::newRow("wrong APIv3 key") << QByteArray("b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb") << Algorithm
                                     << QByteArray("ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=") << C::AuthenticationFailed;
    QTest::newRow("tampered") << JavaKey << Algorithm << QByteArray("ulwSiIajGClcvcOYvOQ7+l+0PAbzzwA=")
                              << C::AuthenticationFailed;
    QTest::newRow("not Base64") << JavaKey << Algorithm << QByteArray("invalid cipher") << C::MalformedCiphertext;
    QTest::newRow("empty") << JavaKey << Algorithm << QByteArray() << C::MalformedCiphertext;
    QTest::newRow("shorter than the tag")
        << JavaKey << Algorithm << QByteArray("SGVsbG8gV29ybGQK") << C::MalformedCiphertext;
    QTest::newRow("other algorithm") << JavaKey << QByteArray("AEAD_SM4_GCM")
                                     << QByteArray("ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=") << C::UnsupportedAlgorithm;
}

void TestApiV3Decryptor::typedFailures()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, algorithm);
    QFETCH(QByteArray, ciphertext);
    QFETCH(ApiV3Error::Code, code);
    auto decryptor = ApiV3Decryptor::create(key);
    QVERIFY(decryptor.ok());
    auto plaintext = decryptor->decrypt(algorithm, "uluk4a9R25RW", "associatedData", ciphertext);
    QVERIFY(!plaintext.ok());
    QCOMPARE(plaintext.error().code(), code);
}

void TestApiV3Decryptor::errorsAreBilingualAndKeyFree()
{
    const QRegularExpression han(QStringLiteral("\\p{Han}"));
    for (auto code : {ApiV3Error::Code::KeyNotThirtyTwoBytes, ApiV3Error::Code::UnsupportedAlgorithm,
                      ApiV3Error::Code::MalformedCiphertext, ApiV3Error::Code::AuthenticationFailed}) {
        const BilingualText text = ApiV3Error(code).text();
        QVERIFY(text.zh.contains(han));
        QVERIFY(!text.en.isEmpty() && !text.en.contains(han));
        QVERIFY(!text.zh.contains(QString::fromLatin1(JavaKey)) && !text.en.contains(QString::fromLatin1(JavaKey)));
    }
}

QTEST_GUILESS_MAIN(TestApiV3Decryptor)
#include "TestApiV3Decryptor.moc"
