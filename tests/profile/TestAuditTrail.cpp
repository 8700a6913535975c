#include "audit/AuditTrail.h"

#include "SimulatorFixture.h"

#include "simulator/SimulatedStock.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

namespace {

// What every test here needs: the simulator, a fresh audit log, a client and the trail.
struct TrailFixture
{
    SimulatorFixture sim;
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    Result<std::unique_ptr<AuditLog>, AuditError> log = AuditLog::open(path);
    std::unique_ptr<BusifavorClient> client = sim.client();
    AuditTrail trail{**log, QStringLiteral("p"), QStringLiteral("1900000109"), QStringLiteral("cli")};
};

// As if a crash had left this behind: a pending entry for the demo batch's total.
AuditChange pendingChange(qint64 current, qint64 target, const QString &requestNumber)
{
    AuditChange change;
    change.profile = QStringLiteral("p");
    change.mchid = QStringLiteral("1900000109");
    change.stockId = QStringLiteral("1212000000000001");
    change.current = current;
    change.target = target;
    change.requestNumber = requestNumber;
    change.osUser = QStringLiteral("u");
    change.source = QStringLiteral("cli");
    return change;
}

// The same, written `minutesAgo` — long enough ago that none of its attempts can still be on
// their way. (The log itself only ever writes "now", and refuses UPDATE.)
qint64 olderPending(const QString &path, const AuditChange &change, int minutesAgo = 30)
{
    qint64 id = 0;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backdate"));
        database.setDatabaseName(path);
        database.open();
        QSqlQuery query(database);
        query.prepare(QStringLiteral("INSERT INTO changes (created_at, profile, mchid, stock_id, dimension, "
                                     "current_value, target_value, request_no, os_user, source) VALUES (?, ?, ?, ?, "
                                     "'max_coupons', ?, ?, ?, ?, ?)"));
        query.addBindValue(QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo).toString(Qt::ISODateWithMs));
        for (const QVariant &value : {QVariant(change.profile), QVariant(change.mchid), QVariant(change.stockId),
                                      QVariant(*change.current), QVariant(change.target),
                                      QVariant(change.requestNumber), QVariant(change.osUser), QVariant(change.source)})
            query.addBindValue(value);
        if (query.exec())
            id = query.lastInsertId().toLongLong();
        database.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("backdate"));
    return id;
}

int patchesWith(SimulatorFixture &sim, const QByteArray &requestNumber)
{
    int count = 0;
    for (const ReceivedRequest &received : sim.server().receivedRequests())
        count += received.request.method == "PATCH" && received.request.body.contains(requestNumber);
    return count;
}

} // namespace

class TestAuditTrail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pendingBeforeSendingCompletedAfter();
    void everyOutcomeIsRecorded_data();
    void everyOutcomeIsRecorded();
    void nothingIsSentWhenNothingCanBeRecorded();
    void invalidChangesAreNotRecorded();
    void reconcileSettlesAPendingEntry();
    void startingValueIsSettledByResendingTheSameChange();
    void resendRefusedWhileStartingValueHeldIsNotApplied();
    void youngPendingEntryIsNotResent();
    void settledEntriesAreLeftAlone();
    void retryOfAnAppliedChangeIsNotRejected();
    void appliedIsNeverUndone();
    void retryWithTheSameNumberSettlesEarlierEntries();
    void retryFoundNotAppliedSettlesEarlierEntries();
    void reSentEntryCountsAsInFlightAgain();
    void operatorAndBatchNameAreRecorded();
    void outcomeTheDatabaseRefusedIsWrittenLater();
};

