// The OS secret store through qtkeychain: Keychain on macOS, Credential Manager on Windows,
// Secret Service (or KWallet) on Linux. Built only when qtkeychain is available.
#include "profile/SecretStore.h"

#include <qt6keychain/keychain.h>

namespace budgetdesk {

namespace {

const QString Service = QStringLiteral("BudgetDesk");

SecretStore::Status statusOf(const QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::NoError:
        return SecretStore::Status::Stored;
    case QKeychain::EntryNotFound:
        return SecretStore::Status::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return SecretStore::Status::Unavailable;
    default:
        return SecretStore::Status::Failed;
    }
}

class KeychainSecretStore final : public SecretStore
{
public:
    QString backendName() const override { return QStringLiteral("OS keychain"); }

    void read(const QString &key, ReadCallback done) override
    {
        auto *job = new QKeychain::ReadPasswordJob(Service);
        job->setKey(key);
        QObject::connect(job, &QKeychain::Job::finished, job, [job, done](QKeychain::Job *) {
            const Status status = statusOf(job);
            done(status == Status::Stored ? Status::Found : status, job->binaryData());
        });
        job->start(); // auto-deletes when finished
    }

    void write(const QString &key, const QByteArray &secret, WriteCallback done) override
    {
        auto *job = new QKeychain::WritePasswordJob(Service);
        job->setKey(key);
        job->setBinaryData(secret);
        // Never job->setInsecureFallback(true): that would write the secret to a plain file.
        QObject::connect(job, &QKeychain::Job::finished, job, [job, done](QKeychain::Job *) { done(statusOf(job)); });
        job->start();
    }

    void remove(const QString &key, WriteCallback done) override
    {
        auto *job = new QKeychain::DeletePasswordJob(Service);
        job->setKey(key);
        QObject::connect(job, &QKeychain::Job::finished, job, [job, done](QKeychain::Job *) { done(statusOf(job)); });
        job->start();
    }
};

} // namespace

std::unique_ptr<SecretStore> createOsSecretStore()
{
    if (qEnvironmentVariableIntValue("BUDGETDESK_NO_KEYCHAIN") == 1)
        return nullptr;
    return std::make_unique<KeychainSecretStore>();
}

} // namespace budgetdesk
