#include "profile/ProfileConnection.h"

#include "productcoupon/ProductCouponApi.h"

#include "http/DomainPolicy.h"
#include "http/TlsBackend.h"

#include <QSslCertificate>

namespace budgetdesk {

namespace {

bool allOf(const QString &text, bool (*accept)(QChar))
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), accept);
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// WeChat Pay's key must not be the merchant's own: answers "verified" with it would prove
// nothing but that this computer signed them.
bool isMerchantsOwnKey(const PublicKey &candidate, const PrivateKey &merchantKey)
{
    return !candidate.isNull() && candidate == merchantKey.publicKey();
}

// KeyError's own words for a certificate speak of the private key (the field it is met in
// most); in the WeChat Pay public-key field the user needs to hear which file belongs there.
BilingualText certificateAsPublicKey(const QString &file)
{
    BilingualText text{
        QStringLiteral("这是证书，不是公钥。此处需要微信支付公钥 pub_key.pem（商户平台「账户中心 → API安全 → "
                       "微信支付公钥」下载）；若这是微信支付平台证书，请把验签方式改为“平台证书”。"),
        QStringLiteral("This is a certificate, not a public key. Use the WeChat Pay public key pub_key.pem "
                       "(merchant platform: 账户中心 → API安全 → 微信支付公钥); if this is a WeChat Pay platform "
                       "certificate, choose the “Platform certificates” mode instead.")};
    if (!file.isEmpty()) {
        text.zh = QStringLiteral("%1：%2").arg(file, text.zh);
        text.en = QStringLiteral("%1: %2").arg(file, text.en);
    }
    return text;
}

} // namespace

QString ProfileProblem::field() const
{
    switch (m_code) {
    case Code::NameMissing:
        return QStringLiteral("name");
    case Code::MchidMissing:
    case Code::MchidNotDigits:
        return QStringLiteral("mchid");
    case Code::SerialInvalid:
    case Code::SerialDiffersFromCertificate:
        return QStringLiteral("merchant_serial");
    case Code::PrivateKeyMissing:
    case Code::PrivateKey:
        return QStringLiteral("private_key");
    case Code::MerchantCertificate:
    case Code::CertificateOfAnotherMerchant:
        return QStringLiteral("merchant_certificate");
    case Code::PublicKeyIdInvalid:
        return QStringLiteral("public_key_id");
    case Code::PublicKeyMissing:
    case Code::PublicKey:
        return QStringLiteral("public_key");
    case Code::PlatformCertificate:
        return QStringLiteral("platform_certificate");
    case Code::ApiV3KeyLength:
        return QStringLiteral("apiv3_key");
    case Code::UrlInvalid:
    case Code::UrlPairing:
        return QStringLiteral("base_url");
    case Code::CaFile:
        return QStringLiteral("ca_file");
    case Code::OwnKeyAsWeChatPayKey:
        return QStringLiteral("public_key");
    case Code::TimeoutOutOfRange:
        return QStringLiteral("timeout");
    case Code::OperatorNameInvalid:
        return QStringLiteral("operator_name");
    case Code::BrandIdInvalid:
        return QStringLiteral("brand_id");
    case Code::BrandNeedsPublicKey:
        return QStringLiteral("public_key");
    case Code::TlsBackend:
        return QStringLiteral("tls_backend");
    }
    return {};
}

