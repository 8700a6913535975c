#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace budgetdesk::sim {

// WeChat Pay's per-caller limit as the simulator plays it: at most `perSecond` requests in any
// second (a sliding window), per mchid or brand_id. Refused requests do not count against the
// next second.
class RateLimiter
{
public:
    // False when `caller` is over the limit at `nowMs`; otherwise the request is counted.
    // A limit of 0 or less admits everything.
    bool admit(const QString &caller, qint64 nowMs, int perSecond)
    {
        if (perSecond <= 0)
            return true;
        QList<qint64> &recent = m_recent[caller];
        recent.removeIf([nowMs](qint64 at) { return at <= nowMs - 1000; });
        if (recent.size() >= perSecond)
            return false;
        recent.append(nowMs);
        return true;
    }

private:
    QHash<QString, QList<qint64>> m_recent; // caller → request times (ms) in the last second
};

} // namespace budgetdesk::sim
