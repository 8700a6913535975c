#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace budgetdesk {

enum class AesGcmError {
    InvalidKeyLength, // not 16, 24 or 32 bytes
    InvalidNonce, // empty
    CiphertextTooShort, // shorter than the 16-byte tag
    AuthenticationFailed, // wrong key, nonce or associated data, or tampered data
};

// AES-GCM decryption with the 128-bit tag appended to the ciphertext, the layout WeChat Pay
// uses for `/v3/certificates` and notifications. The AES variant follows the key length;
// APIv3 callers go through ApiV3Decryptor, which insists on 32 bytes.
Result<QByteArray, AesGcmError> aesGcmDecrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView associatedData,
                                              QByteArrayView ciphertextAndTag);

// The inverse, for the simulator that plays WeChat Pay: returns ciphertext || 16-byte tag.
Result<QByteArray, AesGcmError> aesGcmEncrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView associatedData,
                                              QByteArrayView plaintext);

} // namespace budgetdesk
