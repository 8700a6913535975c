// A watchlist refresh over the network (issue 15): lookups paced at the rate (the achieved rate
// measured from when the server received them), a 429 slowing the pacer down and the lookup
// tried again, and a hostile answer (another batch, a dropped connection) never replacing the
// last good values — against servers of our own, never the production domains.
#include "HostileServer.h"

#include "busifavor/BusifavorClient.h"
#include "watch/LookupPacer.h"
#include "watch/WatchBoard.h"
#include "watch/WatchRefresh.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

QList<StockKey> keys(int count)
{
    static const char *const Ids[] = {"1212000000000001", "1212000000000002", "1212000000000003", "1212000000000004"};
    QList<StockKey> list;
    for (int i = 0; i < count; ++i)
        list.append(StockKey::busifavor(QString::fromLatin1(Ids[i % 4])));
    return list;
}

// Runs a refresh to its end; every result by index.
QMap<int, StockQueryResult> refresh(BusifavorClient &client, LookupPacer &pacer, const QList<StockKey> &batches)
{
    WatchRefresh run(client, pacer, batches);
    QMap<int, StockQueryResult> results;
    QObject::connect(&run, &WatchRefresh::lookedUp, &run,
                     [&](int index, const StockQueryResult &result) { results.insert(index, result); });
    QSignalSpy finished(&run, &WatchRefresh::finished);
    run.start();
    if (!finished.wait(60000))
        qWarning("the refresh did not finish");
    return results;
}

} // namespace

