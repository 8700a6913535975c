#pragma once

#include "auth/ResponseVerification.h"
#include "busifavor/BudgetChange.h"
#include "busifavor/BudgetProblem.h"
#include "busifavor/ReconciliationVerdict.h"
#include "busifavor/StockQueryResult.h"
#include "errors/ApiError.h"
#include "errors/NetworkFailure.h"
#include "errors/SignErrorDiagnosis.h"
#include "http/SignedExchange.h"

#include <QMetaType>

#include <optional>

namespace budgetdesk {

// How a budget change ended — never a guess. A 2xx that fails verification or names another
// value, a timeout after sending, a dropped connection, a 5xx, an unexpected answer, or a
// refusal that may only answer a replay of an earlier attempt is ambiguous, and is reconciled
// by looking the batch up again (ReconciliationVerdict decides).
struct BudgetOutcome
{
    enum class Kind {
        Applied, // verified 2xx naming the target
        Rejected, // a refusal (4xx) of the only attempt that could have acted: `error`
        Invalid, // problems found before sending: `problems`; nothing sent
        LookupFailed, // the lookup for the current value failed: `lookup`; nothing sent
        NotRecorded, // the audit log could not record it, so it was not sent: `reason`
        SigningFailed, // the request could not be signed (a key problem): `reason`; nothing sent
        NetworkFailed, // no domain could be reached; nothing was delivered
        ReconciledApplied, // ambiguous, and a verified lookup shows the target
        ReconciledNotApplied, // ambiguous, a verified lookup shows the starting value, nothing in flight
        Unknown, // ambiguous, and the evidence does not settle it
    };

    enum class Ambiguity {
        None,
        NotVerified, // a 2xx answer whose signature failed: `verification`
        AnswerMismatch, // a verified 2xx that does not name the target (or is not a budget)
        ServerError, // 5xx/202 after retries
        Timeout, // sent, no answer in time
        ConnectionLost, // sent, the connection closed (or the answer was unreadable)
        Cancelled, // cancelled after it may have gone out
        RefusedAfterRetry, // refused, but an earlier attempt of the change may have applied
        UnexpectedAnswer, // an answer no API gives (a redirect)
    };

    Kind kind = Kind::Unknown;
    Ambiguity ambiguity = Ambiguity::None;
    BudgetChange change; // as sent: with its current value and request number

    // Applied: the verified answer (or the reconciling lookup).
    std::optional<qint64> maxCoupons;
    std::optional<qint64> maxCouponsByDay;
    // A 商品券 group change: each batch of the group as the verified answer (or the checking
    // list) showed it.
    QList<StockDetails> bundleStocks;
    QByteArray requestId;
    QUrl domain;
    bool verified = false;
    int httpStatus = 0; // of the last answer, when one came

    std::optional<ApiError> error;
    std::optional<SignErrorDiagnosis> signDiagnosis;
    std::optional<ResponseVerification> verification;
    std::optional<NetworkFailure> failure;
    QList<BudgetProblem> problems;
    BilingualText reason; // NotRecorded, SigningFailed; AnswerMismatch: what the answer said
    std::optional<StockQueryResult> lookup; // the lookup for the current value, if one ran
    std::optional<StockQueryResult> reconciliation; // the lookup after an ambiguous outcome
    std::optional<ReconciliationVerdict> verdict; // what that lookup settled
    std::optional<qint64> observedValue; // what reconciliation found
    std::optional<qint64> clockOffsetSeconds;
    QList<ExchangeAttempt> attempts;

    bool isApplied() const { return kind == Kind::Applied || kind == Kind::ReconciledApplied; }
    bool wasReconciled() const { return reconciliation.has_value(); }
    BilingualText summary() const;
    static QString kindName(Kind kind); // applied, rejected, … for --json and the audit log
    static QString ambiguityName(Ambiguity ambiguity);
};

} // namespace budgetdesk

Q_DECLARE_METATYPE(budgetdesk::BudgetOutcome)
