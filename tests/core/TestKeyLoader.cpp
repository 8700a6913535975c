#include "crypto/KeyLoader.h"

#include "TestData.h"
#include "TestKeyFactory.h"

#include <openssl/provider.h>

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace budgetdesk;
using namespace budgetdesk::test;

Q_DECLARE_METATYPE(KeyFormat)
Q_DECLARE_METATYPE(KeyError::Code)

namespace {

const QString LegacyMchid = QStringLiteral("1900000109");
const QString LegacySerial = QStringLiteral("3A1B5C7D9E0F11223344556677889900AABBCCDD");
const QString JavaMerchantSerial = QStringLiteral("5F1C72E2A8931B72A2E13AF8DEE92471EB397115");

// True when `key` is the private half of `publicKey`: sign with one, verify with the other.
bool sameKeyPair(const PrivateKey &key, const PublicKey &publicKey)
{
    const QByteArray message = "BudgetDesk key pair check";
    return publicKey.verifySha256(message, key.signSha256(message));
}

// Every Base64 run of 16+ characters in `content`: none may show up in an error text.
QStringList secretFragments(const QByteArray &content)
{
    QStringList fragments;
    const QRegularExpression run(QStringLiteral("[A-Za-z0-9+/]{16,}"));
    auto matches = run.globalMatch(QString::fromLatin1(content));
    while (matches.hasNext())
        fragments.append(matches.next().captured().left(16));
    return fragments;
}

void verifyNoKeyMaterial(const KeyError &error, const QByteArray &content, const QByteArray &passphrase = {})
{
    const BilingualText text = error.text();
    for (const QString &fragment : secretFragments(content)) {
        QVERIFY2(!text.zh.contains(fragment) && !text.en.contains(fragment), qPrintable(fragment));
    }
    if (!passphrase.isEmpty()) {
        QVERIFY(!text.zh.contains(QString::fromUtf8(passphrase)));
        QVERIFY(!text.en.contains(QString::fromUtf8(passphrase)));
    }
}

} // namespace

class TestKeyLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    // Runs first, while OpenSSL's legacy provider is not yet loaded in this process.
    void legacyPkcs12OpensWithMchidAsDefaultPassword();
    void legacyPkcs12Passwords();

    void loadsEveryMerchantKeyFormat_data();
    void loadsEveryMerchantKeyFormat();
    void loadsPastedText_data();
    void loadsPastedText();
    void loadsOfficialVectorKeys();
    void combinedPemCarriesItsCertificate();
    void loadsFromFiles();

    void rejectsWithTypedErrors_data();
    void rejectsWithTypedErrors();
    void fileErrorsNameTheFile();

    void publicKeys();
    void certificates();
    void serialForKey();
    void everyErrorHasBothLanguages();

private:
    PrivateKey m_key;
    Certificate m_certificate;
};

void TestKeyLoader::initTestCase()
{
    m_key = TestKeyFactory::rsa(2048);
    m_certificate
        = TestKeyFactory::certificate(m_key, "1234567890ABCDEF1234567890ABCDEF12345678", QStringLiteral("1900000001"));
}

void TestKeyLoader::legacyPkcs12OpensWithMchidAsDefaultPassword()
{
    QVERIFY2(!OSSL_PROVIDER_available(nullptr, "legacy"), "the legacy provider must not be preloaded for this test");
    const QByteArray p12 = readData(QStringLiteral("keys/legacy_apiclient_cert.p12"));

    auto loaded = KeyLoader::merchantKey(p12, {}, LegacyMchid);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().text().en));
    QCOMPARE(loaded->format, KeyFormat::Pkcs12);
    QVERIFY(loaded->certificate.has_value());
    QCOMPARE(loaded->certificate->serialNumber(), LegacySerial);
    QCOMPARE(loaded->certificate->subjectCommonName(), LegacyMchid);

    auto expected = KeyLoader::merchantKeyFromFile(dataPath(QStringLiteral("keys/legacy_apiclient_key.pem")));
    QVERIFY(expected.ok());
    QVERIFY(sameKeyPair(loaded->key, expected->key.publicKey()));

    auto serial = KeyLoader::serialForKey(loaded->key, *loaded->certificate);
    QVERIFY(serial.ok());
    QCOMPARE(*serial, LegacySerial);

    // The .p12 also serves where a certificate is asked for.
    auto certificate = KeyLoader::certificate(p12, {}, LegacyMchid);
    QVERIFY(certificate.ok());
    QCOMPARE(certificate->serialNumber(), LegacySerial);
}

