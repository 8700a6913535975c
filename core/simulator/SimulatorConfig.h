#pragma once

#include "crypto/Certificate.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace budgetdesk::sim {

// A key WeChat Pay signs its answers with, and the serial it announces in Wechatpay-Serial:
// a `PUB_KEY_ID_…` for the WeChat Pay public key, or a platform certificate's serial.
struct PlatformIdentity
{
    QString serial;
    PrivateKey key;
    std::optional<Certificate> certificate; // certificate mode only
};

struct SimulatorConfig
{
    // The one merchant the simulator serves.
    QString mchid;
    QString merchantSerial;
    PublicKey merchantPublicKey;

    // Either or both; with both, the request's Wechatpay-Serial chooses, as during the real
    // migration from platform certificates to the public key.
    std::optional<PlatformIdentity> publicKeyIdentity;
    std::optional<PlatformIdentity> certificateIdentity;
    QByteArray apiV3Key; // encrypts /v3/certificates in certificate mode

    // The one 品牌 (brand) served on /brand/… with WECHATPAY-BRAND-SHA256-RSA2048; empty: none.
    QString brandId;
    QString brandSerial; // its brand API certificate's serial
    PublicKey brandPublicKey;
    // The brands that authorised `mchid` as 服务商 for 商品券 (the partner endpoints' brand_id).
    QStringList authorisedBrands;

    int requestsPerSecond = 0; // per merchant, 商家券 and /v3/certificates; 0 = no limit
    int productCouponRequestsPerSecond = 20; // per mchid (partner) or brand_id (brand); 0 = no limit
    qint64 modificationWindowMs = 0; // after a change, further changes meet "批次正在修改中"
    bool authenticationEnabled = true; // off only for the benchmark's baseline
    int recordedRequestLimit = 500; // how many received requests are kept for inspection
    // Batches that issue coupons as time passes (--issue-rate): stock_id → coupons a minute.
    QHash<QString, double> issueRatesPerMinute;
};

} // namespace budgetdesk::sim
