// `budgetdesk-cli apply` as scripts drive it (issue 16): the real executable against the
// simulator — the dry run's JSON Lines and exit codes, a run applying every row with its audit
// entries and results CSV, and a run killed mid-way and resumed with nothing sent twice (the
// simulator's own record of what it received proves it).
#include "ChildProcess.h"
#include "CliRun.h"
#include "SimulatorFixture.h"

#include "simulator/DemoMerchant.h"
#include "simulator/FaultPlan.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#endif

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

CliRun run(const QStringList &arguments)
{
    return runCli(arguments, 120000);
}

const QStringList RowFields{
    QStringLiteral("line"),      QStringLiteral("stock_id"),       QStringLiteral("product_coupon_id"),
    QStringLiteral("dimension"), QStringLiteral("current"),        QStringLiteral("target"),
    QStringLiteral("outcome"),   QStringLiteral("request_no"),     QStringLiteral("verified"),
    QStringLiteral("code"),      QStringLiteral("explanation_zh"), QStringLiteral("audit_id")};

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

qint64 maxCoupons(SimulatorFixture &sim, const QByteArray &stockId)
{
    return sim.getStock(stockId)
        .json()
        .value(QStringLiteral("stock_send_rule"))
        .toObject()
        .value(QStringLiteral("max_coupons"))
        .toInteger();
}

// The run ID a text-mode apply names in its first line.
QString runIdIn(const QByteArray &printed)
{
    return QRegularExpression(QStringLiteral("批量修改 ([0-9]{8}-[0-9]{6}-[0-9a-f]{4})"))
        .match(QString::fromUtf8(printed))
        .captured(1);
}

// How often the simulator received a change carrying `requestNumber`.
int timesReceived(SimulatorFixture &sim, const QString &requestNumber)
{
    int count = 0;
    for (const auto &seen : sim.simulator().changesSeen()) {
        const QJsonObject body = QJsonDocument::fromJson(seen.body).object();
        for (const char *field : {"modify_budget_request_no", "out_request_no"}) // 商家券, 商品券
            count += body.value(QLatin1String(field)).toString() == requestNumber ? 1 : 0;
    }
    return count;
}

} // namespace

