#include "profile/SecretStore.h"

#include <QDateTime>
#include <QTest>

using namespace budgetdesk;
using Status = SecretStore::Status;

namespace {

// An OS store that is not there: a headless server, a locked keyring.
class UnavailableStore final : public SecretStore
{
public:
    QString backendName() const override { return QStringLiteral("broken keyring"); }
    void read(const QString &, ReadCallback done) override { done(Status::Unavailable, {}); }
    void write(const QString &, const QByteArray &, WriteCallback done) override { done(Status::Unavailable); }
    void remove(const QString &, WriteCallback done) override { done(Status::Unavailable); }
};

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void memoryStore();
    void keysPerProfile();
    void fallsBackToSessionMemory();
    void usesTheOsStoreWhenItWorks();
    void noKeychainInTests();
    void osKeychainRoundTrip();
};

void TestSecretStore::memoryStore()
{
    MemorySecretStore store;
    QByteArray value;
    QCOMPARE(store.readNow(QStringLiteral("a"), value), Status::NotFound);
    QCOMPARE(store.writeNow(QStringLiteral("a"), "s3cret"), Status::Stored);
    QCOMPARE(store.readNow(QStringLiteral("a"), value), Status::Found);
    QCOMPARE(value, QByteArray("s3cret"));
    QCOMPARE(store.removeNow(QStringLiteral("a")), Status::Stored);
    QCOMPARE(store.readNow(QStringLiteral("a"), value), Status::NotFound);
}

void TestSecretStore::keysPerProfile()
{
    QVERIFY(SecretStore::passphraseKey(QStringLiteral("A")) != SecretStore::apiV3Key(QStringLiteral("A")));
    QVERIFY(SecretStore::passphraseKey(QStringLiteral("A")) != SecretStore::passphraseKey(QStringLiteral("B")));
}

void TestSecretStore::fallsBackToSessionMemory()
{
    SessionFallbackSecretStore store(std::make_unique<UnavailableStore>());
    // The caller learns the secret was not stored for good…
    QCOMPARE(store.writeNow(QStringLiteral("k"), "session-only"), Status::Unavailable);
    // …but it serves this session.
    QByteArray value;
    QCOMPARE(store.readNow(QStringLiteral("k"), value), Status::Found);
    QCOMPARE(value, QByteArray("session-only"));
    // A fresh session (a new store) has forgotten it.
    SessionFallbackSecretStore next(std::make_unique<UnavailableStore>());
    QCOMPARE(next.readNow(QStringLiteral("k"), value), Status::NotFound);
}

void TestSecretStore::usesTheOsStoreWhenItWorks()
{
    auto os = std::make_unique<MemorySecretStore>();
    MemorySecretStore *osView = os.get();
    SessionFallbackSecretStore store(std::move(os));
    QCOMPARE(store.writeNow(QStringLiteral("k"), "kept"), Status::Stored);
    QByteArray value;
    QCOMPARE(osView->readNow(QStringLiteral("k"), value), Status::Found);
    QCOMPARE(store.removeNow(QStringLiteral("k")), Status::Stored);
    QCOMPARE(osView->readNow(QStringLiteral("k"), value), Status::NotFound);
}

void TestSecretStore::noKeychainInTests()
{
    // CTest sets BUDGETDESK_NO_KEYCHAIN=1: no test touches the developer's real keychain.
    QCOMPARE(qEnvironmentVariableIntValue("BUDGETDESK_NO_KEYCHAIN"), 1);
    QVERIFY(createOsSecretStore() == nullptr);
}

// The real OS store (Windows Credential Manager, macOS Keychain, Secret Service) through
// qtkeychain: write, read back, remove. Only where the environment offers one and says so —
// the Windows and macOS workflows set BUDGETDESK_KEYCHAIN_ROUND_TRIP=1; a developer's machine
// and this Linux CI have no unlocked keychain to lend.
void TestSecretStore::osKeychainRoundTrip()
{
    if (qEnvironmentVariableIntValue("BUDGETDESK_KEYCHAIN_ROUND_TRIP") != 1)
        QSKIP("no keychain offered (BUDGETDESK_KEYCHAIN_ROUND_TRIP=1 in the Windows and macOS workflows)");
    qunsetenv("BUDGETDESK_NO_KEYCHAIN");
    const std::unique_ptr<SecretStore> os = createOsSecretStore();
    QVERIFY2(os, "built without qtkeychain");
    const QString key = QStringLiteral("budgetdesk-ci-round-trip-%1").arg(QDateTime::currentMSecsSinceEpoch());
    const QByteArray secret = QStringLiteral("口令 passphrase ✓").toUtf8();
    QCOMPARE(os->writeNow(key, secret), Status::Stored);
    QByteArray value;
    QCOMPARE(os->readNow(key, value), Status::Found);
    QCOMPARE(value, secret);
    QCOMPARE(os->removeNow(key), Status::Stored);
    QCOMPARE(os->readNow(key, value), Status::NotFound);
    qputenv("BUDGETDESK_NO_KEYCHAIN", "1");
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
