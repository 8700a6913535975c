#include "audit/AuditTrail.h"

#include <QElapsedTimer>

#include <memory>

namespace budgetdesk {

namespace {

AuditChange auditChangeFor(const BudgetChange &change, const QString &profile, const QString &mchid,
                           const QString &source, const QString &operatorName, const QString &stockName)
{
    AuditChange record;
    record.profile = profile;
    record.mchid = mchid;
    record.stockId = change.stockId;
    record.dimension = change.dimension;
    record.current = change.current;
    record.target = change.target;
    record.requestNumber = change.requestNumber;
    record.osUser = currentOsUser();
    record.source = source;
    record.operatorName = operatorName;
    record.stockName = stockName;
    record.family = change.family;
    record.productCouponId = change.productCouponId;
    record.bundleId = change.bundleId;
    record.brandId = change.brandId;
    return record;
}

} // namespace

AuditTrail::AuditTrail(AuditLog &log, QString profile, QString mchid, QString source, QString operatorName)
    : m_log(log)
    , m_profile(std::move(profile))
    , m_mchid(std::move(mchid))
    , m_source(std::move(source))
    , m_operatorName(std::move(operatorName))
{ }

BudgetModification *AuditTrail::modify(BusifavorClient &client, BudgetChange change,
                                       std::shared_ptr<AuditRecording> recording, QString stockName)
{
    if (!recording)
        recording = std::make_shared<AuditRecording>();
    auto timer = std::make_shared<QElapsedTimer>();
    auto self = std::make_shared<QPointer<BudgetModification>>();
    auto earlier = std::make_shared<QList<AuditEntry>>();
    const bool asBrand = client.callsAsBrand();
    BudgetModification *modification = client.modifyBudget(
        std::move(change),
        [this, recording, timer, self, earlier, asBrand,
         stockName = std::move(stockName)](const BudgetChange &complete) -> std::optional<BilingualText> {
            // The name the caller saw, else the one this change's own lookup found.
            const QString name = stockName.isEmpty() && *self ? (*self)->lookedUpStockName() : stockName;
            AuditChange record = auditChangeFor(complete, m_profile, m_mchid, m_source, m_operatorName, name);
            record.runId = m_runId;
            if (asBrand) { // the brand signed: the trail's caller ID is its brand_id
                record.identity = CallerIdentity::Brand;
                record.brandId = m_mchid;
            }
            auto written = m_log.recordPending(record);
            if (!written)
                return written.error().text();
            recording->entryId = *written;
            // The same request number as an earlier change that applied or may have: a
            // refusal now may only answer its replay. If the log cannot say, assume so.
            const auto same = m_log.entriesOfSameChange(record, *written);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            bool mayHaveApplied = !same;
            bool mayBeInFlight = false;
            for (const AuditEntry &entry : same.value_or(QList<AuditEntry>())) {
                const QString outcome = entry.effectiveOutcome();
                if (entry.isUnresolved() || outcome == QLatin1String("applied"))
                    mayHaveApplied = true;
                if (entry.isUnresolved())
                    earlier->append(entry); // settled if this one applies
                mayBeInFlight = mayBeInFlight || entry.mayStillBeInFlight(now);
            }
            if (*self) {
                (*self)->setEarlierAttemptsMayHaveApplied(mayHaveApplied);
                (*self)->setEarlierAttemptsMayStillBeInFlight(mayBeInFlight);
            }
            timer->start();
            return std::nullopt;
        });
    *self = modification;
    QObject::connect(
        modification, &BudgetModification::finished, modification,
        [this, recording, timer, earlier](const BudgetOutcome &outcome) {
            if (recording->entryId == 0)
                return; // never sent: nothing was recorded
            auto written = m_log.complete(recording->entryId, AuditCompletion::fromOutcome(outcome, timer->elapsed()),
                                          &recording->keptForLater);
            if (!written)
                recording->completionError = written.error();
            // A verified verdict on this change is one on its earlier unconfirmed entries too:
            // they carry the same request number, which WeChat Pay applies at most once. Applied:
            // they are part of that one application. Not applied, as a verified lookup found it
            // — which already counted with their attempts possibly still on their way (see
            // setEarlierAttemptsMayStillBeInFlight): none of them took effect either. A refusal
            // or an unconfirmed end says nothing about them, and a "not applied" because
            // nothing was sent neither.
            const bool applied = outcome.isApplied();
            if (!applied && outcome.kind != BudgetOutcome::Kind::ReconciledNotApplied)
                return;
            for (const AuditEntry &entry : std::as_const(*earlier)) {
                AuditReconciliation settled;
                settled.outcome = applied ? QStringLiteral("applied") : QStringLiteral("not_applied");
                settled.observed = applied ? std::optional<qint64>(outcome.change.target) : outcome.observedValue;
                // The answer that settles it: the change's own, or the checking lookup's.
                const bool byLookup = !applied && outcome.reconciliation && outcome.reconciliation->stock;
                settled.requestId = byLookup ? outcome.reconciliation->stock->requestId : outcome.requestId;
                settled.note = applied
                    ? QStringLiteral("同一请求单号的第 #%1 条记录已确认生效 / settled by entry #%1, the same "
                                     "request number, which applied")
                          .arg(recording->entryId)
                    : QStringLiteral("同一请求单号的第 #%1 条记录经核对确认未生效 / settled by entry #%1, the same "
                                     "request number, which a verified lookup found not applied")
                          .arg(recording->entryId);
                if (m_log.recordReconciliation(entry.id, settled))
                    recording->settledEntries.append(entry.id);
            }
        });
    return modification;
}

EntryReconciliation *AuditTrail::reconcile(BusifavorClient &client, const AuditEntry &entry)
{
    auto *reconciliation = new EntryReconciliation(m_log, client, entry);
    QMetaObject::invokeMethod(reconciliation, &EntryReconciliation::start, Qt::QueuedConnection);
    return reconciliation;
}

// ---- EntryReconciliation

EntryReconciliation::EntryReconciliation(AuditLog &log, BusifavorClient &client, AuditEntry entry)
    : QObject(&client)
    , m_log(log)
    , m_client(client)
    , m_entry(std::move(entry))
{ }

void EntryReconciliation::cancel()
{
    if (m_query)
        m_query->cancel();
    if (m_resend)
        m_resend->cancel();
}

void EntryReconciliation::start()
{
    if (!m_entry.isUnresolved()) {
        // Settled already — applied by verified evidence, or refused, or not applied — and
        // nothing a later look shows can undo that; a refused change is never re-sent.
        m_result.outcome = m_entry.effectiveOutcome();
        m_result.explanation = {QStringLiteral("该记录已有结论（%1），无需核对。").arg(m_result.outcome),
                                QStringLiteral("This entry is settled already (%1).").arg(m_result.outcome)};
        finish();
        return;
    }
    // A 商品券 group has no lookup of its own; the same change is sent again instead, as below
    // after a lookup that showed the starting value. Its compare-and-set cannot overwrite
    // anyone else's change, and what it meets is reconciled against the group's batches.
    if (m_entry.change.budgetChange().isBundleChange()) {
        if (m_entry.mayStillBeInFlight(QDateTime::currentDateTimeUtc())) {
            m_result.explanation
                = ReconciliationVerdict{ReconciliationVerdict::Verdict::Unknown,
                                        ReconciliationVerdict::Reason::StartingValueWhileInFlight, std::nullopt}
                      .text(m_entry.change.target);
            finish();
            return;
        }
        resend();
        return;
    }
    m_query = m_client.queryStock(m_entry.change.budgetChange().key());
    connect(m_query, &StockQuery::finished, this, &EntryReconciliation::lookupFinished);
}

void EntryReconciliation::lookupFinished(const StockQueryResult &lookup)
{
    m_result.lookup = lookup;
    const AuditChange &change = m_entry.change;
    // Minutes after the fact, the entry's own attempts are over (no attempt with its retries
    // takes that long); a younger one may still be on its way, and is not re-sent either.
    const bool inFlight = m_entry.mayStillBeInFlight(QDateTime::currentDateTimeUtc());
    const ReconciliationVerdict verdict
        = ReconciliationVerdict::judge(change.dimension, change.current, change.target, lookup, inFlight);
    m_result.explanation = verdict.text(change.target);
    if (!lookup.isVerified()) {
        finish(); // nothing learnt: the entry stays as it is
        return;
    }
    const QByteArray requestId = lookup.stock->requestId;
    if (verdict.verdict != ReconciliationVerdict::Verdict::NotApplied) {
        record(verdict.name(), verdict.observed, requestId, {});
        finish();
        return;
    }
    // The starting value: send the very same change again. Its request number makes a replay
    // harmless, and WeChat Pay's answer to it settles what the lookup alone cannot.
    resend();
}

void EntryReconciliation::resend()
{
    const BudgetChange same = m_entry.change.budgetChange();
    const AuditChange &change = m_entry.change;
    // The re-send leaves a trace before it goes out, as every change does.
    const QString starting = QString::number(change.current.value_or(0));
    m_resend = m_client.modifyBudget(same, [this, starting](const BudgetChange &) -> std::optional<BilingualText> {
        AuditReconciliation trace;
        trace.outcome = QStringLiteral("unknown");
        trace.observed = m_entry.change.current;
        trace.note
            = QStringLiteral("核对时批次仍为原值 %1：正用同一请求单号 %2 重新发送同一修改 / The lookup showed the "
                             "starting value %1; re-sending the same change with request number %2")
                  .arg(starting, m_entry.change.requestNumber);
        auto written = m_log.recordReconciliation(m_entry.id, trace);
        return written ? std::nullopt : std::optional<BilingualText>(written.error().text());
    });
    m_resend->setEarlierAttemptsMayHaveApplied(true);
    connect(m_resend, &BudgetModification::finished, this, &EntryReconciliation::resendFinished);
}

void EntryReconciliation::resendFinished(const BudgetOutcome &outcome)
{
    using K = BudgetOutcome::Kind;
    m_result.resend = outcome;
    if (outcome.kind == K::NotRecorded || outcome.kind == K::SigningFailed || outcome.kind == K::Invalid) {
        m_result.explanation = outcome.summary(); // nothing went out: nothing learnt, nothing to add
        finish();
        return;
    }
    QString result;
    switch (outcome.kind) {
    case K::Applied:
    case K::ReconciledApplied:
        result = QStringLiteral("applied");
        break;
    case K::ReconciledNotApplied:
        result = QStringLiteral("not_applied");
        break;
    default:
        result = QStringLiteral("unknown");
        break;
    }
    const BilingualText summary = outcome.summary();
    m_result.explanation = summary;
    // The re-sent requests are attempts of this entry's change like the first ones.
    if (auto written = m_log.recordAttempts(m_entry.id, AuditAttempt::fromExchange(outcome.attempts)); !written)
        m_result.recordError = written.error();
    const QString note = QStringLiteral("核对时批次仍为原值 %1，已用同一请求单号 %2 重新发送同一修改：%3 / The lookup "
                                        "showed the starting value %1; the same change was re-sent with the same "
                                        "request number %2: %4")
                             .arg(m_entry.change.current.value_or(0))
                             .arg(m_entry.change.requestNumber, summary.zh, summary.en);
    record(result, outcome.isApplied() ? std::optional<qint64>(outcome.change.target) : outcome.observedValue,
           outcome.requestId, note);
    finish();
}

void EntryReconciliation::record(const QString &outcome, std::optional<qint64> observed, const QByteArray &requestId,
                                 const QString &note)
{
    m_result.outcome = outcome;
    AuditReconciliation reconciliation;
    reconciliation.outcome = outcome;
    reconciliation.observed = observed;
    reconciliation.requestId = requestId;
    reconciliation.note = note;
    auto written = m_log.recordReconciliation(m_entry.id, reconciliation);
    if (!written)
        m_result.recordError = written.error();
}

void EntryReconciliation::finish()
{
    Q_EMIT finished(m_result);
    deleteLater();
}

} // namespace budgetdesk