class TestBudgetdeskCliApply : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;

    QStringList connection(SimulatorFixture &sim, const QString &data) const
    {
        return QStringList{QStringLiteral("--data-dir"), m_files.filePath(data)} + sim.cliConnection(m_files.path())
            + QStringList{QStringLiteral("--retry-delay-ms"), QStringLiteral("5"), QStringLiteral("--brand-id"),
                          QStringLiteral("120344")};
    }

    // Five rows at one a second, in a process of their own: `name` names the file and the data
    // directory. Returns the file once the second row is reported (or the process ended).
    QString startFiveRowRun(QProcess &process, SimulatorFixture &sim, const QString &name, QByteArray &printed) const
    {
        QByteArray csv = "stock_id,dimension,delta\n";
        for (const char *id : {"1212000000000001", "1212000000000002", "1212000000000003"})
            csv += QByteArray(id) + ",total,+10\n";
        csv += "1212000000000001,per_day,+1\n1212000000000002,per_day,+1\n";
        const QString file = write(name + QStringLiteral(".csv"), csv);
        process.setProcessEnvironment(childProcessEnvironment(QProcessEnvironment::systemEnvironment()));
        process.start(QStringLiteral(BUDGETDESK_CLI_PATH),
                      connection(sim, name)
                          << QStringLiteral("apply") << file << QStringLiteral("--rate") << QStringLiteral("1"));
        QDeadlineTimer deadline(60000);
        while (!printed.contains("[2/5]") && !deadline.hasExpired() && process.state() != QProcess::NotRunning) {
            QTest::qWait(50); // the simulator answers on this thread's event loop
            printed += process.readAllStandardOutput();
        }
        return file;
    }

    QString write(const QString &name, const QByteArray &content) const
    {
        QFile file(m_files.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write the test file");
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(sim::DemoMerchant::instance().writeClientFiles(m_files.path())); }

    // Every row looked up and checked, nothing sent: one JSON line per row (a bad line too),
    // then the summary; exit 4 since two rows cannot go, 0 once they are gone.
    void dryRunJsonAndExitCodes()
    {
        SimulatorFixture sim;
        const QString file = write(QStringLiteral("dry.csv"),
                                   "stock_id,product_coupon_id,dimension,target,delta\n"
                                   "1212000000000001,,total,60000,\n"
                                   "1212000000000002,,total,,-10%\n"
                                   "12/34,,total,5,\n"
                                   "1000000013001,1000000013,total,,+1000\n");
        const CliRun dry
            = run(connection(sim, QStringLiteral("dry"))
                  << QStringLiteral("--json") << QStringLiteral("apply") << file << QStringLiteral("--dry-run"));
        QCOMPARE(dry.exitCode, 4);
        const QList<QJsonObject> lines = dry.jsonLines();
        QCOMPARE(lines.size(), 5);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(sorted(lines.at(i).keys()), sorted(RowFields));
        QCOMPARE(lines.at(0).value(QStringLiteral("outcome")).toString(), QStringLiteral("ready"));
        QCOMPARE(lines.at(0).value(QStringLiteral("current")).toInteger(), 50000);
        QCOMPARE(lines.at(1).value(QStringLiteral("outcome")).toString(), QStringLiteral("skipped"));
        QCOMPARE(lines.at(1).value(QStringLiteral("target")).toInteger(), 18000);
        QCOMPARE(lines.at(2).value(QStringLiteral("line")).toInt(), 4);
        QCOMPARE(lines.at(2).value(QStringLiteral("code")).toString(), QStringLiteral("INVALID"));
        QCOMPARE(lines.at(3).value(QStringLiteral("product_coupon_id")).toString(), QStringLiteral("1000000013"));
        QVERIFY(lines.at(4).value(QStringLiteral("run_id")).isNull());
        QCOMPARE(lines.at(4).value(QStringLiteral("rows")).toInt(), 3);
        QVERIFY(sim.simulator().changesSeen().isEmpty());

        const QString good = write(QStringLiteral("dry-good.csv"),
                                   "stock_id,dimension,target\n"
                                   "1212000000000001,total,60000\n");
        QCOMPARE(run(connection(sim, QStringLiteral("dry"))
                     << QStringLiteral("apply") << good << QStringLiteral("--dry-run"))
                     .exitCode,
                 0);
        QVERIFY(sim.simulator().changesSeen().isEmpty());
    }

    // The worst outcome decides: WeChat Pay unreachable is 6 (a dry run too: its lookups fail),
    // a change refused at sending is 2 — never "invalid input".
    void exitCodesOfFailures()
    {
        SimulatorFixture sim;
        const QString file
            = write(QStringLiteral("fail.csv"), "stock_id,dimension,target\n1212000000000001,total,60000\n");
        sim.simulator().setFaults(sim::FaultPlan::parse({QStringLiteral("drop")}).value());
        const CliRun unreachable
            = run(connection(sim, QStringLiteral("fail"))
                  << QStringLiteral("--json") << QStringLiteral("apply") << file << QStringLiteral("--dry-run"));
        QCOMPARE(unreachable.exitCode, 6);
        QCOMPARE(unreachable.jsonLines().first().value(QStringLiteral("code")).toString(),
                 QStringLiteral("LOOKUP_FAILED"));

        // 批次正在修改中 on every attempt, the client's retries and the run's alike: rejected.
        sim.simulator().setFaults(sim::FaultPlan::parse({QStringLiteral("busy")}).value());
        const CliRun refused = run(connection(sim, QStringLiteral("fail"))
                                   << QStringLiteral("--json") << QStringLiteral("apply") << file);
        QCOMPARE(refused.exitCode, 2);
        const QJsonObject row = refused.jsonLines().first();
        QCOMPARE(row.value(QStringLiteral("outcome")).toString(), QStringLiteral("rejected"));
        QCOMPARE(row.value(QStringLiteral("code")).toString(), QStringLiteral("RULE_LIMIT"));
        QCOMPARE(maxCoupons(sim, "1212000000000001"), 50000);
    }

    // A run: every row applied, verified, with its audit entry (naming the run) and request
    // number; the results CSV beside the input; the batches really changed.
    void runAppliesEveryRow()
    {
        SimulatorFixture sim;
        const QString file = write(QStringLiteral("weekend.csv"),
                                   "stock_id,product_coupon_id,dimension,delta,note\n"
                                   "1212000000000001,,total,+5000,周末\n"
                                   "1212000000000001,,per_day,+10%,\n"
                                   "1000000013001,1000000013,total,+1000,\n");
        const CliRun applied = run(connection(sim, QStringLiteral("run"))
                                   << QStringLiteral("--json") << QStringLiteral("apply") << file);
        QCOMPARE(applied.exitCode, 0);
        const QList<QJsonObject> lines = applied.jsonLines();
        QCOMPARE(lines.size(), 4);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(lines.at(i).value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
            QVERIFY(lines.at(i).value(QStringLiteral("verified")).toBool());
            QVERIFY(lines.at(i).value(QStringLiteral("audit_id")).toInteger() > 0);
            QCOMPARE(timesReceived(sim, lines.at(i).value(QStringLiteral("request_no")).toString()), 1);
        }
        const QJsonObject summary = lines.last();
        const QString runId = summary.value(QStringLiteral("run_id")).toString();
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$")).match(runId).hasMatch());
        QCOMPARE(summary.value(QStringLiteral("applied")).toInt(), 3);
        QCOMPARE(maxCoupons(sim, "1212000000000001"), 55000);

        QFile results(QDir(m_files.path()).filePath(QStringLiteral("weekend.results-%1.csv").arg(runId)));
        QVERIFY(results.open(QIODevice::ReadOnly));
        const QByteArray csv = results.readAll();
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
        QVERIFY(QString::fromUtf8(csv).contains(QStringLiteral("已生效")));
        QVERIFY(csv.contains("\"=\"\"1212000000000001\"\"\"")); // ="…" as Excel text, CSV-quoted

        const CliRun history = run({QStringLiteral("--data-dir"), m_files.filePath(QStringLiteral("run")),
                                    QStringLiteral("--json"), QStringLiteral("history")});
        QCOMPARE(history.exitCode, 0);
        const QList<QJsonObject> entries = history.jsonLines();
        QCOMPARE(entries.size(), 3);
        for (const QJsonObject &entry : entries)
            QCOMPARE(entry.value(QStringLiteral("run_id")).toString(), runId);
    }

    // Killed after a few rows (as a crash or a closed terminal would), then --resume: the rows
    // done are not sent again, the rest are, and the simulator received each change once.
    void killedRunResumesWithNothingSentTwice()
    {
        SimulatorFixture sim;
        QProcess process;
        QByteArray printed;
        const QString file = startFiveRowRun(process, sim, QStringLiteral("kill"), printed);
        QVERIFY2(printed.contains("[2/5]"), printed.constData());
        process.kill();
        QVERIFY(process.waitForFinished(10000));
        const QString runId = runIdIn(printed);
        QVERIFY2(!runId.isEmpty(), printed.constData());
        const int sentBefore = int(sim.simulator().changesSeen().size());
        QVERIFY(sentBefore >= 2 && sentBefore < 5);

        const CliRun resumed
            = run(connection(sim, QStringLiteral("kill")) << QStringLiteral("--json") << QStringLiteral("apply") << file
                                                          << QStringLiteral("--resume") << runId);
        QCOMPARE(resumed.exitCode, 0);
        const QList<QJsonObject> lines = resumed.jsonLines();
        QCOMPARE(lines.size(), 6);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(lines.at(i).value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));
            QCOMPARE(timesReceived(sim, lines.at(i).value(QStringLiteral("request_no")).toString()), 1);
        }
        QCOMPARE(sim.simulator().changesSeen().size(), 5);
        QCOMPARE(maxCoupons(sim, "1212000000000003"), 8010);

        // Resuming a finished run sends nothing more.
        QCOMPARE(run(connection(sim, QStringLiteral("kill"))
                     << QStringLiteral("apply") << file << QStringLiteral("--resume") << runId)
                     .exitCode,
                 0);
        QCOMPARE(sim.simulator().changesSeen().size(), 5);
        // A run ID that is not one is refused before anything is read.
        QCOMPARE(run(connection(sim, QStringLiteral("kill"))
                     << QStringLiteral("apply") << file << QStringLiteral("--resume") << QStringLiteral("../x"))
                     .exitCode,
                 4);
    }

