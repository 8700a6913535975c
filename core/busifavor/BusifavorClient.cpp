#include "busifavor/BusifavorClient.h"

#include "busifavor/PlatformCertificateDownload.h"
#include "http/SignedExchange.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

namespace budgetdesk {

BusifavorClient::BusifavorClient(MerchantCredentials credentials, VerificationKeys keys, ClientSettings settings,
                                 QNetworkAccessManager *network, std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_signer(std::move(credentials), clock)
    , m_validator(std::move(keys), clock)
    , m_settings(std::move(settings))
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
    , m_ownNetwork(network ? nullptr : std::make_unique<QNetworkAccessManager>())
    , m_network(network ? network : m_ownNetwork.get())
{ }

BusifavorClient::~BusifavorClient() = default;

void BusifavorClient::closeConnections()
{
    m_network->clearConnectionCache();
}

QDateTime BusifavorClient::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_clock->nowMilliseconds(), Qt::UTC);
}

SignedExchange *BusifavorClient::exchange(SignedExchange::Request request, QObject *owner)
{
    auto *exchange
        = new SignedExchange(*m_network, m_signer, m_validator, m_settings, m_clockOffset, std::move(request), owner);
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
        Q_EMIT finished(StockQueryResult::fromExchange(m_exchange->result()));
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
    m_outcome.change.current
        = m_outcome.change.dimension == BudgetDimension::Total ? stock.maxCoupons : stock.maxCouponsByDay.value_or(0);
    send(stock);
}

void BudgetModification::send(const std::optional<StockDetails> &stock)
{
    m_outcome.problems
        = validateBudgetChange(m_outcome.change, stock, m_client.now(), m_client.m_signer.credentials().mchid);
    if (hasBlockingProblem(m_outcome.problems)) {
        m_outcome.kind = BudgetOutcome::Kind::Invalid;
        finish();
        return;
    }
    if (m_beforeSend) {
        if (std::optional<BilingualText> refusal = m_beforeSend(m_outcome.change)) {
            m_outcome.kind = BudgetOutcome::Kind::NotRecorded;
            m_outcome.notRecordedReason = *refusal;
            finish();
            return;
        }
    }
    Q_EMIT stageChanged(Stage::Sending);
    m_exchange = m_client.exchange({"PATCH", m_outcome.change.path(), m_outcome.change.body()}, this);
    connect(m_exchange, &SignedExchange::finished, this, &BudgetModification::patchFinished);
    m_exchange->start();
}

void BudgetModification::patchFinished()
{
    const ExchangeResult &result = m_exchange->result();
    m_outcome.attempts = result.attempts;
    m_outcome.clockOffsetSeconds = m_client.clockOffset().offsetSeconds();

    if (result.failure) {
        m_outcome.failure = result.failure;
        if (!result.mayHaveBeenDelivered) {
            m_outcome.kind = BudgetOutcome::Kind::NetworkFailed;
            finish();
            return;
        }
        using K = NetworkFailure::Kind;
        const K kind = result.failure->kind;
        reconcile(kind == K::Cancelled                 ? BudgetOutcome::Ambiguity::Cancelled
                      : kind == K::TimeoutAfterSending ? BudgetOutcome::Ambiguity::Timeout
                      : result.answer                  ? BudgetOutcome::Ambiguity::ServerError
                                                       : BudgetOutcome::Ambiguity::ConnectionLost);
        return;
    }

    const HttpAnswer &answer = *result.answer;
    m_outcome.requestId = answer.requestId();
    m_outcome.domain = answer.domain;
    if (answer.isSuccess() && answer.status != 202) {
        m_outcome.verification = answer.verification;
        const QJsonObject json = QJsonDocument::fromJson(answer.body).object();
        if (!answer.isVerified() || !json.value(QStringLiteral("max_coupons")).isDouble()) {
            reconcile(BudgetOutcome::Ambiguity::NotVerified);
            return;
        }
        m_outcome.kind = BudgetOutcome::Kind::Applied;
        m_outcome.verified = true;
        m_outcome.maxCoupons = json.value(QStringLiteral("max_coupons")).toInteger();
        if (json.value(QStringLiteral("max_coupons_by_day")).isDouble())
            m_outcome.maxCouponsByDay = json.value(QStringLiteral("max_coupons_by_day")).toInteger();
        finish();
        return;
    }
    if (answer.status >= 500 || answer.status == 202) {
        m_outcome.error = ApiError::fromAnswer(answer.status, answer.headers, answer.body);
        reconcile(BudgetOutcome::Ambiguity::ServerError);
        return;
    }
    m_outcome.kind = BudgetOutcome::Kind::Rejected;
    m_outcome.error = ApiError::fromAnswer(answer.status, answer.headers, answer.body);
    if (m_outcome.error->isSignError())
        m_outcome.signDiagnosis = SignErrorDiagnosis::compare(
            answer.signingMessage, m_outcome.error->serverSigningMessage(), m_outcome.clockOffsetSeconds);
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
    if (!result.isVerified()) {
        m_outcome.kind = BudgetOutcome::Kind::Unknown;
        finish();
        return;
    }
    const StockDetails &stock = *result.stock;
    const qint64 observed
        = m_outcome.change.dimension == BudgetDimension::Total ? stock.maxCoupons : stock.maxCouponsByDay.value_or(0);
    m_outcome.observedValue = observed;
    m_outcome.kind = observed == m_outcome.change.target ? BudgetOutcome::Kind::ReconciledApplied
                                                         : BudgetOutcome::Kind::ReconciledNotApplied;
    if (m_outcome.kind == BudgetOutcome::Kind::ReconciledApplied) {
        m_outcome.maxCoupons = stock.maxCoupons;
        m_outcome.maxCouponsByDay = stock.maxCouponsByDay;
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
