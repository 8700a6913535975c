#pragma once

#include "common/Result.h"
#include "simulator/SimulatorExchange.h"

#include <QByteArray>
#include <QString>

namespace budgetdesk::sim {

// The body of `POST …/update-budget` (batch or 批次组, PRODUCT_COUPON.md §4.5), checked for
// shape as §15 decides: every shape problem is 400 PARAM_ERROR naming the field.
struct ProductCouponBudgetChange
{
    enum class Mode { MaxCount, MaxCountPerDay };

    QString requestNumber; // out_request_no
    Mode mode = Mode::MaxCount;
    qint64 current = 0; // current_max_count or current_max_count_per_day, as the mode says
    qint64 target = 0;
    QString brandId; // the 服务商's brand_id; empty for the brand variant

    // `partner`: brand_id is required (the brand variant has none, and any is ignored).
    static Result<ProductCouponBudgetChange, SimResponse> parse(const QByteArray &body, bool partner);
};

} // namespace budgetdesk::sim
