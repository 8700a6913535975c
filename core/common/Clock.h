#pragma once

#include <QtGlobal>

namespace budgetdesk {

// Wall-clock time in Unix seconds. Injected wherever time is signed or checked, so tests
// can put the clock exactly 299, 300 or 301 seconds away from a server.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowSeconds() const = 0;
};

class SystemClock final : public Clock
{
public:
    qint64 nowSeconds() const override;
};

} // namespace budgetdesk
