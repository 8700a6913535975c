// No passphrase, APIv3 key or key material may reach the settings file, the audit database,
// the certificate cache or any log. A certificate-mode profile with an encrypted key goes
// through everything that writes — save, session, download, change, history export — and
// every byte written is then searched.
#include "audit/AuditCsv.h"
#include "audit/AuditTrail.h"
#include "profile/ProfileSession.h"
#include "profile/ProfileStore.h"
#include "profile/SecretStore.h"

#include "SimulatorFixture.h"
#include "TestKeyFactory.h"

#include "simulator/DemoMerchant.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

namespace {

QStringList g_log;

void captureMessages(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log.append(message);
}

} // namespace

class TestSecretsStayOut : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nothingSecretIsWrittenAnywhere();
};

void TestSecretsStayOut::nothingSecretIsWrittenAnywhere()
{
    const QByteArray passphrase = "门店私钥密码-7731";
    const QByteArray apiV3Key = DemoMerchant::instance().apiV3Key;
    QTemporaryDir keys;
    QTemporaryDir dataRoot;
    QVERIFY(DemoMerchant::instance().writeClientFiles(keys.path()));
    const PrivateKey key = KeyLoader::merchantKey(DemoMerchant::instance().merchantPrivateKeyPem)->key;
    QFile encrypted(keys.filePath(QStringLiteral("encrypted_key.pem")));
    QVERIFY(encrypted.open(QIODevice::WriteOnly));
    encrypted.write(TestKeyFactory::encryptedPkcs8Pem(key, passphrase));
    encrypted.close();

    g_log.clear();
    qInstallMessageHandler(captureMessages);
    {
        SimulatorFixture sim;
        const DataDirectory data(dataRoot.path());
        QVERIFY(data.ensureExists());
        MerchantProfile profile;
        profile.name = QStringLiteral("secret-test");
        profile.mchid = DemoMerchant::instance().mchid;
        profile.privateKeyFile = encrypted.fileName();
        profile.merchantCertificateFile = keys.filePath(DemoMerchant::MerchantCertificateFile);
        profile.verificationMode = VerificationMode::PlatformCertificates;
        profile.primaryBaseUrl = sim.server().baseUrl();
        profile.backupBaseUrl = QUrl();
        const ProfileSecrets secrets{passphrase, apiV3Key};
        QVERIFY(validateProfile(profile, secrets).isEmpty());

        ProfileStore store(data.settingsFile());
        store.save(profile);
        MemorySecretStore secretStore;
        secretStore.writeNow(SecretStore::passphraseKey(profile.name), passphrase);
        secretStore.writeNow(SecretStore::apiV3Key(profile.name), apiV3Key);

        auto session = ProfileSession::open(profile, secrets, data, sim.fastSettings());
        QVERIFY(session.ok());
        QSignalSpy ready(session->get(), &ProfileSession::ready);
        (*session)->prepare();
        QVERIFY(ready.wait(20000));

        auto log = AuditLog::open(data.auditDatabase());
        AuditTrail trail(**log, profile.name, profile.mchid, QStringLiteral("cli"));
        const BudgetOutcome outcome = SimulatorFixture::wait(trail.modify(
            (*session)->client(),
            {QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, std::nullopt, QStringLiteral("s-1")}));
        QCOMPARE(outcome.kind, BudgetOutcome::Kind::Applied);
        // A rejected change too: error texts are written as well.
        SimulatorFixture::wait(trail.modify(
            (*session)->client(),
            {QStringLiteral("1212000000000009"), BudgetDimension::Total, 6000, 5000, QStringLiteral("s-2")}));
        QFile csv(data.root() + QStringLiteral("/history.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write(AuditCsv::write((*log)->query().value_or({}), {Language::Chinese}));
    }
    qInstallMessageHandler(nullptr);

    // What must never appear: the secrets, and any run of the private key's Base64.
    QList<QByteArray> forbidden{passphrase, apiV3Key, apiV3Key.toBase64(), passphrase.toBase64()};
    const QRegularExpression base64Run(QStringLiteral("[A-Za-z0-9+/]{24,}"));
    const QString keyPem = QString::fromLatin1(TestKeyFactory::pkcs8Pem(key) + TestKeyFactory::pkcs1Pem(key));
    auto runs = base64Run.globalMatch(keyPem);
    while (runs.hasNext())
        forbidden.append(runs.next().captured().left(24).toLatin1());
    QVERIFY(forbidden.size() > 20);

    int filesChecked = 0;
    QDirIterator files(dataRoot.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        ++filesChecked;
        for (const QByteArray &secret : forbidden)
            QVERIFY2(!content.contains(secret), qPrintable(file.fileName()));
    }
    QVERIFY2(filesChecked >= 4, qPrintable(QString::number(filesChecked))); // settings, audit (+wal), cache, csv
    const QByteArray logged = g_log.join(u'\n').toUtf8();
    for (const QByteArray &secret : forbidden)
        QVERIFY(!logged.contains(secret));
}

QTEST_GUILESS_MAIN(TestSecretsStayOut)
#include "TestSecretsStayOut.moc"
