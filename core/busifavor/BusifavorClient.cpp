#include "busifavor/BusifavorClient.h"

#include "busifavor/JsonFields.h"
#include "busifavor/PlatformCertificateDownload.h"
#include "common/Utc.h"
#include "http/SignedExchange.h"

#include <QJsonDocument>

namespace budgetdesk {

BusifavorClient::BusifavorClient(MerchantCredentials credentials, VerificationKeys keys, ClientSettings settings,
                                 std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_signer(std::move(credentials), clock)
    , m_validator(std::move(keys), clock)
    , m_settings(std::move(settings))
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
    , m_clockOffset(m_clock)
{ }

BusifavorClient::~BusifavorClient() = default;

QDateTime BusifavorClient::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_clock->nowMilliseconds(), utc());
}

SignedExchange *BusifavorClient::exchange(SignedExchange::Request request, QObject *owner)
{
    auto *exchange = new SignedExchange(m_signer, m_validator, m_settings, m_clockOffset, std::move(request), owner);
    exchange->setUnknownSerialHandler(m_unknownSerialHandler);
    return exchange;
}

StockQuery *BusifavorClient::queryStock(const QString &stockId)
{
    auto *query = new StockQuery(*this, stockId);
    // Started from the event loop so that callers can connect to finished() first.
    QMetaObject::invokeMethod(query, &StockQuery::start, Qt::QueuedConnection);
    return query;
}

PlatformCertificateDownload *BusifavorClient::downloadPlatformCertificates(const QByteArray &apiV3Key)
{
    auto *download = new PlatformCertificateDownload(*this, apiV3Key);
    QMetaObject::invokeMethod(download, &PlatformCertificateDownload::start, Qt::QueuedConnection);
    return download;
}

BudgetModification *BusifavorClient::modifyBudget(BudgetChange change, BeforeSend beforeSend)
{
    auto *modification = new BudgetModification(*this, std::move(change), std::move(beforeSend));
    QMetaObject::invokeMethod(modification, &BudgetModification::start, Qt::QueuedConnection);
    return modification;
}

// ---- StockQuery

StockQuery::StockQuery(BusifavorClient &client, const QString &stockId)
    : QObject(&client)
    , m_client(client)
    , m_stockId(stockId)
{ }

void StockQuery::start()
{
    m_exchange = m_client.exchange({"GET", BudgetChange::stockPath(m_stockId), {}}, this);
    connect(m_exchange, &SignedExchange::finished, this, [this] {
        Q_EMIT finished(StockQueryResult::fromExchange(m_exchange->result(), m_stockId));
        deleteLater();
    });
    m_exchange->start();
}

void StockQuery::cancel()
{
    if (m_exchange)
        m_exchange->cancel();
}

// ---- BudgetModification

BudgetModification::BudgetModification(BusifavorClient &client, BudgetChange change, BeforeSend beforeSend)
    : QObject(&client)
    , m_client(client)
    , m_beforeSend(std::move(beforeSend))
{
    m_outcome.change = std::move(change);
}

void BudgetModification::start()
{
    if (m_cancels > 0) { // cancelled before anything happened: nothing goes out
        m_outcome.kind = BudgetOutcome::Kind::Invalid;
        m_outcome.problems.append(BudgetProblem::Code::Cancelled);
        finish();
        return;
    }
    if (m_outcome.change.current) {
        send(std::nullopt);
        return;
    }
    // The safe default: the value to replace comes from a fresh, verified lookup.
    Q_EMIT stageChanged(Stage::LookingUp);
    m_query = m_client.queryStock(m_outcome.change.stockId);
    connect(m_query, &StockQuery::finished, this, &BudgetModification::lookupFinished);
}

void BudgetModification::cancel()
{
    ++m_cancels;
    if (m_query)
        m_query->cancel();
    if (m_exchange)
        m_exchange->cancel();
}

void BudgetModification::lookupFinished(const StockQueryResult &result)
{
    m_outcome.lookup = result;
    if (!result.isVerified() || m_cancels > 0) {
        m_outcome.kind = BudgetOutcome::Kind::LookupFailed;
        finish();
        return;
    }
    const StockDetails &stock = *result.stock;
    if (m_outcome.change.dimension == BudgetDimension::Total)
        m_outcome.change.current = stock.maxCoupons;
    else
        m_outcome.change.current = stock.maxCouponsByDay; // none: validation says the batch has no daily cap
    send(stock);
}

