// The real window in demo mode, driven as a user would: keys and clicks against the in-process
// simulator. Every test gets a fresh demo (its own simulator, data folder and audit log).
#include "WindowFixture.h"

#include "CsvReader.h"
#include "FakeClock.h"

#include "AuditTableModel.h"
#include "BudgetForm.h"
#include "Dialogs.h"
#include "HistoryPage.h"
#include "UiLanguage.h"
#include "UserGuide.h"
#include "audit/AuditCsv.h"
#include "audit/AuditEntryText.h"
#include "audit/AuditLog.h"
#include "profile/DataDirectory.h"
#include "profile/ProfileSession.h"
#include "simulator/SimulatorServer.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeView>

using namespace budgetdesk;
using namespace budgetdesk::test;
using ui::Dialogs;

namespace {
const QString Running = QStringLiteral("1212000000000001"); // total 50000, per day 5000, 12840 issued
const QString Paused = QStringLiteral("1212000000000004");
const QString Foreign = QStringLiteral("1212000000000009"); // owned by another merchant
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    static QString details(WindowFixture &f) { return f.find<QTextBrowser>("resultDetails")->toPlainText(); }
    static QString badge(WindowFixture &f) { return f.text("resultBadge"); }
    static qint64 serverTotal(WindowFixture &f, const QString &id)
    {
        return f.simulator().stocks().stock(id).maxCoupons();
    }
    // The batch goes on issuing (or someone else changes it) while the window shows a lookup.
    static void changeOnServer(WindowFixture &f, const QString &id, qint64 moreIssued, std::optional<qint64> total)
    {
        sim::SimulatedStock stock = f.simulator().stocks().stock(id);
        QJsonObject json = stock.json();
        QJsonObject sent = json.value(QStringLiteral("send_count_information")).toObject();
        sent.insert(QStringLiteral("total_send_num"), stock.totalSent() + moreIssued);
        json.insert(QStringLiteral("send_count_information"), sent);
        stock = sim::SimulatedStock::withDefaults(json, stock.owner(), QDateTime::currentDateTimeUtc());
        if (total)
            stock.setMaxCoupons(*total);
        f.simulator().stocks().put(stock);
    }
    // What the audit log holds, read through a connection of its own.
    static QList<AuditEntry> history(WindowFixture &f)
    {
        auto log = AuditLog::open(f.demo().data().auditDatabase());
        return log ? (*log)->query().value_or({}) : QList<AuditEntry>{};
    }
    // Four changes as the log keeps them, written before the window opens: applied (with the
    // batch's name), refused (an old entry without one), unconfirmed, and lost then found not
    // applied. Their changes are chosen so that text order differs from numeric order.
    static void writeFourEntries(const DataDirectory &data)
    {
        auto log = AuditLog::open(data.auditDatabase());
        QVERIFY(log.ok());
        auto change = [](const char *stock, qint64 target, const char *number) {
            AuditChange c;
            c.profile = QStringLiteral("演示商户 Demo");
            c.mchid = QStringLiteral("1900000109");
            c.stockId = QString::fromLatin1(stock);
            c.current = 9000;
            c.target = target;
            c.requestNumber = QString::fromLatin1(number);
            c.osUser = QStringLiteral("zhangsan");
            c.source = QStringLiteral("window");
            return c;
        };
        AuditChange a = change("1212000000000001", 9500, "REQ-A-20261203");
        a.stockName = QStringLiteral("满减活动A");
        a.operatorName = QStringLiteral("张三");
        const qint64 idA = *(*log)->recordPending(a);
        AuditCompletion applied;
        applied.outcome = QStringLiteral("applied");
        applied.verified = true;
        applied.requestId = "0AAA";
        QVERIFY((*log)->complete(idA, applied).ok());

        const qint64 idB = *(*log)->recordPending(change("1212000000000002", 100000, "REQ-B-77"));
        AuditCompletion refused;
        refused.outcome = QStringLiteral("rejected");
        refused.httpStatus = 403;
        refused.code = QStringLiteral("RULE_LIMIT");
        refused.message = QStringLiteral("批次库存的当前值错误,请获取批次详情查看最新值");
        refused.requestId = "0BBB-REFUSED";
        refused.verified = true;
        QVERIFY((*log)->complete(idB, refused).ok());

        QVERIFY((*log)->recordPending(change("1212000000000003", 20000, "REQ-C-88")).ok()); // unconfirmed

        AuditChange d = change("1212000000000004", 400, "REQ-D-99");
        d.current = 300;
        const qint64 idD = *(*log)->recordPending(d);
        AuditCompletion lost;
        lost.outcome = QStringLiteral("unknown");
        lost.code = QStringLiteral("timeout_after_sending");
        QVERIFY((*log)->complete(idD, lost).ok());
        QVERIFY((*log)->recordReconciliation(
            idD, {QDateTime::currentDateTimeUtc(), QStringLiteral("not_applied"), 300, "0DDD", {}}));
    }
    // The table as shown (sorted, filtered): one column's display texts, top to bottom.
    static QStringList column(WindowFixture &f, int column, int role = Qt::DisplayRole)
    {
        QAbstractItemModel *model = f.window().historyPage()->view()->model();
        QStringList texts;
        for (int row = 0; row < model->rowCount(); ++row)
            texts << model->index(row, column).data(role).toString();
        return texts;
    }
    static int rowOf(WindowFixture &f, const QString &stockId)
    {
        return int(column(f, ui::AuditTableModel::Stock).indexOf(stockId));
    }
    static QString cell(WindowFixture &f, const QString &stockId, int column, int role = Qt::DisplayRole)
    {
        QAbstractItemModel *model = f.window().historyPage()->view()->model();
        return model->index(rowOf(f, stockId), column).data(role).toString();
    }
    static QStringList outcomeFilterItems(WindowFixture &f)
    {
        auto *combo = f.find<QComboBox>("historyOutcomeFilter");
        QStringList items;
        for (int i = 0; i < combo->count(); ++i)
            items << combo->itemText(i);
        return items;
    }
    static void showHistory(WindowFixture &f, int rows)
    {
        f.window().tabs()->setCurrentWidget(f.window().historyPage());
        QTRY_COMPARE(f.window().historyPage()->view()->model()->rowCount(), rows);
    }
    static void switchLanguage(WindowFixture &f, Language language)
    {
        f.window()
            .findChild<QAction *>(language == Language::Chinese ? QStringLiteral("languageChinese")
                                                                : QStringLiteral("languageEnglish"))
            ->trigger();
        QTRY_COMPARE(f.window().tabs()->tabText(0),
                     language == Language::Chinese ? QStringLiteral("预算") : QStringLiteral("Budget"));
    }
    static QList<QStringList> exportCsv(WindowFixture &f, QTemporaryDir &folder, const QString &name)
    {
        const QString file = folder.filePath(name);
        Dialogs::setNextSaveFileName(file);
        QTest::mouseClick(f.find<QPushButton>("exportCsv"), Qt::LeftButton);
        QFile csv(file);
        if (!csv.open(QIODevice::ReadOnly))
            return {};
        const QByteArray bytes = csv.readAll();
        if (!bytes.startsWith("\xEF\xBB\xBF")) // Excel opens UTF-8 Chinese correctly
            return {};
        return readCsv(QString::fromUtf8(bytes.mid(3)));
    }

private Q_SLOTS:
    void init() { ui::UiLanguage::instance().apply(Language::English); }

    void demoStartsWithBannerProfileAndBatches()
    {
        const QString realAudit = DataDirectory().auditDatabase();
        const bool realAuditExisted = QFile::exists(realAudit);
        WindowFixture f;
        QVERIFY(f.window().windowTitle().startsWith(QStringLiteral("BudgetDesk — Demo merchant")));
        QVERIFY(f.window().windowTitle().endsWith(QStringLiteral(" — 演示模式")));
        QVERIFY(f.find("demoBanner")->isVisible());
        QCOMPARE(f.find<QComboBox>("profileSelector")->currentText(), QStringLiteral("Demo merchant"));
        auto *batches = f.find<QComboBox>("demoBatches");
        QVERIFY(batches->isVisible());
        QVERIFY(batches->count() >= 6); // caption + the demo catalogue
        QCOMPARE(f.find<QLineEdit>("stockIdEdit")->text(), Running); // pre-filled, ready for Enter
        QVERIFY(f.find<QPushButton>("lookUpButton")->isEnabled());
        QVERIFY(!f.find<QPushButton>("sendButton")->isEnabled()); // nothing looked up yet
        QVERIFY(f.find<QMenu>("demoMenu"));
        QVERIFY(!f.window().findChild<QAction *>(QStringLiteral("newProfileAction"))->isEnabled());
        // The steps of a change fill the empty result area once the window has painted.
        QTRY_VERIFY(details(f).contains(QStringLiteral("How a change works")));
        QVERIFY(f.window().historyPage()); // built after the first paint too
        QCOMPARE(f.window().tabs()->widget(1), f.window().historyPage());

        // Demo data lives in a throw-away folder, never the user's.
        const QString demoRoot = f.demo().data().root();
        QVERIFY(demoRoot.startsWith(QDir::tempPath()));
        QVERIFY(QFile::exists(f.demo().data().auditDatabase()));
        QCOMPARE(QFile::exists(realAudit), realAuditExisted);
    }

