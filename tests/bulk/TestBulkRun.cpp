// A bulk run against servers of our own (issue 16): rows paced at the rate (as the server saw
// them arrive), a batch that moved since the preview not sent, 批次正在修改中 past the client's
// own retries tried again later, cancel stopping after the row in flight, and a killed run's
// row that had reached WeChat Pay settled by reconciliation — never sent a second time.
#include "HostileServer.h"

#include "audit/AuditTrail.h"
#include "bulk/BulkRun.h"
#include "busifavor/BusifavorClient.h"
#include "simulator/FaultPlan.h"
#include "watch/LookupPacer.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

// A journal for `csv`, previewed against `server` now.
BulkJournal planned(BusifavorClient &client, const QByteArray &csv)
{
    LookupPacer pacer(50.0);
    const auto sheet = BulkSheet::read(csv);
    if (!sheet)
        qFatal("bad test sheet");
    BulkPreview preview(client, pacer, sheet->rows(), QStringLiteral("120344"), QStringLiteral("1900000109"));
    QSignalSpy finished(&preview, &BulkPreview::finished);
    preview.start();
    if (!finished.wait(20000))
        qFatal("the preview did not finish");
    return BulkJournal::plan(preview.checks(), QStringLiteral("门店A"), QStringLiteral("test.csv"),
                             QStringLiteral("120344"));
}

int timesReceived(HostileServer &server, const QString &requestNumber)
{
    int count = 0;
    for (const auto &seen : server.simulator().changesSeen())
        count
            += QJsonDocument::fromJson(seen.body).object().value(QStringLiteral("modify_budget_request_no")).toString()
                == requestNumber
            ? 1
            : 0;
    return count;
}

} // namespace

class TestBulkRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<AuditLog> m_log;

    std::unique_ptr<AuditTrail> trail()
    {
        return std::make_unique<AuditTrail>(*m_log, QStringLiteral("门店A"), QStringLiteral("1900000109"),
                                            QStringLiteral("test"));
    }

    static void runToEnd(BulkRun &run)
    {
        QSignalSpy finished(&run, &BulkRun::finished);
        run.start();
        QVERIFY(finished.wait(60000));
    }