void BudgetModification::send(const std::optional<StockDetails> &stock)
{
    m_outcome.problems
        = validateBudgetChange(m_outcome.change, stock, m_client.now(), m_client.m_signer.credentials().mchid);
    if (!m_outcome.change.current && !hasBlockingProblem(m_outcome.problems))
        m_outcome.problems.append(BudgetProblem::Code::NoDailyCap);
    if (hasBlockingProblem(m_outcome.problems)) {
        m_outcome.kind = BudgetOutcome::Kind::Invalid;
        finish();
        return;
    }
    if (m_cancels > 0) {
        m_outcome.kind = BudgetOutcome::Kind::Invalid;
        m_outcome.problems.append(BudgetProblem::Code::Cancelled);
        finish();
        return;
    }
    if (m_beforeSend) {
        if (std::optional<BilingualText> refusal = m_beforeSend(m_outcome.change)) {
            m_outcome.kind = BudgetOutcome::Kind::NotRecorded;
            m_outcome.reason = *refusal;
            finish();
            return;
        }
    }
    Q_EMIT stageChanged(Stage::Sending);
    m_exchange = m_client.exchange({"PATCH", m_outcome.change.path(), m_outcome.change.body()}, this);
    connect(m_exchange, &SignedExchange::requestSent, this, &BudgetModification::requestSent);
    connect(m_exchange, &SignedExchange::finished, this, &BudgetModification::patchFinished);
    m_exchange->start();
}

void BudgetModification::patchFinished()
{
    using A = BudgetOutcome::Ambiguity;
    const ExchangeResult &result = m_exchange->result();
    m_outcome.attempts = result.attempts;
    m_mayStillBeInFlight = m_earlierAttemptsMayStillBeInFlight || result.anyAttemptMayStillBeInFlight();
    const bool earlierMayHaveApplied = m_earlierAttemptsMayHaveApplied || result.earlierAttemptMayHaveApplied();

    if (result.signingError) {
        m_outcome.reason = *result.signingError;
        if (result.mayHaveBeenDelivered()) { // a retry could not be signed after a 5xx
            reconcile(A::ServerError);
            return;
        }
        m_outcome.kind = BudgetOutcome::Kind::SigningFailed;
        finish();
        return;
    }
    if (result.failure) {
        m_outcome.failure = result.failure;
        if (!result.mayHaveBeenDelivered() && !m_earlierAttemptsMayHaveApplied) {
            m_outcome.kind = BudgetOutcome::Kind::NetworkFailed;
            finish();
            return;
        }
        using K = NetworkFailure::Kind;
        const K kind = result.failure->kind;
        reconcile(kind == K::Cancelled                 ? A::Cancelled
                      : kind == K::TimeoutAfterSending ? A::Timeout
                      : result.answer                  ? A::ServerError
                                                       : A::ConnectionLost);
        return;
    }

    const HttpAnswer &answer = *result.answer;
    m_outcome.requestId = answer.requestId();
    m_outcome.domain = answer.domain;
    m_outcome.httpStatus = answer.status;
    m_outcome.verification = answer.verification;
    if (answer.isSuccess() && answer.status != 202) {
        judgeSuccess(answer);
        return;
    }
    if (answer.status >= 400 || answer.status == 202) {
        m_outcome.error = ApiError::fromAnswer(answer.status, answer.headers, answer.body, answer.verification);
        if (answer.isServerError()) {
            reconcile(A::ServerError);
            return;
        }
        // `403 RULE_LIMIT 批次库存的当前值错误` is exactly what the replay of an applied change
        // gets: after an attempt that may have applied, a refusal proves nothing.
        if (earlierMayHaveApplied) {
            reconcile(A::RefusedAfterRetry);
            return;
        }
        m_outcome.kind = BudgetOutcome::Kind::Rejected;
        if (m_outcome.error->isSignError())
            m_outcome.signDiagnosis = SignErrorDiagnosis::compare(
                answer.signingMessage, m_outcome.error->serverSigningMessage(), m_client.clockOffset().offsetSeconds());
        finish();
        return;
    }
    // A redirect (or anything else no API answers): not WeChat Pay's word on the change.
    m_outcome.reason = {QStringLiteral("收到意外的 HTTP %1 应答。").arg(answer.status),
                        QStringLiteral("An unexpected HTTP %1 answer.").arg(answer.status)};
    reconcile(A::UnexpectedAnswer);
}

