#include "auth/ResponseValidator.h"

#include "crypto/CanonicalBase64.h"

namespace budgetdesk {

namespace {

constexpr QByteArrayView ProbePrefix("WECHATPAY/SIGNTEST/");
// Seconds since 1970 fit in far fewer; the limit keeps the parse free of overflow.
constexpr qsizetype MaximumTimestampDigits = 12;

std::optional<qint64> parseSeconds(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > MaximumTimestampDigits)
        return std::nullopt;
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

ResponseValidator::ResponseValidator(VerificationKeys keys, std::shared_ptr<const Clock> clock)
    : m_keys(std::move(keys))
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
{ }

bool ResponseValidator::carriesSignature(const HttpHeaders &headers)
{
    for (QByteArrayView name : {"Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial"}) {
        if (findHeader(headers, name))
            return true;
    }
    return false;
}

ResponseVerification ResponseValidator::validate(const HttpHeaders &headers, QByteArrayView body) const
{
    static constexpr QByteArrayView Required[]
        = {"Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"};
    QByteArray values[4];
    for (int i = 0; i < 4; ++i) {
        std::optional<QByteArray> value = findHeader(headers, Required[i]);
        if (!value || value->isEmpty())
            return ResponseVerification::missingHeader(Required[i].toByteArray());
        values[i] = std::move(*value);
    }
    const QByteArray &timestamp = values[0];
    const QByteArray &nonce = values[1];
    const QByteArray &signature = values[2];
    const QByteArray &serial = values[3];

    const std::optional<qint64> answerTime = parseSeconds(timestamp);
    if (!answerTime)
        return ResponseVerification::malformedTimestamp();
    const PublicKey key = m_keys.keyForSerial(serial);
    if (key.isNull())
        return ResponseVerification::unknownSerial(serial);

    if (signature.startsWith(ProbePrefix))
        return ResponseVerification::signatureProbe();
    const std::optional<QByteArray> rawSignature = decodeCanonicalBase64(signature);
    if (!rawSignature || rawSignature->size() != key.signatureSize())
        return ResponseVerification::malformedSignature();

    QByteArray message;
    message.reserve(timestamp.size() + nonce.size() + body.size() + 3);
    message.append(timestamp).append('\n').append(nonce).append('\n').append(body).append('\n');
    if (!key.verifySha256(message, *rawSignature))
        return ResponseVerification::signatureMismatch();
    // The window is checked after the signature, unlike the SDKs: a ClockSkew verdict then
    // means WeChat Pay itself signed that time, so the offset it carries is a measurement the
    // window may warn with and block on, not something a proxy could make up.
    const qint64 offset = *answerTime - m_clock->nowSeconds();
    if (qAbs(offset) >= MaximumClockOffsetSeconds)
        return ResponseVerification::clockSkew(offset);
    return ResponseVerification::verified();
}

} // namespace budgetdesk
