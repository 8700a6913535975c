#include "simulator/LoopbackCertificateAuthority.h"

#include "crypto/OpenSslHandles.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <QtGlobal>

namespace budgetdesk::sim {

namespace {

constexpr long TwoDays = 2L * 24 * 3600;

openssl::PkeyPtr newKey()
{
    openssl::PkeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        qFatal("LoopbackCertificateAuthority: EC key generation failed");
    return key;
}

void addExtension(X509 *certificate, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension || X509_add_ext(certificate, extension, -1) != 1)
        qFatal("LoopbackCertificateAuthority: cannot add extension %d", nid);
    X509_EXTENSION_free(extension);
}

openssl::X509Ptr newCertificate(EVP_PKEY *subjectKey, const char *commonName)
{
    openssl::X509Ptr certificate(X509_new());
    X509_set_version(certificate.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7F; // positive
    openssl::BignumPtr number(BN_bin2bn(serial, sizeof serial, nullptr));
    BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(certificate.get()));
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), TwoDays);
    X509_set_pubkey(certificate.get(), subjectKey);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(certificate.get()), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0);
    return certificate;
}

template<typename Write> QByteArray pem(Write write)
{
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !write(bio.get()))
        qFatal("LoopbackCertificateAuthority: cannot write PEM");
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

} // namespace

LoopbackCertificateAuthority LoopbackCertificateAuthority::generate()
{
    const openssl::PkeyPtr caKey = newKey();
    openssl::X509Ptr ca = newCertificate(caKey.get(), "BudgetDesk simulator test CA");
    X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get()));
    addExtension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
    addExtension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    addExtension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
    if (X509_sign(ca.get(), caKey.get(), EVP_sha256()) <= 0)
        qFatal("LoopbackCertificateAuthority: cannot sign the CA");

    const openssl::PkeyPtr serverKey = newKey();
    openssl::X509Ptr server = newCertificate(serverKey.get(), "127.0.0.1");
    X509_set_issuer_name(server.get(), X509_get_subject_name(ca.get()));
    addExtension(server.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(server.get(), ca.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment");
    addExtension(server.get(), ca.get(), NID_ext_key_usage, "serverAuth");
    addExtension(server.get(), ca.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    addExtension(server.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    if (X509_sign(server.get(), caKey.get(), EVP_sha256()) <= 0)
        qFatal("LoopbackCertificateAuthority: cannot sign the server certificate");
    ERR_clear_error();

    LoopbackCertificateAuthority authority;
    authority.caCertificatePem = pem([&](BIO *bio) { return PEM_write_bio_X509(bio, ca.get()) == 1; });
    authority.serverCertificatePem = pem([&](BIO *bio) { return PEM_write_bio_X509(bio, server.get()) == 1; });
    authority.serverPrivateKeyPem = pem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, serverKey.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    });
    return authority;
}

} // namespace budgetdesk::sim
