#include "auth/ApiV3Decryptor.h"

#include "crypto/AesGcm.h"

namespace budgetdesk {

BilingualText ApiV3Error::text() const
{
    switch (m_code) {
    case Code::KeyNotThirtyTwoBytes:
        return {QStringLiteral("APIv3 密钥必须正好是 32 个字节（32 个英文字母或数字）。"),
                QStringLiteral("The APIv3 key must be exactly 32 bytes (32 letters or digits).")};
    case Code::UnsupportedAlgorithm:
        return {QStringLiteral("不支持的加密算法，只支持 AEAD_AES_256_GCM。"),
                QStringLiteral("Unsupported encryption algorithm; only AEAD_AES_256_GCM is supported.")};
    case Code::MalformedCiphertext:
        return {QStringLiteral("密文格式不正确。"), QStringLiteral("The ciphertext is malformed.")};
    case Code::AuthenticationFailed:
        return {QStringLiteral("解密失败：APIv3 密钥不正确，或数据被篡改。请在商户平台核对 APIv3 密钥。"),
                QStringLiteral("Decryption failed: the APIv3 key is wrong or the data was altered. Check the APIv3 key "
                               "on the merchant platform.")};
    }
    return {};
}

Result<ApiV3Decryptor, ApiV3Error> ApiV3Decryptor::create(QByteArray apiV3Key)
{
    if (apiV3Key.size() != KeyLength)
        return ApiV3Error(ApiV3Error::Code::KeyNotThirtyTwoBytes);
    return ApiV3Decryptor(std::move(apiV3Key));
}

Result<QByteArray, ApiV3Error> ApiV3Decryptor::decrypt(QByteArrayView algorithm, QByteArrayView nonce,
                                                       QByteArrayView associatedData,
                                                       QByteArrayView ciphertextBase64) const
{
    if (algorithm != QByteArrayView("AEAD_AES_256_GCM"))
        return ApiV3Error(ApiV3Error::Code::UnsupportedAlgorithm);
    const auto ciphertext
        = QByteArray::fromBase64Encoding(ciphertextBase64.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!ciphertext || (*ciphertext).isEmpty())
        return ApiV3Error(ApiV3Error::Code::MalformedCiphertext);

    auto plaintext = aesGcmDecrypt(m_key, nonce, associatedData, *ciphertext);
    if (plaintext)
        return std::move(plaintext).value();
    switch (plaintext.error()) {
    case AesGcmError::AuthenticationFailed:
        return ApiV3Error(ApiV3Error::Code::AuthenticationFailed);
    case AesGcmError::InvalidKeyLength: // create() admits 32-byte keys only
        return ApiV3Error(ApiV3Error::Code::KeyNotThirtyTwoBytes);
    case AesGcmError::InvalidNonce:
    case AesGcmError::CiphertextTooShort:
        break;
    }
    return ApiV3Error(ApiV3Error::Code::MalformedCiphertext);
}

} // namespace budgetdesk
