#include "busifavor/BusifavorClient.h"

#include "busifavor/JsonFields.h"
#include "busifavor/PlatformCertificateDownload.h"
#include "common/Utc.h"
#include "http/SignedExchange.h"
#include "productcoupon/ProductCouponApi.h"

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

StockQuery *BusifavorClient::queryStock(const StockKey &key)
{
    StockKey asked = key;
    if (callsAsBrand())
        asked.brandId.clear(); // the brand is named by the signature, never in the query
    auto *query = new StockQuery(*this, std::move(asked));
    // Started from the event loop so that callers can connect to finished() first.
    QMetaObject::invokeMethod(query, &StockQuery::start, Qt::QueuedConnection);
    return query;
}

StockListQuery *BusifavorClient::listStocks(const QString &productCouponId, const QString &brandId,
                                            const ProductCouponApi::ListFilter &filter)
{
    auto *query = new StockListQuery(*this, productCouponId, callsAsBrand() ? QString() : brandId, filter);
    QMetaObject::invokeMethod(
        query, [query] { query->fetch({}); }, Qt::QueuedConnection);
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

StockQuery::StockQuery(BusifavorClient &client, StockKey key)
    : QObject(&client)
    , m_client(client)
    , m_key(std::move(key))
{ }

void StockQuery::start()
{
    m_exchange = m_client.exchange({"GET", m_key.lookupPath(), {}}, this);
    connect(m_exchange, &SignedExchange::finished, this, [this] {
        Q_EMIT finished(StockQueryResult::fromExchange(m_exchange->result(), m_key));
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
    BudgetChange &change = m_outcome.change;
    if (change.isProductCoupon()) {
        // A brand is named by its signature; a 服务商 must name the brand it acts for.
        if (m_client.callsAsBrand())
            change.brandId.clear();
        else if (change.brandId.isEmpty()) {
            m_outcome.kind = BudgetOutcome::Kind::Invalid;
            m_outcome.problems.append(BudgetProblem::Code::BrandIdMissing);
            finish();
            return;
        }
    }
    // A given current value skips the 商家券 lookup. A 商品券 batch is looked up all the same
    // (the given value is kept): only the lookup shows that it belongs to a group, which its
    // single-batch call refuses.
    if (change.current && !change.isProductCoupon()) {
        send(std::nullopt);
        return;
    }
    if (change.current && change.isBundleChange()) {
        validateAndSend(validateBundleChange(change, {}));
        return;
    }
    // The safe default: the value to replace comes from a fresh, verified lookup — for a group,
    // of every batch in it.
    Q_EMIT stageChanged(Stage::LookingUp);
    if (change.isBundleChange()) {
        m_listQuery = m_client.listStocks(change.productCouponId, change.brandId, {{}, change.bundleId});
        connect(m_listQuery, &StockListQuery::finished, this, &BudgetModification::bundleLookupFinished);
        return;
    }
    m_query = m_client.queryStock(change.key());
    connect(m_query, &StockQuery::finished, this, &BudgetModification::lookupFinished);
}

void BudgetModification::bundleLookupFinished(const StockListResult &result)
{
    m_outcome.lookup = result.status;
    if (!result.isComplete() || m_cancels > 0) {
        m_outcome.kind = BudgetOutcome::Kind::LookupFailed;
        finish();
        return;
    }
    if (result.stocks.isEmpty()) { // a verified answer: the group has no batch of this caller's
        m_outcome.lookup->kind = StockQueryResult::Kind::Unusable;
        m_outcome.lookup->problem = {QStringLiteral("批次组 %1 中没有批次。").arg(m_outcome.change.bundleId),
                                     QStringLiteral("Group %1 has no batches.").arg(m_outcome.change.bundleId)};
        m_outcome.kind = BudgetOutcome::Kind::LookupFailed;
        finish();
        return;
    }
    // The group changes as one: its first batch's value is the one to replace, and any batch
    // holding another makes the change refused before it is sent.
    const StockDetails &first = result.stocks.first();
    m_outcome.change.current = m_outcome.change.dimension == BudgetDimension::Total
        ? std::optional<qint64>(first.maxCoupons)
        : first.maxCouponsByDay;
    m_outcome.bundleStocks = result.stocks;
    QList<BudgetProblem> problems = validateBundleChange(m_outcome.change, result.stocks);
    if (!m_outcome.change.current && !hasBlockingProblem(problems))
        problems.append(BudgetProblem::Code::NoDailyCap);
    validateAndSend(std::move(problems));
}

void BudgetModification::cancel()
{
    ++m_cancels;
    if (m_query)
        m_query->cancel();
    if (m_listQuery)
        m_listQuery->cancel();
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
    // A given value (商品券) stays: the lookup only validated. None for a per-day change means the
    // batch has no daily cap, which validation reports.
    if (!m_outcome.change.current)
        m_outcome.change.current = m_outcome.change.dimension == BudgetDimension::Total
            ? std::optional<qint64>(stock.maxCoupons)
            : stock.maxCouponsByDay;
    send(stock);
}

void BudgetModification::send(const std::optional<StockDetails> &stock)
{
    QList<BudgetProblem> problems
        = validateBudgetChange(m_outcome.change, stock, m_client.now(), m_client.m_signer.credentials().mchid);
    if (!m_outcome.change.current && !hasBlockingProblem(problems))
        problems.append(BudgetProblem::Code::NoDailyCap);
    validateAndSend(std::move(problems));
}

void BudgetModification::validateAndSend(QList<BudgetProblem> problems)
{
    m_outcome.problems = std::move(problems);
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
    const BudgetChange &change = m_outcome.change;
    m_exchange = m_client.exchange({change.method(), change.path(), change.body()}, this);
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
    auto named = namedValue(answer);
    if (!named) {
        m_outcome.reason = named.error();
        reconcile(A::AnswerMismatch);
        return;
    }
    const BudgetChange &change = m_outcome.change;
    if (*named != change.target) {
        const QString field = change.field();
        const QString said = *named ? QString::number(**named) : QStringLiteral("—");
        m_outcome.reason = {
            QStringLiteral("已验签的应答说 %1 = %2，不是目标值 %3。").arg(field, said).arg(change.target),
            QStringLiteral("The verified answer says %1 = %2, not the target %3.").arg(field, said).arg(change.target)};
        reconcile(A::AnswerMismatch);
        return;
    }
    m_outcome.kind = BudgetOutcome::Kind::Applied;
    m_outcome.verified = true;
    finish();
}

// 商家券 answers `{max_coupons, max_coupons_by_day}`; 商品券 the whole batch, or for a group
// every batch of it — each of which must name the same value. Fills the outcome's values.
Result<std::optional<qint64>, BilingualText> BudgetModification::namedValue(const HttpAnswer &answer)
{
    const BudgetChange &change = m_outcome.change;
    const bool total = change.dimension == BudgetDimension::Total;
    if (change.isBundleChange()) {
        auto stocks = ProductCouponApi::bundleFromJson(answer.body, change.productCouponId, change.bundleId);
        if (!stocks)
            return stocks.error();
        for (const StockDetails &stock : *stocks) {
            const std::optional<qint64> value = total ? std::optional<qint64>(stock.maxCoupons) : stock.maxCouponsByDay;
            if (value != change.target)
                return value; // the first batch that does not show the target
        }
        m_outcome.bundleStocks = *stocks;
        for (StockDetails &stock : m_outcome.bundleStocks) { // as a verified look at each batch
            stock.requestId = answer.requestId();
            stock.domain = answer.domain;
            stock.lookedUpAt = QDateTime::currentDateTime();
        }
        m_outcome.maxCoupons = stocks->first().maxCoupons;
        m_outcome.maxCouponsByDay = stocks->first().maxCouponsByDay;
        return std::optional<qint64>(change.target);
    }
    if (change.isProductCoupon()) {
        auto stock = ProductCouponApi::stockFromJson(answer.body, change.key());
        if (!stock)
            return stock.error();
        m_outcome.maxCoupons = stock->maxCoupons;
        m_outcome.maxCouponsByDay = stock->maxCouponsByDay;
        return total ? std::optional<qint64>(stock->maxCoupons) : stock->maxCouponsByDay;
    }
    const QJsonDocument document = QJsonDocument::fromJson(answer.body);
    if (!document.isObject())
        return JsonFields::notAnObject();
    const JsonFields json(document.object());
    auto maxCoupons = json.requiredInteger("max_coupons", 0, BudgetProblem::MaximumCount);
    if (!maxCoupons)
        return maxCoupons.error();
    auto maxByDay = json.optionalInteger("max_coupons_by_day", 0, BudgetProblem::MaximumCount);
    if (!maxByDay)
        return maxByDay.error();
    m_outcome.maxCoupons = *maxCoupons;
    m_outcome.maxCouponsByDay = *maxByDay;
    return total ? std::optional<qint64>(*maxCoupons) : *maxByDay;
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
    const BudgetChange &change = m_outcome.change;
    if (change.isBundleChange()) {
        m_listQuery = m_client.listStocks(change.productCouponId, change.brandId, {{}, change.bundleId});
        connect(m_listQuery, &StockListQuery::finished, this, &BudgetModification::bundleReconciliationFinished);
        return;
    }
    m_query = m_client.queryStock(change.key());
    connect(m_query, &StockQuery::finished, this, &BudgetModification::reconciliationFinished);
}

// A group change is applied only when every batch shows the target, and not applied only when
// every batch still shows the starting value; any mix is unknown (WeChat Pay's page does not
// say the group changes atomically).
void BudgetModification::bundleReconciliationFinished(const StockListResult &result)
{
    const BudgetChange &change = m_outcome.change;
    m_outcome.reconciliation = result.status;
    std::optional<ReconciliationVerdict> combined;
    if (result.isComplete() && !result.stocks.isEmpty()) {
        for (const StockDetails &stock : result.stocks) {
            StockQueryResult one = result.status;
            one.stock = stock;
            const ReconciliationVerdict verdict = ReconciliationVerdict::judge(
                change.dimension, change.current, change.target, one, m_mayStillBeInFlight);
            if (!combined || verdict.verdict == ReconciliationVerdict::Verdict::Unknown)
                combined = verdict;
            else if (verdict.verdict != combined->verdict)
                combined = ReconciliationVerdict{ReconciliationVerdict::Verdict::Unknown,
                                                 ReconciliationVerdict::Reason::ThirdValue, verdict.observed};
            if (combined->verdict == ReconciliationVerdict::Verdict::Unknown)
                break;
        }
        m_outcome.bundleStocks = result.stocks;
    }
    settle(combined.value_or(ReconciliationVerdict{}), result.stocks.value(0));
}

void BudgetModification::reconciliationFinished(const StockQueryResult &result)
{
    m_outcome.reconciliation = result;
    const BudgetChange &change = m_outcome.change;
    settle(ReconciliationVerdict::judge(change.dimension, change.current, change.target, result, m_mayStillBeInFlight),
           result.stock.value_or(StockDetails{}));
}

void BudgetModification::settle(const ReconciliationVerdict &verdict, const StockDetails &seen)
{
    m_outcome.verdict = verdict;
    m_outcome.observedValue = verdict.observed;
    switch (verdict.verdict) {
    case ReconciliationVerdict::Verdict::Applied:
        m_outcome.kind = BudgetOutcome::Kind::ReconciledApplied;
        m_outcome.maxCoupons = seen.maxCoupons;
        m_outcome.maxCouponsByDay = seen.maxCouponsByDay;
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
