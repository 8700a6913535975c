#include "watch/LookupPacer.h"

#include <cmath>

namespace budgetdesk {

LookupPacer::LookupPacer(double perSecond, QObject *parent)
    : QObject(parent)
    , m_baseSpacingMs(std::max(1, int(std::ceil(1000.0 / std::max(0.01, perSecond)))))
    , m_spacingMs(m_baseSpacingMs)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LookupPacer::startNext);
}

void LookupPacer::enqueue(const void *owner, std::function<void()> start)
{
    m_queue.append({owner, std::move(start)});
    if (!m_timer.isActive())
        startNext();
}

void LookupPacer::startNext()
{
    if (m_queue.isEmpty())
        return;
    // Never two starts closer than the spacing, counted from the last start.
    if (m_sinceLast.isValid() && m_sinceLast.elapsed() < m_spacingMs) {
        m_timer.start(int(m_spacingMs - m_sinceLast.elapsed()));
        return;
    }
    m_sinceLast.start();
    if (!m_sinceFirst.isValid())
        m_sinceFirst.start();
    m_lastStartNs = m_sinceFirst.nsecsElapsed();
    ++m_started;
    const std::function<void()> start = m_queue.takeFirst().start;
    start();
    if (!m_queue.isEmpty())
        m_timer.start(m_spacingMs);
}

double LookupPacer::achievedPerSecond() const
{
    return m_started < 2 || m_lastStartNs <= 0 ? 0.0 : double(m_started - 1) * 1e9 / double(m_lastStartNs);
}

void LookupPacer::clear(const void *owner)
{
    m_queue.removeIf([owner](const Queued &queued) { return queued.owner == owner; });
}

void LookupPacer::backOff()
{
    m_spacingMs = std::min(MaximumSpacingMs, m_spacingMs * 2);
    if (m_timer.isActive())
        m_timer.start(m_spacingMs);
}

void LookupPacer::answered()
{
    m_spacingMs = std::max(m_baseSpacingMs, m_spacingMs / 2);
}

} // namespace budgetdesk
