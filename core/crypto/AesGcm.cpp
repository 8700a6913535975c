#include "crypto/AesGcm.h"

#include "crypto/OpenSslHandles.h"

#include <openssl/err.h>

namespace budgetdesk {

namespace {

constexpr qsizetype TagLength = 16;

const EVP_CIPHER *cipherForKey(qsizetype keyLength)
{
    switch (keyLength) {
    case 16:
        return EVP_aes_128_gcm();
    case 24:
        return EVP_aes_192_gcm();
    case 32:
        return EVP_aes_256_gcm();
    default:
        return nullptr;
    }
}

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

} // namespace

Result<QByteArray, AesGcmError> aesGcmDecrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView associatedData,
                                              QByteArrayView ciphertextAndTag)
{
    const EVP_CIPHER *cipher = cipherForKey(key.size());
    if (!cipher)
        return AesGcmError::InvalidKeyLength;
    if (nonce.isEmpty())
        return AesGcmError::InvalidNonce;
    if (ciphertextAndTag.size() < TagLength)
        return AesGcmError::CiphertextTooShort;

    const QByteArrayView ciphertext = ciphertextAndTag.first(ciphertextAndTag.size() - TagLength);
    QByteArray tag = ciphertextAndTag.last(TagLength).toByteArray();
    QByteArray plaintext(ciphertext.size(), Qt::Uninitialized);
    int written = 0;
    int finalWritten = 0;

    openssl::CipherCtxPtr context(EVP_CIPHER_CTX_new());
    const bool ok = context && EVP_DecryptInit_ex2(context.get(), cipher, nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) == 1
        && EVP_DecryptInit_ex2(context.get(), nullptr, bytes(key), bytes(nonce), nullptr) == 1
        && (associatedData.isEmpty()
            || EVP_DecryptUpdate(context.get(), nullptr, &written, bytes(associatedData),
                                 static_cast<int>(associatedData.size()))
                == 1)
        && EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char *>(plaintext.data()), &written,
                             bytes(ciphertext), static_cast<int>(ciphertext.size()))
            == 1
        && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, TagLength, tag.data()) == 1
        && EVP_DecryptFinal_ex(context.get(), reinterpret_cast<unsigned char *>(plaintext.data()) + written,
                               &finalWritten)
            == 1;
    ERR_clear_error();
    if (!ok)
        return AesGcmError::AuthenticationFailed;
    plaintext.truncate(written + finalWritten);
    return plaintext;
}

Result<QByteArray, AesGcmError> aesGcmEncrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView associatedData,
                                              QByteArrayView plaintext)
{
    const EVP_CIPHER *cipher = cipherForKey(key.size());
    if (!cipher)
        return AesGcmError::InvalidKeyLength;
    if (nonce.isEmpty())
        return AesGcmError::InvalidNonce;

    QByteArray out(plaintext.size() + TagLength, Qt::Uninitialized);
    auto *write = reinterpret_cast<unsigned char *>(out.data());
    int written = 0;
    int finalWritten = 0;
    openssl::CipherCtxPtr context(EVP_CIPHER_CTX_new());
    const bool ok = context && EVP_EncryptInit_ex2(context.get(), cipher, nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) == 1
        && EVP_EncryptInit_ex2(context.get(), nullptr, bytes(key), bytes(nonce), nullptr) == 1
        && (associatedData.isEmpty()
            || EVP_EncryptUpdate(context.get(), nullptr, &written, bytes(associatedData),
                                 static_cast<int>(associatedData.size()))
                == 1)
        && EVP_EncryptUpdate(context.get(), write, &written, bytes(plaintext), static_cast<int>(plaintext.size())) == 1
        && EVP_EncryptFinal_ex(context.get(), write + written, &finalWritten) == 1
        && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, TagLength, write + written + finalWritten) == 1;
    ERR_clear_error();
    if (!ok)
        return AesGcmError::AuthenticationFailed; // OpenSSL refused; nothing usable was produced
    out.truncate(written + finalWritten + TagLength);
    return out;
}

} // namespace budgetdesk
