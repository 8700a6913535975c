#include "simulator/DemoMerchant.h"

#include "crypto/KeyLoader.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace budgetdesk::sim {

const QString DemoMerchant::MerchantKeyFile = QStringLiteral("apiclient_key.pem");
const QString DemoMerchant::MerchantCertificateFile = QStringLiteral("apiclient_cert.pem");
const QString DemoMerchant::WechatPayPublicKeyFile = QStringLiteral("pub_key.pem");
const QString DemoMerchant::PlatformCertificateFile = QStringLiteral("wechatpay_platform_cert.pem");
const QString DemoMerchant::BrandKeyFile = QStringLiteral("brand_apiclient_key.pem");
const QString DemoMerchant::BrandCertificateFile = QStringLiteral("brand_apiclient_cert.pem");

namespace {

QByteArray resource(const char *name)
{
    QFile file(QStringLiteral(":/budgetdesk/demo/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("demo resource %s is missing from the build", name);
    return file.readAll();
}

template<typename T> T loaded(Result<T, KeyError> result)
{
    if (!result)
        qFatal("demo resource unusable: %s", qPrintable(result.error().text().en));
    return std::move(result).value();
}

} // namespace

const DemoMerchant &DemoMerchant::instance()
{
    static const DemoMerchant merchant = [] {
        DemoMerchant m;
        const QJsonObject ids = QJsonDocument::fromJson(resource("demo_merchant.json")).object();
        m.mchid = ids.value(QStringLiteral("mchid")).toString();
        m.merchantSerial = ids.value(QStringLiteral("merchant_serial")).toString();
        m.publicKeyId = ids.value(QStringLiteral("public_key_id")).toString();
        m.platformSerial = ids.value(QStringLiteral("platform_serial")).toString();
        m.apiV3Key = ids.value(QStringLiteral("apiv3_key")).toString().toLatin1();
        m.merchantPrivateKeyPem = resource("merchant_private_key.pem");
        m.merchantCertificatePem = resource("merchant_certificate.pem");
        m.wechatPayPublicKeyPem = resource("wechatpay_public_key.pem");
        m.platformCertificatePem = resource("platform_certificate.pem");
        m.wechatPayPublicKeyPrivatePem = resource("wechatpay_public_key_private.pem");
        m.platformPrivateKeyPem = resource("platform_private_key.pem");
        const QJsonObject brand = QJsonDocument::fromJson(resource("demo_brand.json")).object();
        m.brandId = brand.value(QStringLiteral("brand_id")).toString();
        m.brandSerial = brand.value(QStringLiteral("brand_serial")).toString();
        m.brandPrivateKeyPem = resource("brand_private_key.pem");
        m.brandCertificatePem = resource("brand_certificate.pem");
        return m;
    }();
    return merchant;
}

SimulatorConfig DemoMerchant::simulatorConfig() const
{
    SimulatorConfig config;
    config.mchid = mchid;
    config.merchantSerial = merchantSerial;
    config.merchantPublicKey = loaded(KeyLoader::certificate(merchantCertificatePem)).publicKey();
    config.publicKeyIdentity
        = PlatformIdentity{publicKeyId, loaded(KeyLoader::merchantKey(wechatPayPublicKeyPrivatePem)).key, std::nullopt};
    config.certificateIdentity
        = PlatformIdentity{platformSerial, loaded(KeyLoader::merchantKey(platformPrivateKeyPem)).key,
                           loaded(KeyLoader::certificate(platformCertificatePem))};
    config.apiV3Key = apiV3Key;
    config.brandId = brandId;
    config.brandSerial = brandSerial;
    config.brandPublicKey = loaded(KeyLoader::certificate(brandCertificatePem)).publicKey();
    config.authorisedBrands = {brandId};
    return config;
}

bool DemoMerchant::writeClientFiles(const QString &directory) const
{
    if (!QDir().mkpath(directory))
        return false;
    const std::pair<QString, QByteArray> files[] = {{MerchantKeyFile, merchantPrivateKeyPem},
                                                    {MerchantCertificateFile, merchantCertificatePem},
                                                    {WechatPayPublicKeyFile, wechatPayPublicKeyPem},
                                                    {PlatformCertificateFile, platformCertificatePem},
                                                    {BrandKeyFile, brandPrivateKeyPem},
                                                    {BrandCertificateFile, brandCertificatePem}};
    for (const auto &[name, content] : files) {
        QSaveFile file(QDir(directory).filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
            return false;
    }
    return true;
}

QHash<QString, double> DemoMerchant::demoIssueRates()
{
    // 1212000000000002 has 350 left at 6 a minute: low from the start, empty in about an hour.
    return {{QStringLiteral("1212000000000001"), 40.0}, {QStringLiteral("1212000000000002"), 6.0},
            {QStringLiteral("1212000000000003"), 2.0},  {QStringLiteral("1000000013001"), 30.0},
            {QStringLiteral("1000000013002"), 5.0},     {QStringLiteral("200000001001"), 60.0}};
}

} // namespace budgetdesk::sim
