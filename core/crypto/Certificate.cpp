#include "crypto/Certificate.h"

#include "common/Utc.h"
#include "crypto/OpenSslHandles.h"
#include "crypto/PrivateKey.h"

#include <openssl/asn1.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>

#include <ctime>

namespace budgetdesk {

namespace {

QDateTime toDateTime(const ASN1_TIME *time)
{
    std::tm parts{};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), utc());
}

} // namespace

Certificate Certificate::adopt(X509 *certificate)
{
    Certificate result;
    if (certificate)
        result.m_certificate.reset(certificate, X509_free);
    return result;
}

QString Certificate::serialNumber() const
{
    if (!m_certificate)
        return {};
    openssl::BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_certificate.get()), nullptr));
    if (!serial)
        return {};
    char *hex = BN_bn2hex(serial.get());
    if (!hex)
        return {};
    QString result = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return result;
}

QString Certificate::subjectCommonName() const
{
    if (!m_certificate)
        return {};
    const X509_NAME *subject = X509_get_subject_name(m_certificate.get());
    const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, value);
    if (length < 0)
        return {};
    QString result = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return result;
}

QDateTime Certificate::notBefore() const
{
    return m_certificate ? toDateTime(X509_get0_notBefore(m_certificate.get())) : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return m_certificate ? toDateTime(X509_get0_notAfter(m_certificate.get())) : QDateTime();
}

PublicKey Certificate::publicKey() const
{
    return m_certificate ? PublicKey::fromHandle(X509_get0_pubkey(m_certificate.get())) : PublicKey();
}

bool Certificate::matches(const PrivateKey &key) const
{
    const EVP_PKEY *certificateKey = m_certificate ? X509_get0_pubkey(m_certificate.get()) : nullptr;
    return certificateKey && !key.isNull() && EVP_PKEY_eq(certificateKey, key.handle()) == 1;
}

QByteArray Certificate::toPem() const
{
    if (!m_certificate)
        return {};
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), m_certificate.get()) != 1)
        return {};
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

} // namespace budgetdesk
