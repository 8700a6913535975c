// Refreshing a 200-batch watchlist against the simulator (on its own thread): wall time, the
// process's CPU time and the achieved lookups per second with the watch's pacer at its 5 a
// second, against the same 200 lookups with the pacer opened wide (1000 a second) as the
// baseline. The rate limit is respected when the achieved rate stays at or under 5.
#include "SimulatorFixture.h"
#include "SimulatorThread.h"

#include "watch/LookupPacer.h"
#include "watch/WatchBoard.h"
#include "watch/WatchRefresh.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <cstdio>
#include <ctime>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

constexpr int Batches = 200;

struct Run
{
    double wallSeconds = 0;
    double cpuSeconds = 0;
    int verified = 0;
    double achieved = 0; // lookups started per second
};

Run refresh(BusifavorClient &client, double perSecond)
{
    QList<StockKey> keys;
    for (int i = 0; i < Batches; ++i)
        keys.append(StockKey::busifavor(QStringLiteral("121200000000000%1").arg(1 + i % 4)));
    Watchlist list;
    for (int i = 0; i < 4; ++i)
        list.add(*WatchedBatch::fromText(QStringLiteral("121200000000000%1").arg(1 + i)));
    WatchBoard board;
    board.setWatchlist(list);
    LookupPacer pacer(perSecond);
    WatchRefresh run(client, pacer, keys);
    Run result;
    QObject::connect(&run, &WatchRefresh::lookedUp, &run, [&](int index, const StockQueryResult &answer) {
        result.verified += answer.isVerified() ? 1 : 0;
        board.apply(index % 4, answer, QDateTime::currentDateTime()); // the board's work counts too
    });
    QEventLoop loop;
    QObject::connect(&run, &WatchRefresh::finished, &loop, &QEventLoop::quit);
    const std::clock_t cpu = std::clock();
    QElapsedTimer wall;
    wall.start();
    run.start();
    loop.exec();
    result.wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    result.cpuSeconds = double(std::clock() - cpu) / CLOCKS_PER_SEC;
    result.achieved = pacer.achievedPerSecond();
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    SimulatorThread simulator;
    ClientSettings settings;
    settings.primaryBaseUrl = simulator.url();
    settings.backupBaseUrl = QUrl();
    BusifavorClient client(SimulatorFixture::demoCredentials(), SimulatorFixture::demoKeys(), settings);

    const Run baseline = refresh(client, 1000.0);
    const Run paced = refresh(client, LookupPacer::DefaultPerSecond);
    const double achieved = paced.achieved;
    std::printf("bench_watch_refresh: %d batches, %d/%d verified\n", Batches, paced.verified, baseline.verified);
    std::printf("  baseline (pacer at 1000/s): wall %.2f s, CPU %.2f s, %.1f lookups/s\n", baseline.wallSeconds,
                baseline.cpuSeconds, baseline.achieved);
    std::printf("  watch (pacer at %.0f/s):      wall %.2f s, CPU %.2f s, achieved %.2f lookups/s (limit %.0f: %s)\n",
                LookupPacer::DefaultPerSecond, paced.wallSeconds, paced.cpuSeconds, achieved,
                LookupPacer::DefaultPerSecond,
                achieved <= LookupPacer::DefaultPerSecond * 1.001 ? "respected" : "EXCEEDED");
    std::printf("  ratios watch/baseline: wall x%.1f, CPU x%.2f\n", paced.wallSeconds / baseline.wallSeconds,
                paced.cpuSeconds / std::max(0.001, baseline.cpuSeconds));
    return paced.verified == Batches && baseline.verified == Batches ? 0 : 1;
}