BilingualText ProfileProblem::text() const
{
    if (m_text)
        return *m_text;
    if (m_code == Code::PublicKey && m_keyError && m_keyError->code() == KeyError::Code::CertificateInsteadOfKey)
        return certificateAsPublicKey(m_keyError->fileName());
    if (m_keyError)
        return m_keyError->text();
    switch (m_code) {
    case Code::NameMissing:
        return {QStringLiteral("请填写配置名称。"), QStringLiteral("Give the profile a name.")};
    case Code::MchidMissing:
        return {QStringLiteral("请填写商户号（mchid），即微信支付分配的数字商户号。"),
                QStringLiteral("Enter the merchant ID (mchid): the number WeChat Pay assigned to the merchant.")};
    case Code::MchidNotDigits:
        return {QStringLiteral("商户号应为数字。"), QStringLiteral("The merchant ID (mchid) must be digits.")};
    case Code::BrandIdInvalid:
        return {QStringLiteral("品牌ID（brand_id）应为 1–32 个字母、数字、下划线或短横线%1。")
                    .arg(m_detail.isEmpty() ? QString() : QStringLiteral("：“%1”").arg(m_detail)),
                QStringLiteral("A brand ID (brand_id) is 1-32 letters, digits, '_' or '-'%1.")
                    .arg(m_detail.isEmpty() ? QString() : QStringLiteral(": '%1'").arg(m_detail))};
    case Code::BrandNeedsPublicKey:
        return {QStringLiteral("品牌身份的应答只能用微信支付公钥验签，请提供公钥ID与公钥文件（不支持平台证书）。"),
                QStringLiteral("A brand's answers are verified with the WeChat Pay public key only: give the public "
                               "key ID and file (platform certificates do not apply).")};
    case Code::SerialInvalid:
        return {
            QStringLiteral("商户证书序列号应为 40 位十六进制字符；选择 apiclient_cert.pem 可自动读取。"),
            QStringLiteral("The merchant certificate serial is 40 hexadecimal characters; choose apiclient_cert.pem "
                           "to read it automatically.")};
    case Code::SerialDiffersFromCertificate:
        return {QStringLiteral("填写的序列号与证书的序列号 %1 不一致。").arg(m_detail),
                QStringLiteral("The serial entered is not the certificate's serial %1.").arg(m_detail)};
    case Code::PrivateKeyMissing:
        return {QStringLiteral("请选择商户 API 私钥文件（apiclient_key.pem 或 apiclient_cert.p12）。"),
                QStringLiteral("Choose the merchant API private key (apiclient_key.pem or apiclient_cert.p12).")};
    case Code::PublicKeyIdInvalid:
        return {QStringLiteral("微信支付公钥 ID 应以 PUB_KEY_ID_ 开头。"),
                QStringLiteral("The WeChat Pay public key ID starts with PUB_KEY_ID_.")};
    case Code::PublicKeyMissing:
        return {QStringLiteral("公钥验签需要微信支付公钥 ID 与公钥文件 pub_key.pem。"),
                QStringLiteral("Public-key verification needs the WeChat Pay public key ID and pub_key.pem.")};
    case Code::ApiV3KeyLength:
        return {QStringLiteral("平台证书模式需要 APIv3 密钥，且必须正好 32 个字节。"),
                QStringLiteral("Platform-certificate mode needs the APIv3 key, exactly 32 bytes.")};
    case Code::UrlInvalid:
        return {
            QStringLiteral("接口地址 %1 不可用：必须是 https 地址（http 只允许本机模拟器）。").arg(m_detail),
            QStringLiteral("The address %1 is not usable: it must be https (plain http only for a local simulator).")
                .arg(m_detail)};
    case Code::TimeoutOutOfRange:
        return {QStringLiteral("超时应在 1 到 600 秒之间。"), QStringLiteral("The timeout must be 1 to 600 seconds.")};
    case Code::OperatorNameInvalid:
        return {QStringLiteral("操作人最多 %1 个字符，且不能含换行等控制字符。")
                    .arg(MerchantProfile::MaximumOperatorNameLength),
                QStringLiteral("The operator name takes at most %1 characters and no control characters such as "
                               "line breaks.")
                    .arg(MerchantProfile::MaximumOperatorNameLength)};
    case Code::OwnKeyAsWeChatPayKey:
        return {QStringLiteral("%1 是商户自己的公钥或证书，不是微信支付的。验证应答需要从商户平台下载的微信支付公钥 "
                               "pub_key.pem 或微信支付平台证书。")
                    .arg(m_detail),
                QStringLiteral("%1 is the merchant's own public key or certificate, not WeChat Pay's. Answers are "
                               "verified with the WeChat Pay public key (pub_key.pem) or WeChat Pay's platform "
                               "certificates.")
                    .arg(m_detail)};
    case Code::CertificateOfAnotherMerchant:
    case Code::UrlPairing:
    case Code::CaFile:
    case Code::PrivateKey:
    case Code::MerchantCertificate:
    case Code::PublicKey:
    case Code::PlatformCertificate:
    case Code::TlsBackend:
        break;
    }
    return {};
}

