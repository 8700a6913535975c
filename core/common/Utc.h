#pragma once

#include <QDateTime>
#include <QTimeZone>

namespace budgetdesk {

// UTC for QDateTime on every Qt this builds with. Qt 6.5 gave QDateTime lightweight QTimeZone
// overloads and Qt 6.8 deprecates the Qt::TimeSpec ones; on Qt 6.4 a QTimeZone would be a full
// zone (another timeSpec(), slower arithmetic), so there it stays Qt::UTC.
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
inline QTimeZone utc()
{
    return QTimeZone(QTimeZone::UTC);
}
inline void makeUtc(QDateTime &time)
{
    time.setTimeZone(utc());
}
#else
inline Qt::TimeSpec utc()
{
    return Qt::UTC;
}
inline void makeUtc(QDateTime &time)
{
    time.setTimeSpec(Qt::UTC);
}
#endif

} // namespace budgetdesk
