#include "profile/ProfileProblem.h"
#include "profile/ProfileStore.h"

#include "ReadOnlyFolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using budgetdesk::test::ReadOnlyFolder;

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
    void renamesAndDuplicatesWithoutOverwriting();
    void namesDifferingOnlyInCaseAreRefused();
    void defaultProfileFollowsRenameAndRemove();
    void backupFollowsThePrimaryUnlessNamed();
    void damagedFileIsNeverRewritten_data();
    void damagedFileIsNeverRewritten();
    void readOnlyFileRefusesWrites();
    void operatorNameIsOptionalAndBounded();
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
    QVERIFY(again->backupBaseUrl.has_value() && again->backupBaseUrl->isEmpty()); // "none"
    QCOMPARE(json[QStringLiteral("backup_base_url")].toString(), QStringLiteral("none"));
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

// 操作人 for shared PCs: kept when set, absent (and the file as before) when not, bounded.
void TestProfileStore::operatorNameIsOptionalAndBounded()
{
    const MerchantProfile plain = sample(QStringLiteral("x"));
    QVERIFY(!plain.toJson().contains(QStringLiteral("operator_name")));
    QVERIFY(MerchantProfile::fromJson(plain.toJson())->operatorName.isEmpty());

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    MerchantProfile shared = sample(QStringLiteral("前台"));
    shared.operatorName = QStringLiteral("张三");
    QVERIFY(!ProfileStore(file).save(shared));
    QCOMPARE(ProfileStore(file).profile(QStringLiteral("前台"))->operatorName, QStringLiteral("张三"));

    QCOMPARE(MerchantProfile::operatorNameFrom(QStringLiteral("  李四 ")),
             std::optional<QString>(QStringLiteral("李四")));
    QVERIFY(MerchantProfile::operatorNameFrom(QString(32, u'名')).has_value());
    QVERIFY(!MerchantProfile::operatorNameFrom(QString(33, u'名')).has_value());
    QVERIFY(!MerchantProfile::operatorNameFrom(QStringLiteral("a\nb")).has_value()); // one CSV cell, one log line
    QJsonObject tooLong = shared.toJson();
    tooLong.insert(QStringLiteral("operator_name"), QString(33, u'x'));
    QVERIFY(!MerchantProfile::fromJson(tooLong).ok());

    // The check the wizard shows beside its field: the same rule, with the words for it.
    QVERIFY(!checkOperatorName(QString()));
    QVERIFY(!checkOperatorName(QStringLiteral(" 张三 ")));
    const auto problem = checkOperatorName(QString(33, u'名'));
    QVERIFY(problem);
    QCOMPARE(problem->field(), QStringLiteral("operator_name"));
    QVERIFY(problem->text().zh.contains(QStringLiteral("操作人最多 32 个字符")));
    QVERIFY(problem->text().en.contains(QStringLiteral("at most 32 characters")));
    QVERIFY(checkOperatorName(QStringLiteral("a\tb")));
}

void TestProfileStore::savesListsAndRemoves()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    {
        ProfileStore store(file);
        QVERIFY(store.names().isEmpty());
        QVERIFY(!store.save(sample(QStringLiteral("b-store"))));
        QVERIFY(!store.save(sample(QStringLiteral("A-store"))));
    }
    ProfileStore store(file); // read back from the file
    QCOMPARE(store.names(), (QStringList{QStringLiteral("A-store"), QStringLiteral("b-store")}));
    QCOMPARE(store.profile(QStringLiteral("A-store"))->toJson(), sample(QStringLiteral("A-store")).toJson());
    QVERIFY(!store.profile(QStringLiteral("missing")).has_value());
    QCOMPARE(store.remove(QStringLiteral("A-store")), ProfileStore::RemoveResult::Removed);
    QCOMPARE(store.remove(QStringLiteral("A-store")), ProfileStore::RemoveResult::NotFound);
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

