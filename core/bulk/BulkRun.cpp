#include "bulk/BulkRun.h"

#include "audit/AuditTrail.h"
#include "busifavor/BusifavorClient.h"
#include "watch/LookupPacer.h"

namespace budgetdesk {

namespace {

bool isBusy(const BudgetOutcome &outcome)
{
    if (outcome.kind != BudgetOutcome::Kind::Rejected || !outcome.error)
        return false;
    return outcome.error->httpStatus == 429
        || (outcome.error->code == QLatin1String("RULE_LIMIT")
            && outcome.error->message.contains(QStringLiteral("批次正在修改中")));
}

// How a change's end reads in the run: applied / not_applied / unknown / rejected / skipped.
QString outcomeName(const BudgetOutcome &outcome)
{
    using K = BudgetOutcome::Kind;
    switch (outcome.kind) {
    case K::Applied:
    case K::ReconciledApplied:
        return QStringLiteral("applied");
    case K::Rejected:
        return QStringLiteral("rejected");
    case K::Invalid:
        return QStringLiteral("skipped");
    case K::LookupFailed:
    case K::NotRecorded:
    case K::SigningFailed:
    case K::NetworkFailed:
    case K::ReconciledNotApplied:
        return QStringLiteral("not_applied");
    case K::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace

BulkSummary BulkSummary::of(const BulkJournal &journal)
{
    BulkSummary summary;
    for (const BulkJournalRow &row : journal.rows) {
        ++summary.rows;
        if (row.state != BulkJournalRow::State::Settled)
            ++summary.pending;
        else if (row.outcome == QLatin1String("applied"))
            ++summary.applied;
        else if (row.outcome == QLatin1String("not_applied"))
            ++summary.notApplied;
        else if (row.outcome == QLatin1String("rejected"))
            ++summary.rejected;
        else if (row.outcome == QLatin1String("skipped"))
            ++summary.skipped;
        else
            ++summary.unknown;
    }
    return summary;
}

BulkRun::BulkRun(BusifavorClient &client, AuditTrail &trail, LookupPacer &pacer, BulkJournal journal,
                 QString journalPath, QString mchid, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_trail(trail)
    , m_pacer(pacer)
    , m_journal(std::move(journal))
    , m_path(std::move(journalPath))
    , m_mchid(std::move(mchid))
{
    m_trail.setRunId(m_journal.runId);
}

BulkRun::~BulkRun()
{
    m_pacer.clear(this);
}

void BulkRun::start()
{
    QMetaObject::invokeMethod(this, &BulkRun::next, Qt::QueuedConnection);
}

void BulkRun::cancel()
{
    m_cancelled = true;
    if (m_pacer.pending() > 0 && !m_inFlight) { // waiting for its turn: nothing of the row went out
        m_pacer.clear(this);
        QMetaObject::invokeMethod(this, &BulkRun::next, Qt::QueuedConnection);
    }
}

bool BulkRun::save()
{
    if (m_path.isEmpty())
        return true;
    if (const auto problem = m_journal.save(m_path)) {
        m_cancelled = true;
        Q_EMIT journalFailed(*problem);
        return false;
    }
    return true;
}

void BulkRun::next()
{
    while (m_index < m_journal.rows.size() && m_journal.rows.at(m_index).state == BulkJournalRow::State::Settled)
        ++m_index;
    if (m_cancelled || m_index >= m_journal.rows.size()) {
        if (!m_finished) {
            m_finished = true;
            save();
            Q_EMIT finished();
        }
        return;
    }
    m_busyRetries = 0;
    Q_EMIT rowStarted(m_index);
    if (m_journal.rows.at(m_index).state == BulkJournalRow::State::Sending)
        resume(m_index);
    else
        lookUp(m_index);
}

// A row the killed run was sending. Its audit entries — every attempt of the row writes one
// before its request goes, all with the run's ID and the row's request number — say whether
// anything left. None: nothing did, so it is sent as planned. One applied: applied. Otherwise
// the newest decides (an earlier one refused as busy says nothing about the retry after it):
// settled in the log, that stands; pending or unknown, it is reconciled — looked up, and the
// same change re-sent with the same request number only when the batch still shows the
// starting value.
void BulkRun::resume(int index)
{
    BulkJournalRow &row = m_journal.rows[index];
    AuditFilter filter;
    filter.runId = m_journal.runId;
    filter.requestNumber = row.requestNumber;
    const auto found = m_trail.log().query(filter);
    if (!found) {
        settle(index, QStringLiteral("unknown"), QStringLiteral("AUDIT_UNREADABLE"), found.error().text());
        return;
    }
    if (found->isEmpty()) {
        row.state = BulkJournalRow::State::Planned;
        lookUp(index);
        return;
    }
    const auto applied = std::find_if(found->cbegin(), found->cend(), [](const AuditEntry &entry) {
        return entry.effectiveOutcome() == QLatin1String("applied");
    });
    const AuditEntry entry = applied != found->cend()
        ? *applied
        : *std::max_element(found->cbegin(), found->cend(),
                            [](const AuditEntry &a, const AuditEntry &b) { return a.id < b.id; });
    row.auditId = entry.id;
    if (!entry.isUnresolved()) {
        settle(index, entry.effectiveOutcome(), entry.completion ? entry.completion->code : QString(),
               {QStringLiteral("中断前已有结果（审计记录 #%1）").arg(entry.id),
                QStringLiteral("Settled before the run was interrupted (audit entry #%1)").arg(entry.id)},
               entry.completion && entry.completion->verified);
        return;
    }
    EntryReconciliation *reconciliation = m_trail.reconcile(m_client, entry);
    m_inFlight = reconciliation;
    connect(reconciliation, &EntryReconciliation::finished, this,
            [this, index](const EntryReconciliationResult &result) {
                const QString settledAs = result.outcome.isEmpty() ? QStringLiteral("unknown") : result.outcome;
                settle(index, settledAs, QStringLiteral("RECONCILED"), result.explanation,
                       settledAs == QLatin1String("applied") || settledAs == QLatin1String("not_applied"));
            });
}

void BulkRun::lookUp(int index)
{
    QPointer<BulkRun> self(this);
    m_pacer.enqueue(this, [self, index] {
        if (!self || self->m_cancelled) {
            if (self)
                self->next();
            return;
        }
        StockQuery *query = self->m_client.queryStock(self->m_journal.rows.at(index).key);
        self->m_inFlight = query;
        connect(query, &StockQuery::finished, self,
                [self, index](const StockQueryResult &result) { self->looked(index, result); });
    });
}

void BulkRun::looked(int index, const StockQueryResult &lookup)
{
    m_inFlight = nullptr;
    if (m_cancelled)
        return next(); // stopped while it was only being looked up: nothing of it was sent
    const BulkJournalRow &row = m_journal.rows.at(index);
    if (lookup.kind == StockQueryResult::Kind::Rejected && lookup.error && lookup.error->httpStatus == 429
        && m_busyRetries < MaximumBusyRetries) {
        ++m_busyRetries;
        m_pacer.backOff();
        lookUp(index);
        return;
    }
    m_pacer.answered();
    BulkRow checked;
    checked.line = row.line;
    checked.key = row.key;
    checked.dimension = row.dimension;
    checked.request = {BulkRequest::Kind::Target, *row.target}; // what the preview showed and was confirmed
    checked.requestNumber = row.requestNumber;
    const BulkCheck check = BulkCheck::of(checked, lookup, QDateTime::currentDateTime(), m_mchid);
    if (!lookup.isVerified()) {
        m_journal.rows[index].network = lookup.kind == StockQueryResult::Kind::NetworkFailed;
        settle(index, QStringLiteral("not_applied"), QStringLiteral("LOOKUP_FAILED"), *check.blockedBecause);
        return;
    }
    if (check.current != row.previewCurrent) {
        // The batch moved since the preview: its confirmed change no longer means what was shown.
        settle(index, QStringLiteral("skipped"), QStringLiteral("CHANGED_SINCE_PREVIEW"),
               {QStringLiteral("预览后批次已变化（预览时 %1，现在 %2），未发送；请重新预览")
                    .arg(row.previewCurrent.value_or(0))
                    .arg(check.current.value_or(0)),
                QStringLiteral("The batch changed since the preview (%1 then, %2 now): not sent; preview again")
                    .arg(row.previewCurrent.value_or(0))
                    .arg(check.current.value_or(0))});
        return;
    }
    if (check.status() == BulkCheck::Status::Blocked) {
        settle(index, QStringLiteral("skipped"), QStringLiteral("INVALID"), *check.blockedBecause);
        return;
    }
    if (check.status() == BulkCheck::Status::Unchanged) {
        settle(index, QStringLiteral("skipped"), QStringLiteral("UNCHANGED"),
               {QStringLiteral("已是目标值，无需修改"), QStringLiteral("Already at the target: nothing to send")});
        return;
    }
    if (lookup.stock && m_journal.rows.at(index).stockName.isEmpty())
        m_journal.rows[index].stockName = lookup.stock->stockName;
    send(index, *check.current);
}

void BulkRun::send(int index, qint64 current)
{
    BulkJournalRow &row = m_journal.rows[index];
    row.state = BulkJournalRow::State::Sending;
    if (!save())
        return next(); // cancelled by the failed save: nothing was sent
    BudgetChange change(row.key.stockId, row.dimension, *row.target, current, row.requestNumber);
    change.family = row.key.family;
    change.productCouponId = row.key.productCouponId;
    change.brandId = row.key.brandId;
    auto recording = std::make_shared<AuditRecording>();
    BudgetModification *modification = m_trail.modify(m_client, change, recording, row.stockName);
    m_inFlight = modification;
    connect(modification, &BudgetModification::finished, this, [this, index, recording](const BudgetOutcome &outcome) {
        m_inFlight = nullptr;
        BulkJournalRow &sent = m_journal.rows[index];
        if (recording->entryId)
            sent.auditId = recording->entryId;
        if (isBusy(outcome) && m_busyRetries < MaximumBusyRetries && !m_cancelled) {
            // Refused unaccepted (429, or another change of the batch in progress): the same
            // change, the same request number, later and slower.
            ++m_busyRetries;
            m_pacer.backOff();
            QPointer<BulkRun> self(this);
            const qint64 sentCurrent = *outcome.change.current;
            m_pacer.enqueue(this, [self, index, sentCurrent] {
                if (self)
                    self->send(index, sentCurrent);
            });
            return;
        }
        if (!isBusy(outcome))
            m_pacer.answered();
        sent.network = outcome.kind == BudgetOutcome::Kind::NetworkFailed;
        QString code = outcome.error ? outcome.error->code : outcome.failure ? outcome.failure->name() : QString();
        settle(index, outcomeName(outcome), code, outcome.summary(), outcome.verified);
    });
}

void BulkRun::settle(int index, const QString &outcome, const QString &code, const BilingualText &explanation,
                     bool verified)
{
    m_inFlight = nullptr;
    BulkJournalRow &row = m_journal.rows[index];
    row.state = BulkJournalRow::State::Settled;
    row.outcome = outcome;
    row.code = code;
    row.explanation = explanation;
    row.verified = verified;
    row.settledAt = QDateTime::currentDateTime();
    save();
    Q_EMIT rowSettled(index);
    ++m_index;
    next();
}

} // namespace budgetdesk
