// The window with 商品券 (issue 14): the family switch, the product coupon and brand, the batch
// list to pick from, the card's 商品券 fields, a group's batch routed to the group's change with
// every batch named before it is sent, the brand identity, and History showing the family —
// against the demo simulator, as staff would use it.
#include "WindowFixture.h"

#include "AuditTableModel.h"
#include "BatchPicker.h"
#include "HistoryPage.h"
#include "ProductCouponScope.h"
#include "UiLanguage.h"
#include "audit/AuditLog.h"
#include "simulator/SimulatorServer.h"

#include <QComboBox>
#include <QGroupBox>
#include <QJsonObject>
#include <QRadioButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextEdit>
#include <QTreeView>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

const QString Coupon = QStringLiteral("1000000013");
const QString Sending = QStringLiteral("1000000013001");
const QString NoDailyCap = QStringLiteral("1000000013002");
const QString Paused = QStringLiteral("1000000013003");
const QString Stopped = QStringLiteral("1000000013004");
const QString GroupCoupon = QStringLiteral("1000000014");
const QString Group = QStringLiteral("712315129419284901");

void chooseProductCoupon(WindowFixture &f, const QString &productCouponId)
{
    auto *family = f.find<QComboBox>("couponFamily");
    family->setCurrentIndex(family->findData(int(CouponFamily::ProductCoupon)));
    auto *id = f.find<QLineEdit>("productCouponIdEdit");
    id->clear();
    QTest::keyClicks(id, productCouponId);
}

qint64 simulatedTotal(WindowFixture &f, const QString &productCouponId, const QString &stockId)
{
    return f.simulator().productCoupons().stock(productCouponId, stockId).maxCount();
}

// 65 batches: 1000000015's 25, and 40 more made from its first — more than the list's
// largest page (50), so the list takes two pages.
void addBatches(WindowFixture &f)
{
    sim::ProductCouponCatalog &catalog = f.simulator().productCoupons();
    const sim::ProductCouponStock first = catalog.stock(QStringLiteral("1000000015"), QStringLiteral("1000000015001"));
    for (int i = 26; i <= 65; ++i) {
        QJsonObject json = first.json();
        json.insert(QStringLiteral("stock_id"), QStringLiteral("1000000015%1").arg(i, 3, 10, QLatin1Char('0')));
        auto stock = sim::ProductCouponStock::withDefaults(json, first.owner(), QStringLiteral("120344"),
                                                           QDateTime::currentDateTimeUtc());
        QVERIFY2(stock.ok(), qPrintable(stock.ok() ? QString() : stock.error()));
        catalog.put(*stock);
    }
}

QList<AuditEntry> history(WindowFixture &f)
{
    auto log = AuditLog::open(f.demo().data().auditDatabase());
    return log ? (*log)->query().value_or({}) : QList<AuditEntry>{};
}

} // namespace

class TestProductCouponWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { ui::UiLanguage::instance().apply(Language::English); }

    // The switch shows what a 商品券 request needs; the demo 服务商 serves brand 120344.
    void familySwitchShowsProductCouponAndBrand()
    {
        WindowFixture f;
        auto *scope = f.find<ui::ProductCouponScope>("productCouponScope");
        QVERIFY(!scope->isVisible());
        chooseProductCoupon(f, Coupon);
        QVERIFY(scope->isVisible());
        auto *brands = f.find<QComboBox>("brandChooser");
        QVERIFY(brands->isVisible());
        QCOMPARE(brands->count(), 1);
        QCOMPARE(brands->currentText(), QStringLiteral("120344"));
        QVERIFY(!f.find<QComboBox>("demoBatches")->isVisible()); // 商家券 batches only

        // Without a product coupon nothing is asked; the reason is beside the field.
        f.find<QLineEdit>("productCouponIdEdit")->clear();
        const int before = f.simulator().requestCount();
        f.lookUp(Sending);
        QVERIFY(f.find<QLabel>("stockIdHint")->isVisible());
        QVERIFY2(f.text("stockIdHint").contains(QStringLiteral("product coupon ID")),
                 qPrintable(f.text("stockIdHint")));
        QTest::keyClicks(f.find<QLineEdit>("productCouponIdEdit"), QStringLiteral("10000/13"));
        f.lookUp(Sending);
        QVERIFY2(f.text("stockIdHint").contains(QStringLiteral("“10000/13” is not one")),
                 qPrintable(f.text("stockIdHint")));
        QCOMPARE(f.simulator().requestCount(), before);
    }

    // The card names the 商品券 fields in Chinese; a batch without a daily cap says 不限 and
    // offers no per-day change.
    void cardShowsProductCouponFieldsInChinese()
    {
        ui::UiLanguage::instance().apply(Language::Chinese);
        WindowFixture f;
        chooseProductCoupon(f, Coupon);
        f.lookUp(Sending);
        auto *card = f.find<QGroupBox>("stockCard");
        QVERIFY2(card->title().contains(QStringLiteral("商品券")), qPrintable(card->title()));
        const QStringList captions = [&] {
            QStringList texts;
            for (QLabel *label : card->findChildren<QLabel *>())
                texts << label->text();
            return texts;
        }();
        for (const char *caption :
             {"发放次数总上限", "每日发放次数上限", "已发放总次数", "当天已发放次数", "批次组", "品牌"})
            QVERIFY2(captions.contains(QString::fromUtf8(caption)), caption);
        QCOMPARE(f.text("stockState"), QStringLiteral("发放中"));
        QCOMPARE(f.text("stockTotal"), QStringLiteral("50000"));
        QCOMPARE(f.text("stockPerDay"), QStringLiteral("5000"));
        QCOMPARE(f.text("stockIssued"), QStringLiteral("12840"));
        QCOMPARE(f.text("stockIssuedToday"), QStringLiteral("326"));
        QVERIFY2(f.text("stockRemaining").startsWith(QStringLiteral("37160")), qPrintable(f.text("stockRemaining")));
        QCOMPARE(f.text("stockOwner"), QStringLiteral("120344"));
        QVERIFY2(f.text("stockWindow").contains(QStringLiteral(" 至 ")), qPrintable(f.text("stockWindow")));
        QVERIFY(f.text("stockCoupon").startsWith(Coupon));

        f.lookUp(NoDailyCap);
        QCOMPARE(f.text("stockPerDay"), QStringLiteral("不限"));
        QVERIFY(!f.find<QRadioButton>("dimensionPerDay")->isEnabled());
        f.lookUp(Paused);
        QCOMPARE(f.text("stockState"), QStringLiteral("已暂停"));
        f.lookUp(Stopped);
        QCOMPARE(f.text("stockState"), QStringLiteral("已停止"));
    }

    // The whole round as a 服务商: confirmed with the product coupon and the brand named,
    // applied as the simulator shows, recorded with the family, shown so in History.
    void changeAppliesAndHistoryShowsTheFamily()
    {
        WindowFixture f;
        chooseProductCoupon(f, Coupon);
        f.sendChange(Sending, 60000);
        QVERIFY2(f.text("resultBadge").contains(QStringLiteral("Applied")), qPrintable(f.text("resultBadge")));
        QCOMPARE(simulatedTotal(f, Coupon, Sending), 60000);
        QCOMPARE(f.text("stockTotal"), QStringLiteral("60000"));
        const QString question = ui::Dialogs::lastConfirmationText();
        QVERIFY2(question.contains(QStringLiteral("of product coupon 1000000013 from 50,000 to 60,000")),
                 qPrintable(question));
        QVERIFY2(question.contains(QStringLiteral("acting for brand 120344")), qPrintable(question));

        const QList<AuditEntry> entries = history(f);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().change.family, CouponFamily::ProductCoupon);
        QCOMPARE(entries.first().change.productCouponId, Coupon);
        QCOMPARE(entries.first().change.brandId, QStringLiteral("120344"));
        QCOMPARE(entries.first().effectiveOutcome(), QStringLiteral("applied"));

        f.window().tabs()->setCurrentIndex(1);
        QAbstractItemModel *model = f.window().historyPage()->view()->model();
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, ui::AuditTableModel::Family).data().toString(), QStringLiteral("Product coupon"));
        QCOMPARE(model->index(0, ui::AuditTableModel::Stock).data().toString(), Coupon + u'/' + Sending);
    }

    // Another 服务商's batch: WeChat Pay says it does not exist, and the number its Request-ID
    // ends in is shown with what the troubleshooting manual says of it.
    void foreignBatchIsExplainedWithItsErrorNumber()
    {
        WindowFixture f;
        chooseProductCoupon(f, Coupon);
        f.lookUp(QStringLiteral("1000000013009"));
        QVERIFY(!f.find<QPushButton>("sendButton")->isEnabled());
        const QString details = f.find<QTextEdit>("resultDetails")->toPlainText();
        QVERIFY2(details.contains(QStringLiteral("RESOURCE_NOT_EXISTS")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("another brand's, or created by another service provider")),
                 qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("(error number 268578608)")), qPrintable(details));
    }

    // A stopped batch is refused before anything is sent; a paused one may change.
    void stateDecidesWhatMayChange()
    {
        WindowFixture f;
        chooseProductCoupon(f, Coupon);
        f.lookUp(Stopped);
        f.setTarget(31000);
        QVERIFY(!f.find<QPushButton>("sendButton")->isEnabled());
        QVERIFY2(f.text("formProblem").contains(QStringLiteral("neither sending nor paused")),
                 qPrintable(f.text("formProblem")));
        f.sendChange(Paused, 12000);
        QVERIFY2(f.text("resultBadge").contains(QStringLiteral("Applied")), qPrintable(f.text("resultBadge")));
        QCOMPARE(simulatedTotal(f, Coupon, Paused), 12000);
    }

    // 65 batches on two pages: all listed, filtered by state, searched, and the one picked is
    // looked up.
    void batchListIsReadWholeFilteredAndPicked()
    {
        WindowFixture f;
        addBatches(f);
        chooseProductCoupon(f, QStringLiteral("1000000015"));
        QTest::mouseClick(f.find<QPushButton>("pickBatchButton"), Qt::LeftButton);
        auto *picker = f.find<ui::BatchPicker>("batchPicker");
        QVERIFY(picker);
        auto *table = picker->findChild<QTableWidget *>(QStringLiteral("batchTable"));
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 65, 15000);
        QVERIFY2(
            picker->findChild<QLabel *>(QStringLiteral("batchListStatus"))->text().contains(QStringLiteral("2 page")),
            qPrintable(picker->findChild<QLabel *>(QStringLiteral("batchListStatus"))->text()));
        auto *state = picker->findChild<QComboBox *>(QStringLiteral("batchStateFilter"));
        state->setCurrentIndex(state->findData(QStringLiteral("PAUSED")));
        QCOMPARE(picker->shownRows(), 5); // every fifth of the first 25; the copies of 001 are sending
        state->setCurrentIndex(0);
        QTest::keyClicks(picker->findChild<QLineEdit *>(QStringLiteral("batchSearch")),
                         QStringLiteral("1000000015007"));
        QCOMPARE(picker->shownRows(), 1);
        for (int row = 0; row < table->rowCount(); ++row) {
            if (!table->isRowHidden(row))
                table->selectRow(row);
        }
        QCOMPARE(picker->chosenStockId(), QStringLiteral("1000000015007"));
        picker->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!f.window().budgetPage()->isBusy(), 15000);
        QCOMPARE(f.find<QLineEdit>("stockIdEdit")->text(), QStringLiteral("1000000015007"));
        QVERIFY2(f.text("stockName").contains(QStringLiteral("1000000015007")), qPrintable(f.text("stockName")));
    }

    // A batch of a group is changed with its group: the form says so, the confirmation names
    // every batch, and all of them hold the target afterwards.
    void groupBatchBecomesAGroupChange()
    {
        WindowFixture f;
        chooseProductCoupon(f, GroupCoupon);
        f.lookUp(GroupCoupon + QStringLiteral("001"));
        QVERIFY(f.find<QLabel>("bundleNotice")->isVisible());
        QVERIFY2(f.text("bundleNotice").contains(Group), qPrintable(f.text("bundleNotice")));
        QVERIFY2(f.text("stockComment").contains(QStringLiteral("batch 1 of 3")), qPrintable(f.text("stockComment")));
        QVERIFY(!f.find<QPushButton>("stopIssuing")->isEnabled());
        f.setTarget(8000);
        ui::Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY2(f.text("resultBadge").contains(QStringLiteral("Applied")), qPrintable(f.text("resultBadge")));
        const QString question = ui::Dialogs::lastConfirmationText();
        QVERIFY2(question.contains(QStringLiteral("every batch of group ") + Group), qPrintable(question));
        for (const char *suffix : {"001", "002", "003"}) {
            const QString stockId = GroupCoupon + QLatin1String(suffix);
            QVERIFY2(question.contains(QStringLiteral("• ") + stockId), qPrintable(question));
            QCOMPARE(simulatedTotal(f, GroupCoupon, stockId), 8000);
        }
        QCOMPARE(f.text("stockTotal"), QStringLiteral("8000"));
        const QList<AuditEntry> entries = history(f);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().change.bundleId, Group);
        QCOMPARE(entries.first().effectiveOutcome(), QStringLiteral("applied"));
    }

    // The connection drops after the group was changed: the group is read again, every batch
    // shows the target, and the change is said to have taken effect — by that evidence only.
    void droppedGroupChangeIsSettledByReadingTheGroup()
    {
        WindowFixture f;
        chooseProductCoupon(f, GroupCoupon);
        f.sendChange(GroupCoupon + QStringLiteral("003"), 7000, {QStringLiteral("drop-after-apply")});
        QVERIFY2(f.text("resultBadge").contains(QStringLiteral("confirmed by lookup")),
                 qPrintable(f.text("resultBadge")));
        for (const char *suffix : {"001", "002", "003"})
            QCOMPARE(simulatedTotal(f, GroupCoupon, GroupCoupon + QLatin1String(suffix)), 7000);
        QTRY_COMPARE(history(f).value(0).effectiveOutcome(), QStringLiteral("applied"));

        // Dropped before it reached the service: nothing changed, and nothing is claimed.
        f.sendChange(GroupCoupon + QStringLiteral("003"), 7500, {QStringLiteral("drop-before-apply")});
        QVERIFY2(!f.text("resultBadge").contains(QStringLiteral("Applied")), qPrintable(f.text("resultBadge")));
        QCOMPARE(simulatedTotal(f, GroupCoupon, GroupCoupon + QStringLiteral("001")), 7000);
    }

    // Declined: nothing is sent, and the group keeps its values.
    void declinedGroupChangeSendsNothing()
    {
        WindowFixture f;
        chooseProductCoupon(f, GroupCoupon);
        f.lookUp(GroupCoupon + QStringLiteral("002"));
        f.setTarget(9000);
        ui::Dialogs::setNextConfirmation(false);
        f.send();
        QCOMPARE(simulatedTotal(f, GroupCoupon, GroupCoupon + QStringLiteral("002")), 6000);
        QVERIFY(history(f).isEmpty());
    }

    // The README's pictures of 商品券: a group's batch about to change as its group, and the
    // batch list. Saved with BUDGETDESK_SCREENSHOTS.
    void windowAsTheReadmeShowsIt()
    {
        ui::UiLanguage::instance().apply(Language::Chinese);
        WindowFixture f;
        f.window().resize(1180, 700);
        chooseProductCoupon(f, GroupCoupon);
        f.lookUp(GroupCoupon + QStringLiteral("001"));
        f.setTarget(9000);
        QVERIFY(f.find<QPushButton>("sendButton")->isEnabled());
        QCoreApplication::processEvents();
        keepScreenshot(f.window(), QStringLiteral("product-coupon-group"));

        chooseProductCoupon(f, QStringLiteral("1000000015"));
        QTest::mouseClick(f.find<QPushButton>("pickBatchButton"), Qt::LeftButton);
        auto *picker = f.find<ui::BatchPicker>("batchPicker");
        auto *table = picker->findChild<QTableWidget *>(QStringLiteral("batchTable"));
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 25, 15000);
        table->selectRow(2);
        QCoreApplication::processEvents();
        keepScreenshot(*picker, QStringLiteral("product-coupon-list"));
        picker->reject();
    }

    // The demo brand calls as itself: no brand to choose, its own product coupon, and the
    // audit log records the brand identity.
    void brandProfileCallsAsItself()
    {
        WindowFixture f;
        auto *profiles = f.find<QComboBox>("profileSelector");
        QCOMPARE(profiles->count(), 2);
        const int brand = profiles->findText(QStringLiteral("Demo brand"));
        QVERIFY(brand > 0);
        profiles->setCurrentIndex(brand);
        Q_EMIT profiles->activated(brand); // as a click on the entry does
        QTRY_VERIFY(f.window().budgetPage()->hasSession());
        QTRY_COMPARE(f.window().windowTitle().contains(QStringLiteral("Demo brand")), true);
        auto *family = f.find<QComboBox>("couponFamily");
        family->setCurrentIndex(family->findData(int(CouponFamily::ProductCoupon)));
        QCOMPARE(f.find<QLineEdit>("productCouponIdEdit")->text(), QStringLiteral("200000001"));
        QVERIFY(!f.find<QComboBox>("brandChooser")->isVisible());
        QVERIFY2(f.text("ownBrand").contains(QStringLiteral("120344")), qPrintable(f.text("ownBrand")));
        f.sendChange(QStringLiteral("200000001001"), 120000);
        QVERIFY2(f.text("resultBadge").contains(QStringLiteral("Applied")), qPrintable(f.text("resultBadge")));
        QCOMPARE(simulatedTotal(f, QStringLiteral("200000001"), QStringLiteral("200000001001")), 120000);
        QVERIFY2(ui::Dialogs::lastConfirmationText().contains(QStringLiteral("brand 120344.")),
                 qPrintable(ui::Dialogs::lastConfirmationText()));
        const QList<AuditEntry> entries = history(f);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().change.identity, CallerIdentity::Brand);
        QCOMPARE(entries.first().change.brandId, QStringLiteral("120344"));
    }
};

QTEST_MAIN(TestProductCouponWindow)
#include "TestProductCouponWindow.moc"
