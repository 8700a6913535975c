#include "profile/ProfileConnection.h"

#include "simulator/DemoMerchant.h"

#include "TestKeyFactory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

using Code = ProfileProblem::Code;
Q_DECLARE_METATYPE(Code)

class TestProfileConnection : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString file(const QString &name) const { return m_dir.filePath(name); }

    MerchantProfile demoProfile() const
    {
        const DemoMerchant &demo = DemoMerchant::instance();
        MerchantProfile profile;
        profile.name = QStringLiteral("演示商户");
        profile.mchid = demo.mchid;
        profile.privateKeyFile = file(DemoMerchant::MerchantKeyFile);
        profile.merchantCertificateFile = file(DemoMerchant::MerchantCertificateFile);
        profile.publicKeyId = demo.publicKeyId;
        profile.publicKeyFile = file(DemoMerchant::WechatPayPublicKeyFile);
        return profile;
    }

    void write(const QString &name, const QByteArray &content) const
    {
        QFile out(file(name));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(content);
    }

private Q_SLOTS:
    void initTestCase();
    void buildsFromAValidProfile();
    void serialWithoutCertificate();
    void eachProblem_data();
    void eachProblem();
    void encryptedKeyNeedsItsPassphrase();
    void certificateModeNeedsTheApiV3Key();
};

void TestProfileConnection::initTestCase()
{
    QVERIFY(DemoMerchant::instance().writeClientFiles(m_dir.path()));
    const PrivateKey other = TestKeyFactory::rsa(2048);
    write(QStringLiteral("other_key.pem"), TestKeyFactory::pkcs8Pem(other));
    write(QStringLiteral("encrypted_key.pem"),
          TestKeyFactory::encryptedPkcs8Pem(KeyLoader::merchantKey(DemoMerchant::instance().merchantPrivateKeyPem)->key,
                                            QStringLiteral("门店密码-2026").toUtf8()));
}

void TestProfileConnection::buildsFromAValidProfile()
{
    auto connection = ProfileConnection::build(demoProfile(), {});
    QVERIFY2(connection.ok(), qPrintable(connection.ok() ? QString() : connection.error().text().en));
    QCOMPARE(connection->credentials.certificateSerial, DemoMerchant::instance().merchantSerial); // read, not typed
    QCOMPARE(connection->keys.publicKeyId(), DemoMerchant::instance().publicKeyId);
    QCOMPARE(connection->settings.primaryBaseUrl, QUrl(QStringLiteral("https://api.mch.weixin.qq.com")));
    QCOMPARE(connection->settings.backupBaseUrl, QUrl(QStringLiteral("https://api2.mch.weixin.qq.com")));
    QVERIFY(validateProfile(demoProfile(), {}).isEmpty());
}

void TestProfileConnection::serialWithoutCertificate()
{
    MerchantProfile profile = demoProfile();
    profile.merchantCertificateFile.clear();
    profile.merchantSerial = DemoMerchant::instance().merchantSerial.toLower();
    auto connection = ProfileConnection::build(profile, {});
    QVERIFY(connection.ok());
    QCOMPARE(connection->credentials.certificateSerial, DemoMerchant::instance().merchantSerial);
}

void TestProfileConnection::eachProblem_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<Code>("code");
    QTest::newRow("name") << "name"
                          << "  " << Code::NameMissing;
    QTest::newRow("mchid with letters") << "mchid"
                                        << "19000x0109" << Code::MchidNotDigits;
    QTest::newRow("serial 39 hex, no certificate") << "serial-only"
                                                   << "4DE9A1C37B0F2E5968D4A7B3C1E0F29384A5B6C" << Code::SerialInvalid;
    QTest::newRow("serial not hex, no certificate")
        << "serial-only"
        << "4DE9A1C37B0F2E5968D4A7B3C1E0F29384A5B6CZ" << Code::SerialInvalid;
    QTest::newRow("serial contradicts the certificate")
        << "merchantSerial"
        << "5F1C72E2A8931B72A2E13AF8DEE92471EB397115" << Code::SerialDiffersFromCertificate;
    QTest::newRow("no key") << "privateKeyFile"
                            << "" << Code::PrivateKeyMissing;
    QTest::newRow("key file missing") << "privateKeyFile"
                                      << "/nonexistent/apiclient_key.pem" << Code::PrivateKey;
    QTest::newRow("key of another certificate") << "privateKeyFile"
                                                << "other_key.pem" << Code::PrivateKey;
    QTest::newRow("certificate is a key") << "merchantCertificateFile"
                                          << "other_key.pem" << Code::MerchantCertificate;
    QTest::newRow("public key ID without prefix") << "publicKeyId"
                                                  << "0119000001" << Code::PublicKeyIdInvalid;
    QTest::newRow("public key file missing") << "publicKeyFile"
                                             << "" << Code::PublicKeyMissing;
    QTest::newRow("public key file is the private key") << "publicKeyFile"
                                                        << "other_key.pem" << Code::PublicKey;
    QTest::newRow("http to a remote host") << "primaryBaseUrl"
                                           << "http://api.mch.weixin.qq.com" << Code::UrlInvalid;
    QTest::newRow("ftp") << "backupBaseUrl"
                         << "ftp://127.0.0.1" << Code::UrlInvalid;
    QTest::newRow("timeout 0") << "timeoutMs"
                               << "0" << Code::TimeoutOutOfRange;
}