Result<ProfileConnection, ProfileProblem> ProfileConnection::build(const MerchantProfile &profile,
                                                                   const ProfileSecrets &secrets)
{
    using C = ProfileProblem::Code;
    // Before anything touches TLS (the CA file below, every connection made from this one): the
    // backend this build ships. Pinned here, where a profile first needs it, so that a window
    // with no profile open never loads libssl (3.4 MiB of the start-up's peak memory).
    if (auto problem = pinTlsBackend())
        return ProfileProblem::withText(C::TlsBackend, *problem);
    if (profile.isBrand()) {
        if (auto problem = checkBrandId(profile.brandId))
            return *problem;
        // Wechatpay-Serial must carry the brand's public-key ID (PRODUCT_COUPON.md §3).
        if (profile.verificationMode != VerificationMode::PublicKey)
            return ProfileProblem(C::BrandNeedsPublicKey);
    } else if (!allOf(profile.mchid, isAsciiDigit)) {
        return ProfileProblem(C::MchidNotDigits);
    }
    for (const QString &brand : profile.brands) {
        if (auto problem = checkBrandId(brand))
            return *problem;
    }
    if (profile.privateKeyFile.isEmpty())
        return ProfileProblem(C::PrivateKeyMissing);

    ProfileConnection connection;
    // A .p12's default passphrase is the ID it was issued to.
    const QString &callerId = profile.callerId();
    auto key = KeyLoader::merchantKeyFromFile(profile.privateKeyFile, secrets.keyPassphrase, callerId);
    if (!key)
        return ProfileProblem(C::PrivateKey, key.error());
    connection.keyFormat = key->format;
    connection.credentials.identity = profile.identity;
    connection.credentials.mchid = profile.isBrand() ? QString() : profile.mchid;
    connection.credentials.brandId = profile.isBrand() ? profile.brandId : QString();
    connection.credentials.privateKey = key->key;

    std::optional<Certificate> certificate = key->certificate;
    if (!profile.merchantCertificateFile.isEmpty()) {
        auto loaded = KeyLoader::certificateFromFile(profile.merchantCertificateFile, secrets.keyPassphrase, callerId);
        if (!loaded)
            return ProfileProblem(C::MerchantCertificate, loaded.error());
        certificate = *loaded;
    }
    if (certificate) {
        auto serial = KeyLoader::serialForKey(key->key, *certificate);
        if (!serial)
            return ProfileProblem(C::PrivateKey, KeyError(serial.error()).inFile(profile.privateKeyFile));
        if (!profile.merchantSerial.isEmpty() && profile.merchantSerial.compare(*serial, Qt::CaseInsensitive) != 0)
            return ProfileProblem(C::SerialDiffersFromCertificate, std::nullopt, *serial);
        connection.credentials.certificateSerial = *serial;
    } else {
        const bool fortyHex = profile.merchantSerial.size() == 40 && allOf(profile.merchantSerial, [](QChar c) {
                                  return isAsciiDigit(c) || (c.toUpper() >= u'A' && c.toUpper() <= u'F');
                              });
        if (!fortyHex)
            return ProfileProblem(C::SerialInvalid);
        connection.credentials.certificateSerial = profile.merchantSerial.toUpper();
    }

    if (profile.usesPublicKey()) {
        if (profile.publicKeyId.isEmpty() || profile.publicKeyFile.isEmpty())
            return ProfileProblem(C::PublicKeyMissing);
        if (!profile.publicKeyId.startsWith(QLatin1String("PUB_KEY_ID_")))
            return ProfileProblem(C::PublicKeyIdInvalid);
        auto publicKey = KeyLoader::publicKeyFromFile(profile.publicKeyFile);
        if (!publicKey && publicKey.error().code() == KeyError::Code::CertificateInsteadOfKey) {
            // apiclient_cert.pem picked for pub_key.pem: "your own certificate" says more than
            // "a certificate".
            auto given = KeyLoader::certificateFromFile(profile.publicKeyFile);
            if (given && isMerchantsOwnKey(given->publicKey(), key->key))
                return ProfileProblem(C::OwnKeyAsWeChatPayKey, std::nullopt, profile.publicKeyFile);
        }
        if (!publicKey)
            return ProfileProblem(C::PublicKey, publicKey.error());
        if (isMerchantsOwnKey(*publicKey, key->key))
            return ProfileProblem(C::OwnKeyAsWeChatPayKey, std::nullopt, profile.publicKeyFile);
        connection.keys.setPublicKey(profile.publicKeyId, *publicKey);
    }
    for (const QString &file : profile.platformCertificateFiles) {
        auto platform = KeyLoader::certificateFromFile(file);
        if (!platform)
            return ProfileProblem(C::PlatformCertificate, platform.error());
        if (isMerchantsOwnKey(platform->publicKey(), key->key))
            return ProfileProblem(C::OwnKeyAsWeChatPayKey, std::nullopt, file);
        connection.keys.addPlatformCertificate(*platform);
    }
    if (profile.usesPlatformCertificates() && profile.platformCertificateFiles.isEmpty()
        && secrets.apiV3Key.size() != 32)
        return ProfileProblem(C::ApiV3KeyLength);

    const QUrl backup = profile.effectiveBackupUrl();
    for (const QUrl &url : {profile.primaryBaseUrl, backup}) {
        if (url.isEmpty() && url == backup)
            continue; // no backup
        if (auto problem = DomainPolicy::checkBaseUrl(url))
            return ProfileProblem::withText(C::UrlInvalid, *problem);
    }
    if (auto problem = DomainPolicy::checkPair(profile.primaryBaseUrl, backup))
        return ProfileProblem::withText(C::UrlPairing, *problem);
    if (profile.timeoutMs < 1000 || profile.timeoutMs > 600000)
        return ProfileProblem(C::TimeoutOutOfRange);
    connection.settings.primaryBaseUrl = profile.primaryBaseUrl.adjusted(QUrl::StripTrailingSlash);
    connection.settings.backupBaseUrl = backup.adjusted(QUrl::StripTrailingSlash);
    connection.settings.timeoutMs = profile.timeoutMs;
    if (!profile.caFile.isEmpty()) {
        auto authorities = loadCertificateAuthorities(profile.caFile);
        if (!authorities)
            return ProfileProblem::withText(C::CaFile, authorities.error());
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(*authorities);
        connection.settings.sslConfiguration = configuration;
    }
    return connection;
}

