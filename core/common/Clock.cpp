#include "common/Clock.h"

#include <QDateTime>

namespace budgetdesk {

qint64 SystemClock::nowMilliseconds() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace budgetdesk
