#include "http/SignedExchange.h"

#include "http/UserAgent.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

namespace budgetdesk {

namespace {

QUrl joined(const QUrl &base, const QByteArray &pathAndQuery)
{
    QByteArray encoded = base.toEncoded(QUrl::StripTrailingSlash) + pathAndQuery;
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

} // namespace

SignedExchange::SignedExchange(QNetworkAccessManager &network, const RequestSigner &signer,
                               const ResponseValidator &validator, const ClientSettings &settings,
                               ClockOffsetMeter &clock, Request request, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_signer(signer)
    , m_validator(validator)
    , m_settings(settings)
    , m_clock(clock)
    , m_request(std::move(request))
    , m_serverRetriesLeft(settings.serverErrorRetries)
    , m_busyRetriesLeft(settings.busyRetries)
{
    m_domains.append(settings.primaryBaseUrl);
    if (!settings.backupBaseUrl.isEmpty() && settings.backupBaseUrl != settings.primaryBaseUrl)
        m_domains.append(settings.backupBaseUrl);
    m_deadline.setSingleShot(true);
    m_backoff.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
    connect(&m_backoff, &QTimer::timeout, this, [this] { sendTo(m_domainIndex); });
}

SignedExchange::~SignedExchange()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void SignedExchange::start()
{
    sendTo(0);
}

void SignedExchange::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_backoff.isActive()) {
        // Between attempts nothing is in flight, but an earlier attempt may have got through.
        m_backoff.stop();
        handleFailure({NetworkFailure::Kind::Cancelled, QStringLiteral("cancelled while waiting to retry")});
        return;
    }
    if (m_reply)
        m_reply->abort();
}

void SignedExchange::sendTo(int domainIndex)
{
    m_domainIndex = domainIndex;
    m_sent = false;
    m_timedOut = false;

    // Signed afresh for every attempt: a new timestamp and nonce, the same bytes.
    auto signedRequest = m_signer.sign(m_request.method, m_request.pathAndQuery, m_request.body);
    if (!signedRequest) {
        handleFailure({NetworkFailure::Kind::Other, signedRequest.error().text().en});
        return;
    }
    const QUrl domain = m_domains.at(domainIndex);
    ExchangeAttempt attempt;
    attempt.domain = domain;
    attempt.signingMessage = signedRequest->signingMessage;
    m_result.attempts.append(attempt);

    QNetworkRequest request(joined(domain, m_request.pathAndQuery));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("User-Agent", userAgent());
    request.setRawHeader("Authorization", signedRequest->authorization);
    const QString serial = m_validator.keys().preferredSerial();
    if (!serial.isEmpty())
        request.setRawHeader("Wechatpay-Serial", serial.toLatin1());
    request.setTransferTimeout(m_settings.timeoutMs);
    if (m_settings.sslConfiguration)
        request.setSslConfiguration(*m_settings.sslConfiguration);
    // No cached or redirected answers: each one must be WeChat Pay's own, and signed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);

    m_reply = m_network.sendCustomRequest(request, m_request.method, m_request.body);
    connect(m_reply, &QNetworkReply::requestSent, this, [this] { m_sent = true; });
    connect(m_reply, &QNetworkReply::finished, this, &SignedExchange::onReplyFinished);
    m_deadline.start(m_settings.timeoutMs);
    Q_EMIT attemptStarted(domain, int(m_result.attempts.size()));
}

NetworkFailure SignedExchange::classify(QNetworkReply *reply) const
{
    using Kind = NetworkFailure::Kind;
    const QString detail = reply->errorString();
    if (m_cancelled)
        return {Kind::Cancelled, detail};
    switch (reply->error()) {
    case QNetworkReply::HostNotFoundError:
        return {Kind::HostNotFound, detail};
    case QNetworkReply::ConnectionRefusedError:
        return {Kind::ConnectionRefused, detail};
    case QNetworkReply::SslHandshakeFailedError:
        return {Kind::TlsHandshake, detail};
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        return {m_sent ? Kind::TimeoutAfterSending : Kind::TimeoutBeforeSending, detail};
    case QNetworkReply::RemoteHostClosedError:
        return {m_sent ? Kind::ClosedAfterSending : Kind::ClosedBeforeSending, detail};
    default:
        return {Kind::Other, detail};
    }
}

void SignedExchange::onReplyFinished()
{
    m_deadline.stop();
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        handleFailure(classify(reply));
        return;
    }
    HttpAnswer answer;
    answer.status = status.toInt();
    answer.headers = reply->rawHeaderPairs();
    answer.body = reply->readAll();
    answer.domain = m_domains.at(m_domainIndex);
    answer.signingMessage = m_result.attempts.last().signingMessage;
    m_clock.observe(answer.headers, QDateTime::currentMSecsSinceEpoch());
    if (answer.isSuccess())
        answer.verification = m_validator.validate(answer.headers, answer.body);
    m_result.attempts.last().httpStatus = answer.status;

