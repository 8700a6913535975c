#pragma once

#include "simulator/SimulatorConfig.h"

#include <QByteArray>
#include <QString>

namespace budgetdesk::sim {

// The self-contained demo merchant (resources/demo, compiled in): both sides of a WeChat Pay
// conversation, so the simulator and demo mode run offline without generating keys.
struct DemoMerchant
{
    QString mchid;
    QString merchantSerial;
    QString publicKeyId;
    QString platformSerial;
    QByteArray apiV3Key;

    QByteArray merchantPrivateKeyPem;
    QByteArray merchantCertificatePem;
    QByteArray wechatPayPublicKeyPem;
    QByteArray platformCertificatePem;

    // The demo 品牌 for 商品券 (brand_id 120344): its brand API key and self-signed
    // certificate. The merchant above is authorised as its 服务商.
    QString brandId;
    QString brandSerial;
    QByteArray brandPrivateKeyPem;
    QByteArray brandCertificatePem;

    static const DemoMerchant &instance();

    // Serves this merchant in both verification modes at once, and the demo brand.
    SimulatorConfig simulatorConfig() const;
    // How fast the demo's running batches issue in `budgetdesk --demo`, so that remaining stock,
    // forecasts and alerts move while one watches (coupons a minute).
    static QHash<QString, double> demoIssueRates();

    // Writes what a client needs (merchant key and certificate, WeChat Pay public key,
    // platform certificate, brand key and certificate) into `directory`; false if a file
    // cannot be written.
    bool writeClientFiles(const QString &directory) const;

    static const QString MerchantKeyFile;
    static const QString MerchantCertificateFile;
    static const QString WechatPayPublicKeyFile;
    static const QString PlatformCertificateFile;
    static const QString BrandKeyFile;
    static const QString BrandCertificateFile;

private:
    QByteArray wechatPayPublicKeyPrivatePem;
    QByteArray platformPrivateKeyPem;
};

} // namespace budgetdesk::sim
