#include "simulator/RequestAuthenticator.h"

#include "crypto/CanonicalBase64.h"

#include <QJsonObject>

namespace budgetdesk::sim {

namespace {

constexpr QByteArrayView MerchantScheme("WECHATPAY2-SHA256-RSA2048");
constexpr QByteArrayView BrandScheme("WECHATPAY-BRAND-SHA256-RSA2048");
constexpr qint64 AllowedSkewSeconds = 300;
constexpr qsizetype MaximumTimestampDigits = 12;
// The real service cuts `truncated_sign_message` short; the length is its own business.
constexpr qsizetype TruncatedMessageLength = 512;

const QString SignErrorMessage = QStringLiteral("错误的签名，验签失败");

SimResponse signError(const QString &message, const QString &issue, const QString &field,
                      const QJsonObject &signInformation = {})
{
    QJsonObject detail{{QStringLiteral("detail"), QJsonObject{{QStringLiteral("issue"), issue}}},
                       {QStringLiteral("field"), field},
                       {QStringLiteral("location"), QStringLiteral("authorization")}};
    if (!signInformation.isEmpty())
        detail.insert(QStringLiteral("sign_information"), signInformation);
    return SimResponse::error(401, "SIGN_ERROR", message, detail);
}

} // namespace

std::optional<AuthorizationHeader> AuthorizationHeader::parse(const QByteArray &value)
{
    const qsizetype space = value.indexOf(' ');
    if (space <= 0)
        return std::nullopt;
    AuthorizationHeader header;
    header.scheme = value.left(space);

    // key="value" pairs separated by commas; a value may itself contain commas.
    const QByteArray rest = value.mid(space + 1);
    qsizetype position = 0;
    while (position < rest.size()) {
        while (position < rest.size() && (rest[position] == ' ' || rest[position] == ','))
            ++position;
        if (position >= rest.size())
            break;
        const qsizetype equals = rest.indexOf('=', position);
        if (equals < 0)
            return std::nullopt;
        const QByteArray name = rest.mid(position, equals - position).trimmed();
        qsizetype end;
        QByteArray parameter;
        if (equals + 1 < rest.size() && rest[equals + 1] == '"') {
            end = rest.indexOf('"', equals + 2);
            if (end < 0)
                return std::nullopt;
            parameter = rest.mid(equals + 2, end - equals - 2);
            ++end;
        } else {
            end = rest.indexOf(',', equals + 1);
            if (end < 0)
                end = rest.size();
            parameter = rest.mid(equals + 1, end - equals - 1).trimmed();
        }
        if (name.isEmpty() || header.parameters.contains(name))
            return std::nullopt;
        header.parameters.insert(name, parameter);
        position = end;
    }
    return header;
}

QByteArray RequestAuthenticator::expectedMessage(const SimRequest &request, const QByteArray &timestamp,
                                                 const QByteArray &nonce)
{
    return request.method + '\n' + request.target + '\n' + timestamp + '\n' + nonce + '\n' + request.body + '\n';
}

std::optional<SimResponse> RequestAuthenticator::check(const SimRequest &request, qint64 nowSeconds) const
{
    return refusal(request, nowSeconds, SignatureScheme::Merchant, false);
}

Result<Caller, SimResponse> RequestAuthenticator::authenticate(const SimRequest &request, qint64 nowSeconds,
                                                               SignatureScheme scheme) const
{
    if (auto refused = refusal(request, nowSeconds, scheme, true))
        return std::move(*refused);
    return Caller{scheme, scheme == SignatureScheme::Brand ? m_config.brandId : m_config.mchid};
}

std::optional<SimResponse> RequestAuthenticator::refusal(const SimRequest &request, qint64 nowSeconds,
                                                         SignatureScheme scheme, bool productCouponWording) const
{
    const bool brand = scheme == SignatureScheme::Brand;
    const QByteArrayView schemeName = brand ? BrandScheme : MerchantScheme;
    const char *identityParameter = brand ? "brand_id" : "mchid";
    const QString &identity = brand ? m_config.brandId : m_config.mchid;
    const QString &serial = brand ? m_config.brandSerial : m_config.merchantSerial;
    const PublicKey &key = brand ? m_config.brandPublicKey : m_config.merchantPublicKey;
    // The 商品券 table (PRODUCT_COUPON.md §15) has one message for every cause; the 商家券
    // pages word each cause apart.
    auto worded
        = [productCouponWording](const QString &message) { return productCouponWording ? SignErrorMessage : message; };

    const std::optional<QByteArray> value = findHeader(request.headers, "Authorization");
    if (!value || value->isEmpty())
        return signError(worded(QStringLiteral("Http头缺少Authorization")), QStringLiteral("authorization missing"),
                         QStringLiteral("authorization"));
    const std::optional<AuthorizationHeader> authorization = AuthorizationHeader::parse(*value);
    if (!authorization)
        return signError(
            worded(QStringLiteral("Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》")),
            QStringLiteral("authorization format invalid"), QStringLiteral("authorization"));
    if (authorization->scheme != schemeName) {
        // Both schemes are well-formed, just not for this path: say which one it wanted.
        const bool otherScheme = authorization->scheme == (brand ? MerchantScheme : BrandScheme);
        return signError(
            worded(QStringLiteral("Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》")),
            otherScheme ? QStringLiteral("authorization scheme must be %1 on this path")
                              .arg(QLatin1String(schemeName.data(), schemeName.size()))
                        : QStringLiteral("authorization format invalid"),
            QStringLiteral("authorization"));
    }
    for (const char *required : {identityParameter, "nonce_str", "timestamp", "serial_no", "signature"}) {
        if (authorization->parameters.value(required).isEmpty())
            return signError(worded(QStringLiteral("Http头Authorization缺少%1").arg(QLatin1String(required))),
                             QStringLiteral("%1 missing").arg(QLatin1String(required)), QString::fromLatin1(required));
    }
    const auto &parameters = authorization->parameters;
    if (identity.isEmpty() || parameters.value(identityParameter) != identity.toLatin1())
        return signError(SignErrorMessage, QStringLiteral("%1 not match").arg(QLatin1String(identityParameter)),
                         QString::fromLatin1(identityParameter));
    if (serial.isEmpty()
        || QString::fromLatin1(parameters.value("serial_no")).compare(serial, Qt::CaseInsensitive) != 0)
        return signError(worded(QStringLiteral("商户证书序列号有误。请使用签名私钥匹配的证书序列号")),
                         QStringLiteral("serial_no not match"), QStringLiteral("serial_no"));

    const QByteArray timestamp = parameters.value("timestamp");
    // Digits only, and few enough that the difference below cannot overflow.
    const bool digits = !timestamp.isEmpty() && timestamp.size() <= MaximumTimestampDigits
        && std::all_of(timestamp.cbegin(), timestamp.cend(), [](char c) { return c >= '0' && c <= '9'; });
    const qint64 seconds = digits ? timestamp.toLongLong() : 0;
    if (!digits || qAbs(nowSeconds - seconds) > AllowedSkewSeconds)
        return signError(worded(QStringLiteral("Http头Authorization中的timestamp与发起请求的时间不得超过5分钟")),
                         QStringLiteral("timestamp expired"), QStringLiteral("timestamp"));

    const QByteArray message = expectedMessage(request, timestamp, parameters.value("nonce_str"));
    const std::optional<QByteArray> signature = decodeCanonicalBase64(parameters.value("signature"));
    if (signature && !key.isNull() && key.verifySha256(message, *signature))
        return std::nullopt;

    const QJsonObject signInformation{
        {QStringLiteral("method"), QString::fromLatin1(request.method)},
        {QStringLiteral("url"), QString::fromLatin1(request.target)},
        {QStringLiteral("sign_message_length"), message.size()},
        {QStringLiteral("truncated_sign_message"), QString::fromUtf8(message.left(TruncatedMessageLength))}};
    return signError(SignErrorMessage, QStringLiteral("sign not match"), QStringLiteral("signature"), signInformation);
}

} // namespace budgetdesk::sim
