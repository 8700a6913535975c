#include "profile/ProfileConnection.h"

#include <QHostAddress>

namespace budgetdesk {

namespace {

bool allOf(const QString &text, bool (*accept)(QChar))
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), accept);
}

bool isUsableUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    // Plain HTTP only to this machine: the simulator in demo mode and tests.
    const bool loopback = url.host() == QLatin1String("localhost") || QHostAddress(url.host()).isLoopback();
    return url.scheme() == QLatin1String("http") && loopback;
}

} // namespace

QString ProfileProblem::field() const
{
    switch (m_code) {
    case Code::NameMissing:
        return QStringLiteral("name");
    case Code::MchidNotDigits:
        return QStringLiteral("mchid");
    case Code::SerialInvalid:
    case Code::SerialDiffersFromCertificate:
        return QStringLiteral("merchant_serial");
    case Code::PrivateKeyMissing:
    case Code::PrivateKey:
        return QStringLiteral("private_key");
    case Code::MerchantCertificate:
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
        return QStringLiteral("base_url");
    case Code::TimeoutOutOfRange:
        return QStringLiteral("timeout");
    }
    return {};
}

BilingualText ProfileProblem::text() const
{
    if (m_keyError)
        return m_keyError->text();
    switch (m_code) {
    case Code::NameMissing:
        return {QStringLiteral("请填写配置名称。"), QStringLiteral("Give the profile a name.")};
    case Code::MchidNotDigits:
        return {QStringLiteral("商户号应为数字。"), QStringLiteral("The merchant ID (mchid) must be digits.")};
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
    case Code::PrivateKey:
    case Code::MerchantCertificate:
    case Code::PublicKey:
    case Code::PlatformCertificate:
        break;
    }
    return {};
}

Result<ProfileConnection, ProfileProblem> ProfileConnection::build(const MerchantProfile &profile,
                                                                   const ProfileSecrets &secrets)
{
    using C = ProfileProblem::Code;
    if (!allOf(profile.mchid, [](QChar c) { return c.isDigit(); }))
        return ProfileProblem(C::MchidNotDigits);
    if (profile.privateKeyFile.isEmpty())
        return ProfileProblem(C::PrivateKeyMissing);

    ProfileConnection connection;
    auto key = KeyLoader::merchantKeyFromFile(profile.privateKeyFile, secrets.keyPassphrase, profile.mchid);
    if (!key)
        return ProfileProblem(C::PrivateKey, key.error());
    connection.keyFormat = key->format;
    connection.credentials.mchid = profile.mchid;
    connection.credentials.privateKey = key->key;

    std::optional<Certificate> certificate = key->certificate;
    if (!profile.merchantCertificateFile.isEmpty()) {
        auto loaded
            = KeyLoader::certificateFromFile(profile.merchantCertificateFile, secrets.keyPassphrase, profile.mchid);
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
                                  return c.isDigit() || (c.toUpper() >= u'A' && c.toUpper() <= u'F');
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
        if (!publicKey)
            return ProfileProblem(C::PublicKey, publicKey.error());
        connection.keys.setPublicKey(profile.publicKeyId, *publicKey);
    }
    for (const QString &file : profile.platformCertificateFiles) {
        auto platform = KeyLoader::certificateFromFile(file);
        if (!platform)
            return ProfileProblem(C::PlatformCertificate, platform.error());
        connection.keys.addPlatformCertificate(*platform);
    }
    if (profile.usesPlatformCertificates() && profile.platformCertificateFiles.isEmpty()
        && secrets.apiV3Key.size() != 32)
        return ProfileProblem(C::ApiV3KeyLength);

    for (const QUrl &url : {profile.primaryBaseUrl, profile.backupBaseUrl}) {
        if (!url.isEmpty() && !isUsableUrl(url))
            return ProfileProblem(C::UrlInvalid, std::nullopt, url.toString());
    }
    if (profile.primaryBaseUrl.isEmpty())
        return ProfileProblem(C::UrlInvalid, std::nullopt, QStringLiteral("(empty)"));
    if (profile.timeoutMs < 1000 || profile.timeoutMs > 600000)
        return ProfileProblem(C::TimeoutOutOfRange);
    connection.settings.primaryBaseUrl = profile.primaryBaseUrl;
    connection.settings.backupBaseUrl = profile.backupBaseUrl;
    connection.settings.timeoutMs = profile.timeoutMs;
    return connection;
}

QList<ProfileProblem> validateProfile(const MerchantProfile &profile, const ProfileSecrets &secrets)
{
    QList<ProfileProblem> problems;
    if (profile.name.trimmed().isEmpty())
        problems.append(ProfileProblem::Code::NameMissing);
    auto connection = ProfileConnection::build(profile, secrets);
    if (!connection)
        problems.append(connection.error());
    return problems;
}

} // namespace budgetdesk
