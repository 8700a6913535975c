#include "TestKeyFactory.h"

#include "crypto/OpenSslHandles.h"

#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/provider.h>
#include <openssl/rsa.h>

namespace budgetdesk::test {

namespace {

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

template<typename Write> QByteArray writeToMemory(Write write)
{
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !write(bio.get()))
        qFatal("TestKeyFactory: OpenSSL could not write the test object");
    return bioContents(bio.get());
}

} // namespace

PrivateKey TestKeyFactory::rsa(int bits)
{
    EVP_PKEY *key = EVP_RSA_gen(static_cast<unsigned>(bits));
    if (!key)
        qFatal("TestKeyFactory: RSA key generation failed");
    return PrivateKey::adopt(key);
}

PrivateKey TestKeyFactory::ec()
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    if (!key)
        qFatal("TestKeyFactory: EC key generation failed");
    return PrivateKey::adopt(key);
}

Certificate TestKeyFactory::certificate(const PrivateKey &key, const QByteArray &serialHex, const QString &commonName,
                                        int validDays)
{
    X509 *certificate = X509_new();
    BIGNUM *serial = nullptr;
    BN_hex2bn(&serial, serialHex.constData());
    BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(certificate));
    BN_free(serial);
    X509_set_version(certificate, 2);
    X509_gmtime_adj(X509_getm_notBefore(certificate), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate), static_cast<long>(validDays) * 24 * 3600);
    X509_set_pubkey(certificate, key.handle());
    X509_NAME *name = X509_get_subject_name(certificate);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn.constData()), -1,
                               -1, 0);
    X509_set_issuer_name(certificate, name);
    if (X509_sign(certificate, key.handle(), EVP_sha256()) <= 0)
        qFatal("TestKeyFactory: certificate signing failed");
    return Certificate::adopt(certificate);
}

QByteArray TestKeyFactory::pkcs8Pem(const PrivateKey &key)
{
    return writeToMemory([&](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, key.handle(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    });
}

QByteArray TestKeyFactory::pkcs1Pem(const PrivateKey &key)
{
    return writeToMemory([&](BIO *bio) {
        return PEM_write_bio_PrivateKey_traditional(bio, key.handle(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    });
}

QByteArray TestKeyFactory::encryptedPkcs8Pem(const PrivateKey &key, const QByteArray &passphrase)
{
    return writeToMemory([&](BIO *bio) {
        return PEM_write_bio_PKCS8PrivateKey(bio, key.handle(), EVP_aes_256_cbc(), passphrase.constData(),
                                             static_cast<int>(passphrase.size()), nullptr, nullptr)
            == 1;
    });
}

QByteArray TestKeyFactory::encryptedPkcs1Pem(const PrivateKey &key, const QByteArray &passphrase)
{
    return writeToMemory([&](BIO *bio) {
        auto *kstr = reinterpret_cast<unsigned char *>(const_cast<char *>(passphrase.constData()));
        return PEM_write_bio_PrivateKey_traditional(bio, key.handle(), EVP_aes_128_cbc(), kstr,
                                                    static_cast<int>(passphrase.size()), nullptr, nullptr)
            == 1;
    });
}

QByteArray TestKeyFactory::pkcs8Der(const PrivateKey &key)
{
    return writeToMemory([&](BIO *bio) {
        return i2d_PKCS8PrivateKey_bio(bio, key.handle(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    });
}

QByteArray TestKeyFactory::spkiPem(const PrivateKey &key)
{
    return writeToMemory([&](BIO *bio) { return PEM_write_bio_PUBKEY(bio, key.handle()) == 1; });
}

QByteArray TestKeyFactory::pkcs1PublicPem(const PrivateKey &key)
{
    std::unique_ptr<OSSL_ENCODER_CTX, openssl::Deleter<OSSL_ENCODER_CTX_free>> encoder(
        OSSL_ENCODER_CTX_new_for_pkey(key.handle(), EVP_PKEY_PUBLIC_KEY, "PEM", "type-specific", nullptr));
    return writeToMemory([&](BIO *bio) { return encoder && OSSL_ENCODER_to_bio(encoder.get(), bio) == 1; });
}

QByteArray TestKeyFactory::certificateDer(const Certificate &certificate)
{
    const QByteArray pem = certificate.toPem();
    openssl::BioPtr in = openssl::memoryBio(pem);
    openssl::X509Ptr x509(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
    return writeToMemory([&](BIO *bio) { return i2d_X509_bio(bio, x509.get()) == 1; });
}

QByteArray TestKeyFactory::pkcs12(const PrivateKey &key, const Certificate &certificate, const QByteArray &password,
                                  bool legacy)
{
    const QByteArray pem = certificate.toPem();
    openssl::BioPtr in = openssl::memoryBio(pem);
    openssl::X509Ptr x509(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
    int keyCipher = 0; // 0 = OpenSSL 3's default (PBES2/AES-256)
    int certificateCipher = 0;
    if (legacy) {
        // Writing RC2 needs the legacy provider in this (test) process as well.
        static OSSL_PROVIDER *const legacyProvider = OSSL_PROVIDER_try_load(nullptr, "legacy", 1);
        if (!legacyProvider)
            qFatal("TestKeyFactory: OpenSSL legacy provider unavailable");
        keyCipher = NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
        certificateCipher = NID_pbe_WithSHA1And40BitRC2_CBC;
    }
    openssl::Pkcs12Ptr p12(PKCS12_create(password.isEmpty() ? nullptr : password.constData(), "Tenpay Certificate",
                                         key.handle(), x509.get(), nullptr, keyCipher, certificateCipher, 0, 0, 0));
    if (!p12)
        qFatal("TestKeyFactory: PKCS12_create failed");
    ERR_clear_error();
    return writeToMemory([&](BIO *bio) { return i2d_PKCS12_bio(bio, p12.get()) == 1; });
}

} // namespace budgetdesk::test
