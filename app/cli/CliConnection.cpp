#include "cli/CliConnection.h"

#include <QSslCertificate>

namespace budgetdesk::cli {

MerchantProfile CliConnection::profileFromOptions(const CliOptions &options, const QString &name)
{
    MerchantProfile profile;
    profile.name = name;
    profile.mchid = options.mchid;
    profile.merchantSerial = options.merchantSerial;
    profile.privateKeyFile = options.privateKeyFile;
    profile.merchantCertificateFile = options.merchantCertificateFile;
    profile.publicKeyId = options.publicKeyId;
    profile.publicKeyFile = options.publicKeyFile;
    profile.platformCertificateFiles = options.platformCertificateFiles;
    if (const auto mode = verificationModeFromName(options.verification)) {
        profile.verificationMode = *mode;
    } else {
        // From what was given: a public key, certificates (given, or downloaded with the APIv3 key), or both.
        const bool publicKey = !options.publicKeyId.isEmpty() || !options.publicKeyFile.isEmpty();
        const bool certificates = !options.platformCertificateFiles.isEmpty() || !options.apiV3KeyEnv.isEmpty();
        profile.verificationMode = publicKey && certificates ? VerificationMode::Both
            : certificates                                   ? VerificationMode::PlatformCertificates
                                                             : VerificationMode::PublicKey;
    }
    if (!options.baseUrl.isEmpty())
        profile.primaryBaseUrl = QUrl(options.baseUrl);
    if (options.backupUrlSet)
        profile.backupBaseUrl = options.backupUrl == QLatin1String("none") ? QUrl() : QUrl(options.backupUrl);
    if (options.timeoutMs)
        profile.timeoutMs = *options.timeoutMs;
    return profile;
}

std::optional<BilingualText> CliConnection::secretsFromEnvironment(const CliOptions &options, ProfileSecrets &secrets)
{
    for (const auto &[variable, target] : {std::pair{options.passphraseEnv, &secrets.keyPassphrase},
                                           std::pair{options.apiV3KeyEnv, &secrets.apiV3Key}}) {
        if (variable.isEmpty())
            continue;
        if (!qEnvironmentVariableIsSet(qPrintable(variable)))
            return BilingualText{QStringLiteral("环境变量 %1 未设置。").arg(variable),
                                 QStringLiteral("The environment variable %1 is not set.").arg(variable)};
        *target = qgetenv(qPrintable(variable));
    }
    return std::nullopt;
}

Result<CliConnection, BilingualText> CliConnection::resolve(const CliOptions &options, ProfileStore &profiles,
                                                            SecretStore &secrets)
{
    CliConnection connection;
    if (!options.profile.isEmpty()) {
        if (options.hasConnectionOptions())
            return BilingualText{QStringLiteral("--profile 与连接选项只能选一种。"),
                                 QStringLiteral("Give either --profile or connection options, not both.")};
        const auto saved = profiles.profile(options.profile);
        if (!saved)
            return BilingualText{QStringLiteral("没有名为“%1”的配置。").arg(options.profile),
                                 QStringLiteral("There is no profile named '%1'.").arg(options.profile)};
        connection.profile = *saved;
        // The OS store first; the environment, when given, wins for this run.
        secrets.readNow(SecretStore::passphraseKey(saved->name), connection.secrets.keyPassphrase);
        secrets.readNow(SecretStore::apiV3Key(saved->name), connection.secrets.apiV3Key);
    } else {
        connection.profile = profileFromOptions(options, QStringLiteral("(command line)"));
    }
    if (auto problem = secretsFromEnvironment(options, connection.secrets))
        return *problem;
    return connection;
}

Result<std::optional<ClientSettings>, BilingualText> CliConnection::transport(const CliOptions &options)
{
    if (options.caFile.isEmpty() && !options.retryDelayMs)
        return std::optional<ClientSettings>();
    ClientSettings settings;
    if (options.retryDelayMs)
        settings.backoffMs = *options.retryDelayMs;
    if (!options.caFile.isEmpty()) {
        const QList<QSslCertificate> authorities = QSslCertificate::fromPath(options.caFile);
        if (authorities.isEmpty())
            return BilingualText{QStringLiteral("--ca-file %1 中没有 PEM 证书。").arg(options.caFile),
                                 QStringLiteral("--ca-file %1 holds no PEM certificate.").arg(options.caFile)};
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(authorities);
        settings.sslConfiguration = configuration;
    }
    return std::optional<ClientSettings>(settings);
}

} // namespace budgetdesk::cli
