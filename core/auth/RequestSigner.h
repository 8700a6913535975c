#pragma once

#include "auth/NonceSource.h"
#include "common/BilingualText.h"
#include "common/Clock.h"
#include "common/Result.h"
#include "crypto/PrivateKey.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

class QUrl;

namespace budgetdesk {

// Who signs: a merchant (商户, also as 服务商 acting for a brand) or a brand (品牌) calling the
// 商品券 brand API itself (PRODUCT_COUPON.md §3). The scheme and the path prefix follow from it.
enum class CallerIdentity {
    Merchant, // WECHATPAY2-SHA256-RSA2048 mchid="…"
    Brand, // WECHATPAY-BRAND-SHA256-RSA2048 brand_id="…"
};

QString callerIdentityName(CallerIdentity identity); // merchant, brand (profiles, audit log)
std::optional<CallerIdentity> callerIdentityFromName(const QString &name);

// What identifies the caller on every request.
struct MerchantCredentials
{
    MerchantCredentials() = default;
    MerchantCredentials(QString merchantId, QString serial, PrivateKey key)
        : mchid(std::move(merchantId))
        , certificateSerial(std::move(serial))
        , privateKey(std::move(key))
    { }

    QString mchid; // merchant identity
    QString certificateSerial; // the caller's API certificate serial, not a platform serial
    PrivateKey privateKey;
    CallerIdentity identity = CallerIdentity::Merchant;
    QString brandId; // brand identity: the brand whose API key signs

    bool isBrand() const { return identity == CallerIdentity::Brand; }
    // mchid or brand_id: the one the Authorization header names.
    const QString &callerId() const { return isBrand() ? brandId : mchid; }
};

struct SignedRequest
{
    QByteArray authorization; // the full `Authorization` header value
    // The exact bytes that were signed. Kept so a SIGN_ERROR can be explained by comparing
    // it with the server's `truncated_sign_message`.
    QByteArray signingMessage;
    qint64 timestamp = 0;
    QByteArray nonce;
};

class SigningError
{
public:
    enum class Code {
        InvalidMchid, // not digits: it would also break the header's quoting
        InvalidBrandId, // not 1–32 of [0-9A-Za-z_-]: the same quoting concern
        InvalidSerial, // not hex
        MissingKey,
        InvalidMethod, // must be the uppercase method actually sent
        UrlNotAbsolutePath, // the canonical URL starts with '/', with no scheme or host
        SignatureFailed, // OpenSSL refused to sign
    };
    explicit SigningError(Code code)
        : m_code(code)
    { }
    Code code() const { return m_code; }
    BilingualText text() const;

private:
    Code m_code;
};

// Produces `Authorization: WECHATPAY2-SHA256-RSA2048 mchid=…` (PROTOCOL.md §1), or for a brand
// `WECHATPAY-BRAND-SHA256-RSA2048 brand_id=…` (PRODUCT_COUPON.md §3): SHA256withRSA over
// "METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n", standard Base64, a fresh timestamp and nonce each
// call. Thread-safe as long as the nonce source is.
class RequestSigner
{
public:
    explicit RequestSigner(MerchantCredentials credentials, std::shared_ptr<const Clock> clock = nullptr,
                           std::shared_ptr<NonceSource> nonces = nullptr);

    const MerchantCredentials &credentials() const { return m_credentials; }

    // `canonicalUrl` is the path and query exactly as sent (see canonicalUrl()); `body` the
    // exact bytes sent, empty for a GET.
    Result<SignedRequest, SigningError> sign(QByteArrayView method, QByteArrayView canonicalUrl,
                                             QByteArrayView body) const;

    static QByteArray signingMessage(QByteArrayView method, QByteArrayView canonicalUrl, qint64 timestamp,
                                     QByteArrayView nonce, QByteArrayView body);
    // The request target as it goes on the wire: the percent-encoded path, plus `?query`.
    static QByteArray canonicalUrl(const QUrl &url);

private:
    MerchantCredentials m_credentials;
    std::shared_ptr<const Clock> m_clock;
    std::shared_ptr<NonceSource> m_nonces;
};

} // namespace budgetdesk
