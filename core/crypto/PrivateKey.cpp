#include "crypto/PrivateKey.h"

#include "crypto/OpenSslHandles.h"

#include <openssl/err.h>

namespace budgetdesk {

PrivateKey PrivateKey::adopt(EVP_PKEY *key)
{
    PrivateKey result;
    if (key)
        result.m_key.reset(key, EVP_PKEY_free);
    return result;
}

int PrivateKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QByteArray PrivateKey::signSha256(QByteArrayView message) const
{
    if (!m_key)
        return {};
    QByteArray signature(EVP_PKEY_get_size(m_key.get()), Qt::Uninitialized);
    size_t length = static_cast<size_t>(signature.size());
    openssl::MdCtxPtr context(EVP_MD_CTX_new());
    const bool signedOk = context
        && EVP_DigestSignInit_ex(context.get(), nullptr, "SHA256", nullptr, nullptr, m_key.get(), nullptr) == 1
        && EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                          reinterpret_cast<const unsigned char *>(message.data()), static_cast<size_t>(message.size()))
            == 1;
    if (!signedOk) {
        ERR_clear_error();
        return {};
    }
    signature.truncate(static_cast<qsizetype>(length));
    return signature;
}

PublicKey PrivateKey::publicKey() const
{
    // An RSA private key carries its public half; the same EVP_PKEY verifies.
    return PublicKey::fromHandle(m_key.get());
}

} // namespace budgetdesk