void TestAuditTrail::pendingBeforeSendingCompletedAfter()
{
    SimulatorFixture sim;
    QTemporaryDir dir;
    auto log = AuditLog::open(dir.filePath(QStringLiteral("audit.sqlite")));
    auto client = sim.client();
    AuditTrail trail(**log, QStringLiteral("门店A"), QStringLiteral("1900000109"), QStringLiteral("window"));

    // What the log held at the moment the PATCH reached the simulator.
    std::optional<AuditEntry> seenBySimulator;
    QObject::connect(&sim.server(), &SimulatorServer::answered, &sim.server(), [&] {
        if (!seenBySimulator && sim.server().receivedRequests().last().request.method == "PATCH")
            seenBySimulator = (*log)->query().value_or({}).value(0);
    });
    auto recording = std::make_shared<AuditRecording>();
    const BudgetOutcome outcome = SimulatorFixture::wait(trail.modify(
        *client,
        {QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, std::nullopt, QStringLiteral("trail-1")},
        recording));
    const qint64 entryId = recording->entryId;
    QVERIFY(!recording->completionError);
    QCOMPARE(outcome.kind, BudgetOutcome::Kind::Applied);
    QVERIFY(entryId > 0);
    QVERIFY(seenBySimulator.has_value());
    QCOMPARE(seenBySimulator->id, entryId);
    QCOMPARE(seenBySimulator->effectiveOutcome(), QStringLiteral("pending"));

    const AuditEntry entry = *(*log)->entry(entryId);
    QCOMPARE(entry.effectiveOutcome(), QStringLiteral("applied"));
    QCOMPARE(entry.change.profile, QStringLiteral("门店A"));
    QCOMPARE(*entry.change.current, 50000); // the looked-up value, as sent
    QCOMPARE(entry.change.target, 60000);
    QCOMPARE(entry.change.requestNumber, QStringLiteral("trail-1"));
    QCOMPARE(entry.change.source, QStringLiteral("window"));
    QVERIFY(!entry.change.osUser.isEmpty());
    QVERIFY(entry.completion->verified);
    QCOMPARE(entry.completion->requestId, outcome.requestId);
    QCOMPARE(entry.completion->domain, sim.server().baseUrl().toString());
    // The attempt itself: where it went, what it was signed with, how it ended.
    QCOMPARE(entry.attempts.size(), 1);
    QCOMPARE(entry.attempts[0].httpStatus, 200);
    QVERIFY(entry.attempts[0].sent);
    QVERIFY(!entry.attempts[0].nonce.isEmpty());
    QVERIFY(outcome.attempts[0].signingMessage.contains(entry.attempts[0].nonce.toLatin1()));
}

void TestAuditTrail::everyOutcomeIsRecorded_data()
{
    QTest::addColumn<QStringList>("faults");
    QTest::addColumn<QString>("stock");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("code");
    QTest::newRow("rejected") << QStringList() << "1212000000000009"
                              << "rejected"
                              << "RULE_LIMIT";
    QTest::newRow("reconciled as applied")
        << QStringList{QStringLiteral("signtest"), QStringLiteral("count=1")} << "1212000000000001"
        << "applied"
        << "";
    QTest::newRow("unknown") << QStringList{QStringLiteral("bad-signature")} << "1212000000000001"
                             << "unknown"
                             << "";
    // A 5xx may come while WeChat Pay still works on the change: the starting value seen
    // afterwards proves nothing. (not_applied: see resendRefusedWhileStartingValueHeldIsNotApplied.)
    QTest::newRow("unknown after 500s") << QStringList{QStringLiteral("status=500"), QStringLiteral("count=3")}
                                        << "1212000000000001"
                                        << "unknown"
                                        << "SYSTEM_ERROR";
}

void TestAuditTrail::everyOutcomeIsRecorded()
{
    QFETCH(QStringList, faults);
    QFETCH(QString, stock);
    QFETCH(QString, outcome);
    QFETCH(QString, code);
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    sim.simulator().setFaults(FaultPlan::parse(faults).value());
    auto recording = std::make_shared<AuditRecording>();
    const bool foreign = stock == QLatin1String("1212000000000009");
    SimulatorFixture::wait(trail.modify(
        *client, {stock, BudgetDimension::Total, foreign ? 6000 : 60000, foreign ? 5000 : 50000, QStringLiteral("o-1")},
        recording));
    const AuditEntry entry = *(*log)->entry(recording->entryId);
    QCOMPARE(entry.effectiveOutcome(), outcome);
    QCOMPARE(entry.completion->code, code);
    QCOMPARE(entry.isUnresolved(), outcome == QLatin1String("unknown"));
}

