#pragma once

#include "crypto/PublicKey.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace budgetdesk {

// The merchant's RSA API private key. Never serialised by the product: it is read from the
// merchant's own file each time it is needed and lives only in memory.
class PrivateKey
{
public:
    PrivateKey() = default;
    // Takes ownership of `key`.
    static PrivateKey adopt(EVP_PKEY *key);

    bool isNull() const { return !m_prepared; }
    int bits() const;

    // SHA256withRSA, PKCS#1 v1.5: the raw signature bytes, or empty if OpenSSL failed.
    QByteArray signSha256(QByteArrayView message) const;

    PublicKey publicKey() const;

    EVP_PKEY *handle() const;

private:
    struct Prepared;
    std::shared_ptr<const Prepared> m_prepared;
};

} // namespace budgetdesk
