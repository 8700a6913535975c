// The simulator's batches issuing over time (`--issue-rate`, issue 15): whole coupons at the
// rate with the fraction carried, never past the total or today's cap, only while running, and
// today's count restarting at local midnight — for 商家券 and 商品券.
#include "simulator/Issuance.h"
#include "simulator/ProductCouponCatalog.h"
#include "simulator/SimulatorOptions.h"
#include "simulator/StockCatalog.h"

#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;

namespace {

const QString Mchid = QStringLiteral("1900000109");
const QString Brand = QStringLiteral("120344");

qint64 at(int day, int hour, int minute)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, minute)).toMSecsSinceEpoch(); // local time
}

} // namespace

class TestIssuance : public QObject
{
    Q_OBJECT

private:
    StockCatalog m_stocks;
    ProductCouponCatalog m_coupons;

private Q_SLOTS:
    void init()
    {
        const QDateTime now = QDateTime(QDate(2026, 12, 3), QTime(10, 0));
        m_stocks = StockCatalog::demo(Mchid, now);
        m_coupons = ProductCouponCatalog::demo(Mchid, Brand, now);
    }

    // 60 a minute for 10 minutes: 600 more in total and today (the demo batch had 12840 / 326).
    void issuesAtTheRate()
    {
        Issuance issuance;
        issuance.setRate(QStringLiteral("1212000000000001"), 60);
        issuance.advance(at(3, 10, 0), m_stocks, m_coupons); // starts the clock only
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000001")).totalSent(), 12840);
        issuance.advance(at(3, 10, 10), m_stocks, m_coupons);
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000001")).totalSent(), 13440);
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000001")).todaySent(), 926);
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000002")).totalSent(), 19650); // no rate: unchanged
    }

    // Half a coupon a minute: 1 after 3 minutes (1.5, the half carried), 2 after the fourth.
    void fractionsAreCarried()
    {
        Issuance issuance;
        issuance.setRate(QStringLiteral("1212000000000001"), 0.5);
        issuance.advance(at(3, 10, 0), m_stocks, m_coupons);
        issuance.advance(at(3, 10, 3), m_stocks, m_coupons);
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000001")).totalSent(), 12841);
        issuance.advance(at(3, 10, 4), m_stocks, m_coupons);
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000001")).totalSent(), 12842);
    }

    // Never past today's cap (2000 a day, 1480 issued) nor the total (20000, 19650 issued);
    // a paused batch issues nothing.
    void capsAndStatesStopIt()
    {
        Issuance issuance;
        issuance.setRate(QStringLiteral("1212000000000002"), 100000);
        issuance.setRate(QStringLiteral("1212000000000004"), 100000); // PAUSED
        issuance.advance(at(3, 10, 0), m_stocks, m_coupons);
        issuance.advance(at(3, 10, 1), m_stocks, m_coupons);
        const SimulatedStock capped = m_stocks.stock(QStringLiteral("1212000000000002"));
        QCOMPARE(capped.todaySent(), 1830); // 1480 + the 350 left in total (< today's 520)
        QCOMPARE(capped.totalSent(), 20000);
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000004")).totalSent(), 3300);

        issuance.setRate(QStringLiteral("1212000000000001"), 100000); // 5000 a day, 326 today
        issuance.advance(at(3, 10, 2), m_stocks, m_coupons);
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000001")).todaySent(), 5000);
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000001")).totalSent(), 12840 + 4674);
    }

    // Across local midnight: the minutes before count for that day, then today starts at 0 —
    // for every batch, issuing or not.
    void todayRestartsAtLocalMidnight()
    {
        Issuance issuance;
        issuance.setRate(QStringLiteral("1212000000000001"), 1);
        issuance.advance(at(3, 23, 50), m_stocks, m_coupons);
        issuance.advance(at(4, 0, 10), m_stocks, m_coupons);
        const SimulatedStock stock = m_stocks.stock(QStringLiteral("1212000000000001"));
        QCOMPARE(stock.totalSent(), 12860); // 20 minutes
        QCOMPARE(stock.todaySent(), 10); // since midnight
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000002")).todaySent(), 0);
        QCOMPARE(m_coupons.stock(QStringLiteral("1000000013"), QStringLiteral("1000000013001")).todaySent(), 0);
        // A clock set back issues nothing until it catches up.
        issuance.advance(at(4, 0, 0), m_stocks, m_coupons);
        QCOMPARE(m_stocks.stock(QStringLiteral("1212000000000001")).totalSent(), 12860);
    }

    // 商品券 batches issue too, by their stock_id.
    void productCouponsIssue()
    {
        Issuance issuance;
        issuance.setRate(QStringLiteral("1000000013001"), 30);
        issuance.advance(at(3, 10, 0), m_stocks, m_coupons);
        issuance.advance(at(3, 10, 2), m_stocks, m_coupons);
        const ProductCouponStock stock = m_coupons.stock(QStringLiteral("1000000013"), QStringLiteral("1000000013001"));
        QCOMPARE(stock.totalSent(), 12840 + 60);
        QCOMPARE(stock.todaySent(), 326 + 60);
    }

    void commandLineOption()
    {
        auto options = SimulatorOptions::parse({QStringLiteral("budgetdesk-sim"), QStringLiteral("--issue-rate"),
                                                QStringLiteral("1212000000000001=120"), QStringLiteral("--issue-rate"),
                                                QStringLiteral("1000000013001=0.5")});
        QVERIFY2(options.ok(), qPrintable(options.ok() ? QString() : options.error()));
        QCOMPARE(options->issueRatesPerMinute.value(QStringLiteral("1212000000000001")), 120.0);
        QCOMPARE(options->issueRatesPerMinute.value(QStringLiteral("1000000013001")), 0.5);
        for (const char *bad : {"1212000000000001", "1212000000000001=0", "1212000000000001=x", "=5", "../1=5",
                                "1212000000000001=2000000"}) {
            auto refused = SimulatorOptions::parse(
                {QStringLiteral("budgetdesk-sim"), QStringLiteral("--issue-rate"), QString::fromLatin1(bad)});
            QVERIFY2(!refused.ok(), bad);
            QVERIFY(refused.error().contains(QStringLiteral("--issue-rate")));
        }
    }
};

QTEST_GUILESS_MAIN(TestIssuance)
#include "TestIssuance.moc"