void TestAuditTrail::nothingIsSentWhenNothingCanBeRecorded()
{
    SimulatorFixture sim;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    auto log = AuditLog::open(path);
    {
        // The table disappears behind the log's back (a broken or foreign database).
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("vandal"));
        other.setDatabaseName(path);
        QVERIFY(other.open());
        QVERIFY(QSqlQuery(other).exec(QStringLiteral("ALTER TABLE changes RENAME TO gone")));
        other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("vandal"));
    auto client = sim.client();
    AuditTrail trail(**log, QStringLiteral("p"), QStringLiteral("1900000109"), QStringLiteral("cli"));
    const BudgetOutcome outcome = SimulatorFixture::wait(trail.modify(
        *client, {QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, 50000, QStringLiteral("x")}));
    QCOMPARE(outcome.kind, BudgetOutcome::Kind::NotRecorded);
    QVERIFY(outcome.summary().zh.contains(QStringLiteral("审计日志")));
    QVERIFY(sim.server().receivedRequests().isEmpty());
}

void TestAuditTrail::invalidChangesAreNotRecorded()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    const BudgetOutcome outcome = SimulatorFixture::wait(trail.modify(
        *client, {QStringLiteral("1212000000000001"), BudgetDimension::Total, 10, std::nullopt, QStringLiteral("y")}));
    QCOMPARE(outcome.kind, BudgetOutcome::Kind::Invalid);
    QVERIFY((*log)->query().value_or({}).isEmpty()); // nothing was sent, so nothing to record
}

void TestAuditTrail::reconcileSettlesAPendingEntry()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    const qint64 applied = olderPending(path, pendingChange(50000, 60000, QStringLiteral("crash-1")));
    // Another change from 50000, to 70000 — but the batch will hold 60000: a third value.
    const qint64 overtaken = olderPending(path, pendingChange(50000, 70000, QStringLiteral("crash-2")));
    SimulatorFixture::wait(sim.client()->modifyBudget(
        {QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, 50000, QStringLiteral("crash-1")}));

    QCOMPARE(SimulatorFixture::wait(trail.reconcile(*client, *(*log)->entry(applied))).outcome,
             QStringLiteral("applied"));
    const EntryReconciliationResult third = SimulatorFixture::wait(trail.reconcile(*client, *(*log)->entry(overtaken)));
    QCOMPARE(third.outcome, QStringLiteral("unknown"));
    QVERIFY(!third.resend); // neither its start nor its target: nothing to re-send
    QCOMPARE((*log)->entry(applied)->effectiveOutcome(), QStringLiteral("applied"));
    // A third value is never "not applied": someone else changed the batch.
    QCOMPARE((*log)->entry(overtaken)->effectiveOutcome(), QStringLiteral("unknown"));
    QCOMPARE((*log)->entry(overtaken)->reconciliation->observed, 60000);
    QVERIFY((*log)->entry(overtaken)->isUnresolved());
    QCOMPARE((*log)->unresolved().size(), 1);
}

