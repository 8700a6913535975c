#pragma once

#include "auth/RequestSigner.h"
#include "common/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace budgetdesk {

// How a merchant's answers are verified (PROTOCOL.md §3): the WeChat Pay public key, platform
// certificates downloaded with the APIv3 key, or both while migrating.
enum class VerificationMode { PublicKey, PlatformCertificates, Both };

QString verificationModeName(VerificationMode mode); // public_key, platform_certificates, both
std::optional<VerificationMode> verificationModeFromName(const QString &name);

// One caller, set up once: a merchant (商户 or 服务商) or a brand calling the 商品券 brand API
// itself. Holds file paths and identifiers, never a secret: the key's passphrase and the
// APIv3 key live in the SecretStore.
struct MerchantProfile
{
    QString name; // display name, unique per user
    CallerIdentity identity = CallerIdentity::Merchant;
    QString mchid; // merchant identity
    QString brandId; // brand identity: the brand_id that signs
    // Merchant identity: the brands it may act for as a 服务商 with 商品券 (PRODUCT_COUPON.md §3).
    QStringList brands;
    static constexpr int MaximumBrands = 200;
    // The caller's own API certificate and key — the merchant's, or the brand's.
    QString merchantSerial; // read from the certificate when one is given
    QString privateKeyFile; // apiclient_key.pem or apiclient_cert.p12
    QString merchantCertificateFile;
    VerificationMode verificationMode = VerificationMode::PublicKey;
    QString publicKeyId;
    QString publicKeyFile;
    QStringList platformCertificateFiles; // fixed ones; downloaded ones are cached apart
    QUrl primaryBaseUrl = QUrl(QStringLiteral("https://api.mch.weixin.qq.com"));
    // nullopt: the backup DomainPolicy pairs with the primary (the official backup for the
    // official primary, none otherwise); an empty URL: none.
    std::optional<QUrl> backupBaseUrl;
    int timeoutMs = 15000;
    QString caFile; // when set, only these CAs are trusted (a company's HTTPS gateway)
    // 操作人: who works with this profile on a shared PC, recorded with each change beside the
    // OS account (which such a PC shares). Optional; a name, not a secret.
    QString operatorName;
    static constexpr int MaximumOperatorNameLength = 32;
    // The name as it is stored: trimmed, at most MaximumOperatorNameLength characters and no
    // control characters (it lands in CSV cells and log lines); nullopt if it is not one.
    static std::optional<QString> operatorNameFrom(const QString &text);

    bool isBrand() const { return identity == CallerIdentity::Brand; }
    const QString &callerId() const { return isBrand() ? brandId : mchid; }
    bool usesPublicKey() const { return verificationMode != VerificationMode::PlatformCertificates; }
    bool usesPlatformCertificates() const { return verificationMode != VerificationMode::PublicKey; }
    QUrl effectiveBackupUrl() const;
    // Every file path made absolute (against the current directory), so that the profile
    // works from wherever it is used later.
    void makePathsAbsolute();

    // The export/import file's content: {"format":"budgetdesk-profile","version":1,…}.
    QJsonObject toJson() const;
    static Result<MerchantProfile, QString> fromJson(const QJsonObject &json);
};

// The secrets a profile may need, held in memory only.
struct ProfileSecrets
{
    QByteArray keyPassphrase;
    QByteArray apiV3Key;
};

} // namespace budgetdesk
