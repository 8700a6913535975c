#include "audit/AuditEntry.h"

#include "busifavor/BudgetOutcome.h"
#include "http/DomainPolicy.h"

#include <QJsonArray>

namespace budgetdesk {

QList<AuditAttempt> AuditAttempt::fromExchange(const QList<ExchangeAttempt> &attempts)
{
    QList<AuditAttempt> list;
    for (const ExchangeAttempt &exchange : attempts) {
        // The signed message is METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n.
        const QList<QByteArray> lines = exchange.signingMessage.split('\n');
        AuditAttempt attempt;
        attempt.domain = DomainPolicy::displayed(exchange.domain);
        attempt.timestamp = QString::fromLatin1(lines.value(2));
        attempt.nonce = QString::fromLatin1(lines.value(3));
        attempt.httpStatus = exchange.httpStatus;
        attempt.requestId = exchange.requestId;
        attempt.sent = exchange.httpStatus != 0;
        if (exchange.failure) {
            attempt.error = exchange.failure->name();
            attempt.detail = exchange.failure->detail;
            attempt.sent = exchange.failure->sent;
        }
        list.append(attempt);
    }
    return list;
}

QString AuditAttempt::summary() const
{
    return domain + u' ' + (httpStatus ? QString::number(httpStatus) : error);
}

QJsonObject AuditAttempt::toJson() const
{
    QJsonObject json{{QStringLiteral("domain"), domain},
                     {QStringLiteral("timestamp"), timestamp},
                     {QStringLiteral("nonce"), nonce},
                     {QStringLiteral("sent"), sent}};
    if (httpStatus) {
        json.insert(QStringLiteral("http_status"), httpStatus);
        json.insert(QStringLiteral("request_id"), QString::fromLatin1(requestId));
    } else {
        json.insert(QStringLiteral("error"), error);
        json.insert(QStringLiteral("detail"), detail);
    }
    return json;
}

AuditAttempt AuditAttempt::fromJson(const QJsonObject &json)
{
    AuditAttempt attempt;
    attempt.domain = json.value(QStringLiteral("domain")).toString();
    attempt.timestamp = json.value(QStringLiteral("timestamp")).toString();
    attempt.nonce = json.value(QStringLiteral("nonce")).toString();
    attempt.sent = json.value(QStringLiteral("sent")).toBool();
    attempt.httpStatus = json.value(QStringLiteral("http_status")).toInt();
    attempt.requestId = json.value(QStringLiteral("request_id")).toString().toLatin1();
    attempt.error = json.value(QStringLiteral("error")).toString();
    attempt.detail = json.value(QStringLiteral("detail")).toString();
    return attempt;
}

BudgetChange AuditChange::budgetChange() const
{
    BudgetChange change;
    change.stockId = stockId;
    change.dimension = dimension;
    change.target = target;
    change.current = current;
    change.requestNumber = requestNumber;
    change.family = family;
    change.productCouponId = productCouponId;
    change.bundleId = bundleId;
    // A brand signing itself names no brand in the request (the client leaves it out anyway).
    change.brandId = identity == CallerIdentity::Brand ? QString() : brandId;
    return change;
}

QString AuditChange::mode() const
{
    if (family == CouponFamily::ProductCoupon)
        return dimension == BudgetDimension::Total ? QStringLiteral("MAX_COUNT") : QStringLiteral("MAX_COUNT_PER_DAY");
    return BudgetChange::dimensionField(dimension);
}

AuditCompletion AuditCompletion::fromOutcome(const BudgetOutcome &outcome, qint64 durationMs)
{
    using K = BudgetOutcome::Kind;
    AuditCompletion completion;
    completion.durationMs = durationMs;
    completion.requestId = outcome.requestId;
    completion.domain = DomainPolicy::displayed(outcome.domain);
    completion.attempts = AuditAttempt::fromExchange(outcome.attempts);
    completion.verified = outcome.verified;
    completion.observed = outcome.observedValue;
    completion.reconciled = outcome.wasReconciled();
    switch (outcome.kind) {
    case K::Applied:
    case K::ReconciledApplied:
        completion.outcome = QStringLiteral("applied");
        completion.verified = true; // by the answer, or by the verified lookup that reconciled it
        break;
    case K::Rejected:
        completion.outcome = QStringLiteral("rejected");
        break;
    case K::ReconciledNotApplied:
    case K::NetworkFailed: // nothing could have been delivered
    case K::SigningFailed: // nothing was sent
    case K::Invalid:
    case K::LookupFailed:
    case K::NotRecorded:
        completion.outcome = QStringLiteral("not_applied");
        break;
    case K::Unknown:
        completion.outcome = QStringLiteral("unknown");
        break;
    }
    if (outcome.kind == K::SigningFailed) {
        completion.code = QStringLiteral("signing_failed");
        completion.message = outcome.reason.en;
    } else if (outcome.error) {
        completion.httpStatus = outcome.error->httpStatus;
        completion.code = outcome.error->code;
        completion.message = outcome.error->message;
        if (completion.requestId.isEmpty())
            completion.requestId = outcome.error->requestId;
    } else if (outcome.failure) {
        completion.code = NetworkFailure::kindName(outcome.failure->kind);
        completion.message = outcome.failure->detail;
    } else if (outcome.verification && !outcome.verification->isVerified()) {
        completion.message = outcome.verification->text().en;
    }
    return completion;
}

QJsonObject AuditCompletion::toJson() const
{
    QJsonObject json{{QStringLiteral("outcome"), outcome},
                     {QStringLiteral("http_status"), httpStatus},
                     {QStringLiteral("code"), code},
                     {QStringLiteral("message"), message},
                     {QStringLiteral("request_id"), QString::fromLatin1(requestId)},
                     {QStringLiteral("verified"), verified},
                     {QStringLiteral("domain"), domain},
                     {QStringLiteral("duration_ms"), durationMs},
                     {QStringLiteral("reconciled"), reconciled}};
    if (observed)
        json.insert(QStringLiteral("observed"), *observed);
    QJsonArray list;
    for (const AuditAttempt &attempt : attempts)
        list.append(attempt.toJson());
    json.insert(QStringLiteral("attempts"), list);
    return json;
}

AuditCompletion AuditCompletion::fromJson(const QJsonObject &json)
{
    AuditCompletion completion;
    completion.outcome = json.value(QStringLiteral("outcome")).toString();
    completion.httpStatus = json.value(QStringLiteral("http_status")).toInt();
    completion.code = json.value(QStringLiteral("code")).toString();
    completion.message = json.value(QStringLiteral("message")).toString();
    completion.requestId = json.value(QStringLiteral("request_id")).toString().toLatin1();
    completion.verified = json.value(QStringLiteral("verified")).toBool();
    completion.domain = json.value(QStringLiteral("domain")).toString();
    completion.durationMs = json.value(QStringLiteral("duration_ms")).toInteger();
    completion.reconciled = json.value(QStringLiteral("reconciled")).toBool();
    if (json.contains(QStringLiteral("observed")))
        completion.observed = json.value(QStringLiteral("observed")).toInteger();
    for (const QJsonValue attempt : json.value(QStringLiteral("attempts")).toArray())
        completion.attempts.append(AuditAttempt::fromJson(attempt.toObject()));
    return completion;
}

QString AuditEntry::effectiveOutcome() const
{
    const QString applied = QStringLiteral("applied");
    if (completion && completion->outcome == applied)
        return applied;
    if (reconciliation)
        return reconciliation->outcome;
    return completion ? completion->outcome : QStringLiteral("pending");
}

QDateTime AuditEntry::lastSent() const
{
    // 核对 re-sends an old entry's change and adds its attempts to it: the latest signed
    // attempt, not the entry's creation, says how recently something may have left.
    QDateTime latest = time;
    for (const AuditAttempt &attempt : attempts) {
        bool ok = false;
        const qint64 seconds = attempt.timestamp.toLongLong(&ok);
        if (ok && seconds > 0) {
            const QDateTime signedAt = QDateTime::fromSecsSinceEpoch(seconds);
            if (signedAt > latest)
                latest = signedAt;
        }
    }
    return latest;
}

bool AuditEntry::mayStillBeInFlight(const QDateTime &now) const
{
    return isUnresolved() && lastSent().secsTo(now) < InFlightWindowSeconds;
}

bool AuditEntry::isUnresolved() const
{
    const QString outcome = effectiveOutcome();
    return outcome == QLatin1String("pending") || outcome == QLatin1String("unknown");
}

} // namespace budgetdesk
