#pragma once

#include "crypto/PublicKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>

using X509 = struct x509_st;

namespace budgetdesk {

class PrivateKey;

// An X.509 certificate: the merchant API certificate (apiclient_cert.pem) or a WeChat Pay
// platform certificate.
class Certificate
{
public:
    Certificate() = default;
    // Takes ownership of `certificate`.
    static Certificate adopt(X509 *certificate);

    bool isNull() const { return !m_certificate; }

    // Serial as uppercase hex, two digits per byte, as `openssl x509 -noout -serial` prints
    // it and as WeChat Pay writes `serial_no`.
    QString serialNumber() const;
    QString subjectCommonName() const; // the mchid, for a merchant API certificate
    QDateTime notBefore() const;
    QDateTime notAfter() const;
    PublicKey publicKey() const;
    bool matches(const PrivateKey &key) const;

    QByteArray toPem() const;

private:
    std::shared_ptr<X509> m_certificate;
};

} // namespace budgetdesk
