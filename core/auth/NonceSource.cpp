#include "auth/NonceSource.h"

#include <openssl/rand.h>

#include <QtGlobal>

namespace budgetdesk {

namespace {

constexpr char Alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int AlphabetSize = 62;
// The largest multiple of 62 that fits in a byte: bytes at or above it are drawn again so
// that every character is equally likely.
constexpr int AcceptBelow = 256 - 256 % AlphabetSize;

} // namespace

QByteArray SecureNonceSource::nextNonce()
{
    QByteArray nonce;
    nonce.reserve(Length);
    unsigned char pool[64];
    while (nonce.size() < Length) {
        // A CSPRNG that cannot produce bytes leaves nothing safe to sign with.
        if (RAND_bytes(pool, sizeof pool) != 1)
            qFatal("OpenSSL RAND_bytes failed: no secure random source");
        for (unsigned char byte : pool) {
            if (byte < AcceptBelow && nonce.size() < Length)
                nonce.append(Alphabet[byte % AlphabetSize]);
        }
    }
    return nonce;
}

} // namespace budgetdesk
