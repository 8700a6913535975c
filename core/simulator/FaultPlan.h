#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace budgetdesk::sim {

// Misbehaviour on demand (`--fault NAME[=VALUE]`), to see how a client copes with what the
// real service, the network or a clock can do to it.
struct Faults
{
    bool badSignature = false; // 2xx answers carry a wrong (well-formed) signature
    std::optional<double> signTest; // fraction of 2xx answers with a WECHATPAY/SIGNTEST/ probe
    qint64 skewSeconds = 0; // the simulator's clock runs this far from the real one
    bool wrongSerial = false; // 2xx answers name a key the client cannot know
    bool omitSignatureHeaders = false; // 2xx answers lack the Wechatpay-* headers
    int delayMilliseconds = 0; // every answer waits this long
    bool dropBeforeApply = false; // a budget change's connection closes before anything happens
    bool dropAll = false; // every connection closes unanswered, lookups too
    bool dropAfterApply = false; // a budget change is applied, then the connection closes
    int status = 0; // 429 (the family's rate refusal), 500, 502 or 503 instead of an answer
    bool busy = false; // budget changes meet "批次正在修改中"
    bool portal = false; // a budget change is answered by a captive portal: 200, its own page, unsigned

    bool any() const;
};

class FaultPlan
{
public:
    // Parses `NAME[=VALUE]` items; `count=N` limits the faults to the first N requests. The
    // error names the bad item, in English, for the command line.
    static Result<FaultPlan, QString> parse(const QStringList &items);

    // The faults for the next request, counting it.
    Faults next();

    const Faults &faults() const { return m_faults; }
    // How many requests still get the faults; nullopt means every request.
    std::optional<int> remaining() const { return m_remaining; }

    static QStringList names();

private:
    Faults m_faults;
    std::optional<int> m_remaining;
};

} // namespace budgetdesk::sim
