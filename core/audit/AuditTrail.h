#pragma once

#include "audit/AuditLog.h"
#include "busifavor/BusifavorClient.h"

namespace budgetdesk {

// Runs budget changes through the audit log: the pending entry is written just before the
// PATCH goes out (and if it cannot be written, nothing goes out), the outcome when it ends.
// The CLI and the window both change budgets only through this.
class AuditTrail
{
public:
    AuditTrail(AuditLog &log, QString profile, QString mchid, QString source);

    // As BusifavorClient::modifyBudget; `entryId`, when given, receives the entry's ID as
    // soon as it is written.
    BudgetModification *modify(BusifavorClient &client, BudgetChange change, qint64 *entryId = nullptr);

    // Looks the batch of a pending or unknown entry up and appends what it shows. The
    // finished outcome is applied, not_applied, or unchanged (the lookup failed).
    StockQuery *reconcile(BusifavorClient &client, const AuditEntry &entry);

private:
    AuditLog &m_log;
    QString m_profile;
    QString m_mchid;
    QString m_source;
};

} // namespace budgetdesk
