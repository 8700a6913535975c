#include "DemoEnvironment.h"

#include "simulator/DemoMerchant.h"
#include "simulator/SimulatorServer.h"

#include <QDir>

namespace budgetdesk::ui {

DemoEnvironment::DemoEnvironment()
    : m_data(m_folder.path() + QStringLiteral("/data"))
{ }

DemoEnvironment::~DemoEnvironment() = default;

std::unique_ptr<DemoEnvironment> DemoEnvironment::start()
{
    std::unique_ptr<DemoEnvironment> demo(new DemoEnvironment);
    if (!demo->m_folder.isValid() || !demo->m_data.ensureExists())
        return nullptr;
    const sim::DemoMerchant &merchant = sim::DemoMerchant::instance();
    const QString keys = demo->m_folder.path() + QStringLiteral("/keys");
    if (!merchant.writeClientFiles(keys))
        return nullptr;

    auto simulator = std::make_unique<sim::WeChatPaySimulator>(
        merchant.simulatorConfig(), sim::StockCatalog::demo(merchant.mchid, QDateTime::currentDateTimeUtc()));
    demo->m_server = std::make_unique<sim::SimulatorServer>(std::move(simulator));
    if (!demo->m_server->listen())
        return nullptr;

    MerchantProfile &profile = demo->m_profile;
    profile.name = QStringLiteral("演示商户 Demo");
    profile.mchid = merchant.mchid;
    profile.privateKeyFile = QDir(keys).filePath(sim::DemoMerchant::MerchantKeyFile);
    profile.merchantCertificateFile = QDir(keys).filePath(sim::DemoMerchant::MerchantCertificateFile);
    profile.verificationMode = VerificationMode::PublicKey;
    profile.publicKeyId = merchant.publicKeyId;
    profile.publicKeyFile = QDir(keys).filePath(sim::DemoMerchant::WechatPayPublicKeyFile);
    profile.primaryBaseUrl = demo->m_server->baseUrl();
    profile.backupBaseUrl = QUrl();
    profile.timeoutMs = 8000;
    return demo;
}

void DemoEnvironment::setFaults(const sim::FaultPlan &faults)
{
    m_server->simulator().setFaults(faults);
}

QStringList DemoEnvironment::batchLabels() const
{
    QStringList labels;
    const sim::StockCatalog &stocks = m_server->simulator().stocks();
    for (const QString &id : stocks.ids())
        labels.append(id + QStringLiteral("  ")
                      + stocks.stock(id).json().value(QStringLiteral("stock_name")).toString());
    return labels;
}

} // namespace budgetdesk::ui
