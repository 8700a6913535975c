// 文件 › 批量修改… against the demo simulator (issue 16): a CSV previewed with its problems and
// totals, a row excluded, one confirmation, the run with its progress and results (exported),
// History holding the run's entries; a run stopped after the row in flight and resumed from its
// journal with nothing sent twice; a declined confirmation sending nothing.
#include "WindowFixture.h"

#include "AuditTableModel.h"
#include "BulkDialog.h"
#include "BulkTableModel.h"
#include "Dialogs.h"
#include "HistoryPage.h"
#include "UiLanguage.h"
#include "audit/AuditLog.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

int changesReceived(WindowFixture &f)
{
    return int(f.simulator().changesSeen().size());
}

void previewAndWait(ui::BulkDialog *dialog)
{
    QSignalSpy previewed(dialog, &ui::BulkDialog::previewed);
    dialog->preview();
    QVERIFY(previewed.wait(20000));
}

QString status(ui::BulkDialog *dialog, int row)
{
    return dialog->model()->index(row, ui::BulkTableModel::Status).data().toString();
}

} // namespace

class TestBulkWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { ui::UiLanguage::instance().apply(Language::English); }

    // The README's example file: previewed, one row excluded, sent, results exported.
    void exampleFileEndToEnd()
    {
        WindowFixture f;
        ui::BulkDialog *dialog = f.window().openBulkDialog();
        QVERIFY(dialog);
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("weekend.csv"));
        QVERIFY(QFile::copy(QStringLiteral(BULK_EXAMPLE), input));
        QVERIFY(dialog->loadFile(input));
        previewAndWait(dialog);
        ui::BulkTableModel *model = dialog->model();
        QCOMPARE(model->rowCount(), 5);
        QCOMPARE(model->index(0, ui::BulkTableModel::Target).data(ui::BulkTableModel::SortRole).toLongLong(), 55000);
        QVERIFY2(dialog->totalsText().startsWith(QStringLiteral("5 ready to send")), qPrintable(dialog->totalsText()));

        // 1212000000000003 → 9000 is left out.
        QVERIFY(model->setData(model->index(2, ui::BulkTableModel::Include), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY2(dialog->totalsText().startsWith(QStringLiteral("4 ready to send")), qPrintable(dialog->totalsText()));
        QCOMPARE(status(dialog, 2), QStringLiteral("excluded"));

        ui::Dialogs::setNextConfirmation(true);
        QSignalSpy finished(dialog, &ui::BulkDialog::runFinished);
        QVERIFY(dialog->send());
        QVERIFY(ui::Dialogs::lastConfirmationText().contains(QStringLiteral("4 batch budget(s)")));
        QVERIFY(ui::Dialogs::lastConfirmationText().contains(QStringLiteral("demo mode")));
        QVERIFY(finished.wait(30000));
        const BulkSummary summary = BulkSummary::of(*dialog->journal());
        QCOMPARE(summary.applied, 4);
        QCOMPARE(changesReceived(f), 4);
        QVERIFY(status(dialog, 0).startsWith(QStringLiteral("Applied")));
        QCOMPARE(status(dialog, 2), QStringLiteral("excluded")); // and not sent

        // Results beside the input, and wherever exported; History has the run's entries.
        const QString runId = dialog->journal()->runId;
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("weekend.results-%1.csv").arg(runId))));
        const QString exported = dir.filePath(QStringLiteral("exported.csv"));
        QVERIFY(dialog->exportResults(exported));
        QFile csv(exported);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readAll().contains("line,stock_id"));
        auto log = AuditLog::open(f.demo().data().auditDatabase());
        QVERIFY(log);
        AuditFilter filter;
        filter.runId = runId;
        QCOMPARE((*log)->query(filter)->size(), 4);
        // History: the run's entries folded under one row naming the run and its outcomes; its
        // ID typed into the filter finds that row alone.
        dialog->close();
        f.window().tabs()->setCurrentWidget(f.window().historyPage());
        QAbstractItemModel *history = f.window().historyPage()->view()->model();
        QTRY_COMPARE(history->rowCount(), 1);
        const QModelIndex run = history->index(0, 0);
        QCOMPARE(history->rowCount(run), 4);
        QCOMPARE(history->index(0, ui::AuditTableModel::Run).data().toString(), runId);
        QCOMPARE(history->index(0, ui::AuditTableModel::Stock).data().toString(),
                 QStringLiteral("Bulk run: 4 change(s)"));
        QCOMPARE(history->index(0, ui::AuditTableModel::Outcome).data().toString(), QStringLiteral("Applied 4"));
        for (int row = 0; row < 4; ++row) {
            QCOMPARE(history->index(row, ui::AuditTableModel::Run, run).data().toString(), runId);
            QCOMPARE(history->index(row, ui::AuditTableModel::Outcome, run).data().toString(),
                     QStringLiteral("Applied"));
        }
        // Newest first inside the run too, as outside it.
        QVERIFY(history->index(0, ui::AuditTableModel::Id, run).data().toLongLong()
                > history->index(3, ui::AuditTableModel::Id, run).data().toLongLong());
        f.window().historyPage()->view()->expand(run);
        QCoreApplication::processEvents();
        keepScreenshot(f.window(), QStringLiteral("history-bulk-run"));
        f.find<QLineEdit>("historyStockFilter")->setText(runId);
        QTRY_COMPARE(history->rowCount(history->index(0, 0)), 4);
        QCOMPARE(history->rowCount(), 1);
    }

    // 停止 after the first row; the rest stay planned; the run resumes from its journal and
    // sends each remaining row once.
    void stoppedRunResumes()
    {
        WindowFixture f;
        ui::BulkDialog *dialog = f.window().openBulkDialog();
        QVERIFY(dialog->loadText(QStringLiteral("stock_id\tdimension\tdelta\n1212000000000001\ttotal\t+1\n"
                                                "1212000000000002\ttotal\t+1\n1212000000000003\ttotal\t+1\n")));
        previewAndWait(dialog);
        ui::Dialogs::setNextConfirmation(true);
        QSignalSpy finished(dialog, &ui::BulkDialog::runFinished);
        QVERIFY(dialog->send());
        QVERIFY(dialog->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->progressText().startsWith(QStringLiteral("Row 2 of 3")), 20000);
        dialog->stop(); // the row in flight, if any, ends; no other starts
        QVERIFY(finished.wait(20000));
        const BulkSummary stopped = BulkSummary::of(*dialog->journal());
        QVERIFY(stopped.applied >= 1 && stopped.pending >= 1);
        QCOMPARE(stopped.applied + stopped.pending, 3);
        QVERIFY2(dialog->progressText().contains(QStringLiteral(" of 3 row(s) settled")),
                 qPrintable(dialog->progressText()));
        dialog->close();

        const QList<BulkJournal> unfinished
            = BulkJournal::unfinished(f.demo().data().bulkRunsDirectory(), f.demo().profile().name);
        QCOMPARE(unfinished.size(), 1);
        ui::BulkDialog *again = f.window().openBulkDialog(unfinished.first());
        QSignalSpy resumed(again, &ui::BulkDialog::runFinished);
        QVERIFY(resumed.wait(20000));
        QCOMPARE(BulkSummary::of(*again->journal()).applied, 3);
        QCOMPARE(changesReceived(f), 3); // one each
        QVERIFY(BulkJournal::unfinished(f.demo().data().bulkRunsDirectory(), f.demo().profile().name).isEmpty());
    }

    // The README's picture: a preview in Chinese with a blocked row and a line refused as read.
    // Saved with BUDGETDESK_SCREENSHOTS.
    void previewAsTheReadmeShowsIt()
    {
        ui::UiLanguage::instance().apply(Language::Chinese);
        WindowFixture f;
        ui::BulkDialog *dialog = f.window().openBulkDialog();
        QVERIFY(dialog->loadText(QStringLiteral("批次号\t商品券ID\t维度\t增减\t目标值\t备注\n"
                                                "1212000000000001\t\t批次总量\t+5000\t\t周末加量\n"
                                                "1212000000000001\t\t单日上限\t+10%\t\t\n"
                                                "1212000000000002\t\t批次总量\t-10%\t\t\n"
                                                "1212000000000003\t\t批次总量\t\t9000\t\n"
                                                "1000000013001\t1000000013\t批次总量\t+1000\t\t商品券\n"
                                                "1212000000000004\t\t批次总量\t5k\t\t\n")));
        previewAndWait(dialog);
        dialog->resize(1100, 420);
        QCOMPARE(dialog->model()->rowCount(), 6);
        QVERIFY(dialog->totalsText().startsWith(QStringLiteral("可发送 4 行")));
        QCoreApplication::processEvents();
        keepScreenshot(*dialog, QStringLiteral("bulk-preview"));
    }

    // The window closing while a run goes: the dialog, its run and the change in flight end
    // before the session, the log and the 监控 page's pacer they use (ASan checks the order).
    void windowClosedDuringARun()
    {
        auto f = std::make_unique<WindowFixture>();
        ui::BulkDialog *dialog = f->window().openBulkDialog();
        QVERIFY(dialog->loadText(QStringLiteral("stock_id\tdimension\tdelta\n1212000000000001\ttotal\t+1\n"
                                                "1212000000000002\ttotal\t+1\n1212000000000003\ttotal\t+1\n")));
        previewAndWait(dialog);
        ui::Dialogs::setNextConfirmation(true);
        QVERIFY(dialog->send());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->progressText().startsWith(QStringLiteral("Row 2 of 3")), 20000);
        QVERIFY(dialog->isRunning());
        f.reset();
    }

    // Declined: nothing journaled, nothing sent.
    void declinedSendsNothing()
    {
        WindowFixture f;
        ui::BulkDialog *dialog = f.window().openBulkDialog();
        QVERIFY(dialog->loadText(QStringLiteral("stock_id\tdimension\ttarget\n1212000000000001\ttotal\t60000\n")));
        previewAndWait(dialog);
        ui::Dialogs::setNextConfirmation(false);
        QVERIFY(!dialog->send());
        QVERIFY(!dialog->journal());
        QCOMPARE(changesReceived(f), 0);
    }

    // History's model: changes of a run folded under the run's row (newest first, as the log
    // gives them), other changes rows of their own; a run's outcomes summed up with the ⚠ of
    // one unconfirmed; the run's row is no change (nothing to open or check).
    void historyFoldsRunsUnderTheirRow()
    {
        auto entry = [](qint64 id, const QString &runId, const QString &outcome) {
            AuditEntry e;
            e.id = id;
            e.time = QDateTime::currentDateTimeUtc().addSecs(id);
            e.change.stockId = QStringLiteral("12120000000000%1").arg(id, 2, 10, QLatin1Char('0'));
            e.change.target = 1000 + id;
            e.change.runId = runId;
            if (!outcome.isEmpty()) {
                e.completion.emplace();
                e.completion->outcome = outcome;
            }
            return e;
        };
        const QString run = QStringLiteral("20261204-093012-7f3a");
        ui::AuditTableModel model;
        model.setEntries({entry(6, {}, QStringLiteral("applied")), entry(5, run, QStringLiteral("applied")),
                          entry(4, run, {}), entry(3, {}, QStringLiteral("rejected")),
                          entry(2, run, QStringLiteral("applied"))});
        using M = ui::AuditTableModel;
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.entryAt(model.index(0, 0))->id, 6);
        const QModelIndex runRow = model.index(1, 0);
        QVERIFY(model.isRun(runRow) && !model.entryAt(runRow));
        QVERIFY(model.runHasUnresolved(runRow));
        QCOMPARE(model.rowCount(runRow), 3);
        QCOMPARE(model.entryAt(model.index(0, 0, runRow))->id, 5);
        QCOMPARE(model.entryAt(model.index(2, 0, runRow))->id, 2);
        QCOMPARE(model.parent(model.index(1, M::Stock, runRow)), runRow);
        QCOMPARE(model.index(1, M::Run).data().toString(), run);
        QCOMPARE(model.index(1, M::Stock).data().toString(), QStringLiteral("Bulk run: 3 change(s)"));
        QCOMPARE(model.index(1, M::Outcome).data().toString(),
                 QStringLiteral("⚠ Applied 2, %1 1").arg(M::outcomeLabel(QStringLiteral("pending"))));
        QCOMPARE(model.index(1, M::Id).data(Qt::UserRole).toLongLong(), 5); // sorts as its newest
        QVERIFY(model.index(1, M::Id).data(Qt::BackgroundRole).isValid()); // amber, as its ⚠ row
        QCOMPARE(model.entryAt(model.index(2, 0))->id, 3);
        QCOMPARE(model.rowCount(model.index(2, 0)), 0);
        QCOMPARE(model.entries().size(), 5); // exported whole, unfolded

        ui::UiLanguage::instance().apply(Language::Chinese);
        QCOMPARE(model.index(1, M::Stock).data().toString(), QStringLiteral("批量修改：3 项修改"));
        QVERIFY(model.index(1, M::Outcome).data().toString().startsWith(QStringLiteral("⚠ 已生效 2，")));
    }
};

QTEST_MAIN(TestBulkWindow)
#include "TestBulkWindow.moc"