#ifdef Q_OS_UNIX
    // Ctrl+C is 停止: the process ends by itself once the row in flight is settled (every change
    // the simulator received is reported applied, none left half-known), says how to go on,
    // writes its results, and --resume sends only the rest.
    void interruptedRunStopsAfterItsRowAndResumes()
    {
        SimulatorFixture sim;
        QProcess process;
        QByteArray printed;
        const QString file = startFiveRowRun(process, sim, QStringLiteral("interrupt"), printed);
        QVERIFY2(printed.contains("[2/5]"), printed.constData());
        QCOMPARE(::kill(pid_t(process.processId()), SIGINT), 0);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 3); // rows left: not every row applied
        printed += process.readAllStandardOutput();
        const QString text = QString::fromUtf8(printed);
        QVERIFY2(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("正在停止")),
                 printed.constData());
        const QString runId = runIdIn(printed);
        QVERIFY2(!runId.isEmpty(), printed.constData());
        const int sent = int(sim.simulator().changesSeen().size());
        QVERIFY2(sent >= 2 && sent < 5, printed.constData());
        QCOMPARE(int(text.count(QStringLiteral("：已生效"))), sent);
        QVERIFY2(text.contains(QStringLiteral("%1 行未完成：apply … --resume %2").arg(5 - sent).arg(runId)),
                 printed.constData());
        QVERIFY(QFileInfo::exists(m_files.filePath(QStringLiteral("interrupt.results-%1.csv").arg(runId))));

        const CliRun resumed
            = run(connection(sim, QStringLiteral("interrupt")) << QStringLiteral("--json") << QStringLiteral("apply")
                                                               << file << QStringLiteral("--resume") << runId);
        QCOMPARE(resumed.exitCode, 0);
        const QList<QJsonObject> lines = resumed.jsonLines();
        QCOMPARE(lines.size(), 6);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(timesReceived(sim, lines.at(i).value(QStringLiteral("request_no")).toString()), 1);
        QCOMPARE(sim.simulator().changesSeen().size(), 5);
        QCOMPARE(maxCoupons(sim, "1212000000000003"), 8010);
    }
#endif
};

QTEST_GUILESS_MAIN(TestBudgetdeskCliApply)
#include "TestBudgetdeskCliApply.moc"
