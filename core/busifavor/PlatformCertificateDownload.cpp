#include "busifavor/PlatformCertificateDownload.h"

#include "busifavor/BusifavorClient.h"
#include "errors/ErrorCatalogue.h"
#include "http/SignedExchange.h"

namespace budgetdesk {

BilingualText PlatformCertificateResult::summary() const
{
    switch (kind) {
    case Kind::Downloaded:
        return {QStringLiteral("已下载并验证 %1 张平台证书。").arg(certificates.size()),
                QStringLiteral("Downloaded and verified %1 platform certificate(s).").arg(certificates.size())};
    case Kind::Rejected:
        return {QStringLiteral("%1（%2 %3）").arg(error->explanation.explanationZh, error->code, error->message),
                QStringLiteral("%1 (%2)").arg(error->explanation.en, error->code)};
    case Kind::NetworkFailed: {
        const ErrorExplanation explanation = failure.value_or(NetworkFailure{}).explanation();
        return {explanation.explanationZh, explanation.en};
    }
    case Kind::DecryptionFailed:
        return decryption->text();
    case Kind::NotVerified:
        return verification ? verification->text()
                            : BilingualText{QStringLiteral("平台证书应答无法验证。"),
                                            QStringLiteral("The certificate answer cannot be verified.")};
    }
    return {};
}

PlatformCertificateDownload::PlatformCertificateDownload(BusifavorClient &client, QByteArray apiV3Key)
    : QObject(&client)
    , m_client(client)
    , m_apiV3Key(std::move(apiV3Key))
{ }

void PlatformCertificateDownload::start()
{
    m_exchange = m_client.exchange({"GET", "/v3/certificates?algorithm_type=RSA", {}}, this);
    // This answer is judged below, with the certificates it carries; no refresh loop.
    m_exchange->setUnknownSerialHandler({});
    connect(m_exchange, &SignedExchange::finished, this, &PlatformCertificateDownload::exchangeFinished);
    m_exchange->start();
}

void PlatformCertificateDownload::cancel()
{
    if (m_exchange)
        m_exchange->cancel();
}

void PlatformCertificateDownload::exchangeFinished()
{
    using Kind = PlatformCertificateResult::Kind;
    const ExchangeResult &exchange = m_exchange->result();
    PlatformCertificateResult result;
    if (!exchange.answer || exchange.failure) {
        result.failure = exchange.failure;
    } else if (!exchange.answer->isSuccess()) {
        result.kind = Kind::Rejected;
        result.error = ApiError::fromAnswer(exchange.answer->status, exchange.answer->headers, exchange.answer->body);
    } else {
        auto decryptor = ApiV3Decryptor::create(m_apiV3Key);
        auto certificates = decryptor
            ? decryptPlatformCertificates(exchange.answer->body, *decryptor)
            : Result<QList<PlatformCertificate>, CertificateDownloadError>(
                CertificateDownloadError(CertificateDownloadError::Code::DecryptionFailed, decryptor.error()));
        if (!certificates) {
            result.kind = Kind::DecryptionFailed;
            result.decryption = certificates.error();
        } else {
            VerificationKeys downloaded;
            for (const PlatformCertificate &certificate : *certificates)
                downloaded.addPlatformCertificate(certificate.certificate);
            // The same clock as every other answer: the client's.
            const ResponseValidator check(downloaded, m_client.m_clock);
            result.verification = check.validate(exchange.answer->headers, exchange.answer->body);
            if (result.verification->isVerified()) {
                result.kind = Kind::Downloaded;
                result.certificates = *certificates;
            } else {
                result.kind = Kind::NotVerified;
            }
        }
    }
    Q_EMIT finished(result);
    deleteLater();
}

} // namespace budgetdesk
