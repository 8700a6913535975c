#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>
#include <memory>

namespace budgetdesk {

// Where secrets live: the key's passphrase and the APIv3 key, per profile. The OS keychain in
// the app (Keychain on macOS, Credential Manager on Windows, Secret Service on Linux), memory
// in tests. Never a file of BudgetDesk's own. Asynchronous: a keychain may ask the user.
class SecretStore
{
public:
    enum class Status {
        Found, // read: the secret is in `value`
        Stored, // write/remove done
        NotFound,
        Unavailable, // no OS store answers (a headless server, a locked keyring)
        Failed,
    };
    using ReadCallback = std::function<void(Status status, const QByteArray &value)>;
    using WriteCallback = std::function<void(Status status)>;

    virtual ~SecretStore() = default;
    virtual QString backendName() const = 0;
    virtual void read(const QString &key, ReadCallback done) = 0;
    virtual void write(const QString &key, const QByteArray &secret, WriteCallback done) = 0;
    virtual void remove(const QString &key, WriteCallback done) = 0;

    static QString passphraseKey(const QString &profile) { return profile + QStringLiteral("/key-passphrase"); }
    static QString apiV3Key(const QString &profile) { return profile + QStringLiteral("/apiv3-key"); }

    // For command-line tools: waits with a local event loop.
    Status readNow(const QString &key, QByteArray &value);
    Status writeNow(const QString &key, const QByteArray &secret);
    Status removeNow(const QString &key);
};

class MemorySecretStore final : public SecretStore
{
public:
    QString backendName() const override { return QStringLiteral("memory"); }
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QByteArray &secret, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;

private:
    QHash<QString, QByteArray> m_secrets;
};

// The OS store first; when it does not answer, the secret is kept in memory for this session
// only and the caller is told so (Status::Unavailable on write) — never a plaintext file.
class SessionFallbackSecretStore final : public SecretStore
{
public:
    explicit SessionFallbackSecretStore(std::unique_ptr<SecretStore> osStore);
    QString backendName() const override;
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QByteArray &secret, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;

private:
    std::unique_ptr<SecretStore> m_os;
    MemorySecretStore m_session;
};

// The platform's store (qtkeychain) when BudgetDesk was built with it, else nullptr.
// BUDGETDESK_NO_KEYCHAIN=1 in the environment skips it (tests, servers without a keyring).
std::unique_ptr<SecretStore> createOsSecretStore();

} // namespace budgetdesk
