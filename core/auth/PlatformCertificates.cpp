#include "auth/PlatformCertificates.h"

#include "crypto/KeyLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace budgetdesk {

BilingualText CertificateDownloadError::text() const
{
    switch (m_code) {
    case Code::MalformedResponse:
        return {QStringLiteral("平台证书下载应答的格式不正确。"),
                QStringLiteral("The platform certificate download answer is malformed.")};
    case Code::DecryptionFailed:
        return m_decryption ? m_decryption->text() : BilingualText{};
    case Code::UnreadableCertificate:
        return {QStringLiteral("解密出的平台证书无法读取。"),
                QStringLiteral("The decrypted platform certificate cannot be read.")};
    case Code::SerialMismatch:
        return {QStringLiteral("解密出的平台证书序列号与应答中的 serial_no 不一致。"),
                QStringLiteral("The decrypted platform certificate's serial differs from the serial_no it is listed "
                               "under.")};
    }
    return {};
}

Result<QList<PlatformCertificate>, CertificateDownloadError>
decryptPlatformCertificates(QByteArrayView body, const ApiV3Decryptor &decryptor)
{
    using Code = CertificateDownloadError::Code;
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray());
    const QJsonValue data = document.object().value(QStringLiteral("data"));
    if (!data.isArray())
        return CertificateDownloadError(Code::MalformedResponse);

    QList<PlatformCertificate> certificates;
    for (const QJsonValue entryValue : data.toArray()) {
        const QJsonObject entry = entryValue.toObject();
        const QJsonObject encrypted = entry.value(QStringLiteral("encrypt_certificate")).toObject();
        const QString serial = entry.value(QStringLiteral("serial_no")).toString();
        if (serial.isEmpty() || encrypted.isEmpty())
            return CertificateDownloadError(Code::MalformedResponse);

        auto pem = decryptor.decrypt(encrypted.value(QStringLiteral("algorithm")).toString().toUtf8(),
                                     encrypted.value(QStringLiteral("nonce")).toString().toUtf8(),
                                     encrypted.value(QStringLiteral("associated_data")).toString().toUtf8(),
                                     encrypted.value(QStringLiteral("ciphertext")).toString().toUtf8());
        if (!pem)
            return CertificateDownloadError(Code::DecryptionFailed, pem.error());

        auto certificate = KeyLoader::certificate(*pem);
        if (!certificate)
            return CertificateDownloadError(Code::UnreadableCertificate);
        if (certificate->serialNumber().compare(serial, Qt::CaseInsensitive) != 0)
            return CertificateDownloadError(Code::SerialMismatch);

        certificates.append(
            {serial.toUpper(),
             QDateTime::fromString(entry.value(QStringLiteral("effective_time")).toString(), Qt::ISODate),
             QDateTime::fromString(entry.value(QStringLiteral("expire_time")).toString(), Qt::ISODate),
             std::move(certificate).value()});
    }
    return certificates;
}

} // namespace budgetdesk
