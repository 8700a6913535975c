#pragma once

#include "profile/DataDirectory.h"
#include "profile/MerchantProfile.h"
#include "simulator/FaultPlan.h"

#include <QTemporaryDir>

#include <memory>

namespace budgetdesk::sim {
class SimulatorServer;
}

namespace budgetdesk::ui {

// `budgetdesk --demo`: the simulator on loopback with its demo merchant and batches, a demo
// profile and a throw-away data folder. Nothing here touches the user's real profiles or
// audit log; it all disappears when the window closes.
class DemoEnvironment
{
public:
    static std::unique_ptr<DemoEnvironment> start();
    ~DemoEnvironment();

    const DataDirectory &data() const { return m_data; }
    const MerchantProfile &profile() const { return m_profile; }
    // 操作人 for the demo profile, before the window opens it (tests of what is recorded).
    void setOperatorName(const QString &name) { m_profile.operatorName = name; }
    sim::SimulatorServer &server() { return *m_server; }
    void setFaults(const sim::FaultPlan &faults);

    // The simulator's batches as "stock_id  name", for the demo's batch picker.
    QStringList batchLabels() const;

private:
    DemoEnvironment();

    QTemporaryDir m_folder;
    DataDirectory m_data;
    MerchantProfile m_profile;
    std::unique_ptr<sim::SimulatorServer> m_server;
};

} // namespace budgetdesk::ui
