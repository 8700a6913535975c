#pragma once

#include "auth/PlatformCertificates.h"
#include "auth/ResponseVerification.h"
#include "errors/ApiError.h"
#include "errors/NetworkFailure.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace budgetdesk {

class BusifavorClient;
class SignedExchange;

struct PlatformCertificateResult
{
    enum class Kind {
        Downloaded, // certificates, decrypted, and the answer verified with them
        Rejected, // error (404 RESOURCE_NOT_EXISTS for public-key-only merchants)
        NetworkFailed, // failure
        DecryptionFailed, // decryption: a wrong APIv3 key, most likely
        NotVerified, // verification: the answer does not verify with what it contains
    };
    Kind kind = Kind::NetworkFailed;
    QList<PlatformCertificate> certificates;
    std::optional<ApiError> error;
    std::optional<NetworkFailure> failure;
    std::optional<CertificateDownloadError> decryption;
    std::optional<ResponseVerification> verification;

    BilingualText summary() const;
};

// `GET /v3/certificates?algorithm_type=RSA` (PROTOCOL.md §3.4). The first download cannot be
// verified beforehand — its signer is in the answer — so the answer is decrypted with the
// APIv3 key and then verified with the certificates it carries. Deletes itself when finished.
class PlatformCertificateDownload : public QObject
{
    Q_OBJECT

public:
    void cancel();

Q_SIGNALS:
    void finished(const budgetdesk::PlatformCertificateResult &result);

private:
    friend class BusifavorClient;
    PlatformCertificateDownload(BusifavorClient &client, QByteArray apiV3Key);
    void start();
    void exchangeFinished();

    BusifavorClient &m_client;
    QByteArray m_apiV3Key;
    QPointer<SignedExchange> m_exchange;
};

} // namespace budgetdesk

Q_DECLARE_METATYPE(budgetdesk::PlatformCertificateResult)