void TestKeyLoader::legacyPkcs12Passwords()
{
    const QByteArray p12 = readData(QStringLiteral("keys/legacy_apiclient_cert.p12"));
    // An explicit passphrase wins over the mchid.
    QVERIFY(KeyLoader::merchantKey(p12, LegacyMchid.toUtf8(), QStringLiteral("999")).ok());

    auto wrong = KeyLoader::merchantKey(p12, "not-the-password", LegacyMchid);
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code(), KeyError::Code::WrongPassphrase);
    verifyNoKeyMaterial(wrong.error(), p12, "not-the-password");

    auto wrongMchid = KeyLoader::merchantKey(p12, {}, QStringLiteral("1900000999"));
    QVERIFY(!wrongMchid.ok());
    QCOMPARE(wrongMchid.error().code(), KeyError::Code::WrongPassphrase);

    auto none = KeyLoader::merchantKey(p12);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code(), KeyError::Code::PassphraseRequired);
}

void TestKeyLoader::loadsEveryMerchantKeyFormat_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<QString>("mchid");
    QTest::addColumn<KeyFormat>("format");
    QTest::addColumn<bool>("withCertificate");

    const QByteArray pass = "s3cret-Passphrase";
    const QByteArray pkcs8 = TestKeyFactory::pkcs8Pem(m_key);
    QByteArray bareBase64;
    for (const QByteArray &line : pkcs8.split('\n')) {
        if (!line.startsWith("-----"))
            bareBase64 += line + "\n";
    }

    QTest::newRow("PKCS#8 PEM") << pkcs8 << QByteArray() << QString() << KeyFormat::Pkcs8Pem << false;
    QTest::newRow("PKCS#1 PEM") << TestKeyFactory::pkcs1Pem(m_key) << QByteArray() << QString() << KeyFormat::Pkcs1Pem
                                << false;
    QTest::newRow("encrypted PKCS#8") << TestKeyFactory::encryptedPkcs8Pem(m_key, pass) << pass << QString()
                                      << KeyFormat::EncryptedPkcs8Pem << false;
    QTest::newRow("encrypted PKCS#1") << TestKeyFactory::encryptedPkcs1Pem(m_key, pass) << pass << QString()
                                      << KeyFormat::EncryptedPkcs1Pem << false;
    QTest::newRow("passphrase given but not needed") << pkcs8 << pass << QString() << KeyFormat::Pkcs8Pem << false;
    QTest::newRow("PKCS#8 DER") << TestKeyFactory::pkcs8Der(m_key) << QByteArray() << QString() << KeyFormat::Der
                                << false;
    QTest::newRow("Base64 without BEGIN/END") << bareBase64 << QByteArray() << QString() << KeyFormat::Der << false;
    QTest::newRow("PKCS#12, AES, passphrase")
        << TestKeyFactory::pkcs12(m_key, m_certificate, pass) << pass << QString() << KeyFormat::Pkcs12 << true;
    QTest::newRow("PKCS#12, AES, mchid default")
        << TestKeyFactory::pkcs12(m_key, m_certificate, "1900000001") << QByteArray() << QStringLiteral("1900000001")
        << KeyFormat::Pkcs12 << true;
    QTest::newRow("PKCS#12, legacy RC2/3DES")
        << TestKeyFactory::pkcs12(m_key, m_certificate, "1900000001", true) << QByteArray()
        << QStringLiteral("1900000001") << KeyFormat::Pkcs12 << true;
}

void TestKeyLoader::loadsEveryMerchantKeyFormat()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, passphrase);
    QFETCH(QString, mchid);
    QFETCH(KeyFormat, format);
    QFETCH(bool, withCertificate);

    auto loaded = KeyLoader::merchantKey(content, passphrase, mchid);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().text().en));
    QCOMPARE(loaded->format, format);
    QCOMPARE(loaded->key.bits(), 2048);
    QVERIFY(sameKeyPair(loaded->key, m_certificate.publicKey()));
    QCOMPARE(loaded->certificate.has_value(), withCertificate);
    if (withCertificate)
        QCOMPARE(loaded->certificate->serialNumber(), m_certificate.serialNumber());
}

