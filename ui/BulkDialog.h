#pragma once

#include "bulk/BulkRun.h"
#include "bulk/BulkSheet.h"
#include "watch/LookupPacer.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QPointer>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace budgetdesk {
class AuditLog;
class AuditTrail;
class BulkPreview;
class ProfileSession;
} // namespace budgetdesk

namespace budgetdesk::ui {

class BulkTableModel;

// 文件 › 批量修改…: many budget changes from a spreadsheet. A CSV file or text pasted from
// Excel is read, every row looked up and checked (the preview: current → target, what is left
// after, each row's problem, totals); one confirmation for the whole run; then rows are sent one
// at a time with a progress bar, the current row, elapsed and remaining time, and 停止; the
// results table can be exported. The run is journaled, so an interrupted one resumes.
class BulkDialog : public QDialog
{
    Q_OBJECT

public:
    // `folder`: where runs are journaled; `where`: the profile and environment, as the
    // confirmation restates them ("演示商户（商户号 1900000109，演示模式）"); `pacer`: the app's
    // one (the 监控 tab's), so that a run and the watch together stay at its rate — nullptr: its own.
    BulkDialog(ProfileSession &session, AuditLog &log, QString folder, QString where, LookupPacer *pacer,
               QWidget *parent = nullptr);
    ~BulkDialog() override;

    bool loadFile(const QString &path);
    bool loadText(const QString &text); // pasted: tab-separated, with a header row
    void preview();
    // Asks once for the whole run, then sends; false when declined or nothing can be sent.
    bool send();
    void stop();
    // Goes on with an interrupted run (its journal).
    void resume(const BulkJournal &journal);
    bool exportResults(const QString &path) const;

    BulkTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString totalsText() const;
    QString progressText() const;
    bool isRunning() const { return !m_run.isNull() && m_running; }
    const BulkJournal *journal() const { return m_run ? &m_run->journal() : nullptr; }

Q_SIGNALS:
    void previewed();
    void runFinished();

protected:
    void reject() override; // not while a row is being sent: 停止 first

private:
    void showProblem(const QString &text);
    void startRun(const BulkJournal &journal);
    void rowSettled(int index);
    void runEnded();
    void updateProgress();

    ProfileSession &m_session;
    AuditLog &m_log;
    QString m_folder;
    QString m_where;
    QString m_source; // the file read, or "" for pasted text
    LookupPacer m_ownPacer;
    LookupPacer &m_pacer;
    BulkSheet m_sheet;
    QPointer<BulkPreview> m_preview;
    std::unique_ptr<AuditTrail> m_trail;
    QPointer<BulkRun> m_run;
    bool m_running = false;
    QElapsedTimer m_elapsed;
    int m_settled = 0;
    int m_toSend = 0;

    QStackedWidget *m_pages;
    QPlainTextEdit *m_paste;
    QLabel *m_problem;
    QTableView *m_view;
    BulkTableModel *m_model;
    QLabel *m_totals;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_open;
    QPushButton *m_previewButton;
    QPushButton *m_sendButton;
    QPushButton *m_stopButton;
    QPushButton *m_exportButton;
};

} // namespace budgetdesk::ui
