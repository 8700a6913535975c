#include "auth/ResponseVerification.h"

#include <QString>

namespace budgetdesk {

ResponseVerification ResponseVerification::missingHeader(QByteArray header)
{
    ResponseVerification result(Status::MissingHeader);
    result.m_header = std::move(header);
    return result;
}

ResponseVerification ResponseVerification::clockSkew(qint64 offsetSeconds)
{
    ResponseVerification result(Status::ClockSkew);
    result.m_offsetSeconds = offsetSeconds;
    return result;
}

ResponseVerification ResponseVerification::unknownSerial(const QByteArray &serial)
{
    // The serial comes from an unverified header and ends up in a message for the user: keep
    // it short and printable.
    constexpr qsizetype MaximumShown = 64;
    ResponseVerification result(Status::UnknownSerial);
    for (char c : serial.left(MaximumShown))
        result.m_serial.append(c >= 0x21 && c <= 0x7E ? c : '?');
    if (serial.size() > MaximumShown)
        result.m_serial.append("...");
    return result;
}

BilingualText ResponseVerification::text() const
{
    switch (m_status) {
    case Status::Verified:
        return {QStringLiteral("应答签名验证通过。"), QStringLiteral("The answer's signature is verified.")};
    case Status::MissingHeader: {
        const QString name = QString::fromLatin1(m_header);
        return {QStringLiteral("应答缺少 %1 头，无法验签，结果不可信。").arg(name),
                QStringLiteral("The answer has no %1 header; it cannot be verified and is not trusted.").arg(name)};
    }
    case Status::MalformedTimestamp:
        return {QStringLiteral("应答的 Wechatpay-Timestamp 不是秒级时间戳，结果不可信。"),
                QStringLiteral("The answer's Wechatpay-Timestamp is not a time in seconds; it is not trusted.")};
    case Status::ClockSkew: {
        const QString seconds = QString::number(qAbs(m_offsetSeconds));
        const bool serverAhead = m_offsetSeconds > 0;
        return {QStringLiteral("应答时间与本机时钟相差 %1 秒（本机%2），超过 5 分钟的允许范围。请开启系统的自动对时。")
                    .arg(seconds, serverAhead ? QStringLiteral("偏慢") : QStringLiteral("偏快")),
                QStringLiteral("The answer's time differs from this computer's clock by %1 s (this clock is %2), "
                               "beyond the 5-minute window. Turn on automatic time synchronisation.")
                    .arg(seconds, serverAhead ? QStringLiteral("behind") : QStringLiteral("ahead"))};
    }
    case Status::UnknownSerial: {
        const QString serial = QString::fromLatin1(m_serial);
        return {
            QStringLiteral("应答由序列号为 %1 的密钥签名，但本机没有这个微信支付公钥或平台证书。请检查配置的公钥 "
                           "ID，或更新平台证书。")
                .arg(serial),
            QStringLiteral("The answer is signed with key %1, which is neither the configured WeChat Pay public key "
                           "nor a known platform certificate. Check the public key ID or refresh the certificates.")
                .arg(serial)};
    }
    case Status::SignatureProbe:
        return {
            QStringLiteral("这是微信支付的签名探测（WECHATPAY/SIGNTEST/），验签必然失败，属正常现象；该应答不被采信。"),
            QStringLiteral("This is a WeChat Pay signature probe (WECHATPAY/SIGNTEST/). It is meant to fail "
                           "verification, which is normal; the answer is not trusted.")};
    case Status::MalformedSignature:
        return {QStringLiteral("应答的 Wechatpay-Signature 格式不正确（不是规范的 Base64 或长度不对），结果不可信。"),
                QStringLiteral("The answer's Wechatpay-Signature is malformed (not canonical Base64, or the wrong "
                               "length); it is not trusted.")};
    case Status::SignatureMismatch:
        return {QStringLiteral("应答签名验证失败：内容可能被篡改，或用错了验签密钥。结果不可信。"),
                QStringLiteral("The answer's signature does not verify: it may have been tampered with, or the wrong "
                               "key is configured. It is not trusted.")};
    }
    return {};
}

} // namespace budgetdesk