// Windows reads settings keys case-insensitively: "ShopA" and "shopa" are one profile there,
// so a case-only rename would delete it and a second "shopa" would overwrite it.
void TestProfileStore::namesDifferingOnlyInCaseAreRefused()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("settings.ini")));
    QVERIFY(!store.save(sample(QStringLiteral("ShopA"))));
    const auto renamed = store.rename(QStringLiteral("ShopA"), QStringLiteral("shopa"));
    QVERIFY(renamed);
    QVERIFY(renamed->zh.contains(QStringLiteral("大小写")));
    QVERIFY(renamed->en.contains(QStringLiteral("letter case")));
    QCOMPARE(store.names(), QStringList{QStringLiteral("ShopA")});
    QVERIFY(store.save(sample(QStringLiteral("SHOPA"))));
    QVERIFY(store.duplicate(QStringLiteral("ShopA"), QStringLiteral("shopA")));
    QCOMPARE(store.names(), QStringList{QStringLiteral("ShopA")});
    QVERIFY(!store.save(sample(QStringLiteral("ShopA")))); // the same name is saved over, as always
    QVERIFY(!store.rename(QStringLiteral("ShopA"), QStringLiteral("ShopB")));
    QCOMPARE(store.names(), QStringList{QStringLiteral("ShopB")});
}

void TestProfileStore::renamesAndDuplicatesWithoutOverwriting()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("settings.ini")));
    QVERIFY(!store.save(sample(QStringLiteral("门店A"))));
    QVERIFY(!store.save(sample(QStringLiteral("门店/B"))));
    store.setLastUsed(QStringLiteral("门店A"));

    QVERIFY(!store.rename(QStringLiteral("门店A"), QStringLiteral("旗舰店")));
    QCOMPARE(store.names(), (QStringList{QStringLiteral("旗舰店"), QStringLiteral("门店/B")}));
    QCOMPARE(store.profile(QStringLiteral("旗舰店"))->toJson().value(QStringLiteral("mchid")),
             QJsonValue(QStringLiteral("1900000109")));
    QCOMPARE(store.lastUsed(), QStringLiteral("旗舰店"));

    const auto taken = store.rename(QStringLiteral("旗舰店"), QStringLiteral("门店/B"));
    QVERIFY(taken);
    QVERIFY(taken->en.contains(QStringLiteral("already exists")));
    QVERIFY(taken->zh.contains(QStringLiteral("已有")));
    QVERIFY(store.duplicate(QStringLiteral("旗舰店"), QStringLiteral("门店/B")));
    QVERIFY(store.duplicate(QStringLiteral("旗舰店"), QStringLiteral("  ")));
    QVERIFY(store.duplicate(QStringLiteral("旗舰店"), QStringLiteral("旗舰店")));
    QVERIFY(store.rename(QStringLiteral("无此配置"), QStringLiteral("新")));
    QCOMPARE(store.names().size(), 2);

    QVERIFY(!store.duplicate(QStringLiteral("旗舰店"), QStringLiteral("旗舰店 副本")));
    QCOMPARE(store.names().size(), 3);
    MerchantProfile copy = *store.profile(QStringLiteral("旗舰店 副本"));
    copy.name = QStringLiteral("旗舰店");
    QCOMPARE(copy.toJson(), store.profile(QStringLiteral("旗舰店"))->toJson());
}

void TestProfileStore::defaultProfileFollowsRenameAndRemove()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    {
        ProfileStore store(file);
        QVERIFY(!store.save(sample(QStringLiteral("门店A"))));
        QVERIFY(!store.save(sample(QStringLiteral("门店B"))));
        QCOMPARE(store.defaultProfile(), QString());
        QVERIFY(!store.setDefaultProfile(QStringLiteral("门店A")));
        QVERIFY(!store.rename(QStringLiteral("门店A"), QStringLiteral("门店C")));
    }
    ProfileStore store(file);
    QCOMPARE(store.defaultProfile(), QStringLiteral("门店C"));
    QCOMPARE(store.remove(QStringLiteral("门店C")), ProfileStore::RemoveResult::Removed);
    QCOMPARE(store.defaultProfile(), QString());
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

