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

    static const DemoMerchant &instance();

    // Serves this merchant in both verification modes at once.
    SimulatorConfig simulatorConfig() const;

    // Writes what a client needs (merchant key and certificate, WeChat Pay public key,
    // platform certificate) into `directory`; false if a file cannot be written.
    bool writeClientFiles(const QString &directory) const;

    static const QString MerchantKeyFile;
    static const QString MerchantCertificateFile;
    static const QString WechatPayPublicKeyFile;
    static const QString PlatformCertificateFile;

private:
    QByteArray wechatPayPublicKeyPrivatePem;
    QByteArray platformPrivateKeyPem;
};

} // namespace budgetdesk::sim
