#include "DemoEnvironment.h"

#include "UiLanguage.h"
#include "simulator/DemoMerchant.h"
#include "simulator/ProductCouponCatalog.h"
#include "simulator/SimulatorServer.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace budgetdesk::ui {

namespace {

QString folderTemplate()
{
    return QDir::temp().filePath(QString::fromLatin1(DemoEnvironment::FolderPrefix) + QStringLiteral("XXXXXX"));
}

} // namespace

DemoEnvironment::DemoEnvironment()
    : m_folder(folderTemplate())
    , m_lock(m_folder.path() + QStringLiteral("/demo.lock"))
    , m_data(m_folder.path() + QStringLiteral("/data"))
{
    // Named in the window's language at start, like everything else on it: an English window
    // then shows no Chinese it does not need (its first Chinese glyph loads a CJK font, 3 ms of
    // the first paint).
    const bool chinese = UiLanguage::instance().current() == Language::Chinese;
    m_profile.name = chinese ? QStringLiteral("演示商户") : QStringLiteral("Demo merchant");
    m_brandProfile.name = chinese ? QStringLiteral("演示品牌") : QStringLiteral("Demo brand");
}

std::optional<MerchantProfile> DemoEnvironment::profileNamed(const QString &name) const
{
    if (name == m_profile.name)
        return m_profile;
    if (name == m_brandProfile.name)
        return m_brandProfile;
    return std::nullopt;
}

QString DemoEnvironment::productCouponFor(const MerchantProfile &profile)
{
    return profile.isBrand() ? QStringLiteral("200000001") : QStringLiteral("1000000013");
}

DemoEnvironment::~DemoEnvironment() = default;

std::unique_ptr<DemoEnvironment> DemoEnvironment::create()
{
    std::unique_ptr<DemoEnvironment> demo(new DemoEnvironment);
    demo->m_lock.setStaleLockTime(0);
    if (!demo->m_folder.isValid() || !demo->m_lock.tryLock(0) || !demo->m_data.ensureExists())
        return nullptr;
    return demo;
}

std::unique_ptr<DemoEnvironment> DemoEnvironment::start()
{
    auto demo = create();
    if (!demo || !demo->startSimulator())
        return nullptr;
    return demo;
}

bool DemoEnvironment::startSimulator()
{
    if (m_server)
        return true;
    removeAbandonedFolders(m_folder.path()); // after the first paint, like the rest of this
    const sim::DemoMerchant &merchant = sim::DemoMerchant::instance();
    const QString keys = m_folder.path() + QStringLiteral("/keys");
    if (!merchant.writeClientFiles(keys))
        return false;

    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Both families: the demo merchant's 商家券, and 商品券 it serves brand 120344 with (and the
    // brand's own), so the CLI pointed at the demo and later the window can show either.
    sim::SimulatorConfig config = merchant.simulatorConfig();
    if (m_issuing)
        config.issueRatesPerMinute = sim::DemoMerchant::demoIssueRates();
    auto simulator = std::make_unique<sim::WeChatPaySimulator>(
        std::move(config), sim::StockCatalog::demo(merchant.mchid, now),
        sim::ProductCouponCatalog::demo(merchant.mchid, merchant.brandId, now));
    auto server = std::make_unique<sim::SimulatorServer>(std::move(simulator));
    if (!server->listen())
        return false;
    m_server = std::move(server);
    if (m_pendingFaults)
        m_server->simulator().setFaults(*std::exchange(m_pendingFaults, std::nullopt));

    m_profile.mchid = merchant.mchid;
    m_profile.privateKeyFile = QDir(keys).filePath(sim::DemoMerchant::MerchantKeyFile);
    m_profile.merchantCertificateFile = QDir(keys).filePath(sim::DemoMerchant::MerchantCertificateFile);
    m_profile.verificationMode = VerificationMode::PublicKey;
    m_profile.publicKeyId = merchant.publicKeyId;
    m_profile.publicKeyFile = QDir(keys).filePath(sim::DemoMerchant::WechatPayPublicKeyFile);
    m_profile.primaryBaseUrl = m_server->baseUrl();
    m_profile.backupBaseUrl = QUrl();
    m_profile.timeoutMs = 8000;
    m_profile.brands = {merchant.brandId}; // its 服务商 authorisation, as the simulator grants it

    // The brand signs with its own key and certificate; its answers are verified with the WeChat
    // Pay public key, the only way a brand's are (PRODUCT_COUPON.md §3).
    m_brandProfile.identity = CallerIdentity::Brand;
    m_brandProfile.brandId = merchant.brandId;
    m_brandProfile.privateKeyFile = QDir(keys).filePath(sim::DemoMerchant::BrandKeyFile);
    m_brandProfile.merchantCertificateFile = QDir(keys).filePath(sim::DemoMerchant::BrandCertificateFile);
    m_brandProfile.verificationMode = VerificationMode::PublicKey;
    m_brandProfile.publicKeyId = merchant.publicKeyId;
    m_brandProfile.publicKeyFile = m_profile.publicKeyFile;
    m_brandProfile.primaryBaseUrl = m_profile.primaryBaseUrl;
    m_brandProfile.timeoutMs = m_profile.timeoutMs;
    return true;
}

void DemoEnvironment::setFaults(const sim::FaultPlan &faults)
{
    if (m_server)
        m_server->simulator().setFaults(faults);
    else
        m_pendingFaults = faults;
}

QStringList DemoEnvironment::batchLabels() const
{
    QStringList labels;
    if (!m_server)
        return labels;
    const sim::StockCatalog &stocks = m_server->simulator().stocks();
    for (const QString &id : stocks.ids())
        labels.append(id + QStringLiteral("  ")
                      + stocks.stock(id).json().value(QStringLiteral("stock_name")).toString());
    return labels;
}

int DemoEnvironment::removeAbandonedFolders(const QString &except)
{
    // A demo that crashed (or was killed) never ran its destructors: its folder, with the demo
    // keys and audit log, stayed in the temp folder. Its lock file names a process that is
    // gone, which QLockFile recognises as stale — on every platform, without reading /proc.
    int removed = 0;
    const QDir temp = QDir::temp();
    const QFileInfoList folders
        = temp.entryInfoList({QString::fromLatin1(FolderPrefix) + u'*'}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QFileInfo &folder : folders) {
        const QString path = folder.absoluteFilePath();
        if (!except.isEmpty() && QFileInfo(except).canonicalFilePath() == folder.canonicalFilePath())
            continue;
        const QString lockPath = QDir(path).filePath(QStringLiteral("demo.lock"));
        if (!QFileInfo::exists(lockPath)) {
            // Created, then gone before its lock was taken — or a demo starting right now:
            // only an old one is left over.
            if (folder.lastModified().secsTo(QDateTime::currentDateTime()) < 600)
                continue;
        } else {
            QLockFile lock(lockPath);
            lock.setStaleLockTime(0); // only a dead owner makes it stale, never the lock's age
            if (!lock.tryLock(0))
                continue; // a demo running now
            lock.unlock();
        }
        if (QDir(path).removeRecursively())
            ++removed;
    }
    return removed;
}

} // namespace budgetdesk::ui