void TestProfileStore::backupFollowsThePrimaryUnlessNamed()
{
    MerchantProfile profile = sample(QStringLiteral("x"));
    profile.backupBaseUrl.reset();
    QCOMPARE(profile.effectiveBackupUrl(), QUrl(QStringLiteral("https://api2.mch.weixin.qq.com")));
    profile.primaryBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:4000"));
    QVERIFY(profile.effectiveBackupUrl().isEmpty());
    profile.primaryBaseUrl = QUrl(QStringLiteral("https://gateway.example.com"));
    QVERIFY(profile.effectiveBackupUrl().isEmpty());
    // Earlier versions wrote the official backup into every profile: read as "the default".
    QJsonObject old = profile.toJson();
    old[QStringLiteral("backup_base_url")] = QStringLiteral("https://api2.mch.weixin.qq.com");
    QVERIFY(MerchantProfile::fromJson(old)->effectiveBackupUrl().isEmpty());
    profile.backupBaseUrl = QUrl(QStringLiteral("https://gateway-b.example.com"));
    QCOMPARE(MerchantProfile::fromJson(profile.toJson())->effectiveBackupUrl(),
             QUrl(QStringLiteral("https://gateway-b.example.com")));
}

void TestProfileStore::damagedFileIsNeverRewritten_data()
{
    QTest::addColumn<QByteArray>("damage");
    // An unclosed quote swallows every line after it, and QSettings reports no error.
    QTest::newRow("unclosed quote") << QByteArray("A\\json=\"@ByteArray({)\n");
    QTest::newRow("unclosed group") << QByteArray("[profiles\n");
}

void TestProfileStore::damagedFileIsNeverRewritten()
{
    QFETCH(QByteArray, damage);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    {
        ProfileStore store(file);
        for (const char *name : {"a", "b", "c"})
            QVERIFY(!store.save(sample(QString::fromLatin1(name))));
    }
    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QByteArray content = raw.readAll();
    raw.close();
    // Damage the line of the first profile; "b" and "c" follow it.
    const qsizetype at = content.indexOf("a\\json=");
    QVERIFY(at > 0);
    content.insert(at, damage);
    QVERIFY(raw.open(QIODevice::WriteOnly | QIODevice::Truncate));
    raw.write(content);
    raw.close();

    ProfileStore store(file);
    QVERIFY(store.readProblem().has_value());
    QVERIFY(store.readProblem()->zh.contains(file));
    QVERIFY(!store.readProblem()->en.isEmpty());
    const auto refused = store.save(sample(QStringLiteral("d")));
    QVERIFY(refused.has_value());
    BilingualText why;
    QCOMPARE(store.remove(QStringLiteral("b"), &why), ProfileStore::RemoveResult::Failed);
    QVERIFY(!why.zh.isEmpty());
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QCOMPARE(raw.readAll(), content); // byte for byte as it was
    // and a copy of it is kept aside
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("settings.ini.damaged-*")}).size(), 1);
}

void TestProfileStore::readOnlyFileRefusesWrites()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    QVERIFY(!ProfileStore(file).save(sample(QStringLiteral("a"))));
    {
        ReadOnlyFolder readOnly(dir.path());
        QVERIFY(readOnly.ok());
        QFile::setPermissions(file, QFile::ReadOwner | QFile::ReadUser);
        ProfileStore store(file);
        QVERIFY(!store.readProblem());
        QCOMPARE(store.names(), QStringList{QStringLiteral("a")}); // reading works
        QVERIFY(store.save(sample(QStringLiteral("b"))).has_value());
        QCOMPARE(store.remove(QStringLiteral("a")), ProfileStore::RemoveResult::Failed);
        // Nothing in this process pretends otherwise.
        QCOMPARE(store.names(), QStringList{QStringLiteral("a")});
    }
    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray content = raw.readAll();
    QVERIFY(content.contains("a\\json="));
    QVERIFY(!content.contains("b\\json="));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "TestProfileStore.moc"