void TestKeyLoader::loadsPastedText_data()
{
    QTest::addColumn<QByteArray>("pasted");
    const QByteArray pem = readData(QStringLiteral("vectors/java/merchant_private_key.pem"));
    QTest::newRow("as downloaded") << pem;
    QTest::newRow("CRLF") << QByteArray(pem).replace("\n", "\r\n");
    QTest::newRow("missing final newline") << pem.trimmed();
    QTest::newRow("stray spaces") << "  " + QByteArray(pem).replace("\n", " \t\n  ") + "   ";
    QTest::newRow("one line, as some web forms flatten it") << QByteArray(pem).replace('\n', ' ');
    QTest::newRow("no line breaks at all")
        << QByteArray(pem).replace("-----\n", "-----").replace("\n-----", "-----").replace("\n", "");
}

void TestKeyLoader::loadsPastedText()
{
    QFETCH(QByteArray, pasted);
    auto loaded = KeyLoader::merchantKey(pasted);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().text().en));
    auto certificate
        = KeyLoader::certificateFromFile(dataPath(QStringLiteral("vectors/java/merchant_certificate.pem")));
    QVERIFY(certificate.ok());
    QVERIFY(certificate->matches(loaded->key));
}

void TestKeyLoader::loadsOfficialVectorKeys()
{
    for (const char *file :
         {"vectors/go/rsa_test_private_key_pkcs8.pem", "vectors/go/mock_merchant_private_key_pkcs8.pem",
          "vectors/java/merchant_private_key.pem", "vectors/java/wechat_pay_private_key.pem"}) {
        auto loaded = KeyLoader::merchantKeyFromFile(dataPath(QString::fromLatin1(file)));
        QVERIFY2(loaded.ok(), file);
        QCOMPARE(loaded->format, KeyFormat::Pkcs8Pem);
        QCOMPARE(loaded->key.bits(), 2048);
    }
}

void TestKeyLoader::combinedPemCarriesItsCertificate()
{
    const QByteArray bundle = TestKeyFactory::certificatePem(m_certificate) + TestKeyFactory::pkcs8Pem(m_key);
    auto loaded = KeyLoader::merchantKey(bundle);
    QVERIFY(loaded.ok());
    QVERIFY(loaded->certificate.has_value());
    QCOMPARE(loaded->certificate->serialNumber(), m_certificate.serialNumber());
}

void TestKeyLoader::loadsFromFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString keyPath = dir.filePath(QStringLiteral("apiclient_key.pem"));
    const QString p12Path = dir.filePath(QStringLiteral("apiclient_cert.p12"));
    for (const auto &[path, content] :
         {std::pair{keyPath, TestKeyFactory::pkcs8Pem(m_key)},
          std::pair{p12Path, TestKeyFactory::pkcs12(m_key, m_certificate, "1900000001")}}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QVERIFY(KeyLoader::merchantKeyFromFile(keyPath).ok());
    auto fromP12 = KeyLoader::merchantKeyFromFile(p12Path, {}, QStringLiteral("1900000001"));
    QVERIFY(fromP12.ok());
    auto certificate = KeyLoader::certificateFromFile(p12Path, {}, QStringLiteral("1900000001"));
    QVERIFY(certificate.ok());
    QCOMPARE(*KeyLoader::serialForKey(fromP12->key, *certificate), m_certificate.serialNumber());
}

