#include "cli/CliConnection.h"

namespace budgetdesk::cli {

namespace {

// The transport options of the command line, over whatever the profile says, for this run.
void applyTransportOptions(const CliOptions &options, MerchantProfile &profile)
{
    if (!options.baseUrl.isEmpty()) {
        profile.primaryBaseUrl = QUrl(options.baseUrl, QUrl::StrictMode);
        // A new primary brings its own default backup unless one is named too.
        if (!options.backupUrlSet)
            profile.backupBaseUrl.reset();
    }
    if (options.backupUrlSet)
        profile.backupBaseUrl
            = options.backupUrl == QLatin1String("none") ? QUrl() : QUrl(options.backupUrl, QUrl::StrictMode);
    if (options.timeoutMs)
        profile.timeoutMs = *options.timeoutMs;
    if (!options.caFile.isEmpty())
        profile.caFile = options.caFile;
    if (!options.operatorName.isEmpty())
        profile.operatorName = options.operatorName;
}

} // namespace

MerchantProfile CliConnection::profileFromOptions(const CliOptions &options, const QString &name)
{
    MerchantProfile profile;
    profile.name = name;
    profile.identity = callerIdentityFromName(options.identity).value_or(CallerIdentity::Merchant);
    if (profile.isBrand()) {
        // The brand's own API certificate takes the place of the merchant's.
        profile.brandId = options.brandIds.value(0);
        profile.merchantSerial = options.brandSerial;
        profile.merchantCertificateFile = options.brandCertificateFile;
    } else {
        profile.mchid = options.mchid;
        profile.brands = options.brandIds;
        profile.merchantSerial = options.merchantSerial;
        profile.merchantCertificateFile = options.merchantCertificateFile;
    }
    profile.privateKeyFile = options.privateKeyFile;
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
    applyTransportOptions(options, profile);
    profile.makePathsAbsolute();
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
        *target = qEnvironmentVariable(qPrintable(variable)).toUtf8(); // Unicode on Windows too
    }
    return std::nullopt;
}

Result<CliConnection, BilingualText> CliConnection::forProfile(const CliOptions &options, const MerchantProfile &saved,
                                                               SecretStore &secrets)
{
    CliConnection connection;
    connection.profile = saved;
    applyTransportOptions(options, connection.profile);
    connection.profile.makePathsAbsolute();
    // The OS store first; the environment, when given, wins for this run.
    secrets.readNow(SecretStore::passphraseKey(saved.name), connection.secrets.keyPassphrase);
    secrets.readNow(SecretStore::apiV3Key(saved.name), connection.secrets.apiV3Key);
    if (auto problem = secretsFromEnvironment(options, connection.secrets))
        return *problem;
    return connection;
}

Result<CliConnection, BilingualText> CliConnection::resolve(const CliOptions &options, ProfileStore &profiles,
                                                            SecretStore &secrets)
{
    if (options.profile.isEmpty()) {
        CliConnection connection;
        connection.profile = profileFromOptions(options, QStringLiteral("(command line)"));
        if (auto problem = secretsFromEnvironment(options, connection.secrets))
            return *problem;
        return connection;
    }
    if (options.hasConnectionOptions())
        return BilingualText{QStringLiteral("--profile 不能与商户身份选项（--mchid、密钥、证书）同用；地址、超时与 "
                                            "--ca-file 可用于覆盖配置。"),
                             QStringLiteral("--profile cannot be combined with identity options (--mchid, keys, "
                                            "certificates); addresses, timeout and --ca-file override the profile.")};
    if (profiles.readProblem())
        return *profiles.readProblem();
    const auto saved = profiles.profile(options.profile);
    if (!saved)
        return BilingualText{QStringLiteral("没有名为“%1”的配置。").arg(options.profile),
                             QStringLiteral("There is no profile named '%1'.").arg(options.profile)};
    return forProfile(options, *saved, secrets);
}

Result<QString, BilingualText> CliConnection::brandFor(const CliOptions &options, const MerchantProfile &profile)
{
    if (profile.isBrand())
        return profile.brandId; // named by the signature; nothing else to choose
    if (options.brandIds.size() == 1)
        return options.brandIds.first();
    if (options.brandIds.isEmpty() && profile.brands.size() == 1)
        return profile.brands.first();
    const QString listedZh = profile.brands.isEmpty()
        ? QString()
        : QStringLiteral("（配置中的品牌：%1）").arg(profile.brands.join(QStringLiteral("、")));
    const QString listedEn = profile.brands.isEmpty()
        ? QString()
        : QStringLiteral(" (the profile's brands: %1)").arg(profile.brands.join(QStringLiteral(", ")));
    return BilingualText{
        QStringLiteral("以服务商身份操作商品券需要指定一个品牌：--brand-id ID%1。").arg(listedZh),
        QStringLiteral("A service provider must name one brand for 商品券: --brand-id ID%1.").arg(listedEn)};
}

std::optional<ClientSettings> CliConnection::transport(const CliOptions &options)
{
    if (!options.retryDelayMs)
        return std::nullopt;
    ClientSettings settings;
    settings.backoffMs = *options.retryDelayMs;
    return settings;
}

} // namespace budgetdesk::cli
