// The window on the screens merchant staff have: a 1366×768 laptop at 125 % (about 1092×543
// logical pixels left for the window once the taskbar and title bar are gone), 1280×720 at
// 100 % and 1920×1080 at 150 %. Nothing may sit outside the visible area, and the verdict and
// 发送 must be visible without scrolling.

#include "WindowFixture.h"

#include "UiLanguage.h"

#include <QDir>
#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

const QString Running = QStringLiteral("1212000000000001");

// Where `widget` lies, in `ancestor`'s coordinates.
QRect rectIn(const QWidget *widget, const QWidget *ancestor)
{
    return QRect(widget->mapTo(ancestor, QPoint(0, 0)), widget->size());
}

// Every shown widget of the window that lies (even partly) outside what the user can see: the
// window itself, or — inside the budget page — the scroll area's viewport.
QStringList widgetsOutOfSight(const ui::MainWindow &window, const QScrollArea *scroll)
{
    QStringList outside;
    const QRect windowRect = window.rect();
    const QWidget *viewport = scroll->viewport();
    for (const QWidget *widget : window.findChildren<QWidget *>()) {
        if (!widget->isVisible() || widget->isWindow() || widget->size().isEmpty())
            continue;
        const bool onPage = scroll->widget()->isAncestorOf(widget);
        const bool inSight = onPage ? viewport->rect().contains(rectIn(widget, viewport))
                                    : windowRect.contains(rectIn(widget, &window));
        if (!inSight) {
            outside << QStringLiteral("%1 (%2) at %3,%4 %5×%6")
                           .arg(widget->objectName(), QString::fromLatin1(widget->metaObject()->className()))
                           .arg(rectIn(widget, &window).x())
                           .arg(rectIn(widget, &window).y())
                           .arg(widget->width())
                           .arg(widget->height());
        }
    }
    return outside;
}

// With BUDGETDESK_SCREENSHOTS=DIR the window is saved as it was checked, to look at.
void keepScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("BUDGETDESK_SCREENSHOTS");
    if (!dir.isEmpty())
        window.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fitsOfficeScreens_data()
    {
        QTest::addColumn<QSize>("clientSize");
        QTest::addColumn<bool>("chinese");
        // Logical pixels: the screen ÷ scaling, less a 48-pixel taskbar and a title bar.
        const QSize laptop125(1092, 543);
        const QSize hd100(1280, 650);
        const QSize fullHd150(1280, 658);
        QTest::newRow("1366x768@125% zh") << laptop125 << true;
        QTest::newRow("1366x768@125% en") << laptop125 << false;
        QTest::newRow("1280x720@100% zh") << hd100 << true;
        QTest::newRow("1920x1080@150% en") << fullHd150 << false;
    }

    void fitsOfficeScreens()
    {
        QFETCH(QSize, clientSize);
        QFETCH(bool, chinese);
        ui::UiLanguage::instance().apply(chinese ? Language::Chinese : Language::English);
        WindowFixture f;
        f.window().resize(clientSize);
        QTRY_COMPARE(f.window().size(), clientSize);
        auto *scroll = f.find<QScrollArea>("budgetScroll");
        QVERIFY(scroll);

        // After a verified change: the fullest the page gets on the happy path.
        f.sendChange(Running, 60000);
        QVERIFY(!f.text("resultBadge").isEmpty());
        QCoreApplication::processEvents();
        keepScreenshot(f.window(), QString::fromLatin1(QTest::currentDataTag()).replace(u'%', u'p'));

        QVERIFY2(!scroll->horizontalScrollBar()->isVisible(), "the page must not need sideways scrolling");
        QCOMPARE(scroll->verticalScrollBar()->value(), 0);
        const QStringList outside = widgetsOutOfSight(f.window(), scroll);
        QVERIFY2(outside.isEmpty(), qPrintable(outside.join(QStringLiteral("; "))));
        for (const char *name : {"resultBadge", "sendButton", "targetValue", "stockRemaining"}) {
            auto *widget = f.find(name);
            QVERIFY2(widget->isVisible(), name);
            QVERIFY2(scroll->viewport()->rect().contains(rectIn(widget, scroll->viewport())), name);
        }
    }

    // A smaller window scrolls instead of pushing the window past the screen.
    void smallerWindowsScrollRatherThanGrow()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.window().resize(900, 380);
        QTRY_COMPARE(f.window().size(), QSize(900, 380));
        auto *scroll = f.find<QScrollArea>("budgetScroll");
        QTRY_VERIFY(scroll->verticalScrollBar()->isVisible());
        QVERIFY(f.window().minimumSizeHint().height() < 380);
    }

    // Without a saved geometry the first window fits the screen's work area.
    void firstRunSizeIsClampedToTheScreen()
    {
        WindowFixture f;
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        QVERIFY(f.window().width() <= available.width());
        QVERIFY(f.window().height() <= available.height());
    }

    // A Request-ID is shortened on the card, whole in its tooltip, so it never widens the page.
    void longRequestIdsAreShortened()
    {
        WindowFixture f;
        f.lookUp(Running);
        auto *lookedUp = f.find<QLabel>("stockLookedUp");
        const QString tip = lookedUp->toolTip();
        QVERIFY(tip.startsWith(QStringLiteral("Request-ID: ")));
        const QString requestId = tip.mid(12);
        QVERIFY(requestId.size() > 16);
        QVERIFY(!lookedUp->text().contains(requestId));
        QVERIFY(lookedUp->text().contains(requestId.left(6)));
    }
};

QTEST_MAIN(TestWindowLayout)
#include "TestWindowLayout.moc"
