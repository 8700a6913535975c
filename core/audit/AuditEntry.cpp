#include "audit/AuditEntry.h"

#include "busifavor/BudgetOutcome.h"

namespace budgetdesk {

AuditCompletion AuditCompletion::fromOutcome(const BudgetOutcome &outcome, qint64 durationMs)
{
    using K = BudgetOutcome::Kind;
    AuditCompletion completion;
    completion.durationMs = durationMs;
    completion.requestId = outcome.requestId;
    completion.domain = outcome.domain.toString();
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
    case K::Invalid:
    case K::LookupFailed:
    case K::NotRecorded:
        completion.outcome = QStringLiteral("not_applied");
        break;
    case K::Unknown:
        completion.outcome = QStringLiteral("unknown");
        break;
    }
    if (outcome.error) {
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

QString AuditEntry::effectiveOutcome() const
{
    if (reconciliation)
        return reconciliation->outcome;
    return completion ? completion->outcome : QStringLiteral("pending");
}

bool AuditEntry::isUnresolved() const
{
    const QString outcome = effectiveOutcome();
    return outcome == QLatin1String("pending") || outcome == QLatin1String("unknown");
}

} // namespace budgetdesk