    void lookupPrefillsAndVerifiedChangeIsShownAndAudited()
    {
        WindowFixture f;
        f.lookUp(Running);
        QVERIFY(f.text("stockName").contains(QStringLiteral("满100减10元")));
        QCOMPARE(f.text("stockTotal"), QStringLiteral("50000"));
        QCOMPARE(f.text("stockPerDay"), QStringLiteral("5000"));
        QCOMPARE(f.text("stockIssued"), QStringLiteral("12840"));
        QVERIFY(f.text("stockLookedUp").contains(QStringLiteral("verified")));
        // What is left, in total and today, and what the coupon is.
        QCOMPARE(f.text("stockRemaining"), QStringLiteral("37160  (74%)"));
        QCOMPARE(f.text("stockRemainingToday"), QStringLiteral("4674")); // 5000 − 326
        QVERIFY2(f.text("stockCoupon").contains(QStringLiteral("10.00"))
                     && f.text("stockCoupon").contains(QStringLiteral("100.00")),
                 qPrintable(f.text("stockCoupon")));
        QVERIFY(!f.text("stockPerUser").isEmpty());
        QVERIFY(f.text("stockCodes").contains(QStringLiteral("WeChat Pay")));

        auto *current = f.find<QLineEdit>("currentValue");
        QCOMPARE(current->text(), QStringLiteral("50000"));
        QVERIFY(current->isReadOnly());
        f.setTarget(60000);
        QCOMPARE(f.text("delta"), QStringLiteral("50000 → 60000 (+10000)"));
        const QString number = f.find<QLineEdit>("requestNumber")->text();
        QVERIFY(!number.isEmpty());

        // Keyboard first: Ctrl+Enter from the target field sends.
        const int asked = Dialogs::confirmationsShown();
        Dialogs::setNextConfirmation(true);
        auto *target = f.find<QLineEdit>("targetValue");
        target->setFocus();
        QTest::keyClick(target, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(Dialogs::confirmationsShown(), asked + 1); // the button animates its click first
        QTRY_VERIFY_WITH_TIMEOUT(!f.window().budgetPage()->isBusy(), 20000);
        const QString question = Dialogs::lastConfirmationText();
        QVERIFY(question.contains(Running));
        QVERIFY(question.contains(QStringLiteral("50,000"))); // grouped, as staff read numbers
        QVERIFY(question.contains(QStringLiteral("60,000")));
        // Who and where: the profile, the merchant, and that this is not WeChat Pay itself.
        QVERIFY(question.contains(f.demo().profile().name));
        QVERIFY(question.contains(f.demo().profile().mchid));
        QVERIFY(question.contains(QStringLiteral("test address")));

        QVERIFY2(badge(f).contains(QStringLiteral("已验签")), qPrintable(badge(f)));
        QVERIFY(details(f).contains(QStringLiteral("max_coupons = 60000")));
        QVERIFY(details(f).contains(number));
        QVERIFY(details(f).contains(f.demo().server().baseUrl().toString())); // the domain that answered
        QCOMPARE(serverTotal(f, Running), 60000);
        QCOMPARE(f.text("stockTotal"), QStringLiteral("60000"));

        // The Request-ID is one click (or Ctrl+Shift+C) away.
        auto *copy = f.find<QPushButton>("copyRequestId");
        QVERIFY(copy->isVisible());
        QApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        QVERIFY(!QApplication::clipboard()->text().isEmpty());
        QVERIFY(details(f).contains(QApplication::clipboard()->text()));

        // Audited, and the next edit is a new change with a new request number.
        QTRY_COMPARE(history(f).size(), 1);
        QCOMPARE(history(f).first().effectiveOutcome(), QStringLiteral("applied"));
        QCOMPARE(history(f).first().change.requestNumber, number);
        f.setTarget(61000);
        QVERIFY(f.find<QLineEdit>("requestNumber")->text() != number);
    }

    void perDayCapChange()
    {
        WindowFixture f;
        f.lookUp(Running);
        QTest::mouseClick(f.find<QRadioButton>("dimensionPerDay"), Qt::LeftButton);
        QCOMPARE(f.find<QLineEdit>("currentValue")->text(), QStringLiteral("5000"));
        f.setTarget(4000);
        QCOMPARE(f.text("delta"), QStringLiteral("5000 → 4000 (-1000)"));
        Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY(badge(f).contains(QStringLiteral("已验签")));
        QCOMPARE(f.simulator().stocks().stock(Running).maxCouponsByDay(), 4000);
        QCOMPARE(serverTotal(f, Running), 50000);
    }

    // Merchant coupons have no stop call: 停止发放 sets the total to what was already issued.
    void stopIssuingSetsTheTotalToWhatWasIssued()
    {
        WindowFixture f;
        auto *stop = f.find<QPushButton>("stopIssuing");
        QVERIFY(!stop->isEnabled()); // no batch yet
        f.lookUp(Running);
        QTest::mouseClick(f.find<QRadioButton>("dimensionPerDay"), Qt::LeftButton);
        QVERIFY(stop->isEnabled());
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY(f.find<QRadioButton>("dimensionTotal")->isChecked());
        QCOMPARE(f.find<QLineEdit>("targetValue")->text(), QStringLiteral("12840"));
        QCOMPARE(f.text("delta"), QStringLiteral("50000 → 12840 (-37160)"));

        // Nothing left to issue afterwards: asked twice.
        const qsizetype asked = Dialogs::confirmationTexts().size();
        Dialogs::setNextConfirmation(true);
        Dialogs::setNextConfirmation(true);
        f.send();
        QCOMPARE(Dialogs::confirmationTexts().size(), asked + 2);
        const QString first = Dialogs::confirmationTexts().at(asked);
        QVERIFY2(first.startsWith(QStringLiteral("Stop issuing batch ") + Running), qPrintable(first));
        QVERIFY(Dialogs::lastConfirmationText().contains(QStringLiteral("5 %")));
        QVERIFY(badge(f).contains(QStringLiteral("已验签")));
        QCOMPARE(serverTotal(f, Running), 12840);
        QVERIFY(!stop->isEnabled()); // the total now equals what was issued: nothing left to stop
    }

    // A stop is based on the issued count of the moment it is sent, not of the lookup: the
    // batch is looked up again first, and the result says what a stop means for its state.
    void stopIssuingLooksTheBatchUpAgainFirst()
    {
        WindowFixture f;
        f.lookUp(Running);
        QTest::mouseClick(f.find<QPushButton>("stopIssuing"), Qt::LeftButton);
        QCOMPARE(f.find<QLineEdit>("targetValue")->text(), QStringLiteral("12840"));
        changeOnServer(f, Running, 60, std::nullopt); // 60 more issued since the lookup
        const qsizetype asked = Dialogs::confirmationTexts().size();
        Dialogs::setNextConfirmation(true);
        Dialogs::setNextConfirmation(true);
        f.send();
        const QString first = Dialogs::confirmationTexts().at(asked);
        QVERIFY2(first.contains(QStringLiteral("12,900")) && first.contains(QStringLiteral("12,840")),
                 qPrintable(first));
        QCOMPARE(serverTotal(f, Running), 12900); // not 12840, which is below what was issued
        QCOMPARE(f.find<QLineEdit>("targetValue")->text(), QStringLiteral("12900"));
        QVERIFY2(badge(f).contains(QStringLiteral("Issuing stopped")) || badge(f).contains(QStringLiteral("已停止")),
                 qPrintable(badge(f)));
        QVERIFY2(details(f).contains(QStringLiteral("运行中")), qPrintable(details(f)));
    }

    // A lookup older than its lifetime is repeated before a change is confirmed: the form and
    // the confirmation then carry the batch's value of now, and say that it moved.
    void staleLookupIsRepeatedBeforeSending()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(65000);
        f.window().budgetPage()->setLookupLifetime(std::chrono::milliseconds(0));
        QTest::qWait(2);
        changeOnServer(f, Running, 0, 55000); // someone else raised it meanwhile
        Dialogs::setNextConfirmation(true);
        f.send();
        const QString asked = Dialogs::lastConfirmationText();
        QVERIFY2(asked.contains(QStringLiteral("55,000")) && asked.contains(QStringLiteral("50,000")),
                 qPrintable(asked));
        QVERIFY(badge(f).contains(QStringLiteral("已验签")));
        QCOMPARE(serverTotal(f, Running), 65000);
        QTRY_COMPARE(history(f).size(), 1);
        QCOMPARE(history(f).first().change.current, std::optional<qint64>(55000)); // what was sent
    }

    // A repeat lookup that fails keeps the typed change and sends nothing.
    // A retry of an unconfirmed change goes out exactly as the change did, even when the lookup
    // is repeated before sending: same number, same current value, same target — what the
    // fresh lookup found is said in the confirmation instead.
    void retryAfterAFreshLookupSendsTheSameBody()
    {
        WindowFixture f;
        f.sendChange(Running, 75000, {QStringLiteral("drop-before-apply")});
        QVERIFY2(badge(f).contains(QStringLiteral("Cannot be confirmed")), qPrintable(badge(f)));
        const QString number = f.find<QLineEdit>("requestNumber")->text();
        f.setFaults({});
        changeOnServer(f, Running, 0, 52000); // someone else changed it meanwhile
        f.window().budgetPage()->setLookupLifetime(std::chrono::milliseconds(0)); // looked up again first
        f.demo().server().clearReceivedRequests();
        Dialogs::setNextConfirmation(true);
        f.send();
        const QString question = Dialogs::lastConfirmationText();
        QVERIFY2(question.contains(QStringLiteral("neither this change's current value")), qPrintable(question));
        QByteArray body;
        for (const sim::ReceivedRequest &request : f.demo().server().receivedRequests()) {
            if (request.request.method == "PATCH")
                body = request.request.body;
        }
        const QJsonObject sent = QJsonDocument::fromJson(body).object();
        QCOMPARE(sent.value(QStringLiteral("modify_budget_request_no")).toString(), number);
        QCOMPARE(sent.value(QStringLiteral("current_max_coupons")).toInteger(), 50000);
        QCOMPARE(sent.value(QStringLiteral("target_max_coupons")).toInteger(), 75000);
        QCOMPARE(serverTotal(f, Running), 52000); // refused as a mismatch, as said
    }

