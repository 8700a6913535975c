#include "HistoryPage.h"

#include "AuditTableModel.h"
#include "Dialogs.h"
#include "UiLanguage.h"
#include "audit/AuditCsv.h"
#include "audit/AuditEntryText.h"
#include "audit/AuditTrail.h"
#include "common/Clock.h"
#include "profile/ProfileSession.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace budgetdesk::ui {

namespace {
constexpr int DefaultRangeMonths = 3;
} // namespace

HistoryPage::HistoryPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("historyPage"));
    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    m_stockFilter = new QLineEdit(this);
    m_stockFilter->setObjectName(QStringLiteral("historyStockFilter"));
    m_outcomeFilter = new QComboBox(this);
    m_outcomeFilter->setObjectName(QStringLiteral("historyOutcomeFilter"));
    m_fromLabel = new QLabel(this);
    m_from = new QDateEdit(today().addMonths(-DefaultRangeMonths), this);
    m_from->setObjectName(QStringLiteral("historyFrom"));
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd")); // as everywhere else in the window, in any locale
    m_toLabel = new QLabel(this);
    m_to = new QDateEdit(today(), this);
    m_to->setObjectName(QStringLiteral("historyTo"));
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("exportCsv"));
    m_reconcile = new QPushButton(this);
    m_reconcile->setObjectName(QStringLiteral("reconcileEntry"));
    filters->addWidget(m_stockFilter, 1);
    filters->addWidget(m_outcomeFilter);
    filters->addWidget(m_fromLabel);
    filters->addWidget(m_from);
    filters->addWidget(m_toLabel);
    filters->addWidget(m_to);
    filters->addWidget(m_reconcile);
    filters->addWidget(m_export);
    layout->addLayout(filters);

    m_model = new AuditTableModel(this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(Qt::UserRole);
    // A tree, for the bulk runs folded under their own rows; every other change is a row of
    // its own, as in a table.
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("historyTable"));
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(AuditTableModel::Id, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    layout->addWidget(m_view, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    layout->addWidget(m_status);

    connect(m_stockFilter, &QLineEdit::textChanged, this, &HistoryPage::refresh);
    connect(m_outcomeFilter, &QComboBox::currentIndexChanged, this, &HistoryPage::refresh);
    // Only a user's edit gets here (followClock blocks the signals of its own).
    auto chosen = [this] {
        m_datesChosen = true;
        refresh();
    };
    connect(m_from, &QDateEdit::dateChanged, this, chosen);
    connect(m_to, &QDateEdit::dateChanged, this, chosen);
    connect(m_view, &QTreeView::doubleClicked, this, &HistoryPage::showDetails);
    connect(m_export, &QPushButton::clicked, this, &HistoryPage::exportCsv);
    connect(m_reconcile, &QPushButton::clicked, this, &HistoryPage::reconcileSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HistoryPage::selectionChanged);
    retranslate();
}

void HistoryPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HistoryPage::retranslate()
{
    m_stockFilter->setPlaceholderText(tr("Filter by part of a batch ID, request number or batch name"));
    const int selected = qMax(0, m_outcomeFilter->currentIndex());
    const QSignalBlocker blocker(m_outcomeFilter);
    m_outcomeFilter->clear();
    m_outcomeFilter->addItem(tr("All outcomes"), QString());
    // The four names the table and the CSV use; 无法确认 is every entry not yet settled.
    m_outcomeFilter->addItem(AuditTableModel::outcomeLabel(QStringLiteral("applied")), QStringLiteral("applied"));
    m_outcomeFilter->addItem(AuditTableModel::outcomeLabel(QStringLiteral("not_applied")),
                             QStringLiteral("not_applied"));
    m_outcomeFilter->addItem(AuditTableModel::outcomeLabel(QStringLiteral("unknown")), QStringLiteral("*unresolved"));
    m_outcomeFilter->addItem(AuditTableModel::outcomeLabel(QStringLiteral("rejected")), QStringLiteral("rejected"));
    m_outcomeFilter->setCurrentIndex(selected);
    m_fromLabel->setText(tr("From"));
    m_toLabel->setText(tr("to"));
    m_export->setText(tr("Export CSV…"));
    m_reconcile->setText(tr("Check"));
    m_reconcile->setToolTip(tr("Look the batch up to settle whether an unconfirmed change took effect."));
    m_model->relabel();
    showCounts(); // the same counts, in the new language
    selectionChanged();
}

QDate HistoryPage::today() const
{
    if (!m_clock)
        return QDate::currentDate();
    return QDateTime::fromMSecsSinceEpoch(m_clock->nowMilliseconds()).toLocalTime().date();
}

void HistoryPage::followClock()
{
    if (m_datesChosen || m_to->date() == today())
        return;
    const QSignalBlocker fromBlocker(m_from);
    const QSignalBlocker toBlocker(m_to);
    m_to->setDate(today());
    m_from->setDate(today().addMonths(-DefaultRangeMonths));
}

void HistoryPage::showCounts()
{
    if (!m_countsKnown)
        return;
    m_status->setText(tr("%n change(s)", nullptr, m_shown)
                      + (m_unresolvedShown ? tr(" — %n not confirmed", nullptr, m_unresolvedShown) : QString()));
}

void HistoryPage::setLog(AuditLog *log)
{
    m_log = log;
    refresh();
}

void HistoryPage::setSession(ProfileSession *session, AuditTrail *trail)
{
    m_session = session;
    m_trail = trail;
    selectionChanged();
}

void HistoryPage::showEvent(QShowEvent *event)
{
    if (m_stale || (!m_datesChosen && m_to->date() != today()))
        refresh();
    QWidget::showEvent(event);
}

void HistoryPage::refresh()
{
    // Read when looked at: the log can be long, and start-up should not wait for it.
    if (!isVisible()) {
        m_stale = true;
        Q_EMIT refreshed();
        return;
    }
    m_stale = false;
    followClock();
    if (!m_log) {
        m_model->setEntries({});
        return;
    }
    AuditFilter filter;
    // Part of an ID (spaces of a grouped paste do not count there) or of a batch name.
    filter.idContains = m_stockFilter->text();
    filter.since = QDateTime(m_from->date(), QTime(0, 0));
    filter.until = QDateTime(m_to->date().addDays(1), QTime(0, 0));
    const QString outcome = m_outcomeFilter->currentData().toString();
    if (outcome == QLatin1String("*unresolved"))
        filter.unresolvedOnly = true;
    else
        filter.outcome = outcome;
    const auto found = m_log->query(filter);
    if (!found) {
        m_model->setEntries({});
        m_countsKnown = false;
        m_status->setText(UiLanguage::pick(found.error().text()));
        Q_EMIT refreshed();
        return;
    }
    const QList<AuditEntry> &entries = *found;
    m_model->setEntries(entries);
    // Sized with every run open (a tree measures only the rows it shows): IDs and request
    // numbers are read whole, not elided. Then the settled runs fold; one with a change still
    // unconfirmed stays open, so that its ⚠ row is not hidden.
    m_view->expandAll();
    for (int column = 0; column < AuditTableModel::ColumnCount; ++column)
        m_view->resizeColumnToContents(column);
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        const QModelIndex index = m_sorted->index(row, 0);
        if (!m_model->runHasUnresolved(m_sorted->mapToSource(index)))
            m_view->collapse(index);
    }
    const auto unresolved
        = std::count_if(entries.cbegin(), entries.cend(), [](const AuditEntry &e) { return e.isUnresolved(); });
    m_shown = int(entries.size());
    m_unresolvedShown = int(unresolved);
    m_countsKnown = true;
    showCounts();
    selectionChanged();
    Q_EMIT refreshed();
}

