#pragma once

#include "busifavor/BudgetChange.h"
#include "busifavor/StockQueryResult.h"
#include "common/BilingualText.h"

#include <optional>

namespace budgetdesk {

// What a lookup taken after an ambiguous end says about one change. The one place where the
// evidence becomes applied, not applied or unknown — never more certain than it is:
// - applied: a verified lookup shows the target;
// - not applied: a verified lookup shows the change's own starting value, and no attempt can
//   still be in flight;
// - unknown: anything else — a third value (someone else changed the batch), the starting
//   value while an attempt may still land, no daily cap where one was changed, or no
//   verified lookup at all.
struct ReconciliationVerdict
{
    enum class Verdict { Applied, NotApplied, Unknown };
    enum class Reason {
        TargetSeen,
        StartingValueSeen,
        StartingValueWhileInFlight,
        ThirdValue,
        DimensionMissing, // a per-day change, and the batch now has no daily cap
        StartingValueUnknown, // the change's starting value was never known
        LookupFailed,
    };

    Verdict verdict = Verdict::Unknown;
    Reason reason = Reason::LookupFailed;
    std::optional<qint64> observed;

    static ReconciliationVerdict judge(BudgetDimension dimension, std::optional<qint64> starting, qint64 target,
                                       const StockQueryResult &lookup, bool attemptMayStillBeInFlight);

    static QString verdictName(Verdict verdict); // applied, not_applied, unknown
    QString name() const { return verdictName(verdict); }
    BilingualText text(qint64 target) const;
};

} // namespace budgetdesk
