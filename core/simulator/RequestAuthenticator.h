#pragma once

#include "common/Result.h"
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

// The two ways a 商品券 caller signs (PRODUCT_COUPON.md §3): as a merchant acting as 服务商
// (WECHATPAY2-SHA256-RSA2048 mchid=…) or as the 品牌 itself (WECHATPAY-BRAND-SHA256-RSA2048
// brand_id=…). The path decides which one a request must use.
enum class SignatureScheme { Merchant, Brand };

// Who signed a request that was accepted.
struct Caller
{
    SignatureScheme scheme = SignatureScheme::Merchant;
    QString id; // the mchid, or the brand_id
};

// Checks a request's signature as WeChat Pay does: the merchant (or brand) and serial it
// claims, the timestamp within five minutes, and SHA256withRSA over "METHOD\nTARGET\n
// TIMESTAMP\nNONCE\nBODY\n" built from the request exactly as received. Deliberately written
// apart from core's RequestSigner, so that a bug in one cannot hide behind the same bug in
// the other.
class RequestAuthenticator
{
public:
    explicit RequestAuthenticator(const SimulatorConfig &config)
        : m_config(config)
    { }

    // The merchant scheme of the 商家券 endpoints: nullopt when the request is authentic;
    // otherwise the 401 answer to send, its message as the 商家券 pages word it.
    std::optional<SimResponse> check(const SimRequest &request, qint64 nowSeconds) const;

    // The 商品券 endpoints: `scheme` is the one the path demands. Every refusal is 401
    // SIGN_ERROR 错误的签名，验签失败 (PRODUCT_COUPON.md §15), the cause in detail.issue.
    Result<Caller, SimResponse> authenticate(const SimRequest &request, qint64 nowSeconds,
                                             SignatureScheme scheme) const;

    // The string the server signs against, as `truncated_sign_message` reports it.
    static QByteArray expectedMessage(const SimRequest &request, const QByteArray &timestamp, const QByteArray &nonce);

private:
    std::optional<SimResponse> refusal(const SimRequest &request, qint64 nowSeconds, SignatureScheme scheme,
                                       bool productCouponWording) const;

    const SimulatorConfig &m_config;
};

} // namespace budgetdesk::sim
