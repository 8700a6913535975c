#include "profile/SecretStore.h"

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

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