void HistoryPage::selectionChanged()
{
    const AuditEntry *entry = selectedEntry();
    const bool unresolved = entry && entry->isUnresolved();
    m_reconcile->setEnabled(unresolved && m_session && m_trail);
}

const AuditEntry *HistoryPage::selectedEntry() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->entryAt(m_sorted->mapToSource(rows.first()));
}

void HistoryPage::exportCsv()
{
    if (!m_log)
        return;
    const QString file = Dialogs::saveFileName(
        this, tr("Export history"), QDir::home().filePath(QStringLiteral("budgetdesk-history.csv")), tr("CSV (*.csv)"));
    if (file.isEmpty())
        return;
    // In the window's language: a Chinese window gives finance Chinese headers and labels.
    const QByteArray csv = AuditCsv::write(m_model->entries(), {UiLanguage::instance().current()});
    QSaveFile output(file);
    if (output.open(QIODevice::WriteOnly) && output.write(csv) == csv.size() && output.commit())
        m_status->setText(tr("Exported %n change(s) to %1.", nullptr, int(m_model->entries().size())).arg(file));
    else
        m_status->setText(tr("Could not write %1.").arg(file));
}

void HistoryPage::showDetails(const QModelIndex &index)
{
    const AuditEntry *shown = m_model->entryAt(m_sorted->mapToSource(index));
    if (!shown)
        return; // a run's own row: the double-click opened or closed it
    const AuditEntry &entry = *shown;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("historyEntryDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Change #%1").arg(entry.id));
    auto *layout = new QVBoxLayout(dialog);
    auto *text = new QTextBrowser(dialog);
    text->setObjectName(QStringLiteral("historyEntryDetails"));
    text->setPlainText(AuditEntryText::details(entry, UiLanguage::instance().current()));
    layout->addWidget(text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(640, 480);
    dialog->open(); // window-modal, without a nested event loop
}

void HistoryPage::reconcileSelected()
{
    const AuditEntry *selected = selectedEntry();
    if (!selected || !m_session || !m_trail)
        return;
    const AuditEntry entry = *selected;
    if (entry.change.mchid != m_session->profile().callerId()) {
        m_status->setText(
            tr("This change belongs to merchant %1; switch to its profile to check it.").arg(entry.change.mchid));
        return;
    }
    m_reconcile->setEnabled(false);
    m_status->setText(tr("Checking batch %1…").arg(entry.change.budgetChange().label()));
    EntryReconciliation *reconciliation = m_trail->reconcile(m_session->client(), entry);
    m_checking = reconciliation;
    Q_EMIT busyChanged(true);
    connect(
        reconciliation, &EntryReconciliation::finished, this,
        [this, id = entry.id](const EntryReconciliationResult &result) {
            m_checking.clear();
            Q_EMIT busyChanged(false);
            refresh();
            m_status->setText(
                result.outcome.isEmpty()
                    ? tr("Change #%1 could not be checked: %2").arg(id).arg(UiLanguage::pick(result.lookup.summary()))
                    : tr("Change #%1 checked: %2").arg(id).arg(UiLanguage::pick(result.explanation)));
        });
}

} // namespace budgetdesk::ui
