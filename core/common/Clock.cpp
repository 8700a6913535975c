#include "common/Clock.h"

#include <QDateTime>

namespace budgetdesk {

qint64 SystemClock::nowSeconds() const
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace budgetdesk
