#include "auth/RequestSigner.h"

#include "common/IdText.h"

#include <QUrl>

namespace budgetdesk {

namespace {

constexpr QByteArrayView MerchantScheme("WECHATPAY2-SHA256-RSA2048");
constexpr QByteArrayView BrandScheme("WECHATPAY-BRAND-SHA256-RSA2048");
constexpr qsizetype MaximumBrandIdLength = 32;

bool allOf(const QString &text, bool (*accept)(QChar))
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (!accept(c))
            return false;
    }
    return true;
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isHexDigit(QChar c)
{
    return isDigit(c) || (c >= u'A' && c <= u'F') || (c >= u'a' && c <= u'f');
}

bool isUpperMethod(QByteArrayView method)
{
    if (method.isEmpty())
        return false;
    for (char c : method) {
        if (c < 'A' || c > 'Z')
            return false;
    }
    return true;
}

} // namespace

QString callerIdentityName(CallerIdentity identity)
{
    return identity == CallerIdentity::Brand ? QStringLiteral("brand") : QStringLiteral("merchant");
}

std::optional<CallerIdentity> callerIdentityFromName(const QString &name)
{
    if (name == QLatin1String("merchant"))
        return CallerIdentity::Merchant;
    if (name == QLatin1String("brand"))
        return CallerIdentity::Brand;
    return std::nullopt;
}

BilingualText SigningError::text() const
{
    switch (m_code) {
    case Code::InvalidMchid:
        return {QStringLiteral("商户号必须是数字。"), QStringLiteral("The merchant ID (mchid) must be digits.")};
    case Code::InvalidBrandId:
        return {QStringLiteral("品牌ID（brand_id）只能由数字、字母、下划线和短横线组成，且不超过 32 个字符。"),
                QStringLiteral("The brand ID (brand_id) must be up to 32 digits, letters, '_' or '-'.")};
    case Code::InvalidSerial:
        return {QStringLiteral("API 证书序列号必须是十六进制字符。"),
                QStringLiteral("The API certificate serial must be hexadecimal.")};
    case Code::MissingKey:
        return {QStringLiteral("没有加载 API 私钥，无法签名。"),
                QStringLiteral("No API private key is loaded; nothing can be signed.")};
    case Code::InvalidMethod:
        return {QStringLiteral("HTTP 方法必须是大写，且与实际发送的一致。"),
                QStringLiteral("The HTTP method must be uppercase and the one actually sent.")};
    case Code::UrlNotAbsolutePath:
        return {QStringLiteral("签名用的 URL 必须是以 / 开头的绝对路径，不含域名。"),
                QStringLiteral("The signed URL must be an absolute path starting with /, without the domain.")};
    case Code::SignatureFailed:
        return {QStringLiteral("OpenSSL 签名失败。"), QStringLiteral("OpenSSL failed to produce the signature.")};
    }
    return {};
}

RequestSigner::RequestSigner(MerchantCredentials credentials, std::shared_ptr<const Clock> clock,
                             std::shared_ptr<NonceSource> nonces)
    : m_credentials(std::move(credentials))
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
    , m_nonces(nonces ? std::move(nonces) : std::make_shared<SecureNonceSource>())
{ }

QByteArray RequestSigner::signingMessage(QByteArrayView method, QByteArrayView canonicalUrl, qint64 timestamp,
                                         QByteArrayView nonce, QByteArrayView body)
{
    const QByteArray seconds = QByteArray::number(timestamp);
    QByteArray message;
    message.reserve(method.size() + canonicalUrl.size() + seconds.size() + nonce.size() + body.size() + 5);
    // Every line ends in '\n', the body's included, even when the body is empty or already
    // ends in '\n' (PROTOCOL.md §1.2).
    message.append(method).append('\n');
    message.append(canonicalUrl).append('\n');
    message.append(seconds).append('\n');
    message.append(nonce).append('\n');
    message.append(body).append('\n');
    return message;
}

QByteArray RequestSigner::canonicalUrl(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return target;
}

Result<SignedRequest, SigningError> RequestSigner::sign(QByteArrayView method, QByteArrayView canonicalUrl,
                                                        QByteArrayView body) const
{
    const bool brand = m_credentials.isBrand();
    if (brand && !isIdText(m_credentials.brandId, 1, MaximumBrandIdLength))
        return SigningError(SigningError::Code::InvalidBrandId);
    if (!brand && !allOf(m_credentials.mchid, isDigit))
        return SigningError(SigningError::Code::InvalidMchid);
    if (!allOf(m_credentials.certificateSerial, isHexDigit))
        return SigningError(SigningError::Code::InvalidSerial);
    if (m_credentials.privateKey.isNull())
        return SigningError(SigningError::Code::MissingKey);
    if (!isUpperMethod(method))
        return SigningError(SigningError::Code::InvalidMethod);
    if (!canonicalUrl.startsWith('/'))
        return SigningError(SigningError::Code::UrlNotAbsolutePath);

    SignedRequest request;
    request.timestamp = m_clock->nowSeconds();
    request.nonce = m_nonces->nextNonce();
    request.signingMessage = signingMessage(method, canonicalUrl, request.timestamp, request.nonce, body);

    const QByteArray signature = m_credentials.privateKey.signSha256(request.signingMessage);
    if (signature.isEmpty())
        return SigningError(SigningError::Code::SignatureFailed);

    QByteArray &header = request.authorization;
    header.reserve(BrandScheme.size() + 512);
    header.append(brand ? BrandScheme : MerchantScheme)
        .append(brand ? " brand_id=\"" : " mchid=\"")
        .append(m_credentials.callerId().toLatin1())
        .append("\",nonce_str=\"")
        .append(request.nonce)
        .append("\",timestamp=\"")
        .append(QByteArray::number(request.timestamp))
        .append("\",serial_no=\"")
        .append(m_credentials.certificateSerial.toLatin1())
        .append("\",signature=\"")
        .append(signature.toBase64())
        .append('"');
    return request;
}

} // namespace budgetdesk
