#pragma once

#include "auth/HttpHeaders.h"
#include "common/BilingualText.h"
#include "common/Clock.h"

#include <QDateTime>
#include <memory>
#include <optional>

namespace budgetdesk {

// How far this computer's clock is from WeChat Pay's, measured from every answer: the
// Wechatpay-Timestamp of a 2xx, or the HTTP Date header of any answer. A skewed office PC
// fails both request signatures and answer verification, so the offset is what explains
// those failures.
class ClockOffsetMeter
{
public:
    static constexpr qint64 NoticeableSeconds = 60;
    // WeChat Pay refuses a signature whose timestamp is 5 minutes or more from its own clock,
    // so a change signed by a clock that far off can only come back SIGN_ERROR.
    static constexpr qint64 RefusedSeconds = 300;

    // "本机时钟比微信支付慢 400 秒" — 快/慢 rather than a signed number staff must decode.
    static BilingualText describe(qint64 offsetSeconds);
    static bool refusesSignatures(std::optional<qint64> offsetSeconds)
    {
        return offsetSeconds && qAbs(*offsetSeconds) >= RefusedSeconds;
    }

    // `signingClock` is the clock that timestamps our signatures: its offset is the one WeChat
    // Pay judges, so it is also the one measured (none: the system clock).
    explicit ClockOffsetMeter(std::shared_ptr<const Clock> signingClock = nullptr);

    // An answer that has just arrived.
    void observe(const HttpHeaders &headers) { observe(headers, m_signingClock->nowMilliseconds()); }
    // `localMilliseconds` is when the answer arrived.
    void observe(const HttpHeaders &headers, qint64 localMilliseconds);

    // Server time minus local time; nullopt before any answer.
    std::optional<qint64> offsetSeconds() const { return m_offset; }
    bool isNoticeable() const { return m_offset && qAbs(*m_offset) > NoticeableSeconds; }

    static std::optional<QDateTime> parseHttpDate(const QByteArray &value);

private:
    std::shared_ptr<const Clock> m_signingClock;
    std::optional<qint64> m_offset;
};

} // namespace budgetdesk