    // The same, when the first try did land: the confirmation says so, and the retry changes
    // nothing twice.
    void retryOfAChangeThatLandedSaysSo()
    {
        WindowFixture f;
        f.sendChange(Running, 75000, {QStringLiteral("drop-before-apply")});
        const QString number = f.find<QLineEdit>("requestNumber")->text();
        f.setFaults({});
        changeOnServer(f, Running, 0, 75000); // as if the lost request had landed after all
        f.window().budgetPage()->setLookupLifetime(std::chrono::milliseconds(0));
        Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY2(Dialogs::lastConfirmationText().contains(QStringLiteral("already holds the target")),
                 qPrintable(Dialogs::lastConfirmationText()));
        QVERIFY2(badge(f).contains(QStringLiteral("Took effect")), qPrintable(badge(f)));
        QVERIFY(details(f).contains(number));
        QCOMPARE(serverTotal(f, Running), 75000);
    }

    // 未生效（经查询核对）in the demo: a captive portal answers the change (menu Demo faults),
    // the lookup that checks it reaches the simulator and finds the starting value.
    void portalAnswerEndsNotAppliedAsTheLookupFound()
    {
        WindowFixture f;
        auto *portal = f.window().findChild<QAction *>(QStringLiteral("fault:portal"));
        QVERIFY(portal);
        portal->trigger();
        QVERIFY(f.text("demoBanner").contains(QStringLiteral("captive portal")));
        f.lookUp(Running); // passes the portal, as lookups do
        f.setTarget(75000);
        Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY2(badge(f).contains(QStringLiteral("Did not take effect")), qPrintable(badge(f)));
        QVERIFY2(details(f).contains(QStringLiteral("A fresh, verified lookup shows the starting value 50000")),
                 qPrintable(details(f)));
        QCOMPARE(serverTotal(f, Running), 50000);
        QTRY_COMPARE(history(f).size(), 1);
        QCOMPARE(history(f).first().effectiveOutcome(), QStringLiteral("not_applied"));
        portal->trigger();
    }