void TestAuditTrail::startingValueIsSettledByResendingTheSameChange()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    // The crash came before the PATCH went out: the batch still holds the starting value.
    const qint64 id = olderPending(path, pendingChange(50000, 65000, QStringLiteral("resend-1")));
    const EntryReconciliationResult result = SimulatorFixture::wait(trail.reconcile(*client, *(*log)->entry(id)));
    QVERIFY(result.resend.has_value());
    QCOMPARE(result.outcome, QStringLiteral("applied"));
    QCOMPARE(sim.simulator().stocks().stock(QStringLiteral("1212000000000001")).maxCoupons(), 65000);
    QCOMPARE(patchesWith(sim, "resend-1"), 1); // the same request number, once
    const AuditEntry entry = *(*log)->entry(id);
    QCOMPARE(entry.attempts.size(), 1); // the re-send is an attempt of this entry's change
    QCOMPARE(entry.attempts[0].httpStatus, 200);
    QCOMPARE(entry.effectiveOutcome(), QStringLiteral("applied"));
    QVERIFY(entry.reconciliation->note.contains(QStringLiteral("resend-1")));
    QVERIFY(entry.reconciliation->note.contains(QStringLiteral("重新发送")));
    QVERIFY(entry.reconciliation->note.contains(QStringLiteral("re-sent")));

    // A second look at it changes nothing and sends nothing.
    const EntryReconciliationResult again = SimulatorFixture::wait(trail.reconcile(*client, entry));
    QCOMPARE(again.outcome, QStringLiteral("applied"));
    QCOMPARE(patchesWith(sim, "resend-1"), 1);
}

void TestAuditTrail::resendRefusedWhileStartingValueHeldIsNotApplied()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    // Below the 12840 coupons issued: WeChat Pay refuses the re-send for good.
    const qint64 id = olderPending(path, pendingChange(50000, 100, QStringLiteral("resend-2")));
    const EntryReconciliationResult result = SimulatorFixture::wait(trail.reconcile(*client, *(*log)->entry(id)));
    QVERIFY(result.resend.has_value());
    QCOMPARE(result.outcome, QStringLiteral("not_applied"));
    QCOMPARE((*log)->entry(id)->effectiveOutcome(), QStringLiteral("not_applied"));
    QCOMPARE(sim.simulator().stocks().stock(QStringLiteral("1212000000000001")).maxCoupons(), 50000);
}

// Written moments ago: its PATCH may still be on its way (another window, a process that is
// only slow). Not re-sent, not "not applied".
void TestAuditTrail::youngPendingEntryIsNotResent()
{
    SimulatorFixture sim;
    QTemporaryDir dir;
    auto log = AuditLog::open(dir.filePath(QStringLiteral("audit.sqlite")));
    const qint64 id = *(*log)->recordPending(pendingChange(50000, 65000, QStringLiteral("young-1")));
    auto client = sim.client();
    AuditTrail trail(**log, QStringLiteral("p"), QStringLiteral("1900000109"), QStringLiteral("cli"));
    const EntryReconciliationResult result = SimulatorFixture::wait(trail.reconcile(*client, *(*log)->entry(id)));
    QCOMPARE(result.outcome, QStringLiteral("unknown"));
    QVERIFY(!result.resend);
    QCOMPARE(patchesWith(sim, "young-1"), 0);
    QVERIFY(result.explanation.zh.contains(QStringLiteral("可能仍在")));
    QVERIFY((*log)->entry(id)->isUnresolved());
}

// A settled entry is left as it is: a refused change is never re-sent by a "check".
void TestAuditTrail::settledEntriesAreLeftAlone()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    const qint64 id = olderPending(path, pendingChange(50000, 65000, QStringLiteral("refused-1")));
    AuditCompletion refused;
    refused.outcome = QStringLiteral("rejected");
    refused.code = QStringLiteral("RULE_LIMIT");
    QVERIFY((*log)->complete(id, refused).ok());
    const EntryReconciliationResult result = SimulatorFixture::wait(trail.reconcile(*client, *(*log)->entry(id)));
    QCOMPARE(result.outcome, QStringLiteral("rejected"));
    QVERIFY(sim.server().receivedRequests().isEmpty());
    QCOMPARE((*log)->entry(id)->effectiveOutcome(), QStringLiteral("rejected"));
}

