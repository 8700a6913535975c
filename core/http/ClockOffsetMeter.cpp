#include "http/ClockOffsetMeter.h"

#include "auth/ResponseValidator.h"
#include "common/Utc.h"

#include <QLocale>

namespace budgetdesk {

std::optional<QDateTime> ClockOffsetMeter::parseHttpDate(const QByteArray &value)
{
    // RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    QDateTime time = QLocale::c().toDateTime(QString::fromLatin1(value.trimmed()),
                                             QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    if (!time.isValid())
        return std::nullopt;
    makeUtc(time);
    return time;
}

ClockOffsetMeter::ClockOffsetMeter(std::shared_ptr<const Clock> signingClock)
    : m_signingClock(signingClock ? std::move(signingClock) : std::make_shared<SystemClock>())
{ }

static_assert(ClockOffsetMeter::RefusedSeconds == ResponseValidator::MaximumClockOffsetSeconds);

BilingualText ClockOffsetMeter::describe(qint64 offsetSeconds)
{
    // The offset is server minus local: positive means this computer is behind.
    const QString seconds = QString::number(qAbs(offsetSeconds));
    if (offsetSeconds > 0)
        return {QStringLiteral("本机时钟比微信支付慢 %1 秒").arg(seconds),
                QStringLiteral("this computer's clock is %1 s behind WeChat Pay's").arg(seconds)};
    return {QStringLiteral("本机时钟比微信支付快 %1 秒").arg(seconds),
            QStringLiteral("this computer's clock is %1 s ahead of WeChat Pay's").arg(seconds)};
}

void ClockOffsetMeter::observe(const HttpHeaders &headers, qint64 localMilliseconds)
{
    const qint64 localSeconds = localMilliseconds / 1000;
    if (const auto timestamp = findHeader(headers, "Wechatpay-Timestamp")) {
        bool ok = false;
        const qint64 serverSeconds = timestamp->toLongLong(&ok);
        if (ok && timestamp->size() <= 12) {
            m_offset = serverSeconds - localSeconds;
            return;
        }
    }
    if (const auto date = findHeader(headers, "Date")) {
        if (const auto serverTime = parseHttpDate(*date))
            m_offset = serverTime->toSecsSinceEpoch() - localSeconds;
    }
}

} // namespace budgetdesk
