#pragma once

#include "common/Result.h"
#include "simulator/SimulatorExchange.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace budgetdesk::sim {

// The body of `PATCH …/budget`, checked for shape the way the real service answers
// PARAM_ERROR: types, ranges, lengths, and exactly one dimension.
struct BudgetChangeRequest
{
    std::optional<qint64> targetMaxCoupons;
    std::optional<qint64> currentMaxCoupons;
    std::optional<qint64> targetMaxCouponsByDay;
    std::optional<qint64> currentMaxCouponsByDay;
    QString requestNumber;

    bool changesTotal() const { return targetMaxCoupons.has_value(); }

    static Result<BudgetChangeRequest, SimResponse> parse(const QByteArray &body);
};

} // namespace budgetdesk::sim