// A retry of a change that applied already: the compare-and-set refusal it meets is a replay's
// answer, not a refusal of the change.
void TestAuditTrail::retryOfAnAppliedChangeIsNotRejected()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    const BudgetChange change{QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, 50000,
                              QStringLiteral("twice-1")};
    QCOMPARE(SimulatorFixture::wait(trail.modify(*client, change)).kind, BudgetOutcome::Kind::Applied);
    // The same change again, against a server that has forgotten the number (idempotency is
    // not promised by WeChat Pay's page): 403 批次库存的当前值错误.
    SimulatorFixture fresh;
    SimulatedStock moved = fresh.simulator().stocks().stock(QStringLiteral("1212000000000001"));
    moved.setMaxCoupons(60000);
    fresh.simulator().stocks().put(moved);
    auto freshClient = fresh.client();
    const BudgetOutcome again = SimulatorFixture::wait(trail.modify(*freshClient, change));
    QVERIFY(again.kind != BudgetOutcome::Kind::Rejected);
    QCOMPARE(again.ambiguity, BudgetOutcome::Ambiguity::RefusedAfterRetry);
    QCOMPARE(again.kind, BudgetOutcome::Kind::ReconciledApplied);
}

void TestAuditTrail::appliedIsNeverUndone()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    const qint64 id = *(*log)->recordPending(pendingChange(50000, 60000, QStringLiteral("undo-1")));
    QVERIFY((*log)->recordReconciliation(
        id, {QDateTime::currentDateTimeUtc(), QStringLiteral("applied"), 60000, "R1", {}}));
    // A later look that saw something else (someone changed the batch since) is appended...
    QVERIFY((*log)->recordReconciliation(
        id, {QDateTime::currentDateTimeUtc(), QStringLiteral("not_applied"), 50000, "R2", {}}));
    // ...but does not undo the verified sighting of the target.
    QCOMPARE((*log)->entry(id)->effectiveOutcome(), QStringLiteral("applied"));
    QCOMPARE((*log)->entry(id)->reconciliation->requestId, QByteArray("R1"));
    // And reconciling it again looks nothing up.
    const EntryReconciliationResult result = SimulatorFixture::wait(trail.reconcile(*client, *(*log)->entry(id)));
    QCOMPARE(result.outcome, QStringLiteral("applied"));
    QVERIFY(sim.server().receivedRequests().isEmpty());
}

void TestAuditTrail::retryWithTheSameNumberSettlesEarlierEntries()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    // The first try was lost with its answer: unknown.
    sim.simulator().setFaults(FaultPlan::parse({QStringLiteral("drop-before-apply")}).value());
    auto first = std::make_shared<AuditRecording>();
    const BudgetOutcome lost = SimulatorFixture::wait(trail.modify(
        *client, {QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, 50000, QStringLiteral("again-1")},
        first));
    QCOMPARE(lost.kind, BudgetOutcome::Kind::Unknown);
    QVERIFY((*log)->entry(first->entryId)->isUnresolved());
    QCOMPARE((*log)->entry(first->entryId)->attempts.size(), 1);
    QCOMPARE((*log)->entry(first->entryId)->attempts[0].error, QStringLiteral("connection_closed"));

    sim.simulator().setFaults({});
    auto retry = std::make_shared<AuditRecording>();
    const BudgetOutcome applied = SimulatorFixture::wait(trail.modify(
        *client, {QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, 50000, QStringLiteral("again-1")},
        retry));
    QCOMPARE(applied.kind, BudgetOutcome::Kind::Applied);
    QCOMPARE(retry->settledEntries, QList<qint64>{first->entryId});
    const AuditEntry settled = *(*log)->entry(first->entryId);
    QCOMPARE(settled.effectiveOutcome(), QStringLiteral("applied"));
    QVERIFY(settled.reconciliation->note.contains(QStringLiteral("#%1").arg(retry->entryId)));
    QVERIFY((*log)->unresolved().isEmpty());
}

