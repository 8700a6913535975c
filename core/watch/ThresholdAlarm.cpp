#include "watch/ThresholdAlarm.h"

#include <algorithm>

namespace budgetdesk {

bool QuietHours::contains(const QTime &time) const
{
    if (!from.isValid() || !to.isValid() || from == to)
        return false;
    if (from < to)
        return time >= from && time < to;
    return time >= from || time < to; // across midnight
}

bool ThresholdAlarm::update(const QString &batch, bool low)
{
    const bool wasLow = m_low.value(batch, false);
    m_low.insert(batch, low);
    return low && !wasLow;
}

int ThresholdAlarm::lowCount() const
{
    return int(std::count(m_low.cbegin(), m_low.cend(), true));
}

} // namespace budgetdesk
