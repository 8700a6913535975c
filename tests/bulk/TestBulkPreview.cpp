// The bulk dry run against the simulator (issue 16): every row looked up fresh and checked as
// the single form checks a change — ready, blocked with the reason, or already at its target —
// with the totals; nothing is sent.
#include "HostileServer.h"

#include "bulk/BulkPreview.h"
#include "busifavor/BusifavorClient.h"
#include "watch/LookupPacer.h"

#include <QSignalSpy>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

class TestBulkPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAreCheckedAgainstFreshLookups()
    {
        HostileServer server;
        auto client = server.client();
        LookupPacer pacer(20.0);
        const auto sheet = BulkSheet::read("stock_id,product_coupon_id,dimension,target,delta\n"
                                           "1212000000000001,,total,60000,\n" // ready: +10 000
                                           "1212000000000002,,total,,-10%\n" // 18 000 < 19 650 issued
                                           "1212000000000003,,per_day,,+100\n" // no daily cap
                                           "1212000000000001,,per_day,,+10%\n" // ready: 5 000 → 5 500
                                           "1212000000000002,,per_day,2000,\n" // already 2 000
                                           "1212000000000099,,total,100,\n" // no such batch
                                           "1000000013001,1000000013,total,,+1000\n"); // ready
        QVERIFY(sheet);
        BulkPreview preview(*client, pacer, sheet->rows(), QStringLiteral("120344"), QStringLiteral("1900000109"));
        QSignalSpy finished(&preview, &BulkPreview::finished);
        preview.start();
        QVERIFY(finished.wait(30000));
        const QList<BulkCheck> &checks = preview.checks();
        QCOMPARE(checks.size(), 7);
        using Status = BulkCheck::Status;
        QCOMPARE(checks.at(0).status(), Status::Ready);
        QCOMPARE(checks.at(0).current, 50000);
        QCOMPARE(checks.at(0).target, 60000);
        QCOMPARE(checks.at(0).remainingAfter(), 60000 - 12840);
        QCOMPARE(checks.at(1).status(), Status::Blocked);
        QCOMPARE(checks.at(1).target, 18000);
        QCOMPARE(checks.at(1).problems.first().code(), BudgetProblem::Code::TargetBelowIssued);
        QCOMPARE(checks.at(2).status(), Status::Blocked);
        QCOMPARE(checks.at(2).problems.first().code(), BudgetProblem::Code::NoDailyCap);
        QCOMPARE(checks.at(3).status(), Status::Ready);
        QCOMPARE(checks.at(3).target, 5500);
        QCOMPARE(checks.at(4).status(), Status::Unchanged);
        QCOMPARE(checks.at(5).status(), Status::Blocked);
        QVERIFY(checks.at(5).blockedBecause->en.startsWith(QStringLiteral("Lookup failed")));
        QCOMPARE(checks.at(6).status(), Status::Ready);
        QCOMPARE(*checks.at(6).target - *checks.at(6).current, 1000);
        QCOMPARE(checks.at(6).change(QStringLiteral("120344")).brandId, QStringLiteral("120344"));

        const BulkTotals totals = BulkTotals::of(checks);
        QCOMPARE(totals.ready, 3);
        QCOMPARE(totals.blocked, 3);
        QCOMPARE(totals.unchanged, 1);
        QCOMPARE(totals.added, 10000 + 500 + 1000);
        QCOMPARE(totals.removed, 0);
        // A dry run: looked up, nothing sent.
        QCOMPARE(server.receivedCount("GET"), 7);
        QCOMPARE(server.receivedCount("PATCH") + server.receivedCount("POST"), 0);
    }
};

QTEST_GUILESS_MAIN(TestBulkPreview)
#include "TestBulkPreview.moc"
