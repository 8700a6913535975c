#pragma once

#include "crypto/Certificate.h"
#include "crypto/PublicKey.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

namespace budgetdesk {

// The keys an answer from WeChat Pay may be signed with: the WeChat Pay public key under its
// `PUB_KEY_ID_…`, platform certificates under their serials, or both at once while a
// merchant migrates from one to the other (PROTOCOL.md §3.3).
class VerificationKeys
{
public:
    void setPublicKey(const QString &publicKeyId, const PublicKey &key);
    void addPlatformCertificate(const Certificate &certificate);

    bool isEmpty() const { return m_publicKey.isNull() && m_platform.isEmpty(); }
    const QString &publicKeyId() const { return m_publicKeyId; }
    QList<Certificate> platformCertificates() const;

    // The key for an answer's `Wechatpay-Serial`, null when it names nothing we hold: the
    // public key ID selects the public key, anything else the certificate map.
    PublicKey keyForSerial(QByteArrayView serial) const;

    // What to send as the request's `Wechatpay-Serial`, which tells WeChat Pay how to sign
    // its answer: the public key ID when there is one, else the certificate valid longest.
    QString preferredSerial() const;

private:
    struct PlatformEntry
    {
        Certificate certificate;
        PublicKey key; // extracted once: looked up for every answer
    };

    QString m_publicKeyId;
    QByteArray m_publicKeyIdBytes; // compared against raw header bytes
    PublicKey m_publicKey;
    QHash<QByteArray, PlatformEntry> m_platform; // uppercase serial → certificate
};

} // namespace budgetdesk
