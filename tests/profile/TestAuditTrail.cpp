#include "audit/AuditTrail.h"

#include "SimulatorFixture.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

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
            seenBySimulator = (*log)->query().value(0);
    });
    qint64 entryId = 0;
    const BudgetOutcome outcome = SimulatorFixture::wait(trail.modify(
        *client,
        {QStringLiteral("1212000000000001"), BudgetDimension::Total, 60000, std::nullopt, QStringLiteral("trail-1")},
        &entryId));
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
    QTest::newRow("not applied") << QStringList{QStringLiteral("status=500"), QStringLiteral("count=3")}
                                 << "1212000000000001"
                                 << "not_applied"
                                 << "SYSTEM_ERROR";
}

void TestAuditTrail::everyOutcomeIsRecorded()
{
    QFETCH(QStringList, faults);
    QFETCH(QString, stock);
    QFETCH(QString, outcome);
    QFETCH(QString, code);
    SimulatorFixture sim;
    QTemporaryDir dir;
    auto log = AuditLog::open(dir.filePath(QStringLiteral("audit.sqlite")));
    auto client = sim.client();
    AuditTrail trail(**log, QStringLiteral("p"), QStringLiteral("1900000109"), QStringLiteral("cli"));
    sim.simulator().setFaults(FaultPlan::parse(faults).value());
    qint64 id = 0;
    const bool foreign = stock == QLatin1String("1212000000000009");
    SimulatorFixture::wait(trail.modify(
        *client, {stock, BudgetDimension::Total, foreign ? 6000 : 60000, foreign ? 5000 : 50000, QStringLiteral("o-1")},
        &id));
    const AuditEntry entry = *(*log)->entry(id);
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
    SimulatorFixture sim;
    QTemporaryDir dir;
    auto log = AuditLog::open(dir.filePath(QStringLiteral("audit.sqlite")));
    auto client = sim.client();
    AuditTrail trail(**log, QStringLiteral("p"), QStringLiteral("1900000109"), QStringLiteral("cli"));
    const BudgetOutcome outcome = SimulatorFixture::wait(trail.modify(
        *client, {QStringLiteral("1212000000000001"), BudgetDimension::Total, 10, std::nullopt, QStringLiteral("y")}));
    QCOMPARE(outcome.kind, BudgetOutcome::Kind::Invalid);
    QVERIFY((*log)->query().isEmpty()); // nothing was sent, so nothing to record
}

void TestAuditTrail::reconcileSettlesAPendingEntry()
{
    SimulatorFixture sim;
    QTemporaryDir dir;
    auto log = AuditLog::open(dir.filePath(QStringLiteral("audit.sqlite")));
    // As if a crash had left this behind after the change reached WeChat Pay.
    AuditChange change;
    change.profile = QStringLiteral("p");
    change.mchid = QStringLiteral("1900000109");
    change.stockId = QStringLiteral("1212000000000001");
    change.current = 50000;
    change.target = 60000;
    change.requestNumber = QStringLiteral("crash-1");
    change.osUser = QStringLiteral("u");
    change.source = QStringLiteral("cli");
    const qint64 applied = *(*log)->recordPending(change);
    change.target = 70000;
    const qint64 lost = *(*log)->recordPending(change);
    SimulatorFixture::wait(
        sim.client()->modifyBudget({change.stockId, BudgetDimension::Total, 60000, 50000, QStringLiteral("crash-1")}));

    auto client = sim.client();
    AuditTrail trail(**log, QStringLiteral("p"), QStringLiteral("1900000109"), QStringLiteral("cli"));
    QVERIFY(SimulatorFixture::wait(trail.reconcile(*client, *(*log)->entry(applied))).isVerified());
    QVERIFY(SimulatorFixture::wait(trail.reconcile(*client, *(*log)->entry(lost))).isVerified());
    QCOMPARE((*log)->entry(applied)->effectiveOutcome(), QStringLiteral("applied"));
    QCOMPARE((*log)->entry(lost)->effectiveOutcome(), QStringLiteral("not_applied"));
    QCOMPARE((*log)->entry(lost)->reconciliation->observed, 60000);
    QVERIFY((*log)->unresolved().isEmpty());
}

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "TestAuditTrail.moc"
