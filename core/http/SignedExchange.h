#pragma once

#include "auth/HttpHeaders.h"
#include "auth/RequestSigner.h"
#include "auth/ResponseValidator.h"
#include "common/BilingualText.h"
#include "errors/NetworkFailure.h"
#include "http/ClientSettings.h"
#include "http/ClockOffsetMeter.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>

namespace budgetdesk {

class HttpAttempt;

// An HTTP answer as received, with the verdict on its signature when it carries one.
struct HttpAnswer
{
    int status = 0;
    HttpHeaders headers;
    QByteArray body;
    QUrl domain; // the base URL that answered
    std::optional<ResponseVerification> verification; // nullopt: the answer carries no signature
    QByteArray signingMessage; // what this attempt signed

    bool isSuccess() const { return status >= 200 && status < 300; }
    bool isRefusal() const { return status >= 400 && status < 500; }
    bool isServerError() const { return status >= 500 || status == 202; }
    bool isVerified() const { return verification && verification->isVerified(); }
    QByteArray requestId() const { return findHeader(headers, "Request-ID").value_or(QByteArray()); }
};

// One try: which domain, what was signed, and how it ended — every request that left this
// computer is one of these, with its own timestamp and nonce.
struct ExchangeAttempt
{
    QUrl domain;
    QByteArray signingMessage;
    int httpStatus = 0;
    QByteArray requestId;
    std::optional<NetworkFailure> failure;

    // Could WeChat Pay have carried this attempt out? A refusal (4xx) says no; a 2xx, 5xx,
    // 202, anything unexpected, or a lost answer after sending cannot rule it out.
    bool mayHaveApplied() const;
    // Only a 2xx or a 4xx is WeChat Pay's final word on an attempt. A 202 means "still being
    // processed", a 5xx may come from a gateway while the service still works on it, and a
    // 1xx/3xx is nobody's answer to an API call.
    bool mayStillBeInFlight() const;
};

struct ExchangeResult
{
    std::optional<HttpAnswer> answer; // the final HTTP answer, if any came
    std::optional<NetworkFailure> failure; // why none came
    std::optional<BilingualText> signingError; // the request could not be signed: nothing sent
    QList<ExchangeAttempt> attempts;

    // With `failure`: could any attempt have reached WeChat Pay?
    bool mayHaveBeenDelivered() const;
    // Could an attempt before the last one have applied? Then a refusal of the last one may
    // only be the answer to a replay of a change that already happened.
    bool earlierAttemptMayHaveApplied() const;
    bool anyAttemptMayStillBeInFlight() const;
};

// One logical API call, carried to an answer: signs the request afresh for every attempt,
// fails over from the primary to the backup domain on connection-level failures only (an
// HTTP answer or a TLS failure never moves it), retries 5xx/202 and busy answers with
// backoff, verifies every signed answer, and measures the clock offset from verified ones.
// Asynchronous; cancel() at any time.
class SignedExchange : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method; // uppercase, as sent
        QByteArray pathAndQuery; // percent-encoded, as sent and signed
        QByteArray body; // the exact bytes sent and signed
    };

    SignedExchange(const RequestSigner &signer, const ResponseValidator &validator, const ClientSettings &settings,
                   ClockOffsetMeter &clock, Request request, QObject *parent = nullptr);
    ~SignedExchange() override;

    void start();
    void cancel();
    // See BusifavorClient::setUnknownSerialHandler; used once per exchange.
    void setUnknownSerialHandler(std::function<void(std::function<void()>)> handler)
    {
        m_unknownSerialHandler = std::move(handler);
    }
    const ExchangeResult &result() const { return m_result; }
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void attemptStarted(const QUrl &domain, int attempt);
    // The current attempt's request has left this computer whole.
    void requestSent();
    void finished();

private:
    void sendTo(int domainIndex);
    void onAttemptFinished();
    void handleAnswer(HttpAnswer answer);
    void handleFailure(const NetworkFailure &failure);
    void retryLater(int delayMs);
    void finish();
    bool isBusy(const HttpAnswer &answer) const;

    const RequestSigner &m_signer;
    const ResponseValidator &m_validator;
    const ClientSettings &m_settings;
    ClockOffsetMeter &m_clock;
    Request m_request;

    QList<QUrl> m_domains;
    int m_domainIndex = 0;
    int m_serverRetriesLeft = 0;
    int m_busyRetriesLeft = 0;
    int m_retryNumber = 0;

    QPointer<HttpAttempt> m_attempt;
    QTimer m_backoff;
    bool m_cancelled = false;
    bool m_finished = false;
    bool m_keysRefreshed = false;
    std::function<void(std::function<void()>)> m_unknownSerialHandler;
    ExchangeResult m_result;
};

} // namespace budgetdesk
