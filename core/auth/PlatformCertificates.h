#pragma once

#include "auth/ApiV3Decryptor.h"
#include "common/BilingualText.h"
#include "common/Result.h"
#include "crypto/Certificate.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace budgetdesk {

struct PlatformCertificate
{
    QString serial;
    QDateTime effectiveTime;
    QDateTime expireTime;
    Certificate certificate;
};

class CertificateDownloadError
{
public:
    enum class Code {
        MalformedResponse, // not the documented {"data":[…]} shape
        DecryptionFailed, // decryption(): why
        UnreadableCertificate, // decrypted, but not an RSA certificate
        SerialMismatch, // the certificate inside is not the one `serial_no` names
    };
    explicit CertificateDownloadError(Code code, std::optional<ApiV3Error> decryption = std::nullopt)
        : m_code(code)
        , m_decryption(decryption)
    { }
    Code code() const { return m_code; }
    const std::optional<ApiV3Error> &decryption() const { return m_decryption; }
    BilingualText text() const;

private:
    Code m_code;
    std::optional<ApiV3Error> m_decryption;
};

// Decrypts the body of `GET /v3/certificates` (PROTOCOL.md §3.4) into platform certificates,
// checking each against the serial it is listed under. Whether the answer itself is
// authentic is checked separately, with the certificates this returns.
Result<QList<PlatformCertificate>, CertificateDownloadError>
decryptPlatformCertificates(QByteArrayView body, const ApiV3Decryptor &decryptor);

} // namespace budgetdesk