    // A serial nobody knows may be a platform certificate rotated in since the last download:
    // refresh once, then judge the same answer again.
    if (answer.verification && answer.verification->status() == ResponseVerification::Status::UnknownSerial
        && m_unknownSerialHandler && !m_keysRefreshed) {
        m_keysRefreshed = true;
        m_unknownSerialHandler([this, answer = std::move(answer)]() mutable {
            answer.verification = m_validator.validate(answer.headers, answer.body);
            handleAnswer(std::move(answer));
        });
        return;
    }
    handleAnswer(std::move(answer));
}

bool SignedExchange::isBusy(const HttpAnswer &answer) const
{
    if (answer.status == 429)
        return true;
    if (answer.status != 403 || !answer.body.contains("RULE_LIMIT"))
        return false;
    return QString::fromUtf8(answer.body).contains(QStringLiteral("批次正在修改中"));
}

void SignedExchange::handleAnswer(HttpAnswer answer)
{
    const bool serverError
        = answer.status == 500 || answer.status == 502 || answer.status == 503 || answer.status == 202;
    if (serverError)
        m_result.mayHaveBeenDelivered = true; // it reached WeChat Pay, which may have acted on it
    if (!m_cancelled && serverError && m_serverRetriesLeft > 0) {
        --m_serverRetriesLeft;
        m_result.answer = std::move(answer);
        retryLater(m_settings.backoffMs << m_retryNumber++);
        return;
    }
    if (!m_cancelled && isBusy(answer) && m_busyRetriesLeft > 0) {
        --m_busyRetriesLeft;
        m_result.answer = std::move(answer);
        const int base = m_settings.backoffMs << m_retryNumber++;
        retryLater(base + int(QRandomGenerator::global()->bounded(base / 2 + 1)));
        return;
    }
    m_result.answer = std::move(answer);
    m_result.failure.reset();
    finish();
}

void SignedExchange::handleFailure(const NetworkFailure &failure)
{
    if (!m_result.attempts.isEmpty() && !m_result.attempts.last().httpStatus)
        m_result.attempts.last().failure = failure;
    m_result.mayHaveBeenDelivered = m_result.mayHaveBeenDelivered || failure.mayHaveBeenDelivered();

    // Connection-level trouble on the primary domain: the same call on the backup domain.
    if (!m_cancelled && failure.allowsFailover() && m_domainIndex + 1 < m_domains.size()) {
        sendTo(m_domainIndex + 1);
        return;
    }
    // An earlier attempt's HTTP answer (a 5xx before a retry that then failed) still stands
    // as the last thing WeChat Pay said; the failure says why nothing better came.
    m_result.failure = failure;
    finish();
}

void SignedExchange::retryLater(int delayMs)
{
    m_backoff.start(delayMs);
}

void SignedExchange::finish()
{
    m_finished = true;
    Q_EMIT finished();
}

} // namespace budgetdesk