// The retry of an unconfirmed change is refused and a verified lookup finds the batch still at
// its starting value: that number never took effect, so the earlier entry is settled too —
// unless it may still be on its way.
void TestAuditTrail::retryFoundNotAppliedSettlesEarlierEntries()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    // Below the 12840 coupons issued: WeChat Pay refuses it, whatever the number.
    const qint64 old = olderPending(path, pendingChange(50000, 100, QStringLiteral("na-1")));
    auto retry = std::make_shared<AuditRecording>();
    const BudgetOutcome outcome = SimulatorFixture::wait(trail.modify(
        *client, {QStringLiteral("1212000000000001"), BudgetDimension::Total, 100, 50000, QStringLiteral("na-1")},
        retry));
    QCOMPARE(outcome.kind, BudgetOutcome::Kind::ReconciledNotApplied);
    QCOMPARE(retry->settledEntries, QList<qint64>{old});
    const AuditEntry settled = *(*log)->entry(old);
    QCOMPARE(settled.effectiveOutcome(), QStringLiteral("not_applied"));
    QCOMPARE(settled.reconciliation->observed, std::optional<qint64>(50000));
    QCOMPARE(settled.reconciliation->requestId, outcome.reconciliation->stock->requestId); // the lookup's
    QVERIFY(settled.reconciliation->note.contains(QStringLiteral("#%1").arg(retry->entryId)));
    QVERIFY((*log)->unresolved().isEmpty());

    // Another change under another number is not touched by it.
    const qint64 other = olderPending(path, pendingChange(50000, 100, QStringLiteral("na-2")));
    // A young earlier entry may still be applied by WeChat Pay: the lookup cannot settle it,
    // nor the retry's refusal.
    const qint64 young = *(*log)->recordPending(pendingChange(50000, 100, QStringLiteral("na-3")));
    auto second = std::make_shared<AuditRecording>();
    const BudgetOutcome open = SimulatorFixture::wait(trail.modify(
        *client, {QStringLiteral("1212000000000001"), BudgetDimension::Total, 100, 50000, QStringLiteral("na-3")},
        second));
    QCOMPARE(open.kind, BudgetOutcome::Kind::Unknown);
    QVERIFY(second->settledEntries.isEmpty());
    QVERIFY((*log)->entry(young)->isUnresolved());
    QVERIFY((*log)->entry(other)->isUnresolved());
}

// An old entry that 核对 re-sent a moment ago is as much in flight as a new one: its re-send
// may still land, so a refused retry under the same number cannot call it "not applied".
void TestAuditTrail::reSentEntryCountsAsInFlightAgain()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    const qint64 old = olderPending(path, pendingChange(50000, 100, QStringLiteral("rs-1")));
    QVERIFY(!(*log)->entry(old)->mayStillBeInFlight(QDateTime::currentDateTimeUtc()));
    sim.simulator().setFaults(FaultPlan::parse({QStringLiteral("drop-before-apply")}).value());
    const EntryReconciliationResult checked = SimulatorFixture::wait(trail.reconcile(*client, *(*log)->entry(old)));
    QVERIFY(checked.resend.has_value()); // re-sent, and lost on the way
    const AuditEntry resent = *(*log)->entry(old);
    QVERIFY(resent.isUnresolved());
    QVERIFY(!resent.attempts.isEmpty());
    QVERIFY(resent.lastSent() > resent.time);
    QVERIFY(resent.mayStillBeInFlight(QDateTime::currentDateTimeUtc()));

    sim.simulator().setFaults({});
    auto retry = std::make_shared<AuditRecording>();
    const BudgetOutcome outcome = SimulatorFixture::wait(trail.modify(
        *client, {QStringLiteral("1212000000000001"), BudgetDimension::Total, 100, 50000, QStringLiteral("rs-1")},
        retry));
    QCOMPARE(outcome.kind, BudgetOutcome::Kind::Unknown);
    QVERIFY(retry->settledEntries.isEmpty());
    QVERIFY((*log)->entry(old)->isUnresolved());
}

