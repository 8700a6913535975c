#include "auth/VerificationKeys.h"

namespace budgetdesk {

void VerificationKeys::setPublicKey(const QString &publicKeyId, const PublicKey &key)
{
    m_publicKeyId = publicKeyId;
    m_publicKeyIdBytes = publicKeyId.toLatin1();
    m_publicKey = key;
}

void VerificationKeys::addPlatformCertificate(const Certificate &certificate)
{
    m_platform.insert(certificate.serialNumber().toLatin1(), {certificate, certificate.publicKey()});
}

QList<Certificate> VerificationKeys::platformCertificates() const
{
    QList<Certificate> certificates;
    for (const PlatformEntry &entry : m_platform)
        certificates.append(entry.certificate);
    return certificates;
}

PublicKey VerificationKeys::keyForSerial(QByteArrayView serial) const
{
    if (serial.isEmpty())
        return {};
    if (!m_publicKey.isNull() && serial == m_publicKeyIdBytes)
        return m_publicKey;
    if (m_platform.isEmpty())
        return {};
    // Certificate serials are hex; compare them case-insensitively.
    const auto found = m_platform.constFind(serial.toByteArray().toUpper());
    return found == m_platform.constEnd() ? PublicKey() : found->key;
}

QString VerificationKeys::preferredSerial() const
{
    if (!m_publicKey.isNull())
        return m_publicKeyId;
    QString best;
    QDateTime bestExpiry;
    for (auto it = m_platform.constBegin(); it != m_platform.constEnd(); ++it) {
        const QDateTime expiry = it->certificate.notAfter();
        if (best.isEmpty() || expiry > bestExpiry) {
            best = QString::fromLatin1(it.key());
            bestExpiry = expiry;
        }
    }
    return best;
}

} // namespace budgetdesk
