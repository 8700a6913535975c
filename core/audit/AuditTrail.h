#pragma once

#include "audit/AuditLog.h"
#include "busifavor/BusifavorClient.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace budgetdesk {

// What the trail did with one change, complete once the modification has finished.
struct AuditRecording
{
    qint64 entryId = 0; // 0: nothing was recorded, so nothing was sent
    // The outcome could not be written. The caller must say so loudly; the outcome itself
    // (and its exit code) stands. `keptForLater`: it waits in the outbox for the next start.
    std::optional<AuditError> completionError;
    bool keptForLater = false;
    // Earlier unconfirmed entries of the same change, now settled by this one's verified
    // outcome: applied, or (looked up and found at its start) not applied.
    QList<qint64> settledEntries;
};

// How looking at an entry again ended.
struct EntryReconciliationResult
{
    QString outcome; // applied, not_applied, unknown; empty: nothing could be learnt
    StockQueryResult lookup; // the verified lookup (or why there was none)
    std::optional<BudgetOutcome> resend; // the same change sent again, when the lookup showed the start
    BilingualText explanation;
    std::optional<AuditError> recordError; // the reconciliation could not be written
};

// Settles one pending or unknown audit entry: looks the batch up; the target → applied; a
// third value → unknown; the change's own starting value → the *same* change is sent again
// (same request number, same body, a fresh signature), which cannot apply twice, and its
// answer decides. Appends what it found to the entry. Deletes itself after finished().
class EntryReconciliation : public QObject
{
    Q_OBJECT

public:
    void cancel();

Q_SIGNALS:
    void finished(const budgetdesk::EntryReconciliationResult &result);

private:
    friend class AuditTrail;
    EntryReconciliation(AuditLog &log, BusifavorClient &client, AuditEntry entry);
    void start();
    void lookupFinished(const StockQueryResult &lookup);
    void resend();
    void resendFinished(const BudgetOutcome &outcome);
    void record(const QString &outcome, std::optional<qint64> observed, const QByteArray &requestId,
                const QString &note);
    void finish();

    AuditLog &m_log;
    BusifavorClient &m_client;
    AuditEntry m_entry;
    EntryReconciliationResult m_result;
    QPointer<StockQuery> m_query;
    QPointer<BudgetModification> m_resend;
};

// Runs budget changes through the audit log: the pending entry is written just before the
// PATCH goes out (and if it cannot be written, nothing goes out), the outcome when it ends.
// The CLI and the window both change budgets only through this.
class AuditTrail
{
public:
    // `operatorName`: the profile's 操作人 (MerchantProfile::operatorName), kept with each entry
    // beside the OS account, which a shared PC does not tell apart.
    AuditTrail(AuditLog &log, QString profile, QString mchid, QString source, QString operatorName = {});

    // As BusifavorClient::modifyBudget. `recording`, when given, is filled in as the change
    // goes: its entry ID as soon as it is written, the completion's fate at the end (written
    // before finished() reaches the caller). A retry of an unconfirmed change (the same
    // request number) is treated as one whose earlier attempts may have applied, and a
    // verified outcome of it — applied, or not applied by a lookup — settles those earlier
    // entries. `stockName`: the batch's name as the caller looked it up, for the history.
    BudgetModification *modify(BusifavorClient &client, BudgetChange change,
                               std::shared_ptr<AuditRecording> recording = nullptr, QString stockName = {});

    // Looks at a pending or unknown entry again (see EntryReconciliation). An entry already
    // applied is left as it is.
    EntryReconciliation *reconcile(BusifavorClient &client, const AuditEntry &entry);

    AuditLog &log() { return m_log; }
    // Every change after this belongs to the bulk run `runId` (批量修改), as its entries say.
    void setRunId(const QString &runId) { m_runId = runId; }

private:
    AuditLog &m_log;
    QString m_profile;
    QString m_mchid;
    QString m_source;
    QString m_operatorName;
    QString m_runId;
};

} // namespace budgetdesk

Q_DECLARE_METATYPE(budgetdesk::EntryReconciliationResult)
