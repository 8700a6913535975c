#include "busifavor/BudgetProblem.h"
#include "busifavor/RequestNumberGenerator.h"

#include "FakeClock.h"

#include <QSet>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

class TestRequestNumberGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shapedLikeTheOfficialExample();
    void uniqueEvenWithinOneMillisecond();
};

void TestRequestNumberGenerator::shapedLikeTheOfficialExample()
{
    auto clock = std::make_shared<FakeClock>(1795795200); // 2026-11-27 16:00:00 UTC = 2026-11-28 00:00 CST
    clock->advanceMilliseconds(123);
    const QString number = RequestNumberGenerator(clock).next();
    QCOMPARE(number.size(), 28);
    QVERIFY(number.startsWith(QStringLiteral("20261128000000123")));
    for (QChar c : number)
        QVERIFY(c.isDigit());
    QVERIFY(isValidRequestNumber(number));
}

void TestRequestNumberGenerator::uniqueEvenWithinOneMillisecond()
{
    auto clock = std::make_shared<FakeClock>(1795795200);
    const RequestNumberGenerator generator(clock);
    QSet<QString> numbers;
    for (int i = 0; i < 10000; ++i)
        numbers.insert(generator.next());
    QCOMPARE(numbers.size(), 10000);
    // A restart a moment later cannot repeat them either: the time part moves on.
    clock->advanceMilliseconds(1);
    QVERIFY(!numbers.contains(RequestNumberGenerator(clock).next()));
}

QTEST_GUILESS_MAIN(TestRequestNumberGenerator)
#include "TestRequestNumberGenerator.moc"
