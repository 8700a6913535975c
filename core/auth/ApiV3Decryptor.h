#pragma once

#include "common/BilingualText.h"
#include "common/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace budgetdesk {

class ApiV3Error
{
public:
    enum class Code {
        KeyNotThirtyTwoBytes,
        UnsupportedAlgorithm, // anything but AEAD_AES_256_GCM
        MalformedCiphertext, // not Base64, or shorter than the tag
        AuthenticationFailed, // wrong APIv3 key, or the data was altered
    };
    explicit ApiV3Error(Code code)
        : m_code(code)
    { }
    Code code() const { return m_code; }
    BilingualText text() const;
    bool operator==(const ApiV3Error &) const = default;

private:
    Code m_code;
};

// AEAD_AES_256_GCM with the merchant's APIv3 key (PROTOCOL.md §3.5): the key is its 32 ASCII
// bytes as typed, the nonce and associated data their UTF-8 bytes, the tag the last 16
// bytes of the decoded ciphertext.
class ApiV3Decryptor
{
public:
    static constexpr qsizetype KeyLength = 32;

    static Result<ApiV3Decryptor, ApiV3Error> create(QByteArray apiV3Key);

    Result<QByteArray, ApiV3Error> decrypt(QByteArrayView algorithm, QByteArrayView nonce,
                                           QByteArrayView associatedData, QByteArrayView ciphertextBase64) const;

private:
    explicit ApiV3Decryptor(QByteArray key)
        : m_key(std::move(key))
    { }
    QByteArray m_key;
};

} // namespace budgetdesk