void TestKeyLoader::rejectsWithTypedErrors_data()
{
    QTest::addColumn<int>("loader"); // 0 merchant key, 1 public key, 2 certificate
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<KeyError::Code>("code");
    QTest::addColumn<QString>("detail");

    const QByteArray pass = "s3cret-Passphrase";
    const PrivateKey small = TestKeyFactory::rsa(1024);
    const PrivateKey ec = TestKeyFactory::ec();
    const QByteArray certificatePem = TestKeyFactory::certificatePem(m_certificate);
    const QByteArray certificateDer = TestKeyFactory::certificateDer(m_certificate);
    const QByteArray spki = TestKeyFactory::spkiPem(m_key);
    const QByteArray pkcs8 = TestKeyFactory::pkcs8Pem(m_key);
    using C = KeyError::Code;

    QTest::newRow("key: certificate PEM")
        << 0 << certificatePem << QByteArray() << C::CertificateInsteadOfKey << QString();
    QTest::newRow("key: certificate DER")
        << 0 << certificateDer << QByteArray() << C::CertificateInsteadOfKey << QString();
    QTest::newRow("key: WeChat Pay public key")
        << 0 << spki << QByteArray() << C::PublicKeyInsteadOfPrivateKey << QString();
    QTest::newRow("key: APIv3 key pasted") << 0 << QByteArray("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb\n") << QByteArray()
                                           << C::SymmetricKeyInsteadOfPrivateKey << QString();
    QTest::newRow("key: encrypted PKCS#8, no passphrase")
        << 0 << TestKeyFactory::encryptedPkcs8Pem(m_key, pass) << QByteArray() << C::PassphraseRequired << QString();
    QTest::newRow("key: encrypted PKCS#1, no passphrase")
        << 0 << TestKeyFactory::encryptedPkcs1Pem(m_key, pass) << QByteArray() << C::PassphraseRequired << QString();
    QTest::newRow("key: encrypted PKCS#8, wrong passphrase") << 0 << TestKeyFactory::encryptedPkcs8Pem(m_key, pass)
                                                             << QByteArray("wrong") << C::WrongPassphrase << QString();
    QTest::newRow("key: encrypted PKCS#1, wrong passphrase") << 0 << TestKeyFactory::encryptedPkcs1Pem(m_key, pass)
                                                             << QByteArray("wrong") << C::WrongPassphrase << QString();
    QTest::newRow("key: PKCS#12 wrong password") << 0 << TestKeyFactory::pkcs12(m_key, m_certificate, pass)
                                                 << QByteArray("wrong") << C::WrongPassphrase << QString();
    QTest::newRow("key: EC") << 0 << TestKeyFactory::pkcs8Pem(ec) << QByteArray() << C::NotRsa << QStringLiteral("EC");
    QTest::newRow("key: RSA-1024") << 0 << TestKeyFactory::pkcs8Pem(small) << QByteArray() << C::RsaKeyTooShort
                                   << QStringLiteral("1024");
    QTest::newRow("key: RSA-1024 PKCS#1")
        << 0 << TestKeyFactory::pkcs1Pem(small) << QByteArray() << C::RsaKeyTooShort << QStringLiteral("1024");
    QTest::newRow("key: garbage") << 0 << QByteArray("hello, this is not a key") << QByteArray()
                                  << C::UnrecognisedContent << QString();
    QTest::newRow("key: empty") << 0 << QByteArray() << QByteArray() << C::UnrecognisedContent << QString();
    QTest::newRow("key: truncated PEM") << 0 << pkcs8.left(400) + "\n-----END PRIVATE KEY-----\n"
                                        << QByteArray() << C::UnrecognisedContent << QString();
    QTest::newRow("key: OpenSSH format") << 0
                                         << QByteArray("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                                                       "-----END OPENSSH PRIVATE KEY-----\n")
                                         << QByteArray() << C::UnrecognisedContent << QString();

    QTest::newRow("public: certificate") << 1 << certificatePem << QByteArray() << C::CertificateInsteadOfKey
                                         << QString();
    QTest::newRow("public: certificate DER")
        << 1 << certificateDer << QByteArray() << C::CertificateInsteadOfKey << QString();
    QTest::newRow("public: private key") << 1 << pkcs8 << QByteArray() << C::PrivateKeyInsteadOfPublicKey << QString();
    QTest::newRow("public: private key DER")
        << 1 << TestKeyFactory::pkcs8Der(m_key) << QByteArray() << C::PrivateKeyInsteadOfPublicKey << QString();
    QTest::newRow("public: EC") << 1 << TestKeyFactory::spkiPem(ec) << QByteArray() << C::NotRsa
                                << QStringLiteral("EC");
    QTest::newRow("public: RSA-1024") << 1 << TestKeyFactory::spkiPem(small) << QByteArray() << C::RsaKeyTooShort
                                      << QStringLiteral("1024");
    QTest::newRow("public: garbage") << 1 << QByteArray("\x01\x02\x03") << QByteArray() << C::UnrecognisedContent
                                     << QString();

    QTest::newRow("certificate: private key") << 2 << pkcs8 << QByteArray() << C::KeyInsteadOfCertificate << QString();
    QTest::newRow("certificate: public key") << 2 << spki << QByteArray() << C::KeyInsteadOfCertificate << QString();
    QTest::newRow("certificate: private key DER")
        << 2 << TestKeyFactory::pkcs8Der(m_key) << QByteArray() << C::KeyInsteadOfCertificate << QString();
    QTest::newRow("certificate: EC") << 2 << TestKeyFactory::certificatePem(TestKeyFactory::certificate(ec, "01", "ec"))
                                     << QByteArray() << C::NotRsa << QStringLiteral("EC");
    QTest::newRow("certificate: garbage")
        << 2 << QByteArray("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----") << QByteArray()
        << C::UnrecognisedContent << QString();
}

void TestKeyLoader::rejectsWithTypedErrors()
{
    QFETCH(int, loader);
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, passphrase);
    QFETCH(KeyError::Code, code);
    QFETCH(QString, detail);

    std::optional<KeyError> error;
    if (loader == 0) {
        auto result = KeyLoader::merchantKey(content, passphrase);
        QVERIFY(!result.ok());
        error = result.error();
    } else if (loader == 1) {
        auto result = KeyLoader::publicKey(content);
        QVERIFY(!result.ok());
        error = result.error();
    } else {
        auto result = KeyLoader::certificate(content, passphrase);
        QVERIFY(!result.ok());
        error = result.error();
    }
    QCOMPARE(error->code(), code);
    QCOMPARE(error->detail(), detail);
    verifyNoKeyMaterial(*error, content, passphrase);
    if (!detail.isEmpty()) {
        QVERIFY(error->text().zh.contains(detail));
        QVERIFY(error->text().en.contains(detail));
    }
}

