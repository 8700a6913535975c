#include "http/ClockOffsetMeter.h"

#include <QTest>

using namespace budgetdesk;

class TestClockOffsetMeter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prefersTheSignedTimestamp();
    void fallsBackToTheDateHeader();
    void parsesHttpDates();
};

void TestClockOffsetMeter::prefersTheSignedTimestamp()
{
    ClockOffsetMeter meter;
    QVERIFY(!meter.offsetSeconds());
    meter.observe({{"Date", "Tue, 14 Nov 2023 22:13:20 GMT"}, {"Wechatpay-Timestamp", "1700000090"}}, 1700000000500);
    QCOMPARE(*meter.offsetSeconds(), 90);
    QVERIFY(meter.isNoticeable());
    meter.observe({{"Wechatpay-Timestamp", "1700000030"}}, 1700000000000);
    QCOMPARE(*meter.offsetSeconds(), 30);
    QVERIFY(!meter.isNoticeable());
}

void TestClockOffsetMeter::fallsBackToTheDateHeader()
{
    ClockOffsetMeter meter;
    // 1700000000 is Tue, 14 Nov 2023 22:13:20 GMT; this computer thinks it is 400 s later.
    meter.observe({{"Date", "Tue, 14 Nov 2023 22:13:20 GMT"}}, (1700000000 + 400) * qint64(1000));
    QCOMPARE(*meter.offsetSeconds(), -400);
    meter.observe({{"Date", "yesterday"}}, 0); // unreadable: the last good measurement stands
    QCOMPARE(*meter.offsetSeconds(), -400);
}

void TestClockOffsetMeter::parsesHttpDates()
{
    QCOMPARE(ClockOffsetMeter::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")->toSecsSinceEpoch(), 784111777);
    QVERIFY(!ClockOffsetMeter::parseHttpDate("06 Nov 1994").has_value());
}

QTEST_GUILESS_MAIN(TestClockOffsetMeter)
#include "TestClockOffsetMeter.moc"
