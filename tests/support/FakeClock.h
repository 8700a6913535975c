#pragma once

#include "common/Clock.h"

#include <atomic>

namespace budgetdesk::test {

class FakeClock final : public Clock
{
public:
    explicit FakeClock(qint64 seconds = 1700000000)
        : m_seconds(seconds)
    { }
    qint64 nowSeconds() const override { return m_seconds.load(); }
    void set(qint64 seconds) { m_seconds = seconds; }
    void advance(qint64 seconds) { m_seconds += seconds; }

private:
    std::atomic<qint64> m_seconds;
};

} // namespace budgetdesk::test
