#pragma once

#include "common/Result.h"
#include "crypto/Certificate.h"
#include "crypto/KeyError.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace budgetdesk {

// How the merchant key was stored; shown to the user so they learn what they picked.
enum class KeyFormat {
    Pkcs8Pem,
    Pkcs1Pem,
    EncryptedPkcs8Pem,
    EncryptedPkcs1Pem, // OpenSSL's traditional "Proc-Type: 4,ENCRYPTED"
    Der,
    Pkcs12,
};

QString keyFormatName(KeyFormat format);

struct MerchantKey
{
    PrivateKey key;
    KeyFormat format = KeyFormat::Pkcs8Pem;
    // Present when the source also held the certificate (a .p12, or a PEM with both).
    std::optional<Certificate> certificate;
};

// Reads the keys and certificates a merchant has: from a file or from pasted text, as PEM
// (PKCS#8, PKCS#1, encrypted), DER, bare Base64, or PKCS#12. Every failure is a KeyError
// that says what was found instead of what was expected.
//
// Only RSA keys of at least 2048 bits are accepted: WeChat Pay APIv3 signs and verifies
// with SHA256-RSA2048.
class KeyLoader
{
public:
    static Result<QByteArray, KeyError> readFile(const QString &path);

    // The merchant API private key. `passphrase` opens an encrypted PEM or a .p12; for a .p12
    // without a passphrase the mchid is tried, as WeChat Pay issues it with that password.
    static Result<MerchantKey, KeyError> merchantKey(QByteArrayView content, const QByteArray &passphrase = {},
                                                     const QString &mchid = {});
    static Result<MerchantKey, KeyError> merchantKeyFromFile(const QString &path, const QByteArray &passphrase = {},
                                                             const QString &mchid = {});

    // The WeChat Pay public key (pub_key.pem, SubjectPublicKeyInfo).
    static Result<PublicKey, KeyError> publicKey(QByteArrayView content);
    static Result<PublicKey, KeyError> publicKeyFromFile(const QString &path);

    // An X.509 certificate: PEM, DER, or the certificate inside a .p12.
    static Result<Certificate, KeyError> certificate(QByteArrayView content, const QByteArray &pkcs12Password = {},
                                                     const QString &mchid = {});
    static Result<Certificate, KeyError> certificateFromFile(const QString &path, const QByteArray &pkcs12Password = {},
                                                             const QString &mchid = {});

    // The certificate's serial if `key` is the private half of `certificate`, so the
    // 40-hex serial never has to be typed by hand.
    static Result<QString, KeyError> serialForKey(const PrivateKey &key, const Certificate &certificate);
};

} // namespace budgetdesk
