// The 监控 tab against the demo simulator (issue 15): batches added (pasted, from History),
// refreshed through the pacer, low ones first and counted on the tab, a batch that runs down
// while the simulator issues turning low with one notice, a failed lookup keeping its last
// good values, the list kept in the data folder and exported/imported, and a double-click
// opening the batch on the budget page.
#include "WindowFixture.h"

#include "RemainingChartView.h"
#include "UiLanguage.h"
#include "WatchPage.h"
#include "WatchTableModel.h"
#include "watch/RemainingSamples.h"
#include "watch/Watchlist.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

ui::WatchPage *watchPage(WindowFixture &f)
{
    ui::WatchPage *page = f.window().findChild<ui::WatchPage *>(QStringLiteral("watchPage"));
    if (!page)
        qWarning("no 监控 page");
    return page;
}

void refreshAndWait(ui::WatchPage *page)
{
    QSignalSpy refreshed(page, &ui::WatchPage::refreshed);
    if (!page->isRefreshing())
        page->refresh();
    QVERIFY(refreshed.wait(20000));
}

QString cell(ui::WatchPage *page, int row, int column)
{
    return page->model()->index(row, column).data().toString();
}

} // namespace

class TestWatchWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { ui::UiLanguage::instance().apply(Language::English); }

    // Pasted IDs are watched; the nearly empty batch is first, marked, counted and announced once.
    void pastedBatchesAreWatchedLowFirst()
    {
        WindowFixture f;
        ui::WatchPage *page = watchPage(f);
        QVERIFY(page);
        QSignalSpy alerted(page, &ui::WatchPage::alerted);
        QSignalSpy refreshed(page, &ui::WatchPage::refreshed);
        QCOMPARE(page->addFromText(QStringLiteral("1212000000000001\n1212000000000002, 1000000013:1000000013001\n"
                                                  "12/34")),
                 3);
        QVERIFY2(f.text("watchNotice").contains(QStringLiteral("12/34")), qPrintable(f.text("watchNotice")));
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(page->model()->rowCount(), 3);
        QVERIFY2(cell(page, 0, ui::WatchTableModel::Name).startsWith(QStringLiteral("⚠ 咖啡8.8折券")),
                 qPrintable(cell(page, 0, ui::WatchTableModel::Name)));
        QCOMPARE(cell(page, 0, ui::WatchTableModel::Remaining), QStringLiteral("350 (2%)"));
        QCOMPARE(cell(page, 2, ui::WatchTableModel::Family), QStringLiteral("Product coupon"));
        QCOMPARE(f.window().tabs()->tabText(2), QStringLiteral("Watch (1 low)"));
        QCOMPARE(alerted.size(), 1);
        QVERIFY(alerted.first().at(1).toString().contains(QStringLiteral("1212000000000002")));
        QVERIFY2(f.text("watchNotice").contains(QStringLiteral("Running low")), qPrintable(f.text("watchNotice")));
        // Still low on the next refresh: no second notice.
        refreshAndWait(page);
        QCOMPARE(alerted.size(), 1);
        // The list is kept in the data folder, by profile.
        const auto kept = Watchlist::load(Watchlist::pathFor(
            QDir(f.demo().data().root()).filePath(QStringLiteral("watch")), f.demo().profile().name));
        QVERIFY(kept.ok());
        QCOMPARE(kept->size(), 3);
        QCOMPARE(kept->batches().at(0).name, QStringLiteral("满100减10元 周末券")); // named as WeChat Pay names it
        // Two verified samples each: the chart of the selected row has them.
        page->view()->selectRow(1);
        QCOMPARE(page->chartView()->chart().remaining.size(), 2);
    }

    // The simulator issues a batch dry: the next refresh turns its row low, and the tab says so.
    void batchRunningDownTurnsLow()
    {
        WindowFixture f;
        ui::WatchPage *page = watchPage(f);
        QSignalSpy alerted(page, &ui::WatchPage::alerted);
        page->addFromText(QStringLiteral("1212000000000003"));
        refreshAndWait(page);
        QCOMPARE(page->lowCount(), 0);
        QCOMPARE(f.window().tabs()->tabText(2), QStringLiteral("Watch"));
        f.simulator().issuance().setRate(QStringLiteral("1212000000000003"), 6000000); // 100 000 a second
        QTest::qWait(200);
        refreshAndWait(page);
        QCOMPARE(page->lowCount(), 1);
        QCOMPARE(cell(page, 0, ui::WatchTableModel::Remaining), QStringLiteral("0 (0%)"));
        QCOMPARE(f.window().tabs()->tabText(2), QStringLiteral("Watch (1 low)"));
        QCOMPARE(alerted.size(), 1);
    }

    // A lookup that fails keeps the row's last good values and their time, and says why.
    void failedLookupKeepsTheLastGoodValues()
    {
        WindowFixture f;
        ui::WatchPage *page = watchPage(f);
        page->addFromText(QStringLiteral("1212000000000001"));
        refreshAndWait(page);
        const QString verifiedAt = cell(page, 0, ui::WatchTableModel::LookedUp);
        const QString left = cell(page, 0, ui::WatchTableModel::Remaining);
        f.setFaults({QStringLiteral("bad-signature")});
        refreshAndWait(page);
        QCOMPARE(cell(page, 0, ui::WatchTableModel::State), QStringLiteral("✘ lookup failed"));
        QCOMPARE(cell(page, 0, ui::WatchTableModel::Remaining), left);
        QCOMPARE(cell(page, 0, ui::WatchTableModel::LookedUp).left(5), verifiedAt.left(5));
        QVERIFY(!page->model()->index(0, 0).data(Qt::ToolTipRole).toString().isEmpty());
        f.setFaults({});
    }

    // Export, remove, import: the same batches back; History's batches can be added too.
    void exportImportAndHistory()
    {
        WindowFixture f;
        ui::WatchPage *page = watchPage(f);
        page->addFromText(QStringLiteral("1212000000000001 1212000000000003"));
        refreshAndWait(page);
        const QString file = QDir(f.demo().folder()).filePath(QStringLiteral("exported.json"));
        QVERIFY(page->exportTo(file));
        page->view()->selectRow(0);
        page->removeSelected();
        page->view()->selectRow(0);
        page->removeSelected();
        QCOMPARE(page->watchlist().size(), 0);
        QVERIFY(page->importFrom(file));
        QCOMPARE(page->watchlist().size(), 2);
        QVERIFY(!page->importFrom(QDir(f.demo().folder()).filePath(QStringLiteral("missing/none.json"))));
        QCOMPARE(page->watchlist().size(), 2);

        f.sendChange(QStringLiteral("1212000000000002"), 21000);
        QCOMPARE(page->addFromHistory(), 1);
        QCOMPARE(page->watchlist().size(), 3);
    }

    // The README's picture: the 监控 tab in Chinese after a day of watching. The day's samples
    // are written into the data folder beforehand (a real day of refreshes would leave the same
    // kind of file); today's values come from the demo simulator. Saved with BUDGETDESK_SCREENSHOTS.
    void tabAsTheReadmeShowsIt()
    {
        ui::UiLanguage::instance().apply(Language::Chinese);
        const QString profile = QStringLiteral("演示商户");
        WindowFixture f([&](const DataDirectory &data) {
            const QString folder = QDir(data.root()).filePath(QStringLiteral("watch"));
            Watchlist list;
            for (const char *id : {"1212000000000001", "1212000000000002", "1212000000000003"})
                list.add(*WatchedBatch::fromText(QString::fromLatin1(id)));
            list.add(*WatchedBatch::fromText(QStringLiteral("1000000013:1000000013001"), QStringLiteral("120344")));
            QVERIFY(!list.save(Watchlist::pathFor(folder, profile)));
            RemainingSamples day;
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            for (int minutes = 24 * 60; minutes > 0; minutes -= 15) {
                const qint64 at = now - qint64(minutes) * 60000;
                day.add(QStringLiteral("1212000000000001"), {at, 37160 + minutes * 3, 326, 50000});
                day.add(QStringLiteral("1212000000000002"), {at, 350 + minutes, 1480, 20000});
                day.add(QStringLiteral("1212000000000003"), {at, 6800 + minutes / 10, 0, 8000});
            }
            QString samples = Watchlist::pathFor(folder, profile);
            QVERIFY(!day.save(samples.replace(QStringLiteral("watchlist-"), QStringLiteral("samples-"))));
        });
        ui::WatchPage *page = watchPage(f);
        f.window().resize(1180, 700);
        f.window().tabs()->setCurrentWidget(page);
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 4, 10000);
        if (page->isRefreshing() || page->board().row(0).lastGood == std::nullopt)
            QVERIFY(QSignalSpy(page, &ui::WatchPage::refreshed).wait(20000));
        page->view()->selectRow(1);
        QCOMPARE(f.window().tabs()->tabText(2), QStringLiteral("监控（1 个偏低）"));
        QVERIFY(page->chartView()->chart().remaining.size() > 90);
        QCoreApplication::processEvents();
        keepScreenshot(f.window(), QStringLiteral("watch-demo"));
    }

    // Grouped by owner: the merchant's 商家券 together, the brand's 商品券 together, low first in
    // each; a batch's own thresholds make it low where the defaults do not.
    void groupingAndOwnThresholds()
    {
        WindowFixture f;
        ui::WatchPage *page = watchPage(f);
        page->addFromText(QStringLiteral("1212000000000001 1000000013:1000000013001 1212000000000002 "
                                         "1000000013:1000000013002"));
        refreshAndWait(page);
        page->setGrouping(WatchBoard::Grouping::Owner);
        QStringList owners;
        for (int row = 0; row < 4; ++row)
            owners << cell(page, row, ui::WatchTableModel::Owner);
        QCOMPARE(owners,
                 (QStringList{QStringLiteral("1900000109"), QStringLiteral("1900000109"), QStringLiteral("120344"),
                              QStringLiteral("120344")}));
        QVERIFY(cell(page, 0, ui::WatchTableModel::Name).startsWith(QStringLiteral("⚠"))); // 002, low, first
        QCOMPARE(page->lowCount(), 1);

        page->view()->selectRow(2); // the brand's 1000000013001: 74 % left
        QVERIFY(!page->setSelectedThresholds(QStringLiteral("80 %")));
        QVERIFY(f.text("watchNotice").contains(QStringLiteral("P, H")));
        QVERIFY(page->setSelectedThresholds(QStringLiteral("80, 4")));
        QCOMPARE(page->lowCount(), 2);
        QCOMPARE(f.window().tabs()->tabText(2), QStringLiteral("Watch (2 low)"));
        QCOMPARE(page->watchlist().batches().at(1).thresholds->percent, 80.0);
        page->view()->selectRow(page->model()->rowOf({0, 1}));
        QVERIFY(page->setSelectedThresholds(QString())); // the defaults again
        QCOMPARE(page->lowCount(), 1);
    }

    // The tab's own settings outlive the window; hand-edited nonsense is ignored.
    void settingsAreKeptBetweenRuns()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        {
            ui::WatchPage page;
            page.useSettings(&settings);
            page.findChild<QDoubleSpinBox *>(QStringLiteral("watchLowPercent"))->setValue(25);
            page.findChild<QSpinBox *>(QStringLiteral("watchAutoMinutes"))->setValue(15);
            page.findChild<QCheckBox *>(QStringLiteral("watchQuiet"))->setChecked(true);
            page.setGrouping(WatchBoard::Grouping::Owner);
        }
        {
            ui::WatchPage page;
            page.useSettings(&settings);
            QCOMPARE(page.findChild<QDoubleSpinBox *>(QStringLiteral("watchLowPercent"))->value(), 25.0);
            QCOMPARE(page.findChild<QSpinBox *>(QStringLiteral("watchAutoMinutes"))->value(), 15);
            QVERIFY(page.findChild<QCheckBox *>(QStringLiteral("watchQuiet"))->isChecked());
            QCOMPARE(page.findChild<QComboBox *>(QStringLiteral("watchGrouping"))->currentData().toInt(),
                     int(WatchBoard::Grouping::Owner));
            QCOMPARE(page.board().defaults().percent, 25.0);
        }
        settings.setValue(QStringLiteral("watch/lowPercent"), 400);
        settings.setValue(QStringLiteral("watch/autoMinutes"), 0);
        ui::WatchPage page;
        page.useSettings(&settings);
        QCOMPARE(page.findChild<QDoubleSpinBox *>(QStringLiteral("watchLowPercent"))->value(),
                 LowThresholds{}.percent); // nonsense ignored: the default
        QVERIFY(!page.findChild<QCheckBox *>(QStringLiteral("watchAuto"))->isChecked()); // 0: off
    }

    // Every profile's rows: the brand's own watchlist beside the merchant's, each looked up as
    // its own profile, grouped by profile; an edit of a brand row kept in the brand's file; a
    // double-click on it opening the batch as the brand.
    void everyProfilesRowsInOneTable()
    {
        ui::UiLanguage::instance().apply(Language::Chinese); // the demo's profiles are named in it
        const QString brand = QStringLiteral("演示品牌");
        QString brandList;
        WindowFixture f([&](const DataDirectory &data) {
            Watchlist list;
            list.add(*WatchedBatch::fromText(QStringLiteral("200000001:200000001001")));
            list.add(*WatchedBatch::fromText(QStringLiteral("200000001:200000001002")));
            brandList = Watchlist::pathFor(QDir(data.root()).filePath(QStringLiteral("watch")), brand);
            QVERIFY(!list.save(brandList));
        });
        ui::WatchPage *page = watchPage(f);
        page->addFromText(QStringLiteral("1212000000000002"));
        refreshAndWait(page);
        QCOMPARE(page->model()->rowCount(), 1);
        QVERIFY(page->view()->isColumnHidden(ui::WatchTableModel::Profile));

        page->setAllProfiles(true);
        QCOMPARE(page->watches().size(), 2);
        const ProfileWatch *brandWatch = page->watches().at(1);
        QCOMPARE(brandWatch->profileName(), brand);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRefreshing() && brandWatch->board().row(1).hasValues(), 20000);
        QVERIFY(!brandWatch->board().row(0).failure && !brandWatch->board().row(1).failure);
        QCOMPARE(brandWatch->board().row(0).lastGood->totalSendNum, 45210); // the brand's own batch
        QCOMPARE(page->model()->rowCount(), 3);
        QVERIFY(!page->view()->isColumnHidden(ui::WatchTableModel::Profile));

        page->setGrouping(WatchBoard::Grouping::Profile);
        QCOMPARE(cell(page, 0, ui::WatchTableModel::Profile), QStringLiteral("演示商户"));
        QCOMPARE(cell(page, 1, ui::WatchTableModel::Profile), brand);
        QCOMPARE(cell(page, 2, ui::WatchTableModel::Profile), brand);
        QCOMPARE(cell(page, 1, ui::WatchTableModel::Owner), f.demo().profileNamed(brand)->brandId); // its own
        f.window().resize(1180, 700);
        f.window().tabs()->setCurrentWidget(page);
        QCoreApplication::processEvents();
        keepScreenshot(f.window(), QStringLiteral("watch-all-profiles"));

        page->view()->selectRow(page->model()->rowOf({1, 1}));
        page->removeSelected();
        QCOMPARE(Watchlist::load(brandList)->size(), 1); // the brand's file, not the merchant's
        QCOMPARE(page->watchlist().size(), 1);

        Q_EMIT page->view()->doubleClicked(page->model()->index(page->model()->rowOf({1, 0}), 0));
        QTRY_COMPARE_WITH_TIMEOUT(f.find<QComboBox>("profileSelector")->currentText(), brand, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(f.text("stockName").contains(QStringLiteral("200000001001")), 10000);
    }

    // A profile that cannot be opened without asking keeps its rows, saying why; the others are
    // looked up as usual.
    void aProfileThatCannotOpenKeepsItsRows()
    {
        const QString closed = QStringLiteral("离线商户");
        WindowFixture f([&](const DataDirectory &data) {
            Watchlist list;
            list.add(*WatchedBatch::fromText(QStringLiteral("1212000000000001")));
            QVERIFY(!list.save(Watchlist::pathFor(QDir(data.root()).filePath(QStringLiteral("watch")), closed)));
        });
        ui::WatchPage *page = watchPage(f);
        page->addFromText(QStringLiteral("1212000000000003"));
        refreshAndWait(page);
        page->setOtherProfiles({closed}, [](const QString &) -> Result<ProfileSession *, BilingualText> {
            return BilingualText{QStringLiteral("需要私钥密码"), QStringLiteral("its key's passphrase is needed")};
        });
        page->setAllProfiles(true);
        refreshAndWait(page);
        QCOMPARE(page->model()->rowCount(), 2);
        const int row = page->model()->rowOf({1, 0});
        QCOMPARE(cell(page, row, ui::WatchTableModel::Profile), closed);
        QCOMPARE(cell(page, row, ui::WatchTableModel::State), QStringLiteral("✘ profile not open"));
        QVERIFY(page->model()->index(row, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("passphrase")));
        QVERIFY(page->board().row(0).hasValues()); // the profile in use was looked up
    }

    // 429 from WeChat Pay past the client's own retries (3, backing off): the lookup starts
    // again through the pacer, slowed down, and the row ends verified.
    void rateRefusalsAreTriedAgain()
    {
        WindowFixture f;
        ui::WatchPage *page = watchPage(f);
        const int before = page->pacer().startedCount();
        f.setFaults({QStringLiteral("status=429"), QStringLiteral("count=4")});
        QSignalSpy refreshed(page, &ui::WatchPage::refreshed);
        page->addFromText(QStringLiteral("1212000000000001"));
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(page->pacer().startedCount() - before, 2); // refused 4 times in the first, then again
        QVERIFY(page->board().row(0).hasValues() && !page->board().row(0).failure);
        QVERIFY2(f.text("watchStatus").contains(QStringLiteral("0 lookup(s) failed")),
                 qPrintable(f.text("watchStatus")));
    }

    // A double-click opens the batch on the budget page, looked up.
    void doubleClickOpensTheBatch()
    {
        WindowFixture f;
        ui::WatchPage *page = watchPage(f);
        page->addFromText(QStringLiteral("1000000013:1000000013002"));
        refreshAndWait(page);
        f.window().tabs()->setCurrentWidget(page);
        Q_EMIT page->view()->doubleClicked(page->model()->index(0, 0));
        QTRY_VERIFY(!f.window().budgetPage()->isBusy());
        QCOMPARE(f.window().tabs()->currentIndex(), 0);
        QCOMPARE(f.find<QLineEdit>("productCouponIdEdit")->text(), QStringLiteral("1000000013"));
        QVERIFY2(f.text("stockName").contains(QStringLiteral("1000000013002")), qPrintable(f.text("stockName")));
    }
};

QTEST_MAIN(TestWatchWindow)
#include "TestWatchWindow.moc"
