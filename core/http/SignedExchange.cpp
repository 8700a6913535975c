#include "http/SignedExchange.h"

#include "http/DomainPolicy.h"
#include "http/HttpAttempt.h"
#include "http/UserAgent.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace budgetdesk {

bool ExchangeAttempt::mayHaveApplied() const
{
    if (failure)
        return failure->mayHaveBeenDelivered();
    return !(httpStatus >= 400 && httpStatus < 500);
}

bool ExchangeAttempt::mayStillBeInFlight() const
{
    if (failure)
        return failure->mayStillBeInFlight();
    if (httpStatus == 0)
        return false; // not sent yet (or not signable)
    return httpStatus == 202 || !((httpStatus >= 200 && httpStatus < 300) || (httpStatus >= 400 && httpStatus < 500));
}

bool ExchangeResult::mayHaveBeenDelivered() const
{
    return std::any_of(attempts.cbegin(), attempts.cend(), [](const ExchangeAttempt &attempt) {
        return attempt.httpStatus != 0 || (attempt.failure && attempt.failure->mayHaveBeenDelivered());
    });
}

bool ExchangeResult::earlierAttemptMayHaveApplied() const
{
    return std::any_of(attempts.cbegin(), attempts.cend() - qMin<qsizetype>(1, attempts.size()),
                       [](const ExchangeAttempt &attempt) { return attempt.mayHaveApplied(); });
}

bool ExchangeResult::anyAttemptMayStillBeInFlight() const
{
    return std::any_of(attempts.cbegin(), attempts.cend(),
                       [](const ExchangeAttempt &attempt) { return attempt.mayStillBeInFlight(); });
}

SignedExchange::SignedExchange(const RequestSigner &signer, const ResponseValidator &validator,
                               const ClientSettings &settings, ClockOffsetMeter &clock, Request request,
                               QObject *parent)
    : QObject(parent)
    , m_signer(signer)
    , m_validator(validator)
    , m_settings(settings)
    , m_clock(clock)
    , m_request(std::move(request))
    , m_serverRetriesLeft(settings.serverErrorRetries)
    , m_busyRetriesLeft(settings.busyRetries)
{
    m_domains.append(settings.primaryBaseUrl);
    // The last line of DomainPolicy: whatever the settings say, a local primary never fails
    // over to WeChat Pay's real domain.
    const QUrl &backup = settings.backupBaseUrl;
    if (!backup.isEmpty() && backup != settings.primaryBaseUrl
        && !DomainPolicy::checkPair(settings.primaryBaseUrl, backup))
        m_domains.append(backup);
    m_backoff.setSingleShot(true);
    connect(&m_backoff, &QTimer::timeout, this, [this] { sendTo(m_domainIndex); });
}

SignedExchange::~SignedExchange() = default;

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
        handleFailure({NetworkFailure::Kind::Cancelled, QStringLiteral("cancelled while waiting to retry"), false, {}});
        return;
    }
    if (m_attempt)
        m_attempt->cancel();
    // While keys are refreshed the answer is already here: it is judged when they are, and a
    // cancel stops only what would follow it (retries, failover).
}

void SignedExchange::sendTo(int domainIndex)
{
    m_domainIndex = domainIndex;

    // Signed afresh for every attempt: a new timestamp and nonce, the same bytes.
    auto signedRequest = m_signer.sign(m_request.method, m_request.pathAndQuery, m_request.body);
    if (!signedRequest) {
        // A configuration problem, not a network one; nothing leaves this computer.
        m_result.signingError = signedRequest.error().text();
        finish();
        return;
    }
    const QUrl domain = m_domains.at(domainIndex);
    ExchangeAttempt attempt;
    attempt.domain = domain;
    attempt.signingMessage = signedRequest->signingMessage;
    m_result.attempts.append(attempt);

    HttpAttempt::Request request;
    request.baseUrl = domain;
    request.method = m_request.method;
    request.target = m_request.pathAndQuery;
    request.body = m_request.body;
    request.headers = {
        {"Accept", "application/json"}, {"User-Agent", userAgent()}, {"Authorization", signedRequest->authorization}};
    if (!m_request.body.isEmpty())
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    const QString serial = m_validator.keys().preferredSerial();
    if (!serial.isEmpty())
        request.headers.append({QByteArray("Wechatpay-Serial"), serial.toLatin1()});
    HttpAttempt::Settings settings;
    settings.timeoutMs = m_settings.timeoutMs;
    settings.ssl = m_settings.sslConfiguration;
    settings.answerLimits.bodyBytes = m_settings.answerBodyLimit;

    m_attempt = new HttpAttempt(std::move(request), std::move(settings), this);
    connect(m_attempt, &HttpAttempt::requestSent, this, &SignedExchange::requestSent);
    connect(m_attempt, &HttpAttempt::finished, this, &SignedExchange::onAttemptFinished);
    Q_EMIT attemptStarted(domain, int(m_result.attempts.size()));
    m_attempt->start(); // may finish at once (a refused loopback connection)
}

void SignedExchange::onAttemptFinished()
{
    HttpAttempt *attempt = m_attempt;
    m_attempt = nullptr;
    attempt->deleteLater();

    if (attempt->failure()) {
        NetworkFailure failure = *attempt->failure();
        if (m_cancelled && failure.kind != NetworkFailure::Kind::Cancelled)
            failure = {NetworkFailure::Kind::Cancelled, failure.detail, failure.sent, failure.domain};
        handleFailure(failure);
        return;
    }
    HttpAnswer answer;
    answer.status = attempt->status();
    answer.headers = attempt->headers();
    answer.body = attempt->body();
    answer.domain = m_domains.at(m_domainIndex);
    answer.signingMessage = m_result.attempts.last().signingMessage;
    if (ResponseValidator::carriesSignature(answer.headers) || answer.isSuccess())
        answer.verification = m_validator.validate(answer.headers, answer.body);
    ExchangeAttempt &record = m_result.attempts.last();
    record.httpStatus = answer.status;
    record.requestId = answer.requestId();

    // A serial nobody knows may be a platform certificate rotated in since the last download:
    // refresh once, then judge the same answer again.
    if (answer.verification && answer.verification->status() == ResponseVerification::Status::UnknownSerial
        && m_unknownSerialHandler && !m_keysRefreshed) {
        m_keysRefreshed = true;
        // The download may outlive this exchange (its owner gone) or meet a cancel.
        m_unknownSerialHandler([self = QPointer<SignedExchange>(this), answer = std::move(answer)]() mutable {
            if (!self)
                return;
            answer.verification = self->m_validator.validate(answer.headers, answer.body);
            self->handleAnswer(std::move(answer));
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
    // Only WeChat Pay's own signed word on the time counts: anyone can write a Date header. A
    // ClockSkew verdict is signed too (see ResponseValidator), and is the offset that matters most.
    if (answer.isVerified()
        || (answer.verification && answer.verification->status() == ResponseVerification::Status::ClockSkew))
        m_clock.observe(answer.headers);
    if (!m_cancelled && answer.isServerError() && m_serverRetriesLeft > 0) {
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
    if (!m_result.attempts.isEmpty() && !m_result.attempts.last().httpStatus && !m_result.attempts.last().failure)
        m_result.attempts.last().failure = failure;

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
