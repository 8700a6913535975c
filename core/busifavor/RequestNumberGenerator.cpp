#include "busifavor/RequestNumberGenerator.h"
#include "common/Utc.h"

#include <openssl/rand.h>

#include <QDateTime>

namespace budgetdesk {

RequestNumberGenerator::RequestNumberGenerator(std::shared_ptr<const Clock> clock)
    : m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
{ }

QString RequestNumberGenerator::next() const
{
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_clock->nowMilliseconds(), utc()).toOffsetFromUtc(8 * 3600);
    QString number = now.toString(QStringLiteral("yyyyMMddhhmmsszzz"));
    unsigned char random[11];
    if (RAND_bytes(random, sizeof random) != 1)
        qFatal("OpenSSL RAND_bytes failed: no secure random source");
    for (unsigned char byte : random)
        number.append(QChar(u'0' + byte % 10)); // 256 % 10 leaves a slight bias; uniqueness is all that matters
    return number;
}

} // namespace budgetdesk
