#pragma once

#include "common/Clock.h"

#include <QString>

#include <memory>

namespace budgetdesk {

// `modify_budget_request_no` for a new change: 28 digits, like the API page's own example —
// the time to the millisecond (17 digits) and 11 digits from the CSPRNG. Unique per merchant
// across restarts without keeping state; a change keeps its number for every retry.
class RequestNumberGenerator
{
public:
    explicit RequestNumberGenerator(std::shared_ptr<const Clock> clock = nullptr);
    QString next() const;

private:
    std::shared_ptr<const Clock> m_clock;
};

} // namespace budgetdesk
