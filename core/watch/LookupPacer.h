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

    // `owner` tags the start, so that its owner can take back what it queued (and only that).
    void enqueue(const void *owner, std::function<void()> start);
    void clear(const void *owner);
    int pending() const { return int(m_queue.size()); }
    // The answer was 429 (频率超限): slow down.
    void backOff();
    // An answer that was not a rate refusal: back toward the normal spacing.
    void answered();
    int spacingMs() const { return m_spacingMs; }
    int baseSpacingMs() const { return m_baseSpacingMs; }
    int startedCount() const { return m_started; }
    // The starts per second achieved so far: (starts − 1) over the time from the first to the
    // last (0 before two starts).
    double achievedPerSecond() const;

private:
    void startNext();

    struct Queued
    {
        const void *owner;
        std::function<void()> start;
    };
    QList<Queued> m_queue;
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    QElapsedTimer m_sinceFirst;
    qint64 m_lastStartNs = 0; // after the first start
    int m_baseSpacingMs;
    int m_spacingMs;
    int m_started = 0;
};

} // namespace budgetdesk
