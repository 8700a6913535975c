#include "profile/SecretStore.h"

#include <QEventLoop>

namespace budgetdesk {

namespace {

// Runs an asynchronous store call to its end with a local event loop.
template<typename Call> void waitFor(Call call)
{
    bool done = false;
    QEventLoop loop;
    call([&] {
        done = true;
        loop.quit();
    });
    if (!done) // a store may answer at once
        loop.exec();
}

} // namespace

SecretStore::Status SecretStore::readNow(const QString &key, QByteArray &value)
{
    Status result = Status::Failed;
    waitFor([&](auto finish) {
        read(key, [&, finish](Status status, const QByteArray &secret) {
            result = status;
            value = secret;
            finish();
        });
    });
    return result;
}

SecretStore::Status SecretStore::writeNow(const QString &key, const QByteArray &secret)
{
    Status result = Status::Failed;
    waitFor([&](auto finish) {
        write(key, secret, [&, finish](Status status) {
            result = status;
            finish();
        });
    });
    return result;
}

SecretStore::Status SecretStore::removeNow(const QString &key)
{
    Status result = Status::Failed;
    waitFor([&](auto finish) {
        remove(key, [&, finish](Status status) {
            result = status;
            finish();
        });
    });
    return result;
}

void MemorySecretStore::read(const QString &key, ReadCallback done)
{
    const auto found = m_secrets.constFind(key);
    if (found == m_secrets.constEnd())
        done(Status::NotFound, {});
    else
        done(Status::Found, *found);
}

void MemorySecretStore::write(const QString &key, const QByteArray &secret, WriteCallback done)
{
    m_secrets.insert(key, secret);
    done(Status::Stored);
}

void MemorySecretStore::remove(const QString &key, WriteCallback done)
{
    done(m_secrets.remove(key) ? Status::Stored : Status::NotFound);
}

SessionFallbackSecretStore::SessionFallbackSecretStore(std::unique_ptr<SecretStore> osStore)
    : m_os(std::move(osStore))
{ }

QString SessionFallbackSecretStore::backendName() const
{
    return m_os ? m_os->backendName() : QStringLiteral("session memory");
}

void SessionFallbackSecretStore::read(const QString &key, ReadCallback done)
{
    if (!m_os) {
        m_session.read(key, std::move(done));
        return;
    }
    m_os->read(key, [this, key, done](Status status, const QByteArray &value) {
        if (status == Status::Found)
            done(status, value);
        else
            m_session.read(key, done); // kept for this session after the OS store failed
    });
}

void SessionFallbackSecretStore::write(const QString &key, const QByteArray &secret, WriteCallback done)
{
    if (!m_os) {
        m_session.write(key, secret, [done](Status) { done(Status::Unavailable); });
        return;
    }
    m_os->write(key, secret, [this, key, secret, done](Status status) {
        if (status == Status::Stored) {
            done(status);
            return;
        }
        m_session.write(key, secret, [done](Status) { done(Status::Unavailable); });
    });
}

void SessionFallbackSecretStore::remove(const QString &key, WriteCallback done)
{
    m_session.remove(key, [](Status) {});
    if (m_os)
        m_os->remove(key, std::move(done));
    else
        done(Status::Stored);
}

} // namespace budgetdesk
