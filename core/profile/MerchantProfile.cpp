#include "profile/MerchantProfile.h"

#include "http/DomainPolicy.h"

#include <QDir>
#include <QJsonArray>

#include <algorithm>

namespace budgetdesk {

namespace {
const QString Format = QStringLiteral("budgetdesk-profile");
constexpr int Version = 1;
} // namespace

QString verificationModeName(VerificationMode mode)
{
    switch (mode) {
    case VerificationMode::PublicKey:
        return QStringLiteral("public_key");
    case VerificationMode::PlatformCertificates:
        return QStringLiteral("platform_certificates");
    case VerificationMode::Both:
        break;
    }
    return QStringLiteral("both");
}

std::optional<VerificationMode> verificationModeFromName(const QString &name)
{
    for (VerificationMode mode :
         {VerificationMode::PublicKey, VerificationMode::PlatformCertificates, VerificationMode::Both}) {
        if (verificationModeName(mode) == name)
            return mode;
    }
    return std::nullopt;
}

std::optional<QString> MerchantProfile::operatorNameFrom(const QString &text)
{
    const QString name = text.trimmed();
    if (name.size() > MaximumOperatorNameLength)
        return std::nullopt;
    if (std::any_of(name.cbegin(), name.cend(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return std::nullopt;
    return name;
}

QUrl MerchantProfile::effectiveBackupUrl() const
{
    return backupBaseUrl ? *backupBaseUrl : DomainPolicy::defaultBackupFor(primaryBaseUrl);
}

void MerchantProfile::makePathsAbsolute()
{
    auto absolute = [](QString &path) {
        if (!path.isEmpty())
            path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    };
    absolute(privateKeyFile);
    absolute(merchantCertificateFile);
    absolute(publicKeyFile);
    absolute(caFile);
    for (QString &file : platformCertificateFiles)
        absolute(file);
}

QJsonObject MerchantProfile::toJson() const
{
    QJsonObject json{
        {QStringLiteral("format"), Format},
        {QStringLiteral("version"), Version},
        {QStringLiteral("name"), name},
        {QStringLiteral("mchid"), mchid},
        {QStringLiteral("merchant_serial"), merchantSerial},
        {QStringLiteral("private_key_file"), privateKeyFile},
        {QStringLiteral("merchant_certificate_file"), merchantCertificateFile},
        {QStringLiteral("verification"), verificationModeName(verificationMode)},
        {QStringLiteral("public_key_id"), publicKeyId},
        {QStringLiteral("public_key_file"), publicKeyFile},
        {QStringLiteral("platform_certificate_files"), QJsonArray::fromStringList(platformCertificateFiles)},
        {QStringLiteral("primary_base_url"), primaryBaseUrl.toString()},
        {QStringLiteral("timeout_ms"), timeoutMs}};
    // Absent: the default for the primary; "none": no backup.
    if (backupBaseUrl)
        json.insert(QStringLiteral("backup_base_url"),
                    backupBaseUrl->isEmpty() ? QStringLiteral("none") : backupBaseUrl->toString());
    if (!caFile.isEmpty())
        json.insert(QStringLiteral("ca_file"), caFile);
    if (!operatorName.isEmpty()) // optional: files without it stay as they were
        json.insert(QStringLiteral("operator_name"), operatorName);
    // 商品券 (optional too: a merchant profile without brands reads as before).
    if (isBrand()) {
        json.insert(QStringLiteral("identity"), callerIdentityName(identity));
        json.insert(QStringLiteral("brand_id"), brandId);
    }
    if (!brands.isEmpty())
        json.insert(QStringLiteral("brands"), QJsonArray::fromStringList(brands));
    return json;
}

Result<MerchantProfile, QString> MerchantProfile::fromJson(const QJsonObject &json)
{
    if (json.value(QStringLiteral("format")).toString() != Format)
        return QStringLiteral("not a BudgetDesk profile file");
    if (json.value(QStringLiteral("version")).toInt() != Version)
        return QStringLiteral("unsupported profile file version %1").arg(json.value(QStringLiteral("version")).toInt());
    MerchantProfile profile;
    auto text = [&](const char *key) { return json.value(QLatin1String(key)).toString(); };
    profile.name = text("name");
    if (json.contains(QStringLiteral("identity"))) {
        const auto identity = callerIdentityFromName(text("identity"));
        if (!identity)
            return QStringLiteral("unknown identity '%1' (merchant or brand)").arg(text("identity"));
        profile.identity = *identity;
    }
    profile.mchid = text("mchid");
    profile.brandId = text("brand_id");
    const QJsonArray brands = json.value(QStringLiteral("brands")).toArray();
    if (brands.size() > MaximumBrands)
        return QStringLiteral("more than %1 brands").arg(MaximumBrands);
    for (const QJsonValue brand : brands)
        profile.brands.append(brand.toString());
    profile.merchantSerial = text("merchant_serial");
    profile.privateKeyFile = text("private_key_file");
    profile.merchantCertificateFile = text("merchant_certificate_file");
    const auto mode = verificationModeFromName(text("verification"));
    if (!mode)
        return QStringLiteral("unknown verification mode '%1'").arg(text("verification"));
    profile.verificationMode = *mode;
    profile.publicKeyId = text("public_key_id");
    profile.publicKeyFile = text("public_key_file");
    for (const QJsonValue file : json.value(QStringLiteral("platform_certificate_files")).toArray())
        profile.platformCertificateFiles.append(file.toString());
    if (json.contains(QStringLiteral("primary_base_url")))
        profile.primaryBaseUrl = QUrl(text("primary_base_url"));
    if (json.contains(QStringLiteral("backup_base_url"))) {
        const QString backup = text("backup_base_url");
        // Earlier versions wrote the official backup into every profile; it stays the default
        // (and so none for any primary but the official one).
        if (backup == QLatin1String("none") || backup.isEmpty())
            profile.backupBaseUrl = QUrl();
        else if (QUrl(backup) != DomainPolicy::officialBackup())
            profile.backupBaseUrl = QUrl(backup);
    }
    profile.caFile = text("ca_file");
    const auto operatorName = MerchantProfile::operatorNameFrom(text("operator_name"));
    if (!operatorName)
        return QStringLiteral("operator_name must be at most %1 characters without control characters")
            .arg(MaximumOperatorNameLength);
    profile.operatorName = *operatorName;
    profile.timeoutMs = json.value(QStringLiteral("timeout_ms")).toInt(profile.timeoutMs);
    return profile;
}

} // namespace budgetdesk