private Q_SLOTS:
    void init()
    {
        m_log.reset();
        QFile::remove(m_dir.filePath(QStringLiteral("audit.db")));
        auto log = AuditLog::open(m_dir.filePath(QStringLiteral("audit.db")));
        QVERIFY(log);
        m_log = std::move(log).value();
    }

    // The journal writes each row again only when it changed (a run saves after every row):
    // what is read back is every row as it now is — the changed one, and the others — through
    // any number of saves, and from a copy of the journal changed on its own.
    void journalSavesEachRowAsItNowIs()
    {
        BulkJournal journal;
        journal.runId = QStringLiteral("20261204-093012-7f3a");
        journal.profile = QStringLiteral("门店A");
        journal.created = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 3; ++i) {
            BulkJournalRow row;
            row.line = i + 2;
            row.key = StockKey::busifavor(QStringLiteral("121200000000000%1").arg(i + 1));
            row.request = QStringLiteral("+10%");
            row.previewCurrent = 50000;
            row.target = 55000;
            row.requestNumber = QStringLiteral("REQ-%1").arg(i);
            row.note = QStringLiteral("周末，\"加量\"");
            journal.rows.append(row);
        }
        const QString path = m_dir.filePath(QStringLiteral("journal.json"));
        auto savedAs = [&path](const BulkJournal &written) {
            if (written.save(path))
                return QList<BulkJournalRow>{};
            const auto read = BulkJournal::load(path);
            return read ? read->rows : QList<BulkJournalRow>{};
        };
        QVERIFY(savedAs(journal) == journal.rows);
        journal.rows[1].state = BulkJournalRow::State::Sending;
        journal.rows[1].auditId = 7;
        QVERIFY(savedAs(journal) == journal.rows);
        journal.rows[1].state = BulkJournalRow::State::Settled;
        journal.rows[1].outcome = QStringLiteral("applied");
        journal.rows[1].explanation = {QStringLiteral("已生效"), QStringLiteral("Applied")};
        journal.rows[1].settledAt = QDateTime::currentDateTimeUtc();
        const QList<BulkJournalRow> settled = savedAs(journal);
        QVERIFY(settled == journal.rows);
        QCOMPARE(settled.at(1).outcome, QStringLiteral("applied"));
        QCOMPARE(settled.at(0).state, BulkJournalRow::State::Planned);

        BulkJournal copy = journal;
        copy.rows[2].state = BulkJournalRow::State::Settled;
        copy.rows[2].outcome = QStringLiteral("skipped");
        QVERIFY(savedAs(copy) == copy.rows);
        QVERIFY(savedAs(journal) == journal.rows); // the original, unchanged by the copy's save
        QCOMPARE(BulkJournal::load(path)->rows.at(2).state, BulkJournalRow::State::Planned);
    }

    // Five rows at 5 a second: the server sees the changes no faster than that; each applied
    // once, with its audit entry naming the run; the journal on disk says so too.
    void rowsArePacedAndApplied()
    {
        QList<qint64> arrivals;
        QElapsedTimer clock;
        clock.start();
        HostileServer server([&](const sim::SimRequest &request, sim::SimResponse honest) {
            if (request.method == "PATCH")
                arrivals.append(clock.elapsed());
            return honest;
        });
        auto client = server.client();
        QByteArray csv = "stock_id,dimension,delta\n";
        for (const char *id : {"1212000000000001", "1212000000000002", "1212000000000003"})
            csv += QByteArray(id) + ",total,+10\n";
        csv += "1212000000000001,per_day,+1\n1212000000000002,per_day,+1\n";
        const BulkJournal journal = planned(*client, csv);
        QCOMPARE(journal.rows.size(), 5);
        auto audit = trail();
        LookupPacer pacer(5.0);
        const QString path = BulkJournal::pathFor(m_dir.filePath(QStringLiteral("bulk")), journal.runId);
        BulkRun run(*client, *audit, pacer, journal, path, QStringLiteral("1900000109"));
        runToEnd(run);
        const BulkSummary summary = BulkSummary::of(run.journal());
        QCOMPARE(summary.applied, 5);
        QCOMPARE(summary.rows, 5);
        QCOMPARE(arrivals.size(), 5);
        const double rate = (arrivals.size() - 1) / (double(arrivals.last() - arrivals.first()) / 1000.0);
        qInfo("achieved %.2f rows/s at a limit of 5", rate);
        QVERIFY2(rate <= 5.25, qPrintable(QString::number(rate)));
        for (const BulkJournalRow &row : run.journal().rows) {
            QCOMPARE(timesReceived(server, row.requestNumber), 1);
            QCOMPARE(m_log->entry(row.auditId)->change.runId, journal.runId);
        }
        const auto saved = BulkJournal::load(path);
        QVERIFY(saved && saved->isComplete());
        QCOMPARE(saved->rows.first().outcome, QStringLiteral("applied"));
    }

    // The batch moved after the preview: the row is not sent, and says why.
    void batchChangedSincePreviewIsNotSent()
    {
        HostileServer server;
        auto client = server.client();
        BulkJournal journal = planned(*client, "stock_id,dimension,delta\n1212000000000001,total,+5000\n");
        QCOMPARE(journal.rows.first().target, 55000);
        journal.rows[0].previewCurrent = 48000; // what the preview saw; someone changed it since
        auto audit = trail();
        LookupPacer pacer(20.0);
        BulkRun run(*client, *audit, pacer, journal, {}, QStringLiteral("1900000109"));
        runToEnd(run);
        const BulkJournalRow &row = run.journal().rows.first();
        QCOMPARE(row.outcome, QStringLiteral("skipped"));
        QCOMPARE(row.code, QStringLiteral("CHANGED_SINCE_PREVIEW"));
        QVERIFY(row.explanation.zh.contains(QStringLiteral("48000")));
        QVERIFY(server.simulator().changesSeen().isEmpty());
    }

    // 批次正在修改中 on every attempt of the client's own retries: the run slows down and sends
    // the same change (same request number) again, which then applies.
    void busyBatchIsTriedAgainSlower()
    {
        HostileServer server;
        auto client = server.client();
        BulkJournal journal = planned(*client, "stock_id,dimension,target\n1212000000000001,total,60000\n");
        // The lookup, then the change and the client's busy retries, all met by 批次正在修改中.
        const int refused = 1 + server.settings().busyRetries;
        server.simulator().setFaults(
            sim::FaultPlan::parse({QStringLiteral("busy"), QStringLiteral("count=%1").arg(1 + refused)}).value());
        auto audit = trail();
        LookupPacer pacer(20.0);
        int spacingAfterBusy = 0;
        BulkRun run(*client, *audit, pacer, journal, {}, QStringLiteral("1900000109"));
        QObject::connect(&run, &BulkRun::rowSettled, &run, [&] { spacingAfterBusy = pacer.spacingMs(); });
        runToEnd(run);
        const BulkJournalRow &row = run.journal().rows.first();
        QCOMPARE(row.outcome, QStringLiteral("applied"));
        QVERIFY(row.verified);
        QCOMPARE(int(server.simulator().changesSeen().size()), refused + 1);
        QCOMPARE(timesReceived(server, row.requestNumber), refused + 1); // one change, one number
        QVERIFY(spacingAfterBusy >= pacer.baseSpacingMs());
    }

    // 429 on the change past the client's own retries: the same change, later, then applied.
    void rateLimitedChangeIsTriedAgain()
    {
        int refusals = 0;
        HostileServer server;
        const int refused = 1 + server.settings().busyRetries; // one exchange's every attempt
        server.setUnprocessed(
            [&](const sim::SimRequest &request) { return request.method == "PATCH" && refusals < refused; });
        server.setTwist([&](const sim::SimRequest &request, sim::SimResponse honest) {
            if (request.method == "PATCH" && refusals < refused) {
                ++refusals;
                return server.signedError(429, "FREQUENCY_LIMITED", QStringLiteral("调用太频繁，请降低调用接口频率"),
                                          request);
            }
            return honest;
        });
        auto client = server.client();
        const BulkJournal journal = planned(*client, "stock_id,dimension,target\n1212000000000001,total,60000\n");
        auto audit = trail();
        LookupPacer pacer(20.0);
        BulkRun run(*client, *audit, pacer, journal, {}, QStringLiteral("1900000109"));
        runToEnd(run);
        QCOMPARE(refusals, refused);
        QCOMPARE(run.journal().rows.first().outcome, QStringLiteral("applied"));
        QCOMPARE(server.total(QStringLiteral("1212000000000001")), 60000);
    }

    // Cancel: the row in flight ends, the rest stay planned for --resume.
    void cancelStopsAfterTheRowInFlight()
    {
        HostileServer server;
        auto client = server.client();
        const BulkJournal journal = planned(*client,
                                            "stock_id,dimension,delta\n1212000000000001,total,+1\n"
                                            "1212000000000002,total,+1\n1212000000000003,total,+1\n"
                                            "1212000000000001,per_day,+1\n");
        auto audit = trail();
        LookupPacer pacer(2.0);
        BulkRun run(*client, *audit, pacer, journal, {}, QStringLiteral("1900000109"));
        QObject::connect(&run, &BulkRun::rowSettled, &run, [&] { run.cancel(); });
        runToEnd(run);
        QVERIFY(run.wasCancelled());
        const BulkSummary summary = BulkSummary::of(run.journal());
        QCOMPARE(summary.applied, 1);
        QCOMPARE(summary.pending, 3);
        QCOMPARE(server.simulator().changesSeen().size(), 1);
    }

    // A killed run left a row `Sending`, and its change had reached WeChat Pay and applied: on
    // resume the audit entry is reconciled — the batch shows the target — and nothing is re-sent.
    void resumeReconcilesTheRowBeingSent()
    {
        HostileServer server;
        auto client = server.client();
        BulkJournal journal = planned(*client, "stock_id,dimension,target\n1212000000000001,total,60000\n");
        BulkJournalRow &row = journal.rows[0];
        {
            // What the killed process did before it died: entry written, change sent, applied.
            auto audit = trail();
            audit->setRunId(journal.runId);
            BudgetChange change(row.key.stockId, row.dimension, *row.target, row.previewCurrent, row.requestNumber);
            QSignalSpy done(audit->modify(*client, change), &BudgetModification::finished);
            QVERIFY(done.wait(20000));
        }
        row.state = BulkJournalRow::State::Sending; // died before its audit ID reached the journal
        auto audit = trail();
        LookupPacer pacer(20.0);
        BulkRun run(*client, *audit, pacer, journal, {}, QStringLiteral("1900000109"));
        runToEnd(run);
        const BulkJournalRow &settled = run.journal().rows.first();
        QCOMPARE(settled.outcome, QStringLiteral("applied"));
        QVERIFY(settled.auditId > 0); // found by run and request number
        QCOMPARE(timesReceived(server, settled.requestNumber), 1);
    }

    // Killed during a busy retry: the row's first attempt was refused (批次正在修改中), the retry
    // reached WeChat Pay and applied, its entry still pending. The newest entry decides: the row
    // is applied (reconciled), not "rejected" by the older refusal.
    void resumeLooksAtTheNewestAttempt()
    {
        HostileServer server;
        auto client = server.client();
        BulkJournal journal = planned(*client, "stock_id,dimension,target\n1212000000000001,total,60000\n");
        BulkJournalRow &row = journal.rows[0];
        AuditChange attempt;
        attempt.profile = QStringLiteral("门店A");
        attempt.mchid = QStringLiteral("1900000109");
        attempt.stockId = row.key.stockId;
        attempt.current = row.previewCurrent;
        attempt.target = *row.target;
        attempt.requestNumber = row.requestNumber;
        attempt.runId = journal.runId;
        attempt.source = QStringLiteral("test");
        attempt.osUser = QStringLiteral("tester");
        const qint64 refused = *m_log->recordPending(attempt);
        AuditCompletion busy;
        busy.outcome = QStringLiteral("rejected");
        busy.httpStatus = 403;
        busy.code = QStringLiteral("RULE_LIMIT");
        busy.verified = true;
        QVERIFY(m_log->complete(refused, busy).ok());
        const qint64 retry = *m_log->recordPending(attempt);
        QSignalSpy sent(client->modifyBudget(BudgetChange(row.key.stockId, row.dimension, *row.target,
                                                          row.previewCurrent, row.requestNumber)),
                        &BudgetModification::finished);
        QVERIFY(sent.wait(20000)); // the retry applied; the process died before writing so
        row.state = BulkJournalRow::State::Sending;
        row.auditId = refused; // the journal was last saved knowing only the first attempt

        auto audit = trail();
        LookupPacer pacer(20.0);
        BulkRun run(*client, *audit, pacer, journal, {}, QStringLiteral("1900000109"));
        runToEnd(run);
        QCOMPARE(run.journal().rows.first().outcome, QStringLiteral("applied"));
        QCOMPARE(run.journal().rows.first().auditId, retry);
        QCOMPARE(timesReceived(server, row.requestNumber), 1);
    }

    // Died after the change left but before its outcome was written: the entry is pending. On
    // resume it is reconciled — a lookup finds the target — and the change is not sent again.
    void resumeReconcilesAPendingEntry()
    {
        HostileServer server;
        auto client = server.client();
        BulkJournal journal = planned(*client, "stock_id,dimension,target\n1212000000000003,total,9000\n");
        BulkJournalRow &row = journal.rows[0];
        BudgetChange change(row.key.stockId, row.dimension, *row.target, row.previewCurrent, row.requestNumber);
        AuditChange pending;
        pending.profile = QStringLiteral("门店A");
        pending.mchid = QStringLiteral("1900000109");
        pending.stockId = row.key.stockId;
        pending.current = row.previewCurrent;
        pending.target = *row.target;
        pending.requestNumber = row.requestNumber;
        pending.runId = journal.runId;
        pending.source = QStringLiteral("test");
        pending.osUser = QStringLiteral("tester");
        row.auditId = *m_log->recordPending(pending);
        row.state = BulkJournalRow::State::Sending;
        QSignalSpy sent(client->modifyBudget(change), &BudgetModification::finished);
        QVERIFY(sent.wait(20000)); // reached WeChat Pay and applied; the process "died" here
        QCOMPARE(m_log->entry(row.auditId)->effectiveOutcome(), QStringLiteral("pending"));

        auto audit = trail();
        LookupPacer pacer(20.0);
        BulkRun run(*client, *audit, pacer, journal, {}, QStringLiteral("1900000109"));
        runToEnd(run);
        QCOMPARE(run.journal().rows.first().outcome, QStringLiteral("applied"));
        QCOMPARE(run.journal().rows.first().code, QStringLiteral("RECONCILED"));
        QCOMPARE(m_log->entry(row.auditId)->effectiveOutcome(), QStringLiteral("applied"));
        QCOMPARE(timesReceived(server, row.requestNumber), 1);
    }
};

QTEST_GUILESS_MAIN(TestBulkRun)
#include "TestBulkRun.moc"
