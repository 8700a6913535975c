#include "auth/VerificationKeys.h"

namespace budgetdesk {

void VerificationKeys::setPublicKey(const QString &publicKeyId, const PublicKey &key)
{
    m_publicKeyId = publicKeyId;
    m_publicKey = key;
}

void VerificationKeys::addPlatformCertificate(const Certificate &certificate)
{
    m_platform.insert(certificate.serialNumber(), certificate);
}

PublicKey VerificationKeys::keyForSerial(QByteArrayView serial) const
{
    if (serial.isEmpty())
        return {};
    if (!m_publicKey.isNull() && serial == QByteArrayView(m_publicKeyId.toLatin1()))
        return m_publicKey;
    // Certificate serials are hex; compare them case-insensitively.
    const auto found = m_platform.constFind(QString::fromLatin1(serial.toByteArray()).toUpper());
    return found == m_platform.constEnd() ? PublicKey() : found->publicKey();
}

QString VerificationKeys::preferredSerial() const
{
    if (!m_publicKey.isNull())
        return m_publicKeyId;
    QString best;
    QDateTime bestExpiry;
    for (auto it = m_platform.constBegin(); it != m_platform.constEnd(); ++it) {
        if (best.isEmpty() || it->notAfter() > bestExpiry) {
            best = it.key();
            bestExpiry = it->notAfter();
        }
    }
    return best;
}

} // namespace budgetdesk
