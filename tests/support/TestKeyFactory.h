#pragma once

#include "crypto/Certificate.h"
#include "crypto/PrivateKey.h"

#include <QByteArray>
#include <QString>

namespace budgetdesk::test {

// Fresh keys and certificates, in every format a merchant might hand BudgetDesk. Test-only:
// the product never writes a private key anywhere.
class TestKeyFactory
{
public:
    static PrivateKey rsa(int bits = 2048);
    static PrivateKey ec(); // P-256, for the "not RSA" cases

    // A self-signed certificate for `key`; `serialHex` becomes its serial number.
    static Certificate certificate(const PrivateKey &key, const QByteArray &serialHex, const QString &commonName,
                                   int validDays = 365);

    static QByteArray pkcs8Pem(const PrivateKey &key);
    static QByteArray pkcs1Pem(const PrivateKey &key);
    static QByteArray encryptedPkcs8Pem(const PrivateKey &key, const QByteArray &passphrase);
    static QByteArray encryptedPkcs1Pem(const PrivateKey &key, const QByteArray &passphrase);
    static QByteArray pkcs8Der(const PrivateKey &key);
    static QByteArray spkiPem(const PrivateKey &key);
    static QByteArray pkcs1PublicPem(const PrivateKey &key); // "BEGIN RSA PUBLIC KEY"
    static QByteArray certificatePem(const Certificate &certificate) { return certificate.toPem(); }
    static QByteArray certificateDer(const Certificate &certificate);

    // `legacy` uses the RC2/3DES ciphers of WeChat Pay's own apiclient_cert.p12 files, which
    // OpenSSL 3 only has in its legacy provider; otherwise OpenSSL 3's AES/PBES2 default.
    static QByteArray pkcs12(const PrivateKey &key, const Certificate &certificate, const QByteArray &password,
                             bool legacy = false);
};

} // namespace budgetdesk::test
