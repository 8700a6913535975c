#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QModelIndex;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace budgetdesk {
class AuditLog;
struct AuditEntry;
class Clock;
class AuditTrail;
class EntryReconciliation;
class ProfileSession;
} // namespace budgetdesk

namespace budgetdesk::ui {

class AuditTableModel;

// The audit log: filter (part of a batch ID, request number or name; outcome; dates), sort,
// export CSV for finance; unresolved entries highlighted, with 核对; a double-click shows an
// entry's full account.
class HistoryPage : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPage(QWidget *parent = nullptr);

    void setLog(AuditLog *log);
    void setSession(ProfileSession *session, AuditTrail *trail);
    AuditTableModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    // Where "today" comes from, for the default date range (tests move it past midnight).
    void setClock(const Clock *clock) { m_clock = clock; }

public Q_SLOTS:
    void refresh();
    void exportCsv();
    void reconcileSelected();
    // The full account of the entry on `row` of the table as shown, in a dialog.
    void showDetails(const QModelIndex &index);

    // 核对 is running: it may re-send a change through the session's client, which must not be
    // swapped away meanwhile (the re-send would be lost unrecorded).
    bool isBusy() const { return !m_checking.isNull(); }

Q_SIGNALS:
    void refreshed(); // the log was read again: unresolved counts may have changed
    void busyChanged(bool busy);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void selectionChanged();
    const AuditEntry *selectedEntry() const; // none when nothing, or a run's own row, is selected
    void showCounts();
    QDate today() const;
    // Until the user picks dates, the range is the last three months up to today — today
    // as the clock says now, not as it was when the window opened.
    void followClock();

    bool m_stale = true;
    bool m_datesChosen = false; // the user picked a date: the range stays as they left it
    int m_shown = 0;
    int m_unresolvedShown = 0;
    bool m_countsKnown = false;
    const Clock *m_clock = nullptr;
    AuditLog *m_log = nullptr;
    ProfileSession *m_session = nullptr;
    AuditTrail *m_trail = nullptr;
    AuditTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTreeView *m_view;
    QLineEdit *m_stockFilter;
    QComboBox *m_outcomeFilter;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_fromLabel;
    QLabel *m_toLabel;
    QPushButton *m_export;
    QPushButton *m_reconcile;
    QLabel *m_status;
    QPointer<EntryReconciliation> m_checking;
};

} // namespace budgetdesk::ui
