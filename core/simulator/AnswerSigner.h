#pragma once

#include "simulator/FaultPlan.h"
#include "simulator/SimulatorConfig.h"
#include "simulator/SimulatorExchange.h"

#include <QRandomGenerator>

namespace budgetdesk::sim {

// Signs a 2xx answer the way WeChat Pay does (PROTOCOL.md §2): Wechatpay-Timestamp, -Nonce,
// -Serial, -Signature over "TIMESTAMP\nNONCE\nBODY\n". The key follows the request's
// Wechatpay-Serial when it names one we hold; otherwise the platform certificate, which is
// what the real service defaults to, or the public key when there is no certificate.
// Faults can spoil the signature on purpose.
class AnswerSigner
{
public:
    explicit AnswerSigner(const SimulatorConfig &config)
        : m_config(config)
        , m_random(20261127)
    { }

    void sign(SimResponse &answer, const SimRequest &request, qint64 nowSeconds, const Faults &faults);
    // With a key chosen by the caller: answers to 品牌 requests are always signed with the WeChat
    // Pay public key, whatever they asked for (PRODUCT_COUPON.md §3).
    void sign(SimResponse &answer, const PlatformIdentity *identity, qint64 nowSeconds, const Faults &faults);

    const PlatformIdentity *identityFor(const SimRequest &request) const;

private:
    const SimulatorConfig &m_config;
    QRandomGenerator m_random; // seeded: signature probes hit the same answers on every run
};

} // namespace budgetdesk::sim
