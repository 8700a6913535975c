#pragma once

#include "auth/HttpHeaders.h"

#include <QDateTime>
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

    // `localMilliseconds` is when the answer arrived.
    void observe(const HttpHeaders &headers, qint64 localMilliseconds);

    // Server time minus local time; nullopt before any answer.
    std::optional<qint64> offsetSeconds() const { return m_offset; }
    bool isNoticeable() const { return m_offset && qAbs(*m_offset) > NoticeableSeconds; }

    static std::optional<QDateTime> parseHttpDate(const QByteArray &value);

private:
    std::optional<qint64> m_offset;
};

} // namespace budgetdesk