void TestAuditTrail::operatorAndBatchNameAreRecorded()
{
    TrailFixture f;
    auto &[sim, dir, path, log, client, trail] = f;
    AuditTrail shared(**log, QStringLiteral("p"), QStringLiteral("1900000109"), QStringLiteral("window"),
                      QStringLiteral("张三"));
    // Named by the caller, who looked the batch up.
    auto named = std::make_shared<AuditRecording>();
    SimulatorFixture::wait(shared.modify(
        *client, {QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, 50000, QStringLiteral("op-1")},
        named, QStringLiteral("叫什么都行")));
    const AuditEntry first = *(*log)->entry(named->entryId);
    QCOMPARE(first.change.operatorName, QStringLiteral("张三"));
    QCOMPARE(first.change.stockName, QStringLiteral("叫什么都行"));
    QCOMPARE(first.change.osUser, currentOsUser());
    QVERIFY(!first.change.osUser.isEmpty());
    // No current value: the change's own lookup names the batch.
    auto looked = std::make_shared<AuditRecording>();
    SimulatorFixture::wait(trail.modify(
        *client,
        {QStringLiteral("1212000000000001"), BudgetDimension::Total, 61000, std::nullopt, QStringLiteral("op-2")},
        looked));
    const AuditEntry second = *(*log)->entry(looked->entryId);
    const QString simulatedName = sim.simulator()
                                      .stocks()
                                      .stock(QStringLiteral("1212000000000001"))
                                      .json()
                                      .value(QStringLiteral("stock_name"))
                                      .toString();
    QVERIFY(!simulatedName.isEmpty());
    QCOMPARE(second.change.stockName, simulatedName);
    QVERIFY(second.change.operatorName.isEmpty()); // this trail's profile names nobody
}

void TestAuditTrail::outcomeTheDatabaseRefusedIsWrittenLater()
{
    SimulatorFixture sim;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    auto log = AuditLog::open(path);
    auto client = sim.client();
    AuditTrail trail(**log, QStringLiteral("p"), QStringLiteral("1900000109"), QStringLiteral("cli"));
    auto recording = std::make_shared<AuditRecording>();
    BudgetModification *modification = trail.modify(
        *client, {QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, 50000, QStringLiteral("late-1")},
        recording);
    // Once the change is on its way, the outcomes table starts refusing writes.
    QObject::connect(modification, &BudgetModification::stageChanged, modification, [&](BudgetModification::Stage) {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("blocker"));
        other.setDatabaseName(path);
        QVERIFY(other.open());
        QVERIFY(QSqlQuery(other).exec(QStringLiteral(
            "CREATE TRIGGER refuse BEFORE INSERT ON outcomes BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")));
        other.close();
    });
    const BudgetOutcome outcome = SimulatorFixture::wait(modification);
    QSqlDatabase::removeDatabase(QStringLiteral("blocker"));
    QCOMPARE(outcome.kind, BudgetOutcome::Kind::Applied); // the outcome stands
    QVERIFY(recording->completionError.has_value());
    QVERIFY(recording->keptForLater);
    QVERIFY(QFile::exists((*log)->outboxPath()));
    QCOMPARE((*log)->entry(recording->entryId)->effectiveOutcome(), QStringLiteral("pending"));

    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fixer"));
        other.setDatabaseName(path);
        QVERIFY(other.open());
        QVERIFY(QSqlQuery(other).exec(QStringLiteral("DROP TRIGGER refuse")));
        other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fixer"));
    // The next start completes it from the outbox, with the outcome as it was.
    auto reopened = AuditLog::open(path);
    const AuditEntry entry = *(*reopened)->entry(recording->entryId);
    QCOMPARE(entry.effectiveOutcome(), QStringLiteral("applied"));
    QVERIFY(entry.completion->verified);
    QCOMPARE(entry.completion->requestId, outcome.requestId);
    QVERIFY(!QFile::exists((*reopened)->outboxPath()));
}

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "TestAuditTrail.moc"
