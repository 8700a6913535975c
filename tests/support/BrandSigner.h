#pragma once

#include "crypto/PrivateKey.h"

#include <QByteArray>
#include <QString>

namespace budgetdesk::test {

// `Authorization: WECHATPAY-BRAND-SHA256-RSA2048 …` (PRODUCT_COUPON.md §3) made here from
// PrivateKey::signSha256 alone: the simulator's brand check is tested against a signer that
// shares nothing with core/auth's. The parameters go in the order of the official Java
// utility (brand_id, nonce_str, signature, timestamp, serial_no), which is not the merchant
// scheme's.
inline QByteArray brandSignedMessage(const QByteArray &method, const QByteArray &target, qint64 timestamp,
                                     const QByteArray &nonce, const QByteArray &body)
{
    return method + '\n' + target + '\n' + QByteArray::number(timestamp) + '\n' + nonce + '\n' + body + '\n';
}

inline QByteArray brandAuthorization(const PrivateKey &key, const QString &brandId, const QString &serial,
                                     const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                     qint64 timestamp, const QByteArray &nonce)
{
    const QByteArray signature = key.signSha256(brandSignedMessage(method, target, timestamp, nonce, body)).toBase64();
    return "WECHATPAY-BRAND-SHA256-RSA2048 brand_id=\"" + brandId.toLatin1() + "\",nonce_str=\"" + nonce
        + "\",signature=\"" + signature + "\",timestamp=\"" + QByteArray::number(timestamp) + "\",serial_no=\""
        + serial.toLatin1() + "\"";
}

} // namespace budgetdesk::test
