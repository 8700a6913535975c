#pragma once

#include "auth/HttpHeaders.h"
#include "auth/RequestSigner.h"
#include "auth/ResponseValidator.h"
#include "errors/NetworkFailure.h"
#include "http/ClientSettings.h"
#include "http/ClockOffsetMeter.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace budgetdesk {

// An HTTP answer as received, with the verdict on its signature when it is a 2xx.
struct HttpAnswer
{
    int status = 0;
    HttpHeaders headers;
    QByteArray body;
    QUrl domain; // the base URL that answered
    std::optional<ResponseVerification> verification;
    QByteArray signingMessage; // what this attempt signed

    bool isSuccess() const { return status >= 200 && status < 300; }
    bool isVerified() const { return verification && verification->isVerified(); }
    QByteArray requestId() const { return findHeader(headers, "Request-ID").value_or(QByteArray()); }
};

// One try: which domain, what was signed, and how it ended.
struct ExchangeAttempt
{
    QUrl domain;
    QByteArray signingMessage;
    int httpStatus = 0;
    std::optional<NetworkFailure> failure;
};

struct ExchangeResult
{
    std::optional<HttpAnswer> answer; // the final HTTP answer, if any came
    std::optional<NetworkFailure> failure; // why none came
    bool mayHaveBeenDelivered = false; // with `failure`: could any attempt have reached WeChat Pay?
    QList<ExchangeAttempt> attempts;
};

// One logical API call, carried to an answer: signs the request afresh for every attempt,
// fails over from the primary to the backup domain on connection-level failures only (an
// HTTP answer never moves it), retries 5xx/202 and busy answers with backoff, verifies 2xx
// answers, and measures the clock offset. Asynchronous; cancel() at any time.
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

    SignedExchange(QNetworkAccessManager &network, const RequestSigner &signer, const ResponseValidator &validator,
                   const ClientSettings &settings, ClockOffsetMeter &clock, Request request, QObject *parent = nullptr);
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
    void finished();

private:
    void sendTo(int domainIndex);
    void onReplyFinished();
    void handleAnswer(HttpAnswer answer);
    void handleFailure(const NetworkFailure &failure);
    void retryLater(int delayMs);
    void finish();
    NetworkFailure classify(QNetworkReply *reply) const;
    bool isBusy(const HttpAnswer &answer) const;

    QNetworkAccessManager &m_network;
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

    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QTimer m_backoff;
    bool m_sent = false; // the current attempt's request went out
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_finished = false;
    bool m_keysRefreshed = false;
    std::function<void(std::function<void()>)> m_unknownSerialHandler;
    ExchangeResult m_result;
};

} // namespace budgetdesk
