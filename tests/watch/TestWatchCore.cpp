// The watchlist's arithmetic and memory (issue 15): forecasts at today's pace (just after
// midnight, nothing issued), thresholds crossing and re-arming, quiet hours, the samples behind
// the sparklines (stored, pruned, bounded, read back) and the chart's data, and the watchlist
// file (persisted, exported and imported, refused whole when one entry is bad).
#include "watch/BatchForecast.h"
#include "watch/LookupPacer.h"
#include "watch/ProfileWatch.h"
#include "watch/RemainingSamples.h"
#include "watch/ThresholdAlarm.h"
#include "watch/WatchBoard.h"
#include "watch/Watchlist.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;

namespace {

StockDetails stock(qint64 total, qint64 issued, std::optional<qint64> today, std::optional<qint64> dailyCap = {})
{
    StockDetails s;
    s.stockId = QStringLiteral("1212000000000001");
    s.stockName = QStringLiteral("周末券");
    s.stockState = QStringLiteral("RUNNING");
    s.maxCoupons = total;
    s.totalSendNum = issued;
    s.todaySendNum = today;
    s.maxCouponsByDay = dailyCap;
    return s;
}

QDateTime todayAt(int hour, int minute)
{
    return QDateTime(QDate(2026, 12, 3), QTime(hour, minute)); // local time
}

StockQueryResult verified(const StockDetails &s)
{
    StockQueryResult result;
    result.kind = StockQueryResult::Kind::Verified;
    result.stock = s;
    return result;
}

} // namespace

class TestWatchCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // At noon, 1200 issued today is 100 an hour: 3000 left lasts 30 hours, today's cap of 1500
    // (300 left) 3 hours.
    void forecastAtTodaysPace()
    {
        const BatchForecast f = BatchForecast::of(stock(10000, 7000, 1200, 1500), todayAt(12, 0), {});
        QCOMPARE(f.remaining, 3000);
        QCOMPARE(f.remainingToday, std::optional<qint64>(300));
        QCOMPARE(*f.perHour, 100.0);
        QCOMPARE(*f.hoursToEmpty, 30.0);
        QCOMPARE(*f.hoursToDailyCap, 3.0);
        QVERIFY(!f.isLow()); // 30 % left, 30 hours
        QCOMPARE(BatchForecast::describeHours(f.hoursToEmpty).zh, QStringLiteral("约 30 小时后发完"));
        QCOMPARE(BatchForecast::describeHours(2.6).zh, QStringLiteral("约 3 小时后发完"));
        QCOMPARE(BatchForecast::describeHours(0.25).en, QStringLiteral("about 15 min"));
        QCOMPARE(BatchForecast::describeHours(100.0).zh, QStringLiteral("约 4 天后发完"));
        QVERIFY(BatchForecast::describeHours(std::nullopt).zh.isEmpty());
    }

    // Five minutes into the day, 100 issued: the pace counts half an hour (200 an hour), not
    // five minutes (1200 an hour), so a morning burst is no false alarm.
    void justAfterMidnightThePaceCountsHalfAnHour()
    {
        QCOMPARE(BatchForecast::paceHours(todayAt(0, 5)), BatchForecast::MinimumPaceHours);
        const BatchForecast f = BatchForecast::of(stock(10000, 9000, 100), todayAt(0, 5), {});
        QCOMPARE(*f.perHour, 200.0);
        QCOMPARE(*f.hoursToEmpty, 5.0);
        QVERIFY(!f.lowByTime);
        QCOMPARE(BatchForecast::paceHours(todayAt(6, 30)), 6.5);
    }

    // Nothing issued today: no pace, no forecast — and a batch is low only by its share.
    void nothingIssuedTodayHasNoForecast()
    {
        const BatchForecast f = BatchForecast::of(stock(10000, 9950, 0), todayAt(15, 0), {});
        QVERIFY(!f.perHour && !f.hoursToEmpty && !f.hoursToDailyCap);
        QVERIFY(f.lowByShare); // 0.5 % left
        QVERIFY(!f.lowByTime);
        const BatchForecast noCount = BatchForecast::of(stock(10000, 100, std::nullopt), todayAt(15, 0), {});
        QVERIFY(!noCount.hoursToEmpty && !noCount.isLow());
    }

    // 10 % is the line (strictly below is low), 4 hours the other; an empty batch is low.
    void thresholds()
    {
        QVERIFY(!BatchForecast::of(stock(1000, 900, 0), todayAt(12, 0), {}).isLow()); // exactly 10 %
        QVERIFY(BatchForecast::of(stock(1000, 901, 0), todayAt(12, 0), {}).isLow());
        QVERIFY(BatchForecast::of(stock(1000, 1000, 0), todayAt(12, 0), {}).isLow());
        QVERIFY(BatchForecast::of(stock(0, 0, 0), todayAt(12, 0), {}).isLow());
        // 1500 left (15 %) at 500 an hour: 3 hours, under 4.
        const BatchForecast soon = BatchForecast::of(stock(10000, 8500, 6000), todayAt(12, 0), {});
        QVERIFY(soon.lowByTime && !soon.lowByShare);
        QVERIFY(!BatchForecast::of(stock(10000, 8500, 6000), todayAt(12, 0), {10.0, 3.0}).isLow()); // not under 3
        QVERIFY(!(LowThresholds{101.0, 4.0}.isValid()));
        QVERIFY(!(LowThresholds{10.0, -1.0}.isValid()));
    }

    // Once per crossing: low → alert; still low → quiet; recovered → re-armed; low again → alert.
    void alarmCrossesAndRearms()
    {
        ThresholdAlarm alarm;
        QVERIFY(!alarm.update(QStringLiteral("a"), false));
        QVERIFY(alarm.update(QStringLiteral("a"), true));
        QVERIFY(!alarm.update(QStringLiteral("a"), true));
        QCOMPARE(alarm.lowCount(), 1);
        QVERIFY(!alarm.update(QStringLiteral("a"), false));
        QCOMPARE(alarm.lowCount(), 0);
        QVERIFY(alarm.update(QStringLiteral("a"), true));
        QVERIFY(alarm.update(QStringLiteral("b"), true)); // first seen already low: that is a crossing
    }

    void quietHoursMayWrapMidnight()
    {
        const QuietHours night{QTime(22, 0), QTime(8, 0)};
        QVERIFY(night.contains(QTime(23, 30)));
        QVERIFY(night.contains(QTime(0, 0)));
        QVERIFY(night.contains(QTime(7, 59)));
        QVERIFY(!night.contains(QTime(8, 0)));
        QVERIFY(!night.contains(QTime(12, 0)));
        const QuietHours lunch{QTime(12, 0), QTime(13, 0)};
        QVERIFY(lunch.contains(QTime(12, 30)) && !lunch.contains(QTime(13, 0)));
        QVERIFY(!QuietHours{}.contains(QTime(3, 0)));
    }

    // 24 hours kept, older samples pruned; never more than MaximumPerBatch per batch.
    void samplesArePrunedAndBounded()
    {
        RemainingSamples samples;
        const qint64 hour = 3600 * 1000;
        const qint64 start = todayAt(0, 0).toMSecsSinceEpoch();
        for (int h = 0; h <= 30; ++h)
            samples.add(QStringLiteral("a"), {start + h * hour, 1000 - h, h, 1000});
        QList<RemainingSample> kept = samples.samples(QStringLiteral("a"));
        QCOMPARE(kept.first().atMs, start + 6 * hour); // 30 − 24
        QCOMPARE(kept.size(), 25);
        samples.prune(start + 30 * hour + RemainingSamples::WindowMs + 1);
        QCOMPARE(samples.batchCount(), 0);

        for (int i = 0; i < 5000; ++i)
            samples.add(QStringLiteral("b"), {start + i * 1000, 5000 - i, i, 5000});
        kept = samples.samples(QStringLiteral("b"));
        QVERIFY(kept.size() <= RemainingSamples::MaximumPerBatch);
        QCOMPARE(kept.last().atMs, start + 4999 * 1000); // the newest always stays
        QVERIFY(std::is_sorted(kept.cbegin(), kept.cend(),
                               [](const RemainingSample &a, const RemainingSample &b) { return a.atMs < b.atMs; }));
        // A clock set back starts afresh rather than mixing two timelines.
        samples.add(QStringLiteral("b"), {start, 1, 1, 5000});
        QCOMPARE(samples.samples(QStringLiteral("b")).size(), 1);
    }

    void samplesAreStoredAndReadBack()
    {
        QTemporaryDir dir;
        RemainingSamples samples;
        samples.add(QStringLiteral("1212000000000001"), {1000, 500, 20, 1000});
        samples.add(QStringLiteral("1000000013:1000000013001@120344"), {2000, 40, 3, 50});
        const QString path = dir.filePath(QStringLiteral("watch/samples.json"));
        QVERIFY(!samples.save(path));
        auto loaded = RemainingSamples::load(path);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->samples(QStringLiteral("1000000013:1000000013001@120344")),
                 samples.samples(QStringLiteral("1000000013:1000000013001@120344")));
        QVERIFY(RemainingSamples::load(dir.filePath(QStringLiteral("missing.json"))).ok());
        // Damaged or hostile files are refused, not half-read.
        for (const QByteArray &bad :
             {QByteArray("{\"format\":\"budgetdesk-watch-samples\",\"version\":1,\"batches\":{\"a\":[[1,2,3]]}}"),
              QByteArray("{\"format\":\"budgetdesk-watch-samples\",\"version\":1,\"batches\":{\"a\":[[1,-2,3,4]]}}"),
              QByteArray("{\"format\":\"other\",\"version\":1}"), QByteArray("not json")})
            QVERIFY(!RemainingSamples::fromJson(bad).ok());
        QVERIFY(!RemainingSamples::fromJson(QByteArray(RemainingSamples::MaximumFileBytes + 1, ' ')).ok());
    }

    // The chart's data: the samples of the last 24 hours, and the forecast from the last one to
    // where it runs out at today's pace (or the horizon).
    void chartData()
    {
        RemainingSamples samples;
        const qint64 hour = 3600 * 1000;
        const qint64 now = todayAt(12, 0).toMSecsSinceEpoch();
        samples.add(QStringLiteral("a"), {now - 30 * hour, 900, 0, 1000}); // pruned by the next add
        samples.add(QStringLiteral("a"), {now - 2 * hour, 600, 200, 1000});
        samples.add(QStringLiteral("a"), {now - hour, 500, 300, 1000});
        samples.add(QStringLiteral("a"), {now, 400, 400, 1000});
        RemainingChart chart = samples.chart(QStringLiteral("a"), now, 100.0);
        QCOMPARE(chart.remaining.size(), 3);
        QCOMPARE(chart.remaining.first(), QPointF(double(now - 2 * hour), 600.0));
        QCOMPARE(chart.sentToday.last(), QPointF(double(now), 400.0));
        QCOMPARE(chart.forecast.size(), 2);
        QCOMPARE(chart.forecast.at(1), QPointF(double(now + 4 * hour), 0.0)); // 400 at 100 an hour
        QCOMPARE(chart.toMs, now + 4 * hour);
        QCOMPARE(chart.fromMs, now - RemainingSamples::WindowMs);
        // Slower than the horizon: the line stops at the horizon, above 0.
        chart = samples.chart(QStringLiteral("a"), now, 1.0);
        QCOMPARE(chart.forecast.at(1).x(), double(now + RemainingSamples::ForecastHorizonMs));
        QCOMPARE(chart.forecast.at(1).y(), 376.0);
        QVERIFY(samples.chart(QStringLiteral("a"), now, std::nullopt).forecast.isEmpty());
        QVERIFY(samples.chart(QStringLiteral("none"), now, 5.0).remaining.isEmpty());
    }

    void watchlistTextForms()
    {
        const auto busifavor = WatchedBatch::fromText(QStringLiteral(" 1212000000000001 "));
        QVERIFY(busifavor && !busifavor->key.isProductCoupon());
        const auto productCoupon
            = WatchedBatch::fromText(QStringLiteral("1000000013:1000000013001"), QStringLiteral("120344"));
        QVERIFY(productCoupon && productCoupon->key.isProductCoupon());
        QCOMPARE(productCoupon->key.productCouponId, QStringLiteral("1000000013"));
        QCOMPARE(productCoupon->text(), QStringLiteral("1000000013:1000000013001"));
        QCOMPARE(productCoupon->id(), QStringLiteral("1000000013:1000000013001@120344"));
        for (const char *bad : {"", "12/34", "1212000000000000000001", ":1", "1:", "a b:1", "1000000013:x/y"})
            QVERIFY2(!WatchedBatch::fromText(QString::fromLatin1(bad)), bad);
    }

    // Saved, loaded, exported and imported as the same JSON; the order is the user's.
    void watchlistPersistsAndRoundTrips()
    {
        Watchlist list;
        QVERIFY(list.add(*WatchedBatch::fromText(QStringLiteral("1212000000000001"))));
        QVERIFY(
            list.add(*WatchedBatch::fromText(QStringLiteral("1000000013:1000000013001"), QStringLiteral("120344"))));
        QVERIFY(!list.add(*WatchedBatch::fromText(QStringLiteral("1212000000000001")))); // once
        list.setThresholds(1, LowThresholds{20.0, 2.0});
        list.setName(0, QStringLiteral("周末券"));
        list.move(1, 0);
        QTemporaryDir dir;
        const QString path = Watchlist::pathFor(dir.path(), QStringLiteral("门店A/周末:*?"));
        QVERIFY(QFileInfo(path).fileName().startsWith(QStringLiteral("watchlist-")));
        QVERIFY(!list.save(path));
        auto loaded = Watchlist::load(path);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->size(), 2);
        QCOMPARE(loaded->batches().at(0).text(), QStringLiteral("1000000013:1000000013001"));
        QCOMPARE(loaded->batches().at(0).key.brandId, QStringLiteral("120344"));
        QCOMPARE(loaded->batches().at(0).thresholds->percent, 20.0);
        QCOMPARE(loaded->batches().at(1).name, QStringLiteral("周末券"));
        QVERIFY(!loaded->batches().at(1).thresholds);
        QCOMPARE(loaded->toJson(), list.toJson());
        QCOMPARE(Watchlist::pathFor(dir.path(), QStringLiteral("门店A")),
                 Watchlist::pathFor(dir.path(), QStringLiteral("门店A")));
        QVERIFY(Watchlist::pathFor(dir.path(), QStringLiteral("门店A"))
                != Watchlist::pathFor(dir.path(), QStringLiteral("门店B")));
        QVERIFY(Watchlist::load(dir.filePath(QStringLiteral("none.json")))->isEmpty());
    }

    void watchlistRefusesBadFilesWhole_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("said");
        const QByteArray head = "{\"format\":\"budgetdesk-watchlist\",\"version\":1,\"batches\":[";
        QTest::newRow("not json") << QByteArray("[1,2") << "Not a BudgetDesk watchlist";
        QTest::newRow("other format") << QByteArray("{\"format\":\"x\",\"version\":1}") << "Not a BudgetDesk";
        QTest::newRow("version") << QByteArray("{\"format\":\"budgetdesk-watchlist\",\"version\":2}") << "version";
        QTest::newRow("family") << head + "{\"family\":\"x\",\"stock_id\":\"1\"}]}"
                                << "entry 1: family";
        QTest::newRow("stock id") << head
                + "{\"family\":\"busifavor\",\"stock_id\":\"1\"},{\"family\":\"busifavor\","
                  "\"stock_id\":\"../1\"}]}"
                                  << "entry 2: stock_id";
        QTest::newRow("no product coupon") << head + "{\"family\":\"product_coupon\",\"stock_id\":\"1\"}]}"
                                           << "entry 1: product_coupon_id";
        QTest::newRow("brand on busifavor")
            << head + "{\"family\":\"busifavor\",\"stock_id\":\"1\",\"brand_id\":\"1\"}]}"
            << "entry 1: brand_id";
        QTest::newRow("threshold") << head + "{\"family\":\"busifavor\",\"stock_id\":\"1\",\"low_percent\":150}]}"
                                   << "entry 1: low_percent";
        QTest::newRow("duplicate") << head
                + "{\"family\":\"busifavor\",\"stock_id\":\"1\"},{\"family\":\"busifavor\","
                  "\"stock_id\":\"1\"}]}"
                                   << "entry 2: the same batch";
        QTest::newRow("too big") << QByteArray(Watchlist::MaximumFileBytes + 1, ' ') << "larger than 1 MiB";
    }

    void watchlistRefusesBadFilesWhole()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, said);
        const auto list = Watchlist::fromJson(json);
        QVERIFY(!list.ok());
        QVERIFY2(list.error().en.contains(said), qPrintable(list.error().en));
        QVERIFY(!list.error().zh.isEmpty());
    }

    // A failing lookup keeps the last good values and their time; only a verified one updates
    // them. The alarm fires once, on the crossing.
    void boardKeepsTheLastGoodValues()
    {
        Watchlist list;
        list.add(*WatchedBatch::fromText(QStringLiteral("1212000000000001")));
        list.add(*WatchedBatch::fromText(QStringLiteral("1212000000000002")));
        WatchBoard board;
        board.setWatchlist(list);
        QVERIFY(!board.apply(0, verified(stock(10000, 5000, 100)), todayAt(10, 0)));
        QCOMPARE(board.row(0).lastGood->totalSendNum, 5000);
        QCOMPARE(board.row(0).batch.name, QStringLiteral("周末券"));
        StockQueryResult failed;
        failed.kind = StockQueryResult::Kind::NetworkFailed;
        QVERIFY(!board.apply(0, failed, todayAt(10, 5)));
        QCOMPARE(board.row(0).lastGood->totalSendNum, 5000);
        QCOMPARE(board.row(0).lastGoodAt, todayAt(10, 0));
        QVERIFY(board.row(0).failure);
        QVERIFY(board.apply(0, verified(stock(10000, 9500, 4600)), todayAt(10, 10))); // crossed: alert
        QVERIFY(board.row(0).low && !board.row(0).failure);
        QVERIFY(!board.apply(0, verified(stock(10000, 9600, 4700)), todayAt(10, 15))); // still low: quiet
        QCOMPARE(board.lowCount(), 1);
        QCOMPARE(board.displayOrder(), (QList<int>{0, 1}));
        QVERIFY(!board.apply(1, verified(stock(10000, 100, 0)), todayAt(10, 15)));
        QCOMPARE(board.samples().samples(board.row(0).batch.id()).size(), 3);

        // Grouped by owner (the 商家券's merchant): one group here, low first within it.
        QCOMPARE(board.displayOrder(WatchBoard::Grouping::Owner), (QList<int>{0, 1}));

        // Removing a batch forgets its samples; a batch kept keeps its row.
        list.remove(0);
        board.setWatchlist(list);
        QCOMPARE(board.size(), 1);
        QVERIFY(board.row(0).lastGood);
        QCOMPARE(board.samples().batchCount(), 1);
    }

    // The chart's time axis: whole local hours, a step that keeps the labels few, on hours of
    // the day divisible by it.
    void chartTimeAxis()
    {
        RemainingChart chart;
        const QDateTime from(QDate(2026, 12, 3), QTime(10, 20));
        chart.fromMs = from.toMSecsSinceEpoch();
        chart.toMs = from.addSecs(24 * 3600).toMSecsSinceEpoch();
        QList<qint64> ticks = chart.hourTicks(8);
        QCOMPARE(ticks.size(), 8); // every 3 hours: 12:00 … 09:00
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(ticks.first()), QDateTime(QDate(2026, 12, 3), QTime(12, 0)));
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(ticks.last()), QDateTime(QDate(2026, 12, 4), QTime(9, 0)));
        QCOMPARE(chart.hourTicks(4).size(), 4); // every 6 hours: 12:00, 18:00, 00:00, 06:00
        chart.toMs = from.addSecs(2 * 3600).toMSecsSinceEpoch();
        QCOMPARE(chart.hourTicks(8).size(), 2); // hourly: 11:00, 12:00
        chart.toMs = chart.fromMs;
        QVERIFY(chart.hourTicks().isEmpty());
    }

    // Every profile's rows in one order: low first across the boards, or board by board when
    // grouped by profile (low first within each).
    void displayOrderAcrossProfiles()
    {
        Watchlist first;
        first.add(*WatchedBatch::fromText(QStringLiteral("1212000000000001")));
        first.add(*WatchedBatch::fromText(QStringLiteral("1212000000000002")));
        Watchlist second;
        second.add(*WatchedBatch::fromText(QStringLiteral("1212000000000003")));
        second.add(*WatchedBatch::fromText(QStringLiteral("1212000000000004")));
        WatchBoard a;
        a.setWatchlist(first);
        WatchBoard b;
        b.setWatchlist(second);
        b.apply(1, verified(stock(10000, 9900, 100)), todayAt(10, 0)); // low
        QCOMPARE(WatchBoard::displayOrder({&a, &b}, WatchBoard::Grouping::None),
                 (QList<WatchRowRef>{{1, 1}, {0, 0}, {0, 1}, {1, 0}}));
        QCOMPARE(WatchBoard::displayOrder({&a, &b}, WatchBoard::Grouping::Profile),
                 (QList<WatchRowRef>{{0, 0}, {0, 1}, {1, 1}, {1, 0}}));
    }

    // A watchlist file that cannot be read is left as it is: edits are refused a save over it.
    void unreadableListIsNotOverwritten()
    {
        QTemporaryDir dir;
        const QString path = Watchlist::pathFor(dir.path(), QStringLiteral("门店A"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"something else\"}");
        file.close();
        LookupPacer pacer;
        ProfileWatch watch(QStringLiteral("门店A"), dir.path(), pacer, {});
        QVERIFY(watch.load());
        watch.list().add(*WatchedBatch::fromText(QStringLiteral("1212000000000001")));
        const auto problem = watch.listChanged();
        QVERIFY(problem && problem->zh.contains(QStringLiteral("未保存")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{\"format\": \"something else\"}"));
        QCOMPARE(watch.board().size(), 1); // watched in this run all the same
        QVERIFY(!watch.refresh()); // no session
    }
};

QTEST_GUILESS_MAIN(TestWatchCore)
#include "TestWatchCore.moc"
