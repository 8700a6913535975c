// A 500-row bulk run against the simulator (on its own thread) at the default 5 rows a second:
// wall time, achieved rate, CPU and peak memory — against the same kind of run with the pacer
// opened wide (1000 a second) as the baseline, in the same process, on 500 other batches. Each
// row: a fresh lookup, the journal saved before and after, the audit entry, the change.
#include "SimulatorFixture.h"
#include "SimulatorThread.h"

#include "audit/AuditTrail.h"
#include "bulk/BulkRun.h"
#include "busifavor/BusifavorClient.h"
#include "common/ProcessMemory.h"
#include "simulator/DemoMerchant.h"
#include "watch/LookupPacer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

constexpr int Rows = 500;

QString batchId(int set, int i)
{
    return QStringLiteral("13%1%2").arg(set).arg(i, 13, 10, QLatin1Char('0'));
}

struct Run
{
    double previewSeconds = 0;
    double wallSeconds = 0;
    double cpuSeconds = 0;
    int applied = 0;
    double achieved = 0; // rows started per second
};

Run bulk(BusifavorClient &client, AuditLog &log, const QString &folder, int set, double perSecond)
{
    QByteArray csv = "stock_id,dimension,delta\n";
    for (int i = 0; i < Rows; ++i)
        csv += batchId(set, i).toLatin1() + ",total,+100\n";
    const BulkSheet sheet = BulkSheet::read(csv).value();
    Run result;
    QEventLoop loop;
    QElapsedTimer wall;
    wall.start();
    LookupPacer previewPacer(1000.0);
    BulkPreview preview(client, previewPacer, sheet.rows(), {}, QStringLiteral("1900000109"));
    QObject::connect(&preview, &BulkPreview::finished, &loop, &QEventLoop::quit);
    preview.start();
    loop.exec();
    result.previewSeconds = double(wall.nsecsElapsed()) / 1e9;

    const BulkJournal journal
        = BulkJournal::plan(preview.checks(), QStringLiteral("bench"), QStringLiteral("bench.csv"), {});
    AuditTrail trail(log, QStringLiteral("bench"), QStringLiteral("1900000109"), QStringLiteral("bench"));
    LookupPacer pacer(perSecond);
    BulkRun run(client, trail, pacer, journal, BulkJournal::pathFor(folder, journal.runId),
                QStringLiteral("1900000109"));
    QObject::connect(&run, &BulkRun::finished, &loop, &QEventLoop::quit);
    const std::clock_t cpu = std::clock();
    wall.restart();
    run.start();
    loop.exec();
    result.wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    result.cpuSeconds = double(std::clock() - cpu) / CLOCKS_PER_SEC;
    result.applied = BulkSummary::of(run.journal()).applied;
    result.achieved = pacer.achievedPerSecond();
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    // 2 × 500 batches like the demo's 1212000000000001, for the baseline and the measured run.
    SimulatorThread simulator([](sim::StockCatalog &stocks) {
        const QJsonObject model = stocks.stock(QStringLiteral("1212000000000001")).json();
        for (int set = 1; set <= 2; ++set) {
            for (int i = 0; i < Rows; ++i) {
                QJsonObject json = model;
                json.insert(QStringLiteral("stock_id"), batchId(set, i));
                stocks.put(sim::SimulatedStock::withDefaults(json, sim::DemoMerchant::instance().mchid,
                                                             QDateTime::currentDateTimeUtc()));
            }
        }
    });
    ClientSettings settings;
    settings.primaryBaseUrl = simulator.url();
    settings.backupBaseUrl = QUrl();
    BusifavorClient client(SimulatorFixture::demoCredentials(), SimulatorFixture::demoKeys(), settings);
    QTemporaryDir dir;
    auto log = AuditLog::open(dir.filePath(QStringLiteral("audit.db"))).value();
    const std::optional<qint64> before = peakResidentKiB();

    const Run baseline = bulk(client, *log, dir.filePath(QStringLiteral("bulk")), 1, 1000.0);
    const Run paced = bulk(client, *log, dir.filePath(QStringLiteral("bulk")), 2, LookupPacer::DefaultPerSecond);
    const std::optional<qint64> peak = peakResidentKiB();

    std::printf("bench_bulk_apply: %d rows, %d/%d applied\n", Rows, paced.applied, baseline.applied);
    std::printf("  preview (%d lookups, unpaced): %.2f s\n", Rows, paced.previewSeconds);
    std::printf("  baseline (pacer at 1000/s): wall %.2f s, CPU %.2f s, %.1f rows/s\n", baseline.wallSeconds,
                baseline.cpuSeconds, baseline.achieved);
    std::printf("  run (pacer at %.0f/s):        wall %.2f s, CPU %.2f s, achieved %.2f rows/s (limit %.0f: %s)\n",
                LookupPacer::DefaultPerSecond, paced.wallSeconds, paced.cpuSeconds, paced.achieved,
                LookupPacer::DefaultPerSecond,
                paced.achieved <= LookupPacer::DefaultPerSecond * 1.001 ? "respected" : "EXCEEDED");
    std::printf("  ratios run/baseline: wall x%.1f, CPU x%.2f\n", paced.wallSeconds / baseline.wallSeconds,
                paced.cpuSeconds / std::max(0.001, baseline.cpuSeconds));
    if (before && peak)
        std::printf("  peak resident memory: %lld KiB at start, %lld KiB after both runs (x%.2f)\n",
                    static_cast<long long>(*before), static_cast<long long>(*peak), double(*peak) / double(*before));
    return paced.applied == Rows && baseline.applied == Rows ? 0 : 1;
}
