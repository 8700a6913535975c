#pragma once

#include "profile/DataDirectory.h"
#include "profile/MerchantProfile.h"
#include "simulator/FaultPlan.h"

#include <QLockFile>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace budgetdesk::sim {
class SimulatorServer;
}

namespace budgetdesk::ui {

// `budgetdesk --demo`: the simulator on loopback with its demo merchant and batches, a demo
// profile and a throw-away data folder. Nothing here touches the user's real profiles or
// audit log; it all disappears when the window closes — and what a crashed demo left behind
// is removed by the next one.
class DemoEnvironment
{
public:
    // The folder only (cheap): the window can paint before the simulator starts.
    static std::unique_ptr<DemoEnvironment> create();
    // The folder and the simulator, listening (tests, and anyone who needs it at once).
    static std::unique_ptr<DemoEnvironment> start();
    ~DemoEnvironment();

    // Removes what crashed demos left, writes the demo keys, starts the simulator on loopback
    // and completes the profile.
    bool startSimulator();
    bool isRunning() const { return m_server != nullptr; }

    const DataDirectory &data() const { return m_data; }
    QString folder() const { return m_folder.path(); }
    const MerchantProfile &profile() const { return m_profile; }
    // The demo brand (品牌 120344) calling the 商品券 brand API as itself: the second identity.
    const MerchantProfile &brandProfile() const { return m_brandProfile; }
    QStringList profileNames() const { return {m_profile.name, m_brandProfile.name}; }
    std::optional<MerchantProfile> profileNamed(const QString &name) const;
    // The demo 商品券 a profile sees first: one with a group, paused and stopped batches.
    static QString productCouponFor(const MerchantProfile &profile);
    // 操作人 for the demo profile, before the window opens it (tests of what is recorded).
    void setOperatorName(const QString &name) { m_profile.operatorName = m_brandProfile.operatorName = name; }
    sim::SimulatorServer &server() { return *m_server; }
    // Applied now, or as soon as the simulator runs.
    void setFaults(const sim::FaultPlan &faults);
    // `budgetdesk --demo`: the running batches issue coupons as time passes (not in tests, whose
    // checks need the demo's numbers to stand still). Set before the simulator starts.
    void setIssuing(bool issuing) { m_issuing = issuing; }

    // The simulator's batches as "stock_id  name", for the demo's batch picker.
    QStringList batchLabels() const;

    // Demo folders whose demo is gone (its lock is stale: the process died) are deleted.
    static int removeAbandonedFolders(const QString &except = {});
    static constexpr const char *FolderPrefix = "budgetdesk-demo-";

private:
    DemoEnvironment();

    QTemporaryDir m_folder;
    QLockFile m_lock; // held while this demo runs; declared after m_folder, so released first
    DataDirectory m_data;
    MerchantProfile m_profile;
    MerchantProfile m_brandProfile;
    std::optional<sim::FaultPlan> m_pendingFaults;
    bool m_issuing = false;
    std::unique_ptr<sim::SimulatorServer> m_server;
};

} // namespace budgetdesk::ui
