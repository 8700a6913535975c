#pragma once

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace budgetdesk {
class AuditLog;
class AuditTrail;
class ProfileSession;
} // namespace budgetdesk

namespace budgetdesk::ui {

class AuditTableModel;

// The audit log: filter, sort, export CSV; unresolved entries highlighted, with 核对.
class HistoryPage : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPage(QWidget *parent = nullptr);

    void setLog(AuditLog *log);
    void setSession(ProfileSession *session, AuditTrail *trail);
    AuditTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

public Q_SLOTS:
    void refresh();
    void exportCsv();
    void reconcileSelected();

Q_SIGNALS:
    void refreshed(); // the log was read again: unresolved counts may have changed

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void selectionChanged();

    bool m_stale = true;
    AuditLog *m_log = nullptr;
    ProfileSession *m_session = nullptr;
    AuditTrail *m_trail = nullptr;
    AuditTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_view;
    QLineEdit *m_stockFilter;
    QComboBox *m_outcomeFilter;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_fromLabel;
    QLabel *m_toLabel;
    QPushButton *m_export;
    QPushButton *m_reconcile;
    QLabel *m_status;
};

} // namespace budgetdesk::ui
