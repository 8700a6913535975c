#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

using EVP_PKEY = struct evp_pkey_st;

namespace budgetdesk {

// An RSA public key that verifies SHA256withRSA (PKCS#1 v1.5) signatures: the WeChat Pay
// public key, a platform certificate's key, or (in the simulator) a merchant's key.
// Cheap to copy; the key and its prepared context are shared and never modified after
// construction, so a PublicKey may be used from any thread.
class PublicKey
{
public:
    PublicKey() = default;
    // Takes a reference of its own on `key`.
    static PublicKey fromHandle(EVP_PKEY *key);

    bool isNull() const { return !m_prepared; }
    int bits() const;
    // Length in bytes of every signature this key verifies (256 for RSA-2048).
    int signatureSize() const;

    bool verifySha256(QByteArrayView message, QByteArrayView signature) const;

    QByteArray toPem() const; // SubjectPublicKeyInfo
    bool operator==(const PublicKey &other) const;

    EVP_PKEY *handle() const;

private:
    struct Prepared;
    std::shared_ptr<const Prepared> m_prepared;
};

} // namespace budgetdesk
