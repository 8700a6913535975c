#include "simulator/FaultPlan.h"

#include <QTest>

using namespace budgetdesk::sim;

class TestFaultPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryFault();
    void rejectsBadItems_data();
    void rejectsBadItems();
    void countLimitsTheRequests();
    void noFaultsByDefault();
};

void TestFaultPlan::parsesEveryFault()
{
    auto plan = FaultPlan::parse(
        {QStringLiteral("bad-signature"), QStringLiteral("signtest=0.25"), QStringLiteral("skew=-42"),
         QStringLiteral("wrong-serial"), QStringLiteral("omit-signature-headers"), QStringLiteral("delay=1500"),
         QStringLiteral("drop-before-apply"), QStringLiteral("drop-after-apply"), QStringLiteral("drop"),
         QStringLiteral("status=502"), QStringLiteral("busy"), QStringLiteral("portal")});
    QVERIFY(plan.ok());
    const Faults &f = plan->faults();
    QVERIFY(f.badSignature && f.wrongSerial && f.omitSignatureHeaders && f.dropBeforeApply && f.dropAfterApply
            && f.dropAll && f.busy && f.portal);
    QCOMPARE(*f.signTest, 0.25);
    QCOMPARE(f.skewSeconds, -42);
    QCOMPARE(f.delayMilliseconds, 1500);
    QCOMPARE(f.status, 502);
    QVERIFY(!plan->remaining().has_value());
    QVERIFY(FaultPlan::parse({QStringLiteral("portal")})->faults().any());
    QCOMPARE(*FaultPlan::parse({QStringLiteral("signtest")})->faults().signTest, 1.0);
}

void TestFaultPlan::rejectsBadItems_data()
{
    QTest::addColumn<QString>("item");
    QTest::newRow("unknown") << "explode";
    QTest::newRow("status 404") << "status=404";
    QTest::newRow("status text") << "status=bad";
    QTest::newRow("signtest above 1") << "signtest=1.5";
    QTest::newRow("negative delay") << "delay=-1";
    QTest::newRow("skew without value") << "skew";
    QTest::newRow("flag with value") << "busy=1";
    QTest::newRow("count negative") << "count=-2";
}

void TestFaultPlan::rejectsBadItems()
{
    QFETCH(QString, item);
    auto plan = FaultPlan::parse({item});
    QVERIFY(!plan.ok());
    QVERIFY(plan.error().contains(item));
    QVERIFY(plan.error().contains(QStringLiteral("bad-signature"))); // lists what is known
}

void TestFaultPlan::countLimitsTheRequests()
{
    auto plan = FaultPlan::parse({QStringLiteral("status=500"), QStringLiteral("count=2")}).value();
    QCOMPARE(plan.next().status, 500);
    QCOMPARE(plan.next().status, 500);
    QVERIFY(!plan.next().any());
    QVERIFY(!plan.next().any());
    QCOMPARE(*plan.remaining(), 0);
    // 429 too: the family's rate refusal, for the watch's back-off
    QCOMPARE(FaultPlan::parse({QStringLiteral("status=429")}).value().next().status, 429);
}

void TestFaultPlan::noFaultsByDefault()
{
    FaultPlan plan;
    QVERIFY(!plan.next().any());
    QVERIFY(!FaultPlan::parse({}).value().next().any());
}

QTEST_GUILESS_MAIN(TestFaultPlan)
#include "TestFaultPlan.moc"
