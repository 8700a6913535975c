// `budgetdesk-cli watch` as cron jobs and monitoring systems run it (issue 15): the real
// executable against the simulator, the JSON Lines contract, the table, --once's exit codes
// (0 none low, 7 some low, the lookup's code when one failed), --list with the window's JSON,
// and the repeating mode printing only rows that changed while batches issue.
#include "ChildProcess.h"
#include "CliRun.h"
#include "SimulatorFixture.h"

#include "simulator/DemoMerchant.h"
#include "watch/Watchlist.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

CliRun run(const QStringList &arguments)
{
    return runCli(arguments, 60000);
}

const QStringList Fields{
    QStringLiteral("family"),      QStringLiteral("stock_id"),        QStringLiteral("product_coupon_id"),
    QStringLiteral("stock_name"),  QStringLiteral("state"),           QStringLiteral("total_cap"),
    QStringLiteral("per_day_cap"), QStringLiteral("sent_total"),      QStringLiteral("sent_today"),
    QStringLiteral("remaining"),   QStringLiteral("remaining_today"), QStringLiteral("hours_to_empty"),
    QStringLiteral("low"),         QStringLiteral("verified"),        QStringLiteral("error")};

} // namespace

class TestBudgetdeskCliWatch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;

    QStringList connection(SimulatorFixture &sim) const
    {
        return QStringList{QStringLiteral("--data-dir"), m_files.filePath(QStringLiteral("data"))}
        + sim.cliConnection(m_files.path())
            + QStringList{QStringLiteral("--retry-delay-ms"), QStringLiteral("5"), QStringLiteral("--brand-id"),
                          QStringLiteral("120344")};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(sim::DemoMerchant::instance().writeClientFiles(m_files.path())); }

    // One JSON line per batch in the contract's fields; 1212000000000002 has 1.75 % left: exit 7.
    void onceJsonLinesAndExitSeven()
    {
        SimulatorFixture sim;
        const CliRun watched
            = run(connection(sim) << QStringLiteral("--json") << QStringLiteral("watch") << QStringLiteral("--once")
                                  << QStringLiteral("1212000000000001") << QStringLiteral("1212000000000002")
                                  << QStringLiteral("1000000013:1000000013001") << QStringLiteral("1212000000000003"));
        QCOMPARE(watched.exitCode, 7);
        const QList<QJsonObject> rows = watched.jsonLines();
        QCOMPARE(rows.size(), 4);
        for (const QJsonObject &row : rows) {
            QStringList keys = row.keys();
            keys.sort();
            QStringList expected = Fields;
            expected.sort();
            QCOMPARE(keys, expected);
            QVERIFY(row.value(QStringLiteral("verified")).toBool());
            QVERIFY(row.value(QStringLiteral("error")).isNull());
        }
        QCOMPARE(rows.at(0).value(QStringLiteral("family")).toString(), QStringLiteral("busifavor"));
        QVERIFY(rows.at(0).value(QStringLiteral("product_coupon_id")).isNull());
        QCOMPARE(rows.at(0).value(QStringLiteral("remaining")).toInteger(), 50000 - 12840);
        QCOMPARE(rows.at(0).value(QStringLiteral("remaining_today")).toInteger(), 5000 - 326);
        QVERIFY(!rows.at(0).value(QStringLiteral("low")).toBool());
        QVERIFY(rows.at(1).value(QStringLiteral("low")).toBool());
        QCOMPARE(rows.at(1).value(QStringLiteral("remaining")).toInteger(), 350);
        QCOMPARE(rows.at(2).value(QStringLiteral("family")).toString(), QStringLiteral("product_coupon"));
        QCOMPARE(rows.at(2).value(QStringLiteral("product_coupon_id")).toString(), QStringLiteral("1000000013"));
        QCOMPARE(rows.at(2).value(QStringLiteral("state")).toString(), QStringLiteral("SENDING"));
        // No daily cap and no count of today: null, not 0.
        QVERIFY(rows.at(3).value(QStringLiteral("per_day_cap")).isNull());
        QVERIFY(rows.at(3).value(QStringLiteral("sent_today")).isNull());
        QVERIFY(rows.at(3).value(QStringLiteral("hours_to_empty")).isNull());
        QVERIFY(!rows.at(0).value(QStringLiteral("hours_to_empty")).isNull());
    }

    // The thresholds decide: none low → 0; 80 % → the weekend batch (74 % left) is low → 7.
    void thresholdsDecideTheExitCode()
    {
        SimulatorFixture sim;
        const QStringList once{QStringLiteral("watch"), QStringLiteral("--once"), QStringLiteral("1212000000000001")};
        QCOMPARE(run(connection(sim) + once).exitCode, 0);
        QCOMPARE(
            run(connection(sim) + once + QStringList{QStringLiteral("--low-percent"), QStringLiteral("80")}).exitCode,
            7);
        QCOMPARE(
            run(connection(sim) + once + QStringList{QStringLiteral("--low-hours"), QStringLiteral("8000")}).exitCode,
            7);
        const CliRun text
            = run(connection(sim)
                  + QStringList{QStringLiteral("watch"), QStringLiteral("--once"), QStringLiteral("1212000000000002")});
        QCOMPARE(text.exitCode, 7);
        QVERIFY2(text.out.contains("⚠ 低 1212000000000002"), text.out.constData());
        QVERIFY2(text.out.contains("剩余 350"), text.out.constData());
    }

    // A lookup that failed says so in its row and decides the exit code over "low".
    void failedLookupsDecideTheExitCode()
    {
        SimulatorFixture sim;
        const CliRun missing
            = run(connection(sim) << QStringLiteral("--json") << QStringLiteral("watch") << QStringLiteral("--once")
                                  << QStringLiteral("1212000000000002") << QStringLiteral("1212000000000777"));
        QCOMPARE(missing.exitCode, 2); // refused, as lookup exits
        QCOMPARE(missing.jsonLines().size(), 2);
        QVERIFY(!missing.jsonLines().at(1).value(QStringLiteral("verified")).toBool());
        QVERIFY(missing.jsonLines()
                    .at(1)
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("RESOURCE_NOT_EXISTS")));
        QVERIFY(missing.jsonLines().at(1).value(QStringLiteral("remaining")).isNull());

        QStringList closed = connection(sim);
        closed[closed.indexOf(QStringLiteral("--base-url")) + 1]
            = QStringLiteral("http://127.0.0.1:%1").arg(SimulatorFixture::unusedLoopbackPort());
        QCOMPARE(
            run(closed << QStringLiteral("watch") << QStringLiteral("--once") << QStringLiteral("1212000000000001"))
                .exitCode,
            6);
        QCOMPARE(run(connection(sim) << QStringLiteral("watch") << QStringLiteral("--once") << QStringLiteral("12/34"))
                     .exitCode,
                 4);
        QCOMPARE(run(connection(sim) << QStringLiteral("watch") << QStringLiteral("--once")).exitCode, 4);
        QCOMPARE(run(connection(sim) << QStringLiteral("watch") << QStringLiteral("--once")
                                     << QStringLiteral("--interval") << QStringLiteral("0")
                                     << QStringLiteral("1212000000000001"))
                     .exitCode,
                 4);
    }

    // --list reads the window's export; a damaged one is refused before anything is sent.
    void listFileIsTheWindowsJson()
    {
        SimulatorFixture sim;
        Watchlist list;
        list.add(*WatchedBatch::fromText(QStringLiteral("1212000000000001")));
        list.add(*WatchedBatch::fromText(QStringLiteral("1000000013:1000000013002"), QStringLiteral("120344")));
        list.setThresholds(0, LowThresholds{80.0, 4.0}); // its own: low at 74 % left
        const QString path = m_files.filePath(QStringLiteral("watchlist.json"));
        QVERIFY(!list.save(path));
        const CliRun watched = run(connection(sim) << QStringLiteral("--json") << QStringLiteral("watch")
                                                   << QStringLiteral("--once") << QStringLiteral("--list") << path);
        QCOMPARE(watched.exitCode, 7);
        QCOMPARE(watched.jsonLines().size(), 2);
        QVERIFY(watched.jsonLines().at(0).value(QStringLiteral("low")).toBool());
        QCOMPARE(watched.jsonLines().at(1).value(QStringLiteral("stock_id")).toString(),
                 QStringLiteral("1000000013002"));
        QVERIFY(!watched.jsonLines().at(1).value(QStringLiteral("low")).toBool());

        QFile damaged(m_files.filePath(QStringLiteral("damaged.json")));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{\"format\":\"budgetdesk-watchlist\",\"version\":1,\"batches\":[{\"family\":\"busifavor\"}]}");
        damaged.close();
        const int before = int(sim.server().receivedRequests().size());
        const CliRun refused = run(connection(sim) << QStringLiteral("watch") << QStringLiteral("--once")
                                                   << QStringLiteral("--list") << damaged.fileName());
        QCOMPARE(refused.exitCode, 4);
        QCOMPARE(int(sim.server().receivedRequests().size()), before);
    }

    // Repeating: the first round prints every row, later rounds only the batch that issued.
    void repeatingPrintsOnlyChangedRows()
    {
        SimulatorFixture sim;
        sim.simulator().issuance().setRate(QStringLiteral("1212000000000001"), 600); // 10 a second of the sim's clock
        QTimer ticking; // the simulator's clock moves 5 s every half second: 50 more each tick
        QObject::connect(&ticking, &QTimer::timeout, &ticking, [&] { sim.clock().advance(5); });
        ticking.start(500);
        QProcess process;
        process.setProcessEnvironment(childProcessEnvironment(QProcessEnvironment::systemEnvironment()));
        process.start(QStringLiteral(BUDGETDESK_CLI_PATH),
                      connection(sim) << QStringLiteral("--json") << QStringLiteral("watch")
                                      << QStringLiteral("--interval") << QStringLiteral("1")
                                      << QStringLiteral("1212000000000001") << QStringLiteral("1212000000000003"));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).count('\n') >= 5, 20000);
        process.kill();
        process.waitForFinished();
        QList<QJsonObject> rows;
        for (const QByteArray &line : out.left(out.lastIndexOf('\n')).split('\n')) // whole lines only
            rows.append(QJsonDocument::fromJson(line).object());
        QCOMPARE(rows.at(1).value(QStringLiteral("stock_id")).toString(), QStringLiteral("1212000000000003"));
        for (qsizetype i = 2; i < rows.size(); ++i) // after the first round: the issuing batch only
            QCOMPARE(rows.at(i).value(QStringLiteral("stock_id")).toString(), QStringLiteral("1212000000000001"));
        QVERIFY(rows.last().value(QStringLiteral("sent_total")).toInteger()
                > rows.first().value(QStringLiteral("sent_total")).toInteger());
    }
};

QTEST_GUILESS_MAIN(TestBudgetdeskCliWatch)
#include "TestBudgetdeskCliWatch.moc"
