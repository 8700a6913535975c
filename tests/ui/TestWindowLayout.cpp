// The window on the screens merchant staff have: a 1366×768 laptop at 125 % (about 1092×543
// logical pixels left for the window once the taskbar and title bar are gone), 1280×720 at
// 100 % and 1920×1080 at 150 %. Nothing may sit outside the visible area, and the verdict and
// 发送 must be visible without scrolling.

#include "WindowFixture.h"

#include "HistoryPage.h"
#include "StatusColours.h"
#include "UiLanguage.h"

#include <QApplication>
#include <QRegularExpression>
#include <QStyle>

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTreeView>

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

// What dark mode gives a Fusion window (Windows 11 and macOS in dark mode under Qt 6.8).
QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x2d));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    return p;
}

// A style sheet's "color: #rrggbb" (and "background: #rrggbb"), if it sets one.
std::optional<QColor> styleColour(const QString &styleSheet, const char *property)
{
    const QRegularExpression pattern(QStringLiteral("(?:^|[^-])%1:\\s*(#[0-9a-fA-F]{6})").arg(QLatin1String(property)));
    const QRegularExpressionMatch match = pattern.match(styleSheet);
    if (!match.hasMatch())
        return std::nullopt;
    return QColor(match.captured(1));
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
        QTest::addColumn<bool>("unconfirmed"); // a fault on (two-line banner), 无法确认 with 原因 open
        QTest::addColumn<bool>("group"); // a 商品券 group change: the product coupon row and the group notice
        // Logical pixels: the screen ÷ scaling, less a 48-pixel taskbar and a title bar.
        const QSize laptop125(1092, 543);
        const QSize hd100(1280, 650);
        const QSize fullHd150(1280, 658);
        QTest::newRow("1366x768@125% zh") << laptop125 << true << false << false;
        QTest::newRow("1366x768@125% en") << laptop125 << false << false << false;
        QTest::newRow("1366x768@125% zh unconfirmed") << laptop125 << true << true << false;
        QTest::newRow("1366x768@125% en unconfirmed") << laptop125 << false << true << false;
        QTest::newRow("1366x768@125% zh group") << laptop125 << true << false << true;
        QTest::newRow("1366x768@125% en group") << laptop125 << false << false << true;
        QTest::newRow("1280x720@100% zh") << hd100 << true << false << false;
        QTest::newRow("1920x1080@150% en") << fullHd150 << false << false << false;
    }

    void fitsOfficeScreens()
    {
        QFETCH(QSize, clientSize);
        QFETCH(bool, chinese);
        QFETCH(bool, unconfirmed);
        QFETCH(bool, group);
        ui::UiLanguage::instance().apply(chinese ? Language::Chinese : Language::English);
        WindowFixture f;
        f.window().resize(clientSize);
        QTRY_COMPARE(f.window().size(), clientSize);
        auto *scroll = f.find<QScrollArea>("budgetScroll");
        QVERIFY(scroll);

        if (group) {
            auto *family = f.find<QComboBox>("couponFamily");
            family->setCurrentIndex(family->findData(int(CouponFamily::ProductCoupon)));
            f.find<QLineEdit>("productCouponIdEdit")->setText(QStringLiteral("1000000014"));
            f.sendChange(QStringLiteral("1000000014001"), 8000);
            QVERIFY(f.find("bundleNotice")->isVisible());
        } else if (unconfirmed) {
            // The tallest the page gets: the fault named in the banner, the verdict, 原因 open.
            f.lookUp(Running);
            f.setTarget(60000);
            f.window().findChild<QAction *>(QStringLiteral("fault:drop-before-apply"))->trigger();
            ui::Dialogs::setNextConfirmation(true);
            f.send();
            QVERIFY(f.find<QPushButton>("showCauses")->isVisible());
            QVERIFY(f.find("retryNotice")->isVisible());
        } else {
            // After a verified change: the fullest the page gets on the happy path.
            f.sendChange(Running, 60000);
        }
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
        if (unconfirmed) {
            // 原因 opened: the page may grow below, but the verdict and 发送 stay where they were.
            f.find<QPushButton>("showCauses")->setChecked(true);
            QCoreApplication::processEvents();
            for (const char *name : {"resultBadge", "sendButton"})
                QVERIFY2(scroll->viewport()->rect().contains(rectIn(f.find(name), scroll->viewport())), name);
            QVERIFY(f.find("resultCauses")->isVisible());
            QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        }

        // History, with the entry just made: the table, its filters and buttons all in sight.
        f.window().tabs()->setCurrentIndex(1);
        QTRY_VERIFY(f.window().historyPage()->isVisible());
        QCoreApplication::processEvents();
        keepScreenshot(f.window(),
                       QString::fromLatin1(QTest::currentDataTag()).replace(u'%', u'p') + QStringLiteral(" history"));
        const QStringList outsideHistory = widgetsOutOfSight(f.window(), scroll);
        QVERIFY2(outsideHistory.isEmpty(), qPrintable(outsideHistory.join(QStringLiteral("; "))));
    }

    // Every status colour on screen — red for what blocks, amber for warnings, green for
    // success, white on the badges — reads at 4.5:1 or better on the light and the dark palette.
    void statusColoursAreReadable_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void statusColoursAreReadable()
    {
        QFETCH(bool, dark);
        const QPalette original = QApplication::palette();
        const QPalette palette = dark ? darkPalette() : QApplication::style()->standardPalette();
        QApplication::setPalette(palette);
        auto restore = qScopeGuard([&] { QApplication::setPalette(original); });
        QCOMPARE(ui::StatusColours::isDark(palette), dark);

        WindowFixture f;
        int checked = 0;
        QStringList bannerColours; // the demo banner's, each time it was checked
        auto checkLabels = [&] {
            for (const QLabel *label : f.window().findChildren<QLabel *>()) {
                // A colour from a style sheet, or from a palette of the label's own (the demo banner).
                const QPalette &own = label->palette();
                const auto colour = styleColour(label->styleSheet(), "color")
                                        .value_or(own.isBrushSet(QPalette::Active, QPalette::WindowText)
                                                      ? own.color(QPalette::WindowText)
                                                      : QColor());
                if (!label->isVisible() || !colour.isValid())
                    continue;
                const QColor background
                    = styleColour(label->styleSheet(), "background").value_or(own.color(QPalette::Window));
                const double contrast = ui::StatusColours::contrast(colour, background);
                QVERIFY2(
                    contrast >= 4.5,
                    qPrintable(QStringLiteral("%1 “%2”: %3 on %4 reads at %5:1")
                                   .arg(label->objectName(), label->text().left(30), colour.name(), background.name())
                                   .arg(contrast, 0, 'f', 2)));
                ++checked;
                if (label->objectName() == QLatin1String("demoBanner"))
                    bannerColours.append(colour.name() + u'/' + background.name());
            }
        };
        // A paused batch (its state in red), a pasted ID (amber), a target that blocks (red).
        f.lookUp(QStringLiteral("1212000000000004"));
        checkLabels();
        f.lookUp(QStringLiteral("1212000000000001"));
        auto *edit = f.find<QLineEdit>("stockIdEdit");
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("1212 0000 0000 0001"));
        f.typeTarget(QStringLiteral("5"));
        checkLabels();
        // The badge of a refused change, and of a verified one.
        f.typeTarget(QStringLiteral("60000"));
        // Switched on from the menu, so the demo banner turns red and names it.
        auto *busy = f.window().findChild<QAction *>(QStringLiteral("fault:busy"));
        busy->trigger();
        ui::Dialogs::setNextConfirmation(true);
        f.send();
        checkLabels();
        busy->trigger();
        f.sendChange(QStringLiteral("1212000000000001"), 61000);
        checkLabels();
        keepScreenshot(f.window(), dark ? QStringLiteral("palette-dark") : QStringLiteral("palette-light"));
        QVERIFY2(checked >= 5, qPrintable(QString::number(checked)));
        // Amber, then red while the fault was on (then amber again).
        QCOMPARE(bannerColours.size(), 4);
        QCOMPARE(bannerColours.at(1), QStringLiteral("#000000/#f39c12"));
        QCOMPARE(bannerColours.at(2), QStringLiteral("#ffffff/#c0392b"));
        for (const auto tone : {ui::StatusTone::Success, ui::StatusTone::Failure, ui::StatusTone::Warning}) {
            QVERIFY(ui::StatusColours::contrast(ui::StatusColours::text(tone, palette), palette.color(QPalette::Base))
                    >= 4.5); // text inside the result's text area
            QVERIFY(ui::StatusColours::contrast(Qt::white, ui::StatusColours::badge(tone)) >= 4.5);
        }
    }

    // The README's pictures, as staff see the window: Chinese, a verified change with the card's
    // remaining stock, the next change typed, then History. Saved with BUDGETDESK_SCREENSHOTS.
    void windowAsTheReadmeShowsIt()
    {
        ui::UiLanguage::instance().apply(Language::Chinese);
        WindowFixture f;
        f.window().resize(1180, 700);
        f.sendChange(Running, 60000);
        QCOMPARE(f.text("resultBadge"), QStringLiteral("已生效 · 已验签"));
        QCOMPARE(f.find<QComboBox>("profileSelector")->currentText(),
                 QStringLiteral("演示商户")); // in the UI's language
        QCOMPARE(f.text("stockTotal"), QStringLiteral("60000"));
        QVERIFY2(f.text("stockRemaining").startsWith(QStringLiteral("47160")), qPrintable(f.text("stockRemaining")));
        f.setTarget(65000);
        QCOMPARE(f.text("delta"), QStringLiteral("60000 → 65000 (+5000)"));
        QVERIFY(f.find<QPushButton>("sendButton")->isEnabled());
        QCoreApplication::processEvents();
        keepScreenshot(f.window(), QStringLiteral("main-window-demo"));

        // Three more, for a History with each kind of end: unconfirmed (lost on the way), refused
        // (the batch busy) and not applied (a captive portal answered; the lookup found out).
        f.setTarget(100);
        QVERIFY(!f.find<QPushButton>("sendButton")->isEnabled()); // below what was issued: not sent
        f.sendChange(QStringLiteral("1212000000000002"), 30000, {QStringLiteral("drop-before-apply")});
        QVERIFY2(f.text("resultBadge").contains(QStringLiteral("无法确认")), qPrintable(f.text("resultBadge")));
        f.sendChange(QStringLiteral("1212000000000003"), 9000, {QStringLiteral("busy")});
        QVERIFY2(f.text("resultBadge").contains(QStringLiteral("拒绝")), qPrintable(f.text("resultBadge")));
        f.lookUp(Running);
        f.setTarget(70000);
        f.setFaults({QStringLiteral("portal")});
        ui::Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY2(f.text("resultBadge").contains(QStringLiteral("未生效")), qPrintable(f.text("resultBadge")));
        f.setFaults({});
        f.window().tabs()->setCurrentIndex(1);
        QTRY_COMPARE(f.window().historyPage()->view()->model()->rowCount(), 4);
        QCoreApplication::processEvents();
        keepScreenshot(f.window(), QStringLiteral("history-demo"));
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
