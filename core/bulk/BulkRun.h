#pragma once

#include "bulk/BulkJournal.h"

#include <QObject>
#include <QPointer>

namespace budgetdesk {

class AuditTrail;
class BusifavorClient;
class LookupPacer;
class StockQuery;

// How the rows of a run ended, as the summary line and the CLI's last JSON object count them.
struct BulkSummary
{
    int rows = 0;
    int applied = 0;
    int notApplied = 0;
    int unknown = 0;
    int rejected = 0;
    int skipped = 0;
    int pending = 0; // not settled yet (a cancelled run)

    static BulkSummary of(const BulkJournal &journal);
};

// Sends a journaled bulk run, one row at a time, each as a single change would go: a fresh
// verified lookup just before (paced), the row re-validated against it — a batch whose value
// moved since the preview is not sent — then the change through the audit trail (its pending
// entry, compare-and-set, retries and reconciliation), a 429 or 批次正在修改中 past the client's
// own retries tried again later with the pacer slowed. The journal is saved before each row is
// sent and after it settles. A row found `Sending` (a run that was killed) is reconciled
// through its audit entry before anything else; settled rows are never sent again.
class BulkRun : public QObject
{
    Q_OBJECT

public:
    BulkRun(BusifavorClient &client, AuditTrail &trail, LookupPacer &pacer, BulkJournal journal, QString journalPath,
            QString mchid, QObject *parent = nullptr);
    ~BulkRun() override;

    void start();
    // Stops after the row in flight; the rest stay planned, for --resume.
    void cancel();
    const BulkJournal &journal() const { return m_journal; }
    bool wasCancelled() const { return m_cancelled; }
    static constexpr int MaximumBusyRetries = 3;

Q_SIGNALS:
    void rowStarted(int index);
    void rowSettled(int index);
    // A journal save failed: the run stops, since what is sent could no longer be resumed.
    void journalFailed(const budgetdesk::BilingualText &why);
    void finished();

private:
    void next();
    void resume(int index);
    void lookUp(int index);
    void looked(int index, const StockQueryResult &lookup);
    void send(int index, qint64 current);
    void settle(int index, const QString &outcome, const QString &code, const BilingualText &explanation,
                bool verified = false);
    bool save();

    BusifavorClient &m_client;
    AuditTrail &m_trail;
    LookupPacer &m_pacer;
    BulkJournal m_journal;
    QString m_path;
    QString m_mchid;
    int m_index = 0;
    int m_busyRetries = 0;
    bool m_cancelled = false;
    bool m_finished = false;
    QPointer<QObject> m_inFlight; // the lookup, change or reconciliation of the current row
};

} // namespace budgetdesk
