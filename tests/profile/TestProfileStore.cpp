#include "profile/ProfileStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;

namespace {

MerchantProfile sample(const QString &name)
{
    MerchantProfile profile;
    profile.name = name;
    profile.mchid = QStringLiteral("1900000109");
    profile.merchantSerial = QStringLiteral("4DE9A1C37B0F2E5968D4A7B3C1E0F29384A5B6C7");
    profile.privateKeyFile = QStringLiteral("/keys/apiclient_key.pem");
    profile.merchantCertificateFile = QStringLiteral("/keys/apiclient_cert.pem");
    profile.verificationMode = VerificationMode::Both;
    profile.publicKeyId = QStringLiteral("PUB_KEY_ID_0119000001092026112700000000000001");
    profile.publicKeyFile = QStringLiteral("/keys/pub_key.pem");
    profile.platformCertificateFiles = {QStringLiteral("/keys/platform.pem")};
    profile.backupBaseUrl = QUrl();
    profile.timeoutMs = 20000;
    return profile;
}

} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonRoundTrip();
    void rejectsForeignFiles();
    void savesListsAndRemoves();
    void namesWithAnyCharacters();
    void remembersTheLastProfile();
};

void TestProfileStore::jsonRoundTrip()
{
    const MerchantProfile profile = sample(QStringLiteral("门店A"));
    const QJsonObject json = profile.toJson();
    QCOMPARE(json[QStringLiteral("format")].toString(), QStringLiteral("budgetdesk-profile"));
    auto again = MerchantProfile::fromJson(json);
    QVERIFY(again.ok());
    QCOMPARE(again->toJson(), json);
    QCOMPARE(again->verificationMode, VerificationMode::Both);
    QVERIFY(again->backupBaseUrl.isEmpty());
    QCOMPARE(again->timeoutMs, 20000);
}

void TestProfileStore::rejectsForeignFiles()
{
    QVERIFY(!MerchantProfile::fromJson(QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}}).ok());
    QJsonObject future = sample(QStringLiteral("x")).toJson();
    future[QStringLiteral("version")] = 2;
    QVERIFY(!MerchantProfile::fromJson(future).ok());
    QJsonObject badMode = sample(QStringLiteral("x")).toJson();
    badMode[QStringLiteral("verification")] = QStringLiteral("trust_me");
    QVERIFY(!MerchantProfile::fromJson(badMode).ok());
}

void TestProfileStore::savesListsAndRemoves()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    {
        ProfileStore store(file);
        QVERIFY(store.names().isEmpty());
        store.save(sample(QStringLiteral("b-store")));
        store.save(sample(QStringLiteral("A-store")));
    }
    ProfileStore store(file); // read back from the file
    QCOMPARE(store.names(), (QStringList{QStringLiteral("A-store"), QStringLiteral("b-store")}));
    QCOMPARE(store.profile(QStringLiteral("A-store"))->toJson(), sample(QStringLiteral("A-store")).toJson());
    QVERIFY(!store.profile(QStringLiteral("missing")).has_value());
    QVERIFY(store.remove(QStringLiteral("A-store")));
    QVERIFY(!store.remove(QStringLiteral("A-store")));
    QCOMPARE(store.names(), QStringList{QStringLiteral("b-store")});
}

void TestProfileStore::namesWithAnyCharacters()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("settings.ini")));
    const QString name = QStringLiteral("旗舰店/北京 #1 = 主账号");
    store.save(sample(name));
    QCOMPARE(store.names(), QStringList{name});
    QCOMPARE(store.profile(name)->name, name);
}

void TestProfileStore::remembersTheLastProfile()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("settings.ini")));
    store.save(sample(QStringLiteral("A")));
    store.setLastUsed(QStringLiteral("A"));
    QCOMPARE(ProfileStore(dir.filePath(QStringLiteral("settings.ini"))).lastUsed(), QStringLiteral("A"));
    store.remove(QStringLiteral("A"));
    QVERIFY(store.lastUsed().isEmpty());
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "TestProfileStore.moc"
