#include "BulkDialog.h"

#include "BulkTableModel.h"
#include "Dialogs.h"
#include "StatusColours.h"
#include "UiLanguage.h"
#include "audit/AuditTrail.h"
#include "bulk/BulkPreview.h"
#include "bulk/BulkResults.h"
#include "profile/ProfileSession.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace budgetdesk::ui {

namespace {

QString duration(qint64 seconds)
{
    return seconds >= 3600 ? QStringLiteral("%1:%2:%3")
                                 .arg(seconds / 3600)
                                 .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                                 .arg(seconds % 60, 2, 10, QLatin1Char('0'))
                           : QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

BulkDialog::BulkDialog(ProfileSession &session, AuditLog &log, QString folder, QString where, LookupPacer *pacer,
                       QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_log(log)
    , m_folder(std::move(folder))
    , m_where(std::move(where))
    , m_ownPacer(LookupPacer::DefaultPerSecond)
    , m_pacer(pacer ? *pacer : m_ownPacer)
{
    setObjectName(QStringLiteral("bulkDialog"));
    setWindowTitle(tr("Bulk changes"));
    resize(1000, 600);
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages);

    // Page 0: the input.
    auto *input = new QWidget(m_pages);
    auto *inputLayout = new QVBoxLayout(input);
    auto *intro = new QLabel(
        tr("Open a CSV file (UTF-8 or GB18030, as Excel saves it) or paste rows copied from Excel, with the header "
           "row: stock_id, product_coupon_id, dimension (total / per_day), and one of target, delta (+5000, -10%) "
           "or stop (yes); optional request_no and note. Chinese headers (批次号, 维度, 目标值, 增减, 停止发放) work "
           "too."),
        input);
    intro->setWordWrap(true);
    inputLayout->addWidget(intro);
    m_paste = new QPlainTextEdit(input);
    m_paste->setObjectName(QStringLiteral("bulkPaste"));
    m_paste->setPlaceholderText(QStringLiteral("stock_id\tdimension\tdelta\n1212000000000001\ttotal\t+5000"));
    inputLayout->addWidget(m_paste);
    m_pages->addWidget(input);

    // Page 1: the table (preview, progress and results alike).
    auto *table = new QWidget(m_pages);
    auto *tableLayout = new QVBoxLayout(table);
    m_model = new BulkTableModel(this);
    auto *sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_model);
    sorted->setSortRole(BulkTableModel::SortRole);
    m_view = new QTableView(table);
    m_view->setObjectName(QStringLiteral("bulkTable"));
    m_view->setModel(sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(BulkTableModel::Line, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    tableLayout->addWidget(m_view);
    m_totals = new QLabel(table);
    m_totals->setObjectName(QStringLiteral("bulkTotals"));
    m_totals->setWordWrap(true);
    tableLayout->addWidget(m_totals);
    m_progress = new QProgressBar(table);
    m_progress->setObjectName(QStringLiteral("bulkProgress"));
    m_progress->hide();
    tableLayout->addWidget(m_progress);
    m_progressText = new QLabel(table);
    m_progressText->setObjectName(QStringLiteral("bulkProgressText"));
    tableLayout->addWidget(m_progressText);
    m_pages->addWidget(table);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("bulkProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);

    auto *buttons = new QHBoxLayout;
    m_open = new QPushButton(tr("Open CSV…"), this);
    m_previewButton = new QPushButton(tr("Preview"), this);
    m_previewButton->setObjectName(QStringLiteral("bulkPreview"));
    m_sendButton = new QPushButton(tr("Send…"), this);
    m_sendButton->setObjectName(QStringLiteral("bulkSend"));
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setObjectName(QStringLiteral("bulkStop"));
    m_exportButton = new QPushButton(tr("Export results…"), this);
    m_exportButton->setObjectName(QStringLiteral("bulkExport"));
    auto *close = new QPushButton(tr("Close"), this);
    for (QPushButton *button : {m_open, m_previewButton, m_sendButton, m_stopButton, m_exportButton})
        buttons->addWidget(button);
    buttons->addStretch();
    buttons->addWidget(close);
    layout->addLayout(buttons);
    m_sendButton->setEnabled(false);
    m_stopButton->hide();
    m_exportButton->hide();

    connect(m_open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open bulk changes"), {},
                                                          tr("CSV or text (*.csv *.txt);;All files (*)"));
        if (!path.isEmpty() && loadFile(path))
            preview();
    });
    connect(m_previewButton, &QPushButton::clicked, this, [this] {
        if (loadText(m_paste->toPlainText()))
            preview();
    });
    connect(m_sendButton, &QPushButton::clicked, this, &BulkDialog::send);
    connect(m_stopButton, &QPushButton::clicked, this, &BulkDialog::stop);
    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        const QString path
            = Dialogs::saveFileName(this, tr("Export results"), QStringLiteral("bulk-results.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty() && !exportResults(path))
            showProblem(tr("The results could not be written to %1.").arg(QDir::toNativeSeparators(path)));
    });
    connect(close, &QPushButton::clicked, this, &BulkDialog::reject);
}

BulkDialog::~BulkDialog()
{
    delete m_preview;
    delete m_run; // before the trail it writes through
}

void BulkDialog::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setStyleSheet(StatusColours::textStyle(StatusTone::Failure, palette()));
    m_problem->setVisible(!text.isEmpty());
}

bool BulkDialog::loadFile(const QString &path)
{
    auto sheet = BulkSheet::load(path);
    if (!sheet) {
        showProblem(UiLanguage::pick(sheet.error()));
        return false;
    }
    m_sheet = std::move(sheet).value();
    m_source = path;
    return true;
}

bool BulkDialog::loadText(const QString &text)
{
    auto sheet = BulkSheet::read(text.toUtf8());
    if (!sheet) {
        showProblem(UiLanguage::pick(sheet.error()));
        return false;
    }
    m_sheet = std::move(sheet).value();
    m_source.clear();
    return true;
}

void BulkDialog::preview()
{
    showProblem({});
    delete m_preview;
    const MerchantProfile &profile = m_session.profile();
    // A 服务商's 商品券 rows are for the brand it serves (the first, when several).
    const QString brand = profile.isBrand() ? QString() : profile.brands.value(0);
    m_preview = new BulkPreview(m_session.client(), m_pacer, m_sheet.rows(), brand, profile.callerId(), this);
    m_model->setPreview({}, m_sheet.problems());
    m_pages->setCurrentIndex(1);
    m_previewButton->setEnabled(false);
    m_sendButton->setEnabled(false);
    m_totals->setText(tr("Looking %n row(s) up (at most 5 a second)…", nullptr, int(m_sheet.rows().size())));
    connect(m_preview, &BulkPreview::finished, this, [this] {
        m_model->setPreview(m_preview->checks(), m_sheet.problems());
        const BulkTotals totals = BulkTotals::of(m_preview->checks());
        m_totals->setText(totalsText());
        m_previewButton->setEnabled(true);
        m_sendButton->setEnabled(totals.ready > 0);
        Q_EMIT previewed();
    });
    if (m_sheet.rows().isEmpty())
        QMetaObject::invokeMethod(m_preview, &BulkPreview::finished, Qt::QueuedConnection);
    else
        m_preview->start();
}

QString BulkDialog::totalsText() const
{
    const BulkTotals totals = BulkTotals::of(m_model->checks());
    const BulkTotals chosen = BulkTotals::of(m_model->chosen());
    const int excluded = totals.ready - chosen.ready;
    return tr("%1 ready to send, %2 blocked, %3 refused as read, %4 already at the target, %5 excluded. "
              "Coupons added: %6, removed: %7.")
        .arg(chosen.ready)
        .arg(totals.blocked)
        .arg(m_sheet.problems().size())
        .arg(totals.unchanged)
        .arg(excluded)
        .arg(QLocale().toString(chosen.added))
        .arg(QLocale().toString(chosen.removed));
}

bool BulkDialog::send()
{
    const QList<BulkCheck> chosen = m_model->chosen();
    if (chosen.isEmpty() || isRunning())
        return false;
    BulkTotals totals = BulkTotals::of(chosen);
    const QString question
        = tr("Change %n batch budget(s) on %1: %2 coupons added, %3 removed, one row at a time at most 5 a "
             "second. Rows not ready or excluded are not sent. Send?",
             nullptr, totals.ready)
              .arg(m_where, QLocale().toString(totals.added), QLocale().toString(totals.removed));
    if (!Dialogs::confirm(this, tr("Send bulk changes"), question))
        return false;
    const MerchantProfile &profile = m_session.profile();
    BulkJournal journal
        = BulkJournal::plan(chosen, profile.name, m_source, profile.isBrand() ? QString() : profile.brands.value(0));
    // Before anything is sent: every row, its request number and the run on disk.
    if (const auto problem = journal.save(BulkJournal::pathFor(m_folder, journal.runId))) {
        showProblem(UiLanguage::pick(*problem));
        return false;
    }
    startRun(journal);
    return true;
}

void BulkDialog::resume(const BulkJournal &journal)
{
    // The rows the journal holds, shown as a preview would (values as they were then).
    QList<BulkCheck> checks;
    for (const BulkJournalRow &row : journal.rows) {
        BulkCheck check;
        check.row.line = row.line;
        check.row.key = row.key;
        check.row.dimension = row.dimension;
        check.row.request = {BulkRequest::Kind::Target, row.target.value_or(0)};
        check.current = row.previewCurrent;
        check.target = row.target;
        checks.append(check);
    }
    m_sheet = BulkSheet();
    m_source = journal.source;
    m_model->setPreview(checks, {});
    m_pages->setCurrentIndex(1);
    startRun(journal);
}

void BulkDialog::startRun(const BulkJournal &journal)
{
    const MerchantProfile &profile = m_session.profile();
    m_trail = std::make_unique<AuditTrail>(m_log, profile.name, profile.callerId(), QStringLiteral("window"),
                                           profile.operatorName);
    delete m_run;
    m_run = new BulkRun(m_session.client(), *m_trail, m_pacer, journal, BulkJournal::pathFor(m_folder, journal.runId),
                        profile.callerId(), this);
    m_model->setJournal(&m_run->journal());
    m_settled = 0;
    m_toSend = int(std::count_if(journal.rows.cbegin(), journal.rows.cend(), [](const BulkJournalRow &row) {
        return row.state != BulkJournalRow::State::Settled;
    }));
    m_progress->setRange(0, std::max(1, m_toSend));
    m_progress->setValue(0);
    m_progress->show();
    m_stopButton->show();
    m_stopButton->setEnabled(true);
    m_sendButton->setEnabled(false);
    m_previewButton->setEnabled(false);
    m_open->setEnabled(false);
    m_running = true;
    m_elapsed.start();
    connect(m_run, &BulkRun::rowSettled, this, &BulkDialog::rowSettled);
    connect(m_run, &BulkRun::rowStarted, this, [this] { updateProgress(); });
    connect(m_run, &BulkRun::journalFailed, this,
            [this](const BilingualText &why) { showProblem(UiLanguage::pick(why)); });
    connect(m_run, &BulkRun::finished, this, &BulkDialog::runEnded);
    m_run->start();
}

void BulkDialog::rowSettled(int index)
{
    ++m_settled;
    m_model->rowChanged(index);
    m_progress->setValue(m_settled);
    updateProgress();
}

void BulkDialog::updateProgress()
{
    m_progressText->setText(progressText());
}

QString BulkDialog::progressText() const
{
    const qint64 elapsed = m_elapsed.isValid() ? m_elapsed.elapsed() / 1000 : 0;
    const int left = m_toSend - m_settled;
    const qint64 remaining = m_settled > 0 ? elapsed * left / m_settled : qint64(left / LookupPacer::DefaultPerSecond);
    if (!m_running)
        return tr("%1 of %2 row(s) settled in %3.").arg(m_settled).arg(m_toSend).arg(duration(elapsed));
    return tr("Row %1 of %2 — elapsed %3, about %4 left.")
        .arg(std::min(m_settled + 1, m_toSend))
        .arg(m_toSend)
        .arg(duration(elapsed), duration(remaining));
}

void BulkDialog::stop()
{
    if (m_run && m_running) {
        m_run->cancel();
        m_stopButton->setEnabled(false);
        m_progressText->setText(tr("Stopping after the row being sent…"));
    }
}

void BulkDialog::runEnded()
{
    m_running = false;
    m_stopButton->hide();
    m_exportButton->show();
    const BulkSummary summary = BulkSummary::of(m_run->journal());
    m_totals->setText(tr("Run %1: %2 applied, %3 not applied, %4 unknown, %5 rejected, %6 skipped%7.")
                          .arg(m_run->journal().runId)
                          .arg(summary.applied)
                          .arg(summary.notApplied)
                          .arg(summary.unknown)
                          .arg(summary.rejected)
                          .arg(summary.skipped)
                          .arg(summary.pending
                                   ? tr("; %n row(s) not sent — it can be resumed", nullptr, summary.pending)
                                   : QString()));
    updateProgress();
    // The results beside the input file, as the CLI writes them; export can put them elsewhere.
    if (!m_source.isEmpty())
        exportResults(BulkResults::pathBeside(m_source, m_run->journal().runId));
    Q_EMIT runFinished();
}

bool BulkDialog::exportResults(const QString &path) const
{
    if (!m_run)
        return false;
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly)
        && file.write(BulkResults::csv(m_run->journal(), m_sheet.problems(), UiLanguage::instance().current())) >= 0
        && file.commit();
}

void BulkDialog::reject()
{
    if (isRunning()) {
        showProblem(tr("A row is being sent: press Stop, and close once it has finished."));
        return;
    }
    QDialog::reject();
}

} // namespace budgetdesk::ui
