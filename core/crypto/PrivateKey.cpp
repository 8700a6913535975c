#include "crypto/PrivateKey.h"

#include "crypto/OpenSslHandles.h"

#include <openssl/err.h>

namespace budgetdesk {

// As in PublicKey: a digest-sign context initialised once, copied for each signature.
struct PrivateKey::Prepared
{
    openssl::PkeyPtr key;
    openssl::MdCtxPtr signTemplate;
};

PrivateKey PrivateKey::adopt(EVP_PKEY *key)
{
    PrivateKey result;
    if (!key)
        return result;
    auto prepared = std::make_shared<Prepared>();
    prepared->key.reset(key);
    prepared->signTemplate.reset(EVP_MD_CTX_new());
    if (!prepared->signTemplate
        || EVP_DigestSignInit_ex(prepared->signTemplate.get(), nullptr, "SHA256", nullptr, nullptr, key, nullptr)
            != 1) {
        prepared->signTemplate.reset(); // signSha256() will return nothing
        ERR_clear_error();
    }
    result.m_prepared = std::move(prepared);
    return result;
}

EVP_PKEY *PrivateKey::handle() const
{
    return m_prepared ? m_prepared->key.get() : nullptr;
}

int PrivateKey::bits() const
{
    return m_prepared ? EVP_PKEY_get_bits(handle()) : 0;
}

QByteArray PrivateKey::signSha256(QByteArrayView message) const
{
    if (!m_prepared || !m_prepared->signTemplate)
        return {};
    QByteArray signature(EVP_PKEY_get_size(handle()), Qt::Uninitialized);
    size_t length = static_cast<size_t>(signature.size());
    openssl::MdCtxPtr context(EVP_MD_CTX_new());
    const bool signedOk = context && EVP_MD_CTX_copy_ex(context.get(), m_prepared->signTemplate.get()) == 1
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
    return PublicKey::fromHandle(handle());
}

} // namespace budgetdesk