void TestKeyLoader::fileErrorsNameTheFile()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("apiclient_key.pem"));
    auto notFound = KeyLoader::merchantKeyFromFile(missing);
    QVERIFY(!notFound.ok());
    QCOMPARE(notFound.error().code(), KeyError::Code::FileNotFound);
    QVERIFY(notFound.error().text().zh.contains(missing));
    QVERIFY(notFound.error().text().en.contains(missing));

    // A directory, a device that never ends, a pipe that would block the open: refused at
    // once, before anything is read.
    auto folder = KeyLoader::publicKeyFromFile(dir.path());
    QVERIFY(!folder.ok());
    QCOMPARE(folder.error().code(), KeyError::Code::NotARegularFile);
    QVERIFY(folder.error().text().zh.contains(dir.path()));
#ifdef Q_OS_UNIX
    QElapsedTimer clock;
    clock.start();
    auto zero = KeyLoader::merchantKeyFromFile(QStringLiteral("/dev/zero"));
    QCOMPARE(zero.error().code(), KeyError::Code::NotARegularFile);
    const QString fifo = dir.filePath(QStringLiteral("pipe.pem"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    QCOMPARE(KeyLoader::certificateFromFile(fifo).error().code(), KeyError::Code::NotARegularFile);
    QVERIFY(clock.elapsed() < 5000); // neither read forever nor waited for a writer
#endif
    // A regular file far larger than any key: refused after reading no more than the cap.
    const QString huge = dir.filePath(QStringLiteral("huge.pem"));
    {
        QFile big(huge);
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(qint64(64) * 1024 * 1024)); // sparse
    }
    QCOMPARE(KeyLoader::publicKeyFromFile(huge).error().code(), KeyError::Code::FileTooLarge);

    const QString certificatePath = dir.filePath(QStringLiteral("apiclient_cert.pem"));
    QFile file(certificatePath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(TestKeyFactory::certificatePem(m_certificate));
    file.close();
    auto wrongFile = KeyLoader::merchantKeyFromFile(certificatePath);
    QVERIFY(!wrongFile.ok());
    QCOMPARE(wrongFile.error().code(), KeyError::Code::CertificateInsteadOfKey);
    QCOMPARE(wrongFile.error().fileName(), certificatePath);
    QVERIFY(wrongFile.error().text().en.startsWith(certificatePath + QStringLiteral(": This is a certificate")));
}

void TestKeyLoader::publicKeys()
{
    auto go = KeyLoader::publicKeyFromFile(dataPath(QStringLiteral("vectors/go/rsa_test_public_key.pem")));
    QVERIFY(go.ok());
    auto goCertificate = KeyLoader::certificateFromFile(
        dataPath(QStringLiteral("vectors/go/rsa_test_certificate_F5765756002FDD77.pem")));
    QVERIFY(goCertificate.ok());
    QVERIFY(*go == goCertificate->publicKey());

    auto java = KeyLoader::publicKeyFromFile(dataPath(QStringLiteral("vectors/java/wechat_pay_public_key.pem")));
    QVERIFY(java.ok());
    auto javaCertificate
        = KeyLoader::certificateFromFile(dataPath(QStringLiteral("vectors/java/wechat_pay_certificate.pem")));
    QVERIFY(javaCertificate.ok());
    QVERIFY(*java == javaCertificate->publicKey());
    QVERIFY(!(*java == *go));

    // PKCS#1 "RSA PUBLIC KEY" and DER SubjectPublicKeyInfo are read too.
    const QByteArray pkcs1Public = TestKeyFactory::pkcs1PublicPem(m_key);
    QVERIFY(pkcs1Public.startsWith("-----BEGIN RSA PUBLIC KEY-----"));
    auto fromPkcs1 = KeyLoader::publicKey(pkcs1Public);
    QVERIFY(fromPkcs1.ok());
    QVERIFY(*fromPkcs1 == m_key.publicKey());

    // Pasted with CRLF and no final newline still loads.
    auto pasted = KeyLoader::publicKey(
        readData(QStringLiteral("vectors/java/wechat_pay_public_key.pem")).replace("\n", "\r\n").trimmed());
    QVERIFY(pasted.ok());
    QVERIFY(*pasted == *java);
}

void TestKeyLoader::certificates()
{
    auto der = KeyLoader::certificate(TestKeyFactory::certificateDer(m_certificate));
    QVERIFY(der.ok());
    QCOMPARE(der->serialNumber(), m_certificate.serialNumber());

    auto go = KeyLoader::certificateFromFile(
        dataPath(QStringLiteral("vectors/go/rsa_test_certificate_F5765756002FDD77.pem")));
    QVERIFY(go.ok());
    QCOMPARE(go->serialNumber(), QStringLiteral("F5765756002FDD77"));
    auto platform = KeyLoader::certificateFromFile(dataPath(QStringLiteral("vectors/java/wechat_pay_certificate.pem")));
    QVERIFY(platform.ok());
    QCOMPARE(platform->serialNumber(), QStringLiteral("440024045C4A427599D09BB4E3DE0279F2E813FD"));
}

void TestKeyLoader::serialForKey()
{
    auto key = KeyLoader::merchantKeyFromFile(dataPath(QStringLiteral("vectors/java/merchant_private_key.pem")));
    auto certificate
        = KeyLoader::certificateFromFile(dataPath(QStringLiteral("vectors/java/merchant_certificate.pem")));
    QVERIFY(key.ok() && certificate.ok());
    auto serial = KeyLoader::serialForKey(key->key, *certificate);
    QVERIFY(serial.ok());
    QCOMPARE(*serial, JavaMerchantSerial);

    // The WeChat Pay test key belongs to another certificate.
    auto other = KeyLoader::merchantKeyFromFile(dataPath(QStringLiteral("vectors/java/wechat_pay_private_key.pem")));
    QVERIFY(other.ok());
    auto mismatch = KeyLoader::serialForKey(other->key, *certificate);
    QVERIFY(!mismatch.ok());
    QCOMPARE(mismatch.error().code(), KeyError::Code::KeyCertificateMismatch);
    QVERIFY(!KeyLoader::serialForKey(m_key, *certificate).ok());
    QVERIFY(!KeyLoader::serialForKey(PrivateKey(), *certificate).ok());
}

void TestKeyLoader::everyErrorHasBothLanguages()
{
    const QRegularExpression han(QStringLiteral("\\p{Han}"));
    for (int code = int(KeyError::Code::FileNotFound); code <= int(KeyError::Code::UnrecognisedContent); ++code) {
        const BilingualText text = KeyError(KeyError::Code(code), QStringLiteral("X")).text();
        QVERIFY2(text.zh.contains(han), qPrintable(QString::number(code)));
        QVERIFY2(!text.en.isEmpty() && !text.en.contains(han), qPrintable(QString::number(code)));
    }
}

QTEST_GUILESS_MAIN(TestKeyLoader)
#include "TestKeyLoader.moc"
