#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

namespace budgetdesk {

// Starts queued lookups no faster than a rate (the watchlist's 5 a second across the app), so
// that watching 200 batches never trips WeChat Pay's rate limit. A 429 slows it: the spacing
// doubles (up to MaximumSpacingMs) and each answered lookup brings it back toward the rate.
class LookupPacer : public QObject
{
    Q_OBJECT

public:
    explicit LookupPacer(double perSecond = DefaultPerSecond, QObject *parent = nullptr);

    static constexpr double DefaultPerSecond = 5.0;
    static constexpr int MaximumSpacingMs = 8000;

    void enqueue(std::function<void()> start);
    void clear() { m_queue.clear(); }
    int pending() const { return int(m_queue.size()); }
    // The answer was 429 (频率超限): slow down.
    void backOff();
    // An answer that was not a rate refusal: back toward the normal spacing.
    void answered();
    int spacingMs() const { return m_spacingMs; }
    int baseSpacingMs() const { return m_baseSpacingMs; }
    int startedCount() const { return m_started; }

private:
    void startNext();

    QList<std::function<void()>> m_queue;
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    int m_baseSpacingMs;
    int m_spacingMs;
    int m_started = 0;
};

} // namespace budgetdesk