Result<QList<QSslCertificate>, BilingualText> loadCertificateAuthorities(const QString &file)
{
    auto content = KeyLoader::readFile(file);
    if (!content) {
        const BilingualText why = content.error().text();
        return BilingualText{QStringLiteral("CA 文件不可用：%1").arg(why.zh),
                             QStringLiteral("The CA file is not usable: %1").arg(why.en)};
    }
    const QList<QSslCertificate> authorities = QSslCertificate::fromData(*content, QSsl::Pem);
    if (authorities.isEmpty())
        return BilingualText{QStringLiteral("CA 文件 %1 中没有 PEM 证书。").arg(file),
                             QStringLiteral("The CA file %1 holds no PEM certificate.").arg(file)};
    return authorities;
}

std::optional<ProfileProblem> checkMchid(const QString &mchid)
{
    if (mchid.trimmed().isEmpty())
        return ProfileProblem(ProfileProblem::Code::MchidMissing);
    if (!allOf(mchid.trimmed(), isAsciiDigit))
        return ProfileProblem(ProfileProblem::Code::MchidNotDigits);
    return std::nullopt;
}

std::optional<ProfileProblem> checkOperatorName(const QString &operatorName)
{
    if (!MerchantProfile::operatorNameFrom(operatorName))
        return ProfileProblem(ProfileProblem::Code::OperatorNameInvalid);
    return std::nullopt;
}

std::optional<ProfileProblem> checkCertificateMerchant(const Certificate &certificate, const QString &mchid)
{
    const QString owner = certificate.subjectCommonName();
    if (certificate.isNull() || !allOf(owner, isAsciiDigit) || !allOf(mchid, isAsciiDigit) || owner == mchid)
        return std::nullopt;
    return ProfileProblem::withText(
        ProfileProblem::Code::CertificateOfAnotherMerchant,
        {QStringLiteral("此商户证书属于商户号 %1，而第 1 页填写的商户号是 %2。请选择商户号 %2 的 apiclient_cert.pem，"
                        "或返回第 1 页改正商户号。")
             .arg(owner, mchid),
         QStringLiteral("This merchant certificate belongs to merchant ID %1, but the merchant ID on page 1 is %2. "
                        "Choose the apiclient_cert.pem of merchant %2, or go back and correct the merchant ID.")
             .arg(owner, mchid)});
}

std::optional<ProfileProblem> checkBrandId(const QString &brandId)
{
    if (ProductCouponApi::isValidBrandId(brandId))
        return std::nullopt;
    return ProfileProblem(ProfileProblem::Code::BrandIdInvalid, std::nullopt, brandId);
}

QList<ProfileProblem> validateProfile(const MerchantProfile &profile, const ProfileSecrets &secrets)
{
    QList<ProfileProblem> problems;
    if (profile.name.trimmed().isEmpty())
        problems.append(ProfileProblem::Code::NameMissing);
    if (auto problem = checkOperatorName(profile.operatorName))
        problems.append(*problem); // a profile the store would write but never read back
    auto connection = ProfileConnection::build(profile, secrets);
    if (!connection)
        problems.append(connection.error());
    return problems;
}

} // namespace budgetdesk
