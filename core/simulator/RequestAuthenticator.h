#pragma once

#include "simulator/SimulatorConfig.h"
#include "simulator/SimulatorExchange.h"

#include <QByteArray>
#include <QHash>

#include <optional>

namespace budgetdesk::sim {

// The `Authorization: WECHATPAY2-SHA256-RSA2048 k="v",…` parameters, in any order.
struct AuthorizationHeader
{
    QByteArray scheme;
    QHash<QByteArray, QByteArray> parameters;

    static std::optional<AuthorizationHeader> parse(const QByteArray &value);
};

// Checks a request's signature as WeChat Pay does: the merchant and serial it claims, the
// timestamp within five minutes, and SHA256withRSA over "METHOD\nTARGET\nTIMESTAMP\nNONCE\n
// BODY\n" built from the request exactly as received. Deliberately written apart from
// core's RequestSigner, so that a bug in one cannot hide behind the same bug in the other.
class RequestAuthenticator
{
public:
    explicit RequestAuthenticator(const SimulatorConfig &config)
        : m_config(config)
    { }

    // nullopt when the request is authentic; otherwise the 401 answer to send.
    std::optional<SimResponse> check(const SimRequest &request, qint64 nowSeconds) const;

    // The string the server signs against, as `truncated_sign_message` reports it.
    static QByteArray expectedMessage(const SimRequest &request, const QByteArray &timestamp, const QByteArray &nonce);

private:
    const SimulatorConfig &m_config;
};

} // namespace budgetdesk::sim