void TestProfileConnection::eachProblem()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(Code, code);
    MerchantProfile profile = demoProfile();
    const QString path = value.isEmpty() || value.startsWith(u'/') ? value : file(value);
    if (field == QLatin1String("name"))
        profile.name = value;
    else if (field == QLatin1String("mchid"))
        profile.mchid = value;
    else if (field == QLatin1String("serial-only")) {
        profile.merchantCertificateFile.clear();
        profile.merchantSerial = value;
    } else if (field == QLatin1String("merchantSerial"))
        profile.merchantSerial = value;
    else if (field == QLatin1String("privateKeyFile"))
        profile.privateKeyFile = path;
    else if (field == QLatin1String("merchantCertificateFile"))
        profile.merchantCertificateFile = path;
    else if (field == QLatin1String("publicKeyId"))
        profile.publicKeyId = value;
    else if (field == QLatin1String("publicKeyFile"))
        profile.publicKeyFile = path;
    else if (field == QLatin1String("primaryBaseUrl"))
        profile.primaryBaseUrl = QUrl(value);
    else if (field == QLatin1String("backupBaseUrl"))
        profile.backupBaseUrl = QUrl(value);
    else if (field == QLatin1String("timeoutMs"))
        profile.timeoutMs = value.toInt();

    const QList<ProfileProblem> problems = validateProfile(profile, {});
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().code(), code);
    QVERIFY(!problems.first().text().zh.isEmpty() && !problems.first().text().en.isEmpty());
    QVERIFY(!problems.first().field().isEmpty());
}

void TestProfileConnection::encryptedKeyNeedsItsPassphrase()
{
    MerchantProfile profile = demoProfile();
    profile.privateKeyFile = file(QStringLiteral("encrypted_key.pem"));
    auto without = ProfileConnection::build(profile, {});
    QVERIFY(!without.ok());
    QCOMPARE(without.error().keyError()->code(), KeyError::Code::PassphraseRequired);
    auto wrong = ProfileConnection::build(profile, {"wrong", {}});
    QCOMPARE(wrong.error().keyError()->code(), KeyError::Code::WrongPassphrase);
    QVERIFY(ProfileConnection::build(profile, {QStringLiteral("门店密码-2026").toUtf8(), {}}).ok());
}

void TestProfileConnection::certificateModeNeedsTheApiV3Key()
{
    MerchantProfile profile = demoProfile();
    profile.verificationMode = VerificationMode::PlatformCertificates;
    auto missing = ProfileConnection::build(profile, {});
    QCOMPARE(missing.error().code(), Code::ApiV3KeyLength);
    QCOMPARE(ProfileConnection::build(profile, {{}, "31-bytes-0000000000000000000000"}).error().code(),
             Code::ApiV3KeyLength);
    QVERIFY(ProfileConnection::build(profile, {{}, DemoMerchant::instance().apiV3Key}).ok());
    // With a fixed certificate, no download and no APIv3 key needed.
    profile.platformCertificateFiles = {file(DemoMerchant::PlatformCertificateFile)};
    QVERIFY(ProfileConnection::build(profile, {}).ok());
}

QTEST_GUILESS_MAIN(TestProfileConnection)
#include "TestProfileConnection.moc"
