#pragma once

#include "auth/ResponseVerification.h"
#include "busifavor/BudgetChange.h"
#include "busifavor/BudgetProblem.h"
#include "busifavor/StockQueryResult.h"
#include "errors/ApiError.h"
#include "errors/NetworkFailure.h"
#include "errors/SignErrorDiagnosis.h"
#include "http/SignedExchange.h"

#include <QMetaType>

#include <optional>

namespace budgetdesk {

// How a budget change ended — never a guess. A 2xx that fails verification, a timeout after
// sending, a dropped connection or a 5xx is ambiguous, and is reconciled by looking the
// batch up again.
struct BudgetOutcome
{
    enum class Kind {
        Applied, // 2xx, verified
        Rejected, // a non-2xx answer: `error`
        Invalid, // problems found before sending: `problems`; nothing sent
        LookupFailed, // the lookup for the current value failed: `lookup`; nothing sent
        NotRecorded, // the audit log could not record it, so it was not sent: `notRecordedReason`
        NetworkFailed, // no domain could be reached; nothing was delivered
        ReconciledApplied, // ambiguous, and the batch now holds the target
        ReconciledNotApplied, // ambiguous, and the batch does not hold the target
        Unknown, // ambiguous, and the lookup could not settle it
    };

    enum class Ambiguity {
        None,
        NotVerified, // a 2xx answer whose signature failed: `verification`
        ServerError, // 5xx/202 after retries
        Timeout, // sent, no answer in time
        ConnectionLost, // sent, the connection closed
        Cancelled, // cancelled after it may have gone out
    };

    Kind kind = Kind::Unknown;
    Ambiguity ambiguity = Ambiguity::None;
    BudgetChange change; // as sent: with its current value and request number

    // Applied: the verified answer.
    std::optional<qint64> maxCoupons;
    std::optional<qint64> maxCouponsByDay;
    QByteArray requestId;
    QUrl domain;
    bool verified = false;

    std::optional<ApiError> error;
    std::optional<SignErrorDiagnosis> signDiagnosis;
    std::optional<ResponseVerification> verification;
    std::optional<NetworkFailure> failure;
    QList<BudgetProblem> problems;
    BilingualText notRecordedReason;
    std::optional<StockQueryResult> lookup; // the lookup for the current value, if one ran
    std::optional<StockQueryResult> reconciliation; // the lookup after an ambiguous outcome
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