// A 2xx is "applied" only when it is verified and names the target; anything else leaves the
// outcome open.
void BudgetModification::judgeSuccess(const HttpAnswer &answer)
{
    using A = BudgetOutcome::Ambiguity;
    if (!answer.isVerified()) {
        reconcile(A::NotVerified);
        return;
    }
    const QJsonDocument document = QJsonDocument::fromJson(answer.body);
    const JsonFields json(document.object());
    auto maxCoupons = json.requiredInteger("max_coupons", 0, BudgetProblem::MaximumCount);
    auto maxByDay = json.optionalInteger("max_coupons_by_day", 0, BudgetProblem::MaximumCount);
    if (!document.isObject() || !maxCoupons || !maxByDay) {
        m_outcome.reason = !document.isObject() ? JsonFields::notAnObject()
            : !maxCoupons                       ? maxCoupons.error()
                                                : maxByDay.error();
        reconcile(A::AnswerMismatch);
        return;
    }
    const BudgetChange &change = m_outcome.change;
    const std::optional<qint64> named
        = change.dimension == BudgetDimension::Total ? std::optional<qint64>(*maxCoupons) : *maxByDay;
    if (named != change.target) {
        const QString field = BudgetChange::dimensionField(change.dimension);
        const QString said = named ? QString::number(*named) : QStringLiteral("—");
        m_outcome.reason = {
            QStringLiteral("已验签的应答说 %1 = %2，不是目标值 %3。").arg(field, said).arg(change.target),
            QStringLiteral("The verified answer says %1 = %2, not the target %3.").arg(field, said).arg(change.target)};
        reconcile(A::AnswerMismatch);
        return;
    }
    m_outcome.kind = BudgetOutcome::Kind::Applied;
    m_outcome.verified = true;
    m_outcome.maxCoupons = *maxCoupons;
    m_outcome.maxCouponsByDay = *maxByDay;
    finish();
}

void BudgetModification::reconcile(BudgetOutcome::Ambiguity ambiguity)
{
    m_outcome.ambiguity = ambiguity;
    if (m_cancels > 1) { // cancelled again: no checking lookup
        m_outcome.kind = BudgetOutcome::Kind::Unknown;
        finish();
        return;
    }
    Q_EMIT stageChanged(Stage::Reconciling);
    m_query = m_client.queryStock(m_outcome.change.stockId);
    connect(m_query, &StockQuery::finished, this, &BudgetModification::reconciliationFinished);
}

void BudgetModification::reconciliationFinished(const StockQueryResult &result)
{
    m_outcome.reconciliation = result;
    const BudgetChange &change = m_outcome.change;
    const ReconciliationVerdict verdict
        = ReconciliationVerdict::judge(change.dimension, change.current, change.target, result, m_mayStillBeInFlight);
    m_outcome.verdict = verdict;
    m_outcome.observedValue = verdict.observed;
    switch (verdict.verdict) {
    case ReconciliationVerdict::Verdict::Applied:
        m_outcome.kind = BudgetOutcome::Kind::ReconciledApplied;
        m_outcome.maxCoupons = result.stock->maxCoupons;
        m_outcome.maxCouponsByDay = result.stock->maxCouponsByDay;
        break;
    case ReconciliationVerdict::Verdict::NotApplied:
        m_outcome.kind = BudgetOutcome::Kind::ReconciledNotApplied;
        break;
    case ReconciliationVerdict::Verdict::Unknown:
        m_outcome.kind = BudgetOutcome::Kind::Unknown;
        break;
    }
    finish();
}

void BudgetModification::finish()
{
    m_outcome.clockOffsetSeconds = m_client.clockOffset().offsetSeconds();
    Q_EMIT finished(m_outcome);
    deleteLater();
}

} // namespace budgetdesk