    void failedRefreshKeepsTheForm()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(65000);
        f.window().budgetPage()->setLookupLifetime(std::chrono::milliseconds(0));
        QTest::qWait(2);
        f.setFaults({QStringLiteral("status=500"), QStringLiteral("count=9")});
        const qsizetype asked = Dialogs::confirmationTexts().size();
        f.send();
        QCOMPARE(Dialogs::confirmationTexts().size(), asked); // nothing offered for sending
        QCOMPARE(f.find<QLineEdit>("targetValue")->text(), QStringLiteral("65000"));
        QCOMPARE(serverTotal(f, Running), 50000);
        f.setFaults({});
        QVERIFY(f.find<QPushButton>("sendButton")->isEnabled());
    }

    // A skewed office PC is warned before it signs, while requests still pass (under 5 minutes).
    void clockOffsetIsWarnedAboutBeforeSending()
    {
        WindowFixture f;
        f.setFaults({QStringLiteral("skew=120")}); // WeChat Pay's clock 2 minutes ahead of ours
        f.lookUp(Running);
        auto *warning = f.find<QLabel>("clockWarning");
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QStringLiteral("behind")), qPrintable(warning->text()));
        QVERIFY(warning->text().contains(QStringLiteral("120")) || warning->text().contains(QStringLiteral("119")));
        f.setTarget(51000);
        QVERIFY(f.find<QPushButton>("sendButton")->isEnabled()); // a warning, not a block

        f.setFaults({QStringLiteral("skew=-90")});
        f.lookUp(Running);
        QVERIFY(warning->text().contains(QStringLiteral("ahead")));

        f.setFaults({});
        f.lookUp(Running);
        QVERIFY(!warning->isVisible());
    }

    void validationBlocksSend()
    {
        WindowFixture f;
        f.lookUp(Running);
        auto *send = f.find<QPushButton>("sendButton");
        auto *number = f.find<QLineEdit>("requestNumber");

        // No change at all.
        QVERIFY(!send->isEnabled());
        QVERIFY(!f.text("formProblem").isEmpty());

        f.setTarget(55000);
        QVERIFY(send->isEnabled());
        // An empty request number blocks, with the reason next to the form.
        number->clear();
        QTest::keyClick(number, Qt::Key_Backspace);
        QVERIFY(!send->isEnabled());
        QVERIFY(f.text("formProblem").contains(QStringLiteral("request"), Qt::CaseInsensitive));
        QTest::mouseClick(f.find<QPushButton>("generateRequestNumber"), Qt::LeftButton);
        QVERIFY(!number->text().isEmpty());
        QVERIFY(send->isEnabled());

        // Switching dimension starts over from the per-day cap's current value: nothing to send.
        QTest::mouseClick(f.find<QRadioButton>("dimensionPerDay"), Qt::LeftButton);
        QCOMPARE(f.find<QLineEdit>("targetValue")->text(), QStringLiteral("5000"));
        QVERIFY(!send->isEnabled());
        // The total's floor is the issued count: below it stays in view, marked, and blocks 发送.
        QTest::mouseClick(f.find<QRadioButton>("dimensionTotal"), Qt::LeftButton);
        f.setTarget(100);
        QCOMPARE(f.find<QLineEdit>("targetValue")->text(), QStringLiteral("100"));
        QVERIFY(!send->isEnabled());
        QVERIFY(f.text("formProblem").contains(QStringLiteral("12840")));

        // Ctrl+Enter on an invalid form sends nothing; the server never saw a change.
        const int asked = Dialogs::confirmationsShown();
        QTest::keySequence(&f.window(), QKeySequence(Qt::CTRL | Qt::Key_Return));
        f.window().budgetPage()->send();
        QCOMPARE(Dialogs::confirmationsShown(), asked);
        QCOMPARE(f.simulator().stocks().stock(Running).maxCouponsByDay(), 5000);
        for (const sim::ReceivedRequest &request : f.demo().server().receivedRequests())
            QCOMPARE(request.request.method, QByteArray("GET"));
        QVERIFY(history(f).isEmpty());
    }

    void batchesThatCannotChangeAreExplained()
    {
        WindowFixture f;
        f.lookUp(Paused);
        QVERIFY(f.text("stockState").contains(QStringLiteral("Paused")));
        f.setTarget(12000);
        QVERIFY(!f.text("formProblem").isEmpty()); // a warning, or a block, but said

        // Another merchant's batch: a warning (normal for service providers), and the server's
        // refusal explained when sent anyway.
        f.lookUp(Foreign);
        QCOMPARE(f.text("stockOwner"), QStringLiteral("1900000999"));
        f.setTarget(6000);
        QVERIFY(f.text("formProblem").contains(QStringLiteral("another merchant")));
        Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY(details(f).contains(QStringLiteral("RULE_LIMIT")));
    }

    void declinedConfirmationSendsNothing()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(70000);
        Dialogs::setNextConfirmation(false);
        f.send();
        QCOMPARE(serverTotal(f, Running), 50000);
        QVERIFY(history(f).isEmpty());
        QVERIFY(f.find<QPushButton>("sendButton")->isEnabled()); // the typed form is intact
        QCOMPARE(f.find<QLineEdit>("targetValue")->text(), QStringLiteral("70000"));
    }

    // What the box shows is what is confirmed and sent: typed text is never clamped, replaced
    // by an earlier value, or rewritten. (Before: 20000 then 12000 showed 12000 while 20000 was
    // confirmed; 2000000000 became 200000000; out-of-range input was silently replaced.)
    void whatIsShownIsWhatIsSent_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<qint64>("sent"); // 0: must be blocked
        QTest::addColumn<QString>("reason");
        QTest::newRow("plain") << QStringLiteral("61000") << qint64(61000) << QString();
        QTest::newRow("thousands separators") << QStringLiteral("62,500") << qint64(62500) << QString();
        QTest::newRow("full-width digits and comma") << QStringLiteral("６３，０００") << qint64(63000) << QString();
        QTest::newRow("surrounding spaces") << QStringLiteral("  64000 ") << qint64(64000) << QString();
        QTest::newRow("below the issued count") << QStringLiteral("12000") << qint64(0) << QStringLiteral("12840");
        QTest::newRow("zero") << QStringLiteral("0") << qint64(0) << QStringLiteral("1000000000");
        QTest::newRow("beyond 10^9") << QStringLiteral("2000000000") << qint64(0) << QStringLiteral("1000000000");
        QTest::newRow("not a number") << QStringLiteral("abc") << qint64(0) << QStringLiteral("abc");
        QTest::newRow("a decimal") << QStringLiteral("60000.5") << qint64(0) << QStringLiteral("60000.5");
        QTest::newRow("separators out of place") << QStringLiteral("6,00,00") << qint64(0) << QStringLiteral("6,00,00");
        QTest::newRow("empty") << QString() << qint64(0) << QString();
    }

    void whatIsShownIsWhatIsSent()
    {
        QFETCH(QString, typed);
        QFETCH(qint64, sent);
        QFETCH(QString, reason);
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(20000); // a first value, then the one that counts
        f.typeTarget(typed);
        auto *target = f.find<QLineEdit>("targetValue");
        QCOMPARE(target->text(), typed); // shown exactly as typed, never replaced
        auto *send = f.find<QPushButton>("sendButton");
        if (sent == 0) {
            QVERIFY(!send->isEnabled());
            // Either language: digits compared without their grouping.
            QVERIFY2(f.text("formProblem").remove(u',').contains(QString(reason).remove(u',')),
                     qPrintable(f.text("formProblem")));
            QVERIFY(f.text("formProblem").startsWith(QStringLiteral("✘")));
            QVERIFY(!target->styleSheet().isEmpty()); // marked
            QCOMPARE(serverTotal(f, Running), 50000);
            return;
        }
        QVERIFY(send->isEnabled());
        Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY2(
            Dialogs::lastConfirmationText().contains(QLocale(QLocale::English, QLocale::UnitedStates).toString(sent)),
            qPrintable(Dialogs::lastConfirmationText()));
        QCOMPARE(serverTotal(f, Running), sent);
    }

    // A request number that does not fit is shown as pasted and refused with the reason — not
    // quietly cut to the characters that fit (before: "abc 订单#1" became "abc1").
    void requestNumberIsNeverRewritten()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(60000);
        auto *number = f.find<QLineEdit>("requestNumber");
        number->selectAll();
        number->insert(QStringLiteral("abc 订单#1")); // pasted
        QCOMPARE(number->text(), QStringLiteral("abc 订单#1"));
        QVERIFY(!f.find<QPushButton>("sendButton")->isEnabled());
        QVERIFY(f.text("formProblem").contains(QStringLiteral("128"))); // the rule, in words
        number->setText(QString(129, u'a'));
        QCOMPARE(number->text().size(), 129); // not cut to 128 either
        QVERIFY(!f.find<QPushButton>("sendButton")->isEnabled());
    }

    // A batch ID pasted from a spreadsheet is tidied, and said so (before: the validator threw
    // the whole paste away); what is not an ID is refused next to the field, nothing sent.
    void pastedBatchIdsAreTidied()
    {
        WindowFixture f;
        auto *edit = f.find<QLineEdit>("stockIdEdit");
        edit->clear();
        edit->setFocus();
        edit->insert(QStringLiteral(" 1212 0000 0000 0002 ")); // as a paste does
        QCOMPARE(edit->text(), QStringLiteral("1212000000000002"));
        QVERIFY(f.find<QLabel>("stockIdHint")->isVisible());
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!f.window().budgetPage()->isBusy(), 15000);
        QVERIFY(f.text("stockName").contains(QStringLiteral("1212000000000002")));
        // Enter after a successful lookup leads on to the target.
        QVERIFY(f.find<QLineEdit>("targetValue")->hasFocus());

        const qsizetype before = f.demo().server().receivedRequests().size();
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("12-34"));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(f.find<QLabel>("stockIdHint")->isVisible());
        QVERIFY(f.text("stockIdHint").contains(QStringLiteral("12-34")));
        QCOMPARE(f.demo().server().receivedRequests().size(), before);
    }

    // A slipped digit (more than tenfold) is asked about twice; declining the second sends nothing.
    void unusualChangesAreConfirmedTwice()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(600000);
        const qsizetype asked = Dialogs::confirmationTexts().size();
        Dialogs::setNextConfirmation(true);
        Dialogs::setNextConfirmation(false);
        QTest::mouseClick(f.find<QPushButton>("sendButton"), Qt::LeftButton);
        QCOMPARE(Dialogs::confirmationTexts().size(), asked + 2);
        QVERIFY(Dialogs::lastConfirmationText().contains(QStringLiteral("600,000")));
        QVERIFY(!f.window().budgetPage()->isBusy());
        QCOMPARE(serverTotal(f, Running), 50000);
        QVERIFY(history(f).isEmpty());
        // An ordinary change is asked once.
        f.setTarget(60000);
        Dialogs::setNextConfirmation(true);
        f.send();
        QCOMPARE(Dialogs::confirmationTexts().size(), asked + 3);
        QCOMPARE(serverTotal(f, Running), 60000);
    }

    // Before: with an unusable audit log 发送 stayed enabled and silently did nothing.
    void unusableAuditLogBlocksSendingWithTheReason()
    {
        WindowFixture f([](const DataDirectory &data) { QDir().mkpath(data.auditDatabase()); });
        f.lookUp(Running);
        f.setTarget(60000);
        QVERIFY(!f.find<QPushButton>("sendButton")->isEnabled());
        QVERIFY2(f.text("formProblem").contains(QStringLiteral("audit log"), Qt::CaseInsensitive)
                     || f.text("formProblem").contains(QStringLiteral("审计日志")),
                 qPrintable(f.text("formProblem")));
        QCOMPARE(serverTotal(f, Running), 50000);
    }

    // Before: a log another program held froze the window for 5 s. Now the change is refused
    // at once — nothing sent — with the reason, and the window stays responsive.
    void lockedAuditLogNeverFreezesTheWindow()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(60000);
        QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
        holder.setDatabaseName(f.demo().data().auditDatabase());
        QVERIFY(holder.open());
        QSqlQuery lock(holder);
        QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        QVERIFY(lock.exec(QStringLiteral("INSERT INTO changes (created_at, profile, mchid, stock_id, dimension, "
                                         "target_value, request_no, os_user, source) VALUES ('x', 'p', '1', '1', "
                                         "'max_coupons', 1, 'n', 'u', 's')")));
        QElapsedTimer clock;
        clock.start();
        Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(details(f).contains(QStringLiteral("another BudgetDesk program"))
                     || details(f).contains(QStringLiteral("另一个")),
                 qPrintable(details(f)));
        QCOMPARE(serverTotal(f, Running), 50000);
        lock.exec(QStringLiteral("ROLLBACK"));
        holder.close();
        lock = QSqlQuery();
        holder = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
    }

    // Once the request has left, 取消 becomes 停止等待 and says the change may still apply.
    void cancelSaysWhatItCanStillDo()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(67000);
        f.setFaults({QStringLiteral("delay=1500"), QStringLiteral("count=1")});
        Dialogs::setNextConfirmation(true);
        QTest::mouseClick(f.find<QPushButton>("sendButton"), Qt::LeftButton);
        auto *cancel = f.find<QPushButton>("cancelButton");
        const QString before = cancel->text();
        QTRY_VERIFY_WITH_TIMEOUT(cancel->text() != before, 3000);
        QVERIFY(!cancel->toolTip().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!f.window().budgetPage()->isBusy(), 20000);
        QCOMPARE(cancel->text(), before); // back to plain 取消 for the next one
    }

    // 停止等待, and the change landed all the same: 改回原值 prepares the way back as a new
    // change (new number, confirmed and audited like any other).
    void stoppedWaitingButAppliedOffersTheWayBack()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(80000);
        const QString number = f.find<QLineEdit>("requestNumber")->text();
        f.setFaults({QStringLiteral("delay=1500")});
        Dialogs::setNextConfirmation(true);
        QTest::mouseClick(f.find<QPushButton>("sendButton"), Qt::LeftButton);
        auto *cancel = f.find<QPushButton>("cancelButton");
        QTRY_COMPARE(cancel->text(), QStringLiteral("Stop waiting"));
        QTest::mouseClick(cancel, Qt::LeftButton); // the checking lookup runs
        QTRY_VERIFY_WITH_TIMEOUT(!f.window().budgetPage()->isBusy(), 15000);
        QCOMPARE(serverTotal(f, Running), 80000);
        QVERIFY2(badge(f).contains(QStringLiteral("Took effect")), qPrintable(badge(f)));
        auto *revert = f.find<QPushButton>("revertChange");
        QVERIFY(revert->isVisible());
        QVERIFY(revert->text().contains(QStringLiteral("50000")));

        f.setFaults({});
        QTest::mouseClick(revert, Qt::LeftButton);
        QCOMPARE(f.find<QLineEdit>("targetValue")->text(), QStringLiteral("50000"));
        QCOMPARE(f.find<QLineEdit>("currentValue")->text(), QStringLiteral("80000"));
        QVERIFY(f.find<QLineEdit>("requestNumber")->text() != number);
        QCOMPARE(serverTotal(f, Running), 80000); // prepared, not sent
        Dialogs::setNextConfirmation(true);
        f.send();
        QCOMPARE(serverTotal(f, Running), 50000);
        QTRY_COMPARE(history(f).size(), 2);
    }

    // A change that was waited for to the end offers no way back: nothing unexpected happened.
    void waitedForChangeOffersNoRevert()
    {
        WindowFixture f;
        f.sendChange(Running, 60000);
        QVERIFY(badge(f).contains(QStringLiteral("Applied")));
        QVERIFY(!f.find<QPushButton>("revertChange")->isVisible());
    }

    void lookupErrorsAreExplained()
    {
        WindowFixture f;
        f.lookUp(QStringLiteral("1212000000000777"));
        QVERIFY(badge(f).contains(QStringLiteral("refused"), Qt::CaseInsensitive));
        QVERIFY(details(f).contains(QStringLiteral("NOT_FOUND"))
                || details(f).contains(QStringLiteral("RESOURCE_NOT_EXISTS")));
        QVERIFY(!f.find<QPushButton>("sendButton")->isEnabled());

        // An answer whose signature does not verify is never shown as data.
        f.setFaults({QStringLiteral("bad-signature")});
        f.lookUp(Running);
        QVERIFY(badge(f).contains(QStringLiteral("not verified"), Qt::CaseInsensitive));
        QCOMPARE(f.text("stockTotal"), QStringLiteral("—"));

        // Every connection dropped: a network failure, said as such.
        // A lookup's refusal is explained as a lookup's: no request number, no change to check.
        f.setFaults({QStringLiteral("status=500")});
        f.lookUp(Running);
        QVERIFY(badge(f).contains(QStringLiteral("refused"), Qt::CaseInsensitive));
        QVERIFY2(details(f).contains(QStringLiteral("look the batch up again"), Qt::CaseInsensitive),
                 qPrintable(details(f)));
        QVERIFY(!details(f).contains(QStringLiteral("request number"), Qt::CaseInsensitive));
        QVERIFY(!details(f).contains(QStringLiteral("the change"), Qt::CaseInsensitive));

        f.setFaults({QStringLiteral("drop")});
        f.lookUp(Running);
        QVERIFY(badge(f).contains(QStringLiteral("reach"), Qt::CaseInsensitive));
    }

    void refusedChangeShowsCodeExplanationAndRequestId()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(65000);
        // Someone else changes the batch in the meantime: the current value is stale.
        sim::SimulatedStock changed = f.simulator().stocks().stock(Running);
        changed.setMaxCoupons(52000);
        f.simulator().stocks().put(changed);
        Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY(badge(f).contains(QStringLiteral("Refused")));
        QVERIFY(details(f).contains(QStringLiteral("RULE_LIMIT")));
        QVERIFY(details(f).contains(QStringLiteral("批次库存的当前值错误"))); // the server's message
        QVERIFY(f.find<QPushButton>("copyRequestId")->isVisible());
        QCOMPARE(serverTotal(f, Running), 52000);
        QTRY_COMPARE(history(f).size(), 1);
        QCOMPARE(history(f).first().effectiveOutcome(), QStringLiteral("rejected"));
    }

    void signErrorOffersTheSigningStringDiagnosis()
    {
        WindowFixture f;
        f.sendChange(Running, 65000, {QStringLiteral("skew=-400")});
        QVERIFY(details(f).contains(QStringLiteral("SIGN_ERROR")));
        auto *toggle = f.find<QPushButton>("showDiagnosis");
        QVERIFY(toggle->isVisible());
        QTest::mouseClick(toggle, Qt::LeftButton);
        auto *diagnosis = f.find<QTextBrowser>("signDiagnosis");
        QVERIFY(diagnosis->isVisible());
        QVERIFY(diagnosis->toPlainText().contains(QStringLiteral("PATCH")));
        QVERIFY(diagnosis->toPlainText().contains(QStringLiteral("/v3/marketing/busifavor/stocks/") + Running));
        QVERIFY(details(f).contains(QStringLiteral("clock"), Qt::CaseInsensitive)); // 400 s matters
        QCOMPARE(serverTotal(f, Running), 50000);
    }

    // From 5 minutes off (as measured from an answer WeChat Pay signed), every signature would
    // be refused: 发送 stays off with the fix, until an answer shows the clock is right again.
    void clockFiveMinutesOffBlocksSending()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(66000);
        auto *send = f.find<QPushButton>("sendButton");
        QVERIFY(send->isEnabled());
        auto *form = f.find<ui::BudgetForm>("budgetForm");
        form->setClockOffset(-400);
        QVERIFY(!send->isEnabled());
        QVERIFY(!form->change().has_value());
        const QString problem = f.find<QLabel>("formProblem")->text();
        QVERIFY2(problem.contains(QStringLiteral("5 minutes")), qPrintable(problem));
        QVERIFY2(f.find<QLabel>("clockWarning")->text().contains(QStringLiteral("400 s ahead")),
                 qPrintable(f.find<QLabel>("clockWarning")->text()));
        form->setClockOffset(299); // within the window: a warning, not a block
        QVERIFY(send->isEnabled());
        QVERIFY(f.find<QLabel>("clockWarning")->text().contains(QStringLiteral("299 s behind")));
        form->setClockOffset(-400);
        f.lookUp(Running); // a fresh verified answer measures the clock again
        f.setTarget(66000);
        QVERIFY(send->isEnabled());
    }

    void serverErrorsAreRetriedThenReconciled()
    {
        WindowFixture f;
        // Every attempt fails (1 + 2 retries); the checking lookup then succeeds. The batch
        // still holds its starting value, but a 5xx does not prove the change will not land.
        f.sendChange(Running, 65000, {QStringLiteral("status=500"), QStringLiteral("count=3")});
        QVERIFY2(badge(f).contains(QStringLiteral("无法确认")), qPrintable(badge(f)));
        QVERIFY(details(f).contains(QStringLiteral("50000")));
        // The verdict leads; the three refused attempts and the 5xx explanation wait under 原因.
        QVERIFY2(!details(f).contains(QStringLiteral("HTTP 500")), qPrintable(details(f)));
        auto *toggle = f.find<QPushButton>("showCauses");
        QVERIFY(toggle->isVisible());
        auto *causes = f.find<QTextBrowser>("resultCauses");
        QVERIFY(!causes->isVisible());
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(causes->isVisible());
        QCOMPARE(causes->toPlainText().count(QStringLiteral("HTTP 500")), 3);
        QVERIFY(causes->toPlainText().contains(f.demo().server().baseUrl().toString()));
        QCOMPARE(serverTotal(f, Running), 50000);
        QTRY_COMPARE(history(f).size(), 1);
        QCOMPARE(history(f).first().effectiveOutcome(), QStringLiteral("unknown"));
    }

    void unverifiedSuccessIsNeverTrusted()
    {
        WindowFixture f;
        f.sendChange(Running, 65000, {QStringLiteral("bad-signature"), QStringLiteral("count=1")});
        // Applied on the server, but only a verified lookup may say so.
        QVERIFY2(badge(f).contains(QStringLiteral("已生效")), qPrintable(badge(f)));
        QVERIFY(!badge(f).contains(QStringLiteral("已验签")));
        QVERIFY(details(f).contains(QStringLiteral("65000")));
    }

    void droppedAfterApplyIsReconciledAsApplied()
    {
        WindowFixture f;
        // Every answer to the change is lost (QNAM's own resend too); lookups are not affected.
        f.sendChange(Running, 75000, {QStringLiteral("drop-after-apply")});
        QVERIFY2(badge(f).contains(QStringLiteral("已生效")), qPrintable(badge(f)));
        QVERIFY(details(f).contains(QStringLiteral("75000")));
        QCOMPARE(serverTotal(f, Running), 75000);
        QTRY_COMPARE(history(f).size(), 1);
        QCOMPARE(history(f).first().effectiveOutcome(), QStringLiteral("applied"));
        QVERIFY(!history(f).first().isUnresolved());
        // One verdict: the checked value, never also "the check did not succeed".
        QVERIFY(details(f).contains(QStringLiteral("now holds 75000")));
        QVERIFY2(!details(f).contains(QStringLiteral("did not succeed")), qPrintable(details(f)));
    }

    // Lost before it applied: the check shows the starting value, but the request may still
    // land — 无法确认, with what was seen, and nothing that contradicts it.
    void droppedBeforeApplyShowsTheCheckedValue()
    {
        WindowFixture f;
        f.sendChange(Running, 75000, {QStringLiteral("drop-before-apply")});
        QVERIFY2(badge(f).contains(QStringLiteral("Cannot be confirmed")), qPrintable(badge(f)));
        QVERIFY2(details(f).contains(QStringLiteral("now holds 50000")), qPrintable(details(f)));
        QVERIFY2(!details(f).contains(QStringLiteral("did not succeed")), qPrintable(details(f)));
        QVERIFY(!details(f).contains(QStringLiteral("Applied")));
        QCOMPARE(serverTotal(f, Running), 50000);
        // Every connection lost, the checking lookup too: then, and only then, that is said.
        f.setFaults({QStringLiteral("drop")});
        auto *retry = f.find<QPushButton>("retrySameChange");
        if (retry && retry->isVisible())
            QTest::mouseClick(retry, Qt::LeftButton);
        Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY2(details(f).contains(QStringLiteral("did not succeed")), qPrintable(details(f)));
        QVERIFY(!details(f).contains(QStringLiteral("now holds")));
    }

    // Before: switching profile mid-change destroyed the change with its session — applied on
    // the server, never shown, its audit entry left pending.
    void noProfileSwitchWhileAChangeIsInFlight()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(66000);
        f.setFaults({QStringLiteral("delay=1500"), QStringLiteral("count=1")});
        Dialogs::setNextConfirmation(true);
        QTest::mouseClick(f.find<QPushButton>("sendButton"), Qt::LeftButton);
        QVERIFY(f.window().budgetPage()->isBusy());
        QVERIFY(!f.find<QComboBox>("profileSelector")->isEnabled());
        QVERIFY(!f.window().openProfile(f.demo().profile().name)); // refused, not swapped
        QTRY_VERIFY_WITH_TIMEOUT(!f.window().budgetPage()->isBusy(), 20000);
        QVERIFY(f.find<QComboBox>("profileSelector")->isEnabled());
        QVERIFY2(badge(f).contains(QStringLiteral("已验签")), qPrintable(badge(f)));
        QTRY_COMPARE(history(f).size(), 1);
        QCOMPARE(history(f).first().effectiveOutcome(), QStringLiteral("applied"));
    }

    // After an unconfirmed outcome the old request number belongs to that change only: an edit
    // makes a new change with a new number, 重试同一修改 goes back, and 生成 asks first.
    // (Before: the edited, different change was sent under the old number.)
    // 核对 in History may re-send the change through the session's client: the profile cannot
    // be switched (nor the window closed without asking) until it is done.
    void checkInHistoryHoldsTheSessionLikeASend()
    {
        WindowFixture f;
        f.sendChange(Running, 75000, {QStringLiteral("drop-before-apply")});
        QTRY_COMPARE(history(f).size(), 1);
        QVERIFY(history(f).first().isUnresolved());
        f.setFaults({QStringLiteral("delay=1500")});
        f.window().tabs()->setCurrentIndex(1);
        QTreeView *table = f.window().historyPage()->view();
        table->setCurrentIndex(table->model()->index(0, 0));
        QTest::mouseClick(f.find<QPushButton>("reconcileEntry"), Qt::LeftButton);
        QVERIFY(f.window().historyPage()->isBusy());
        QVERIFY(!f.find<QComboBox>("profileSelector")->isEnabled());
        QVERIFY(!f.window().openProfile(f.demo().profile().name));
        QTRY_VERIFY_WITH_TIMEOUT(!f.window().historyPage()->isBusy(), 15000);
        QVERIFY(f.find<QComboBox>("profileSelector")->isEnabled());
        QVERIFY(f.window().openProfile(f.demo().profile().name));
    }

    void unconfirmedChangeIsRetriedOnlyAsItself()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(80000);
        auto *number = f.find<QLineEdit>("requestNumber");
        const QString unconfirmed = number->text();
        f.setFaults({QStringLiteral("delay=3000")});
        Dialogs::setNextConfirmation(true);
        QTest::mouseClick(f.find<QPushButton>("sendButton"), Qt::LeftButton);
        auto *cancel = f.find<QPushButton>("cancelButton");
        QTest::qWait(300);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTest::qWait(100);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!f.window().budgetPage()->isBusy(), 10000);
        QVERIFY2(badge(f).contains(QStringLiteral("无法确认")), qPrintable(badge(f)));
        QCOMPARE(number->text(), unconfirmed);
        auto *notice = f.find<QLabel>("retryNotice");
        auto *retry = f.find<QPushButton>("retrySameChange");
        QVERIFY(notice->isVisible());
        QVERIFY(!retry->isVisible()); // it is the same change: nothing to go back to

        f.setTarget(90000); // a different change
        QVERIFY(number->text() != unconfirmed);
        QVERIFY(notice->text().contains(unconfirmed));
        QVERIFY(retry->isVisible());

        QTest::mouseClick(retry, Qt::LeftButton);
        QCOMPARE(f.find<QLineEdit>("targetValue")->text(), QStringLiteral("80000"));
        QCOMPARE(number->text(), unconfirmed);

        const int asked = Dialogs::confirmationsShown();
        Dialogs::setNextConfirmation(false);
        QTest::mouseClick(f.find<QPushButton>("generateRequestNumber"), Qt::LeftButton);
        QCOMPARE(Dialogs::confirmationsShown(), asked + 1); // asked before replacing it
        QCOMPARE(number->text(), unconfirmed);

        // The retry: the same change under the same number, which cannot apply twice.
        f.setFaults({});
        Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY2(badge(f).contains(QStringLiteral("已验签")), qPrintable(badge(f)));
        QCOMPARE(serverTotal(f, Running), 80000);
        QTRY_COMPARE(history(f).size(), 2);
        for (const AuditEntry &entry : history(f)) {
            QCOMPARE(entry.change.requestNumber, unconfirmed);
            QCOMPARE(entry.effectiveOutcome(), QStringLiteral("applied")); // the first settled by the retry
        }
        // …and the window says so: nothing left unconfirmed, both rows 已生效 in the table.
        QTRY_COMPARE(f.window().tabs()->tabText(1), QStringLiteral("History"));
        showHistory(f, 2);
        QCOMPARE(column(f, ui::AuditTableModel::Outcome),
                 (QStringList{QStringLiteral("Applied"), QStringLiteral("Applied")}));
    }

    void cancelKeepsTheFormAndLeavesAnUnconfirmedEntryToCheck()
    {
        WindowFixture f;
        f.lookUp(Running);
        f.setTarget(80000);
        const QString number = f.find<QLineEdit>("requestNumber")->text();
        f.setFaults({QStringLiteral("delay=3000")});
        Dialogs::setNextConfirmation(true);
        QTest::mouseClick(f.find<QPushButton>("sendButton"), Qt::LeftButton);
        ui::BudgetPage *page = f.window().budgetPage();
        QVERIFY(page->isBusy());
        // While sending: busy, cancellable, form locked, window responsive.
        auto *cancel = f.find<QPushButton>("cancelButton");
        QVERIFY(cancel->isVisible());
        QVERIFY(f.find<QProgressBar>("busyIndicator")->isVisible());
        QVERIFY(!f.find<QLineEdit>("targetValue")->isEnabled());
        QVERIFY(!f.find<QPushButton>("sendButton")->isEnabled());
        QTest::qWait(300);
        QTest::keyClick(&f.window(), Qt::Key_Escape); // stop waiting: a checking lookup starts
        QTest::qWait(200);
        QVERIFY(page->isBusy());
        QTest::mouseClick(cancel, Qt::LeftButton); // and skip the check as well
        QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), 10000);
        QVERIFY2(badge(f).contains(QStringLiteral("无法确认")), qPrintable(badge(f)));
        // The number may have reached the server: it stays, for a retry of the same change.
        QCOMPARE(f.find<QLineEdit>("requestNumber")->text(), number);
        QCOMPARE(f.find<QLineEdit>("targetValue")->text(), QStringLiteral("80000"));

        // History flags it; 核对 settles it with a verified lookup.
        QTRY_COMPARE(history(f).size(), 1);
        QVERIFY(history(f).first().isUnresolved());
        QVERIFY(f.window().tabs()->tabText(1).contains(QStringLiteral("1")));
        f.setFaults({});
        f.window().tabs()->setCurrentIndex(1);
        QTreeView *table = f.window().historyPage()->view();
        table->setCurrentIndex(table->model()->index(0, 0));
        auto *reconcile = f.find<QPushButton>("reconcileEntry");
        QVERIFY(reconcile->isEnabled());
        QTest::mouseClick(reconcile, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!history(f).first().isUnresolved(), 10000);
        QCOMPARE(history(f).first().effectiveOutcome(), QStringLiteral("applied")); // the delayed change landed
        QVERIFY(!f.window().tabs()->tabText(1).contains(QStringLiteral("1")));
    }

    void historyFiltersAndExportsCsv()
    {
        WindowFixture f;
        f.sendChange(Running, 51000);
        f.sendChange(Running, 52000);
        f.sendChange(QStringLiteral("1212000000000002"), 21000);

        ui::HistoryPage *page = f.window().historyPage();
        QCOMPARE(page->view()->model()->rowCount(), 0); // read when first looked at
        f.window().tabs()->setCurrentWidget(page);
        QTRY_COMPARE(page->view()->model()->rowCount(), 3);
        auto *filter = f.find<QLineEdit>("historyStockFilter");
        QTest::keyClicks(filter, QStringLiteral("1212000000000002"));
        QTRY_COMPARE(page->view()->model()->rowCount(), 1);

        QTemporaryDir folder;
        const QString file = folder.filePath(QStringLiteral("history.csv"));
        Dialogs::setNextSaveFileName(file);
        QTest::mouseClick(f.find<QPushButton>("exportCsv"), Qt::LeftButton);
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray bytes = csv.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF")); // Excel opens UTF-8 Chinese correctly
        QCOMPARE(bytes.count('\n'), 2); // header + the one shown row
        QVERIFY(bytes.contains("1212000000000002"));
        QVERIFY(!bytes.contains("1212000000000001"));
        QVERIFY(f.text("historyStatus").contains(file));
    }

    // Two changes made in the Chinese window — one applied, one refused — exported for finance
    // and read back cell by cell.
    void historyCsvForFinanceInTheWindowsLanguage()
    {
        WindowFixture f({}, QStringLiteral("张三"));
        switchLanguage(f, Language::Chinese);
        f.sendChange(Running, 51000);
        const QString appliedNumber = history(f).value(0).change.requestNumber;
        f.lookUp(Running);
        f.setTarget(65000);
        const QString refusedNumber = f.find<QLineEdit>("requestNumber")->text();
        sim::SimulatedStock changed = f.simulator().stocks().stock(Running); // someone else changed it
        changed.setMaxCoupons(52000);
        f.simulator().stocks().put(changed);
        Dialogs::setNextConfirmation(true);
        f.send();
        QTRY_COMPARE(history(f).size(), 2);
        const AuditEntry refused = history(f).at(0);
        QCOMPARE(refused.effectiveOutcome(), QStringLiteral("rejected"));
        showHistory(f, 2);

        QTemporaryDir folder;
        const QList<QStringList> rows = exportCsv(f, folder, QStringLiteral("历史.csv"));
        QCOMPARE(rows.size(), 3); // header + the two shown rows
        using C = AuditCsv::Column;
        for (const QStringList &row : rows)
            QCOMPARE(row.size(), int(C::ColumnCount));
        QCOMPARE(rows[0][C::EntryId], QStringLiteral("记录编号"));
        QCOMPARE(rows[0][C::Time], QStringLiteral("时间"));
        QCOMPARE(rows[0][C::StockId], QStringLiteral("批次号"));
        QCOMPARE(rows[0][C::StockName], QStringLiteral("批次名称"));
        QCOMPARE(rows[0][C::Outcome], QStringLiteral("结果"));
        QCOMPARE(rows[0][C::Explanation], QStringLiteral("说明"));
        QCOMPARE(rows[0][C::Operator], QStringLiteral("操作人"));

        const QString batchName
            = f.simulator().stocks().stock(Running).json().value(QStringLiteral("stock_name")).toString();
        QVERIFY(!batchName.isEmpty());
        const QStringList &no = rows[1]; // newest first: the refusal
        QCOMPARE(no[C::EntryId], QStringLiteral("=\"%1\"").arg(refused.id));
        QCOMPARE(no[C::StockId], QStringLiteral("=\"1212000000000001\"")); // all 16 digits, as text
        QCOMPARE(no[C::StockName], batchName);
        QCOMPARE(no[C::RequestNumber], QStringLiteral("=\"%1\"").arg(refusedNumber));
        QCOMPARE(no[C::RequestId], QStringLiteral("=\"%1\"").arg(QString::fromLatin1(refused.completion->requestId)));
        QVERIFY(!refused.completion->requestId.isEmpty());
        QCOMPARE(no[C::Dimension], QStringLiteral("批次总量"));
        QCOMPARE(no[C::Current], QStringLiteral("51000"));
        QCOMPARE(no[C::Target], QStringLiteral("65000"));
        QCOMPARE(no[C::Outcome], QStringLiteral("被拒绝"));
        QCOMPARE(no[C::ErrorName], QStringLiteral("提交的“当前值”与批次现在的预算不一致"));
        QCOMPARE(no[C::ErrorCode], QStringLiteral("RULE_LIMIT"));
        QVERIFY2(no[C::Explanation].contains(QStringLiteral("重新查询批次")), qPrintable(no[C::Explanation]));
        QVERIFY2(no[C::Detail].startsWith(QStringLiteral("批次库存的当前值错误")), qPrintable(no[C::Detail]));
        QCOMPARE(no[C::OsAccount], currentOsUser());
        QCOMPARE(no[C::Operator], QStringLiteral("张三"));
        // Local time with its offset, e.g. 2026-12-03 21:50:07 +08:00.
        const QDateTime local = refused.time.toLocalTime();
        const int offset = local.offsetFromUtc();
        const QString expected = local.toString(QStringLiteral("yyyy-MM-dd hh:mm:ss "))
            + QString::asprintf("%c%02d:%02d", offset < 0 ? '-' : '+', qAbs(offset) / 3600, qAbs(offset) % 3600 / 60);
        QCOMPARE(no[C::Time], expected);

        const QStringList &yes = rows[2];
        QCOMPARE(yes[C::Outcome], QStringLiteral("已生效"));
        QCOMPARE(yes[C::RequestNumber], QStringLiteral("=\"%1\"").arg(appliedNumber));
        QCOMPARE(yes[C::Verified], QStringLiteral("是"));
        QCOMPARE(yes[C::ErrorName], QString());
        QCOMPARE(yes[C::Target], QStringLiteral("51000"));

        // The English window exports English headers and labels.
        switchLanguage(f, Language::English);
        const QList<QStringList> english = exportCsv(f, folder, QStringLiteral("history.csv"));
        QCOMPARE(english.size(), 3);
        QCOMPARE(english[0][C::EntryId], QStringLiteral("Entry ID"));
        QCOMPARE(english[1][C::Outcome], QStringLiteral("Rejected"));
        QCOMPARE(english[2][C::Outcome], QStringLiteral("Applied"));
        QVERIFY(english[1][C::Explanation].startsWith(QStringLiteral("The current value sent differs")));
    }

    void historyTableNamesOutcomesErrorsAndSortsNumerically()
    {
        WindowFixture f(writeFourEntries);
        showHistory(f, 4);
        using M = ui::AuditTableModel;
        // The batch's name where it was recorded; blank for an entry written before.
        QCOMPARE(cell(f, QStringLiteral("1212000000000001"), M::StockName), QStringLiteral("满减活动A"));
        QCOMPARE(cell(f, QStringLiteral("1212000000000002"), M::StockName), QString());
        // One set of outcome names, in the table and the filter.
        QCOMPARE(cell(f, QStringLiteral("1212000000000001"), M::Outcome), QStringLiteral("Applied"));
        QCOMPARE(cell(f, QStringLiteral("1212000000000002"), M::Outcome), QStringLiteral("Rejected"));
        QCOMPARE(cell(f, QStringLiteral("1212000000000003"), M::Outcome), QStringLiteral("⚠ Unconfirmed"));
        QCOMPARE(cell(f, QStringLiteral("1212000000000004"), M::Outcome), QStringLiteral("Not applied"));
        QCOMPARE(outcomeFilterItems(f),
                 (QStringList{QStringLiteral("All outcomes"), QStringLiteral("Applied"), QStringLiteral("Not applied"),
                              QStringLiteral("Unconfirmed"), QStringLiteral("Rejected")}));
        // Readable error names; the code in the tooltip.
        QCOMPARE(cell(f, QStringLiteral("1212000000000002"), M::Error),
                 QStringLiteral("The current value sent differs from the batch's budget now"));
        QVERIFY(cell(f, QStringLiteral("1212000000000002"), M::Error, Qt::ToolTipRole)
                    .contains(QStringLiteral("RULE_LIMIT")));
        QCOMPARE(cell(f, QStringLiteral("1212000000000004"), M::Error), QStringLiteral("No answer in time"));
        QCOMPARE(cell(f, QStringLiteral("1212000000000001"), M::Error), QString());
        QVERIFY(cell(f, QStringLiteral("1212000000000001"), M::User).contains(QStringLiteral("张三")));

        // The change column sorts by number: 400 < 9500 < 20000 < 100000 (as text, 100000 would
        // come before 20000 and 9500).
        QTreeView *table = f.window().historyPage()->view();
        QTest::mouseClick(table->header()->viewport(), Qt::LeftButton, {},
                          QPoint(table->header()->sectionViewportPosition(M::Change) + 5, 5));
        if (table->header()->sortIndicatorOrder() != Qt::AscendingOrder)
            table->sortByColumn(M::Change, Qt::AscendingOrder);
        QCOMPARE(table->header()->sortIndicatorSection(), int(M::Change));
        QCOMPARE(column(f, M::Stock),
                 (QStringList{QStringLiteral("1212000000000004"), QStringLiteral("1212000000000001"),
                              QStringLiteral("1212000000000003"), QStringLiteral("1212000000000002")}));
        table->sortByColumn(M::Change, Qt::DescendingOrder);
        QCOMPARE(column(f, M::Stock).first(), QStringLiteral("1212000000000002"));

        // The outcome filter uses the same names: 无法确认 is the one not settled.
        auto *outcomes = f.find<QComboBox>("historyOutcomeFilter");
        outcomes->setCurrentIndex(outcomeFilterItems(f).indexOf(QStringLiteral("Unconfirmed")));
        QTRY_COMPARE(column(f, M::Stock), QStringList{QStringLiteral("1212000000000003")});
        outcomes->setCurrentIndex(outcomeFilterItems(f).indexOf(QStringLiteral("Not applied")));
        QTRY_COMPARE(column(f, M::Stock), QStringList{QStringLiteral("1212000000000004")});
        outcomes->setCurrentIndex(0);
        QTRY_COMPARE(column(f, M::Stock).size(), 4);

        // Chinese: the same four names everywhere.
        switchLanguage(f, Language::Chinese);
        QCOMPARE(cell(f, QStringLiteral("1212000000000001"), M::Outcome), QStringLiteral("已生效"));
        QCOMPARE(cell(f, QStringLiteral("1212000000000002"), M::Outcome), QStringLiteral("被拒绝"));
        QCOMPARE(cell(f, QStringLiteral("1212000000000003"), M::Outcome), QStringLiteral("⚠ 无法确认"));
        QCOMPARE(cell(f, QStringLiteral("1212000000000004"), M::Outcome), QStringLiteral("未生效"));
        QCOMPARE(outcomeFilterItems(f).mid(1),
                 (QStringList{QStringLiteral("已生效"), QStringLiteral("未生效"), QStringLiteral("无法确认"),
                              QStringLiteral("被拒绝")}));
        QCOMPARE(cell(f, QStringLiteral("1212000000000002"), M::Error),
                 QStringLiteral("提交的“当前值”与批次现在的预算不一致"));
        QCOMPARE(cell(f, QStringLiteral("1212000000000004"), M::Error), QStringLiteral("应答超时"));
    }

    void historyFilterFindsPartOfAnIdOrRequestNumber()
    {
        WindowFixture f(writeFourEntries);
        showHistory(f, 4);
        using M = ui::AuditTableModel;
        auto *filter = f.find<QLineEdit>("historyStockFilter");
        QTest::keyClicks(filter, QStringLiteral("0000002")); // part of a batch ID
        QTRY_COMPARE(column(f, M::Stock), QStringList{QStringLiteral("1212000000000002")});
        filter->clear();
        QTRY_COMPARE(column(f, M::Stock).size(), 4);
        QTest::keyClicks(filter, QStringLiteral("REQ-C")); // part of a request number
        QTRY_COMPARE(column(f, M::Stock), QStringList{QStringLiteral("1212000000000003")});
        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("1212 0000")); // spaces from a grouped paste do not count
        QTRY_COMPARE(column(f, M::Stock).size(), 4);
        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("nothing-like-it"));
        QTRY_COMPARE(column(f, M::Stock).size(), 0);
    }

    void doubleClickShowsTheWholeEntry()
    {
        WindowFixture f(writeFourEntries);
        showHistory(f, 4);
        QTreeView *table = f.window().historyPage()->view();
        const QModelIndex index = table->model()->index(rowOf(f, QStringLiteral("1212000000000002")), 1);
        const QPoint at = table->visualRect(index).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = f.window().findChild<QDialog *>(QStringLiteral("historyEntryDialog"))));
        QVERIFY(dialog->isVisible());
        const QString text = dialog->findChild<QTextBrowser *>(QStringLiteral("historyEntryDetails"))->toPlainText();
        const QList<AuditEntry> entries = history(f);
        const AuditEntry refused = *std::find_if(entries.cbegin(), entries.cend(), [](const AuditEntry &e) {
            return e.change.stockId == QLatin1String("1212000000000002");
        });
        for (const QString &expected :
             {QStringLiteral("1212000000000002"), QStringLiteral("9000 → 100000"), QStringLiteral("REQ-B-77"),
              QStringLiteral("Outcome: Rejected"), QStringLiteral("RULE_LIMIT"), QStringLiteral("HTTP 403"),
              QStringLiteral("The current value sent differs from the batch's budget now"), // the error's name
              QStringLiteral("Look the batch up again and confirm"), // the explanation
              QStringLiteral("批次库存的当前值错误,请获取批次详情查看最新值"), // WeChat Pay's own words
              QStringLiteral("Request-ID: 0BBB-REFUSED"), QStringLiteral("zhangsan"),
              AuditEntryText::localTime(refused.time)})
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" missing from:\n") + text));
        dialog->close();
        QTRY_VERIFY(!f.window().findChild<QDialog *>(QStringLiteral("historyEntryDialog")));

        // In Chinese, the same account in Chinese.
        switchLanguage(f, Language::Chinese);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        QTRY_VERIFY((dialog = f.window().findChild<QDialog *>(QStringLiteral("historyEntryDialog"))));
        const QString zh = dialog->findChild<QTextBrowser *>(QStringLiteral("historyEntryDetails"))->toPlainText();
        for (const QString &expected :
             {QStringLiteral("结果：被拒绝"), QStringLiteral("错误：提交的“当前值”与批次现在的预算不一致"),
              QStringLiteral("处理：重新查询批次"), QStringLiteral("请求单号：REQ-B-77")})
            QVERIFY2(zh.contains(expected), qPrintable(expected + QStringLiteral(" missing from:\n") + zh));
        dialog->close();
    }

    void unconfirmedCountSurvivesALanguageSwitch()
    {
        WindowFixture f(writeFourEntries);
        QTabWidget *tabs = f.window().tabs();
        QCOMPARE(tabs->tabText(1), QStringLiteral("History (1 unconfirmed)"));
        switchLanguage(f, Language::Chinese);
        QVERIFY2(tabs->tabText(1).contains(u'1') && tabs->tabText(1) != QStringLiteral("历史"),
                 qPrintable(tabs->tabText(1)));
        showHistory(f, 4);
        QVERIFY2(f.text("historyStatus").contains(u'4'), qPrintable(f.text("historyStatus")));
        switchLanguage(f, Language::English);
        QCOMPARE(tabs->tabText(1), QStringLiteral("History (1 unconfirmed)"));
        QVERIFY2(f.text("historyStatus").contains(QStringLiteral("4 change")), qPrintable(f.text("historyStatus")));
        QVERIFY2(f.text("historyStatus").contains(QStringLiteral("1 not confirmed")),
                 qPrintable(f.text("historyStatus")));
    }

    // Past midnight with the window open, the default range still ends today; a range the user
    // picked stays.
    void historyRangeFollowsTheClock()
    {
        FakeClock clock(QDateTime::currentSecsSinceEpoch()); // outlives the window that reads it
        WindowFixture f;
        ui::HistoryPage *page = f.window().historyPage();
        page->setClock(&clock);
        auto *to = f.find<QDateEdit>("historyTo");
        auto *from = f.find<QDateEdit>("historyFrom");
        const QDate today = QDate::currentDate();
        f.sendChange(Running, 51000);
        showHistory(f, 1);
        QCOMPARE(to->date(), today);

        clock.advance(24 * 3600); // the next day
        f.window().tabs()->setCurrentIndex(0);
        f.window().tabs()->setCurrentWidget(page); // shown again
        QTRY_COMPARE(to->date(), today.addDays(1));
        QCOMPARE(from->date(), today.addDays(1).addMonths(-3));
        QCOMPARE(page->view()->model()->rowCount(), 1);

        to->setDate(today); // the user's own choice
        clock.advance(24 * 3600);
        f.window().tabs()->setCurrentIndex(0);
        f.window().tabs()->setCurrentWidget(page);
        page->refresh();
        QCOMPARE(to->date(), today);
        page->setClock(nullptr);
    }

    void languageSwitchRetranslatesTheWindow()
    {
        WindowFixture f;
        f.lookUp(Running);
        QTabWidget *tabs = f.window().tabs();
        QCOMPARE(tabs->tabText(0), QStringLiteral("Budget"));
        f.window().findChild<QAction *>(QStringLiteral("languageChinese"))->trigger();
        QCOMPARE(ui::UiLanguage::instance().current(), Language::Chinese);
        QTRY_COMPARE(tabs->tabText(0), QStringLiteral("预算")); // LanguageChange is posted to each window
        QCOMPARE(f.find<QPushButton>("lookUpButton")->text(), QStringLiteral("查询"));
        QVERIFY(f.text("stockState").contains(QStringLiteral("运行中")));
        QVERIFY(f.find<QRadioButton>("dimensionTotal")->text().contains(QStringLiteral("批次总量")));
        QVERIFY(f.find<QRadioButton>("dimensionTotal")->toolTip().contains(QStringLiteral("target_max_coupons")));
        // Qt's own catalogue too (setup-debian.sh installs it; the installers ship it): standard
        // buttons of message boxes and file dialogs.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));

        // A result shown in Chinese, explanation and solution included.
        f.setTarget(65000);
        f.setFaults({QStringLiteral("skew=-400")});
        Dialogs::setNextConfirmation(true);
        f.send();
        QVERIFY(details(f).contains(QStringLiteral("处理：")));

        f.window().findChild<QAction *>(QStringLiteral("languageEnglish"))->trigger();
        QTRY_COMPARE(tabs->tabText(0), QStringLiteral("Budget"));
        QVERIFY(!details(f).contains(QStringLiteral("处理：")));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    }

    void demoFaultMenuDrivesTheSimulator()
    {
        WindowFixture f;
        auto *drop = f.window().findChild<QAction *>(QStringLiteral("fault:drop-after-apply"));
        QVERIFY(drop);
        drop->trigger();
        QVERIFY(f.simulator().faults().faults().dropAfterApply);
        drop->trigger();
        QVERIFY(!f.simulator().faults().faults().dropAfterApply);
    }
    // 帮助 › 使用指南: opened from the menu or with F1, beside the window (not modal), in the
    // UI's language, following a switch; it names the four outcomes and links the API page.
    void userGuideFollowsTheLanguage()
    {
        WindowFixture f;
        QVERIFY(!f.window().userGuide());
        auto *action = f.window().findChild<QAction *>(QStringLiteral("userGuideAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F1));
        QVERIFY(f.window().menuBar()->actions().last()->menu()->actions().contains(action)); // under Help
        action->trigger();
        ui::UserGuide *guide = f.window().userGuide();
        QVERIFY(guide);
        QVERIFY(guide->isVisible());
        QVERIFY(!guide->isModal());
        QVERIFY(guide->width() <= 1092 && guide->height() <= 543 - 40); // within the laptop's window, title bar too
        QVERIFY(guide->maximumSize().width() > 1092); // resizable
        const QString english = guide->text();
        for (const char *outcome :
             {"Applied (已生效)", "Not applied (未生效)", "Unconfirmed (无法确认)", "Rejected (被拒绝)"})
            QVERIFY2(english.contains(QString::fromUtf8(outcome)), outcome);
        QVERIFY(english.contains(QStringLiteral("How a change works")));
        QVERIFY(english.contains(QStringLiteral("Retry the same change")));
        QVERIFY(english.contains(QDir::toNativeSeparators(f.demo().data().auditDatabase())));
        QVERIFY(guide->browser()->openExternalLinks());
        QVERIFY(guide->browser()->toHtml().contains(
            QStringLiteral("https://pay.weixin.qq.com/doc/v3/merchant/4012538963")));

        switchLanguage(f, Language::Chinese);
        QTRY_VERIFY(guide->text().contains(QStringLiteral("修改的步骤")));
        const QString chinese = guide->text();
        for (const char *outcome : {"已生效", "未生效", "无法确认", "被拒绝", "重试同一修改", "核对", "停止发放"})
            QVERIFY2(chinese.contains(QString::fromUtf8(outcome)), outcome);
        QVERIFY(!chinese.contains(QStringLiteral("How a change works")));
        QCOMPARE(guide->windowTitle(), QStringLiteral("使用指南 — BudgetDesk"));
        QVERIFY(guide->browser()->toHtml().contains(
            QStringLiteral("https://pay.weixin.qq.com/doc/v3/merchant/4012538963")));

        // Closed and opened again with F1: the same guide, still in Chinese.
        guide->close();
        QVERIFY(!guide->isVisible());
        f.window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&f.window()));
        QTest::keyClick(&f.window(), Qt::Key_F1);
        QTRY_VERIFY(guide->isVisible());
        QCOMPARE(f.window().userGuide(), guide);
        QVERIFY(guide->text().contains(QStringLiteral("修改的步骤")));

        switchLanguage(f, Language::English);
        QTRY_VERIFY(guide->text().contains(QStringLiteral("How a change works")));
        QVERIFY(!guide->text().contains(QStringLiteral("修改的步骤")));
    }

    // 操作人: a change sent from a profile that names one records it with the change.
    void changeRecordsTheProfilesOperator()
    {
        WindowFixture f({}, QStringLiteral("张三"));
        f.sendChange(Running, 60000);
        QVERIFY(badge(f).contains(QStringLiteral("Applied")));
        const QList<AuditEntry> entries = history(f);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().change.operatorName, QStringLiteral("张三"));
        QCOMPARE(entries.first().change.target, 60000);
        QCOMPARE(entries.first().effectiveOutcome(), QStringLiteral("applied"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