class TestWatchRefresh : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // 12 lookups at 5 a second: the server sees them no faster than that.
    void lookupsArePacedAtTheRate()
    {
        QList<qint64> arrivals;
        QElapsedTimer clock;
        clock.start();
        HostileServer server([&](const sim::SimRequest &, sim::SimResponse honest) {
            arrivals.append(clock.elapsed());
            return honest;
        });
        auto client = server.client();
        LookupPacer pacer(5.0);
        const QMap<int, StockQueryResult> results = refresh(*client, pacer, keys(12));
        QCOMPARE(results.size(), 12);
        for (const StockQueryResult &result : results)
            QVERIFY(result.isVerified());
        QCOMPARE(arrivals.size(), 12);
        const double rate = 11.0 / (double(arrivals.last() - arrivals.first()) / 1000.0);
        qInfo("achieved %.2f lookups/s with a limit of 5", rate);
        // Starts are spaced exactly; arrivals jitter by a connection set-up, hence 5 %.
        QVERIFY2(rate <= 5.0 * 1.05, qPrintable(QString::number(rate)));
        QCOMPARE(pacer.startedCount(), 12);
        QVERIFY2(pacer.achievedPerSecond() <= 5.0, qPrintable(QString::number(pacer.achievedPerSecond())));
        QVERIFY(pacer.achievedPerSecond() > 4.0);
    }

    // The server refuses with 429 twice (the client's own busy retries off): the pacer slows
    // down, the batch is tried again after a longer pause, and every batch ends verified.
    void rateRefusalsSlowThePacerDown()
    {
        QList<qint64> arrivals;
        QElapsedTimer clock;
        clock.start();
        int refused = 0;
        HostileServer *self = nullptr;
        HostileServer server([&](const sim::SimRequest &request, sim::SimResponse honest) {
            arrivals.append(clock.elapsed());
            if (arrivals.size() == 2 || arrivals.size() == 3) {
                ++refused;
                return self->signedError(429, "FREQUENCY_LIMITED", QStringLiteral("调用太频繁，请降低调用接口频率"),
                                         request);
            }
            return honest;
        });
        self = &server;
        ClientSettings settings = server.settings();
        settings.busyRetries = 0; // the refresh sees the 429 itself
        auto client = server.client(settings);
        LookupPacer pacer(5.0);
        const QMap<int, StockQueryResult> results = refresh(*client, pacer, keys(5));
        QCOMPARE(refused, 2);
        QCOMPARE(results.size(), 5);
        for (const StockQueryResult &result : results)
            QVERIFY2(result.isVerified(), qPrintable(result.summary().en));
        QCOMPARE(arrivals.size(), 7); // 5 batches, one of them twice more
        // After the second refusal the spacing had doubled twice (800 ms): the retry waited.
        const qint64 longest = [&] {
            qint64 gap = 0;
            for (qsizetype i = 1; i < arrivals.size(); ++i)
                gap = std::max(gap, arrivals.at(i) - arrivals.at(i - 1));
            return gap;
        }();
        QVERIFY2(longest >= 700, qPrintable(QString::number(longest)));
        QCOMPARE(pacer.spacingMs(), pacer.baseSpacingMs()); // and came back after answers
    }

    // A refusal that never ends: after MaximumRateRetries the 429 is reported as the result.
    void endless429IsReportedNotRetriedForever()
    {
        HostileServer *self = nullptr;
        int seen = 0;
        HostileServer server([&](const sim::SimRequest &request, sim::SimResponse) {
            ++seen;
            return self->signedError(429, "FREQUENCY_LIMITED", QStringLiteral("调用太频繁"), request);
        });
        self = &server;
        ClientSettings settings = server.settings();
        settings.busyRetries = 0;
        auto client = server.client(settings);
        LookupPacer pacer(50.0);
        const QMap<int, StockQueryResult> results = refresh(*client, pacer, keys(1));
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().kind, StockQueryResult::Kind::Rejected);
        QCOMPARE(seen, 1 + WatchRefresh::MaximumRateRetries);
    }

    // Refreshes share the app's pacer: one ending (and deleted later) takes back only its own
    // queued lookups, never the next refresh's.
    void refreshesShareThePacer()
    {
        HostileServer server;
        auto client = server.client();
        LookupPacer pacer(20.0);
        auto *first = new WatchRefresh(*client, pacer, keys(2));
        QSignalSpy firstDone(first, &WatchRefresh::finished);
        first->start();
        QVERIFY(firstDone.wait(20000));
        WatchRefresh second(*client, pacer, keys(3));
        QSignalSpy secondDone(&second, &WatchRefresh::finished);
        second.start();
        delete first; // as deleteLater would, with the second's lookups queued
        QVERIFY(secondDone.wait(20000));
    }

    // Hostile answers — another batch's numbers, a dropped connection — leave the row's last
    // good values (and their time) as they were, with the reason.
    void hostileAnswersKeepTheLastGoodValues()
    {
        bool hostile = false;
        int request = 0;
        HostileServer *self = nullptr;
        HostileServer server([&](const sim::SimRequest &req, sim::SimResponse honest) {
            if (!hostile)
                return honest;
            if (++request % 2 == 1) { // another batch, correctly signed
                QJsonObject other = QJsonDocument::fromJson(honest.body).object();
                other.insert(QStringLiteral("stock_id"), QStringLiteral("1212000000000009"));
                return self->signedJson(other, req);
            }
            sim::SimResponse dropped;
            dropped.delivery = sim::SimResponse::Delivery::DropConnection;
            return dropped;
        });
        self = &server;
        auto client = server.client();
        LookupPacer pacer(20.0);
        Watchlist list;
        list.add(*WatchedBatch::fromText(QStringLiteral("1212000000000001")));
        WatchBoard board;
        board.setWatchlist(list);
        const QDateTime first = QDateTime::currentDateTime();
        board.apply(0, refresh(*client, pacer, keys(1)).value(0), first);
        QVERIFY(board.row(0).lastGood);
        const qint64 total = board.row(0).lastGood->maxCoupons;

        hostile = true;
        for (int round = 0; round < 2; ++round) {
            const StockQueryResult result = refresh(*client, pacer, keys(1)).value(0);
            QVERIFY(!result.isVerified());
            board.apply(0, result, first.addSecs(60 * (round + 1)));
            QCOMPARE(board.row(0).lastGood->stockId, QStringLiteral("1212000000000001"));
            QCOMPARE(board.row(0).lastGood->maxCoupons, total);
            QCOMPARE(board.row(0).lastGoodAt, first);
            QVERIFY(board.row(0).failure);
        }
    }
};

QTEST_GUILESS_MAIN(TestWatchRefresh)
#include "TestWatchRefresh.moc"
