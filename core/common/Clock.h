#pragma once

#include <QtGlobal>

namespace budgetdesk {

// Wall-clock time since the Unix epoch. Injected wherever time is signed or checked, so tests
// can put the clock exactly 299, 300 or 301 seconds away from a server, or freeze it while a
// rate limit is measured.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMilliseconds() const = 0;
    qint64 nowSeconds() const { return nowMilliseconds() / 1000; }
};

class SystemClock final : public Clock
{
public:
    qint64 nowMilliseconds() const override;
};

} // namespace budgetdesk
