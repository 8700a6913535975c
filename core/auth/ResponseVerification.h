#pragma once

#include "common/BilingualText.h"

#include <QByteArray>
#include <QtGlobal>

namespace budgetdesk {

// The verdict on one 2xx answer's signature. Anything but Verified means the answer cannot
// be trusted — for a budget change, its outcome is unknown until the batch is looked up.
class ResponseVerification
{
public:
    enum class Status {
        Verified,
        MissingHeader, // header(): which one
        MalformedTimestamp, // not a number of seconds
        ClockSkew, // offsetSeconds(): answer time minus local time
        UnknownSerial, // serial(): no key or certificate we hold has it
        SignatureProbe, // a deliberate `WECHATPAY/SIGNTEST/` probe
        MalformedSignature, // not canonical Base64, or the wrong length for the key
        SignatureMismatch, // well-formed, but not made by the key for that serial
    };

    static ResponseVerification verified() { return ResponseVerification(Status::Verified); }
    static ResponseVerification missingHeader(QByteArray header);
    static ResponseVerification malformedTimestamp() { return ResponseVerification(Status::MalformedTimestamp); }
    static ResponseVerification clockSkew(qint64 offsetSeconds);
    static ResponseVerification unknownSerial(const QByteArray &serial);
    static ResponseVerification signatureProbe() { return ResponseVerification(Status::SignatureProbe); }
    static ResponseVerification malformedSignature() { return ResponseVerification(Status::MalformedSignature); }
    static ResponseVerification signatureMismatch() { return ResponseVerification(Status::SignatureMismatch); }

    Status status() const { return m_status; }
    bool isVerified() const { return m_status == Status::Verified; }
    const QByteArray &header() const { return m_header; }
    const QByteArray &serial() const { return m_serial; }
    qint64 offsetSeconds() const { return m_offsetSeconds; }

    BilingualText text() const;

private:
    explicit ResponseVerification(Status status)
        : m_status(status)
    { }

    Status m_status;
    QByteArray m_header;
    QByteArray m_serial;
    qint64 m_offsetSeconds = 0;
};

} // namespace budgetdesk
