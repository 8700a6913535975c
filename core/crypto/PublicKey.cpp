#include "crypto/PublicKey.h"

#include "crypto/OpenSslHandles.h"

#include <openssl/err.h>
#include <openssl/pem.h>

namespace budgetdesk {

PublicKey PublicKey::fromHandle(EVP_PKEY *key)
{
    PublicKey result;
    if (key && EVP_PKEY_up_ref(key) == 1)
        result.m_key.reset(key, EVP_PKEY_free);
    return result;
}

int PublicKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

int PublicKey::signatureSize() const
{
    return m_key ? EVP_PKEY_get_size(m_key.get()) : 0;
}

bool PublicKey::verifySha256(QByteArrayView message, QByteArrayView signature) const
{
    if (!m_key)
        return false;
    openssl::MdCtxPtr context(EVP_MD_CTX_new());
    // PKCS#1 v1.5 is the default padding of an RSA key, which is what WeChat Pay uses.
    const bool verified = context
        && EVP_DigestVerifyInit_ex(context.get(), nullptr, "SHA256", nullptr, nullptr, m_key.get(), nullptr) == 1
        && EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                            static_cast<size_t>(signature.size()),
                            reinterpret_cast<const unsigned char *>(message.data()),
                            static_cast<size_t>(message.size()))
            == 1;
    // A failed verification leaves reasons on the thread's error queue; they are expected
    // here and must not surface in some later, unrelated OpenSSL call.
    ERR_clear_error();
    return verified;
}

QByteArray PublicKey::toPem() const
{
    if (!m_key)
        return {};
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1)
        return {};
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

bool PublicKey::operator==(const PublicKey &other) const
{
    if (!m_key || !other.m_key)
        return !m_key && !other.m_key;
    return EVP_PKEY_eq(m_key.get(), other.m_key.get()) == 1;
}

} // namespace budgetdesk
