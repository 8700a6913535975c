#include "cli/ConnectionSetup.h"

#include "crypto/KeyLoader.h"

#include <QHostAddress>
#include <QSslCertificate>

namespace budgetdesk::cli {

namespace {

BilingualText missing(const char *option, const char *zh)
{
    return {QStringLiteral("缺少 --%1（%2）。").arg(QLatin1String(option), QString::fromUtf8(zh)),
            QStringLiteral("--%1 is required.").arg(QLatin1String(option))};
}

// Plain HTTP is for the local simulator only: anything else must be HTTPS.
std::optional<BilingualText> checkUrl(const QUrl &url, const char *option)
{
    const bool loopback = url.host() == QLatin1String("localhost") || QHostAddress(url.host()).isLoopback();
    if (url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("https") || (url.scheme() == QLatin1String("http") && loopback)))
        return std::nullopt;
    return BilingualText{
        QStringLiteral("--%1 %2 不可用：必须是 https 地址（http 只允许本机模拟器）。")
            .arg(QLatin1String(option), url.toString()),
        QStringLiteral("--%1 %2 is not usable: it must be https (plain http only for a local simulator).")
            .arg(QLatin1String(option), url.toString())};
}

} // namespace

Result<ConnectionSetup, BilingualText> ConnectionSetup::fromOptions(const CliOptions &options)
{
    ConnectionSetup setup;
    if (options.mchid.isEmpty())
        return missing("mchid", "商户号");
    if (options.privateKeyFile.isEmpty())
        return missing("private-key", "商户 API 私钥");

    QByteArray passphrase;
    if (!options.passphraseEnv.isEmpty()) {
        if (!qEnvironmentVariableIsSet(qPrintable(options.passphraseEnv)))
            return BilingualText{QStringLiteral("环境变量 %1 未设置。").arg(options.passphraseEnv),
                                 QStringLiteral("The environment variable %1 is not set.").arg(options.passphraseEnv)};
        passphrase = qgetenv(qPrintable(options.passphraseEnv));
    }
    auto key = KeyLoader::merchantKeyFromFile(options.privateKeyFile, passphrase, options.mchid);
    if (!key)
        return key.error().text();
    setup.credentials.mchid = options.mchid;
    setup.credentials.privateKey = key->key;

    // The serial: given, or read from the certificate (the .p12's own, or --merchant-certificate).
    std::optional<Certificate> certificate = key->certificate;
    if (!options.merchantCertificateFile.isEmpty()) {
        auto loaded = KeyLoader::certificateFromFile(options.merchantCertificateFile, passphrase, options.mchid);
        if (!loaded)
            return loaded.error().text();
        certificate = *loaded;
    }
    if (certificate) {
        auto serial = KeyLoader::serialForKey(key->key, *certificate);
        if (!serial)
            return serial.error().text();
        if (!options.merchantSerial.isEmpty() && options.merchantSerial.compare(*serial, Qt::CaseInsensitive) != 0)
            return BilingualText{
                QStringLiteral("--merchant-serial %1 与证书的序列号 %2 不一致。").arg(options.merchantSerial, *serial),
                QStringLiteral("--merchant-serial %1 is not the certificate's serial %2.")
                    .arg(options.merchantSerial, *serial)};
        setup.credentials.certificateSerial = *serial;
    } else if (!options.merchantSerial.isEmpty()) {
        setup.credentials.certificateSerial = options.merchantSerial.toUpper();
    } else {
        return missing("merchant-serial", "商户证书序列号，或用 --merchant-certificate 读取");
    }

    if (options.publicKeyId.isEmpty() != options.publicKeyFile.isEmpty())
        return BilingualText{QStringLiteral("--public-key-id 与 --public-key 需要同时给出。"),
                             QStringLiteral("--public-key-id and --public-key go together.")};
    if (!options.publicKeyId.isEmpty()) {
        if (!options.publicKeyId.startsWith(QLatin1String("PUB_KEY_ID_")))
            return BilingualText{QStringLiteral("微信支付公钥 ID 应以 PUB_KEY_ID_ 开头。"),
                                 QStringLiteral("The WeChat Pay public key ID starts with PUB_KEY_ID_.")};
        auto publicKey = KeyLoader::publicKeyFromFile(options.publicKeyFile);
        if (!publicKey)
            return publicKey.error().text();
        setup.keys.setPublicKey(options.publicKeyId, *publicKey);
    }
    for (const QString &file : options.platformCertificateFiles) {
        auto platform = KeyLoader::certificateFromFile(file);
        if (!platform)
            return platform.error().text();
        setup.keys.addPlatformCertificate(*platform);
    }
    if (setup.keys.isEmpty())
        return BilingualText{
            QStringLiteral("没有验签密钥：请给出 --public-key-id 与 --public-key，或 "
                           "--platform-certificate。未经验签的应答不会被采信。"),
            QStringLiteral(
                "No key to verify answers: give --public-key-id with --public-key, or --platform-certificate. "
                "Unverified answers are never trusted.")};

    if (!options.baseUrl.isEmpty())
        setup.settings.primaryBaseUrl = QUrl(options.baseUrl);
    if (options.backupUrlSet)
        setup.settings.backupBaseUrl = options.backupUrl == QLatin1String("none") ? QUrl() : QUrl(options.backupUrl);
    if (auto problem = checkUrl(setup.settings.primaryBaseUrl, "base-url"))
        return *problem;
    if (!setup.settings.backupBaseUrl.isEmpty()) {
        if (auto problem = checkUrl(setup.settings.backupBaseUrl, "backup-url"))
            return *problem;
    }
    setup.settings.timeoutMs = options.timeoutMs;
    if (options.retryDelayMs)
        setup.settings.backoffMs = *options.retryDelayMs;
    if (!options.caFile.isEmpty()) {
        const QList<QSslCertificate> authorities = QSslCertificate::fromPath(options.caFile);
        if (authorities.isEmpty())
            return BilingualText{QStringLiteral("--ca-file %1 中没有 PEM 证书。").arg(options.caFile),
                                 QStringLiteral("--ca-file %1 holds no PEM certificate.").arg(options.caFile)};
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(authorities);
        setup.settings.sslConfiguration = configuration;
    }
    return setup;
}

} // namespace budgetdesk::cli
