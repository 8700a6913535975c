#pragma once

#include "common/Clock.h"

#include <atomic>

namespace budgetdesk::test {

// A clock that moves only when told to.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(qint64 seconds = 1700000000)
        : m_milliseconds(seconds * 1000)
    { }
    qint64 nowMilliseconds() const override { return m_milliseconds.load(); }
    void set(qint64 seconds) { m_milliseconds = seconds * 1000; }
    void advance(qint64 seconds) { m_milliseconds += seconds * 1000; }
    void advanceMilliseconds(qint64 milliseconds) { m_milliseconds += milliseconds; }

private:
    std::atomic<qint64> m_milliseconds;
};

} // namespace budgetdesk::test
