#include "audit/AuditTrail.h"

#include <QElapsedTimer>

#include <memory>

namespace budgetdesk {

AuditTrail::AuditTrail(AuditLog &log, QString profile, QString mchid, QString source)
    : m_log(log)
    , m_profile(std::move(profile))
    , m_mchid(std::move(mchid))
    , m_source(std::move(source))
{ }

BudgetModification *AuditTrail::modify(BusifavorClient &client, BudgetChange change, qint64 *entryId)
{
    auto id = std::make_shared<qint64>(0);
    auto timer = std::make_shared<QElapsedTimer>();
    BudgetModification *modification = client.modifyBudget(
        std::move(change), [this, id, timer, entryId](const BudgetChange &complete) -> std::optional<BilingualText> {
            AuditChange record;
            record.profile = m_profile;
            record.mchid = m_mchid;
            record.stockId = complete.stockId;
            record.dimension = complete.dimension;
            record.current = complete.current;
            record.target = complete.target;
            record.requestNumber = complete.requestNumber;
            record.osUser = currentOsUser();
            record.source = m_source;
            auto written = m_log.recordPending(record);
            if (!written)
                return written.error().text();
            *id = *written;
            if (entryId)
                *entryId = *written;
            timer->start();
            return std::nullopt;
        });
    QObject::connect(modification, &BudgetModification::finished, modification,
                     [this, id, timer](const BudgetOutcome &outcome) {
                         if (*id == 0)
                             return; // never sent: nothing was recorded
                         (void)m_log.complete(*id, AuditCompletion::fromOutcome(outcome, timer->elapsed()));
                     });
    return modification;
}

StockQuery *AuditTrail::reconcile(BusifavorClient &client, const AuditEntry &entry)
{
    StockQuery *query = client.queryStock(entry.change.stockId);
    const qint64 id = entry.id;
    const AuditChange change = entry.change;
    QObject::connect(query, &StockQuery::finished, query, [this, id, change](const StockQueryResult &result) {
        if (!result.isVerified())
            return; // still unresolved
        const StockDetails &stock = *result.stock;
        const qint64 observed
            = change.dimension == BudgetDimension::Total ? stock.maxCoupons : stock.maxCouponsByDay.value_or(0);
        AuditReconciliation reconciliation;
        reconciliation.outcome = observed == change.target ? QStringLiteral("applied") : QStringLiteral("not_applied");
        reconciliation.observed = observed;
        reconciliation.requestId = stock.requestId;
        (void)m_log.recordReconciliation(id, reconciliation);
    });
    return query;
}

} // namespace budgetdesk
